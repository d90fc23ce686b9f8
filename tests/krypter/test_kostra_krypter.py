"""kostra_krypter.py pins the portal's key with --fingerprint, prints the fingerprint of a key
fetched from a URL, and warns when the key comes over plain http from another machine."""

import io
import json

import pytest

from krypter import kostra_krypter
from mottak.services.envelope import envelope_parse
from mottak.services.keys import public_key_fingerprint
from tests.delivery_fixtures import *  # noqa: F403


@pytest.fixture
def files(tmp_path):
    source = tmp_path / "uttrekk.txt"
    source.write_bytes(b"4601 data\r\n")
    return source, tmp_path / "uttrekk.enc"


def _run(portal_keys, files, *extra, key=None):
    source, out = files
    argv = ["--key", key or str(portal_keys.public_pem_path), "--skjema", "11F", "--aar",
            "2020", "--kommune", "4601", *extra, str(source), str(out)]  # fmt: skip
    return kostra_krypter.main(argv)


def test_fingerprint_is_the_portals(portal_keys):
    pem = portal_keys.public_pem_path.read_bytes()
    assert kostra_krypter.fingerprint_for(portal_keys.public_key) == public_key_fingerprint(pem)


def test_matching_fingerprint_encrypts(portal_keys, files, capsys):
    fp = kostra_krypter.fingerprint_for(portal_keys.public_key)
    assert _run(portal_keys, files, "--fingerprint", fp) == 0
    assert envelope_parse(files[1].read_bytes()).key_id == portal_keys.key_id


@pytest.mark.parametrize("style", [str.upper, lambda f: "SHA256:" + f, lambda f: ":".join(
    f[i : i + 2] for i in range(0, 64, 2))])  # fmt: skip
def test_fingerprint_may_be_pasted_in_common_forms(portal_keys, files, style):
    fp = kostra_krypter.fingerprint_for(portal_keys.public_key)
    assert _run(portal_keys, files, "--fingerprint", style(fp)) == 0


def test_other_fingerprint_is_refused_and_nothing_is_written(portal_keys, files, capsys):
    other = kostra_krypter.fingerprint_for(portal_keys.other_key)
    assert _run(portal_keys, files, "--fingerprint", other) == 2
    assert "annet fingeravtrykk" in capsys.readouterr().err
    assert not files[1].exists()


def test_malformed_fingerprint_is_refused(portal_keys, files, capsys):
    assert _run(portal_keys, files, "--fingerprint", "abc") == 2
    assert "64 heksadesimale tegn" in capsys.readouterr().err


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.fixture
def portal_url(monkeypatch, portal_keys):
    """urlopen answers the portal's JSON list of keys (a retired key first, then current)."""
    from cryptography.hazmat.primitives import serialization

    def pem(key):
        return key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()

    body = json.dumps({"keys": [
        {"key_id": "old", "pem": pem(portal_keys.other_key), "current": False},
        {"key_id": portal_keys.key_id, "pem": pem(portal_keys.public_key), "current": True},
    ]}).encode()  # fmt: skip
    opened = []

    def urlopen(url, timeout=None):
        opened.append(url)
        return FakeResponse(body)

    monkeypatch.setattr(kostra_krypter.urllib.request, "urlopen", urlopen)
    return opened


def test_key_from_url_prints_its_fingerprint(portal_keys, files, portal_url, capsys):
    url = "https://kostra-mottak.ssb.no/api/v1/keys/"
    assert _run(portal_keys, files, key=url) == 0
    err = capsys.readouterr().err
    assert kostra_krypter.fingerprint_for(portal_keys.public_key) in err
    assert "ADVARSEL" not in err and portal_url == [url]


@pytest.mark.parametrize(
    "url, warned",
    [
        ("http://kostra-mottak.ssb.no/api/v1/keys/", True),
        ("http://10.0.0.5:8000/api/v1/keys/", True),
        ("HTTP://example.org/x.pem", True),
        ("http://127.0.0.1:8000/api/v1/keys/", False),
        ("http://localhost:8000/api/v1/keys/", False),
        ("http://[::1]:8000/api/v1/keys/", False),
        ("https://kostra-mottak.ssb.no/api/v1/keys/", False),
    ],
)
def test_plain_http_outside_localhost_is_warned_about(
    portal_keys, files, portal_url, capsys, url, warned
):
    assert _run(portal_keys, files, key=url) == 0
    assert ("ADVARSEL: nøkkelen hentes over ukryptert http" in capsys.readouterr().err) == warned


def test_pinned_key_is_chosen_from_the_list_and_another_is_refused(
    portal_keys, files, portal_url, capsys
):
    url = "https://kostra-mottak.ssb.no/api/v1/keys/"
    old = kostra_krypter.fingerprint_for(portal_keys.other_key)
    # Pinning a key that is still listed but not current uses that key (rotation).
    assert _run(portal_keys, files, "--fingerprint", old, key=url) == 0
    assert envelope_parse(files[1].read_bytes()).key_id == kostra_krypter.key_id_for(
        portal_keys.other_key
    )
    files[1].unlink()
    assert _run(portal_keys, files, "--fingerprint", "ab" * 32, key=url) == 2
    assert not files[1].exists()
