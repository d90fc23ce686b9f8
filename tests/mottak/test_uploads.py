"""Request bodies are refused before they cost disk or memory: the size limit on
Content-Length for every URL, and the envelope-only upload handler on the upload page and the
API (a plaintext file is refused at its first bytes and never spooled to a temporary file)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from krypter.kostra_krypter import MAGIC
from mottak import uploads
from mottak.models import Delivery
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import envelope

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")

PLAINTEXT = b"0301" + b"12087949328" * 50 + b"\r\n"  # an id number, as a real file would


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


@pytest.fixture
def spooled(monkeypatch, settings, tmp_path):
    """Every temporary upload file the envelope handler creates (in its own directory)."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "spool")
    (tmp_path / "spool").mkdir()
    created = []

    class Recording(uploads.TemporaryUploadedFile):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            created.append(self)

    monkeypatch.setattr(uploads, "TemporaryUploadedFile", Recording)
    return created


def post_upload(client, data: bytes, **extra):
    body = {"skjema": "11F", "aar": "2020", "del": "", "check_only": "1"}
    body["file"] = SimpleUploadedFile("fil.kostra", data)
    return client.post(reverse("mottak:upload"), body, HTTP_ACCEPT="application/json", **extra)


@pytest.mark.parametrize("path", ["/logg-inn/", "/levering/last-opp/", "/admin/login/", "/"])
def test_anonymous_200_mb_post_is_refused_unread_on_every_url(client, path):
    response = client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "Største tillatte størrelse er 50 MB" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_api_too_large_answers_json(client):
    response = client.generic(
        "POST",
        "/api/v1/deliveries/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert response.json() == {"error": "Filen er for stor. Største tillatte størrelse er 50 MB."}


def test_limit_follows_max_upload_bytes(client, settings):
    settings.MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    response = client.generic(
        "POST",
        "/api/v1/deliveries/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(12 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413 and "er 10 MB" in response.json()["error"]


def test_other_bodies_are_limited_to_the_form_size(client, settings):
    response = client.generic(
        "POST",
        "/logg-inn/",
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413


def test_plaintext_upload_is_refused_without_touching_disk(
    client, kontakt_bergen, portal_keys, spooled, tmp_path
):
    client.force_login(kontakt_bergen)
    response = post_upload(client, PLAINTEXT)
    assert response.status_code == 400
    assert "ikke en kryptert KOSTRA-fil" in response.json()["error"]
    assert spooled == [] and list((tmp_path / "spool").iterdir()) == []
    assert not Delivery.objects.exists()


def test_plaintext_upload_through_the_api_is_refused_without_touching_disk(
    kontakt_bergen, portal_keys, spooled, tmp_path, api_key_for
):
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(kontakt_bergen)}")
    response = api.post(
        "/api/v1/deliveries/",
        {"skjema": "11F", "aar": "2020", "file": SimpleUploadedFile("a.txt", PLAINTEXT)},
        format="multipart",
    )
    assert response.status_code == 400 and "ikke en kryptert" in response.json()["error"]
    assert spooled == [] and not Delivery.objects.exists()


def test_envelope_streams_to_a_temporary_file_and_is_stored(
    client, kontakt_bergen, portal_keys, spooled, media_root
):
    client.force_login(kontakt_bergen)
    data = envelope(portal_keys, PLAINTEXT)
    response = post_upload(client, data)
    assert response.status_code == 200, response.content
    delivery = Delivery.objects.get()
    assert len(spooled) == 1
    assert delivery.size == len(data) and delivery.ciphertext.read() == data
    assert PLAINTEXT not in delivery.ciphertext.open("rb").read()


def test_streaming_cap_stops_an_oversized_envelope(
    client, kontakt_bergen, portal_keys, spooled, settings
):
    settings.MAX_UPLOAD_BYTES = 64 * 1024
    client.force_login(kontakt_bergen)
    response = post_upload(client, MAGIC + b"\0" * (200 * 1024))
    assert response.status_code == 413
    assert "Største tillatte størrelse er 1 MB" in response.json()["error"]
    assert not Delivery.objects.exists()
    assert all(f.closed for f in spooled)


@pytest.mark.parametrize(
    "data, code_text",
    [(b"", "Filen er tom"), (MAGIC[:5], "ufullstendig"), (b"KOS", "ufullstendig")],
)
def test_files_shorter_than_the_magic_are_refused(
    client, kontakt_bergen, portal_keys, spooled, data, code_text
):
    client.force_login(kontakt_bergen)
    response = post_upload(client, data)
    assert response.status_code == 400 and code_text in response.json()["error"]
    assert spooled == []


def test_anonymous_upload_is_redirected_before_the_body_is_read(client):
    response = client.generic(
        "POST",
        reverse("mottak:upload"),
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH="1000",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_upload_without_csrf_token_is_refused(kontakt_bergen, portal_keys):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(kontakt_bergen)
    response = post_upload(client, envelope(portal_keys, PLAINTEXT))
    assert response.status_code == 403
    assert not Delivery.objects.exists()
