"""The delivery jobs: the sweep is scheduled, and the job entry points call the services."""

import pytest

from mottak import jobs
from mottak.models import DeliveryState
from mottak.services import deliveries as svc
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, upload


def test_delivery_sweep_is_registered_in_cron(redis_conn):
    from rq.cron import CronScheduler

    scheduler = CronScheduler(connection=redis_conn)
    scheduler.load_config_from_file("kostra_portal.cron")
    entries = {job.func.__name__: job for job in scheduler.get_jobs()}
    assert entries["delivery_sweep"].interval == 300
    assert "deliveries_recover" not in entries  # run_scheduler runs it in its own process
    assert {job.queue_name for job in scheduler.get_jobs()} == {"periodic"}


@pytest.mark.usefixtures("media_root", "round_2020")
def test_job_controls_delivery_and_sweep_job_requeues_stale(
    kontakt_bergen, portal_keys, fake_kontroll, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(
        svc,
        "control_job_push",
        lambda *, delivery_id, job_id, at_front=False: queued.append(delivery_id),
    )
    delivery = svc.submission_create(
        user=kontakt_bergen,
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        file=upload(envelope(portal_keys, b"POST 1\r\n")),
        now=JAN_10,  # received long ago and never controlled: stale
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.delivery_sweep() == 1
    assert queued == [delivery.pk]
    assert jobs.submission_run_control(delivery.pk) == DeliveryState.ACCEPTED
    assert jobs.submission_run_control(delivery.pk) == "unchanged"
    assert jobs.delivery_sweep() == 0
