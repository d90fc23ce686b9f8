"""A delivery received in a freeze window is taken in, held, and controlled right after the
window closes: the real round, submission_create, the release job and the control job."""

from datetime import timedelta

import pytest

from mottak import jobs
from mottak.models import AuditEvent, Delivery, DeliveryState
from mottak.services import deliveries as delivery_service
from mottak.services.held import held_deliveries_release
from tests.calendar_fixtures import oslo
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import envelope, upload

PLAIN = b"POST 1 OK\r\nPOST 2 OK\r\n"
SECOND = timedelta(seconds=1)
WINDOW_START, WINDOW_END = oslo(2021, 3, 8), oslo(2021, 3, 15)

pytestmark = pytest.mark.usefixtures("media_root", "round_2020", "fake_kontroll")


@pytest.fixture
def queued(monkeypatch):
    """Jobs queued, recorded instead of sent to Redis (the integration test uses Redis)."""
    ids: list[int] = []
    monkeypatch.setattr(
        delivery_service,
        "control_job_push",
        lambda *, delivery_id, job_id, at_front=False: ids.append(delivery_id),
    )
    return ids


def deliver(user, keys, *, now):
    return delivery_service.submission_create(
        user=user,
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        file=upload(envelope(keys, PLAIN)),
        now=now,
    )


def test_held_in_freeze_window_and_controlled_right_after_it_closes(
    kontakt_bergen, portal_keys, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = deliver(kontakt_bergen, portal_keys, now=WINDOW_START + timedelta(hours=30))
    assert queued == []
    assert delivery.state == DeliveryState.HELD and delivery.held_until == WINDOW_END
    assert delivery_service.delivery_enqueue(delivery_id=delivery.pk) is None  # not before
    assert delivery.late  # after the 15 January deadline
    assert "frysperioden slutter 15. mars 2021" in delivery.message

    # One second before the window closes: still held.
    with django_capture_on_commit_callbacks(execute=True):
        assert held_deliveries_release(now=WINDOW_END - SECOND) == []
    assert queued == []

    # At the close: released once, and queued only after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        assert held_deliveries_release(now=WINDOW_END) == [delivery.pk]
        assert queued == []
    assert queued == [delivery.pk]
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.RECEIVED
    # A second run (the job runs every minute) does not queue it again.
    with django_capture_on_commit_callbacks(execute=True):
        assert held_deliveries_release(now=WINDOW_END + timedelta(minutes=1)) == []
    assert queued == [delivery.pk]

    delivery_service.submission_run_control(delivery_id=delivery.pk, now=WINDOW_END + SECOND)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.ACCEPTED
    event = AuditEvent.objects.get(action="delivery.released")
    assert event.kommune_nr == "4601" and event.data["delivery_id"] == delivery.pk


def test_delivery_outside_the_window_is_queued_at_once(
    kontakt_bergen, portal_keys, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = deliver(kontakt_bergen, portal_keys, now=WINDOW_START - SECOND)
    assert delivery.held_until is None
    assert queued == [delivery.pk]
    assert held_deliveries_release(now=WINDOW_END) == []


def test_released_delivery_whose_job_was_lost_is_picked_up_by_the_sweep(
    kontakt_bergen, portal_keys, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = deliver(kontakt_bergen, portal_keys, now=WINDOW_START + SECOND)
        held_deliveries_release(now=WINDOW_END)
    queued.clear()  # Redis lost the job
    later = WINDOW_END + delivery_service.STALE_AFTER
    assert delivery_service.delivery_sweep(now=later) == [delivery.pk]


@pytest.mark.redis_queue
def test_held_delivery_through_the_real_queue(
    kontakt_bergen, portal_keys, queue, django_capture_on_commit_callbacks, monkeypatch
):
    from rq import SimpleWorker

    with django_capture_on_commit_callbacks(execute=True):
        delivery = deliver(kontakt_bergen, portal_keys, now=WINDOW_START + SECOND)
    assert queue.count == 0

    monkeypatch.setattr("django.utils.timezone.now", lambda: WINDOW_END + SECOND)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.held_deliveries_release() == 1
    assert queue.count == 1
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.ACCEPTED
    assert Delivery.objects.filter(state=DeliveryState.ACCEPTED).count() == 1
