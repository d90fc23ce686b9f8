"""`send_feedback_reminders` and its daily job."""

import json

from django.core import mail
from django.core.management import call_command

from mottak import jobs
from mottak.models.ssb import FeedbackReminder
from mottak.services import feedback as svc
from tests.calendar_fixtures import oslo


def _sent_list(staff):
    fl = svc.feedback_list_create(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        title="T",
        items=[svc.FeedbackItemSpec("Q")],
        created_by=staff,
        now=oslo(2021, 2, 1),
    )
    svc.feedback_list_send(feedback_list=fl, sent_by=staff, now=oslo(2021, 2, 1))
    return fl


def test_command_json_dry_run_then_real_run(staff, kontakt_bergen, capsys):
    fl = _sent_list(staff)
    call_command(
        "send_feedback_reminders", "--now", "2021-02-20T08:00", "--dry-run", "--format", "json"
    )
    printed = json.loads(capsys.readouterr().out)
    assert printed == [
        {
            "feedback_list": fl.pk,
            "kommune": "4601",
            "skjema": "11F",
            "aar": 2020,
            "to": ["kari@example.test"],
        }
    ]
    assert not FeedbackReminder.objects.exists()
    call_command("send_feedback_reminders", "--now", "2021-02-20T08:00")
    call_command("send_feedback_reminders", "--now", "2021-02-20T15:00")
    assert FeedbackReminder.objects.count() == 1
    assert "1 feedback reminder(s) sent." in capsys.readouterr().out


def test_daily_job_uses_the_service_and_is_idempotent(staff, kontakt_bergen):
    _sent_list(staff)  # answer date 15 February 2021, long past on the real clock
    mail.outbox.clear()
    assert jobs.feedback_reminders_send_due() == 1
    assert jobs.feedback_reminders_send_due() == 0
    assert len(mail.outbox) == 1
