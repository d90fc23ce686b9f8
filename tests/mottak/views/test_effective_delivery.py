"""Which delivery counts: the status page, the history, the receipt and the verdict e-mail all
mark the delivery that counts, and a rejected replacement says the earlier accepted file still
counts."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from mottak.models import DeliveryState
from mottak.selectors.deliveries import (
    delivery_effective_get,
    effective_deliveries_list,
    form_status_get,
)
from mottak.services import deliveries as svc
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, upload

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")


def deliver(user, keys, data: bytes, *, now, part="", capture):
    delivery = svc.submission_create(
        user=user,
        kommune_nr=user.kommune_nr,
        skjema="11F",
        aar=2020,
        part=part,
        file=upload(envelope(keys, data, part=part, kommune=user.kommune_nr)),
        now=now,
        enqueue=False,
    )
    with capture(execute=True):
        svc.submission_run_control(delivery_id=delivery.pk, now=now)
    delivery.refresh_from_db()
    return delivery


@pytest.fixture
def accepted_then_rejected(
    kontakt_bergen, portal_keys, fake_kontroll, django_capture_on_commit_callbacks
):
    cap = django_capture_on_commit_callbacks
    good = deliver(kontakt_bergen, portal_keys, b"ok\nok\n", now=JAN_10, capture=cap)
    mail.outbox.clear()
    bad = deliver(
        kontakt_bergen, portal_keys, b"FEIL\n", now=JAN_10 + timedelta(days=2), capture=cap
    )
    assert good.state == DeliveryState.ACCEPTED and bad.state == DeliveryState.REJECTED
    return good, bad


def test_earlier_accepted_file_is_the_one_that_counts(accepted_then_rejected):
    good, bad = accepted_then_rejected
    status = form_status_get(kommune_nr="4601", skjema="11F", aar=2020)
    assert effective_deliveries_list(status) == [good]
    assert delivery_effective_get(delivery=bad) == good
    assert delivery_effective_get(delivery=good) == good


def test_receipt_of_rejected_file_says_the_accepted_one_still_counts(
    client, kontakt_bergen, accepted_then_rejected
):
    good, bad = accepted_then_rejected
    client.force_login(kontakt_bergen)
    html = client.get(reverse("mottak:delivery", args=[bad.pk])).content.decode()
    assert "Den godkjente filen fra 10.01. gjelder fortsatt." in html
    assert 'data-effective="other"' in html and good.receipt in html
    assert 'class="badge err"' in html  # the red "Avvist" badge
    own = client.get(reverse("mottak:delivery", args=[good.pk])).content.decode()
    assert "Denne filen gjelder for skjemaet." in own and 'data-effective="self"' in own
    data = client.get(reverse("mottak:delivery_json", args=[bad.pk])).json()
    assert data["effective"] == "other" and "gjelder fortsatt" in data["effective_note"]


def test_verdict_email_of_rejected_file_says_the_accepted_one_still_counts(
    accepted_then_rejected,
):
    _good, bad = accepted_then_rejected
    verdicts = [m for m in mail.outbox if bad.receipt in m.subject and "Kontroll" in m.subject]
    assert len(verdicts) == 1
    assert "Den godkjente filen fra 10.01. gjelder fortsatt." in verdicts[0].body


def test_status_page_and_history_mark_the_delivery_that_counts(
    client, kontakt_bergen, accepted_then_rejected
):
    good, bad = accepted_then_rejected
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:status") + "?aar=2020")
    assert response.context["effective_ids"] == {good.pk}
    row = next(r for r in response.context["rows"] if r["form"].skjema == "11F")
    assert row["effective"] == [good] and row["state"] == "accepted"
    html = response.content.decode()
    history = html[html.index("Alle leveranser") :]
    marked = [line for line in history.splitlines() if 'data-effective="1"' in line]
    assert len(marked) == 1 and good.receipt in marked[0] and bad.receipt not in marked[0]


def test_no_delivery_counts_after_only_a_rejected_file(
    client, kontakt_bergen, portal_keys, fake_kontroll, django_capture_on_commit_callbacks
):
    bad = deliver(
        kontakt_bergen, portal_keys, b"FEIL\n", now=JAN_10,
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    client.force_login(kontakt_bergen)
    html = client.get(reverse("mottak:delivery", args=[bad.pk])).content.decode()
    assert "Ingen godkjent fil gjelder for skjemaet ennå." in html
    assert client.get(reverse("mottak:status") + "?aar=2020").context["effective_ids"] == set()
