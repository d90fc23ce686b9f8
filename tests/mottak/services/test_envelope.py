"""The envelope format: kostra_krypter's output parses and decrypts; malformed ones are refused."""

import json
import struct

import pytest

from krypter import kostra_krypter
from mottak.errors import MottakError
from mottak.services.envelope import envelope_decrypt, envelope_parse
from mottak.services.keys import key_id_for, private_key_load
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import envelope


def rebuild(data: bytes, header: dict) -> bytes:
    """The envelope with another header (same key and ciphertext)."""
    magic = kostra_krypter.MAGIC
    (hlen,) = struct.unpack(">I", data[len(magic) : len(magic) + 4])
    rest = data[len(magic) + 4 + hlen :]
    raw = json.dumps(header).encode()
    return magic + struct.pack(">I", len(raw)) + raw + rest


def test_round_trip_with_header_fields(portal_keys, db):
    data = envelope(portal_keys, "Æøå\r\n".encode("latin-1"), skjema="11CF", part="nav")
    parsed = envelope_parse(data)
    assert (parsed.format, parsed.key_id, parsed.skjema, parsed.aar, parsed.kommune) == (
        1, portal_keys.key_id, "11CF", 2020, "4601",
    )  # fmt: skip
    assert parsed.part == "nav" and parsed.size == 5
    assert envelope_decrypt(parsed, private_key_load(parsed.key_id)) == "Æøå\r\n".encode("latin-1")


def test_key_id_is_the_same_in_encrypter_and_portal(portal_keys):
    pem = portal_keys.public_pem_path.read_bytes()
    assert kostra_krypter.key_id_for(portal_keys.public_key) == key_id_for(pem)


def test_unknown_format_version_is_refused(portal_keys):
    data = envelope(portal_keys, b"x")
    header = json.loads(envelope_parse(data).header_raw)
    with pytest.raises(MottakError) as err:
        envelope_parse(rebuild(data, {**header, "format": 2}))
    assert err.value.code == "format_version" and "Formatversjon 2" in err.value.message


@pytest.mark.parametrize(
    "header, code",
    [
        ({"format": 1}, "bad_header"),
        ({"format": 1, "key_id": "a", "aar": "x"}, "bad_header"),
        (["not", "an", "object"], "not_envelope"),
    ],
)
def test_header_missing_fields_is_refused(portal_keys, header, code):
    with pytest.raises(MottakError) as err:
        envelope_parse(rebuild(envelope(portal_keys, b"x"), header))
    assert err.value.code == code


def test_trailing_bytes_are_refused(portal_keys):
    with pytest.raises(MottakError) as err:
        envelope_parse(envelope(portal_keys, b"x") + b"extra")
    assert err.value.code == "not_envelope"


def test_changed_header_fails_decryption(portal_keys, db):
    data = envelope(portal_keys, b"x")
    header = json.loads(envelope_parse(data).header_raw)
    forged = envelope_parse(rebuild(data, {**header, "kommune": "5001"}))
    with pytest.raises(MottakError) as err:
        envelope_decrypt(forged, private_key_load(forged.key_id))
    assert err.value.code == "decrypt_failed"
