"""Staff actions on the kommune page go through M4's and M5's services."""

import pytest
from django.urls import reverse

from mottak.models import AuditEvent, DeadlineException, Delivery
from tests.ssb_fixtures import (  # noqa: F401 - fixtures
    deliveries_2020,
    kommuner_2020,
    round_2020_std,
)


@pytest.fixture
def url(deliveries_2020):  # noqa: F811
    return reverse("mottak:ssb_kommune_action", kwargs={"aar": 2020, "nummer": "4601"})


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_withdraw_a_delivery_with_a_reason(client, staff, url):
    delivery = Delivery.objects.get(kommune_nr="4601", skjema="11F", state="accepted")
    client.force_login(staff)
    response = client.post(
        url, {"action": "withdraw", "delivery": delivery.pk, "reason": "Feil fil"}, follow=True
    )
    delivery.refresh_from_db()
    assert delivery.withdrawn_at is not None and delivery.withdrawn_reason == "Feil fil"
    assert "Leveransen er trukket tilbake." in _messages(response)
    page = client.get(reverse("mottak:ssb_kommune", kwargs={"aar": 2020, "nummer": "4601"}))
    assert "Trukket tilbake" in page.content.decode()


def test_withdraw_without_reason_is_refused(client, staff, url):
    delivery = Delivery.objects.get(kommune_nr="4601", skjema="11F", state="accepted")
    client.force_login(staff)
    response = client.post(url, {"action": "withdraw", "delivery": delivery.pk}, follow=True)
    delivery.refresh_from_db()
    assert delivery.withdrawn_at is None
    assert "Oppgi en begrunnelse." in _messages(response)


def test_rerun_control(client, staff, url, django_capture_on_commit_callbacks):
    delivery = Delivery.objects.get(kommune_nr="4601", skjema="11F", state="accepted")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url, {"action": "rerun", "delivery": delivery.pk})
    delivery.refresh_from_db()
    assert delivery.state == "received"
    assert len(callbacks) == 1  # the job is queued once the transaction commits
    assert AuditEvent.objects.filter(action="delivery.rerun", actor=staff).exists()


def test_rerun_of_a_withdrawn_delivery_is_refused_with_the_services_message(
    client, staff, url, django_capture_on_commit_callbacks
):
    from mottak.services.deliveries import _rerun_refusal

    delivery = Delivery.objects.get(kommune_nr="4601", skjema="11F", state="accepted")
    Delivery.objects.filter(pk=delivery.pk).update(withdrawn_at=delivery.received_at)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {"action": "rerun", "delivery": delivery.pk}, follow=True)
    delivery.refresh_from_db()
    assert delivery.state == "accepted" and callbacks == []
    assert _messages(response) == [_rerun_refusal(delivery).message]


def test_delivery_of_another_kommune_is_404(client, staff, url):
    other = Delivery.objects.filter(kommune_nr="5001").first()
    client.force_login(staff)
    assert client.post(url, {"action": "rerun", "delivery": other.pk}).status_code == 404


def test_grant_exception(client, staff, url):
    client.force_login(staff)
    response = client.post(
        url,
        {"action": "exception", "skjema": "11F", "until": "2031-05-31", "reason": "Systembytte"},
        follow=True,
    )
    exception = DeadlineException.objects.get(kommune_nr="4601", skjema="11F", aar=2020)
    assert exception.reason == "Systembytte" and exception.granted_by == staff
    assert "Unntaket er registrert." in _messages(response)


def test_reminder_now_reports_the_services_refusal(client, staff, url):
    client.force_login(staff)
    # The 2020 round closed for reminders on 30 April 2021: M5's service says so.
    response = client.post(url, {"action": "remind", "skjema": "11F"}, follow=True)
    assert any("ikke åpen for påminnelser" in m for m in _messages(response))


def test_kommune_users_cannot_act(client, kontakt_bergen, url):
    client.force_login(kontakt_bergen)
    assert client.post(url, {"action": "remind", "skjema": "11F"}).status_code == 404


def test_withdrawn_delivery_reads_withdrawn_offers_no_rerun_and_kommune_is_emailed(
    client, staff, url, kontakt_bergen, django_capture_on_commit_callbacks
):
    from django.core import mail

    from mottak.models import KommuneContact

    KommuneContact.objects.create(
        kommune_nr="4601", email="post@4601.test", created_at=Delivery.objects.first().received_at
    )
    delivery = Delivery.objects.get(kommune_nr="4601", skjema="11F", state="accepted")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "withdraw", "delivery": delivery.pk, "reason": "Feil fil"})
    [message] = mail.outbox
    assert "post@4601.test" in message.to and "Feil fil" in message.body
    assert delivery.receipt in message.subject
    page = client.get(reverse("mottak:ssb_kommune", kwargs={"aar": 2020, "nummer": "4601"}))
    html = page.content.decode()
    row = html[html.index(delivery.receipt) :].split("</tr>")[0]
    assert "Trukket tilbake" in row and "Godkjent" not in row
    assert "Kontroller på nytt" not in row
    # The service refuses it too (a crafted POST, or the admin action).
    response = client.post(url, {"action": "rerun", "delivery": delivery.pk}, follow=True)
    assert any("trukket tilbake" in m for m in _messages(response))
    delivery.refresh_from_db()
    assert delivery.state == "accepted"
