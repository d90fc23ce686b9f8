"""Export for statistics production: effective deliveries joined, sealed to the staff key."""

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.files.base import ContentFile

from krypter import kostra_krypter
from mottak.errors import MottakError
from mottak.models import AuditEvent, DeclaredPart, Delivery, NoParticipantsDeclaration
from mottak.models.ssb import ExportState, StatisticsExport
from mottak.services.envelope import envelope_decrypt, envelope_parse
from mottak.services.ssb_export import statistics_export_build, statistics_export_request
from tests.calendar_fixtures import oslo
from tests.delivery_fixtures import portal_keys  # noqa: F401 - fixture

_n = iter(range(1, 10_000))


@pytest.fixture(scope="module")
def staff_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


@pytest.fixture
def export_settings(settings, tmp_path, staff_key):
    from cryptography.hazmat.primitives import serialization

    settings.EXPORT_KEYS_DIR = tmp_path / "export-keys"
    settings.EXPORT_DIR = tmp_path / "exports"
    settings.EXPORT_KEYS_DIR.mkdir()
    (settings.EXPORT_KEYS_DIR / "staff.pem").write_bytes(
        staff_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return settings


def stored(keys, nr, data, *, state="accepted", part="", at=None, withdrawn=False):
    """A delivery whose stored ciphertext really is `data` encrypted to the portal key."""
    import hashlib

    sealed = kostra_krypter.encrypt(
        data, keys.public_key, skjema="11F", aar=2020, kommune=nr, part=part
    )
    n = next(_n)
    d = Delivery(
        kommune_nr=nr,
        skjema="11F",
        aar=2020,
        part=part,
        state=state,
        state_changed_at=at or oslo(2021, 1, 10),
        sha256=hashlib.sha256(sealed).hexdigest(),
        size=len(sealed),
        key_id=keys.key_id,
        receipt=f"E{n:05d}",
        received_at=at or oslo(2021, 1, 10),
        accepted=state == "accepted",
        records=data.count(b"\n"),
        withdrawn_at=oslo(2021, 1, 20) if withdrawn else None,
    )
    d.ciphertext.save(f"e{n}.kostra", ContentFile(sealed), save=False)
    d.save()
    return d


@pytest.fixture
def deliveries(portal_keys, media_root, staff):  # noqa: F811
    stored(portal_keys, "4601", b"BERGEN-OLD\n", at=oslo(2021, 1, 5))
    stored(portal_keys, "4601", b"BERGEN-1\nBERGEN-2\n", at=oslo(2021, 1, 9))  # replaces
    stored(portal_keys, "5001", b"TRONDHEIM-REJECTED\n", state="rejected")
    stored(portal_keys, "1103", b"STAVANGER-WITHDRAWN\n", withdrawn=True)
    for part in ("nav", "bydel-01"):
        DeclaredPart.objects.create(
            kommune_nr="0301",
            skjema="11F",
            aar=2020,
            part=part,
            declared_by=staff,
            declared_at=oslo(2021, 1, 4),
        )
    stored(portal_keys, "0301", b"OSLO-NAV", part="nav")  # no final newline
    stored(portal_keys, "0301", b"OSLO-BYDEL\n", part="bydel-01")
    NoParticipantsDeclaration.objects.create(
        kommune_nr="3001",
        skjema="11F",
        aar=2020,
        declared_by=staff,
        declared_at=oslo(2021, 1, 6),
    )


def test_build_joins_effective_deliveries_and_seals_them(
    deliveries, export_settings, staff, staff_key, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = statistics_export_request(
            skjema="11F", aar=2020, requested_by=staff, now=oslo(2021, 3, 1)
        )
    assert len(callbacks) == 1 and export.state == ExportState.QUEUED
    export = statistics_export_build(export_id=export.pk, now=oslo(2021, 3, 1, 0, 5))
    assert export.state == ExportState.DONE
    assert (export.deliveries, export.records) == (3, 4)
    sealed = Path(export.path).read_bytes()
    assert b"BERGEN" not in sealed  # only ciphertext on disk
    assert stat.S_IMODE(Path(export.path).stat().st_mode) == 0o600
    plain = envelope_decrypt(envelope_parse(sealed), staff_key)
    assert plain == b"OSLO-BYDEL\nOSLO-NAV\nBERGEN-1\nBERGEN-2\n"
    event = AuditEvent.objects.get(action="export.built")
    assert len(event.data["receipts"]) == 3 and event.data["records"] == 4


def test_build_fails_cleanly_when_a_stored_file_was_altered(deliveries, export_settings, staff):
    d = Delivery.objects.get(kommune_nr="4601", received_at=oslo(2021, 1, 9))
    d.sha256 = "0" * 64
    d.save()
    export = StatisticsExport.objects.create(
        skjema="11F", aar=2020, requested_by=staff, created_at=oslo(2021, 3, 1)
    )
    export = statistics_export_build(export_id=export.pk)
    assert export.state == ExportState.FAILED and "endret" in export.error
    assert not list(Path(export_settings.EXPORT_DIR).glob("*.kostra"))


def test_request_needs_staff_and_an_export_key(settings, tmp_path, staff, kontakt_bergen):
    settings.EXPORT_KEYS_DIR = tmp_path / "none"
    with pytest.raises(MottakError) as exc:
        statistics_export_request(skjema="11F", aar=2020, requested_by=staff, now=oslo(2021, 3, 1))
    assert exc.value.code == "no_export_key"
    with pytest.raises(MottakError):
        statistics_export_request(
            skjema="11F", aar=2020, requested_by=kontakt_bergen, now=oslo(2021, 3, 1)
        )
    assert not StatisticsExport.objects.exists()


def test_export_page_orders_and_lists(client, staff, export_settings, redis_conn):
    client.force_login(staff)
    response = client.post("/ssb/uttrekk/", {"skjema": "11CF", "aar": 2020}, follow=True)
    assert "Uttrekket er bestilt" in response.content.decode()
    assert StatisticsExport.objects.get().skjema == "11CF"


def test_export_page_is_staff_only(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    assert client.get("/ssb/uttrekk/").status_code == 404


@pytest.mark.redis_queue
def test_export_through_the_real_queue(
    deliveries, export_settings, staff, staff_key, redis_conn, django_capture_on_commit_callbacks
):
    import django_rq
    from rq import SimpleWorker

    queue = django_rq.get_queue("bulk")  # a build never delays a kommune's verdict

    with django_capture_on_commit_callbacks(execute=True):
        export = statistics_export_request(
            skjema="11F", aar=2020, requested_by=staff, now=oslo(2021, 3, 1)
        )
    assert queue.count == 1
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    export.refresh_from_db()
    assert export.state == ExportState.DONE and export.deliveries == 3


def test_build_is_queued_on_the_bulk_queue(
    export_settings, staff, redis_conn, django_capture_on_commit_callbacks
):
    import django_rq

    with django_capture_on_commit_callbacks(execute=True):
        export = statistics_export_request(
            skjema="11F", aar=2020, requested_by=staff, now=oslo(2021, 3, 1)
        )
    bulk = django_rq.get_queue("bulk")
    [job] = bulk.get_jobs()
    assert job.args == (export.pk,) and django_rq.get_queue("default").count == 0


def test_build_reports_progress(deliveries, export_settings, staff):
    export = StatisticsExport.objects.create(
        skjema="11F", aar=2020, requested_by=staff, created_at=oslo(2021, 3, 1)
    )
    export = statistics_export_build(export_id=export.pk, now=oslo(2021, 3, 1, 0, 5))
    export.refresh_from_db()
    assert (export.progress_done, export.progress_total) == (3, 3)
