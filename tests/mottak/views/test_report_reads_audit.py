"""Reads of personal data are audited: the report page, the report CSV and an API read of a
report each write `report.read` with who and which delivery; refused reads write nothing."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mottak.models import AuditEvent
from mottak.services import deliveries as svc
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import envelope, upload

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")


def _delivery(user, keys, monkeypatch, *, control: bool):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = svc.submission_create(
        user=user, kommune_nr="4601", skjema="11F", aar=2020,
        file=upload(envelope(keys, b"VARSEL\r\n")), check_only=True,
    )  # fmt: skip
    if control:
        svc.submission_run_control(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery


@pytest.fixture
def checked(kontakt_bergen, portal_keys, monkeypatch, fake_kontroll):
    return _delivery(kontakt_bergen, portal_keys, monkeypatch, control=True)


def _reads():
    return list(AuditEvent.objects.filter(action="report.read").order_by("id"))


@pytest.mark.parametrize(("name", "via"), [("mottak:report", "page"), ("mottak:report_csv", "csv")])
def test_report_page_and_csv_reads_are_audited(client, kontakt_bergen, checked, name, via):
    client.force_login(kontakt_bergen)
    assert client.get(reverse(name, args=[checked.pk])).status_code == 200
    [event] = _reads()
    assert event.actor == kontakt_bergen and event.kommune_nr == "4601"
    assert event.object_id == str(checked.pk) and event.object_type == "mottak.delivery"
    assert event.data == {"receipt": checked.receipt, "via": via}


def test_staff_reads_are_audited_as_staff(client, staff, checked):
    client.force_login(staff)
    client.get(reverse("mottak:report", args=[checked.pk]))
    assert [e.actor for e in _reads()] == [staff]


def test_api_read_of_a_report_is_audited(kontakt_bergen, checked, api_key_for):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(kontakt_bergen)}")
    assert api.get(reverse("mottak:api_delivery", args=[checked.pk])).status_code == 200
    [event] = _reads()
    assert event.actor == kontakt_bergen and event.data["via"] == "api"


def test_polling_before_the_report_exists_is_not_a_read(
    kontakt_bergen, portal_keys, monkeypatch, api_key_for
):
    pending = _delivery(kontakt_bergen, portal_keys, monkeypatch, control=False)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(kontakt_bergen)}")
    assert api.get(reverse("mottak:api_delivery", args=[pending.pk])).status_code == 200
    assert _reads() == []


@pytest.mark.parametrize("name", ["mottak:report", "mottak:report_csv", "mottak:api_delivery"])
def test_outsider_gets_404_and_no_read_is_logged(client, outsider, checked, name):
    client.force_login(outsider)
    assert client.get(reverse(name, args=[checked.pk])).status_code == 404
    assert _reads() == []
