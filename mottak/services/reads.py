"""Audit of reads of personal data: who opened which delivery's control report, and how.

A report names records by line, journal number and caseworker, so reading it is logged like
a change: the report page, the report CSV and an API read that returns findings each write a
`report.read` event (actor, kommune, delivery, receipt, channel).
"""

from datetime import datetime

from django.utils import timezone

from mottak.models import AuditEvent, Delivery, User
from mottak.services.audit import audit_log

CHANNELS = ("page", "csv", "api")


def report_read_log(
    *, user: User, delivery: Delivery, via: str, now: datetime | None = None
) -> AuditEvent:
    if via not in CHANNELS:
        raise ValueError(f"unknown channel {via!r}")
    return audit_log(
        action="report.read",
        actor=user,
        kommune_nr=delivery.kommune_nr,
        obj=delivery,
        data={"receipt": delivery.receipt, "via": via},
        now=now or timezone.now(),
    )
