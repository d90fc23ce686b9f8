"""`manage.py send_reminders [--now] [--dry-run] [--format json]`."""

import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from mottak.models import Kommune, KommuneContact, Reminder
from mottak.services.calendar import reporting_round_create_standard
from tests.calendar_fixtures import FileStatus, oslo


@pytest.fixture
def setup(db):
    """Bergen has delivered nothing; Oslo has both files accepted."""
    reporting_round_create_standard(aar=2020)
    FileStatus().put("0301", "11F", 2020, "accepted")
    FileStatus().put("0301", "11CF", 2020, "accepted")
    for nr, navn in (("4601", "Bergen"), ("0301", "Oslo")):
        Kommune.objects.create(nummer=nr, navn=navn, fylke="X", gyldig_fra=2020)
        KommuneContact.objects.create(
            kommune_nr=nr, email=f"postmottak@{nr}.kommune.test", created_at=oslo(2020, 12, 1)
        )


def call(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_json_lists_exactly_the_reminders_sent(setup):
    output = json.loads(call("--now", "2021-01-16T08:00:00+01:00", "--format", "json"))
    assert output == [
        {
            "kommune": "4601",
            "skjema": "11F",
            "aar": 2020,
            "kind": "overdue",
            "to": ["postmottak@4601.kommune.test"],
        },
        {
            "kommune": "4601",
            "skjema": "11CF",
            "aar": 2020,
            "kind": "overdue",
            "to": ["postmottak@4601.kommune.test"],
        },
    ]
    assert Reminder.objects.count() == 2
    assert len(mail.outbox) == 1  # one e-mail to the kommune about both forms
    # Run again the same day: nothing.
    assert json.loads(call("--now", "2021-01-16T15:00:00+01:00", "--format", "json")) == []


def test_dry_run_sends_and_logs_nothing(setup):
    output = json.loads(call("--now", "2021-01-10T08:00", "--dry-run", "--format", "json"))
    assert {(o["kommune"], o["skjema"], o["kind"]) for o in output} == {
        ("4601", "11F", "before_deadline"),
        ("4601", "11CF", "before_deadline"),
    }
    assert Reminder.objects.count() == 0
    assert mail.outbox == []


def test_text_output_and_bad_now(setup):
    assert "0 reminder(s) sent." in call("--now", "2021-01-02T08:00")
    with pytest.raises(CommandError):
        call("--now", "igår")


def test_json_output_stays_json_with_the_development_mail_files(setup, settings, tmp_path):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    output = json.loads(call("--now", "2021-01-16T08:00:00+01:00", "--format", "json"))
    assert len(output) == 2  # two forms due...
    written = b"".join(p.read_bytes() for p in tmp_path.glob("*.log"))
    assert written.count(b"To: postmottak@4601.kommune.test") == 1  # ...in one e-mail


def test_json_output_stays_json_when_the_mail_backend_prints(setup, settings, capsys):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    call_command("send_reminders", "--now", "2021-01-16T08:00:00+01:00", "--format", "json")
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 2
    assert captured.err.count("To: postmottak@4601.kommune.test") == 1  # one e-mail per kommune
