"""Machine API v1: token auth, keys, delivery, status; and the acceptance path through the
single-file encrypter, the real queue and worker, and the real control program."""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from rest_framework.test import APIClient

from mottak.models import Delivery
from mottak.services.api_keys import api_key_hash
from mottak.services.calendar import deadline_exception_grant
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import envelope, kontroll_available

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")

KRYPTER = settings.BASE_DIR / "krypter" / "kostra_krypter.py"


@pytest.fixture
def api(kontakt_bergen, api_key_for):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(kontakt_bergen)}")
    return client


@pytest.fixture
def open_for_bergen(kontakt_bergen, staff):
    """Tests run long after the 2020 round closed: SSB keeps it open for Bergen."""
    from django.utils import timezone

    now = timezone.now()
    for skjema in ("11F", "11CF"):
        deadline_exception_grant(
            kommune_nr="4601",
            skjema=skjema,
            aar=2020,
            expires_at=now + timezone.timedelta(days=1),
            reason="test",
            granted_by=staff,
            now=now,
        )


def post(api, data, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = {"skjema": "11F", "aar": "2020", **fields}
    if data is not None:
        body["file"] = SimpleUploadedFile("fil.kostra", data)
    return api.post("/api/v1/deliveries/", body, format="multipart")


def test_api_token_command_prints_a_working_token(kontakt_bergen, capsys):
    call_command("api_token", "kari")
    key = capsys.readouterr().out.strip()
    assert kontakt_bergen.api_key.key_hash == api_key_hash(key)  # stored only hashed
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/deliveries/999/").status_code == 404


def test_requests_without_token_are_refused_in_norwegian(db):
    response = APIClient().post("/api/v1/deliveries/", {})
    assert response.status_code == 401
    assert response.json() == {"error": "Mangler eller ugyldig token."}


def test_keys_lists_active_public_keys_with_fingerprints(portal_keys, db):
    data = APIClient().get("/api/v1/keys/").json()
    [key] = data["keys"]
    assert key["key_id"] == portal_keys.key_id
    assert key["pem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert len(key["fingerprint"]) == 64 and key["current"] is True and key["bits"] == 3072


def test_post_returns_202_with_receipt_and_status_url(
    api, portal_keys, open_for_bergen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = post(api, envelope(portal_keys, b"x" * 10))
    assert response.status_code == 202
    body = response.json()
    delivery = Delivery.objects.get()
    assert body == {
        "id": delivery.pk,
        "receipt": delivery.receipt,
        "status_url": f"http://testserver/api/v1/deliveries/{delivery.pk}/",
    }
    status = api.get(body["status_url"]).json()
    assert status["state"] == "received" and status["accepted"] is None
    assert status["findings"] == [] and status["summary"] == {}


@pytest.mark.parametrize(
    "data, fields, status, text",
    [
        (b"", {}, 400, "Filen er tom"),
        (b"hello", {}, 400, "ikke en kryptert KOSTRA-fil"),
        (None, {}, 400, "«file» mangler"),
        ("other_key", {}, 400, "nøkkel portalen ikke kjenner"),
        ("envelope", {"aar": "2021"}, 400, "statistikkår 2020"),
        ("envelope", {"skjema": "11CF"}, 400, "skjema 11F"),
    ],
)
def test_refused_input_gets_json_error(
    api, portal_keys, open_for_bergen, data, fields, status, text
):
    if data == "envelope":
        data = envelope(portal_keys, b"x")
    elif data == "other_key":
        data = envelope(portal_keys, b"x", public_key=portal_keys.other_key)
    response = post(api, data, **fields)
    assert response.status_code == status
    assert text in response.json()["error"]
    assert not Delivery.objects.exists()


def test_oversized_file_gets_413(api, portal_keys, open_for_bergen, settings):
    data = envelope(portal_keys, b"x" * 100)
    settings.MAX_UPLOAD_BYTES = 100
    response = post(api, data)
    assert response.status_code == 413
    assert "for stor" in response.json()["error"]


def test_other_kommunes_delivery_is_404(api, outsider, portal_keys, open_for_bergen, api_key_for):
    response = post(api, envelope(portal_keys, b"x"))
    pk = response.json()["id"]
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(outsider)}")
    response = other.get(f"/api/v1/deliveries/{pk}/")
    assert response.status_code == 404
    assert response.json() == {"error": "Finnes ikke."}


def test_schema_is_served(db):
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "/api/v1/deliveries/" in response.content.decode()


def kontroll_json(path) -> dict:
    """`manage.py kontroll --format json` on the plaintext (or, on a branch without the
    command, the same kontroll.run_control(...).as_dict() it prints)."""
    import io

    from django.core.management import get_commands

    if "kontroll" not in get_commands():
        import kontroll

        report = kontroll.run_control(
            skjema="11F", aar=2020, data=path.read_bytes(), kommune="4601"
        )
        return json.loads(json.dumps(report.as_dict()))
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "kontroll", str(path), "--skjema", "11F", "--aar", "2020", "--kommune", "4601",
            stdout=out,
        )  # fmt: skip
    return json.loads(out.getvalue())


def run_krypter(tmp_path, plaintext: bytes, key: str, *extra: str) -> bytes:
    (tmp_path / "in.txt").write_bytes(plaintext)
    result = subprocess.run(
        [sys.executable, str(KRYPTER), "--key", key, "--skjema", "11F", "--aar", "2020",
         "--kommune", "4601", *extra, str(tmp_path / "in.txt"), str(tmp_path / "out.kostra")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return (tmp_path / "out.kostra").read_bytes()


@pytest.mark.redis_queue
@pytest.mark.skipif(not kontroll_available(), reason="kontroll.run_control is not merged yet")
@pytest.mark.parametrize("mode, accepted", [("valid", True), ("random", False)])
def test_encrypter_post_poll_gives_same_findings_as_kontroll(
    api,
    portal_keys,
    open_for_bergen,
    tmp_path,
    queue,
    mode,
    accepted,
    django_capture_on_commit_callbacks,
):
    """Acceptance: kostra_krypter.py (as a subprocess) -> POST -> real queue and worker ->
    poll the status URL; the findings equal kontroll's JSON for the plaintext."""
    from rq import SimpleWorker

    from kontroll import samples

    plaintext = samples.generate_file("11F", 2020, "4601", n=40, seed=7, mode=mode)
    data = run_krypter(tmp_path, plaintext, str(portal_keys.public_pem_path))
    assert plaintext not in data
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, data)
    assert response.status_code == 202
    status_url = response.json()["status_url"]
    assert api.get(status_url).json()["state"] == "received"
    assert queue.count == 1
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    status = api.get(status_url).json()
    assert set(status) == {"state", "accepted", "message", "findings", "summary"}
    assert status["state"] == ("accepted" if accepted else "rejected")
    assert status["accepted"] is accepted
    expected = kontroll_json(tmp_path / "in.txt")
    assert status["findings"] == expected["findings"]
    assert status["summary"]["summary"] == expected["summary"]
    assert bool(status["findings"]) is (not accepted)


def test_encrypter_fetches_key_from_url(live_server, portal_keys, tmp_path):
    data = run_krypter(tmp_path, b"POST 1\r\n", f"{live_server.url}/api/v1/keys/", "--del", "nav")
    from mottak.services.envelope import envelope_parse

    parsed = envelope_parse(data)
    assert (parsed.key_id, parsed.kommune, parsed.part, parsed.aar) == (
        portal_keys.key_id, "4601", "nav", 2020,
    )  # fmt: skip


def test_encrypter_is_served_for_download(client, db):
    response = client.get("/krypter/kostra_krypter.py")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == KRYPTER.read_bytes()


def test_encrypter_refuses_short_keys(tmp_path, settings):
    from mottak.services.keys import key_pair_generate

    key_id = key_pair_generate(
        public_dir=tmp_path / "pub", private_dir=tmp_path / "priv", bits=2048
    )
    (tmp_path / "in.txt").write_bytes(b"x")
    result = subprocess.run(
        [sys.executable, str(KRYPTER), "--key", str(tmp_path / "pub" / f"{key_id}.pem"),
         "--skjema", "11F", "--aar", "2020", "--kommune", "4601", str(tmp_path / "in.txt"),
         str(tmp_path / "out")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "3072" in result.stderr
