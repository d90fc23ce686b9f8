"""Need-to-know inside a kommune (mottak.selectors.access), through the services and pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mottak.errors import MottakError
from mottak.selectors.access import delivery_refusal
from mottak.services import deliveries as svc
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import envelope, upload
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.fixture
def bydel_05(db):
    return UserFactory(username="berit", kommune_nr="0301", bydel="05", role="nav")


@pytest.fixture
def bydel_06(db):
    return UserFactory(username="bjorn", kommune_nr="0301", bydel="06", role="nav")


@pytest.fixture
def flyktning_bergen(db):
    return UserFactory(username="frida", kommune_nr="4601", role="flyktning")


def deliver(keys, user, kommune, part=""):
    data = envelope(keys, b"x", kommune=kommune, part=part)
    return svc.submission_create(
        user=user, kommune_nr=kommune, skjema="11F", aar=2020, part=part,
        file=upload(data), check_only=True,
    )  # fmt: skip


def declare(user, parts):
    svc.parts_declare(
        user=user, kommune_nr=user.kommune_nr, skjema="11F", aar=2020, parts=parts,
        now=timezone.now(),
    )  # fmt: skip


def refusal(user, part, kommune=None):
    return delivery_refusal(
        user=user, kommune_nr=kommune or user.kommune_nr, skjema="11F", aar=2020, part=part
    )


def test_nav_user_delivers_whole_form_until_parts_are_declared(kontakt_bergen, nav_bergen):
    assert refusal(nav_bergen, "") is None
    declare(kontakt_bergen, ["nav", "flyktning"])
    assert "nav" in refusal(nav_bergen, "")
    assert refusal(nav_bergen, "flyktning") is not None
    assert refusal(nav_bergen, "nav") is None
    assert refusal(kontakt_bergen, "") is None and refusal(kontakt_bergen, "flyktning") is None


def test_bydel_user_delivers_only_their_bydel(bydel_05, kontakt_oslo):
    assert refusal(bydel_05, "05") is None
    assert refusal(bydel_05, "06") is not None
    assert refusal(bydel_05, "") is not None
    assert refusal(kontakt_oslo, "06") is None


def test_outsider_cannot_deliver(outsider):
    assert refusal(outsider, "", kommune="4601") is not None


def test_only_the_contact_and_staff_change_parts_or_declare_no_participants(
    nav_bergen, staff, kontakt_bergen
):
    with pytest.raises(MottakError):
        declare(nav_bergen, ["nav", "flyktning"])
    with pytest.raises(MottakError):
        svc.no_participants_declare(
            user=nav_bergen, kommune_nr="4601", aar=2020, now=timezone.now()
        )
    declare(kontakt_bergen, ["nav", "flyktning"])
    svc.parts_declare(
        user=staff, kommune_nr="4601", skjema="11F", aar=2020, parts=[], now=timezone.now()
    )


def test_parts_page_refuses_office_user(client, nav_bergen):
    client.force_login(nav_bergen)
    client.post(reverse("mottak:parts_declare"), {"skjema": "11F", "aar": "2020", "deler": "a,b"})
    from mottak.models import DeclaredPart

    assert not DeclaredPart.objects.exists()


def test_bydel_user_sees_only_their_bydel(client, portal_keys, bydel_05, bydel_06, kontakt_oslo):
    own = deliver(portal_keys, bydel_05, "0301", part="05")
    other = deliver(portal_keys, bydel_06, "0301", part="06")
    client.force_login(bydel_05)
    assert client.get(reverse("mottak:delivery", args=[own.pk])).status_code == 200
    for name in ("mottak:delivery", "mottak:report", "mottak:report_csv", "mottak:delivery_json"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
    status = client.get(reverse("mottak:status"), {"aar": 2020}).content.decode()
    assert own.receipt in status and other.receipt not in status
    client.force_login(kontakt_oslo)  # the contact sees everything of the kommune
    status = client.get(reverse("mottak:status"), {"aar": 2020}).content.decode()
    assert own.receipt in status and other.receipt in status


def test_office_user_sees_whole_form_and_own_part_only(
    client, portal_keys, kontakt_bergen, nav_bergen, flyktning_bergen, api_key_for
):
    whole = deliver(portal_keys, kontakt_bergen, "4601")
    declare(kontakt_bergen, ["nav", "flyktning"])
    nav_part = deliver(portal_keys, nav_bergen, "4601", part="nav")
    refugee_part = deliver(portal_keys, flyktning_bergen, "4601", part="flyktning")
    client.force_login(nav_bergen)
    assert client.get(reverse("mottak:delivery", args=[whole.pk])).status_code == 200
    assert client.get(reverse("mottak:delivery", args=[nav_part.pk])).status_code == 200
    assert client.get(reverse("mottak:delivery", args=[refugee_part.pk])).status_code == 404
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(nav_bergen)}")
    assert api.get(f"/api/v1/deliveries/{refugee_part.pk}/").status_code == 404
    assert api.get(f"/api/v1/deliveries/{nav_part.pk}/").status_code == 200


def test_wrong_part_upload_is_refused_with_a_message(portal_keys, kontakt_bergen, nav_bergen):
    declare(kontakt_bergen, ["nav", "flyktning"])
    with pytest.raises(MottakError) as err:
        deliver(portal_keys, nav_bergen, "4601", part="flyktning")
    assert "«nav»" in err.value.message


def test_status_page_offers_parts_and_no_participants_only_to_managers(
    client, kontakt_bergen, nav_bergen
):
    client.force_login(nav_bergen)
    page = client.get(reverse("mottak:status"), {"aar": 2020}).content.decode()
    assert reverse("mottak:parts_declare") not in page
    assert reverse("mottak:no_participants") not in page
    client.force_login(kontakt_bergen)
    page = client.get(reverse("mottak:status"), {"aar": 2020}).content.decode()
    assert reverse("mottak:parts_declare") in page and reverse("mottak:no_participants") in page
