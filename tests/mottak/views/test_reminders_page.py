"""The municipality's page of deadlines and reminders (/paminnelser/)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mottak.models import Reminder
from mottak.services.calendar import calendar_demo_create, reporting_round_create_standard
from tests.calendar_fixtures import oslo


def _reminder(nr: str, recipient: str) -> Reminder:
    return Reminder.objects.create(
        kommune_nr=nr,
        skjema="11F",
        aar=2020,
        kind="overdue",
        deadline_on=date(2021, 1, 15),
        sent_on=date(2021, 1, 16),
        sent_at=oslo(2021, 1, 16, 8, 5),
        recipients=[recipient],
    )


@pytest.fixture
def sent(db):
    return _reminder("4601", "postmottak@4601.kommune.test"), _reminder(
        "0301", "postmottak@0301.kommune.test"
    )


def test_kommune_user_sees_only_own_reminders(client, kontakt_bergen, sent):
    client.force_login(kontakt_bergen)
    page = client.get(reverse("mottak:reminders")).content.decode()
    assert "Påminnelser sendt fra SSB" in page
    assert "postmottak@4601.kommune.test" in page
    assert "16. januar 2021" in page
    assert "Etter frist" in page
    assert "postmottak@0301.kommune.test" not in page


def test_outsider_sees_none_of_bergens_reminders(client, outsider, sent):
    client.force_login(outsider)
    page = client.get(reverse("mottak:reminders")).content.decode()
    assert "postmottak@4601.kommune.test" not in page
    assert "Ingen påminnelser er sendt." in page


def test_anonymous_is_sent_to_login(client, sent):
    response = client.get(reverse("mottak:reminders"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staff_see_reminders_of_every_kommune(client, staff, sent):
    client.force_login(staff)
    page = client.get(reverse("mottak:reminders")).content.decode()
    assert "postmottak@4601.kommune.test" in page and "postmottak@0301.kommune.test" in page


def test_page_lists_open_deadlines_and_the_demo_exception(client, kontakt_bergen, outsider):
    now = timezone.now()
    calendar_demo_create(now=now)
    client.force_login(kontakt_bergen)
    page = client.get(reverse("mottak:reminders")).content.decode()
    # Bergen holds the demo exception: the 2020 round is open to it for a year.
    assert "Unntak fra SSB: åpent til" in page
    expiry = timezone.localtime(now + timedelta(days=365))
    assert f"{expiry.day}. " in page and str(expiry.year) in page

    client.force_login(outsider)
    page = client.get(reverse("mottak:reminders")).content.decode()
    assert "Unntak fra SSB" not in page


def test_nav_links_to_the_page(client, kontakt_bergen, db):
    reporting_round_create_standard(aar=2020)
    client.force_login(kontakt_bergen)
    page = client.get(reverse("mottak:home"), follow=True).content.decode()
    assert f'href="{reverse("mottak:reminders")}"' in page
    assert "Frister og påminnelser" in page
