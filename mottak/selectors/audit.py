"""The audit trail, filtered for the staff viewer."""

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from mottak.models import AuditEvent


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_event_list(
    *,
    kommune_nr: str = "",
    action: str = "",
    actor: str = "",
    fra: date | None = None,
    til: date | None = None,
) -> QuerySet[AuditEvent]:
    """Newest first. `action` matches a prefix ("feedback." finds every feedback event);
    `til` is inclusive (the whole day, local time)."""
    events = AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")
    if kommune_nr:
        events = events.filter(kommune_nr=kommune_nr.strip())
    if action:
        events = events.filter(action__startswith=action.strip())
    if actor:
        events = events.filter(actor__username=actor.strip())
    if fra:
        events = events.filter(created_at__gte=_start_of(fra))
    if til:
        events = events.filter(created_at__lt=_start_of(til + timedelta(days=1)))
    return events
