"""Everything SSB needs on one kommune's page for a statistics year."""

from dataclasses import dataclass, field
from datetime import date

from mottak.models import AuditEvent, DeadlineException, Kommune, ObligationMark, Reminder
from mottak.models.ssb import FeedbackList
from mottak.selectors.file_status import (
    FindingRef,
    delivery_versions_list,
    latest_delivery_findings,
)
from mottak.selectors.overview import Cell, overview_get
from mottak.services.feedback_selection import finding_rule_counts


@dataclass
class KommunePage:
    cells: list[Cell]
    deliveries: list
    findings: dict[str, tuple[int | None, list[FindingRef]]]
    reminders: list[Reminder]
    exceptions: list[DeadlineException]
    marks: list[ObligationMark]
    feedback_lists: list[FeedbackList]
    audit_events: list[AuditEvent]
    # Per file form: findings of the latest delivery counted per rule (for feedback lists).
    rule_counts: dict[str, list] = field(default_factory=dict)


def kommune_page_get(*, kommune: Kommune, aar: int, today: date) -> KommunePage:
    overview = overview_get(aar=aar, today=today, search=kommune.nummer)
    row = next(r for r in overview.rows if r.kommune.pk == kommune.pk)
    nr = kommune.nummer
    findings = {
        skjema: latest_delivery_findings(kommune_nr=nr, aar=aar, skjema=skjema)
        for skjema in overview.forms
        if skjema in ("11F", "11CF")
    }
    return KommunePage(
        cells=row.cells,
        deliveries=delivery_versions_list(kommune_nr=nr, aar=aar),
        findings=findings,
        reminders=list(Reminder.objects.filter(kommune_nr=nr, aar=aar)[:100]),
        exceptions=list(DeadlineException.objects.filter(kommune_nr=nr, aar=aar)),
        marks=list(ObligationMark.objects.filter(kommune_nr=nr, aar=aar)),
        feedback_lists=list(FeedbackList.objects.filter(kommune_nr=nr, aar=aar)),
        audit_events=list(AuditEvent.objects.filter(kommune_nr=nr).select_related("actor")[:200]),
        rule_counts={
            skjema: finding_rule_counts(found) for skjema, (_pk, found) in findings.items()
        },
    )
