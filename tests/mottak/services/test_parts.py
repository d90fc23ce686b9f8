"""Parts: an undeclared part is refused or declared on purpose, a bydel's file must hold only
that bydel's records, and declaring parts after a whole file says what happens to it."""

import pytest
from django.urls import reverse

from mottak.errors import MottakError
from mottak.models import AuditEvent, DeclaredPart, Delivery, DeliveryState
from mottak.services import deliveries as svc
from mottak.services.bydel_check import bydel_mismatch_find
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, samples_available, upload

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")
needs_samples = pytest.mark.skipif(not samples_available(), reason="kontroll.samples missing")


def create(user, data, *, kommune_nr, keys, part="", **kw):
    return svc.submission_create(
        user=user, kommune_nr=kommune_nr, skjema="11F", aar=2020, part=part,
        file=upload(envelope(keys, data, kommune=kommune_nr, part=part)),
        now=JAN_10, enqueue=False, **kw,
    )  # fmt: skip


def test_undeclared_part_is_refused_with_the_declared_ones_named(kontakt_bergen, portal_keys):
    svc.parts_declare(
        user=kontakt_bergen, kommune_nr="4601", skjema="11F", aar=2020,
        parts=["nav", "flyktning"], now=JAN_10,
    )  # fmt: skip
    with pytest.raises(MottakError) as err:
        create(kontakt_bergen, b"x\n", kommune_nr="4601", part="navv", keys=portal_keys)
    assert err.value.code == "part_not_declared"
    assert "«navv» er ikke meldt" in err.value.message and "flyktning, nav" in err.value.message
    assert Delivery.objects.count() == 0


def test_part_declared_on_purpose_with_the_delivery(kontakt_bergen, portal_keys):
    delivery = create(
        kontakt_bergen, b"x\n", kommune_nr="4601", part="nav", keys=portal_keys, declare_part=True
    )
    assert delivery.part == "nav"
    assert list(DeclaredPart.objects.values_list("part", flat=True)) == ["nav"]
    assert AuditEvent.objects.filter(action="delivery.part_declared").count() == 1


def test_check_only_run_of_a_part_needs_no_declaration(kontakt_bergen, portal_keys):
    delivery = create(
        kontakt_bergen, b"x\n", kommune_nr="4601", part="nav", keys=portal_keys, check_only=True
    )
    assert delivery.check_only and not DeclaredPart.objects.exists()


@needs_samples
def test_another_bydels_file_is_refused_after_decryption(
    kontakt_oslo, portal_keys, fake_kontroll, django_capture_on_commit_callbacks
):
    from kontroll import samples

    data = samples.generate_file("11F", 2020, "0301", "05", n=12, seed=3)
    delivery = create(
        kontakt_oslo, data, kommune_nr="0301", part="06", keys=portal_keys, declare_part=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.REJECTED and delivery.accepted is False
    assert "levert for bydel 06" in delivery.message and "12 poster" in delivery.message
    assert "BYDELSNR 05" in delivery.message and "linje 1" in delivery.message
    assert fake_kontroll == []  # refused before kontroll
    assert not hasattr(delivery, "report")
    event = AuditEvent.objects.filter(action="delivery.checked").get()
    assert event.data["code"] == "bydel_mismatch"


@needs_samples
def test_bydel_file_with_its_own_records_goes_to_kontroll(kontakt_oslo, portal_keys, fake_kontroll):
    from kontroll import samples

    data = samples.generate_file("11F", 2020, "0301", "06", n=5, seed=3)
    assert bydel_mismatch_find(skjema="11F", aar=2020, data=data, bydel="06") is None
    delivery = create(
        kontakt_oslo, data, kommune_nr="0301", part="06", keys=portal_keys, declare_part=True
    )
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    assert fake_kontroll and fake_kontroll[0]["bydel"] == "06"


def test_bydel_check_names_blank_and_other_numbers_without_record_content():
    line = b"030120" + b"05" + b"12345678901 SECRET"
    blank = b"030120" + b"  " + b"12345678901 SECRET"
    found = bydel_mismatch_find(
        skjema="11F", aar=2020, data=b"\r\n".join([line, blank, b"short"]), bydel="06"
    )
    assert found.found == ("", "05") and found.records == 2 and found.first_line == 1
    assert "12345678901" not in found.message and "SECRET" not in found.message


def test_declaring_parts_after_a_whole_file_says_it_keeps_counting(
    client, kontakt_bergen, portal_keys, fake_kontroll
):
    whole = create(kontakt_bergen, b"ok\n", kommune_nr="4601", keys=portal_keys)
    svc.submission_run_control(delivery_id=whole.pk, now=JAN_10)
    client.force_login(kontakt_bergen)
    response = client.post(
        reverse("mottak:parts_declare"),
        {"aar": "2020", "skjema": "11F", "deler": "nav, flyktning"},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert "Delene er registrert." in texts
    assert any(whole.receipt in t and "gjelder fortsatt for hele skjemaet" in t for t in texts)
    html = response.content.decode()
    assert "meldt i deler: flyktning, nav" in html


def test_status_and_upload_pages_show_the_parts_declared_now(client, kontakt_bergen, portal_keys):
    svc.parts_declare(
        user=kontakt_bergen, kommune_nr="4601", skjema="11CF", aar=2020,
        parts=["nav", "flyktning"], now=JAN_10,
    )  # fmt: skip
    client.force_login(kontakt_bergen)
    status = client.get(reverse("mottak:status") + "?aar=2020")
    assert status.context["declared"] == {"11F": [], "11CF": ["flyktning", "nav"]}
    page = client.get(reverse("mottak:upload") + "?aar=2020").content.decode()
    assert "11CF: meldt i deler: flyktning, nav" in page
    assert "11F: leveres samlet (ingen deler meldt)" in page
