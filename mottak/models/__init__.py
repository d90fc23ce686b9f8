"""Models of the reception, split by topic."""

from mottak.models.accounts import Role, User
from mottak.models.audit import AuditEvent
from mottak.models.calendar import (
    Channel,
    DeadlineException,
    FreezeWindow,
    KommuneContact,
    ObligationMark,
    Reminder,
    ReportingRound,
    RoundForm,
    Skjema,
)
from mottak.models.reference import Bydel, Kommune

__all__ = [
    "AuditEvent",
    "Bydel",
    "Channel",
    "DeadlineException",
    "FreezeWindow",
    "Kommune",
    "KommuneContact",
    "ObligationMark",
    "Reminder",
    "ReportingRound",
    "Role",
    "RoundForm",
    "Skjema",
    "User",
]
