"""`OutboxBackend`: the portal's e-mail backend (MAILERS["default"]).

Every message sent with Django's ordinary `send_mail` / `EmailMessage.send()` is stored as an
`OutgoingMail` row in the caller's transaction, so a mail exists exactly when the change it
reports has committed, and nothing is lost when Redis or the SMTP server is down. Once the
transaction commits, a job on the periodic queue sends it through MAILERS["delivery"] (SMTP in
production); `outgoing_mail_send_due` (every minute) sends whatever that job did not.
See mottak/services/mail.py and docs/reliability.md.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from mottak.models import OutgoingMail

logger = logging.getLogger(__name__)


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        now = timezone.now()
        stored = 0
        for message in email_messages:
            if not message.recipients():
                continue
            if getattr(message, "attachments", None):
                # Nothing the portal sends has attachments; a file's contents never go by mail.
                raise ValueError("OutboxBackend does not take attachments")
            mail = OutgoingMail.objects.create(
                created_at=now,
                next_attempt_at=now,
                from_email=str(message.from_email or settings.DEFAULT_FROM_EMAIL),
                to=[str(a) for a in message.to],
                cc=[str(a) for a in message.cc],
                bcc=[str(a) for a in message.bcc],
                reply_to=[str(a) for a in message.reply_to],
                subject=str(message.subject),
                body=str(message.body),
                alternatives=[
                    [str(content), str(mimetype)]
                    for content, mimetype in getattr(message, "alternatives", [])
                ],
                headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
            )
            pk = mail.pk
            transaction.on_commit(partial(_enqueue, pk))
            stored += 1
        return stored


def _enqueue(mail_id: int) -> None:
    from mottak.jobs import outgoing_mail_send as outgoing_mail_send_job

    try:
        outgoing_mail_send_job.delay(mail_id)
    except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
        # Expected while Redis is down (e.g. `make setup` before `make run` starts it): one
        # line, no traceback.
        logger.warning(
            "Could not queue mail %s (%s); the periodic sender will send it", mail_id, exc
        )
    except Exception:  # noqa: BLE001 - outgoing_mail_send_due sends it within a minute
        logger.exception("Could not queue mail %s; the periodic sender will send it", mail_id)
