"""Worker and scheduler processes that outlive a Redis restart (docs/reliability.md).

`supervise` runs RQ's own worker loop or cron scheduler and starts it again, after waiting for
Redis with exponential backoff, whenever it ends for any reason other than a requested stop
(SIGTERM, SIGINT) or a finished burst. `PeriodCronScheduler` is RQ's cron scheduler with two
changes: each periodic job is enqueued at most once per period, whoever enqueues it; and a few
light checks (`LocalTask`) run in the scheduler process itself, so that they never wait behind
a queue of deliveries.
"""

import logging
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from redis import Redis
from rq.cron import CronJob, CronScheduler
from rq.utils import now

logger = logging.getLogger("kostra_portal.workers")

CLAIM_KEY = "kostra:cron:{name}:{period}"


class Stop(Exception):
    """SIGTERM or SIGINT while waiting for Redis."""


def _raise_stop(signum, frame):
    raise Stop


def supervise(
    start: Callable[[], bool],
    *,
    ping: Callable[[], object],
    what: str,
    max_backoff: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Call `start()` until it returns True (stop requested, burst done).

    Steps:
    1. run `start()`; an exception from it (Redis gone) is logged without a traceback;
    2. unless it returned True, wait for `ping()` to succeed, sleeping 1 s, 2 s, 4 s ... up to
       `max_backoff` between tries (SIGTERM/SIGINT end the wait and the process);
    3. start again.
    """
    while True:
        try:
            if start():
                return
            logger.warning("%s ended unexpectedly; starting it again", what)
        except Stop:
            return
        except Exception as exc:  # noqa: BLE001 - Redis gone, or a crash: restart either way
            logger.error("%s stopped: %s: %s", what, type(exc).__name__, exc)
        signal.signal(signal.SIGTERM, _raise_stop)
        signal.signal(signal.SIGINT, _raise_stop)
        backoff = 1.0
        try:
            while True:
                try:
                    ping()
                    break
                except Exception as exc:  # noqa: BLE001 - not back yet
                    logger.warning("Redis unreachable (%s); retrying in %.0f s", exc, backoff)
                    sleep(backoff)
                    backoff = min(backoff * 2, max_backoff)
        except Stop:
            return


class PeriodCronJob(CronJob):
    """A cron job that is enqueued at most once per period.

    The period of an interval job is its number since the epoch (interval 30: every half
    minute on the half minute); of a cron job, the scheduled minute. Interval jobs run on the
    period boundaries, and once at start-up for the current period if nobody has yet.
    """

    def period(self, at: datetime) -> str:
        if self.interval:
            return str(int(at.timestamp()) // self.interval)
        return (self.next_enqueue_time or at).astimezone(UTC).strftime("%Y%m%dT%H%M")

    def claim(self, connection: Redis, at: datetime) -> bool:
        """SET NX on the period's key: True for the one scheduler that may enqueue it."""
        key = CLAIM_KEY.format(name=self.name, period=self.period(at))
        ttl = 2 * (self.interval or 24 * 3600)
        return bool(connection.set(key, "1", nx=True, ex=ttl))

    def get_next_enqueue_time(self) -> datetime:
        if self.interval and self.latest_enqueue_time:
            number = int(self.latest_enqueue_time.timestamp()) // self.interval + 1
            return datetime.fromtimestamp(number * self.interval, tz=UTC)
        return super().get_next_enqueue_time()


@dataclass
class LocalTask:
    """A check the scheduler runs itself every `interval` seconds (an exception is logged and
    the task runs again next time)."""

    name: str
    func: Callable[[datetime], object]
    interval: int
    next_run: datetime | None = None

    def run_if_due(self, at: datetime) -> None:
        if self.next_run is not None and at < self.next_run:
            return
        self.next_run = at + timedelta(seconds=self.interval)
        try:
            self.func(at)
        except Exception:  # noqa: BLE001 - a failed check must not stop the scheduler
            logger.exception("%s failed; it runs again in %s s", self.name, self.interval)


class PeriodCronScheduler(CronScheduler):
    """RQ's CronScheduler, enqueueing each job once per period (see PeriodCronJob), and
    running its local tasks."""

    def __init__(self, *args, local_tasks: list[LocalTask] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.local_tasks = local_tasks or []

    def register(self, func: Callable, queue_name: str, **options) -> CronJob:  # type: ignore[override]
        cron_job = PeriodCronJob(queue_name=queue_name, func=func, **options)
        self._cron_jobs.append(cron_job)
        return cron_job

    def enqueue_jobs(self, at: datetime | None = None) -> list[CronJob]:
        at = at or now()
        enqueued: list[CronJob] = []
        for job in self._cron_jobs:
            if not job.should_run():
                continue
            if not isinstance(job, PeriodCronJob) or job.claim(self.connection, at):
                job.enqueue(self.connection)
                enqueued.append(job)
            job.set_enqueue_time(at)
        for task in self.local_tasks:
            task.run_if_due(at)
        return enqueued

    def calculate_sleep_interval(self) -> float:
        sleep = super().calculate_sleep_interval()
        upcoming = [t.next_run for t in self.local_tasks if t.next_run is not None]
        if upcoming:
            sleep = min(sleep, max(0.0, (min(upcoming) - now()).total_seconds()))
        return sleep
