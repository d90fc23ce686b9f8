"""Models of the reception, split by topic."""

from mottak.models.accounts import Role, User
from mottak.models.api_keys import ApiKey
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
from mottak.models.deliveries import (
    DeclaredPart,
    Delivery,
    DeliveryState,
    Finding,
    NoParticipantsDeclaration,
    Report,
    Severity,
)
from mottak.models.mail import MailState, OutgoingMail
from mottak.models.reference import Bydel, Kommune
from mottak.models.ssb import (
    FeedbackItem,
    FeedbackList,
    FeedbackReminder,
    NavCount,
    NavImport,
    StatisticsExport,
)

__all__ = [
    "ApiKey",
    "AuditEvent",
    "Bydel",
    "Channel",
    "DeadlineException",
    "DeclaredPart",
    "Delivery",
    "DeliveryState",
    "FeedbackItem",
    "FeedbackList",
    "FeedbackReminder",
    "Finding",
    "FreezeWindow",
    "Kommune",
    "KommuneContact",
    "MailState",
    "NavCount",
    "NavImport",
    "NoParticipantsDeclaration",
    "ObligationMark",
    "OutgoingMail",
    "Reminder",
    "Report",
    "ReportingRound",
    "Role",
    "Severity",
    "RoundForm",
    "Skjema",
    "StatisticsExport",
    "User",
]
