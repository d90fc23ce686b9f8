"""Which years a kommune is offered, which one comes first, and whether reception is open."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from mottak.models import ReportingRound
from mottak.selectors.reception import (
    ReceptionState,
    default_year_get,
    reception_get,
    round_years_list,
)
from mottak.services.calendar import deadline_exception_grant, reporting_round_create_standard
from tests.delivery_fixtures import portal_keys  # noqa: F401

OSLO = ZoneInfo("Europe/Oslo")
DEC_2026 = datetime(2026, 12, 2, 12, 0, tzinfo=OSLO)
FEB_2027 = datetime(2027, 2, 1, 12, 0, tzinfo=OSLO)


@pytest.fixture
def rounds(db):
    """2020 and 2021 (closed by December 2026) and 2026 (opens 4 January 2027)."""
    for aar in (2020, 2021, 2026):
        reporting_round_create_standard(aar=aar)


def test_only_years_with_a_round_are_offered(rounds):
    assert round_years_list() == [2026, 2021, 2020]


def test_next_round_to_open_is_the_default_and_says_when(rounds):
    assert default_year_get(kommune_nr="4601", now=DEC_2026) == 2026
    reception = reception_get(kommune_nr="4601", aar=2026, now=DEC_2026)
    assert reception.state == ReceptionState.NOT_OPEN
    assert reception.message == "Mottaket for statistikkåret 2026 åpner 4. januar 2027."


def test_open_round_is_the_default(rounds):
    assert default_year_get(kommune_nr="4601", now=FEB_2027) == 2026
    assert reception_get(kommune_nr="4601", aar=2026, now=FEB_2027).is_open
    assert reception_get(kommune_nr="4601", aar=2026, now=FEB_2027).message == ""


def test_closed_round_says_when_the_correction_cutoff_was(rounds):
    reception = reception_get(kommune_nr="4601", aar=2021, now=DEC_2026)
    assert reception.state == ReceptionState.CLOSED
    assert reception.message == "Mottaket er stengt (frist for rettinger var 30. april 2022)."


def test_a_staff_exception_opens_a_closed_year_for_that_kommune_only(rounds, staff):
    deadline_exception_grant(
        kommune_nr="4601", skjema="11F", aar=2020, expires_at=DEC_2026 + timedelta(days=5),
        reason="test", granted_by=staff, now=DEC_2026,
    )  # fmt: skip
    assert reception_get(kommune_nr="4601", aar=2020, now=DEC_2026).is_open
    assert default_year_get(kommune_nr="4601", now=DEC_2026) == 2020
    assert reception_get(kommune_nr="5001", aar=2020, now=DEC_2026).state == "closed"


def test_year_without_round(db):
    assert default_year_get(kommune_nr="4601", now=DEC_2026) is None
    assert reception_get(kommune_nr="4601", aar=2023, now=DEC_2026).state == "no_round"


# The pages (they read the real clock, so the rounds are placed around today).


@pytest.fixture
def open_and_upcoming(db):
    today = timezone.localdate()
    ReportingRound.objects.create(
        aar=2030, opens_on=today - timedelta(days=5), preliminary_publication_on=today,
        correction_cutoff_on=today + timedelta(days=60),
        final_publication_on=today + timedelta(days=90),
    )  # fmt: skip
    ReportingRound.objects.create(
        aar=2031, opens_on=today + timedelta(days=300),
        preliminary_publication_on=today + timedelta(days=310),
        correction_cutoff_on=today + timedelta(days=350),
        final_publication_on=today + timedelta(days=360),
    )  # fmt: skip
    reporting_round_create_standard(aar=2030)
    reporting_round_create_standard(aar=2031)
    reporting_round_create_standard(aar=2020)


def test_status_page_defaults_to_the_open_year_and_offers_only_round_years(
    client, kontakt_bergen, open_and_upcoming
):
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:status"))
    assert response.context["aar"] == 2030
    assert response.context["years"] == [2031, 2030, 2020]
    assert 'id="reception"' not in response.content.decode()


def test_status_page_of_a_year_not_yet_open_says_when_it_opens(
    client, kontakt_bergen, open_and_upcoming
):
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:status") + "?aar=2031")
    html = response.content.decode()
    assert 'data-reception="not_open"' in html and "Mottaket for statistikkåret 2031 åpner" in html
    labels = {str(r["label"]) for r in response.context["rows"] if r["form"].takes_files}
    assert labels == {"Mottaket har ikke åpnet"}


def test_closed_year_does_not_just_say_not_delivered(client, kontakt_bergen, open_and_upcoming):
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:status") + "?aar=2020")
    html = response.content.decode()
    assert "Mottaket er stengt (frist for rettinger var 30. april 2021)." in html
    labels = {str(r["label"]) for r in response.context["rows"] if r["form"].takes_files}
    assert labels == {"Ikke levert (mottaket er stengt)"}


def test_upload_page_offers_round_years_as_a_choice_with_their_state(
    client,
    kontakt_bergen,
    open_and_upcoming,
    portal_keys,  # noqa: F811
):
    client.force_login(kontakt_bergen)
    html = client.get(reverse("mottak:upload")).content.decode()
    assert '<select id="aar" name="aar"' in html and 'type="number" name="aar"' not in html
    assert '<option value="2030" data-reception="open" data-message="" selected>' in html
    assert 'data-reception="not_open"' in html and 'data-reception="closed"' in html
    closed = client.get(reverse("mottak:upload") + "?aar=2020").content.decode()
    assert "Mottaket er stengt (frist for rettinger var 30. april 2021)." in closed
