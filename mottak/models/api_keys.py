"""API keys for case-handling systems: only a hash is stored, the key is shown once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """One key per user (a new key replaces the old). `key_hash` is the SHA-256 of the key;
    `prefix` (its first characters) lets the user recognise it on the profile page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_key"
    )
    name = models.CharField(_("navn"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("begynner med"), max_length=8)
    created_at = models.DateTimeField(_("laget"))
    expires_at = models.DateTimeField(_("utløper"))
    last_used_at = models.DateTimeField(_("sist brukt"), null=True, blank=True)
    # Created from a session with a verified second factor: only such keys of staff users
    # are accepted while STAFF_REQUIRE_OTP is on (the key must not bypass the second factor).
    otp_verified = models.BooleanField(_("laget med bekreftet engangskode"), default=False)

    class Meta:
        verbose_name = _("API-nøkkel")
        verbose_name_plural = _("API-nøkler")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
