"""The audit trail: every state change and staff action, with structured data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who did what, when, to which object. `data` holds ids and values, never sentences.

    Rows are written by `mottak.services.audit.audit_log` and never edited.
    """

    created_at = models.DateTimeField(_("tidspunkt"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utført av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("handling"), max_length=64, db_index=True)
    kommune_nr = models.CharField(_("kommunenummer"), max_length=4, blank=True, db_index=True)
    object_type = models.CharField(_("objekttype"), max_length=64, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("hendelse")
        verbose_name_plural = _("revisjonslogg")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
