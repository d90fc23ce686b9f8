"""submission_create / submission_run_control and friends: taking in, bad input, control."""

import hashlib
from datetime import timedelta

import pytest
from django.core import mail

from mottak.errors import MottakError
from mottak.models import AuditEvent, Delivery, DeliveryState, Finding, Report
from mottak.services import deliveries as svc
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, upload

PLAIN = b"POST 1 OK\r\nPOST 2 VARSEL\r\nPOST 3 OK\r\n"
BAD = b"POST 1 OK\r\nPOST 2 FEIL\r\n"

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")


def create(user, data, *, kommune_nr="4601", skjema="11F", aar=2020, part="", **kw):
    return svc.submission_create(
        user=user,
        kommune_nr=kommune_nr,
        skjema=skjema,
        aar=aar,
        part=part,
        file=upload(data),
        now=kw.pop("now", JAN_10),
        **kw,
    )


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_stores_only_ciphertext_with_receipt_and_queues_after_commit(
    kontakt_bergen, portal_keys, media_root, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        svc,
        "control_job_push",
        lambda *, delivery_id, job_id, at_front=False: queued.append(delivery_id),
    )
    data = envelope(portal_keys, PLAIN)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = create(kontakt_bergen, data)
        assert queued == []  # not before the commit
    assert queued == [delivery.pk]
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.RECEIVED
    assert delivery.receipt == f"K2020-4601-{delivery.pk:06d}"
    assert delivery.sha256 == hashlib.sha256(data).hexdigest()
    assert delivery.size == len(data)
    assert delivery.key_id == portal_keys.key_id
    assert delivery.uploaded_by == kontakt_bergen
    assert delivery.late is False
    [stored] = stored_files(media_root)
    assert stored.read_bytes() == data
    assert PLAIN not in stored.read_bytes()
    assert AuditEvent.objects.filter(action="delivery.received", object_id=str(delivery.pk))
    [receipt] = mail.outbox
    assert delivery.receipt in receipt.subject
    assert receipt.to == [kontakt_bergen.email]


def test_control_accepts_with_warnings_and_emails_uploader(
    kontakt_bergen, portal_keys, fake_kontroll, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    with django_capture_on_commit_callbacks(execute=True):
        svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.ACCEPTED
    assert delivery.accepted is True and delivery.with_warnings is True
    assert delivery.records == 3
    assert delivery.attempts == 1
    assert fake_kontroll == [{"skjema": "11F", "aar": 2020, "kommune": "4601", "bydel": ""}]
    [finding] = Finding.objects.filter(report__delivery=delivery)
    assert (finding.rule, finding.severity, finding.line) == ("030", "WARNING", 2)
    assert delivery.report.summary["counts"] == {"FATAL": 0, "ERROR": 0, "WARNING": 1, "INFO": 0}
    assert mail.outbox[-1].to == [kontakt_bergen.email]
    assert "Godkjent med advarsler" in mail.outbox[-1].subject


def test_control_rejects_file_with_errors(kontakt_bergen, portal_keys, fake_kontroll, monkeypatch):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, BAD))
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.REJECTED
    assert delivery.accepted is False
    assert "avvist" in delivery.message


def test_control_is_idempotent(kontakt_bergen, portal_keys, fake_kontroll, monkeypatch):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    assert svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10) is None
    assert len(fake_kontroll) == 1
    assert Report.objects.filter(delivery=delivery).count() == 1
    assert AuditEvent.objects.filter(action="delivery.checked").count() == 1


def test_rerun_replaces_report_and_verdict(
    kontakt_bergen, staff, portal_keys, fake_kontroll, monkeypatch
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    svc.submission_rerun_control(delivery=delivery, requested_by=staff, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.RECEIVED
    assert not Report.objects.filter(delivery=delivery).exists()
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.ACCEPTED
    assert (delivery.attempts, delivery.reruns) == (1, 1)
    assert Report.objects.filter(delivery=delivery).count() == 1


def test_the_sixth_rerun_of_a_valid_file_stays_accepted(
    kontakt_bergen, staff, portal_keys, fake_kontroll, monkeypatch
):
    """Reruns are not retries: each rerun is a new control with its own attempts."""
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    for _ in range(svc.MAX_ATTEMPTS + 1):
        svc.submission_rerun_control(delivery=delivery, requested_by=staff, now=JAN_10)
        svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.ACCEPTED
    assert (delivery.reruns, delivery.attempts) == (6, 1)
    reruns = AuditEvent.objects.filter(action="delivery.rerun", object_id=str(delivery.pk))
    assert sorted(e.data["rerun"] for e in reruns) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ({"withdrawn_at": JAN_10, "withdrawn_reason": "Feil fil"}, "rerun_withdrawn"),
        ({"check_only": True}, "rerun_check_only"),
        ({"state": DeliveryState.RECEIVED}, "rerun_pending"),
        ({"state": DeliveryState.CHECKING}, "rerun_pending"),
    ],
)
def test_rerun_is_refused_unless_the_delivery_has_a_verdict_and_counts(
    kontakt_bergen, staff, portal_keys, fake_kontroll, monkeypatch, setup, code
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    Delivery.objects.filter(pk=delivery.pk).update(**setup)
    before = Delivery.objects.get(pk=delivery.pk)
    with pytest.raises(MottakError) as refused:
        svc.submission_rerun_control(delivery=delivery, requested_by=staff, now=JAN_10)
    assert refused.value.code == code and refused.value.message
    after = Delivery.objects.get(pk=delivery.pk)
    assert (after.state, after.reruns) == (before.state, 0)
    assert Report.objects.filter(delivery=delivery).exists()
    assert not AuditEvent.objects.filter(action="delivery.rerun").exists()


def test_tampered_ciphertext_fails_with_explanation(
    kontakt_bergen, portal_keys, fake_kontroll, monkeypatch
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    data = bytearray(envelope(portal_keys, PLAIN))
    data[-20] ^= 0x01
    delivery = create(kontakt_bergen, bytes(data))
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED
    assert delivery.accepted is None
    assert "kunne ikke dekrypteres" in delivery.message
    assert fake_kontroll == []
    assert not Report.objects.exists()


def test_tampered_header_fails_authentication(
    kontakt_bergen, portal_keys, fake_kontroll, monkeypatch
):
    """The header is associated data: changing it (here, the part) breaks decryption."""
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    data = envelope(portal_keys, PLAIN, part="nav")
    forged = data.replace(b'"del":"nav"', b'"del":"abc"')
    delivery = create(kontakt_bergen, forged, part="abc", declare_part=True)
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED
    assert fake_kontroll == []


def test_retired_private_key_fails_with_explanation(
    kontakt_bergen, portal_keys, fake_kontroll, monkeypatch, settings
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    (settings.PRIVATE_KEYS_DIR / f"{portal_keys.key_id}.pem").unlink()
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED
    assert "finnes ikke lenger" in delivery.message


def test_unexpected_error_propagates_for_retry_then_fails_for_good(
    kontakt_bergen, portal_keys, monkeypatch, caplog
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )

    def broken(**kwargs):
        raise RuntimeError("bad record: 01017012345 OLA NORDMANN")

    monkeypatch.setattr(svc, "kontroll_run", broken)
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    for _ in range(svc.MAX_ATTEMPTS - 1):
        with pytest.raises(svc.ControlCrashed) as err:
            svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
        assert "RuntimeError" in str(err.value) and "NORDMANN" not in str(err.value)
        assert err.value.__cause__ is None and err.value.__suppress_context__
        delivery.refresh_from_db()
        assert delivery.state == DeliveryState.CHECKING
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED
    assert "teknisk feil" in delivery.message
    assert "NORDMANN" not in caplog.text and "RuntimeError" in caplog.text


def test_delivery_whose_attempts_keep_dying_fails_instead_of_looping(
    kontakt_bergen, portal_keys, fake_kontroll, monkeypatch
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.CHECKING, attempts=svc.MAX_ATTEMPTS
    )
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED and fake_kontroll == []


# Bad input: a clear Norwegian message and nothing left behind --------------------------------


def assert_refused(media_root, call, text):
    with pytest.raises(MottakError) as err:
        call()
    assert text in err.value.message
    assert not Delivery.objects.exists()
    assert not AuditEvent.objects.filter(action="delivery.received").exists()
    assert stored_files(media_root) == []
    return err.value


def test_refuses_file_that_is_not_an_envelope(kontakt_bergen, portal_keys, media_root):
    err = assert_refused(
        media_root, lambda: create(kontakt_bergen, PLAIN), "ikke en kryptert KOSTRA-fil"
    )
    assert err.code == "not_envelope"


def test_refuses_empty_file(kontakt_bergen, portal_keys, media_root):
    assert_refused(media_root, lambda: create(kontakt_bergen, b""), "Filen er tom")


@pytest.mark.parametrize("cut", [10, 30, 500, 1])
def test_refuses_truncated_file(kontakt_bergen, portal_keys, media_root, cut):
    data = envelope(portal_keys, PLAIN)
    truncated = data[:cut] if cut in (10, 30, 500) else data[:-cut]
    assert_refused(media_root, lambda: create(kontakt_bergen, truncated), "avkortet")


def test_refuses_unknown_key_id(kontakt_bergen, portal_keys, media_root):
    data = envelope(portal_keys, PLAIN, public_key=portal_keys.other_key)
    err = assert_refused(media_root, lambda: create(kontakt_bergen, data), "nøkkel portalen ikke")
    assert err.code == "unknown_key"


@pytest.mark.parametrize(
    "header, word",
    [
        ({"kommune": "5001"}, "kommune 5001"),
        ({"aar": 2021}, "statistikkår 2021"),
        ({"skjema": "11CF"}, "skjema 11CF"),
        ({"part": "nav"}, "del nav"),
    ],
)
def test_refuses_file_encrypted_for_another_form(
    kontakt_bergen, portal_keys, media_root, header, word
):
    data = envelope(portal_keys, PLAIN, **header)
    err = assert_refused(media_root, lambda: create(kontakt_bergen, data), word)
    assert err.code == "header_mismatch"


def test_refuses_oversized_file(kontakt_bergen, portal_keys, media_root, settings):
    data = envelope(portal_keys, PLAIN)
    settings.MAX_UPLOAD_BYTES = len(data) - 1
    assert_refused(media_root, lambda: create(kontakt_bergen, data), "for stor")


def test_refuses_delivery_for_another_kommune(outsider, portal_keys, media_root):
    data = envelope(portal_keys, PLAIN)
    assert_refused(media_root, lambda: create(outsider, data), "kan ikke levere")


def test_refuses_delivery_after_correction_cutoff(kontakt_bergen, portal_keys, media_root):
    data = envelope(portal_keys, PLAIN)
    assert_refused(
        media_root,
        lambda: create(kontakt_bergen, data, now=JAN_10 + timedelta(days=200)),
        "Fristen for rettinger",
    )


def test_check_only_is_not_judged_by_calendar(kontakt_bergen, portal_keys, monkeypatch):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(
        kontakt_bergen,
        envelope(portal_keys, PLAIN),
        check_only=True,
        now=JAN_10 + timedelta(days=200),
    )
    assert delivery.check_only is True


def test_late_delivery_is_marked(kontakt_bergen, portal_keys, monkeypatch):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN), now=JAN_10 + timedelta(days=10))
    assert delivery.late is True


def test_held_delivery_is_not_queued_until_window_ends(
    kontakt_bergen, portal_keys, monkeypatch, django_capture_on_commit_callbacks
):
    from mottak.services.calendar import DeliveryJudgement

    until = JAN_10 + timedelta(days=3)
    monkeypatch.setattr(
        svc,
        "_judge",
        lambda **kw: DeliveryJudgement(refused=False, message="holdt", held_until=until),
    )
    queued = []
    monkeypatch.setattr(
        svc,
        "control_job_push",
        lambda *, delivery_id, job_id, at_front=False: queued.append(delivery_id),
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    assert delivery.held_until == until and queued == []
    assert svc.delivery_sweep(now=JAN_10 + timedelta(days=1), stale_after=timedelta(0)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert svc.delivery_sweep(now=until, stale_after=timedelta(0)) == [delivery.pk]
    assert queued == [delivery.pk]


def test_web_upload_path_never_loads_private_key(
    kontakt_bergen, portal_keys, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The whole upload path runs with the private-key directory unreadable and the loader
    patched to fail: nothing in it touches private keys."""

    def forbidden(*args, **kwargs):
        raise AssertionError("the web process loaded a private key")

    monkeypatch.setattr("mottak.services.keys.private_key_load", forbidden)
    monkeypatch.setattr(
        "cryptography.hazmat.primitives.serialization.load_pem_private_key", forbidden
    )
    settings.PRIVATE_KEYS_DIR.chmod(0o000)
    queued = []
    monkeypatch.setattr(
        svc,
        "control_job_push",
        lambda *, delivery_id, job_id, at_front=False: queued.append(delivery_id),
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    finally:
        settings.PRIVATE_KEYS_DIR.chmod(0o700)
    assert queued == [delivery.pk]


# Replacement, withdrawal, declarations ------------------------------------------------------


def test_new_accepted_delivery_replaces_previous_and_all_versions_are_kept(
    kontakt_bergen, nav_bergen, portal_keys, fake_kontroll, monkeypatch
):
    from mottak.selectors.deliveries import delivery_list, form_status_get

    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    first = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    svc.submission_run_control(delivery_id=first.pk, now=JAN_10)
    second = create(nav_bergen, envelope(portal_keys, BAD), now=JAN_10 + timedelta(hours=1))
    svc.submission_run_control(delivery_id=second.pk, now=JAN_10)
    assert form_status_get(kommune_nr="4601", skjema="11F", aar=2020).effective == first
    third = create(nav_bergen, envelope(portal_keys, b"OK\r\n"), now=JAN_10 + timedelta(hours=2))
    svc.submission_run_control(delivery_id=third.pk, now=JAN_10)
    status = form_status_get(kommune_nr="4601", skjema="11F", aar=2020)
    assert status.effective == third and status.state == "accepted"
    versions = list(delivery_list(kommune_nr="4601", aar=2020))
    assert versions == [third, second, first]
    assert [v.uploaded_by for v in versions] == [nav_bergen, nav_bergen, kontakt_bergen]


def test_staff_withdraw_delivery_with_reason(kontakt_bergen, staff, portal_keys, monkeypatch):
    from mottak.selectors.deliveries import form_status_get

    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    with pytest.raises(MottakError):
        svc.delivery_withdraw(delivery=delivery, user=kontakt_bergen, reason="x", now=JAN_10)
    with pytest.raises(MottakError, match="begrunnelse"):
        svc.delivery_withdraw(delivery=delivery, user=staff, reason=" ", now=JAN_10)
    svc.delivery_withdraw(delivery=delivery, user=staff, reason="Feil fil", now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.withdrawn_by == staff and delivery.withdrawn_reason == "Feil fil"
    assert form_status_get(kommune_nr="4601", skjema="11F", aar=2020).latest is None
    assert AuditEvent.objects.filter(action="delivery.withdrawn").count() == 1


def test_no_participants_is_withdrawn_by_a_later_upload(
    kontakt_bergen, nav_bergen, portal_keys, monkeypatch
):
    from mottak.models import NoParticipantsDeclaration

    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    with pytest.raises(MottakError, match="KOSTRA-kontakt"):
        svc.no_participants_declare(user=nav_bergen, kommune_nr="4601", aar=2020, now=JAN_10)
    decl = svc.no_participants_declare(user=kontakt_bergen, kommune_nr="4601", aar=2020, now=JAN_10)
    assert (
        svc.no_participants_declare(user=kontakt_bergen, kommune_nr="4601", aar=2020, now=JAN_10)
        == decl
    )
    create(kontakt_bergen, envelope(portal_keys, PLAIN, skjema="11CF"), skjema="11CF")
    decl.refresh_from_db()
    assert decl.withdrawn_at == JAN_10 and decl.withdrawn_reason == "upload"
    assert not NoParticipantsDeclaration.objects.filter(withdrawn_at__isnull=True).exists()


def test_check_only_upload_keeps_no_participants_declaration(
    kontakt_bergen, portal_keys, monkeypatch
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    decl = svc.no_participants_declare(user=kontakt_bergen, kommune_nr="4601", aar=2020, now=JAN_10)
    create(
        kontakt_bergen,
        envelope(portal_keys, PLAIN, skjema="11CF"),
        skjema="11CF",
        check_only=True,
    )
    decl.refresh_from_db()
    assert decl.withdrawn_at is None


@pytest.mark.parametrize(
    "parts, text", [(["nav"], "minst to"), (["nav", "Ugyldig del!"], "Ugyldig del")]
)
def test_parts_declaration_is_validated(kontakt_bergen, parts, text):
    with pytest.raises(MottakError, match=text):
        svc.parts_declare(
            user=kontakt_bergen, kommune_nr="4601", skjema="11F", aar=2020, parts=parts, now=JAN_10
        )


def test_parts_declaration_replaces_previous_and_empty_means_whole(kontakt_bergen, outsider):
    from mottak.models import DeclaredPart

    kw = {"kommune_nr": "4601", "skjema": "11F", "aar": 2020, "now": JAN_10}
    svc.parts_declare(user=kontakt_bergen, parts=["nav", "flyktning"], **kw)
    svc.parts_declare(user=kontakt_bergen, parts=["nav", "bydel-01", ""], **kw)
    assert sorted(DeclaredPart.objects.values_list("part", flat=True)) == ["bydel-01", "nav"]
    svc.parts_declare(user=kontakt_bergen, parts=[], **kw)
    assert not DeclaredPart.objects.exists()
    with pytest.raises(MottakError):
        svc.parts_declare(user=outsider, parts=["a", "b"], **kw)


def test_oslo_bydel_part_is_passed_to_kontroll(
    kontakt_oslo, portal_keys, fake_kontroll, monkeypatch
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    records = b"030120" + b"03" + b" OK\r\n"  # BYDELSNR (positions 7-8) is the bydel's
    data = envelope(portal_keys, records, kommune="0301", part="03")
    delivery = create(kontakt_oslo, data, kommune_nr="0301", part="03", declare_part=True)
    svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    assert delivery.bydel == "03"
    assert fake_kontroll == [{"skjema": "11F", "aar": 2020, "kommune": "0301", "bydel": "03"}]


def test_several_active_keys_are_accepted_and_newest_is_current(
    kontakt_bergen, portal_keys, settings, fake_kontroll, monkeypatch
):
    import os

    from mottak.services.keys import public_keys_list
    from tests.delivery_fixtures import _private_key, write_key_pair

    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    old_mtime = portal_keys.public_pem_path.stat().st_mtime - 3600
    os.utime(portal_keys.public_pem_path, (old_mtime, old_mtime))
    new_id = write_key_pair(_private_key(1), settings.PUBLIC_KEYS_DIR, settings.PRIVATE_KEYS_DIR)
    keys = public_keys_list()
    assert [(k.key_id, k.current) for k in keys] == [(new_id, True), (portal_keys.key_id, False)]
    for public_key in (portal_keys.public_key, portal_keys.other_key):  # old and new key
        delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN, public_key=public_key))
        svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
        delivery.refresh_from_db()
        assert delivery.state == DeliveryState.ACCEPTED


def test_mail_failure_does_not_fail_the_upload(
    kontakt_bergen, portal_keys, monkeypatch, django_capture_on_commit_callbacks
):
    def smtp_down(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(svc, "send_mail", smtp_down)
    queued = []
    monkeypatch.setattr(
        svc,
        "control_job_push",
        lambda *, delivery_id, job_id, at_front=False: queued.append(delivery_id),
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery = create(kontakt_bergen, envelope(portal_keys, PLAIN))
    assert queued == [delivery.pk]
    assert Delivery.objects.filter(pk=delivery.pk).exists()
