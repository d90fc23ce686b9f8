"""API keys: created, shown once, stored only as a SHA-256 hash, with a name and an expiry.

One key per user: a new key replaces the old one (the profile page says so). The keys are 160
random bits, so a fast hash is enough: there is nothing to guess that a slow hash would
protect (unlike passwords).
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from mottak.models import ApiKey, User
from mottak.services.audit import audit_log

PREFIX_LENGTH = 8


def api_key_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def api_key_create(
    *,
    user: User,
    name: str,
    now: datetime,
    otp_verified: bool = False,
    valid_days: int | None = None,
) -> tuple[ApiKey, str]:
    """A new key for `user`, replacing any old one. Returns the stored row and the clear key,
    which exists only in this return value (show it once, never store it).

    `otp_verified`: the key is made from a session with a verified second factor (see
    ApiKey.otp_verified)."""
    raw = secrets.token_hex(20)
    days = valid_days if valid_days is not None else settings.API_KEY_VALID_DAYS
    with transaction.atomic():
        ApiKey.objects.filter(user=user).delete()
        key = ApiKey.objects.create(
            user=user,
            name=(name or "").strip()[:100] or "API",
            key_hash=api_key_hash(raw),
            prefix=raw[:PREFIX_LENGTH],
            created_at=now,
            expires_at=now + timedelta(days=days),
            otp_verified=otp_verified,
        )
        audit_log(
            action="token.created",
            actor=user,
            kommune_nr=user.kommune_nr,
            obj=key,
            data={"name": key.name, "expires_at": key.expires_at.isoformat()},
            now=now,
        )
    return key, raw


def api_key_revoke(*, user: User, now: datetime) -> None:
    with transaction.atomic():
        ApiKey.objects.filter(user=user).delete()
        audit_log(action="token.revoked", actor=user, kommune_nr=user.kommune_nr, now=now)


def api_keys_delete_for_user(*, user: User) -> int:
    """Every path that deactivates a user calls this (the service, /brukere/, the admin)."""
    deleted, _ = ApiKey.objects.filter(user=user).delete()
    return deleted


def api_key_mark_used(*, key: ApiKey, now: datetime) -> None:
    """Remember when a key was last used, at most once an hour (no write per request)."""
    if key.last_used_at is None or now - key.last_used_at > timedelta(hours=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)


def api_key_get_valid(*, raw: str, now: datetime) -> ApiKey | None:
    """The key if it exists, has not expired, belongs to an active user and - for staff while
    STAFF_REQUIRE_OTP is on - was made from a session with a verified second factor."""
    if not raw or len(raw) > 200:
        return None
    key = ApiKey.objects.select_related("user").filter(key_hash=api_key_hash(raw)).first()
    if key is None or key.expires_at <= now or not key.user.is_active:
        return None
    if key.user.is_staff and settings.STAFF_REQUIRE_OTP and not key.otp_verified:
        return None
    return key
