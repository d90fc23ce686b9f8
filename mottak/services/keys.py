"""The portal's RSA key pairs for envelope encryption.

Key files live in two directories: PUBLIC_KEYS_DIR (read by the web process, published) and
PRIVATE_KEYS_DIR (given only to the worker). A key's id is derived from its public key, so the
id in an envelope header names exactly one key.
"""

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.utils.translation import gettext as _

KEY_BITS = 3072


def rsa_public_key_load(pem: bytes) -> rsa.RSAPublicKey:
    """The RSA public key in a PEM file; every key of the portal is RSA (key_pair_generate)."""
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("not an RSA public key")
    return key


def rsa_private_key_load(pem: bytes) -> rsa.RSAPrivateKey:
    """The RSA private key in an unencrypted PEM file."""
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("not an RSA private key")
    return key


def public_key_fingerprint(public_pem: bytes) -> str:
    """SHA-256 of the DER SubjectPublicKeyInfo, as colon-free lowercase hex."""
    key = serialization.load_pem_public_key(public_pem)
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def key_id_for(public_pem: bytes) -> str:
    return public_key_fingerprint(public_pem)[:16]


def key_pair_generate(
    *, public_dir: Path | None = None, private_dir: Path | None = None, bits: int = KEY_BITS
) -> str:
    """Generate a key pair, write both PEM files and return the key id."""
    public_dir = public_dir or settings.PUBLIC_KEYS_DIR
    private_dir = private_dir or settings.PRIVATE_KEYS_DIR
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    key_id = key_id_for(public_pem)
    public_dir.mkdir(parents=True, exist_ok=True)
    private_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    private_path = private_dir / f"{key_id}.pem"
    private_path.write_bytes(
        private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    private_path.chmod(0o600)
    (public_dir / f"{key_id}.pem").write_bytes(public_pem)
    return key_id


def public_key_ids(*, public_dir: Path | None = None) -> list[str]:
    public_dir = public_dir or settings.PUBLIC_KEYS_DIR
    if not public_dir.is_dir():
        return []
    return sorted(p.stem for p in public_dir.glob("*.pem"))


@dataclass(frozen=True)
class PublicKeyInfo:
    key_id: str
    pem: str
    fingerprint: str
    bits: int
    current: bool


def public_keys_list(*, public_dir: Path | None = None) -> list[PublicKeyInfo]:
    """The active public keys. The newest file is "current": the one encrypters should use.

    Several keys can be active at once (rotation): an envelope made with any of them is taken.
    """
    public_dir = public_dir or settings.PUBLIC_KEYS_DIR
    if not public_dir.is_dir():
        return []
    paths = sorted(public_dir.glob("*.pem"), key=lambda p: (p.stat().st_mtime, p.stem))
    keys = []
    for index, path in enumerate(reversed(paths)):
        pem = path.read_bytes()
        key = rsa_public_key_load(pem)
        keys.append(
            PublicKeyInfo(
                key_id=path.stem,
                pem=pem.decode("ascii"),
                fingerprint=public_key_fingerprint(pem),
                bits=key.key_size,
                current=index == 0,
            )
        )
    return keys


def public_key_get(key_id: str) -> PublicKeyInfo | None:
    return next((k for k in public_keys_list() if k.key_id == key_id), None)


def private_key_load(key_id: str) -> rsa.RSAPrivateKey:
    """Load a private key. Only the worker calls this (the web process has no private keys).

    Raises MottakError when the key is not there, e.g. it was retired.
    """
    from mottak.errors import MottakError

    if not re.fullmatch(r"[0-9a-f]{16}", key_id):
        raise MottakError(_("Ukjent nøkkel-id i filen."), code="unknown_key")
    path = Path(settings.PRIVATE_KEYS_DIR) / f"{key_id}.pem"
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise MottakError(
            _("Nøkkelen filen er kryptert med, finnes ikke lenger. Krypter filen på nytt."),
            code="unknown_key",
        ) from None
    return _private_key_parsed(pem)


@lru_cache(maxsize=16)
def _private_key_parsed(pem: bytes) -> rsa.RSAPrivateKey:
    # Parsing (with the key's consistency checks) takes about 0.1 s; the file is still read
    # for every job, so a retired (deleted) key stops working at once.
    return rsa_private_key_load(pem)


def private_keys_preload() -> int:
    """Parse every private key once, in a forking worker before its first job (the work horses
    inherit them); returns how many."""
    folder = Path(settings.PRIVATE_KEYS_DIR)
    paths = sorted(folder.glob("*.pem")) if folder.is_dir() else []
    for path in paths:
        _private_key_parsed(path.read_bytes())
    return len(paths)
