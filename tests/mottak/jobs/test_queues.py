"""Each kind of job goes to its queue: deliveries, periodic, bulk (docs/reliability.md)."""

import django_rq
import pytest

from mottak import jobs
from mottak.services import deliveries as svc
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, upload

pytestmark = [pytest.mark.redis_queue, pytest.mark.usefixtures("media_root", "round_2020")]


def _queued(name: str) -> list[str]:
    return [job.func_name.rsplit(".", 1)[1] for job in django_rq.get_queue(name).get_jobs()]


def _create(user, keys, *, check_only=False):
    return svc.submission_create(
        user=user,
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        file=upload(envelope(keys, b"POST 1\r\n")),
        check_only=check_only,
        now=JAN_10,
    )


def test_delivery_control_goes_to_the_deliveries_queue(
    kontakt_bergen, portal_keys, redis_conn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _create(kontakt_bergen, portal_keys)
    assert _queued("deliveries") == ["submission_run_control"]
    assert _queued("bulk") == [] and _queued("default") == []


def test_a_very_large_check_only_file_goes_to_bulk_a_small_one_does_not(
    kontakt_bergen, portal_keys, redis_conn, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        small = _create(kontakt_bergen, portal_keys, check_only=True)
    assert _queued("deliveries") == ["submission_run_control"]
    settings.BULK_CHECK_ONLY_BYTES = small.size - 1
    with django_capture_on_commit_callbacks(execute=True):
        _create(kontakt_bergen, portal_keys, check_only=True)
    assert _queued("bulk") == ["submission_run_control"]
    with django_capture_on_commit_callbacks(execute=True):
        _create(kontakt_bergen, portal_keys)  # a real delivery is never bulk, however large
    assert _queued("deliveries") == ["submission_run_control"] * 2


@pytest.mark.parametrize(
    "job",
    [
        jobs.heartbeat,
        jobs.reminder_send_due,
        jobs.feedback_reminders_send_due,
        jobs.delivery_sweep,
        jobs.deliveries_recover,
        jobs.held_deliveries_release,
        jobs.outgoing_mail_send_due,
    ],
)
def test_scheduled_jobs_go_to_the_periodic_queue(
    job, redis_conn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # django-rq enqueues on commit
        job.delay()
    assert _queued("periodic") == [job.__name__]


def test_export_build_goes_to_bulk(redis_conn, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        jobs.statistics_export_build.delay(1)
    assert _queued("bulk") == ["statistics_export_build"]
