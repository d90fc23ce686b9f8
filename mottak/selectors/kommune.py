"""Everything SSB needs on one kommune's page for a statistics year."""

from dataclasses import dataclass
from datetime import date

from mottak.models import AuditEvent, DeadlineException, Kommune, ObligationMark, Reminder
from mottak.models.ssb import FeedbackList
from mottak.selectors.file_status import (
    delivery_versions_list,
    latest_delivery_findings,
)
from mottak.selectors.overview import Cell, overview_get


@dataclass
class KommunePage:
    cells: list[Cell]
    deliveries: list
    findings: dict[str, tuple[object, list]]
    reminders: list[Reminder]
    exceptions: list[DeadlineException]
    marks: list[ObligationMark]
    feedback_lists: list[FeedbackList]
    audit_events: list[AuditEvent]


def kommune_page_get(*, kommune: Kommune, aar: int, today: date) -> KommunePage:
    overview = overview_get(aar=aar, today=today, search=kommune.nummer)
    row = next(r for r in overview.rows if r.kommune.pk == kommune.pk)
    nr = kommune.nummer
    return KommunePage(
        cells=row.cells,
        deliveries=delivery_versions_list(kommune_nr=nr, aar=aar),
        findings={
            skjema: latest_delivery_findings(kommune_nr=nr, aar=aar, skjema=skjema)
            for skjema in overview.forms
            if skjema in ("11F", "11CF")
        },
        reminders=list(Reminder.objects.filter(kommune_nr=nr, aar=aar)[:100]),
        exceptions=list(DeadlineException.objects.filter(kommune_nr=nr, aar=aar)),
        marks=list(ObligationMark.objects.filter(kommune_nr=nr, aar=aar)),
        feedback_lists=list(FeedbackList.objects.filter(kommune_nr=nr, aar=aar)),
        audit_events=list(AuditEvent.objects.filter(kommune_nr=nr).select_related("actor")[:200]),
    )
