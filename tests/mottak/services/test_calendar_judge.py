"""Judging a delivery against the round: every window edge, in Europe/Oslo time."""

from datetime import timedelta

import pytest

from mottak.models import AuditEvent, FreezeWindow
from mottak.services.calendar import (
    deadline_exception_grant,
    reporting_round_create_standard,
    round_judge_delivery,
)
from tests.calendar_fixtures import oslo

SECOND = timedelta(seconds=1)


@pytest.fixture
def round_2020(db):
    return reporting_round_create_standard(aar=2020)


@pytest.fixture
def round_2021(db):
    return reporting_round_create_standard(aar=2021)


def judge(at, *, skjema="11F", aar=2020, kommune_nr="4601"):
    return round_judge_delivery(kommune_nr=kommune_nr, skjema=skjema, aar=aar, received_at=at)


def test_refuses_one_second_before_opening(round_2020):
    j = judge(oslo(2021, 1, 4) - SECOND)
    assert j.refused
    assert j.code == "not_open"
    assert "åpner 4. januar 2021" in j.message


def test_accepts_at_and_one_second_after_opening(round_2020):
    for at in (oslo(2021, 1, 4), oslo(2021, 1, 4) + SECOND):
        j = judge(at)
        assert not j.refused
        assert not j.late
        assert j.held_until is None


def test_on_time_one_second_before_deadline_end_and_late_after(round_2020):
    end_of_deadline_day = oslo(2021, 1, 16)
    before = judge(end_of_deadline_day - SECOND)
    assert (before.refused, before.late) == (False, False)
    after = judge(end_of_deadline_day + SECOND)
    assert (after.refused, after.late) == (False, True)
    assert after.code == "late"
    assert "etter fristen 15. januar 2021" in after.message
    at_midnight = judge(end_of_deadline_day)
    assert at_midnight.late


def test_deadline_of_11cf_is_15_january_too(round_2020):
    assert not judge(oslo(2021, 1, 15, 23, 59, 59), skjema="11CF").late
    assert judge(oslo(2021, 1, 16, 0, 0, 1), skjema="11CF").late


def test_freeze_window_edges_hold_until_window_end(round_2020):
    window = round_2020.freeze_windows.order_by("starts_at").first()
    assert window.starts_at == oslo(2021, 3, 8)
    assert window.ends_at == oslo(2021, 3, 15)

    before = judge(window.starts_at - SECOND)
    assert before.held_until is None and not before.refused

    at_start = judge(window.starts_at)
    assert at_start.code == "held"
    assert at_start.held_until == window.ends_at

    after_start = judge(window.starts_at + SECOND)
    assert not after_start.refused
    assert after_start.held_until == window.ends_at
    assert after_start.late  # 8 March is after the 11F deadline
    assert "frysperioden slutter 15. mars 2021 kl. 00:00" in after_start.message
    assert "SSB klargjør publiseringen 15. mars 2021" in after_start.message

    before_end = judge(window.ends_at - SECOND)
    assert before_end.held_until == window.ends_at

    at_end = judge(window.ends_at)
    assert at_end.held_until is None and not at_end.refused
    after_end = judge(window.ends_at + SECOND)
    assert after_end.held_until is None and not after_end.refused


def test_back_to_back_freeze_windows_hold_until_the_last_ends(round_2020):
    first = round_2020.freeze_windows.order_by("starts_at").first()
    FreezeWindow.objects.create(
        round=round_2020, starts_at=first.ends_at, ends_at=oslo(2021, 3, 16, 12), text=""
    )
    assert judge(first.starts_at + SECOND).held_until == oslo(2021, 3, 16, 12)


def test_cutoff_edges(round_2020):
    end_of_cutoff_day = oslo(2021, 5, 1)
    before = judge(end_of_cutoff_day - SECOND)
    assert not before.refused and before.late
    after = judge(end_of_cutoff_day + SECOND)
    assert after.refused
    assert after.code == "after_cutoff"
    assert "Fristen for rettinger for statistikkåret 2020 gikk ut 30. april 2021" in after.message
    assert judge(end_of_cutoff_day).refused


def test_exception_keeps_round_open_until_expiry(round_2020, staff):
    now = oslo(2021, 5, 3, 9)
    expires = oslo(2021, 6, 1, 12)
    deadline_exception_grant(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        expires_at=expires,
        reason="Nytt fagsystem, avtalt på telefon",
        granted_by=staff,
        now=now,
    )
    before = judge(expires - SECOND)
    assert not before.refused and before.late
    assert judge(expires).refused
    assert judge(expires + SECOND).refused
    # Only for that kommune and that skjema.
    assert judge(expires - SECOND, kommune_nr="0301").refused
    assert judge(expires - SECOND, skjema="11CF").refused

    event = AuditEvent.objects.get(action="deadline_exception.granted")
    assert event.actor == staff
    assert event.kommune_nr == "4601"
    assert event.data["skjema"] == "11F"
    assert event.data["reason"] == "Nytt fagsystem, avtalt på telefon"


def test_exception_after_cutoff_still_holds_in_a_later_freeze_window(round_2020, staff):
    deadline_exception_grant(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        expires_at=oslo(2021, 12, 31),
        reason="Forsinket",
        granted_by=staff,
        now=oslo(2021, 5, 3),
    )
    j = judge(oslo(2021, 6, 10, 12))
    assert not j.refused
    assert j.held_until == oslo(2021, 6, 15)


def test_exception_needs_reason_and_future_expiry(round_2020, staff):
    from mottak.errors import MottakError

    with pytest.raises(MottakError):
        deadline_exception_grant(
            kommune_nr="4601",
            skjema="11F",
            aar=2020,
            expires_at=oslo(2021, 6, 1),
            reason="  ",
            granted_by=staff,
            now=oslo(2021, 5, 3),
        )
    with pytest.raises(MottakError):
        deadline_exception_grant(
            kommune_nr="4601",
            skjema="11F",
            aar=2020,
            expires_at=oslo(2021, 5, 1),
            reason="x",
            granted_by=staff,
            now=oslo(2021, 5, 3),
        )


def test_refuses_year_without_round(db):
    j = judge(oslo(2024, 1, 10), aar=2023)
    assert j.refused and j.code == "no_round"
    assert "2023" in j.message


def test_refuses_eform_only_skjema_as_file(round_2020):
    j = judge(oslo(2021, 2, 1), skjema="7")
    assert j.refused and j.code == "eform_only"


def test_11cf_is_file_or_eform_in_2020_and_file_only_from_2021(round_2020, round_2021):
    from mottak.models import Channel, RoundForm

    assert RoundForm.objects.get(round=round_2020, skjema="11CF").channel == Channel.FILE_OR_EFORM
    assert RoundForm.objects.get(round=round_2021, skjema="11CF").channel == Channel.FILE
    assert not judge(oslo(2022, 1, 5), skjema="11CF", aar=2021).refused


def test_standard_round_is_idempotent_and_keeps_staff_edits(round_2020):
    from datetime import date

    round_2020.correction_cutoff_on = date(2021, 5, 3)  # shifted past a weekend
    round_2020.save()
    again = reporting_round_create_standard(aar=2020)
    assert again.pk == round_2020.pk
    assert again.correction_cutoff_on == date(2021, 5, 3)
    assert again.forms.count() == 5
    assert again.freeze_windows.count() == 2
    assert not judge(oslo(2021, 5, 3, 12)).refused
