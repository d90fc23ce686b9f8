"""Health of the portal's backing services, for /healthz and the worker check."""

import time
from typing import Any

from django.db import connection
from django.utils import timezone

from kostra_portal.queues import get_queue, get_redis

HEARTBEAT_KEY = "kostra:scheduler:heartbeat"
WORKER_CHECK_KEY = "kostra:worker-check:{token}"


def health_get() -> tuple[bool, dict[str, Any]]:
    """Ask the database and Redis; return (all healthy, details)."""
    checks: dict[str, Any] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001 - any failure means "down", reported as such
        checks["database"] = {"ok": False, "error": exc.__class__.__name__}
    try:
        redis = get_redis()
        redis.ping()
        queue = get_queue()
        checks["redis"] = {"ok": True, "queued_jobs": queue.count}
        beat = redis.get(HEARTBEAT_KEY)
        checks["scheduler"] = {
            "last_heartbeat": (beat.decode() if isinstance(beat, bytes) else beat) or None
        }
    except Exception as exc:  # noqa: BLE001
        checks["redis"] = {"ok": False, "error": exc.__class__.__name__}
    if checks["database"]["ok"]:
        checks["mail"] = _mail_check()
    healthy = checks["database"]["ok"] and checks["redis"]["ok"]
    return healthy, checks


def _mail_check() -> dict[str, Any]:
    """The outbox in /healthz details (a mail outage does not make the portal unhealthy)."""
    from mottak.selectors.mail import mail_outbox_status_get

    status = mail_outbox_status_get(now=timezone.now())
    return {
        "ok": not status.problem,
        "unsent": status.unsent,
        "failed": status.failed,
        "oldest_unsent": status.oldest_unsent.isoformat() if status.oldest_unsent else None,
    }


def heartbeat_record() -> None:
    get_redis().set(HEARTBEAT_KEY, timezone.now().isoformat(), ex=3600)


def worker_check_record(*, token: str) -> None:
    get_redis().set(WORKER_CHECK_KEY.format(token=token), "done", ex=600)


def worker_check_wait(*, token: str, timeout: float) -> bool:
    """Wait until the worker has run `worker_check` for this token (used by a command)."""
    redis = get_redis()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if redis.get(WORKER_CHECK_KEY.format(token=token)):
            return True
        time.sleep(0.2)
    return False


def workers_count() -> int:
    """rq workers alive now (registered and not yet dead), on any queue."""
    from rq import Worker

    return Worker.count(connection=get_redis())


def queue_backlog() -> dict[str, int]:
    """Jobs waiting or running, per configured queue (RQ's own queue and started registry)."""
    from django.conf import settings

    backlog = {}
    for name in settings.RQ_QUEUES:
        queue = get_queue(name)
        backlog[name] = queue.count + queue.started_job_registry.count
    return backlog
