"""The mail outbox: every e-mail the portal sends, stored in the sender's transaction and sent
by a worker job with retries (mottak.mail.OutboxBackend, mottak.services.mail)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailState(models.TextChoices):
    PENDING = "pending", _("Ikke sendt")
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Kunne ikke sendes")


class OutgoingMail(models.Model):
    """One message as the caller built it. Mail bodies hold receipts, verdicts and links,
    never a file's contents; the portal sends no attachments."""

    created_at = models.DateTimeField(_("opprettet"), db_index=True)
    state = models.CharField(
        _("status"), max_length=8, choices=MailState.choices, default=MailState.PENDING
    )
    from_email = models.CharField(_("fra"), max_length=254)
    to = models.JSONField(_("til"), default=list)
    cc = models.JSONField(_("kopi"), default=list, blank=True)
    bcc = models.JSONField(_("blindkopi"), default=list, blank=True)
    reply_to = models.JSONField(_("svar til"), default=list, blank=True)
    subject = models.CharField(_("emne"), max_length=998)
    body = models.TextField(_("tekst"), blank=True)
    # [[content, mimetype], ...] (e.g. an HTML version) and extra headers, as given.
    alternatives = models.JSONField(_("alternativer"), default=list, blank=True)
    headers = models.JSONField(_("hoder"), default=dict, blank=True)
    attempts = models.PositiveIntegerField(_("forsøk"), default=0)
    next_attempt_at = models.DateTimeField(_("neste forsøk"), db_index=True)
    last_error = models.CharField(_("siste feil"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-post")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
