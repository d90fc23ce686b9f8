from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from mottak.models import AuditEvent, User


def audit_log(
    *,
    action: str,
    actor: User | None = None,
    kommune_nr: str = "",
    obj: models.Model | None = None,
    data: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditEvent:
    """Record one event in the audit trail (pretix's `log_action`)."""
    return AuditEvent.objects.create(
        created_at=now or timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        action=action,
        kommune_nr=kommune_nr,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
    )
