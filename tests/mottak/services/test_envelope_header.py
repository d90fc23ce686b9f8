"""Every header field is checked at upload (web process), with a Norwegian message naming the
fault, and nothing is stored; the worker uses the same check."""

import json
import struct

import pytest

from krypter import kostra_krypter
from mottak.errors import MottakError
from mottak.models import Delivery
from mottak.services import deliveries as svc
from mottak.services.envelope import envelope_parse
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import envelope, upload

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")

MAGIC = kostra_krypter.MAGIC


def rebuild(data: bytes, header: dict) -> bytes:
    (hlen,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    rest = data[len(MAGIC) + 4 + hlen :]
    raw = json.dumps(header).encode()
    return MAGIC + struct.pack(">I", len(raw)) + raw + rest


def header_of(data: bytes) -> dict:
    return json.loads(envelope_parse(data).header_raw)


BAD_HEADERS = [
    ({"size": -1}, "størrelsen må være et heltall som ikke er negativt"),
    ({"size": "5"}, "størrelsen må være et heltall"),
    ({"size": 5.0}, "størrelsen må være et heltall"),
    ({"size": True}, "størrelsen må være et heltall"),
    ({"size": 10**15}, "større enn det portalen tar imot"),
    ({"aar": "2020"}, "statistikkåret må være et heltall"),
    ({"aar": 1900}, "statistikkåret må være et heltall mellom 2000 og 2100"),
    ({"aar": 2020.5}, "statistikkåret"),
    ({"aar": None}, "statistikkåret"),
    ({"kommune": 4601}, "kommunenummeret må være fire sifre"),
    ({"kommune": "46011"}, "kommunenummeret"),
    ({"kommune": "../x"}, "kommunenummeret"),
    ({"skjema": "11X"}, "skjema må være ett av 11F, 11CF"),
    ({"skjema": ["11F"]}, "skjema må være ett av"),
    ({"key_id": 123}, "nøkkel-id må være 16 heksadesimale tegn"),
    ({"key_id": "../../etc/passwd"}, "nøkkel-id"),
    ({"del": 7}, "del må være tom eller små bokstaver"),
    ({"del": "NAV OG MER"}, "del må være tom"),
    ({"extra": "x"}, "ukjent felt «extra»"),
    ({"format": "1"}, "Formatversjon 1 av krypteringen støttes ikke"),
    ({"format": True}, "Formatversjon True"),
]


@pytest.mark.parametrize("change, text", BAD_HEADERS)
def test_bad_header_is_refused_at_upload_with_a_clear_message(
    kontakt_bergen, portal_keys, change, text
):
    data = envelope(portal_keys, b"x" * 5)
    bad = rebuild(data, {**header_of(data), **change})
    with pytest.raises(MottakError) as err:
        svc.submission_create(
            user=kontakt_bergen,
            kommune_nr="4601",
            skjema="11F",
            aar=2020,
            file=upload(bad),
            check_only=True,
        )
    assert text in err.value.message
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("field", ["key_id", "skjema", "aar", "kommune", "size"])
def test_missing_field_is_named(portal_keys, field):
    data = envelope(portal_keys, b"x")
    header = header_of(data)
    del header[field]
    with pytest.raises(MottakError) as err:
        envelope_parse(rebuild(data, header))
    assert err.value.code == "bad_header" and f"«{field}» mangler" in err.value.message


def test_missing_part_means_delivered_whole(portal_keys):
    data = envelope(portal_keys, b"x")
    header = header_of(data)
    del header["del"]
    assert envelope_parse(rebuild(data, header)).part == ""


@pytest.mark.parametrize("wrapped_len", [0, 16, 2000])
def test_absurd_wrapped_key_length_is_refused(portal_keys, wrapped_len):
    data = envelope(portal_keys, b"x")
    head = envelope_parse(data)
    start = len(MAGIC) + 4 + len(head.header_raw)
    bad = data[:start] + struct.pack(">H", wrapped_len) + data[start + 2 :]
    with pytest.raises(MottakError) as err:
        envelope_parse(bad)
    assert "den krypterte nøkkelen har en ugyldig lengde" in err.value.message


def test_oversized_header_length_is_not_an_envelope(portal_keys):
    data = envelope(portal_keys, b"x")
    bad = MAGIC + struct.pack(">I", 10**9) + data[len(MAGIC) + 4 :]
    with pytest.raises(MottakError) as err:
        envelope_parse(bad)
    assert err.value.code == "not_envelope"


def test_upload_page_shows_the_header_message(client, kontakt_bergen, portal_keys):
    data = envelope(portal_keys, b"x" * 5)
    bad = rebuild(data, {**header_of(data), "size": -5})
    client.force_login(kontakt_bergen)
    response = client.post(
        "/levering/last-opp/",
        {"skjema": "11F", "aar": "2020", "check_only": "1", "file": upload(bad)},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "ugyldig hode: størrelsen må være et heltall" in response.json()["error"]
