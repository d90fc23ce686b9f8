"""django-rq entry points. Each job is a few lines: load by id, call a service.

Callers import them with a `_job` suffix, e.g. `from mottak.jobs import heartbeat as heartbeat_job`.
"""

from django_rq import job
from rq import Retry

from mottak.services import health


@job("default")
def heartbeat() -> None:
    """Periodic proof of life from the scheduler, readable on /healthz."""
    health.heartbeat_record()


@job("default")
def worker_check(token: str) -> str:
    """A harmless job used to check that a worker picks up jobs from the default queue."""
    health.worker_check_record(token=token)
    return token


@job("default")
def reminder_send_due() -> int:
    """Daily reminders to kommuner that have not delivered (idempotent within a day)."""
    from django.utils import timezone

    from mottak.services.reminders import reminder_send_due as send

    return len(send(now=timezone.now()))


@job("default")
def feedback_reminders_send_due() -> int:
    """Daily reminders of unanswered feedback lists (idempotent within a day)."""
    from django.utils import timezone

    from mottak.services.feedback import feedback_reminders_send_due as send

    return len(send(now=timezone.now()))


@job("default", retry=Retry(max=3, interval=[10, 60, 300]))
def submission_run_control(delivery_id: int) -> str:
    """Decrypt in memory and control one delivery (idempotent; the sweep re-queues)."""
    from mottak.services.deliveries import submission_run_control as run

    delivery = run(delivery_id=delivery_id)
    return delivery.state if delivery is not None else "unchanged"


@job("default")
def delivery_sweep() -> int:
    """Re-queue deliveries left in received/checking (worker killed, Redis lost)."""
    from django.utils import timezone

    from mottak.services.deliveries import delivery_sweep as sweep

    return len(sweep(now=timezone.now()))


@job("default")
def held_deliveries_release() -> int:
    """Queue control of deliveries held in a freeze window that has closed."""
    from django.utils import timezone

    from mottak.services.held import held_deliveries_release as release

    return len(release(now=timezone.now()))


@job("bulk")
def statistics_export_build(export_id: int) -> str:
    """Build the combined file of a form's effective accepted deliveries (SSB's export), on
    the bulk queue so that it never delays the control of deliveries."""
    from mottak.services.ssb_export import statistics_export_build as build

    return build(export_id=export_id).state
