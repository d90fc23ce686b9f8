"""Authentication and throttling of the machine API (DRF).

`ApiKeyAuthentication` reads `Authorization: Token <key>` (the header of the published
contract) and looks the key up by its hash (mottak.services.api_keys). A wrong, expired or
inactive user's key counts against the caller's IP address (`BadTokenThrottle`); past the
limit even a right key is refused until the window has passed, so keys cannot be guessed.
Uploads are limited per user (`UploadThrottle`). Rates: REST_FRAMEWORK's
DEFAULT_THROTTLE_RATES, set from API_BAD_TOKENS_PER_MINUTE and API_UPLOADS_PER_MINUTE.
"""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from redis.exceptions import RedisError
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from mottak.services.api_keys import api_key_get_valid, api_key_mark_used

KEYWORD = "Token"
logger = logging.getLogger(__name__)


class _FailOpenThrottle(SimpleRateThrottle):
    """The counters live in the shared cache (Redis with CACHE_URL). While it is unreachable
    the request is let through and logged: an outage of the counters must never refuse a
    delivery (the upload itself does not need Redis, docs/reliability.md)."""

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except (RedisError, OSError):
            logger.warning("throttle %s: cache unavailable, request let through", self.scope)
            return True


class BadTokenThrottle(_FailOpenThrottle):
    """Failed key lookups per client IP address."""

    scope = "bad_token"
    # Set by SimpleRateThrottle.__init__ from the "bad_token" rate (always configured).
    num_requests: int
    duration: int

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def blocked(self, request) -> float | None:
        """Seconds to wait when this IP has used up its failures, else None (records nothing)."""
        self.key = self.get_cache_key(request, None)
        try:
            self.history = self.cache.get(self.key, [])
        except (RedisError, OSError):
            logger.warning("throttle %s: cache unavailable, request let through", self.scope)
            return None
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            return self.wait() or 1.0
        return None

    def record_failure(self, request) -> float | None:
        """Count one failure; seconds to wait if that used up the allowance."""
        # No view here: get_cache_key above does not use it.
        if self.allow_request(request, None):
            return None
        return self.wait() or 1.0


class UploadThrottle(_FailOpenThrottle, UserRateThrottle):
    """Deliveries per user per minute through the API."""

    scope = "upload"


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        throttle = BadTokenThrottle()
        wait = throttle.blocked(request)
        if wait is not None:
            raise exceptions.Throttled(wait=wait)
        raw = parts[1].decode("ascii", "replace") if len(parts) == 2 else ""
        key = api_key_get_valid(raw=raw, now=timezone.now())
        if key is None:
            wait = throttle.record_failure(request)
            if wait is not None:
                raise exceptions.Throttled(wait=wait)
            raise exceptions.AuthenticationFailed(_("Mangler eller ugyldig token."))
        api_key_mark_used(key=key, now=timezone.now())
        return key.user, key

    def authenticate_header(self, request):
        return KEYWORD


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The key scheme in the OpenAPI document (drf-spectacular finds it by its target)."""

    target_class = "mottak.api_auth.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Authorization: Token <nøkkel>` (nøkkelen fra profilsiden).",
        }
