"""Fixtures for the delivery tests: portal keys, envelopes, a round open for 2020 and a
stand-in for the control program where a test is about mottak's bookkeeping, not kontroll.

Import the fixtures in a test module with
`from tests.delivery_fixtures import *  # noqa: F403`.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.files.uploadedfile import SimpleUploadedFile

from krypter import kostra_krypter

OSLO_TZ = ZoneInfo("Europe/Oslo")
# Inside the 2020 round: after reception opens (4 Jan 2021), before the deadline (15 Jan).
JAN_10 = datetime(2021, 1, 10, 12, 0, tzinfo=OSLO_TZ)


@cache
def _private_key(n: int = 0) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


@dataclass
class PortalKeys:
    key_id: str
    public_key: rsa.RSAPublicKey
    public_pem_path: object
    other_key: rsa.RSAPublicKey  # a valid key the portal does not know


def write_key_pair(private_key, public_dir, private_dir) -> str:
    from mottak.services.keys import key_id_for

    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    key_id = key_id_for(public_pem)
    public_dir.mkdir(parents=True, exist_ok=True)
    private_dir.mkdir(parents=True, exist_ok=True)
    (public_dir / f"{key_id}.pem").write_bytes(public_pem)
    (private_dir / f"{key_id}.pem").write_bytes(
        private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return key_id


@pytest.fixture
def portal_keys(settings, tmp_path) -> PortalKeys:
    """A 3072-bit key pair (generated once per session) in temporary key directories."""
    settings.PUBLIC_KEYS_DIR = tmp_path / "keys" / "public"
    settings.PRIVATE_KEYS_DIR = tmp_path / "keys" / "private"
    key = _private_key(0)
    key_id = write_key_pair(key, settings.PUBLIC_KEYS_DIR, settings.PRIVATE_KEYS_DIR)
    return PortalKeys(
        key_id=key_id,
        public_key=key.public_key(),
        public_pem_path=settings.PUBLIC_KEYS_DIR / f"{key_id}.pem",
        other_key=_private_key(1).public_key(),
    )


def envelope(
    keys: PortalKeys,
    data: bytes,
    *,
    skjema="11F",
    aar=2020,
    kommune="4601",
    part="",
    public_key=None,
) -> bytes:
    return kostra_krypter.encrypt(
        data,
        public_key or keys.public_key,
        skjema=skjema,
        aar=aar,
        kommune=kommune,
        part=part,
    )


def upload(data: bytes, name: str = "fil.kostra") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def round_2020(db):
    """The standard 2020 round (opens 4 Jan 2021, 11F/11CF due 15 Jan 2021)."""
    from mottak.services.calendar import reporting_round_create_standard

    return reporting_round_create_standard(aar=2020)


# A stand-in for kontroll.run_control in tests about mottak's own bookkeeping, returning a real
# kontroll Report: each line of the plaintext is a record; a record containing "FEIL" gets an
# ERROR, "VARSEL" a WARNING.


@pytest.fixture
def fake_kontroll(monkeypatch):
    calls = []

    from kontroll.findings import Finding, Severity
    from kontroll.report import Report

    def finding(rule: str, severity: Severity, n: int, message: str) -> Finding:
        return Finding(rule, severity, n, f"J{n}", "", (), message)

    def run(*, skjema, aar, data, kommune, bydel):
        calls.append({"skjema": skjema, "aar": aar, "kommune": kommune, "bydel": bydel})
        lines = data.decode("latin-1").splitlines()
        findings = []
        for n, line in enumerate(lines, start=1):
            if "FEIL" in line:
                findings.append(finding("012", Severity.ERROR, n, "feil"))
            if "VARSEL" in line:
                findings.append(finding("030", Severity.WARNING, n, "varsel"))
        return Report(
            skjema=skjema,
            aar=aar,
            kommune=kommune,
            bydel=bydel,
            records=len(lines),
            findings=findings,
        )

    monkeypatch.setattr("mottak.services.deliveries.kontroll_run", run)
    return calls


def kontroll_available() -> bool:
    try:
        import kontroll

        return hasattr(kontroll, "run_control")
    except ImportError:
        return False


def samples_available() -> bool:
    try:
        from kontroll import samples  # noqa: F401

        return True
    except ImportError:
        return False


def finding_make(
    rule: str,
    severity: str,
    line: int | None,
    journal_number: str,
    caseworker: str = "",
    fields: tuple[str, ...] | list[str] = (),
    message: str = "",
    values: dict | None = None,
):
    """A real kontroll Finding with the given values (for tests that set findings directly)."""
    from kontroll.findings import Finding, Severity

    return Finding(
        rule, Severity[severity], line, journal_number, caseworker, tuple(fields), message,
        dict(values or {}),
    )  # fmt: skip


def report_make(findings: list, records: int, *, skjema: str = "11F", aar: int = 2020):
    """A real kontroll Report holding `findings` (see finding_make)."""
    from kontroll.report import Report

    return Report(
        skjema=skjema, aar=aar, kommune="4601", bydel=None, records=records, findings=findings
    )


def controlled_with_findings(*, user, portal_keys, monkeypatch, findings: list, records: int):
    """A check-only 11F 2020 delivery of `user`'s kommune, controlled now, whose kontroll run
    gave exactly `findings` (see finding_make); refreshed from the database."""
    from mottak.services import deliveries as svc

    monkeypatch.setattr(svc, "kontroll_run", lambda **kw: report_make(findings, records=records))
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = svc.submission_create(
        user=user, kommune_nr=user.kommune_nr, skjema="11F", aar=2020,
        file=upload(envelope(portal_keys, b"x")), check_only=True,
    )  # fmt: skip
    svc.submission_run_control(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery
