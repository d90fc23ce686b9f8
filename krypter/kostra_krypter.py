#!/usr/bin/env python3
"""kostra_krypter: encrypt a KOSTRA file (11F, 11CF) for delivery to SSB's KOSTRA mottak.

Needs only Python 3.9+ and the `cryptography` package (pip install cryptography).

    python kostra_krypter.py --key KEY.pem|URL [--fingerprint SHA256] --skjema 11F \
        --aar 2020 --kommune 4601 [--del nav] INPUT OUTPUT

--key is the portal's public key: a PEM file, or a URL (the portal's /api/v1/keys/ or a
.pem address). The output is an envelope in the format described in the portal's
docs/envelope.md: a header (format version, key id, skjema, year, kommune, part), the file
encrypted with a fresh AES-256-GCM key (the header is associated data) and that key wrapped
with RSA-OAEP-SHA256. Only SSB's worker can decrypt it. Nothing is sent anywhere.

--fingerprint pins the portal's key: the SHA-256 fingerprint shown on the portal's key page
(/nokler/). A key with another fingerprint is refused and nothing is written. A key fetched
from a URL has its fingerprint printed (on stderr); plain http is warned about except on
localhost, since anyone on the way could swap the key.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import struct
import sys
import urllib.request

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"KOSTRA-ENVELOPE\n"
FORMAT_VERSION = 1
NONCE_BYTES = 12
TAG_BYTES = 16
MIN_RSA_BITS = 3072
SKJEMAER = ("11F", "11CF")


def key_id_for(public_key: rsa.RSAPublicKey) -> str:
    """First 16 hex digits of the SHA-256 of the DER SubjectPublicKeyInfo."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()[:16]


def header_bytes(
    *, key_id: str, skjema: str, aar: int, kommune: str, part: str, size: int
) -> bytes:
    header = {
        "format": FORMAT_VERSION,
        "key_id": key_id,
        "skjema": skjema,
        "aar": aar,
        "kommune": kommune,
        "del": part,
        "size": size,
    }
    return json.dumps(header, separators=(",", ":"), sort_keys=True).encode("ascii")


def encrypt(
    data: bytes,
    public_key: rsa.RSAPublicKey,
    *,
    skjema: str,
    aar: int,
    kommune: str,
    part: str = "",
) -> bytes:
    """Return the envelope for `data`."""
    header = header_bytes(
        key_id=key_id_for(public_key),
        skjema=skjema,
        aar=aar,
        kommune=kommune,
        part=part,
        size=len(data),
    )
    file_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(file_key).encrypt(nonce, data, header)
    wrapped = public_key.encrypt(
        file_key,
        padding.OAEP(
            mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
        ),
    )
    return b"".join(
        [
            MAGIC,
            struct.pack(">I", len(header)),
            header,
            struct.pack(">H", len(wrapped)),
            wrapped,
            nonce,
            ciphertext,
        ]
    )


def fingerprint_for(public_key: rsa.RSAPublicKey) -> str:
    """SHA-256 (hex) of the DER SubjectPublicKeyInfo: the portal's "fingerprint"."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed or pasted: optional "SHA256:" prefix, colons, spaces, any case."""
    value = re.sub(r"^sha-?256:", "", text.strip().lower())
    value = re.sub(r"[\s:]", "", value)
    if not re.fullmatch(r"[0-9a-f]{64}", value):
        raise ValueError("fingeravtrykket må være 64 heksadesimale tegn (SHA-256)")
    return value


def _load_pem(body: bytes) -> rsa.RSAPublicKey:
    key = serialization.load_pem_public_key(body)
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < MIN_RSA_BITS:
        raise ValueError("nøkkelen må være en offentlig RSA-nøkkel på minst 3072 bit")
    return key


def insecure_url(source: str) -> bool:
    """True for a plain http URL to anything but this machine."""
    match = re.match(r"^http://(\[[^\]]*\]|[^/:?#]*)", source, re.I)
    if not match:
        return False
    host = match.group(1).strip("[]").lower()
    return host not in ("localhost", "127.0.0.1", "::1") and not host.startswith("127.")


def load_public_key(source: str, fingerprint: str | None = None) -> rsa.RSAPublicKey:
    """A PEM file, a URL of a PEM file, or a URL of the portal's JSON list of keys.

    With `fingerprint`, only a key with that SHA-256 fingerprint is accepted (from a JSON list,
    the active key that has it); anything else raises ValueError.
    """
    pinned = normalise_fingerprint(fingerprint) if fingerprint else None
    if re.match(r"^https?://", source, re.I):
        with urllib.request.urlopen(source, timeout=30) as response:  # noqa: S310
            body = response.read()
        if body.lstrip().startswith(b"-----BEGIN"):
            candidates = [_load_pem(body)]
        else:
            keys = json.loads(body.decode("utf-8"))["keys"]
            current = [k for k in keys if k.get("current")] or keys
            ordered = current + [k for k in keys if k not in current]
            candidates = [_load_pem(k["pem"].encode("ascii")) for k in ordered]
    else:
        with open(source, "rb") as fh:
            candidates = [_load_pem(fh.read())]
    if pinned is None:
        return candidates[0]
    for key in candidates:
        if fingerprint_for(key) == pinned:
            return key
    raise ValueError(
        "nøkkelen har et annet fingeravtrykk enn --fingerprint "
        f"({fingerprint_for(candidates[0])}); sjekk fingeravtrykket på portalens nøkkelside"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kostra_krypter.py",
        description="Krypter en KOSTRA-fil for levering til SSB.",
    )
    parser.add_argument("--key", required=True, help="offentlig nøkkel: PEM-fil eller URL")
    parser.add_argument(
        "--fingerprint",
        help="SHA-256-fingeravtrykket til portalens nøkkel (fra nøkkelsiden); "
        "en nøkkel med et annet fingeravtrykk avvises",
    )
    parser.add_argument("--skjema", required=True, choices=SKJEMAER)
    parser.add_argument("--aar", required=True, type=int, help="statistikkår, f.eks. 2020")
    parser.add_argument("--kommune", required=True, help="kommunenummer, fire sifre")
    parser.add_argument("--del", dest="part", default="", help="del (f.eks. nav), valgfritt")
    parser.add_argument("input", help="filen som skal krypteres")
    parser.add_argument("output", help="hvor den krypterte filen skal skrives")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"\d{4}", args.kommune):
        parser.error("kommunenummeret må ha fire sifre")
    if not 2000 <= args.aar <= 2100:
        parser.error("ugyldig statistikkår")
    if not re.fullmatch(r"[a-z0-9-]{0,20}", args.part):
        parser.error("delen kan bare ha små bokstaver, sifre og bindestrek")
    from_url = re.match(r"^https?://", args.key, re.I) is not None
    if from_url and insecure_url(args.key):
        print(
            "ADVARSEL: nøkkelen hentes over ukryptert http. Hvem som helst på veien kan bytte "
            "den ut. Bruk https, eller oppgi --fingerprint fra portalens nøkkelside.",
            file=sys.stderr,
        )
    try:
        key = load_public_key(args.key, args.fingerprint)
    except (OSError, ValueError, KeyError) as err:
        print(f"Kunne ikke lese nøkkelen: {err}", file=sys.stderr)
        return 2
    if from_url:
        print(
            f"Bruker nøkkel {key_id_for(key)} fra {args.key}, "
            f"fingeravtrykk (SHA-256) {fingerprint_for(key)}.",
            file=sys.stderr,
        )
    with open(args.input, "rb") as fh:
        data = fh.read()
    if not data:
        print("Filen er tom.", file=sys.stderr)
        return 2
    envelope = encrypt(
        data, key, skjema=args.skjema, aar=args.aar, kommune=args.kommune, part=args.part
    )
    with open(args.output, "wb") as fh:
        fh.write(envelope)
    print(f"Skrev {args.output} ({len(envelope)} byte, nøkkel {key_id_for(key)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
