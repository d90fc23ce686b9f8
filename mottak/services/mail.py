"""Sending the mail outbox (see mottak.mail.OutboxBackend), with retries and backoff."""

import logging
from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction

from kontroll.personvern import mask_text
from mottak.models import MailState, OutgoingMail

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt; the last one repeats. After MAX_ATTEMPTS the
# mail is marked failed (staff see it, and can send it again from admin).
BACKOFF = [timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10),
           timedelta(minutes=30), timedelta(hours=1)]  # fmt: skip
MAX_ATTEMPTS = 12
DELIVERY_MAILER = "delivery"


def _message(mail: OutgoingMail, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.to,
        cc=mail.cc,
        bcc=mail.bcc,
        reply_to=mail.reply_to,
        headers=mail.headers,
        connection=connection,
    )
    for content, mimetype in mail.alternatives:
        message.attach_alternative(content, mimetype)
    return message


def outgoing_mail_send(*, mail_id: int, now: datetime, connection=None) -> str:
    """Send one stored mail unless it is sent already; return its state.

    Steps:
    1. lock the row; a sent or failed mail, or one not yet due for a retry, is left alone
       (so the on-commit job and the periodic sender never both send it);
    2. send through MAILERS["delivery"] (or `connection`);
    3. sent: record when; failed: count the attempt, keep the error's type and masked text,
       and set the next attempt by BACKOFF, or mark it failed after MAX_ATTEMPTS.
    A crash between the SMTP server's acceptance and the commit sends the mail again later:
    at least once, never lost.
    """
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.state != MailState.PENDING or mail.next_attempt_at > now:
            return mail.state if mail is not None else "missing"
        try:
            sent = _message(mail, connection or mailers[DELIVERY_MAILER]).send()
            if sent != 1:
                raise RuntimeError("the mail backend sent nothing")
        except Exception as exc:  # noqa: BLE001 - any failure is retried
            mail.attempts += 1
            mail.last_error = mask_text(f"{type(exc).__name__}: {exc}")[:300]
            if mail.attempts >= MAX_ATTEMPTS:
                mail.state = MailState.FAILED
            else:
                mail.next_attempt_at = now + BACKOFF[min(mail.attempts, len(BACKOFF)) - 1]
            logger.warning("Mail %s not sent (attempt %s): %s", mail.pk, mail.attempts,
                           type(exc).__name__)  # fmt: skip
        else:
            mail.attempts += 1
            mail.state = MailState.SENT
            mail.sent_at = now
            mail.last_error = ""
        mail.save()
    return mail.state


def outgoing_mail_send_due(*, now: datetime, limit: int = 500) -> list[int]:
    """Send every pending mail that is due (the on-commit job never ran, or a retry is due);
    return the ids of those sent now."""
    due = list(
        OutgoingMail.objects.filter(state=MailState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return [pk for pk in due if outgoing_mail_send(mail_id=pk, now=now) == MailState.SENT]


def outgoing_mail_retry(*, mail_ids: list[int], now: datetime) -> int:
    """Staff (admin): try failed mails again from now, with a fresh count of attempts."""
    return OutgoingMail.objects.filter(pk__in=mail_ids, state=MailState.FAILED).update(
        state=MailState.PENDING, attempts=0, next_attempt_at=now
    )
