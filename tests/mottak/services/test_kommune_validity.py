"""Kommune numbers checked at the door, in admin, in the imports and on the staff page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mottak.errors import MottakError
from mottak.models import Delivery, KommuneContact, NavImport, ObligationMark
from mottak.services import deliveries as svc
from mottak.services.calendar import kommune_contacts_import, reporting_round_create_standard
from mottak.services.kommune_validity import (
    invalid_kommune_accounts_list,
    kommune_invalid_message,
    kommune_nr_validator,
)
from mottak.services.ssb_nav import nav_counts_import
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, upload
from tests.factories import UserFactory


def test_message_names_number_used_and_number_valid_that_year():
    message = kommune_invalid_message(nummer="3001", aar=2025)
    assert "3001" in message and "3101" in message and "2025" in message
    # ... and the other way round, for a correction of an old year
    assert "3001" in kommune_invalid_message(nummer="3101", aar=2020)
    assert kommune_invalid_message(nummer="4601", aar=2020) is None


def test_message_for_a_number_without_successor_names_number_and_year():
    message = kommune_invalid_message(nummer="1201", aar=2020)
    assert "1201" in message and "2020" in message


def test_validator_refuses_unknown_and_malformed_numbers():
    kommune_nr_validator("3001")  # valid in 2020-2023: known
    for bad in ("9999", "12a4", "123"):
        with pytest.raises(ValidationError):
            kommune_nr_validator(bad)


@pytest.mark.usefixtures("media_root")
def test_upload_for_renumbered_kommune_is_refused_before_the_calendar(portal_keys, db):
    halden = UserFactory(username="hanne", kommune_nr="3001", role="kontakt")
    # No round for 2025 exists: the kommune check must come first.
    with pytest.raises(MottakError) as err:
        svc.submission_create(
            user=halden,
            kommune_nr="3001",
            skjema="11F",
            aar=2025,
            file=upload(envelope(portal_keys, b"X\r\n", aar=2025, kommune="3001")),
            now=JAN_10,
        )
    assert err.value.code == "kommune_invalid"
    assert "3101" in err.value.message
    assert Delivery.objects.count() == 0


@pytest.mark.usefixtures("media_root")
def test_api_upload_for_invalid_kommune_gets_400_with_message(portal_keys, client, db, api_key_for):

    reporting_round_create_standard(aar=2025)
    halden = UserFactory(username="hanne", kommune_nr="3001", role="kontakt")
    token = api_key_for(halden)
    data = envelope(portal_keys, b"X\r\n", aar=2025, kommune="3001")
    response = client.post(
        reverse("mottak:api_deliveries"),
        {"skjema": "11F", "aar": "2025", "file": upload(data)},
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 400
    assert "3101" in response.json()["error"]
    assert Delivery.objects.count() == 0


@pytest.mark.usefixtures("media_root")
def test_web_upload_for_invalid_kommune_shows_the_message(portal_keys, client, db):
    reporting_round_create_standard(aar=2025)
    halden = UserFactory(username="hanne", kommune_nr="3001", role="kontakt")
    client.force_login(halden)
    data = envelope(portal_keys, b"X\r\n", aar=2025, kommune="3001")
    response = client.post(
        reverse("mottak:upload"),
        {"skjema": "11F", "aar": "2025", "file": upload(data)},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "3101" in response.json()["error"]
    assert Delivery.objects.count() == 0


def test_contact_import_refuses_unknown_kommune_and_saves_nothing(staff):
    with pytest.raises(MottakError) as err:
        kommune_contacts_import(
            csv_text="kommunenummer;epost\n4601;a@b.no\n9999;c@d.no\n",
            imported_by=staff,
            now=JAN_10,
        )
    assert "Linje 3" in err.value.message and "9999" in err.value.message
    assert KommuneContact.objects.count() == 0


def test_nav_import_refuses_kommune_invalid_in_the_year(staff):
    with pytest.raises(MottakError) as err:
        nav_counts_import(
            aar=2025, content=b"kommune;deltakere\n4601;3\n3001;5\n", uploaded_by=staff, now=JAN_10
        )
    assert "linje 3" in err.value.message and "3101" in err.value.message
    assert NavImport.objects.count() == 0


def test_staff_list_shows_users_and_contacts_invalid_in_current_round(staff):
    reporting_round_create_standard(aar=2020)
    reporting_round_create_standard(aar=2025)
    UserFactory(username="hanne", kommune_nr="3001", role="kontakt")
    UserFactory(username="kari", kommune_nr="4601", role="kontakt")
    UserFactory(username="gammel", kommune_nr="3001", role="kontakt", is_active=False)
    KommuneContact.objects.create(kommune_nr="3001", email="post@halden.no", created_at=JAN_10)
    rows = invalid_kommune_accounts_list(aar=2025)
    assert [(r.kind, r.label) for r in rows] == [("user", "hanne"), ("contact", "post@halden.no")]


def test_staff_page_lists_invalid_accounts_and_outsider_gets_404(client, staff, outsider):
    reporting_round_create_standard(aar=2025)
    UserFactory(username="hanne", kommune_nr="3001", role="kontakt")
    url = reverse("mottak:ssb_invalid_accounts")
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "hanne" in response.content.decode() and "3101" in response.content.decode()


def test_admin_refuses_mark_for_kommune_invalid_in_its_year(admin_client):
    response = admin_client.post(
        reverse("admin:mottak_obligationmark_add"),
        {"kommune_nr": "3001", "skjema": "7", "aar": "2025", "kind": "eform_received", "note": ""},
    )
    assert response.status_code == 200  # form shown again with the error
    assert "3101" in response.content.decode()
    assert ObligationMark.objects.count() == 0


def test_admin_refuses_contact_with_unknown_kommune(admin_client):
    response = admin_client.post(
        reverse("admin:mottak_kommunecontact_add"),
        {"kommune_nr": "9999", "email": "a@b.no", "name": ""},
    )
    assert response.status_code == 200
    assert KommuneContact.objects.count() == 0


def test_admin_refuses_user_with_unknown_kommune(admin_client):
    user = UserFactory(username="kari", kommune_nr="4601", role="kontakt")
    url = reverse("admin:mottak_user_change", args=[user.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(kommune_nr="9999", date_joined_0="2021-01-01", date_joined_1="10:00:00")
    data.pop("date_joined", None)
    data.pop("last_login", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "9999 er ikke et kjent kommunenummer" in response.content.decode()
    user.refresh_from_db()
    assert user.kommune_nr == "4601"
