"""The findings as CSV: one column definition for the checker's ``--format csv`` (and so the
in-browser check's download) and the portal's report CSV (``mottak`` ``report_csv``).

Columns: Kontroll;Alvorlighet;Linje;Journalnummer;Saksbehandler;Felt;Melding, the severity as
a Norwegian label (Kritisk feil, Feil, Advarsel, Info), ``;`` as separator, CRLF line ends, a
UTF-8 byte order mark first (so Excel reads æøå), and every cell neutralised against formulas
(:mod:`kontroll.spreadsheet`). Labels in English with ``lang="en"`` (kontroll's LABELS).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from kontroll.i18n import N_
from kontroll.messages import translate
from kontroll.spreadsheet import SafeWriter, csv_writer

BOM = "\ufeff"
DELIMITER = ";"
COLUMNS = (
    N_("Kontroll"),
    N_("Alvorlighet"),
    N_("Linje"),
    N_("Journalnummer"),
    N_("Saksbehandler"),
    N_("Felt"),
    N_("Melding"),
)
SEVERITY_LABELS = {
    "FATAL": N_("Kritisk feil"),
    "ERROR": N_("Feil"),
    "WARNING": N_("Advarsel"),
    "INFO": N_("Info"),
}


def header(lang: str = "nb") -> list[str]:
    """The header row in ``lang``."""
    return [translate(label, lang) for label in COLUMNS]


def severity_label(severity: str, lang: str = "nb") -> str:
    """ "ERROR" -> "Feil" ("Error" in English); an unknown name as it is."""
    return translate(SEVERITY_LABELS.get(severity, severity), lang)


def row(
    *,
    rule: str,
    severity: str,
    line: int | None,
    journal_number: str,
    caseworker: str,
    fields: Sequence[str],
    message: str,
    lang: str = "nb",
) -> list[Any]:
    """One finding's cells (``severity`` by name, e.g. "ERROR")."""
    return [rule, severity_label(severity, lang), line or "", journal_number, caseworker,
            ",".join(fields), message]  # fmt: skip


def writer(stream: Any) -> SafeWriter:
    """A CSV writer with the format's separator, cells neutralised; writes the BOM first."""
    stream.write(BOM)
    return csv_writer(stream, delimiter=DELIMITER)


def write_findings(stream: Any, findings: Iterable[Any], lang: str = "nb") -> None:
    """The header and a row per kontroll :class:`~kontroll.findings.Finding`."""
    w = writer(stream)
    w.writerow(header(lang))
    for f in findings:
        w.writerow(row(rule=f.rule, severity=f.severity.name, line=f.line,
                       journal_number=f.journal_number, caseworker=f.caseworker,
                       fields=f.fields, message=f.text(lang), lang=lang))  # fmt: skip
