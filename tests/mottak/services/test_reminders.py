"""Reminders across a simulated season, idempotency, catch-up and the e-mail text."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError

from mottak.errors import MottakError
from mottak.models import Kommune, KommuneContact, ObligationMark, Reminder
from mottak.services import reminders as reminders_service
from mottak.services.calendar import obligation_mark, reporting_round_create_standard
from mottak.services.reminders import (
    reminder_due_list,
    reminder_send_due,
    reminder_send_now,
)
from tests.calendar_fixtures import FileStatus, oslo

BEFORE, OVERDUE = "before_deadline", "overdue"


@pytest.fixture
def file_status(db):
    return FileStatus()


@pytest.fixture
def season(db):
    """Round 2020 (reception in 2021); Bergen, Oslo and Trondheim valid in 2020, and an old
    kommune that ended in 2019; each with one contact address."""
    rnd = reporting_round_create_standard(aar=2020)
    for nr, navn, fra, til in (
        ("4601", "Bergen", 2020, None),
        ("0301", "Oslo", 2020, 2025),
        ("5001", "Trondheim", 2020, 2022),
        ("1201", "Gamle Bergen", 2000, 2019),
    ):
        Kommune.objects.create(nummer=nr, navn=navn, fylke="X", gyldig_fra=fra, gyldig_til=til)
        KommuneContact.objects.create(
            kommune_nr=nr, email=f"postmottak@{nr}.kommune.test", created_at=oslo(2020, 12, 1)
        )
    return rnd


def run(day: date, hour: int = 8):
    return reminder_send_due(now=oslo(day.year, day.month, day.day, hour, 5))


def test_whole_season_day_by_day(season, file_status, staff):
    """1 January to 30 April 2021, two runs a day; deliveries and marks happen on the way."""
    events = {
        # Oslo delivers 11F in time, after the notice was sent on 10 January.
        date(2021, 1, 12): [("file", "0301", "11F", "accepted")],
        # Trondheim declares no KVP participants before any 11CF reminder.
        date(2021, 1, 5): [("file", "5001", "11CF", "no_participants")],
        # Bergen's first 11F is rejected: not delivered, keeps being reminded...
        date(2021, 1, 14): [("file", "4601", "11F", "rejected")],
        # ...until it delivers an accepted file (with warnings).
        date(2021, 2, 1): [("file", "4601", "11F", "accepted_with_warnings")],
        # Oslo's e-form 7 is registered as received by SSB after the deadline.
        date(2021, 2, 20): [("eform", "0301", "7", "")],
    }
    obligation_mark(
        kommune_nr="4601",
        skjema="11CF",
        aar=2020,
        kind=ObligationMark.Kind.NOT_APPLICABLE,
        marked_by=staff,
        now=oslo(2020, 12, 20),
    )
    sent: list[tuple[date, str, str, str]] = []
    day = date(2021, 1, 1)
    while day <= date(2021, 5, 3):
        for kind, nr, skjema, state in events.get(day, []):
            if kind == "file":
                file_status.put(nr, skjema, 2020, state, at=oslo(day.year, day.month, day.day, 7))
            else:
                obligation_mark(
                    kommune_nr=nr,
                    skjema=skjema,
                    aar=2020,
                    kind=ObligationMark.Kind.EFORM_RECEIVED,
                    marked_by=staff,
                    now=oslo(day.year, day.month, day.day, 7),
                )
        first = run(day, 8)
        second = run(day, 14)
        assert second == [], f"second run on {day} sent again"
        sent += [(day, r.kommune_nr, r.skjema, r.kind) for r in first]
        day += timedelta(days=1)

    def days(nr, skjema, kind):
        return [d for d, k, s, kd in sent if (k, s, kd) == (nr, skjema, kind)]

    def every_week(start: date) -> list[date]:
        out, d = [], start
        while d <= date(2021, 4, 30):
            out.append(d)
            d += timedelta(days=7)
        return out

    # Nothing before the notice period, nothing after the correction cutoff.
    assert min(d for d, *_ in sent) == date(2021, 1, 10)
    assert max(d for d, *_ in sent) <= date(2021, 4, 30)
    # Never the kommune that ended in 2019.
    assert not [s for s in sent if s[1] == "1201"]

    # 11F, deadline 15 January: notice on 10 January, then weekly from 16 January.
    assert days("5001", "11F", BEFORE) == [date(2021, 1, 10)]
    assert days("5001", "11F", OVERDUE) == every_week(date(2021, 1, 16))
    assert days("0301", "11F", BEFORE) == [date(2021, 1, 10)]
    assert days("0301", "11F", OVERDUE) == []  # delivered 12 January
    assert days("4601", "11F", BEFORE) == [date(2021, 1, 10)]
    # Rejected on 14 January still counts as not delivered; accepted on 1 February stops it.
    assert days("4601", "11F", OVERDUE) == [date(2021, 1, 16), date(2021, 1, 23), date(2021, 1, 30)]

    # 11CF: not applicable for Bergen, no participants for Trondheim, Oslo reminded.
    assert days("4601", "11CF", BEFORE) + days("4601", "11CF", OVERDUE) == []
    assert days("5001", "11CF", BEFORE) + days("5001", "11CF", OVERDUE) == []
    assert days("0301", "11CF", OVERDUE) == every_week(date(2021, 1, 16))

    # E-form 7, deadline 17 February: notice 12 February, overdue 18 February, received 20th.
    assert days("0301", "7", BEFORE) == [date(2021, 2, 12)]
    assert days("0301", "7", OVERDUE) == [date(2021, 2, 18)]
    assert days("4601", "12", OVERDUE) == every_week(date(2021, 2, 18))

    # No duplicates; the log and the outbox agree with what the runs returned.
    assert len(sent) == len(set(sent))
    assert Reminder.objects.count() == len(sent)
    # One e-mail per kommune per run, listing all its forms.
    assert len(mail.outbox) == len({(d, k) for d, k, _s, _kind in sent})


def test_skipped_days_catch_up_with_one_reminder_not_a_burst(season, file_status):
    run(date(2021, 1, 10))  # the notices
    mail.outbox.clear()
    # The scheduler was down from 11 to 19 January.
    sent = run(date(2021, 1, 20))
    keys = [(r.kommune_nr, r.skjema, r.kind) for r in sent]
    assert len(keys) == len(set(keys))
    assert {r.kind for r in sent} == {OVERDUE}
    assert {(r.kommune_nr, r.skjema) for r in sent} == {
        (nr, s) for nr in ("0301", "4601", "5001") for s in ("11F", "11CF")
    }
    assert run(date(2021, 1, 21)) == []
    assert run(date(2021, 1, 26)) == []
    assert len(run(date(2021, 1, 27))) == 6


def test_notice_missed_entirely_is_not_sent_after_the_deadline(season, file_status):
    sent = run(date(2021, 1, 16))
    assert {r.kind for r in sent} == {OVERDUE}
    assert not Reminder.objects.filter(kind=BEFORE).exists()


def test_recipients_are_contacts_and_active_users_of_the_kommune(
    season, file_status, kontakt_bergen, nav_bergen, kontakt_oslo
):
    nav_bergen.is_active = False
    nav_bergen.save()
    due = {(r.kommune_nr, r.skjema): r for r in reminder_due_list(now=oslo(2021, 1, 10, 8))}
    assert due[("4601", "11F")].to == ["kari@example.test", "postmottak@4601.kommune.test"]
    assert due[("0301", "11F")].to == ["ola@example.test", "postmottak@0301.kommune.test"]


def test_email_is_norwegian_with_kommune_skjema_deadline_and_link(season, file_status, settings):
    settings.SITE_URL = "https://kostra.ssb.test"
    run(date(2021, 1, 10))

    def to_bergen():
        [message] = [m for m in mail.outbox if m.to == ["postmottak@4601.kommune.test"]]
        return message

    message = to_bergen()  # one e-mail about both forms
    assert message.subject == "KOSTRA: påminnelse om skjema 11F (2020), 11CF (2020)"
    assert "4601 Bergen" in message.body
    assert "Skjema 11F for statistikkåret 2020: ikke levert." in message.body
    assert "Skjema 11CF for statistikkåret 2020" in message.body
    assert "Fristen er 15. januar 2021" in message.body
    assert "«ingen deltakere»" in message.body  # 11CF explains the declaration
    assert "https://kostra.ssb.test/" in message.body
    assert "https://kostra.ssb.test/paminnelser/" in message.body

    mail.outbox.clear()
    run(date(2021, 1, 16))
    overdue = to_bergen()
    assert "Fristen var 15. januar 2021" in overdue.body
    assert "siste frist for rettinger er 30. april 2021" in overdue.body


def test_single_overdue_form_has_its_own_subject_and_rejected_says_avvist(season, file_status):
    file_status.put("4601", "11CF", 2020, "no_participants", at=oslo(2021, 1, 5, 7))
    file_status.put("4601", "11F", 2020, "rejected", at=oslo(2021, 1, 14, 7))
    run(date(2021, 1, 16))
    [message] = [m for m in mail.outbox if m.to == ["postmottak@4601.kommune.test"]]
    assert message.subject == "KOSTRA: skjema 11F for 2020 er avvist"
    assert "avvist" in message.body and "ikke levert" not in message.body


def test_every_reminder_is_in_the_audit_log(season, file_status):
    from mottak.models import AuditEvent

    sent = run(date(2021, 1, 10))
    events = AuditEvent.objects.filter(action="reminder.sent")
    assert sorted((e.kommune_nr, e.data["skjema"]) for e in events) == sorted(
        (r.kommune_nr, r.skjema) for r in sent
    )


def test_send_now_twice_sends_once(season, file_status, staff):
    reminder_send_now(
        kommune_nr="4601", skjema="11F", aar=2020, now=oslo(2021, 1, 20, 10), sent_by=staff
    )
    with pytest.raises(MottakError) as err:
        reminder_send_now(
            kommune_nr="4601", skjema="11F", aar=2020, now=oslo(2021, 1, 20, 10, 1), sent_by=staff
        )
    assert err.value.code == "already_sent_today"
    assert Reminder.objects.filter(manual=True).count() == 1
    assert len(mail.outbox) == 1


def test_eform_reminder_says_it_is_an_eform(season, file_status):
    run(date(2021, 2, 12))
    message = next(m for m in mail.outbox if " 7 (2020)" in m.subject)
    assert "e-skjema" in message.body
    assert "Fristen er 17. februar 2021" in message.body


def test_failed_send_logs_nothing_and_the_next_run_retries(season, file_status, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    real_send = EmailBackend.send_messages

    def flaky_send(self, messages):
        if "postmottak@0301.kommune.test" in messages[0].to:
            raise ConnectionError("smtp refused")
        return real_send(self, messages)

    with monkeypatch.context() as m:
        m.setattr(EmailBackend, "send_messages", flaky_send)
        sent = run(date(2021, 1, 10))
    # Oslo's two failed; the others went out on the same connection.
    assert {r.kommune_nr for r in sent} == {"4601", "5001"}
    assert not Reminder.objects.filter(kommune_nr="0301").exists()
    assert len(mail.outbox) == 2  # one per kommune
    retry = run(date(2021, 1, 10), hour=9)
    assert {(r.kommune_nr, r.skjema) for r in retry} == {("0301", "11F"), ("0301", "11CF")}


def test_database_allows_one_scheduled_reminder_per_day(season):
    values = dict(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        kind=BEFORE,
        deadline_on=date(2021, 1, 15),
        sent_on=date(2021, 1, 10),
        sent_at=oslo(2021, 1, 10, 8),
    )
    Reminder.objects.create(**values)
    Reminder.objects.create(**values, manual=True)  # staff may send one by hand as well
    with pytest.raises(IntegrityError):
        Reminder.objects.create(**values)


def test_send_now_by_staff_logs_a_manual_reminder(season, file_status, staff):
    reminder = reminder_send_now(
        kommune_nr="4601", skjema="11F", aar=2020, now=oslo(2021, 1, 5, 10), sent_by=staff
    )
    assert reminder.manual and reminder.sent_by == staff
    assert reminder.kind == BEFORE
    assert mail.outbox[0].to == ["postmottak@4601.kommune.test"]
    # It counts as the notice: the scheduled run on 10 January does not send another.
    assert ("4601", "11F") not in {(r.kommune_nr, r.skjema) for r in run(date(2021, 1, 10))}


def test_send_now_refuses_a_kommune_that_has_delivered(season, file_status, staff):
    file_status.put("4601", "11F", 2020, "accepted")
    with pytest.raises(MottakError) as err:
        reminder_send_now(
            kommune_nr="4601", skjema="11F", aar=2020, now=oslo(2021, 1, 20), sent_by=staff
        )
    assert err.value.code == "delivered"
    assert "allerede levert" in err.value.message
    with pytest.raises(MottakError) as err:
        reminder_send_now(
            kommune_nr="0301", skjema="11F", aar=2020, now=oslo(2021, 5, 1), sent_by=staff
        )
    assert err.value.code == "round_closed"
    assert Reminder.objects.count() == 0


def test_no_file_form_reminders_when_the_delivery_status_cannot_be_read(season, monkeypatch):
    def unavailable(*, aar, skjema):
        raise reminders_service.StatusUnavailable("no selector")

    monkeypatch.setattr(reminders_service, "file_settled_kommuner", unavailable)
    assert run(date(2021, 1, 10)) == []
    # E-forms do not depend on it.
    assert {r.skjema for r in run(date(2021, 2, 12))} == {"7", "7B", "12"}


def test_pending_delivery_is_not_chased_but_a_failed_one_is(season, file_status):
    file_status.put("4601", "11F", 2020, "received", at=oslo(2021, 1, 15, 23))
    file_status.put("0301", "11F", 2020, "failed", at=oslo(2021, 1, 15, 23))
    reminded = {(r.kommune_nr, r.skjema) for r in run(date(2021, 1, 16))}
    assert ("4601", "11F") not in reminded
    assert ("0301", "11F") in reminded
    assert ("5001", "11F") in reminded


def test_eform_counts_as_received_from_its_receipt_time(season, file_status, staff):
    obligation_mark(
        kommune_nr="0301",
        skjema="7",
        aar=2020,
        kind=ObligationMark.Kind.EFORM_RECEIVED,
        marked_by=staff,
        now=oslo(2021, 2, 10, 7),
        received_at=oslo(2021, 2, 19, 9),
    )
    sent = {(r.kommune_nr, r.skjema) for r in run(date(2021, 2, 18))}
    assert ("0301", "7") in sent  # not yet received on the 18th
    sent = {(r.kommune_nr, r.skjema) for r in run(date(2021, 2, 25))}
    assert ("0301", "7") not in sent and ("4601", "7") in sent
