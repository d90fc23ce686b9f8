"""The control report as one self-contained HTML page (``--format html``) to open and print.

No external styles, scripts or fonts: the page works offline and prints on A4. Every value
from the file is escaped; national id and DUF numbers never reach it (findings are masked when
they are created, see :mod:`kontroll.personvern`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from kontroll import kommuner
from kontroll.i18n import N_, finding_text, translator
from kontroll.report import STATISTICS_LABELS, Report

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem;
       color: #1a1a1a; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin-top: 1.75rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { font-weight: 700; padding: .4rem .75rem; display: inline-block; border-radius: 4px; }
.ok { background: #e3f4ea; color: #14532d; }
.not-ok { background: #fde8e8; color: #7f1d1d; }
.FATAL, .ERROR { color: #7f1d1d; font-weight: 600; }
.WARNING { color: #7c4a03; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def _rows(cells: list[list[str]], head: list[str], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    out = ["<table><thead><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in cells:
        out.append("<tr>")
        for i, cell in enumerate(row):
            css = ' class="num"' if i in numeric else ""
            out.append(f"<td{css}>{cell}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _statistics(value: Mapping[str, Any], tr: Callable[[str], str]) -> str:
    scalars: list[list[str]] = []
    tables: list[str] = []
    for key, item in value.items():
        label = escape(tr(STATISTICS_LABELS.get(key, key)))
        if isinstance(item, list) and all(
            isinstance(row, Mapping) and {"group", "count"} <= row.keys() for row in item
        ):
            rows = [[escape(tr(str(row["group"]))), str(row["count"])] for row in item]
            tables.append(
                f"<h3>{label}</h3>" + _rows(rows, [tr(N_("Gruppe")), tr(N_("Antall"))], {1})
            )
        elif isinstance(item, Mapping):
            tables.append(f"<h3>{label}</h3>" + _statistics(item, tr))
        else:
            scalars.append([label, escape(str(item))])
    head = _rows(scalars, [tr(N_("Tall")), tr(N_("Verdi"))], {1}) if scalars else ""
    return head + "".join(tables)


def render_html(report: Report, *, lang: str = "nb") -> str:
    """The report as an HTML page in ``lang`` ("nb" bokmål or "en" English)."""
    tr = translator(lang)
    k = kommuner.kommune_get(report.kommune, report.aar)
    name = f"{report.kommune} {k.navn}" if k else report.kommune
    if report.bydel:
        bydel = kommuner.bydeler().get(report.bydel, "")
        name += " " + tr(N_("bydel {bydel}")).format(bydel=f"{report.bydel} {bydel}".strip())
    title = tr(N_("Kontrollrapport for skjema {skjema}, statistikkår {aar}")).format(
        skjema=report.skjema, aar=report.aar
    )
    verdict = (
        f'<p class="verdict ok">{escape(tr(N_("Filen er godkjent.")))}</p>'
        if report.accepted
        else f'<p class="verdict not-ok">{escape(tr(N_("Filen er IKKE godkjent.")))}</p>'
    )
    out = [
        "<!doctype html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{escape(title)} – {escape(name)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p><strong>{escape(tr(N_('Kommune')))}:</strong> {escape(name)}<br>",
        f"<strong>{escape(tr(N_('Antall poster')))}:</strong> {report.records}</p>",
        verdict,
    ]
    if report.stopped:
        out.append(f"<p>{escape(tr(N_('Kontrollen ble stoppet av en kritisk feil (FATAL).')))}</p>")
    summary = report.summary(lang)
    out.append(f"<h2>{escape(tr(N_('Oppsummering per kontroll')))}</h2>")
    if summary:
        rows = [
            [escape(rule_id), f'<span class="{s["severity"]}">{s["severity"]}</span>',
             str(s["count"]), escape(s["title"])]
            for rule_id, s in summary.items()
        ]  # fmt: skip
        head = [tr(N_("Kontroll")), tr(N_("Alvorlighet")), tr(N_("Antall")), tr(N_("Tittel"))]
        out.append(_rows(rows, head, {2}))
        out.append(f"<h2>{escape(tr(N_('Funn')))}</h2>")
        messages = [finding_text(f, lang) for f in report.findings]
        rows = [
            [
                "" if f.line is None else str(f.line),
                escape(f.rule),
                f'<span class="{f.severity.label}">{f.severity.label}</span>',
                escape(f.journal_number),
                escape(f.caseworker),
                escape(message),
            ]
            for f, message in zip(report.findings, messages, strict=True)
        ]
        head = [
            tr(N_("Linje")),
            tr(N_("Kontroll")),
            tr(N_("Alvorlighet")),
            tr(N_("Journalnummer")),
            tr(N_("Saksbehandler")),
            tr(N_("Melding")),
        ]
        out.append(_rows(rows, head, {0}))
    else:
        out.append(f"<p>{escape(tr(N_('Ingen funn.')))}</p>")
    if report.statistics:
        out.append(f"<h2>{escape(tr(N_('Statistikk')))}</h2>")
        out.append(_statistics(report.statistics, tr))
    out.append("</body></html>\n")
    return "\n".join(out)
