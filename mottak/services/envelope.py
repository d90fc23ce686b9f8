"""The envelope format (docs/envelope.md): parsing in the web process, decryption in the worker.

The web process only parses and checks the envelope against the public keys; it cannot and
does not decrypt. `envelope_decrypt` is called by the worker alone, with the private key
loaded by `mottak.services.keys.private_key_load`.
"""

import json
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.utils.translation import gettext as _

from krypter.kostra_krypter import FORMAT_VERSION, MAGIC, NONCE_BYTES, TAG_BYTES
from mottak.errors import MottakError

MAX_HEADER_BYTES = 4096


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
    ciphertext: bytes  # AES-GCM output: ciphertext followed by the 16-byte tag


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


def envelope_parse(data: bytes) -> Envelope:
    """Split an envelope into its parts, checking structure only (no keys, no decryption)."""
    if not data:
        raise MottakError(_("Filen er tom."), code="empty")
    if not data.startswith(MAGIC):
        if MAGIC.startswith(data):
            raise _truncated()
        raise _not_envelope()
    pos = len(MAGIC)
    if len(data) < pos + 4:
        raise _truncated()
    (header_len,) = struct.unpack(">I", data[pos : pos + 4])
    pos += 4
    if header_len == 0 or header_len > MAX_HEADER_BYTES:
        raise _not_envelope()
    if len(data) < pos + header_len + 2:
        raise _truncated()
    header_raw = data[pos : pos + header_len]
    pos += header_len
    try:
        header = json.loads(header_raw.decode("utf-8"))
        version = header["format"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise _not_envelope() from None
    if version != FORMAT_VERSION:
        raise MottakError(
            _("Formatversjon %(v)s av krypteringen støttes ikke. Hent ny krypteringsfil.")
            % {"v": version},
            code="format_version",
        )
    try:
        fields = {
            "key_id": str(header["key_id"]),
            "skjema": str(header["skjema"]),
            "aar": int(header["aar"]),
            "kommune": str(header["kommune"]),
            "part": str(header.get("del", "")),
            "size": int(header["size"]),
        }
    except (KeyError, TypeError, ValueError):
        raise _not_envelope() from None
    (wrapped_len,) = struct.unpack(">H", data[pos : pos + 2])
    pos += 2
    if len(data) < pos + wrapped_len + NONCE_BYTES:
        raise _truncated()
    wrapped_key = data[pos : pos + wrapped_len]
    pos += wrapped_len
    nonce = data[pos : pos + NONCE_BYTES]
    pos += NONCE_BYTES
    ciphertext = data[pos:]
    expected = fields["size"] + TAG_BYTES
    if len(ciphertext) < expected:
        raise _truncated()
    if len(ciphertext) > expected:
        raise _not_envelope()
    return Envelope(
        header_raw=header_raw,
        format=version,
        wrapped_key=wrapped_key,
        nonce=nonce,
        ciphertext=ciphertext,
        **fields,
    )


def envelope_decrypt(envelope: Envelope, private_key) -> bytes:
    """Plaintext of the envelope, in memory. Raises MottakError if it cannot be opened."""
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
