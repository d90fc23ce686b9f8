"""The mail outbox: every mail is stored in the sender's transaction and sent by a job with
retries, so neither Redis nor the SMTP server being down loses one; staff see an outage."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mottak import jobs
from mottak.models import MailState, OutgoingMail
from mottak.selectors.mail import mail_outbox_status_get
from mottak.services import mail as svc
from tests.delivery_fixtures import *  # noqa: F403
from tests.mail_backends import FlakySMTPBackend


@pytest.fixture
def outbox(settings):
    """Production's MAILERS, with the flaky stand-in for SMTP (Django's test runner would
    otherwise replace the outbox with locmem)."""
    settings.MAILERS = {
        "default": {"BACKEND": "mottak.mail.OutboxBackend"},
        "delivery": {"BACKEND": "tests.mail_backends.FlakySMTPBackend"},
    }
    FlakySMTPBackend.down = False
    yield
    FlakySMTPBackend.down = False


def test_production_settings_send_through_the_outbox():
    import kostra_portal.settings as production  # the module, before the test runner's override

    assert production.MAILERS["default"]["BACKEND"] == "mottak.mail.OutboxBackend"
    assert production.MAILERS["delivery"]["BACKEND"].endswith("EmailBackend")


def _message() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Kvittering K2020-4601-000001",
        body="Skjema 11F er mottatt.",
        to=["kari@example.test"],
        cc=["postmottak@4601.kommune.test"],
        bcc=["arkiv@ssb.test"],
        reply_to=["kostra@ssb.test"],
        headers={"X-Kostra": "kvittering"},
    )
    message.attach_alternative("<p>Skjema 11F er mottatt.</p>", "text/html")
    return message


@pytest.mark.redis_queue
@pytest.mark.django_db
def test_mail_is_stored_with_everything_and_sent_by_a_periodic_job_after_commit(
    outbox, redis_conn, django_capture_on_commit_callbacks
):
    import django_rq

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            assert _message().send() == 1
            assert mail.outbox == []  # stored, not sent, inside the transaction
    [row] = OutgoingMail.objects.all()
    assert (row.to, row.cc, row.bcc, row.reply_to) == (
        ["kari@example.test"], ["postmottak@4601.kommune.test"], ["arkiv@ssb.test"],
        ["kostra@ssb.test"],
    )  # fmt: skip
    assert row.alternatives == [["<p>Skjema 11F er mottatt.</p>", "text/html"]]
    assert row.headers == {"X-Kostra": "kvittering"} and row.state == MailState.PENDING
    [job] = django_rq.get_queue("periodic").get_jobs()
    assert job.func_name == "mottak.jobs.outgoing_mail_send" and job.args == (row.pk,)

    assert jobs.outgoing_mail_send(row.pk) == MailState.SENT
    [sent] = mail.outbox
    assert (sent.subject, sent.to, sent.cc, sent.bcc) == (
        "Kvittering K2020-4601-000001", ["kari@example.test"],
        ["postmottak@4601.kommune.test"], ["arkiv@ssb.test"],
    )  # fmt: skip
    assert sent.alternatives[0].mimetype == "text/html"
    assert sent.extra_headers == {"X-Kostra": "kvittering"}
    assert jobs.outgoing_mail_send(row.pk) == MailState.SENT  # a second job sends nothing
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_rolled_back_change_sends_no_mail(outbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Kvittering", "Mottatt.", None, ["kari@example.test"])
        raise RuntimeError("the delivery was not stored")
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_redis_down_at_commit_loses_no_mail(outbox, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(jobs.outgoing_mail_send, "delay", down)
    send_mail("Kvittering", "Mottatt.", None, ["kari@example.test"])  # autocommit
    assert mail.outbox == []
    assert svc.outgoing_mail_send_due(now=timezone.now()) == [OutgoingMail.objects.get().pk]
    assert [m.subject for m in mail.outbox] == ["Kvittering"]


@pytest.mark.django_db
def test_smtp_down_is_retried_with_backoff_visible_to_staff_then_sent(outbox, monkeypatch):
    monkeypatch.setattr(jobs.outgoing_mail_send, "delay", lambda pk: None)
    send_mail("Kontroll ferdig", "Godkjent.", None, ["kari@example.test"])
    now = timezone.now()
    row = OutgoingMail.objects.get()
    FlakySMTPBackend.down = True
    assert svc.outgoing_mail_send(mail_id=row.pk, now=now) == MailState.PENDING
    row.refresh_from_db()
    assert row.attempts == 1 and row.next_attempt_at == now + timedelta(seconds=30)
    assert row.last_error.startswith("SMTPServerDisconnected")
    assert svc.outgoing_mail_send_due(now=now + timedelta(seconds=29)) == []  # not due yet
    assert svc.outgoing_mail_send_due(now=now + timedelta(seconds=30)) == []  # still down
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at == now + timedelta(seconds=150)

    later = now + timedelta(minutes=6)
    status = mail_outbox_status_get(now=later)
    assert (status.unsent, status.failed, status.problem) == (1, 0, True)

    FlakySMTPBackend.down = False  # SMTP is back
    assert svc.outgoing_mail_send_due(now=later) == [row.pk]
    assert [m.subject for m in mail.outbox] == ["Kontroll ferdig"]
    assert mail_outbox_status_get(now=later).problem is False


@pytest.mark.django_db
def test_gives_up_after_max_attempts_and_admin_sends_it_again(outbox, monkeypatch, client, staff):
    monkeypatch.setattr(jobs.outgoing_mail_send, "delay", lambda pk: None)
    send_mail("Påminnelse", "Frist 15. januar.", None, ["kari@example.test"])
    row = OutgoingMail.objects.get()
    FlakySMTPBackend.down = True
    at = timezone.now()
    for _ in range(svc.MAX_ATTEMPTS):
        svc.outgoing_mail_send(mail_id=row.pk, now=at)
        at += timedelta(hours=1)
    row.refresh_from_db()
    assert row.state == MailState.FAILED and row.attempts == svc.MAX_ATTEMPTS
    assert svc.outgoing_mail_send_due(now=at) == []  # given up: no more tries by itself

    client.force_login(staff)
    page = client.get(reverse("admin:index")).content.decode()
    assert "data-mail-outbox" in page and "1 kunne ikke sendes" in page
    FlakySMTPBackend.down = False
    client.post(
        reverse("admin:mottak_outgoingmail_changelist"),
        {"action": "send_again", "_selected_action": [row.pk]},
    )
    row.refresh_from_db()
    assert row.state == MailState.PENDING and row.attempts == 0
    assert svc.outgoing_mail_send_due(now=timezone.now()) == [row.pk]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_staff_pages_and_healthz_show_a_mail_outage(outbox, client, staff, kontakt_bergen):
    OutgoingMail.objects.create(
        created_at=timezone.now() - timedelta(hours=1),
        next_attempt_at=timezone.now(),
        from_email="kostra@ssb.test",
        to=["kari@example.test"],
        subject="Kvittering",
        state=MailState.FAILED,
        attempts=svc.MAX_ATTEMPTS,
    )
    body = client.get("/healthz").json()
    assert body["mail"] == {"ok": False, "unsent": 0, "failed": 1, "oldest_unsent": None}

    client.force_login(staff)
    page = client.get(reverse("mottak:ssb_home"), follow=True).content.decode()
    assert "data-mail-outbox" in page and "1 kunne ikke sendes" in page

    client.force_login(kontakt_bergen)  # a kommune never sees it (and not SSB's pages)
    assert "data-mail-outbox" not in client.get(reverse("mottak:home")).content.decode()


@pytest.mark.django_db
def test_no_alert_when_mail_gets_out(outbox, client, staff):
    send_mail("Kvittering", "Mottatt.", None, ["kari@example.test"])  # pending, but fresh
    client.force_login(staff)
    assert "data-mail-outbox" not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.usefixtures("media_root", "round_2020")
def test_receipt_and_verdict_go_through_the_outbox(
    outbox, kontakt_bergen, portal_keys, fake_kontroll, monkeypatch,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from mottak.services import deliveries
    from tests.delivery_fixtures import JAN_10, envelope, upload

    monkeypatch.setattr(
        deliveries, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    monkeypatch.setattr(jobs.outgoing_mail_send, "delay", lambda pk: None)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = deliveries.submission_create(
            user=kontakt_bergen, kommune_nr="4601", skjema="11F", aar=2020,
            file=upload(envelope(portal_keys, b"POST 1\r\n")), now=JAN_10,
        )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        deliveries.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    subjects = list(OutgoingMail.objects.order_by("pk").values_list("subject", flat=True))
    assert [s.split(" ")[0] for s in subjects] == ["Kvittering", "Kontroll"]
    assert all("POST 1" not in m.body for m in OutgoingMail.objects.all())
    assert mail.outbox == []  # not one sent by the web process or the control itself
    assert len(svc.outgoing_mail_send_due(now=timezone.now())) == 2


@pytest.mark.django_db
def test_redis_down_is_logged_as_one_line_without_traceback(
    outbox, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from redis.exceptions import ConnectionError as RedisConnectionError

    def down(*args, **kwargs):
        raise RedisConnectionError("Error 2 connecting to var/redis.sock.")

    monkeypatch.setattr(jobs.outgoing_mail_send, "delay", down)
    with caplog.at_level("WARNING"), django_capture_on_commit_callbacks(execute=True):
        send_mail("Kvittering", "Mottatt.", None, ["kari@example.test"])
    [record] = [r for r in caplog.records if r.name == "mottak.mail"]
    assert record.levelname == "WARNING" and record.exc_info is None
    assert "redis.sock" in record.getMessage()
    assert svc.outgoing_mail_send_due(now=timezone.now()) == [OutgoingMail.objects.get().pk]
