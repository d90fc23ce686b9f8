"""The scheduled reminder job and its cron registration."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from mottak import jobs
from mottak.models import Kommune, KommuneContact, Reminder, RoundForm
from mottak.services.calendar import reporting_round_create_standard


@pytest.fixture
def open_round(db):
    """A round placed around the real clock (the job reads the time itself): 11F was due
    yesterday."""
    today = timezone.localdate()
    rnd = reporting_round_create_standard(aar=2000)
    rnd.opens_on = today - timedelta(days=10)
    rnd.correction_cutoff_on = today + timedelta(days=400)
    rnd.final_publication_on = today + timedelta(days=450)
    rnd.save()
    RoundForm.objects.filter(round=rnd).exclude(skjema="11F").delete()
    RoundForm.objects.filter(round=rnd).update(deadline_on=today - timedelta(days=1))
    Kommune.objects.create(nummer="4601", navn="Bergen", fylke="X", gyldig_fra=1990)
    KommuneContact.objects.create(
        kommune_nr="4601", email="postmottak@4601.kommune.test", created_at=timezone.now()
    )
    return rnd


def test_job_sends_once_a_day(open_round):
    assert jobs.reminder_send_due() == 1
    assert jobs.reminder_send_due() == 0
    assert Reminder.objects.get().kind == "overdue"
    assert len(mail.outbox) == 1


def test_reminder_and_release_jobs_are_registered_in_cron(redis_conn):
    from rq.cron import CronScheduler

    scheduler = CronScheduler(connection=redis_conn)
    scheduler.load_config_from_file("kostra_portal.cron")
    entries = {job.func.__name__: job for job in scheduler.get_jobs()}
    assert entries["reminder_send_due"].cron == "5 6-20 * * *"
    assert entries["held_deliveries_release"].interval == 60
