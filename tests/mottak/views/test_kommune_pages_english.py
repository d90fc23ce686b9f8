"""The kommune pages touched for issue 14 in English: labels, states, reception, dates."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.delivery_fixtures import *  # noqa: F403
from tests.mottak.views.test_effective_delivery import accepted_then_rejected  # noqa: F401

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_status_receipt_and_report_in_english(english, kontakt_bergen, accepted_then_rejected):  # noqa: F811
    good, bad = accepted_then_rejected
    english.force_login(kontakt_bergen)
    status = english.get(reverse("mottak:status") + "?aar=2020").content.decode()
    assert "Delivery that counts" in status and "accepted file from" in status
    assert "Reception is closed (the deadline for corrections was April 30, 2021)." in status
    assert "Jan. 15, 2021" in status and "januar" not in status
    assert "delivered whole (no parts declared)" in status
    receipt = english.get(reverse("mottak:delivery", args=[bad.pk])).content.decode()
    assert "The accepted file from 10.01. still counts." in receipt
    report = english.get(reverse("mottak:report", args=[bad.pk])).content.decode()
    assert "Printable view (all findings)" in report and ">Error<" in report
    csv = english.get(reverse("mottak:report_csv", args=[bad.pk])).content.decode("utf-8-sig")
    assert ";Error;" in csv and ";Feil;" not in csv
    upload = english.get(reverse("mottak:upload") + "?aar=2020").content.decode()
    assert "The maximum allowed size is 50 MB." in upload
