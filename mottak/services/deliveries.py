"""Deliveries: taking in an encrypted file, running control in the worker, replacements,
withdrawals, declared parts and "no participants".

The web process calls `submission_create` (it holds only public keys); the worker calls
`submission_run_control` through the thin job `mottak.jobs.submission_run_control`.
"""

import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from kontroll.personvern import mask_text
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
from mottak.selectors import access
from mottak.services import keys
from mottak.services.audit import audit_log
from mottak.services.envelope import (
    PART_RE,
    Envelope,
    envelope_decrypt,
    envelope_head_read,
    envelope_parse,
)
from mottak.services.findings import finding_rows, masked_summary
from mottak.uploads import too_large_error

if TYPE_CHECKING:
    import kontroll.report
from mottak.services.delivery_refusals import delivery_refused_audit, delivery_withdrawn_notify
from mottak.services.kommune_validity import kommune_check_valid

logger = logging.getLogger(__name__)

SKJEMAER = ("11F", "11CF")
# A delivery whose job has not finished after this long is re-queued by the sweep. Longer
# than the job timeout, so a job that is still running is not doubled.
STALE_AFTER = timedelta(minutes=15)
MAX_ATTEMPTS = 5


class ControlCrashed(Exception):
    """An unexpected error in control, stripped of its message (which might quote a record)
    so that RQ can retry the job without logging personal data."""


# Taking in -----------------------------------------------------------------------------------


def _check_form(*, user: User, kommune_nr: str, skjema: str, aar: int, part: str) -> None:
    refusal = access.delivery_refusal(
        user=user, kommune_nr=kommune_nr, skjema=skjema, aar=aar, part=part
    )
    if refusal:
        raise MottakError(refusal, code="forbidden")
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


def _open_upload(file) -> File:
    """The upload as a Django File of known size, refused when over MAX_UPLOAD_BYTES.

    Nothing is read here: the envelope's head is parsed from the stream, the SHA-256 is
    computed chunk by chunk and storage copies (or moves) the file, so a 50 MB envelope never
    sits in the web process's memory.
    """
    if isinstance(file, bytes | bytearray):
        upload: File = ContentFile(bytes(file))
    elif isinstance(file, File):
        upload = file
    else:
        upload = File(file, name="fil.kostra")
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise too_large_error()
    return upload


def _sha256(file: File) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    return digest.hexdigest()


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
    declare_part: bool = False,
) -> Delivery:
    """Take in an encrypted file.

    A part must be declared (`parts_declare`) before it is delivered, or declared on purpose
    with this delivery (`declare_part=True`); check-only runs need no declaration.

    `enqueue=False` is for a caller that runs the control itself right away (the demo data,
    which runs before any Redis is up).

    Steps:
    1. check the user may act for the kommune and the form fields, and that the kommune
       number is valid in the statistics year (before any calendar check);
    2. refuse more than MAX_UPLOAD_BYTES, read the envelope's head from the stream and check
       it fully (structure, length, every header field, key id, header against the form) -
       the web process never decrypts and never holds the whole file;
    3. unless check-only, ask the calendar (refused -> error; late; held until a freeze ends);
    4. in one transaction: store the ciphertext, create the row with SHA-256 and receipt
       number, withdraw a "no participants" declaration, write the audit event;
    5. after commit: queue the control job (unless held) and e-mail the receipt.
    Any error before step 4 leaves nothing behind; an error in step 4 removes the stored file.
    """
    now = now or timezone.now()
    part = (part or "").strip().lower()
    try:
        _check_form(user=user, kommune_nr=kommune_nr, skjema=skjema, aar=aar, part=part)
        kommune_check_valid(nummer=kommune_nr, aar=aar)
        upload = _open_upload(file)
        upload.seek(0)
        envelope = envelope_head_read(
            upload, total_size=upload.size, max_size=settings.MAX_UPLOAD_BYTES
        )
        _check_header(envelope, kommune_nr=kommune_nr, skjema=skjema, aar=aar, part=part)
        declare_now = (
            bool(part)
            and not check_only
            and _part_undeclared(
                kommune_nr=kommune_nr, skjema=skjema, aar=aar, part=part, declare=declare_part
            )
        )
        late, held_until, message = False, None, ""
        if not check_only:
            judgement = _judge(kommune_nr=kommune_nr, skjema=skjema, aar=aar, received_at=now)
            if judgement.refused:
                raise MottakError(str(judgement.message), code="refused")
            late, held_until, message = judgement.late, judgement.held_until, judgement.message
    except MottakError as err:
        delivery_refused_audit(
            user=user, kommune_nr=kommune_nr, skjema=skjema, aar=aar, code=err.code, now=now
        )
        raise
    bydel = part if kommune_nr == OSLO and re.fullmatch(r"\d\d", part) else user.bydel
    sha256 = _sha256(upload)
    size = upload.size

    stored_name = None
    try:
        with transaction.atomic():
            delivery = Delivery(
                kommune_nr=kommune_nr,
                bydel=bydel if kommune_nr == OSLO else "",
                skjema=skjema,
                aar=aar,
                part=part,
                state=DeliveryState.HELD if held_until is not None else DeliveryState.RECEIVED,
                state_changed_at=now,
                sha256=sha256,
                size=size,
                key_id=envelope.key_id,
                receipt=f"tmp-{uuid.uuid4().hex}",  # replaced below, once the pk is known
                uploaded_by=user,
                received_at=now,
                late=late,
                held_until=held_until,
                check_only=check_only,
                message=str(message),
            )
            if held_until is None and enqueue:
                delivery.control_job_id = control_job_id_new()
            delivery.ciphertext.save(f"{sha256[:16]}.kostra", upload, save=False)
            stored_name = delivery.ciphertext.name
            delivery.save()
            delivery.receipt = f"K{aar}-{kommune_nr}-{delivery.pk:06d}"
            delivery.save(update_fields=["receipt"])
            if declare_now:
                _part_add(user=user, kommune_nr=kommune_nr, skjema=skjema, aar=aar, part=part,
                          now=now)  # fmt: skip
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
                    "size": size,
                    "key_id": envelope.key_id,
                    "check_only": check_only,
                    "late": late,
                    "held_until": held_until.isoformat() if held_until else None,
                },
                now=now,
            )
            pk, job_id = delivery.pk, delivery.control_job_id
            if job_id:
                transaction.on_commit(lambda: control_job_push(delivery_id=pk, job_id=job_id))
            if not check_only:
                transaction.on_commit(lambda: receipt_email_send(delivery_id=pk), robust=True)
    except BaseException:
        if stored_name:
            delivery.ciphertext.storage.delete(stored_name)
        raise
    return delivery


def _part_undeclared(*, kommune_nr: str, skjema: str, aar: int, part: str, declare: bool) -> bool:
    """True when `part` is not declared yet and the caller declares it on purpose; refuses an
    undeclared part otherwise (a typo would make a part nobody waits for)."""
    declared = sorted(
        DeclaredPart.objects.filter(kommune_nr=kommune_nr, skjema=skjema, aar=aar).values_list(
            "part", flat=True
        )
    )
    if part in declared:
        return False
    if declare:
        return True
    raise MottakError(
        _(
            "Delen «%(part)s» er ikke meldt for skjema %(skjema)s %(aar)s (meldte deler: "
            "%(parts)s). Meld delen på statussiden, eller kryss av for å melde den nå."
        )
        % {"part": part, "skjema": skjema, "aar": aar, "parts": ", ".join(declared) or "-"},
        code="part_not_declared",
    )


def _part_add(*, user: User, kommune_nr: str, skjema: str, aar: int, part: str, now) -> None:
    DeclaredPart.objects.create(
        kommune_nr=kommune_nr, skjema=skjema, aar=aar, part=part, declared_by=user, declared_at=now
    )
    audit_log(
        action="delivery.part_declared",
        actor=user,
        kommune_nr=kommune_nr,
        data={"skjema": skjema, "aar": aar, "part": part},
        now=now,
    )


def control_job_id_new() -> str:
    return f"delivery-control-{uuid.uuid4().hex}"


def delivery_enqueue(
    *, delivery_id: int, replaces: str | None = None, at_front: bool = False
) -> str | None:
    """Queue (again) the control of a delivery that has no verdict yet; return the job id.

    Steps:
    1. issue a new job id and store it on the delivery in a conditional update (still pending;
       with `replaces`, only if the stored id is still that one, so two recoveries that saw the
       same lost job queue it once);
    2. after commit, push the job (`at_front`: ahead of the queue, for a delivery that has
       waited already). Any job issued before is superseded: it does nothing.
    Returns None when nothing was queued (verdict already given, or another caller won).
    """
    job_id = control_job_id_new()
    rows = Delivery.objects.filter(pk=delivery_id, state__in=PENDING_STATES)
    if replaces is not None:
        rows = rows.filter(control_job_id=replaces)
    with transaction.atomic():
        if not rows.update(control_job_id=job_id):
            return None
        transaction.on_commit(
            lambda: control_job_push(delivery_id=delivery_id, job_id=job_id, at_front=at_front)
        )
    return job_id


def control_job_queue(delivery: Delivery) -> str:
    """Deliveries on their own queue; a very large check-only file goes to bulk."""
    from kostra_portal.queues import BULK, DELIVERIES

    if delivery.check_only and delivery.size > settings.BULK_CHECK_ONLY_BYTES:
        return BULK
    return DELIVERIES


def control_job_push(*, delivery_id: int, job_id: str, at_front: bool = False) -> None:
    """Put the control job on its queue. If Redis is down the delivery keeps its job id and
    the recovery check (`mottak.services.recovery`) queues it again once Redis is back, so the
    upload itself never fails because of the queue."""
    from kostra_portal.queues import get_queue
    from mottak.jobs import CONTROL_RETRY
    from mottak.jobs import submission_run_control as submission_run_control_job

    try:
        delivery = Delivery.objects.only("check_only", "size").get(pk=delivery_id)
        get_queue(control_job_queue(delivery)).enqueue(
            submission_run_control_job,
            delivery_id,
            job_id=job_id,
            retry=CONTROL_RETRY,
            at_front=at_front,
        )
    except (RedisConnectionError, RedisTimeoutError, OSError) as exc:  # Redis down: expected
        logger.warning(
            "Could not queue control of delivery %s (%s); recovery will", delivery_id, exc
        )
    except Exception:  # noqa: BLE001 - the recovery check queues it again
        logger.exception("Could not queue control of delivery %s; recovery will", delivery_id)


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


def _superseded(delivery: Delivery, job_id: str | None) -> bool:
    """True when this job may no longer act: the verdict is given, or a newer job was issued
    (a recovery or rerun replaced it). A direct call (job_id None) checks the state only."""
    if delivery.state not in PENDING_STATES:  # final, or held until a freeze window closes
        return True
    return job_id is not None and delivery.control_job_id != job_id


def _start_attempt(delivery_id: int, now: datetime, job_id: str | None) -> Delivery | None:
    """Move received -> checking (or a stale checking -> checking) and count the attempt.
    Returns None when the delivery already has its verdict or the job is superseded."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        if _superseded(delivery, job_id):
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
    diagnosis: dict | None = None,
    job_id: str | None = None,
) -> Delivery | None:
    """Write the verdict (and report) in one transaction, unless another attempt won or a
    newer job was issued (then that job writes it)."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        if _superseded(delivery, job_id):
            return None
        Report.objects.filter(delivery=delivery).delete()
        delivery.state = state
        delivery.state_changed_at = now
        delivery.checked_at = now
        delivery.message = message
        if state == DeliveryState.FAILED:
            delivery.accepted = None
        else:  # rejected without a report: refused before kontroll (e.g. another bydel's file)
            delivery.accepted = report.accepted if report is not None else False
        if report is not None:
            _report_store(delivery, report, now=now, diagnosis=diagnosis)
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


def _report_store(
    delivery: Delivery,
    report: "kontroll.report.Report",
    *,
    now: datetime,
    diagnosis: dict | None = None,
) -> None:
    """Store kontroll's report: findings as rows (masked, bounded per rule), the rest
    (summary, statistics, counts per severity) as the report's summary."""
    # Masked (no id or DUF number is stored) and bounded per rule; counts stay true.
    stored_findings = finding_rows(report.findings)
    rows, counts = stored_findings.rows, stored_findings.severity_counts
    summary = masked_summary({k: v for k, v in report.as_dict().items() if k != "findings"})
    summary["counts"] = {s: counts.get(s, 0) for s in ("FATAL", "ERROR", "WARNING", "INFO")}
    if stored_findings.truncated:
        summary["truncated"] = {
            "limit": settings.MAX_FINDINGS_PER_RULE,
            "rules": stored_findings.truncated,
        }
    if diagnosis:
        summary["diagnosis"] = diagnosis
    stored = Report.objects.create(
        delivery=delivery,
        created_at=now,
        accepted=report.accepted,
        records=report.records,
        summary=summary,
    )
    for row in rows:
        row.report = stored
    Finding.objects.bulk_create(rows, batch_size=2000)
    delivery.records = report.records
    delivery.with_warnings = report.accepted and bool(counts.get("WARNING"))


def submission_run_control(
    *,
    delivery_id: int,
    job_id: str | None = None,
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
    `job_id` is the RQ job's id: a job that is no longer the delivery's `control_job_id`
    does nothing (docs/reliability.md).
    """
    now = now or timezone.now()
    delivery = _start_attempt(delivery_id, now, job_id)
    if delivery is None:
        return None
    if delivery.attempts > MAX_ATTEMPTS:
        # Earlier attempts died without an exception (worker killed, out of memory): stop
        # re-queuing it for ever.
        return _technical_failure(delivery_id, now=now, job_id=job_id)
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
        mismatch = _bydel_mismatch(delivery, plaintext)
        if mismatch is not None:
            del plaintext
            return _finish(
                delivery_id, now=now, state=DeliveryState.REJECTED,
                message=mismatch.message, code="bydel_mismatch", job_id=job_id,
            )  # fmt: skip
        diagnosis = _diagnose(delivery, plaintext)
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
            delivery_id,
            now=now,
            state=DeliveryState.FAILED,
            message=err.message,
            code=err.code,
            job_id=job_id,
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
            return _technical_failure(delivery_id, now=now, job_id=job_id)
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
    return _finish(
        delivery_id,
        now=now,
        state=state,
        message=message,
        report=report,
        diagnosis=diagnosis,
        job_id=job_id,
    )


def _diagnose(delivery: Delivery, plaintext: bytes) -> dict | None:
    """kontroll.diagnose's reading of a wrong file (another form or year, still encrypted),
    stored with the report and shown once at its top."""
    from kontroll.diagnose import diagnose

    found = diagnose(skjema=delivery.skjema, aar=delivery.aar, data=plaintext)
    return found.as_dict() if found is not None else None


def _bydel_mismatch(delivery: Delivery, plaintext: bytes):
    """An Oslo bydel's delivery must hold only that bydel's records (see bydel_check)."""
    from mottak.services.bydel_check import bydel_mismatch_find

    if delivery.kommune_nr != OSLO or not delivery.bydel:
        return None
    return bydel_mismatch_find(
        skjema=delivery.skjema, aar=delivery.aar, data=plaintext, bydel=delivery.bydel
    )


def _technical_failure(delivery_id: int, *, now: datetime, job_id: str | None) -> Delivery | None:
    return _finish(
        delivery_id,
        now=now,
        job_id=job_id,
        state=DeliveryState.FAILED,
        code="internal",
        message=_(
            "Kontrollen kunne ikke gjennomføres på grunn av en teknisk feil. "
            "SSB er varslet; du trenger ikke gjøre noe nå."
        ),
    )


def _rerun_refusal(delivery: Delivery) -> MottakError | None:
    """Why a delivery may not be controlled again, or None. Only a delivery that has its
    verdict and still counts can be: a withdrawn one no longer counts, a check-only run was
    never delivered (the kommune checks the file again itself), and a pending or held one
    will get its verdict anyway."""
    if delivery.withdrawn_at is not None:
        return MottakError(
            _("Leveransen er trukket tilbake og kan ikke kontrolleres på nytt."),
            code="rerun_withdrawn",
        )
    if delivery.check_only:
        return MottakError(
            _(
                "En fil som bare ble kontrollert, er ikke levert og kontrolleres ikke på nytt. "
                "Kommunen kan kontrollere filen igjen selv."
            ),
            code="rerun_check_only",
        )
    if delivery.state not in FINAL_STATES:
        return MottakError(
            _("Leveransen venter på kontroll og får resultatet sitt uten ny bestilling."),
            code="rerun_pending",
        )
    return None


def submission_rerun_control(*, delivery: Delivery, requested_by: User | None, now=None) -> None:
    """Staff: run control again (e.g. after a kontroll fix). The old verdict is replaced.

    Steps:
    1. lock the row and refuse (MottakError) unless the delivery has a verdict and counts
       (see `_rerun_refusal`) - the staff page and the admin action both call this;
    2. delete the report, back to received; `reruns` + 1 and `attempts` back to 0 (a rerun is
       a new control, not a technical retry: it never runs into MAX_ATTEMPTS);
    3. audit, and queue the control job once the transaction commits.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        refusal = _rerun_refusal(locked)
        if refusal is not None:
            raise refusal
        if not locked.ciphertext:
            raise MottakError(
                _("Filen er slettet etter oppbevaringstiden og kan ikke kontrolleres igjen."),
                code="ciphertext_deleted",
            )
        Report.objects.filter(delivery=locked).delete()
        locked.state = DeliveryState.RECEIVED
        locked.state_changed_at = now
        locked.accepted = None
        locked.with_warnings = False
        locked.checked_at = None
        locked.held_until = None
        locked.attempts = 0
        locked.reruns += 1
        locked.save()
        audit_log(
            action="delivery.rerun",
            actor=requested_by,
            kommune_nr=locked.kommune_nr,
            obj=locked,
            data={"receipt": locked.receipt, "rerun": locked.reruns},
            now=now,
        )
        pk = locked.pk
        transaction.on_commit(lambda: delivery_enqueue(delivery_id=pk))


def verdict_email_send(*, delivery_id: int) -> None:
    delivery = Delivery.objects.select_related("uploaded_by").get(pk=delivery_id)
    user = delivery.uploaded_by
    if user is None or not user.email:
        return
    from mottak.selectors.deliveries import delivery_effective_get, delivery_effective_note

    url = settings.SITE_URL + reverse("mottak:delivery", args=[delivery.pk])
    note = delivery_effective_note(
        delivery=delivery, effective=delivery_effective_get(delivery=delivery)
    )
    send_mail(
        _("Kontroll ferdig (%(r)s): %(v)s") % {"r": delivery.receipt, "v": verdict_label(delivery)},
        _("Skjema %(s)s %(a)s, kvittering %(r)s.\n\n%(m)s\n\nSe rapporten: %(u)s\n")
        % {
            "s": delivery.skjema,
            "a": delivery.aar,
            "r": delivery.receipt,
            "m": f"{delivery.message} {note}".strip(),
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
        "held": _("Holdt tilbake (frysperiode)"),
    }
    return labels[delivery.verdict]


# Sweep ---------------------------------------------------------------------------------------


def delivery_sweep(*, now: datetime, stale_after: timedelta = STALE_AFTER) -> list[int]:
    """Queue again every delivery left in received/checking (worker killed, Redis lost).

    Held deliveries whose freeze window has ended are released too (the same service as the
    per-minute release). Safe to run any time: a superseded job does nothing and a second
    attempt never writes a second verdict.
    """
    from mottak.services.held import held_deliveries_release

    released = held_deliveries_release(now=now)
    ids = list(
        Delivery.objects.filter(state__in=PENDING_STATES, state_changed_at__lte=now - stale_after)
        .exclude(pk__in=released)
        .values_list("pk", flat=True)
    )
    for pk in ids:
        delivery_enqueue(delivery_id=pk)
    return released + ids


# Withdrawals and declarations ----------------------------------------------------------------


def delivery_withdraw(*, delivery: Delivery, user: User, reason: str, now: datetime) -> Delivery:
    """Staff withdraw a delivery: it no longer counts (the version is kept); the kommune is
    e-mailed with the reason."""
    if not user.is_staff:
        raise MottakError(_("Bare SSB kan trekke tilbake en leveranse."), code="forbidden")
    if not reason.strip():
        raise MottakError(_("Oppgi en begrunnelse."), code="reason")
    if delivery.withdrawn_at:
        raise MottakError(_("Leveransen er allerede trukket tilbake."), code="withdrawn")
    reason = mask_text(reason)
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
        delivery_withdrawn_notify(delivery=delivery)
    return delivery


def no_participants_declare(
    *,
    user: User,
    kommune_nr: str,
    aar: int,
    now: datetime,
    skjema: str = "11CF",
    confirmed: bool = True,
) -> NoParticipantsDeclaration:
    """The KOSTRA contact declares no KVP participants: counts as delivered for 11CF.

    Steps: check the form and the role; the page's confirmation (`confirmed`); the calendar;
    refuse while an accepted 11CF file counts; store the declaration with a receipt number
    ("E2020-4601-000007"), audit; after commit e-mail the receipt. A second declaration
    returns the first.
    """
    if skjema != "11CF":
        raise MottakError(_("«Ingen deltakere» gjelder bare skjema 11CF."), code="skjema")
    if not access.kommune_manage_allowed(user=user, kommune_nr=kommune_nr):
        raise MottakError(
            _("Bare kommunens KOSTRA-kontakt kan erklære at kommunen ikke hadde deltakere."),
            code="forbidden",
        )
    if not confirmed:
        raise MottakError(
            _("Bekreft at kommunen ikke hadde deltakere i kvalifiseringsprogrammet."),
            code="not_confirmed",
        )
    judgement = _judge(kommune_nr=kommune_nr, skjema=skjema, aar=aar, received_at=now)
    if judgement.refused:
        raise MottakError(str(judgement.message), code="refused")
    _refuse_if_a_file_counts(kommune_nr=kommune_nr, skjema=skjema, aar=aar)
    with transaction.atomic():
        existing = NoParticipantsDeclaration.objects.filter(
            kommune_nr=kommune_nr, skjema=skjema, aar=aar, withdrawn_at__isnull=True
        ).first()
        if existing:
            return existing
        decl = NoParticipantsDeclaration.objects.create(
            kommune_nr=kommune_nr, skjema=skjema, aar=aar, declared_by=user, declared_at=now
        )
        decl.receipt = f"E{aar}-{kommune_nr}-{decl.pk:06d}"
        decl.save(update_fields=["receipt"])
        audit_log(
            action="delivery.no_participants",
            actor=user,
            kommune_nr=kommune_nr,
            obj=decl,
            data={"skjema": skjema, "aar": aar, "receipt": decl.receipt},
            now=now,
        )
        pk = decl.pk
        transaction.on_commit(lambda: no_participants_email_send(declaration_id=pk), robust=True)
    return decl


def _refuse_if_a_file_counts(*, kommune_nr: str, skjema: str, aar: int) -> None:
    """An accepted file that counts cannot be replaced by "no participants"."""
    from django.utils import formats

    from mottak.selectors.deliveries import effective_deliveries_list, form_status_get

    counting = effective_deliveries_list(
        form_status_get(kommune_nr=kommune_nr, skjema=skjema, aar=aar)
    )
    if counting:
        first = counting[0]
        raise MottakError(
            _(
                "Kommunen har en godkjent %(s)s-fil fra %(dato)s (%(r)s) som gjelder, så den "
                "kan ikke erklære at den ikke hadde deltakere. Var filen feil, be SSB trekke "
                "den tilbake."
            )
            % {
                "s": skjema,
                "dato": formats.date_format(timezone.localtime(first.received_at), "d.m.Y"),
                "r": first.receipt,
            },
            code="file_counts",
        )


def no_participants_email_send(*, declaration_id: int) -> None:
    decl = NoParticipantsDeclaration.objects.select_related("declared_by").get(pk=declaration_id)
    user = decl.declared_by
    if user is None or not user.email:
        return
    send_mail(
        _("Kvittering %(r)s: ingen deltakere, skjema %(s)s %(a)s")
        % {"r": decl.receipt, "s": decl.skjema, "a": decl.aar},
        _(
            "KOSTRA-mottaket har registrert at kommune %(k)s ikke hadde deltakere i "
            "kvalifiseringsprogrammet i %(a)s (skjema %(s)s).\n\nKvitteringsnummer: %(r)s\n"
            "Erklært: %(t)s av %(u)s\n\nEn senere opplasting av %(s)s erstatter erklæringen.\n"
        )
        % {
            "k": decl.kommune_nr,
            "a": decl.aar,
            "s": decl.skjema,
            "r": decl.receipt,
            "t": timezone.localtime(decl.declared_at).strftime("%d.%m.%Y %H:%M"),
            "u": user.get_username(),
        },
        None,
        [user.email],
    )


def parts_declare(
    *, user: User, kommune_nr: str, skjema: str, aar: int, parts: list[str], now: datetime
) -> list[DeclaredPart]:
    """Declare (replace) the parts a form will be delivered in; [] means delivered whole."""
    if not access.kommune_manage_allowed(user=user, kommune_nr=kommune_nr):
        raise MottakError(
            _("Bare kommunens KOSTRA-kontakt kan melde deler for kommunen."), code="forbidden"
        )
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
