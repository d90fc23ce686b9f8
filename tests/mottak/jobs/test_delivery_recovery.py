"""Nothing is ever stuck and nothing gets two verdicts: a worker killed mid-job, or Redis
losing its queue after a delivery was stored, still ends with exactly one verdict, and the
recovery check (`mottak.services.recovery`) queues it again as soon as the job is gone."""

import os
import select
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from rq import SimpleWorker

from mottak.models import AuditEvent, Delivery, DeliveryState, Report
from mottak.services import deliveries as svc
from mottak.services.recovery import deliveries_recover, worker_silent_after
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, kontroll_available, upload

pytestmark = [
    pytest.mark.redis_queue,
    pytest.mark.usefixtures("media_root"),
    pytest.mark.skipif(not kontroll_available(), reason="kontroll.run_control is not merged"),
]


def _sample(mode="valid") -> bytes:
    from kontroll import samples

    return samples.generate_file("11F", 2020, "4601", n=20, seed=3, mode=mode)


def _deliver(user, keys) -> Delivery:
    from mottak.services.calendar import reporting_round_create_standard

    reporting_round_create_standard(aar=2020)
    return svc.submission_create(
        user=user,
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        file=upload(envelope(keys, _sample())),
        now=JAN_10,
    )


def assert_one_verdict(delivery: Delivery, *, attempts: int) -> None:
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.ACCEPTED
    assert delivery.attempts == attempts
    assert Report.objects.filter(delivery=delivery).count() == 1
    events = AuditEvent.objects.filter(action="delivery.checked", object_id=str(delivery.pk))
    assert events.count() == 1


def _shared_database() -> bool:
    name = str(connection.settings_dict["NAME"])
    return connection.vendor != "sqlite" or ("memory" not in name and name != ":memory:")


def _work(queue) -> None:
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_job_is_recovered_once_its_heartbeat_stops(
    kontakt_bergen, portal_keys, queue, settings
):
    if not _shared_database():
        pytest.skip(
            "needs a database a second process can open: run with "
            "DATABASE_URL=postgres://... (CI does)"
        )
    delivery = _deliver(kontakt_bergen, portal_keys)  # committed; the job is queued
    assert queue.count == 1
    first_job = Delivery.objects.get(pk=delivery.pk).control_job_id
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kostra_portal.settings",
        "TESTING": "1",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or 'localhost'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
            if connection.vendor == "postgresql"
            else f"sqlite:///{db['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PUBLIC_KEYS_DIR": str(settings.PUBLIC_KEYS_DIR),
        "PRIVATE_KEYS_DIR": str(settings.PRIVATE_KEYS_DIR),
    }
    read_fd, write_fd = os.pipe()
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.mottak.jobs.delivery_worker_main", str(write_fd)],
        cwd=settings.BASE_DIR,
        env=env,
        pass_fds=[write_fd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        # Block until the job has decrypted the file and reached kontroll (or the worker
        # died: then the pipe closes and the read gives nothing).
        ready, _, _ = select.select([read_fd], [], [], 120)
        assert ready and os.read(read_fd, 64) == f"{delivery.pk}\n".encode()
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        os.close(read_fd)
        if worker.poll() is None:
            worker.kill()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.CHECKING and delivery.attempts == 1
    assert not Report.objects.filter(delivery=delivery).exists()

    # The job is "started" and its worker's last heartbeat is fresh: a slow but live job
    # looks like this, so it is left alone, whatever the age of the delivery.
    now = timezone.now()
    assert deliveries_recover(now=now) == []
    assert deliveries_recover(now=now + timedelta(hours=1)) == [delivery.pk]  # silent worker
    delivery.refresh_from_db()
    assert delivery.control_job_id != first_job
    _work(queue)
    assert_one_verdict(delivery, attempts=2)

    # The killed job re-delivered (RQ's abandoned-job retry) or a second recovery: nothing.
    svc.control_job_push(delivery_id=delivery.pk, job_id=first_job)
    _work(queue)
    assert_one_verdict(delivery, attempts=2)
    assert deliveries_recover(now=now + timedelta(hours=1)) == []


def test_a_worker_is_dead_after_three_missed_heartbeats(settings):
    settings.RQ_JOB_MONITORING_INTERVAL = 10
    assert worker_silent_after() == timedelta(seconds=30)


@pytest.mark.django_db(transaction=True)
def test_enqueue_failed_at_commit_is_recovered_by_the_next_check(
    kontakt_bergen, portal_keys, queue, monkeypatch, caplog
):
    from redis.exceptions import ConnectionError as RedisConnectionError
    from rq import Queue

    def redis_down(*args, **kwargs):
        raise RedisConnectionError("redis down")

    with monkeypatch.context() as patch, caplog.at_level("WARNING"):
        patch.setattr(Queue, "enqueue", redis_down)
        delivery = _deliver(kontakt_bergen, portal_keys)
    assert queue.count == 0
    # Redis being down is expected: one warning line, no traceback.
    queued = [r for r in caplog.records if "Could not queue control" in r.getMessage()]
    assert [(r.levelname, r.exc_info) for r in queued] == [("WARNING", None)]
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.RECEIVED and delivery.control_job_id

    # No waiting for an age: the job is not in Redis, so the first check queues it.
    assert deliveries_recover(now=timezone.now()) == [delivery.pk]
    assert deliveries_recover(now=timezone.now()) == []  # its new job is queued: alive
    assert queue.count == 1
    _work(queue)
    assert_one_verdict(delivery, attempts=1)
    assert deliveries_recover(now=timezone.now()) == []


@pytest.mark.django_db(transaction=True)
def test_two_recoveries_of_the_same_lost_job_queue_it_once(kontakt_bergen, portal_keys, queue):
    delivery = _deliver(kontakt_bergen, portal_keys)
    lost = Delivery.objects.get(pk=delivery.pk).control_job_id
    queue.connection.flushdb()
    assert svc.delivery_enqueue(delivery_id=delivery.pk, replaces=lost) is not None
    assert svc.delivery_enqueue(delivery_id=delivery.pk, replaces=lost) is None
    assert queue.count == 1
    _work(queue)
    assert_one_verdict(delivery, attempts=1)


@pytest.mark.django_db(transaction=True)
def test_a_superseded_job_does_nothing(kontakt_bergen, portal_keys, queue):
    """Recovery raced with a job that was only late: both run, one attempt, one verdict."""
    delivery = _deliver(kontakt_bergen, portal_keys)
    svc.delivery_enqueue(delivery_id=delivery.pk)
    assert queue.count == 2
    _work(queue)
    assert_one_verdict(delivery, attempts=1)


@pytest.mark.django_db(transaction=True)
def test_recovery_leaves_a_delivery_held_in_a_freeze_window_alone(
    kontakt_bergen, portal_keys, queue
):
    delivery = _deliver(kontakt_bergen, portal_keys)
    queue.connection.flushdb()
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.HELD, control_job_id="", held_until=timezone.now() + timedelta(days=1)
    )
    assert deliveries_recover(now=timezone.now()) == []


@pytest.mark.django_db(transaction=True)
def test_redis_flushed_after_delivery_was_stored_then_sweep_gives_one_verdict(
    kontakt_bergen, portal_keys, queue
):
    delivery = _deliver(kontakt_bergen, portal_keys)
    assert queue.count == 1
    queue.connection.flushdb()  # Redis restarted without persistence: the job is gone
    assert queue.count == 0
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.RECEIVED  # stuck, until the sweep

    later = timezone.now() + svc.STALE_AFTER + timedelta(seconds=1)
    assert svc.delivery_sweep(now=later) == [delivery.pk]
    assert svc.delivery_sweep(now=later) == [delivery.pk]  # swept twice: two jobs queued
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    assert_one_verdict(delivery, attempts=1)
    assert svc.delivery_sweep(now=later) == []


@pytest.mark.django_db(transaction=True)
def test_upload_survives_redis_being_down(kontakt_bergen, portal_keys, monkeypatch):
    """The queue being unreachable never loses an upload: the row stays for the sweep."""

    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr("rq.Queue.enqueue", down)
    delivery = _deliver(kontakt_bergen, portal_keys)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.RECEIVED
    assert Delivery.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_six_staff_reruns_of_a_valid_file_through_the_queue_stay_accepted(
    kontakt_bergen, staff, portal_keys, queue
):
    """Real kontroll, real queue: a rerun is a new control, never a technical retry."""
    delivery = _deliver(kontakt_bergen, portal_keys)
    _work(queue)
    for _ in range(svc.MAX_ATTEMPTS + 1):
        svc.submission_rerun_control(delivery=delivery, requested_by=staff)
        _work(queue)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.ACCEPTED and delivery.message == "Filen er godkjent."
    assert (delivery.attempts, delivery.reruns) == (1, 6)
    assert Report.objects.filter(delivery=delivery).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_schedulers_recovery_task_queues_a_lost_delivery(kontakt_bergen, portal_keys, queue):
    from mottak.management.commands.run_scheduler import _recover

    delivery = _deliver(kontakt_bergen, portal_keys)
    queue.connection.flushdb()
    _recover(timezone.now())
    assert queue.count == 1
    _work(queue)
    assert_one_verdict(delivery, attempts=1)
