"""The control report: findings, a summary per rule and the statistics summary."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kontroll.findings import Finding, Severity
from kontroll.i18n import N_, translator


@dataclass(slots=True, frozen=True)
class RuleInfo:
    """What the report needs to know about a rule that ran."""

    id: str
    title: str
    severity: Severity


@dataclass(slots=True)
class Report:
    """The result of one control run.

    ``accepted`` is True when no finding is FATAL or ERROR. ``rules`` lists the rules that
    applied (for titles and the per-rule summary); ``stopped`` is True when a FATAL finding
    ended the checks early.
    """

    skjema: str
    aar: int
    kommune: str
    bydel: str | None
    records: int
    findings: list[Finding]
    rules: list[RuleInfo] = field(default_factory=list)
    statistics: dict[str, Any] = field(default_factory=dict)
    stopped: bool = False

    @property
    def accepted(self) -> bool:
        return not any(f.severity >= Severity.ERROR for f in self.findings)

    @property
    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def summary(self, lang: str = "nb") -> dict[str, dict[str, Any]]:
        """Per rule with findings, in catalogue order: count, severity label and title."""
        tr = translator(lang)
        counts: dict[str, int] = {}
        severities: dict[str, Severity] = {}
        for f in self.findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
            if f.rule not in severities or f.severity > severities[f.rule]:
                severities[f.rule] = f.severity
        titles = {r.id: tr(r.title) for r in self.rules}
        order = {r.id: i for i, r in enumerate(self.rules)}
        return {
            rule_id: {
                "count": counts[rule_id],
                "severity": severities[rule_id].label,
                "title": titles.get(rule_id, ""),
            }
            for rule_id in sorted(counts, key=lambda r: (order.get(r, len(order)), r))
        }

    def as_dict(self, lang: str = "nb") -> dict[str, Any]:
        """The JSON contract of ``manage.py kontroll``; messages and titles in ``lang``."""
        return {
            "skjema": self.skjema,
            "aar": self.aar,
            "kommune": self.kommune,
            "bydel": self.bydel,
            "records": self.records,
            "accepted": self.accepted,
            "findings": [f.as_dict(lang) for f in self.findings],
            "summary": self.summary(lang),
            "statistics": self.statistics,
        }

    def as_text(self, lang: str = "nb") -> str:
        """A readable text report in ``lang`` (bokmål or English)."""
        out: list[str] = []
        tr = translator(lang)
        where = self.kommune + (f" bydel {self.bydel}" if self.bydel else "")
        out.append(
            tr("Kontrollrapport for skjema {skjema}, statistikkår {aar}, kommune {where}").format(
                skjema=self.skjema, aar=self.aar, where=where
            )
        )
        out.append(tr("Antall poster: {n}").format(n=self.records))
        verdict = tr("Filen er godkjent.") if self.accepted else tr("Filen er IKKE godkjent.")
        out.append(verdict)
        if self.stopped:
            out.append(tr("Kontrollen ble stoppet av en kritisk feil (FATAL)."))
        out.append("")
        summary = self.summary(lang)
        if summary:
            out.append(tr("Oppsummering per kontroll:"))
            for rule_id, s in summary.items():
                out.append(f"  {rule_id:5} {s['severity']:8} {s['count']:7}  {s['title']}")
            out.append("")
            out.append(tr("Funn:"))
            for f in self.findings:
                line = tr("linje {n}").format(n=f.line) if f.line is not None else tr("filen")
                who = ", ".join(
                    part
                    for part in (
                        tr("journalnr. {j}").format(j=f.journal_number) if f.journal_number else "",
                        tr("saksbehandler {s}").format(s=f.caseworker) if f.caseworker else "",
                    )
                    if part
                )
                head = f"  [{f.rule} {f.severity.label}] {line}" + (f" ({who})" if who else "")
                out.append(f"{head}: {f.text(lang)}")
        else:
            out.append(tr("Ingen funn."))
        if self.statistics:
            out.append("")
            out.append(tr("Statistikk:"))
            out.extend(_text_lines(self.statistics, indent=1, tr=tr))
        return "\n".join(out) + "\n"


# Norwegian headings for the statistics keys of the text report (the JSON keeps the keys).
STATISTICS_LABELS = {
    "recipients": N_("Antall mottakere"),
    "participants": N_("Antall deltakere"),
    "bidrag_total": N_("Sum bidrag (kr)"),
    "laan_total": N_("Sum lån (kr)"),
    "benefit_total": N_("Sum stønad (kr)"),
    "by_age": N_("Etter alder"),
    "by_months": N_("Etter antall måneder med stønad"),
    "by_amount": N_("Etter samlet stønad"),
}


def _text_lines(value: Mapping[str, Any], indent: int, tr: Callable[[str], str] = str) -> list[str]:
    lines: list[str] = []
    pad = "  " * indent
    for raw_key, item in value.items():
        key = tr(STATISTICS_LABELS.get(raw_key, raw_key))
        if isinstance(item, Mapping):
            lines.append(f"{pad}{key}:")
            lines.extend(_text_lines(item, indent + 1, tr))
        elif isinstance(item, list) and all(
            isinstance(row, Mapping) and {"group", "count"} <= row.keys() for row in item
        ):
            lines.append(f"{pad}{key}:")
            lines.extend(f"{pad}  {tr(str(row['group']))}: {row['count']}" for row in item)
        else:
            lines.append(f"{pad}{key}: {item}")
    return lines
