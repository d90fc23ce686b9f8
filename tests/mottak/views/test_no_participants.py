""" "Ingen deltakere" (11CF): confirmed on purpose, a receipt number and e-mail, in the
history, and refused while an accepted 11CF file counts."""

import pytest
from django.core import mail
from django.urls import reverse

from mottak.errors import MottakError
from mottak.models import NoParticipantsDeclaration
from mottak.services import deliveries as svc
from mottak.services.calendar import DeliveryJudgement
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, upload

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")


@pytest.fixture(autouse=True)
def open_now(monkeypatch):
    """The pages use the real clock; the 2020 round is open for these tests."""
    monkeypatch.setattr(
        svc, "_judge", lambda **kw: DeliveryJudgement(refused=False, message="", code="on_time")
    )


def declare(client, **extra):
    return client.post(reverse("mottak:no_participants"), {"aar": "2020", **extra}, follow=True)


def test_declaration_needs_the_confirmation(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    response = declare(client)
    assert "Bekreft at kommunen ikke hadde deltakere" in response.content.decode()
    assert not NoParticipantsDeclaration.objects.exists()


def test_confirmed_declaration_gets_receipt_email_and_history_row(
    client, kontakt_bergen, django_capture_on_commit_callbacks
):
    client.force_login(kontakt_bergen)
    with django_capture_on_commit_callbacks(execute=True):
        response = declare(client, bekreft="1")
    decl = NoParticipantsDeclaration.objects.get()
    assert decl.receipt == f"E2020-4601-{decl.pk:06d}"
    assert f"Kvitteringsnummer: {decl.receipt}." in response.content.decode()
    [message] = mail.outbox
    assert decl.receipt in message.subject and message.to == [kontakt_bergen.email]
    assert "ikke hadde deltakere" in message.body
    page = client.get(reverse("mottak:status") + "?aar=2020")
    html = page.content.decode()
    history = html[html.index("Alle leveranser") :]
    assert decl.receipt in history and "Erklæring: ingen deltakere" in history
    assert 'class="declaration" data-effective="1"' in history
    row = next(r for r in page.context["rows"] if r["form"].skjema == "11CF")
    assert row["state"] == "no_participants"


def test_refused_while_an_accepted_11cf_file_counts(
    client, kontakt_bergen, portal_keys, fake_kontroll
):
    delivery = svc.submission_create(
        user=kontakt_bergen, kommune_nr="4601", skjema="11CF", aar=2020,
        file=upload(envelope(portal_keys, b"ok\n", skjema="11CF")), now=JAN_10, enqueue=False,
    )  # fmt: skip
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    with pytest.raises(MottakError) as err:
        svc.no_participants_declare(user=kontakt_bergen, kommune_nr="4601", aar=2020, now=JAN_10)
    assert err.value.code == "file_counts" and delivery.receipt in err.value.message
    client.force_login(kontakt_bergen)
    status = client.get(reverse("mottak:status") + "?aar=2020").content.decode()
    assert 'id="no-participants-blocked"' in status and delivery.receipt in status
    response = declare(client, bekreft="1")
    assert "kan ikke erklære at den ikke hadde deltakere" in response.content.decode()
    assert not NoParticipantsDeclaration.objects.exists()


def test_a_later_upload_replaces_the_declaration_in_the_history(
    client, kontakt_bergen, portal_keys
):
    svc.no_participants_declare(user=kontakt_bergen, kommune_nr="4601", aar=2020, now=JAN_10)
    svc.submission_create(
        user=kontakt_bergen, kommune_nr="4601", skjema="11CF", aar=2020,
        file=upload(envelope(portal_keys, b"ok\n", skjema="11CF")), now=JAN_10, enqueue=False,
    )  # fmt: skip
    client.force_login(kontakt_bergen)
    html = client.get(reverse("mottak:status") + "?aar=2020").content.decode()
    assert "erstattet av opplasting" in html
