"""Reads of the mail outbox: is mail getting out? (staff pages, admin, /healthz)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Min

from mottak.models import MailState, OutgoingMail

# A pending mail older than this is "not getting out" (the sender job runs within seconds).
UNSENT_AFTER = timedelta(minutes=5)


@dataclass(frozen=True)
class MailOutboxStatus:
    unsent: int  # pending for longer than UNSENT_AFTER (still being retried)
    failed: int  # given up after MAX_ATTEMPTS
    oldest_unsent: datetime | None

    @property
    def problem(self) -> bool:
        return bool(self.unsent or self.failed)


def mail_outbox_status_get(*, now: datetime) -> MailOutboxStatus:
    late = OutgoingMail.objects.filter(
        state=MailState.PENDING, created_at__lte=now - UNSENT_AFTER
    ).aggregate(oldest=Min("created_at"))
    return MailOutboxStatus(
        unsent=OutgoingMail.objects.filter(
            state=MailState.PENDING, created_at__lte=now - UNSENT_AFTER
        ).count(),
        failed=OutgoingMail.objects.filter(state=MailState.FAILED).count(),
        oldest_unsent=late["oldest"],
    )
