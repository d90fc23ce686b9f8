"""Export for statistics production: the combined file of a form's effective accepted deliveries.

Staff ask for it on a page (`statistics_export_request`); the worker builds it
(`statistics_export_build`): it decrypts each effective delivery in memory, joins the records
and encrypts the result to SSB's staff export key (same envelope format as deliveries), and
writes only that envelope, with mode 0600, under EXPORT_DIR. Plaintext never touches disk.

Settings (read with defaults under VAR_DIR): EXPORT_KEYS_DIR holds the staff public key(s)
(`<key id>.pem`; the newest file is used), EXPORT_DIR receives the envelopes.
"""

import hashlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from krypter.kostra_krypter import encrypt
from mottak.errors import MottakError
from mottak.models import Delivery, User
from mottak.models.ssb import ExportState, StatisticsExport
from mottak.services import keys
from mottak.services.audit import audit_log
from mottak.services.envelope import envelope_decrypt, envelope_parse

EXPORT_KOMMUNE = "0000"  # the envelope header's kommune for a national file
EXPORT_PART = "uttrekk"


def export_keys_dir() -> Path:
    return Path(getattr(settings, "EXPORT_KEYS_DIR", settings.VAR_DIR / "keys" / "export"))


def export_dir() -> Path:
    return Path(getattr(settings, "EXPORT_DIR", settings.VAR_DIR / "exports"))


def export_public_key():
    """The staff public key to encrypt exports to; MottakError when none is installed."""
    candidates = sorted(export_keys_dir().glob("*.pem"), key=lambda p: p.stat().st_mtime)
    if not candidates:
        raise MottakError(
            _(
                "Ingen nøkkel for uttrekk er installert. Be driften legge SSBs offentlige nøkkel "
                "for uttrekk i EXPORT_KEYS_DIR."
            ),
            code="no_export_key",
        )
    return serialization.load_pem_public_key(candidates[-1].read_bytes())


@transaction.atomic
def statistics_export_request(
    *, skjema: str, aar: int, requested_by: User, now: datetime
) -> StatisticsExport:
    """Record the request, audit it and queue the build once the transaction commits."""
    if not requested_by.is_staff:
        raise MottakError(_("Bare SSB kan bestille uttrekk."), code="not_staff")
    if skjema not in ("11F", "11CF"):
        raise MottakError(_("Uttrekk finnes bare for 11F og 11CF."), code="skjema")
    export_public_key()  # refuse at once rather than fail in the worker
    export = StatisticsExport.objects.create(
        skjema=skjema, aar=aar, requested_by=requested_by, created_at=now
    )
    audit_log(
        action="export.requested",
        actor=requested_by,
        obj=export,
        data={"skjema": skjema, "aar": aar},
        now=now,
    )
    from mottak.jobs import statistics_export_build as statistics_export_build_job

    pk = export.pk
    transaction.on_commit(lambda: statistics_export_build_job.delay(pk))
    return export


def effective_deliveries(*, aar: int, skjema: str) -> list:
    """Every effective accepted delivery: one per kommune, or one per declared part."""
    from mottak.selectors.deliveries import DELIVERED_STATES, form_status_list

    result: list[Delivery] = []
    for status in form_status_list(aar=aar, skjema=skjema):
        if status.state not in DELIVERED_STATES:
            continue
        result.extend(p.effective for p in status.parts if p.effective is not None)
    return sorted(result, key=lambda d: (d.kommune_nr, d.part, d.pk))


def _plaintext(delivery, private_key_loader: Callable) -> bytes:
    with delivery.ciphertext.open("rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != delivery.sha256:
        raise MottakError(
            _("Den lagrede filen for kvittering %(r)s er endret etter mottak.")
            % {"r": delivery.receipt},
            code="sha256",
        )
    envelope = envelope_parse(data)
    return envelope_decrypt(envelope, private_key_loader(envelope.key_id))


def _write_private(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    tmp.replace(path)


def statistics_export_build(
    *,
    export_id: int,
    now: datetime | None = None,
    private_key_loader: Callable = keys.private_key_load,
) -> StatisticsExport:
    """Build one export (worker only; rerunnable).

    Steps:
    1. mark it running;
    2. list the effective accepted deliveries of the form and year (M4's form status);
    3. decrypt each in memory and join the records (each file ends with a newline);
    4. encrypt the whole to the staff export key and write the envelope (0600) to EXPORT_DIR;
    5. mark it done with counts and the key id, audit the receipts it contains.
    The finish time is the clock after the build (unless `now` fixes the time, as in tests).
    A MottakError (missing key, altered file) marks it failed with the message.
    """
    fixed = now
    now = started = now or timezone.now()
    export = StatisticsExport.objects.get(pk=export_id)
    export.state = ExportState.RUNNING
    export.error = ""
    export.save(update_fields=["state", "error"])
    try:
        public_key = export_public_key()
        deliveries = effective_deliveries(aar=export.aar, skjema=export.skjema)
        _progress(export, done=0, total=len(deliveries))
        chunks = []
        step = max(1, len(deliveries) // 50)
        for n, delivery in enumerate(deliveries, start=1):
            data = _plaintext(delivery, private_key_loader)
            chunks.append(data if data.endswith(b"\n") or not data else data + b"\n")
            if n % step == 0 or n == len(deliveries):
                _progress(export, done=n, total=len(deliveries))
        combined = b"".join(chunks)
        del chunks
        sealed = encrypt(
            combined,
            public_key,
            skjema=export.skjema,
            aar=export.aar,
            kommune=EXPORT_KOMMUNE,
            part=EXPORT_PART,
        )
        records = combined.count(b"\n")
        del combined
        path = export_dir() / f"{export.skjema}-{export.aar}-{export.pk}.kostra"
        _write_private(path, sealed)
    except MottakError as err:
        export.state = ExportState.FAILED
        export.error = err.message
        export.finished_at = now = fixed or timezone.now()
        export.save(update_fields=["state", "error", "finished_at"])
        audit_log(action="export.failed", obj=export, data={"code": err.code}, now=now)
        return export
    export.state = ExportState.DONE
    export.finished_at = now = fixed or timezone.now()
    export.path = str(path)
    export.deliveries = len(deliveries)
    export.records = records
    export.key_id = sealed_key_id(public_key)
    export.save()
    audit_log(
        action="export.built",
        obj=export,
        data={
            "skjema": export.skjema,
            "aar": export.aar,
            "receipts": [d.receipt for d in deliveries],
            "records": records,
            "key_id": export.key_id,
            "started_at": started.isoformat(),
            "finished_at": now.isoformat(),
        },
        now=now,
    )
    return export


def _progress(export: StatisticsExport, *, done: int, total: int) -> None:
    """Record how far the build has come, for the export page (a single-row update; at most
    about 50 per build)."""
    StatisticsExport.objects.filter(pk=export.pk).update(progress_done=done, progress_total=total)
    export.progress_done, export.progress_total = done, total


def sealed_key_id(public_key) -> str:
    from krypter.kostra_krypter import key_id_for

    return key_id_for(public_key)
