"""Demo deliveries for statistics year 2020, so SSB's overview and statistics have content.

Only run by `manage.py demo_data` on a development machine. Every kommune valid in 2020 except
the demo kommuner (4601, 0301: left empty for a newcomer to try) gets a deterministic share of
states: accepted, accepted with warnings, rejected, late, in control, missing; 11CF gets
deliveries, declarations of no participants, or nothing; one kommune delivers 11F in declared
parts and one part is missing. Files are synthetic (kontroll.samples), encrypted to the portal's
public key and stored like any upload, with receipt times in January 2021; the real control
program judges them (in this process when the private key is readable, else by the worker).
NAV figures are uploaded for the 11CF kommuner, a few of them off by more than the tolerance.
"""

import hashlib
import logging
from datetime import datetime, timedelta
from functools import cache

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from krypter.kostra_krypter import encrypt
from mottak.errors import MottakError
from mottak.models import (
    DeclaredPart,
    Delivery,
    DeliveryState,
    Kommune,
    NoParticipantsDeclaration,
    Role,
    User,
)
from mottak.models.ssb import NavImport
from mottak.services import keys
from mottak.services.calendar import OSLO
from mottak.services.deliveries import delivery_enqueue, submission_run_control
from mottak.services.ssb_nav import nav_counts_import

logger = logging.getLogger(__name__)

AAR = 2020
RECEIPT_PREFIX = "DEMO2020-"
SKIPPED = {"4601", "0301"}  # the demo accounts' kommuner: a newcomer delivers those
PARTS_KOMMUNE = "5001"


def _at(day: int, n: int) -> datetime:
    return datetime(AAR + 1, 1, day, 8 + n % 9, (7 * n) % 60, tzinfo=OSLO)


@cache
def _warning_templates(skjema: str) -> tuple[str, ...]:
    """Records that give warnings but no errors, found once by asking kontroll."""
    from kontroll import run_control, samples

    found: list[str] = []
    for seed in range(50):
        for record in samples.generate_records(
            skjema, AAR, "1103", n=20, seed=seed, mode="random", random_share=0.03
        ):
            report = run_control(
                skjema=skjema, aar=AAR, data=samples.encode_file([record]), kommune="1103"
            )
            if report.accepted and report.findings:
                found.append(record)
                if len(found) == 6:
                    return tuple(found)
    return tuple(found)


def _warning_records(skjema: str, kommune: str, seed: int) -> list[str]:
    """Two warning-only records, rewritten to `kommune` (kontroll judges the result anyway)."""
    from kontroll import samples

    templates = _warning_templates(skjema)
    picked = [templates[(seed + k) % len(templates)] for k in range(2)] if templates else []
    return [samples.set_field(r, skjema, AAR, "KOMMUNE_NR", kommune) for r in picked]


def _file(skjema: str, kommune: str, kind: str, n: int, seed: int) -> bytes:
    from kontroll import samples

    if kind == "random":
        records = samples.generate_records(
            skjema, AAR, kommune, n=n, seed=seed, mode="random", random_share=0.05
        )
    else:
        records = samples.generate_records(skjema, AAR, kommune, n=n, seed=seed)
        if kind == "warnings":
            records += _warning_records(skjema, kommune, seed)
    return samples.encode_file(records)


def _uploader(kommune_nr: str) -> User:
    """A system account of the kommune's case-handling system (no password, no e-mail)."""
    user, created = User.objects.get_or_create(
        username=f"demo-fagsystem-{kommune_nr}",
        defaults={"kommune_nr": kommune_nr, "role": Role.NAV, "last_name": "Fagsystem"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _store(
    *, public_key, key_id: str, kommune_nr: str, skjema: str, data: bytes, at: datetime, part=""
) -> Delivery:
    sealed = encrypt(data, public_key, skjema=skjema, aar=AAR, kommune=kommune_nr, part=part)
    n = Delivery.objects.filter(receipt__startswith=RECEIPT_PREFIX).count() + 1
    delivery = Delivery(
        kommune_nr=kommune_nr,
        skjema=skjema,
        aar=AAR,
        part=part,
        state=DeliveryState.RECEIVED,
        state_changed_at=at,
        sha256=hashlib.sha256(sealed).hexdigest(),
        size=len(sealed),
        key_id=key_id,
        receipt=f"{RECEIPT_PREFIX}{n:05d}",
        uploaded_by=_uploader(kommune_nr),
        received_at=at,
        late=at.date() > datetime(AAR + 1, 1, 15).date(),
    )
    delivery.ciphertext.save(f"{delivery.receipt}.kostra", ContentFile(sealed), save=False)
    delivery.save()
    return delivery


def _plan(index: int) -> tuple[str | None, str | None]:
    """(11F kind, 11CF kind) for the index-th kommune: deterministic variety."""
    f11 = {
        0: "valid",
        1: "valid",
        2: "warnings",
        3: "valid",
        4: "random",
        5: "valid",
        6: "late",
        7: "warnings",
        8: None,
        9: "pending",
    }[index % 10]
    cf = {0: "valid", 1: "none", 2: None, 3: "warnings", 4: "valid", 5: "none"}[index % 6]
    return f11, cf


def ssb_demo_deliveries_create(*, now: datetime) -> dict[str, int]:
    """Create the 2020 demo deliveries once (skipped when they exist); returns counts."""
    if Delivery.objects.filter(receipt__startswith=RECEIPT_PREFIX).exists():
        return {"deliveries": 0}
    key_ids = keys.public_key_ids()
    if not key_ids:
        return {"deliveries": 0}  # no portal key yet (`manage.py dev_keys` makes one)
    key_id = key_ids[0]
    public_key = serialization.load_pem_public_key(
        (settings.PUBLIC_KEYS_DIR / f"{key_id}.pem").read_bytes()
    )
    try:
        keys.private_key_load(key_id)
        control_here = True
    except MottakError:
        control_here = False  # the worker has the private key; it controls them
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    created: list[Delivery] = []
    nav_rows = ["kommune;deltakere"]
    kommuner = [
        k for k in Kommune.objects.valid_in(AAR).order_by("nummer") if k.nummer not in SKIPPED
    ]
    with transaction.atomic():
        for i, kommune in enumerate(kommuner):
            nr = kommune.nummer
            f11, cf = _plan(i)
            n = 4 + (i * 7) % 17
            if nr == PARTS_KOMMUNE:
                for part in ("nav", "flyktning"):
                    DeclaredPart.objects.get_or_create(
                        kommune_nr=nr,
                        skjema="11F",
                        aar=AAR,
                        part=part,
                        defaults={"declared_by": staff, "declared_at": _at(4, i)},
                    )
                data = _file("11F", nr, "valid", n, i)
                created.append(
                    _store(
                        public_key=public_key,
                        key_id=key_id,
                        kommune_nr=nr,
                        skjema="11F",
                        data=data,
                        at=_at(11, i),
                        part="nav",
                    )
                )
            elif f11 is not None:
                day = {"late": 18 + i % 6, "pending": 22}.get(f11, 5 + i % 10)
                kind = "valid" if f11 in ("late", "pending") else f11
                delivery = _store(
                    public_key=public_key,
                    key_id=key_id,
                    kommune_nr=nr,
                    skjema="11F",
                    data=_file("11F", nr, kind, n, i),
                    at=_at(day, i),
                )
                if f11 != "pending":
                    created.append(delivery)
            if cf == "none":
                NoParticipantsDeclaration.objects.create(
                    kommune_nr=nr,
                    skjema="11CF",
                    aar=AAR,
                    declared_by=staff,
                    declared_at=_at(6 + i % 8, i),
                )
                if i % 12 == 1:
                    nav_rows.append(f"{nr};{1 + i % 3}")  # NAV disagrees: flagged
            elif cf is not None:
                participants = 2 + i % 14
                created.append(
                    _store(
                        public_key=public_key,
                        key_id=key_id,
                        kommune_nr=nr,
                        skjema="11CF",
                        data=_file(
                            "11CF", nr, "valid" if cf == "valid" else "warnings", participants, i
                        ),
                        at=_at(7 + i % 8, i),
                    )
                )
                # Most agree with NAV; every fifth is off by more than the tolerance.
                nav_rows.append(f"{nr};{participants + (9 if i % 5 == 0 else i % 2)}")
    if control_here:
        _control(created)
    else:  # the worker has the private key
        for delivery in created:
            delivery_enqueue(delivery_id=delivery.pk)
    if staff is not None and not NavImport.objects.filter(aar=AAR).exists():
        nav_counts_import(
            aar=AAR,
            content="\n".join(nav_rows).encode(),
            uploaded_by=staff,
            now=now,
            filename="demo-nav-2020.csv",
        )
    return {"deliveries": len(created), "controlled_here": int(control_here)}


def _control(deliveries: list[Delivery]) -> None:
    """Run M4's control in this process: one key load and one commit for them all."""
    loader = cache(keys.private_key_load)
    with transaction.atomic():  # SQLite would otherwise fsync twice per delivery
        for delivery in deliveries:
            submission_run_control(
                private_key_loader=loader,
                delivery_id=delivery.pk,
                now=delivery.received_at + timedelta(minutes=2),
            )
