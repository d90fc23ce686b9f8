"""Recovery of deliveries whose control job is gone, within seconds rather than the sweep's
fifteen minutes. Why this is correct is written down in docs/reliability.md.

Every pending delivery carries the id of the RQ job that is to control it
(`Delivery.control_job_id`). The scheduler process (`manage.py run_scheduler`) runs
`deliveries_recover` every 15 seconds; it asks Redis about each pending delivery's job and
queues a new one only when the old one is certainly gone:
- the job is not in Redis (never queued because Redis was down at commit, or lost with Redis);
- the job ended (finished, failed, stopped, canceled) while the delivery still has no verdict;
- the job is started but its worker has sent no heartbeat for `worker_silent_after()` (the
  worker was killed: SIGKILL, out of memory, the machine went away).
A job that is queued, scheduled for a retry, or running in a live worker is left alone, however
old it is.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from redis import Redis
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.worker import Worker

from kostra_portal.queues import get_redis
from mottak.models import Delivery
from mottak.models.deliveries import PENDING_STATES

logger = logging.getLogger(__name__)

WAITING = (JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED)


def worker_silent_after() -> timedelta:
    """A busy worker heartbeats every RQ_JOB_MONITORING_INTERVAL seconds (`run_worker`);
    three missed heartbeats mean it is dead."""
    return timedelta(seconds=3 * settings.RQ_JOB_MONITORING_INTERVAL)


def _worker_alive(name: str | None, *, connection: Redis, now: datetime) -> bool:
    if not name:
        return False
    worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + name, connection=connection)
    if worker is None or worker.last_heartbeat is None:
        return False
    return now - worker.last_heartbeat <= worker_silent_after()


def control_job_alive(job_id: str, *, connection: Redis, now: datetime) -> bool:
    """True while the job will still run (or is running in a live worker)."""
    if not job_id:
        return False
    try:
        job = Job.fetch(job_id, connection=connection)
    except NoSuchJobError:
        return False
    status = job.get_status(refresh=False)
    if status in WAITING:
        return True
    if status == JobStatus.STARTED:
        return _worker_alive(job.worker_name, connection=connection, now=now)
    return False


def deliveries_recover(*, now: datetime) -> list[int]:
    """Queue again every pending delivery whose control job is gone; return their ids.

    Steps:
    1. list deliveries waiting for their job (received/checking; a held delivery waits for
       its freeze window instead, and `held_deliveries_release` queues it);
    2. per delivery, ask Redis whether its job is alive (`control_job_alive`);
    3. if not, `delivery_enqueue(replaces=<the dead job id>, at_front=True)`: a conditional
       update, so two overlapping recoveries queue it once, and a verdict written meanwhile
       wins; the new job goes ahead of the queue (the delivery has waited already).
    If Redis cannot be reached, nothing is done (the next run, or the sweep, retries).
    """
    from mottak.services.deliveries import delivery_enqueue

    pending = (
        Delivery.objects.filter(state__in=PENDING_STATES)
        .order_by("received_at", "pk")
        .values_list("pk", "control_job_id")
    )
    connection = get_redis()
    recovered = []
    for pk, job_id in pending.iterator():
        if control_job_alive(job_id, connection=connection, now=now):
            continue
        if delivery_enqueue(delivery_id=pk, replaces=job_id, at_front=True) is not None:
            logger.warning("Delivery %s: control job %s is gone; queued again", pk, job_id or "-")
            recovered.append(pk)
    return recovered
