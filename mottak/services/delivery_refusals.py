"""The audit trail of uploads refused at the door (before anything is stored)."""

from datetime import datetime

from mottak.models import User
from mottak.services.audit import audit_log


def delivery_refused_audit(
    *, user: User, kommune_nr: str, skjema: str, aar: int, code: str, now: datetime
) -> None:
    """Record a refused upload with its reason code (not the message, which is for people;
    nothing of the file). Kommune number and skjema are cut to their field sizes, as they
    come from the request."""
    audit_log(
        action="delivery.refused",
        actor=user,
        kommune_nr=str(kommune_nr)[:4],
        now=now,
        data={"code": code or "refused", "skjema": str(skjema)[:10], "aar": aar},
    )
