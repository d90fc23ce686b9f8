"""The envelope format (docs/envelope.md): parsing in the web process, decryption in the worker.

The web process only reads the envelope's head (magic, header, wrapped key, nonce) from a
stream and checks it against the public keys; it cannot and does not decrypt, and it never
holds the whole file in memory. `envelope_decrypt` is called by the worker alone, with the
private key loaded by `mottak.services.keys.private_key_load`.

Web process and worker validate the header with the same function (`envelope_head_read`), so
a file the upload accepted is never refused by the worker for its header.
"""

import io
import json
import re
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.utils.translation import gettext as _

from krypter.kostra_krypter import FORMAT_VERSION, MAGIC, NONCE_BYTES, SKJEMAER, TAG_BYTES
from mottak.errors import MottakError

MAX_HEADER_BYTES = 4096
# Format 1 defines exactly these header fields; "del" may be left out (delivered whole). An
# unknown field is refused: a new field means a new format version.
HEADER_FIELDS = ("format", "key_id", "skjema", "aar", "kommune", "del", "size")
OPTIONAL_FIELDS = ("del",)
PART_RE = re.compile(r"[a-z0-9-]{1,20}")
KEY_ID_RE = re.compile(r"[0-9a-f]{16}")
KOMMUNE_RE = re.compile(r"\d{4}")
YEARS = (2000, 2100)
# RSA-OAEP output is as long as the key: 384 bytes for 3072 bits; 2048-8192-bit keys allowed.
WRAPPED_KEY_BYTES = (256, 1024)


@dataclass(frozen=True)
class Envelope:
    header_raw: bytes
    format: int
    key_id: str
    skjema: str
    aar: int
    kommune: str
    part: str
    size: int
    wrapped_key: bytes
    nonce: bytes
    # Where the ciphertext (AES-GCM output: ciphertext followed by the 16-byte tag) starts.
    ciphertext_offset: int
    # None when only the head was read from a stream (the web process).
    ciphertext: bytes | memoryview | None = None


def _not_envelope() -> MottakError:
    return MottakError(
        _(
            "Filen er ikke en kryptert KOSTRA-fil. Krypter filen i nettleseren på "
            "leveringssiden eller med kostra_krypter.py før du laster den opp."
        ),
        code="not_envelope",
    )


def _truncated() -> MottakError:
    return MottakError(
        _("Den krypterte filen er ufullstendig (avkortet). Krypter og last opp filen på nytt."),
        code="truncated",
    )


def _bad_header(problem: str) -> MottakError:
    return MottakError(
        _(
            "Den krypterte filen har et ugyldig hode: %(problem)s. Krypter filen på nytt i "
            "nettleseren eller med den nyeste kostra_krypter.py."
        )
        % {"problem": problem},
        code="bad_header",
    )


def envelope_refusal_for_head(head: bytes) -> MottakError | None:
    """The refusal for the first bytes of a file, if they already show it is no envelope.

    Used by the upload handler on the first chunk, before anything is written anywhere.
    """
    if head.startswith(MAGIC) or MAGIC.startswith(head):
        return None
    return _not_envelope()


def _read_exact(fh, n: int) -> bytes:
    data: bytes = fh.read(n)
    if len(data) < n:
        raise _truncated()
    return data


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _header_fields(header_raw: bytes) -> dict:
    """The header's fields, every one checked for presence, type and range."""
    try:
        header = json.loads(header_raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _not_envelope() from None
    if not isinstance(header, dict) or "format" not in header:
        raise _not_envelope()
    version = header["format"]
    if version != FORMAT_VERSION or not _is_int(version):
        raise MottakError(
            _("Formatversjon %(v)s av krypteringen støttes ikke. Hent ny krypteringsfil.")
            % {"v": str(version)[:20]},
            code="format_version",
        )
    unknown = sorted(k for k in header if k not in HEADER_FIELDS)
    if unknown:
        raise _bad_header(_("ukjent felt «%(f)s»") % {"f": unknown[0][:40]})
    for name in HEADER_FIELDS:
        if name not in header and name not in OPTIONAL_FIELDS:
            raise _bad_header(_("feltet «%(f)s» mangler") % {"f": name})
    key_id, skjema, aar = header["key_id"], header["skjema"], header["aar"]
    kommune, part, size = header["kommune"], header.get("del", ""), header["size"]
    if not isinstance(key_id, str) or not KEY_ID_RE.fullmatch(key_id):
        raise _bad_header(_("nøkkel-id må være 16 heksadesimale tegn"))
    if not isinstance(skjema, str) or skjema not in SKJEMAER:
        raise _bad_header(_("skjema må være ett av %(s)s") % {"s": ", ".join(SKJEMAER)})
    if not _is_int(aar) or not YEARS[0] <= aar <= YEARS[1]:
        raise _bad_header(_("statistikkåret må være et heltall mellom %(a)s og %(b)s") % {
            "a": YEARS[0], "b": YEARS[1]})  # fmt: skip
    if not isinstance(kommune, str) or not KOMMUNE_RE.fullmatch(kommune):
        raise _bad_header(_("kommunenummeret må være fire sifre i anførselstegn"))
    if not isinstance(part, str) or (part and not PART_RE.fullmatch(part)):
        raise _bad_header(_("del må være tom eller små bokstaver, sifre og bindestrek"))
    if not _is_int(size) or size < 0:
        raise _bad_header(_("størrelsen må være et heltall som ikke er negativt"))
    return {
        "format": version,
        "key_id": key_id,
        "skjema": skjema,
        "aar": aar,
        "kommune": kommune,
        "part": part,
        "size": size,
    }


def envelope_head_read(fh, *, total_size: int, max_size: int | None = None) -> Envelope:
    """Read and check an envelope's head from the binary stream `fh` (at its start).

    `total_size` is the length of the whole envelope; the ciphertext must be exactly `size`
    + 16 bytes after the head. `max_size`: the largest plaintext accepted (the upload limit).
    Reads at most a few kilobytes; the ciphertext is left in the stream.
    """
    if total_size == 0:
        raise MottakError(_("Filen er tom."), code="empty")
    head = fh.read(len(MAGIC))
    if head != MAGIC:
        raise envelope_refusal_for_head(head) or _truncated()
    (header_len,) = struct.unpack(">I", _read_exact(fh, 4))
    if header_len == 0 or header_len > MAX_HEADER_BYTES:
        raise _not_envelope()
    header_raw = _read_exact(fh, header_len)
    fields = _header_fields(header_raw)
    (wrapped_len,) = struct.unpack(">H", _read_exact(fh, 2))
    if not WRAPPED_KEY_BYTES[0] <= wrapped_len <= WRAPPED_KEY_BYTES[1]:
        raise _bad_header(_("den krypterte nøkkelen har en ugyldig lengde (%(n)s byte)") % {
            "n": wrapped_len})  # fmt: skip
    wrapped_key = _read_exact(fh, wrapped_len)
    nonce = _read_exact(fh, NONCE_BYTES)
    offset = len(MAGIC) + 4 + header_len + 2 + wrapped_len + NONCE_BYTES
    if max_size is not None and fields["size"] > max_size:
        raise _bad_header(
            _("oppgitt filstørrelse %(n)s byte er større enn det portalen tar imot")
            % {"n": fields["size"]}
        )
    expected = offset + fields["size"] + TAG_BYTES
    if total_size < expected:
        raise _truncated()
    if total_size > expected:
        raise _not_envelope()
    return Envelope(
        header_raw=header_raw,
        wrapped_key=wrapped_key,
        nonce=nonce,
        ciphertext_offset=offset,
        **fields,
    )


def envelope_parse(data: bytes) -> Envelope:
    """The whole envelope from bytes (the worker): the head checked as on upload, and a view
    of the ciphertext (no copy)."""
    head = envelope_head_read(io.BytesIO(data), total_size=len(data))
    return Envelope(
        **{**head.__dict__, "ciphertext": memoryview(data)[head.ciphertext_offset :]},
    )


def envelope_decrypt(envelope: Envelope, private_key) -> bytes:
    """Plaintext of the envelope, in memory. Raises MottakError if it cannot be opened."""
    if envelope.ciphertext is None:
        raise ValueError("envelope_decrypt needs the ciphertext (use envelope_parse)")
    try:
        file_key = private_key.decrypt(
            envelope.wrapped_key,
            padding.OAEP(
                mgf=padding.MGF1(algorithm=hashes.SHA256()),
                algorithm=hashes.SHA256(),
                label=None,
            ),
        )
        return AESGCM(file_key).decrypt(envelope.nonce, envelope.ciphertext, envelope.header_raw)
    except (ValueError, InvalidTag):
        raise MottakError(
            _(
                "Filen kunne ikke dekrypteres: den er skadet eller endret etter krypteringen. "
                "Krypter og last opp filen på nytt."
            ),
            code="decrypt_failed",
        ) from None
