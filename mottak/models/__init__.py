"""Models of the reception, split by topic."""

from mottak.models.accounts import Role, User
from mottak.models.audit import AuditEvent
from mottak.models.reference import Bydel, Kommune

__all__ = ["AuditEvent", "Bydel", "Kommune", "Role", "User"]
