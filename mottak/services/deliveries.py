"""Deliveries: taking in an encrypted file, running control in the worker, replacements,
withdrawals, declared parts and "no participants".

The web process calls `submission_create` (it holds only public keys); the worker calls
`submission_run_control` through the thin job `mottak.jobs.submission_run_control`.
"""

import hashlib
import logging
import re
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mottak.errors import MottakError
from mottak.models import (
    DeclaredPart,
    Delivery,
    DeliveryState,
    Finding,
    NoParticipantsDeclaration,
    Report,
    User,
)
from mottak.models.deliveries import FINAL_STATES, PENDING_STATES
from mottak.models.reference import OSLO
from mottak.services import keys
from mottak.services.audit import audit_log
from mottak.services.envelope import Envelope, envelope_decrypt, envelope_parse

logger = logging.getLogger(__name__)

SKJEMAER = ("11F", "11CF")
PART_RE = re.compile(r"[a-z0-9-]{1,20}")
# A delivery whose job has not finished after this long is re-queued by the sweep. Longer
# than the job timeout, so a job that is still running is not doubled.
STALE_AFTER = timedelta(minutes=15)
MAX_ATTEMPTS = 5


class ControlCrashed(Exception):
    """An unexpected error in control, stripped of its message (which might quote a record)
    so that RQ can retry the job without logging personal data."""


# Taking in -----------------------------------------------------------------------------------


def _check_form(*, user: User, kommune_nr: str, skjema: str, aar: int, part: str) -> None:
    if not user.can_act_for(kommune_nr):
        raise MottakError(_("Du kan ikke levere for denne kommunen."), code="forbidden")
    if skjema not in SKJEMAER:
        raise MottakError(_("Ukjent skjema %(s)s.") % {"s": skjema}, code="skjema")
    if not 2000 <= aar <= 2100:
        raise MottakError(_("Ugyldig statistikkår."), code="aar")
    if part and not PART_RE.fullmatch(part):
        raise MottakError(_("Ugyldig del: bruk små bokstaver og sifre."), code="part")


def _check_header(envelope: Envelope, *, kommune_nr: str, skjema: str, aar: int, part: str):
    if keys.public_key_get(envelope.key_id) is None:
        raise MottakError(
            _(
                "Filen er kryptert med en nøkkel portalen ikke kjenner (nøkkel-id %(id)s). "
                "Hent den gjeldende nøkkelen og krypter filen på nytt."
            )
            % {"id": envelope.key_id[:32]},
            code="unknown_key",
        )
    mismatches = [
        (envelope.kommune, kommune_nr, _("kommune")),
        (envelope.skjema, skjema, _("skjema")),
        (str(envelope.aar), str(aar), _("statistikkår")),
        (envelope.part, part, _("del")),
    ]
    for in_file, in_form, what in mismatches:
        if in_file != in_form:
            raise MottakError(
                _(
                    "Filen er kryptert for %(what)s %(file)s, men du leverer for %(what)s "
                    "%(form)s. Krypter filen på nytt med riktige opplysninger."
                )
                % {"what": what, "file": in_file or "-", "form": in_form or "-"},
                code="header_mismatch",
            )


def _read_upload(file) -> bytes:
    size = getattr(file, "size", None)
    if size is not None and size > settings.MAX_UPLOAD_BYTES:
        raise _too_large()
    data = file.read(settings.MAX_UPLOAD_BYTES + 1) if hasattr(file, "read") else bytes(file)
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise _too_large()
    return data


def _too_large() -> MottakError:
    return MottakError(
        _("Filen er for stor. Største tillatte størrelse er %(mb)s MB.")
        % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024) or 1},
        code="too_large",
    )


def _judge(*, kommune_nr: str, skjema: str, aar: int, received_at: datetime):
    from mottak.services.calendar import round_judge_delivery

    return round_judge_delivery(
        kommune_nr=kommune_nr, skjema=skjema, aar=aar, received_at=received_at
    )


def submission_create(
    *,
    user: User,
    kommune_nr: str,
    skjema: str,
    aar: int,
    file,
    part: str = "",
    check_only: bool = False,
    enqueue: bool = True,
    now: datetime | None = None,
) -> Delivery:
    """Take in an encrypted file.

    `enqueue=False` is for a caller that runs the control itself right away (the demo data,
    which runs before any Redis is up).

    Steps:
    1. check the user may act for the kommune and the form fields;
    2. read at most MAX_UPLOAD_BYTES and parse the envelope (structure, length, key id, header
       against the form) - the web process never decrypts;
    3. unless check-only, ask the calendar (refused -> error; late; held until a freeze ends);
    4. in one transaction: store the ciphertext, create the row with SHA-256 and receipt
       number, withdraw a "no participants" declaration, write the audit event;
    5. after commit: queue the control job (unless held) and e-mail the receipt.
    Any error before step 4 leaves nothing behind; an error in step 4 removes the stored file.
    """
    now = now or timezone.now()
    part = (part or "").strip().lower()
    _check_form(user=user, kommune_nr=kommune_nr, skjema=skjema, aar=aar, part=part)
    data = _read_upload(file)
    envelope = envelope_parse(data)
    _check_header(envelope, kommune_nr=kommune_nr, skjema=skjema, aar=aar, part=part)
    late, held_until, message = False, None, ""
    if not check_only:
        judgement = _judge(kommune_nr=kommune_nr, skjema=skjema, aar=aar, received_at=now)
        if judgement.refused:
            raise MottakError(str(judgement.message), code="refused")
        late, held_until, message = judgement.late, judgement.held_until, judgement.message
    bydel = part if kommune_nr == OSLO and re.fullmatch(r"\d\d", part) else user.bydel
    sha256 = hashlib.sha256(data).hexdigest()

    stored_name = None
    try:
        with transaction.atomic():
            delivery = Delivery(
                kommune_nr=kommune_nr,
                bydel=bydel if kommune_nr == OSLO else "",
                skjema=skjema,
                aar=aar,
                part=part,
                state=DeliveryState.RECEIVED,
                state_changed_at=now,
                sha256=sha256,
                size=len(data),
                key_id=envelope.key_id,
                receipt=f"tmp-{uuid.uuid4().hex}",  # replaced below, once the pk is known
                uploaded_by=user,
                received_at=now,
                late=late,
                held_until=held_until,
                check_only=check_only,
                message=str(message),
            )
            delivery.ciphertext.save(f"{sha256[:16]}.kostra", ContentFile(data), save=False)
            stored_name = delivery.ciphertext.name
            delivery.save()
            delivery.receipt = f"K{aar}-{kommune_nr}-{delivery.pk:06d}"
            delivery.save(update_fields=["receipt"])
            if not check_only:
                NoParticipantsDeclaration.objects.filter(
                    kommune_nr=kommune_nr, skjema=skjema, aar=aar, withdrawn_at__isnull=True
                ).update(withdrawn_at=now, withdrawn_reason="upload")
            audit_log(
                action="delivery.received",
                actor=user,
                kommune_nr=kommune_nr,
                obj=delivery,
                data={
                    "receipt": delivery.receipt,
                    "skjema": skjema,
                    "aar": aar,
                    "part": part,
                    "sha256": sha256,
                    "size": len(data),
                    "key_id": envelope.key_id,
                    "check_only": check_only,
                    "late": late,
                    "held_until": held_until.isoformat() if held_until else None,
                },
                now=now,
            )
            pk = delivery.pk
            if held_until is None and enqueue:
                transaction.on_commit(lambda: delivery_enqueue(delivery_id=pk))
            if not check_only:
                transaction.on_commit(lambda: receipt_email_send(delivery_id=pk), robust=True)
    except BaseException:
        if stored_name:
            delivery.ciphertext.storage.delete(stored_name)
        raise
    return delivery


def delivery_enqueue(*, delivery_id: int) -> None:
    """Queue the control job. If Redis is down the delivery stays "received" and the sweep
    queues it later, so the upload itself never fails because of the queue."""
    from mottak.jobs import submission_run_control as submission_run_control_job

    try:
        submission_run_control_job.delay(delivery_id)
    except Exception:  # noqa: BLE001 - the sweep recovers
        logger.exception("Could not queue control of delivery %s; the sweep will", delivery_id)


def receipt_email_send(*, delivery_id: int) -> None:
    delivery = Delivery.objects.select_related("uploaded_by").get(pk=delivery_id)
    user = delivery.uploaded_by
    if user is None or not user.email:
        return
    url = settings.SITE_URL + reverse("mottak:delivery", args=[delivery.pk])
    send_mail(
        _("Kvittering %(r)s: skjema %(s)s %(a)s")
        % {"r": delivery.receipt, "s": delivery.skjema, "a": delivery.aar},
        _(
            "KOSTRA-mottaket har tatt imot skjema %(s)s for %(a)s fra kommune %(k)s.\n\n"
            "Kvitteringsnummer: %(r)s\nMottatt: %(t)s\nSHA-256: %(h)s\n\n"
            "Du får en ny e-post når kontrollen er ferdig. Status: %(u)s\n"
        )
        % {
            "s": delivery.skjema,
            "a": delivery.aar,
            "k": delivery.kommune_nr,
            "r": delivery.receipt,
            "t": timezone.localtime(delivery.received_at).strftime("%d.%m.%Y %H:%M"),
            "h": delivery.sha256,
            "u": url,
        },
        None,
        [user.email],
    )


# Control in the worker -----------------------------------------------------------------------


def kontroll_run(*, skjema: str, aar: int, data: bytes, kommune: str, bydel: str | None):
    """Run the control program. Usage errors (year or kommune kontroll does not support)
    become a MottakError with kontroll's Norwegian message."""
    import kontroll

    try:
        return kontroll.run_control(
            skjema=skjema, aar=aar, data=data, kommune=kommune, bydel=bydel or None
        )
    except kontroll.errors.KontrollUsageError as err:
        raise MottakError(str(err.message), code="kontroll_usage") from None


def _severity_name(severity) -> str:
    return str(getattr(severity, "name", severity)).upper()


def _start_attempt(delivery_id: int, now: datetime) -> Delivery | None:
    """Move received -> checking (or a stale checking -> checking) and count the attempt.
    Returns None when the delivery already has its verdict (the job is idempotent)."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.state in FINAL_STATES:
            return None
        delivery.state = DeliveryState.CHECKING
        delivery.state_changed_at = now
        delivery.attempts += 1
        delivery.save(update_fields=["state", "state_changed_at", "attempts"])
        # A rerun first removes any report an earlier attempt left behind.
        Report.objects.filter(delivery=delivery).delete()
    return delivery


def _finish(
    delivery_id: int,
    *,
    now: datetime,
    state: str,
    message: str,
    report=None,
    code: str = "",
) -> Delivery | None:
    """Write the verdict (and report) in one transaction, unless another attempt won."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.state in FINAL_STATES:
            return None
        Report.objects.filter(delivery=delivery).delete()
        delivery.state = state
        delivery.state_changed_at = now
        delivery.checked_at = now
        delivery.message = message
        delivery.accepted = None if state == DeliveryState.FAILED else report.accepted
        if report is not None:
            _report_store(delivery, report, now=now)
        delivery.save()
        audit_log(
            action="delivery.checked",
            kommune_nr=delivery.kommune_nr,
            obj=delivery,
            data={
                "receipt": delivery.receipt,
                "state": state,
                "accepted": delivery.accepted,
                "with_warnings": delivery.with_warnings,
                "code": code,
                "attempt": delivery.attempts,
            },
            now=now,
        )
        pk = delivery.pk
        transaction.on_commit(lambda: verdict_email_send(delivery_id=pk), robust=True)
    return delivery


def _report_store(delivery: Delivery, report, *, now: datetime) -> None:
    as_dict = report.as_dict()
    rows = [
        Finding(
            rule=f.rule,
            severity=_severity_name(f.severity),
            line=f.line,
            journal_number=f.journal_number or "",
            caseworker=f.caseworker or "",
            fields=list(f.fields or []),
            # The message as kontroll's id and values, rendered when shown (no sentence stored).
            message="" if getattr(f, "message_id", "") else f.message,
            message_id=getattr(f, "message_id", ""),
            params=dict(getattr(f, "params", None) or {}),
            values=dict(f.values or {}),
        )
        for f in report.findings
    ]
    counts = Counter(r.severity for r in rows)
    records = as_dict.get("records") or getattr(report, "records", None) or 0
    if not isinstance(records, int):
        records = len(records)
    summary = {k: v for k, v in as_dict.items() if k not in ("findings",)}
    summary["counts"] = {s: counts.get(s, 0) for s in ("FATAL", "ERROR", "WARNING", "INFO")}
    stored = Report.objects.create(
        delivery=delivery,
        created_at=now,
        accepted=bool(report.accepted),
        records=records,
        summary=summary,
    )
    for row in rows:
        row.report = stored
    Finding.objects.bulk_create(rows, batch_size=2000)
    delivery.records = records
    delivery.with_warnings = bool(report.accepted) and bool(counts.get("WARNING"))


def submission_run_control(
    *,
    delivery_id: int,
    now: datetime | None = None,
    private_key_loader: Callable = keys.private_key_load,
) -> Delivery | None:
    """Control one delivery (idempotent).

    Steps:
    1. received/checking -> checking, count the attempt, delete any half-written report;
       a delivery that already has its verdict is left alone;
    2. read the ciphertext, check its SHA-256, decrypt in memory (never to disk or logs);
    3. run kontroll with the delivery's skjema, year, kommune and bydel;
    4. in one transaction: store report and findings, set accepted/rejected (or failed with a
       Norwegian explanation when the file cannot be opened or read), audit;
    5. after commit: e-mail the uploader.
    Unexpected errors propagate so RQ retries; after MAX_ATTEMPTS the delivery fails.
    """
    now = now or timezone.now()
    delivery = _start_attempt(delivery_id, now)
    if delivery is None:
        return None
    if delivery.attempts > MAX_ATTEMPTS:
        # Earlier attempts died without an exception (worker killed, out of memory): stop
        # re-queuing it for ever.
        return _technical_failure(delivery_id, now=now)
    try:
        with delivery.ciphertext.open("rb") as fh:
            data = fh.read()
        if hashlib.sha256(data).hexdigest() != delivery.sha256:
            raise MottakError(
                _("Den lagrede filen er endret etter mottak. Last opp filen på nytt."),
                code="sha256",
            )
        envelope = envelope_parse(data)
        plaintext = envelope_decrypt(envelope, private_key_loader(envelope.key_id))
        del data
        _check_test_hook(delivery_id)
        report = kontroll_run(
            skjema=delivery.skjema,
            aar=delivery.aar,
            data=plaintext,
            kommune=delivery.kommune_nr,
            bydel=delivery.bydel,
        )
        del plaintext
    except MottakError as err:
        return _finish(
            delivery_id, now=now, state=DeliveryState.FAILED, message=err.message, code=err.code
        )
    except Exception as err:
        # Neither the log nor RQ's stored traceback may carry the error's text: it could
        # quote a record. Keep the exception type and where it happened only.
        where = err.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        origin = f"{where.tb_frame.f_code.co_filename}:{where.tb_lineno}" if where else "?"
        logger.error(
            "Control of delivery %s raised %s at %s (attempt %s)",
            delivery_id, type(err).__name__, origin, delivery.attempts,
        )  # fmt: skip
        if delivery.attempts >= MAX_ATTEMPTS:
            return _technical_failure(delivery_id, now=now)
        raise ControlCrashed(
            f"{type(err).__name__} at {origin} in control of delivery {delivery_id}"
        ) from None
    state = DeliveryState.ACCEPTED if report.accepted else DeliveryState.REJECTED
    message = (
        _("Filen er godkjent.")
        if report.accepted
        else _("Filen er avvist: kontrollen fant feil som må rettes før ny levering.")
    )
    if delivery.check_only:
        message = _("Bare kontroll (ikke levert): ") + message
    return _finish(delivery_id, now=now, state=state, message=message, report=report)


def _technical_failure(delivery_id: int, *, now: datetime) -> Delivery | None:
    return _finish(
        delivery_id,
        now=now,
        state=DeliveryState.FAILED,
        code="internal",
        message=_(
            "Kontrollen kunne ikke gjennomføres på grunn av en teknisk feil. "
            "SSB er varslet; du trenger ikke gjøre noe nå."
        ),
    )


def _check_test_hook(delivery_id: int) -> None:
    """Lets an integration test kill the worker mid-job: with settings.DELIVERY_TEST_HOOK set
    to a pipe's file descriptor, the job reports that it got here and then blocks for ever.
    Unset (None) in production."""
    fd = getattr(settings, "DELIVERY_TEST_HOOK", None)
    if fd is None:
        return
    import os
    import threading

    os.write(fd, f"{delivery_id}\n".encode())
    threading.Event().wait()


def submission_rerun_control(*, delivery: Delivery, requested_by: User | None, now=None) -> None:
    """Staff: run control again (e.g. after a kontroll fix). The old verdict is replaced."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        Report.objects.filter(delivery=locked).delete()
        locked.state = DeliveryState.RECEIVED
        locked.state_changed_at = now
        locked.accepted = None
        locked.with_warnings = False
        locked.checked_at = None
        locked.held_until = None
        locked.save()
        audit_log(
            action="delivery.rerun",
            actor=requested_by,
            kommune_nr=locked.kommune_nr,
            obj=locked,
            data={"receipt": locked.receipt},
            now=now,
        )
        pk = locked.pk
        transaction.on_commit(lambda: delivery_enqueue(delivery_id=pk))


def verdict_email_send(*, delivery_id: int) -> None:
    delivery = Delivery.objects.select_related("uploaded_by").get(pk=delivery_id)
    user = delivery.uploaded_by
    if user is None or not user.email:
        return
    url = settings.SITE_URL + reverse("mottak:delivery", args=[delivery.pk])
    send_mail(
        _("Kontroll ferdig (%(r)s): %(v)s") % {"r": delivery.receipt, "v": verdict_label(delivery)},
        _("Skjema %(s)s %(a)s, kvittering %(r)s.\n\n%(m)s\n\nSe rapporten: %(u)s\n")
        % {
            "s": delivery.skjema,
            "a": delivery.aar,
            "r": delivery.receipt,
            "m": delivery.message,
            "u": url,
        },
        None,
        [user.email],
    )


def verdict_label(delivery: Delivery) -> str:
    labels = {
        "received": _("Mottatt"),
        "checking": _("Under kontroll"),
        "accepted": _("Godkjent"),
        "accepted_with_warnings": _("Godkjent med advarsler"),
        "rejected": _("Avvist"),
        "failed": _("Kunne ikke kontrolleres"),
    }
    return labels[delivery.verdict]


# Sweep ---------------------------------------------------------------------------------------


def delivery_sweep(*, now: datetime, stale_after: timedelta = STALE_AFTER) -> list[int]:
    """Queue again every delivery left in received/checking (worker killed, Redis lost).

    Held deliveries whose freeze window has ended are queued too. Safe to run any time: the
    job is idempotent and a second attempt never writes a second verdict.
    """
    ids = list(
        Delivery.objects.filter(state__in=PENDING_STATES, state_changed_at__lte=now - stale_after)
        .exclude(held_until__gt=now)
        .values_list("pk", flat=True)
    )
    for pk in ids:
        delivery_enqueue(delivery_id=pk)
    return ids


# Withdrawals and declarations ----------------------------------------------------------------


def delivery_withdraw(*, delivery: Delivery, user: User, reason: str, now: datetime) -> Delivery:
    """Staff withdraw a delivery: it no longer counts (the version is kept)."""
    if not user.is_staff:
        raise MottakError(_("Bare SSB kan trekke tilbake en leveranse."), code="forbidden")
    if not reason.strip():
        raise MottakError(_("Oppgi en begrunnelse."), code="reason")
    if delivery.withdrawn_at:
        raise MottakError(_("Leveransen er allerede trukket tilbake."), code="withdrawn")
    with transaction.atomic():
        delivery.withdrawn_at = now
        delivery.withdrawn_by = user
        delivery.withdrawn_reason = reason.strip()
        delivery.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
        audit_log(
            action="delivery.withdrawn",
            actor=user,
            kommune_nr=delivery.kommune_nr,
            obj=delivery,
            data={"receipt": delivery.receipt, "reason": reason.strip()},
            now=now,
        )
    return delivery


def no_participants_declare(
    *, user: User, kommune_nr: str, aar: int, now: datetime, skjema: str = "11CF"
) -> NoParticipantsDeclaration:
    """The KOSTRA contact declares no KVP participants: counts as delivered for 11CF."""
    if skjema != "11CF":
        raise MottakError(_("«Ingen deltakere» gjelder bare skjema 11CF."), code="skjema")
    if not user.can_act_for(kommune_nr) or not (user.is_staff or user.role == "kontakt"):
        raise MottakError(
            _("Bare kommunens KOSTRA-kontakt kan erklære at kommunen ikke hadde deltakere."),
            code="forbidden",
        )
    judgement = _judge(kommune_nr=kommune_nr, skjema=skjema, aar=aar, received_at=now)
    if judgement.refused:
        raise MottakError(str(judgement.message), code="refused")
    with transaction.atomic():
        existing = NoParticipantsDeclaration.objects.filter(
            kommune_nr=kommune_nr, skjema=skjema, aar=aar, withdrawn_at__isnull=True
        ).first()
        if existing:
            return existing
        decl = NoParticipantsDeclaration.objects.create(
            kommune_nr=kommune_nr, skjema=skjema, aar=aar, declared_by=user, declared_at=now
        )
        audit_log(
            action="delivery.no_participants",
            actor=user,
            kommune_nr=kommune_nr,
            obj=decl,
            data={"skjema": skjema, "aar": aar},
            now=now,
        )
    return decl


def parts_declare(
    *, user: User, kommune_nr: str, skjema: str, aar: int, parts: list[str], now: datetime
) -> list[DeclaredPart]:
    """Declare (replace) the parts a form will be delivered in; [] means delivered whole."""
    if not user.can_act_for(kommune_nr):
        raise MottakError(_("Du kan ikke melde deler for denne kommunen."), code="forbidden")
    if skjema not in SKJEMAER:
        raise MottakError(_("Ukjent skjema %(s)s.") % {"s": skjema}, code="skjema")
    cleaned = sorted({p.strip().lower() for p in parts if p.strip()})
    if len(cleaned) == 1:
        raise MottakError(_("Meld minst to deler, eller ingen."), code="parts")
    for part in cleaned:
        if not PART_RE.fullmatch(part):
            raise MottakError(_("Ugyldig del «%(p)s».") % {"p": part}, code="part")
    with transaction.atomic():
        DeclaredPart.objects.filter(kommune_nr=kommune_nr, skjema=skjema, aar=aar).delete()
        rows = [
            DeclaredPart.objects.create(
                kommune_nr=kommune_nr,
                skjema=skjema,
                aar=aar,
                part=part,
                declared_by=user,
                declared_at=now,
            )
            for part in cleaned
        ]
        audit_log(
            action="delivery.parts_declared",
            actor=user,
            kommune_nr=kommune_nr,
            data={"skjema": skjema, "aar": aar, "parts": cleaned},
            now=now,
        )
    return rows
