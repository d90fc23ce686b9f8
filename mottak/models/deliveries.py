"""Deliveries of encrypted files, their control reports and the kommune's declarations.

Every upload is kept (all versions, with who and when). Which delivery counts for a kommune,
skjema, year and part is decided by `mottak.selectors.deliveries` (the effective delivery is
the latest accepted one that is neither withdrawn nor a check-only run).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryState(models.TextChoices):
    RECEIVED = "received", _("Mottatt")
    CHECKING = "checking", _("Under kontroll")
    ACCEPTED = "accepted", _("Godkjent")
    REJECTED = "rejected", _("Avvist")
    FAILED = "failed", _("Kunne ikke kontrolleres")


PENDING_STATES = (DeliveryState.RECEIVED, DeliveryState.CHECKING)
FINAL_STATES = (DeliveryState.ACCEPTED, DeliveryState.REJECTED, DeliveryState.FAILED)


def ciphertext_path(instance: "Delivery", filename: str) -> str:
    return f"leveranser/{instance.aar}/{instance.kommune_nr}/{filename}"


class Delivery(models.Model):
    """One uploaded envelope. The storage holds only ciphertext; plaintext is never saved."""

    kommune_nr = models.CharField(_("kommunenummer"), max_length=4, db_index=True)
    bydel = models.CharField(_("bydel"), max_length=2, blank=True)
    skjema = models.CharField(_("skjema"), max_length=8)
    aar = models.PositiveSmallIntegerField(_("statistikkår"))
    part = models.CharField(
        _("del"), max_length=20, blank=True, help_text=_("Tom når skjemaet leveres samlet.")
    )
    state = models.CharField(
        _("status"), max_length=12, choices=DeliveryState.choices, default=DeliveryState.RECEIVED
    )
    state_changed_at = models.DateTimeField(_("status endret"))
    ciphertext = models.FileField(_("kryptert fil"), upload_to=ciphertext_path, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("størrelse (byte)"))
    key_id = models.CharField(_("nøkkel-id"), max_length=64)
    receipt = models.CharField(_("kvitteringsnummer"), max_length=40, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("levert av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    received_at = models.DateTimeField(_("mottatt"), db_index=True)
    checked_at = models.DateTimeField(_("kontrollert"), null=True, blank=True)
    accepted = models.BooleanField(_("godkjent"), null=True)
    with_warnings = models.BooleanField(_("med advarsler"), default=False)
    records = models.PositiveIntegerField(_("antall poster"), null=True, blank=True)
    message = models.TextField(_("melding"), blank=True)
    late = models.BooleanField(_("levert etter fristen"), default=False)
    held_until = models.DateTimeField(_("holdt tilbake til"), null=True, blank=True)
    check_only = models.BooleanField(_("bare kontroll"), default=False)
    withdrawn_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trukket tilbake av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_reason = models.TextField(_("begrunnelse for tilbaketrekking"), blank=True)
    attempts = models.PositiveIntegerField(_("kontrollforsøk"), default=0)

    class Meta:
        verbose_name = _("leveranse")
        verbose_name_plural = _("leveranser")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["aar", "skjema", "kommune_nr", "part"]),
            models.Index(fields=["state", "state_changed_at"]),
        ]

    def __str__(self) -> str:
        return self.receipt or f"{self.kommune_nr} {self.skjema} {self.aar}"

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def verdict(self) -> str:
        """A stable code for the outcome, used by the status page and the API."""
        if self.state == DeliveryState.ACCEPTED:
            return "accepted_with_warnings" if self.with_warnings else "accepted"
        return str(self.state)


class Report(models.Model):
    """The control report of one delivery. Written in one transaction with the verdict."""

    delivery = models.OneToOneField(
        Delivery, verbose_name=_("leveranse"), on_delete=models.CASCADE, related_name="report"
    )
    created_at = models.DateTimeField(_("opprettet"))
    accepted = models.BooleanField(_("godkjent"))
    records = models.PositiveIntegerField(_("antall poster"), default=0)
    # Counts per severity and the statistics summary of kontroll (numbers only, no records).
    summary = models.JSONField(_("sammendrag"), default=dict, blank=True)

    class Meta:
        verbose_name = _("kontrollrapport")
        verbose_name_plural = _("kontrollrapporter")

    def __str__(self) -> str:
        return f"{self.delivery_id}"


class Severity(models.TextChoices):
    """kontroll.Severity by name; FATAL and ERROR block acceptance."""

    FATAL = "FATAL", _("Kritisk feil")
    ERROR = "ERROR", _("Feil")
    WARNING = "WARNING", _("Advarsel")
    INFO = "INFO", _("Info")


SEVERITY_ORDER = {"FATAL": 0, "ERROR": 1, "WARNING": 2, "INFO": 3}


class Finding(models.Model):
    """One finding of a report. Line and journal number, never a national id number."""

    report = models.ForeignKey(
        Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="findings"
    )
    rule = models.CharField(_("kontroll"), max_length=16, db_index=True)
    severity = models.CharField(_("alvorlighet"), max_length=8, choices=Severity.choices)
    line = models.PositiveIntegerField(_("linje"), null=True, blank=True)
    journal_number = models.CharField(_("journalnummer"), max_length=40, blank=True)
    caseworker = models.CharField(_("saksbehandler"), max_length=40, blank=True)
    fields = models.JSONField(_("felt"), default=list, blank=True)
    # Rendered sentence of findings stored before message ids; new findings keep it empty and
    # hold kontroll's message id and values instead (rendered when shown: text()).
    message = models.TextField(_("melding"), blank=True)
    values = models.JSONField(_("verdier"), default=dict, blank=True)
    message_id = models.CharField(_("meldings-id"), max_length=80, blank=True)
    params = models.JSONField(_("meldingsverdier"), default=dict, blank=True)

    class Meta:
        verbose_name = _("funn")
        verbose_name_plural = _("funn")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.rule} {self.severity} {self.line or ''}"

    def text(self, language: str | None = None) -> str:
        """The message in the given or active language."""
        from mottak.kontroll_text import finding_message

        return finding_message(self, language)

    def as_dict(self) -> dict:
        """The same object as one finding of `kontroll`'s JSON (report.as_dict()["findings"]),
        the message in the active language."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "line": self.line,
            "journal_number": self.journal_number,
            "caseworker": self.caseworker,
            "fields": list(self.fields),
            "message": self.text(),
            "values": dict(self.values),
            "message_id": self.message_id,
            "params": dict(self.params),
        }


class DeclaredPart(models.Model):
    """A part a kommune will deliver separately (e.g. NAV office and refugee office)."""

    kommune_nr = models.CharField(_("kommunenummer"), max_length=4)
    skjema = models.CharField(_("skjema"), max_length=8)
    aar = models.PositiveSmallIntegerField(_("statistikkår"))
    part = models.CharField(_("del"), max_length=20)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(_("meldt"))

    class Meta:
        verbose_name = _("meldt del")
        verbose_name_plural = _("meldte deler")
        ordering = ["kommune_nr", "skjema", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune_nr", "skjema", "aar", "part"], name="declared_part_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kommune_nr} {self.skjema} {self.aar} {self.part}"


class NoParticipantsDeclaration(models.Model):
    """The KOSTRA contact's declaration that the kommune had no KVP participants (11CF)."""

    kommune_nr = models.CharField(_("kommunenummer"), max_length=4)
    skjema = models.CharField(_("skjema"), max_length=8, default="11CF")
    aar = models.PositiveSmallIntegerField(_("statistikkår"))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(_("erklært"))
    withdrawn_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("årsak"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("erklæring om ingen deltakere")
        verbose_name_plural = _("erklæringer om ingen deltakere")
        ordering = ["-declared_at"]

    def __str__(self) -> str:
        return f"{self.kommune_nr} {self.skjema} {self.aar}"
