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


def delivery_withdrawn_notify(*, delivery) -> None:
    """E-mail the kommune (its contact addresses, its users and the uploader) that SSB has
    withdrawn a delivery, with the reason; sent once the transaction commits."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.db import transaction
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from mottak.services.reminders import reminder_recipients

    to = set(reminder_recipients(kommune_nr=delivery.kommune_nr))
    if delivery.uploaded_by is not None and delivery.uploaded_by.email:
        to.add(delivery.uploaded_by.email.lower())
    if not to:
        return
    with translation.override("nb"):
        values = {
            "skjema": delivery.skjema,
            "aar": delivery.aar,
            "kvittering": delivery.receipt,
            "grunn": delivery.withdrawn_reason,
            "lenke": settings.SITE_URL.rstrip("/") + reverse("mottak:status"),
        }
        subject = _("KOSTRA: leveransen %(kvittering)s er trukket tilbake") % values
        body = (
            _(
                "SSB har trukket tilbake leveransen %(kvittering)s (skjema %(skjema)s for "
                "statistikkåret %(aar)s). Den teller ikke lenger som levert.\n\n"
                "Begrunnelse: %(grunn)s\n\nSe status og lever på nytt: %(lenke)s\n"
            )
            % values
        )
    recipients = sorted(to)
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
