"""django-rq entry points. Each job is a few lines: load by id, call a service.

Callers import them with a `_job` suffix, e.g. `from mottak.jobs import heartbeat as heartbeat_job`.
"""

from django_rq import job
from rq import Retry

from kostra_portal.queues import BULK, DEFAULT, DELIVERIES, PERIODIC
from mottak.services import health


@job(PERIODIC)
def heartbeat() -> None:
    """Periodic proof of life from the scheduler, readable on /healthz."""
    health.heartbeat_record()


@job(DEFAULT)
def worker_check(token: str) -> str:
    """A harmless job used to check that a worker picks up jobs from the default queue."""
    health.worker_check_record(token=token)
    return token


@job(PERIODIC)
def reminder_send_due() -> int:
    """Daily reminders to kommuner that have not delivered (idempotent within a day)."""
    from django.utils import timezone

    from mottak.services.reminders import reminder_send_due as send

    return len(send(now=timezone.now()))


@job(PERIODIC)
def feedback_reminders_send_due() -> int:
    """Daily reminders of unanswered feedback lists (idempotent within a day)."""
    from django.utils import timezone

    from mottak.services.feedback import feedback_reminders_send_due as send

    return len(send(now=timezone.now()))


# Technical retries of a control job (RQ's Retry); a staff rerun is not one of these.
CONTROL_RETRY = Retry(max=3, interval=[10, 60, 300])


@job(DELIVERIES, retry=CONTROL_RETRY)
def submission_run_control(delivery_id: int) -> str:
    """Decrypt in memory and control one delivery (idempotent; a superseded job does nothing)."""
    from rq import get_current_job

    from mottak.services.deliveries import submission_run_control as run

    current = get_current_job()
    delivery = run(delivery_id=delivery_id, job_id=current.id if current else None)
    return delivery.state if delivery is not None else "unchanged"


@job(PERIODIC)
def deliveries_recover() -> int:
    """Queue again, within seconds, deliveries whose control job is gone (docs/reliability.md)."""
    from django.utils import timezone

    from mottak.services.recovery import deliveries_recover as recover

    return len(recover(now=timezone.now()))


@job(PERIODIC)
def delivery_sweep() -> int:
    """Re-queue deliveries left in received/checking (worker killed, Redis lost)."""
    from django.utils import timezone

    from mottak.services.deliveries import delivery_sweep as sweep

    return len(sweep(now=timezone.now()))


@job(PERIODIC)
def held_deliveries_release() -> int:
    """Queue control of deliveries held in a freeze window that has closed."""
    from django.utils import timezone

    from mottak.services.held import held_deliveries_release as release

    return len(release(now=timezone.now()))


@job(BULK)
def statistics_export_build(export_id: int) -> str:
    """Build the combined file of a form's effective accepted deliveries (SSB's export), on
    the bulk queue so that it never delays the control of deliveries."""
    from mottak.services.ssb_export import statistics_export_build as build

    return build(export_id=export_id).state


@job(PERIODIC)
def check_only_ciphertext_purge() -> int:
    """Delete check-only ciphertext past CHECK_ONLY_RETENTION_DAYS (idempotent)."""
    from django.utils import timezone

    from mottak.services.retention import check_only_ciphertext_purge as purge

    return len(purge(now=timezone.now()))


@job(PERIODIC)
def outgoing_mail_send(mail_id: int) -> str:
    """Send one mail of the outbox (queued when the transaction that wrote it commits)."""
    from django.utils import timezone

    from mottak.services.mail import outgoing_mail_send as send

    return send(mail_id=mail_id, now=timezone.now())


@job(PERIODIC)
def outgoing_mail_send_due() -> int:
    """Send outbox mail whose job was lost or whose retry is due."""
    from django.utils import timezone

    from mottak.services.mail import outgoing_mail_send_due as send

    return len(send(now=timezone.now()))
