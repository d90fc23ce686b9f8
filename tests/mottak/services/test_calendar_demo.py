"""Demo calendar: rounds 2020, 2021, 2026, contact addresses, the demo kommuner's exception."""

from datetime import timedelta

from mottak.models import DeadlineException, KommuneContact, ReportingRound
from mottak.services.calendar import calendar_demo_create, round_judge_delivery
from tests.calendar_fixtures import oslo


def test_demo_keeps_2020_open_for_the_demo_kommuner_for_a_year(reference_data):
    now = oslo(2026, 11, 23, 10)
    calendar_demo_create(now=now)
    assert sorted(ReportingRound.objects.values_list("aar", flat=True)) == [2020, 2021, 2026]

    for nr in ("4601", "0301"):
        for skjema in ("11F", "11CF"):
            j = round_judge_delivery(
                kommune_nr=nr, skjema=skjema, aar=2020, received_at=now + timedelta(days=364)
            )
            assert not j.refused and j.late
    assert round_judge_delivery(
        kommune_nr="4601", skjema="11F", aar=2020, received_at=now + timedelta(days=366)
    ).refused
    # Everyone else sees the real dates.
    assert round_judge_delivery(kommune_nr="5001", skjema="11F", aar=2020, received_at=now).refused


def test_demo_gives_every_kommune_a_synthetic_address_and_is_idempotent(reference_data):
    calendar_demo_create(now=oslo(2026, 11, 23))
    calendar_demo_create(now=oslo(2026, 11, 24))
    assert KommuneContact.objects.filter(email="postmottak@4601.kommune.test").count() == 1
    assert KommuneContact.objects.filter(email="postmottak@3101.kommune.test").exists()
    numbers = KommuneContact.objects.values_list("kommune_nr", flat=True).distinct().count()
    assert numbers == KommuneContact.objects.count()
    assert DeadlineException.objects.count() == 4
    assert DeadlineException.objects.first().expires_at == oslo(2027, 11, 24)
