"""Intake and error statistics for SSB's working group.

Intake is counted "as of" a chosen date: a kommune that has delivered now counts as delivered
on day D when its form first became complete with accepted deliveries (or it declared no
participants) by the end of D. Deliveries withdrawn since are not counted for any day.
Error statistics count the findings of the latest controlled delivery of each kommune.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from django.utils.translation import gettext

from mottak.models import Kommune, ObligationMark, ReportingRound
from mottak.selectors.file_status import FileFacts, file_facts_list
from mottak.selectors.overview import overview_forms
from mottak.services.calendar import eform_receipts_get, oslo_date
from mottak.states import CellState


@dataclass
class IntakeForm:
    skjema: str
    deadline: date | None
    obligated: int
    delivered: int
    delivered_in_time: int
    no_participants: int
    missing: list[str]
    missing_late: list[str]
    days: list[tuple[date, int]] = field(default_factory=list)
    eform: bool = False  # taken only as an e-form (registered by SSB), not as a file

    @property
    def missing_count(self) -> int:
        return len(self.missing)

    @property
    def missing_late_count(self) -> int:
        return len(self.missing_late)


def _settled_on(facts: FileFacts | None) -> date | None:
    """The day the form first counted as delivered (or no participants were declared)."""
    if facts is None or facts.delivered_since is None:
        return None
    return oslo_date(facts.delivered_since)


def intake_get(*, aar: int, on: date) -> list[IntakeForm]:
    """Per form of the round: delivered, missing (late among them), no participants, in time.

    Kommuner marked not applicable are left out entirely; those that declared no participants
    are counted apart and never as missing. The day series runs from the round's opening
    (or the first delivery) to `on`.
    """
    forms, deadlines = overview_forms(aar=aar)
    kommuner = list(Kommune.objects.valid_in(aar).values_list("nummer", flat=True))
    marks = ObligationMark.objects.filter(aar=aar).values_list("kommune_nr", "skjema", "kind")
    na = {(k, s) for k, s, kind in marks if kind == ObligationMark.Kind.NOT_APPLICABLE}
    eform = {key: oslo_date(at) for key, at in eform_receipts_get(aar=aar).items()}
    rnd = ReportingRound.objects.filter(aar=aar).first()
    eform_only = {
        f.skjema for f in (rnd.forms.all() if rnd else []) if f.takes_eform and not f.takes_files
    }
    result = []
    for skjema in forms:
        facts = file_facts_list(aar=aar, skjema=skjema)
        deadline = deadlines.get(skjema)
        per_day: Counter = Counter()
        delivered = in_time = no_participants = 0
        missing: list[str] = []
        obligated = 0
        for nr in kommuner:
            if (nr, skjema) in na:
                continue
            obligated += 1
            f = facts.get(nr)
            day = _settled_on(f)
            if f is not None and day is not None and day <= on:
                if f.state == CellState.NO_PARTICIPANTS:
                    no_participants += 1
                else:
                    delivered += 1
                    per_day[day] += 1
                    if deadline is None or day <= deadline:
                        in_time += 1
            elif (nr, skjema) in eform and eform[(nr, skjema)] <= on:
                received_on = eform[(nr, skjema)]
                delivered += 1
                per_day[received_on] += 1
                if deadline is None or received_on <= deadline:
                    in_time += 1
            else:
                missing.append(nr)
        late = missing if deadline is not None and on > deadline else []
        days = _day_series(rnd, per_day, on)
        result.append(
            IntakeForm(
                skjema=skjema,
                deadline=deadline,
                obligated=obligated,
                delivered=delivered,
                delivered_in_time=in_time,
                no_participants=no_participants,
                missing=missing,
                missing_late=list(late),
                days=days,
                eform=skjema in eform_only,
            )
        )
    return result


def _day_series(rnd, per_day: Counter, on: date) -> list[tuple[date, int]]:
    """Every day of the round's span (opening to correction cutoff; without a round, the
    first delivery to `on`), widened to hold every counted delivery, so the bars add up to
    the table's "delivered". Days after `on` are in the span with no deliveries yet."""
    start = rnd.opens_on if rnd else min(per_day, default=on)
    end = rnd.correction_cutoff_on if rnd else on
    if per_day:
        start, end = min(start, *per_day), max(end, *per_day)
    days = []
    d = start
    while d <= end:
        days.append((d, per_day[d]))
        d += timedelta(days=1)
    return days


@dataclass
class RuleStat:
    rule: str
    title: str
    severity: str  # the catalogue's name: FATAL, ERROR, WARNING, INFO
    kommuner: int
    records: int

    @property
    def severity_label(self) -> str:
        return severity_label(self.severity)


def severity_label(severity: str) -> str:
    """Norwegian label of a severity name ("WARNING" -> "Advarsel")."""
    from mottak.models.deliveries import Severity

    try:
        return str(Severity(severity).label)
    except ValueError:
        return severity


@cache
def _rule_titles(skjema: str, aar: int) -> dict[str, str]:
    from kontroll.registry import rules_for

    return {r.id: r.title for r in rules_for(skjema, aar)}


def rule_title(*, skjema: str, aar: int, rule: str) -> str:
    """The rule's title from the kontroll registry (translated for display), or ""."""
    title = _rule_titles(skjema, aar).get(rule, "")
    return gettext(title) if title else ""


def error_statistics_list(*, aar: int, skjema: str) -> list[RuleStat]:
    """Rules by number of kommuner whose latest controlled delivery they fired on.

    `records` counts distinct record lines per kommune (a rule firing twice on one line counts
    once); findings without a line (file-level rules) count as one record.
    """
    from mottak.selectors.deliveries import latest_findings_list

    kommuner: dict[str, set[str]] = defaultdict(set)
    records: Counter = Counter()
    severity: dict[str, str] = {}
    for kommune_nr, findings in latest_findings_list(aar=aar, skjema=skjema):
        lines: dict[str, set] = defaultdict(set)
        for finding in findings:
            kommuner[finding.rule].add(kommune_nr)
            lines[finding.rule].add(finding.line)
            severity[finding.rule] = finding.severity
        for rule, seen in lines.items():
            records[rule] += len(seen)
    stats = [
        RuleStat(
            rule=rule,
            title=rule_title(skjema=skjema, aar=aar, rule=rule),
            severity=severity[rule],
            kommuner=len(nrs),
            records=records[rule],
        )
        for rule, nrs in kommuner.items()
    ]
    stats.sort(key=lambda s: (-s.kommuner, -s.records, s.rule))
    return stats
