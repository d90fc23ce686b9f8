"""Retention: ciphertext of check-only runs is not kept for ever.

A check-only upload does not count as a delivery; once it has its verdict, its report is all
the kommune needs. After CHECK_ONLY_RETENTION_DAYS its ciphertext is deleted from storage (the
row, the report and the audit trail stay). Run daily by the periodic job
`mottak.jobs.check_only_ciphertext_purge`.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from mottak.models import Delivery
from mottak.models.deliveries import FINAL_STATES
from mottak.services.audit import audit_log


def check_only_ciphertext_purge(*, now: datetime, days: int | None = None) -> list[int]:
    """Delete the ciphertext of check-only deliveries controlled more than `days` ago.

    Steps, per delivery: lock the row; delete the stored file; clear the file field; audit.
    Deliveries still waiting for control are left alone. Idempotent. Returns the ids purged.
    """
    days = settings.CHECK_ONLY_RETENTION_DAYS if days is None else days
    candidates = (
        Delivery.objects.filter(
            check_only=True, state__in=FINAL_STATES, received_at__lte=now - timedelta(days=days)
        )
        .exclude(ciphertext="")
        .values_list("pk", flat=True)
    )
    purged = []
    for pk in list(candidates):
        with transaction.atomic():
            delivery = Delivery.objects.select_for_update().get(pk=pk)
            if not delivery.ciphertext:
                continue
            name = delivery.ciphertext.name
            assert name is not None  # a non-empty file field has a name
            delivery.ciphertext.storage.delete(name)
            delivery.ciphertext = ""
            delivery.save(update_fields=["ciphertext"])
            audit_log(
                action="delivery.ciphertext_deleted",
                kommune_nr=delivery.kommune_nr,
                obj=delivery,
                data={"receipt": delivery.receipt, "retention_days": days},
                now=now,
            )
        purged.append(pk)
    return purged
