"""The portal's RSA key pairs for envelope encryption.

Key files live in two directories: PUBLIC_KEYS_DIR (read by the web process, published) and
PRIVATE_KEYS_DIR (given only to the worker). A key's id is derived from its public key, so the
id in an envelope header names exactly one key.
"""

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

KEY_BITS = 3072


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
