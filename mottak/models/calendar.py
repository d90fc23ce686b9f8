"""The reporting calendar: one round per statistics year, its forms, deadlines and windows.

Dates are calendar days in Europe/Oslo. A round opens at 00:00 on `opens_on`; a form's deadline
and the correction cutoff last to the end of their day (24:00 Oslo time). Freeze windows are
exact instants (start inclusive, end exclusive). The arithmetic lives in
`mottak.services.calendar`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Skjema(models.TextChoices):
    F11 = "11F", _("11F Økonomisk sosialhjelp")
    CF11 = "11CF", _("11CF Kvalifiseringsstønad")
    S7 = "7", _("7 (e-skjema)")
    S7B = "7B", _("7B (e-skjema)")
    S12 = "12", _("12 (e-skjema)")


class Channel(models.TextChoices):
    FILE = "file", _("Fil gjennom portalen")
    EFORM = "eform", _("E-skjema")
    FILE_OR_EFORM = "file_or_eform", _("Fil eller e-skjema")


class ReportingRound(models.Model):
    """The reporting round of one statistics year; reception happens in the following year."""

    aar = models.PositiveSmallIntegerField(_("statistikkår"), unique=True)
    opens_on = models.DateField(_("mottaket åpner"))
    preliminary_publication_on = models.DateField(_("foreløpig publisering"))
    correction_cutoff_on = models.DateField(
        _("siste frist for rettinger"),
        help_text=_("Leveranser etter denne dagen avvises, med mindre SSB har gitt unntak."),
    )
    final_publication_on = models.DateField(_("endelig publisering"))
    remind_days_before = models.PositiveSmallIntegerField(
        _("påminnelse dager før frist"), default=5
    )
    overdue_every_days = models.PositiveSmallIntegerField(
        _("purring hver n-te dag etter frist"), default=7
    )

    class Meta:
        verbose_name = _("rapporteringsrunde")
        verbose_name_plural = _("rapporteringsrunder")
        ordering = ["-aar"]

    def __str__(self) -> str:
        return str(_("Rapporteringsrunde %(aar)s") % {"aar": self.aar})

    def clean(self) -> None:
        """The dates must come in the round's order: opening, preliminary publication and the
        correction cutoff, then final publication."""
        dates = [
            ("opens_on", self.opens_on),
            ("preliminary_publication_on", self.preliminary_publication_on),
            ("final_publication_on", self.final_publication_on),
        ]
        errors = {}
        if None not in (self.opens_on, self.correction_cutoff_on, self.final_publication_on):
            if not self.opens_on <= self.correction_cutoff_on <= self.final_publication_on:
                errors["correction_cutoff_on"] = _(
                    "Siste frist for rettinger må være mellom åpning og endelig publisering."
                )
        present = [(name, d) for name, d in dates if d is not None]
        for (_first, earlier), (name, later) in zip(present, present[1:], strict=False):
            if later < earlier:
                errors[name] = _(
                    "Datoene må komme i rekkefølge: åpning, foreløpig og endelig publisering."
                )
        if errors:
            raise ValidationError(errors)


class RoundForm(models.Model):
    """A form to be delivered in a round: its channel and deadline."""

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("runde"), on_delete=models.CASCADE, related_name="forms"
    )
    skjema = models.CharField(_("skjema"), max_length=4, choices=Skjema.choices)
    channel = models.CharField(_("kanal"), max_length=16, choices=Channel.choices)
    deadline_on = models.DateField(_("frist"))

    class Meta:
        verbose_name = _("skjema i runden")
        verbose_name_plural = _("skjema i runden")
        ordering = ["round", "deadline_on", "skjema"]
        constraints = [
            models.UniqueConstraint(fields=["round", "skjema"], name="roundform_round_skjema"),
        ]

    def __str__(self) -> str:
        return f"{self.skjema} {self.round.aar}"

    def clean(self) -> None:
        rnd = getattr(self, "round", None) if self.round_id else None
        if rnd is None or self.deadline_on is None:
            return
        if not rnd.opens_on <= self.deadline_on <= rnd.correction_cutoff_on:
            raise ValidationError(
                {"deadline_on": _("Fristen må være mellom åpningen og siste frist for rettinger.")}
            )

    @property
    def takes_files(self) -> bool:
        return self.channel in (Channel.FILE, Channel.FILE_OR_EFORM)

    @property
    def takes_eform(self) -> bool:
        return self.channel in (Channel.EFORM, Channel.FILE_OR_EFORM)


class FreezeWindow(models.Model):
    """A period (e.g. before a publication) when deliveries are taken in but held."""

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("runde"),
        on_delete=models.CASCADE,
        related_name="freeze_windows",
    )
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    text = models.TextField(
        _("tekst til brukerne"),
        blank=True,
        help_text=_("Vises til kommunene når en leveranse holdes tilbake."),
    )

    class Meta:
        verbose_name = _("frysperiode")
        verbose_name_plural = _("frysperioder")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="freezewindow_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"


class ObligationMark(models.Model):
    """A staff mark on one kommune's obligation to deliver one form for one year.

    NOT_APPLICABLE releases the kommune from the obligation. EFORM_RECEIVED records that an
    e-form (7, 7B, 12, or 11CF as e-form in 2020), which does not pass through this portal,
    has been received by SSB; it counts as delivered for status and reminders.
    """

    class Kind(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", _("Ikke aktuelt")
        EFORM_RECEIVED = "eform_received", _("E-skjema mottatt")

    kommune_nr = models.CharField(_("kommunenummer"), max_length=4, db_index=True)
    skjema = models.CharField(_("skjema"), max_length=4, choices=Skjema.choices)
    aar = models.PositiveSmallIntegerField(_("statistikkår"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("merknad"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("registrert"))
    received_at = models.DateTimeField(
        _("mottatt"),
        null=True,
        blank=True,
        help_text=_("Når SSB mottok e-skjemaet (fra e-skjemasystemet). Tomt: registreringstiden."),
    )

    class Meta:
        verbose_name = _("merknad om leveringsplikt")
        verbose_name_plural = _("merknader om leveringsplikt")
        ordering = ["-aar", "kommune_nr", "skjema"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune_nr", "skjema", "aar", "kind"], name="obligationmark_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kommune_nr} {self.skjema} {self.aar}: {self.get_kind_display()}"


class DeadlineException(models.Model):
    """Staff permission for one kommune to deliver one form after the correction cutoff."""

    kommune_nr = models.CharField(_("kommunenummer"), max_length=4, db_index=True)
    skjema = models.CharField(_("skjema"), max_length=4, choices=Skjema.choices)
    aar = models.PositiveSmallIntegerField(_("statistikkår"))
    expires_at = models.DateTimeField(_("gyldig til"))
    reason = models.TextField(_("begrunnelse"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gitt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("gitt"))

    class Meta:
        verbose_name = _("unntak fra frist")
        verbose_name_plural = _("unntak fra frist")
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["kommune_nr", "skjema", "aar"])]

    def __str__(self) -> str:
        expires = timezone.localtime(self.expires_at)
        return f"{self.kommune_nr} {self.skjema} {self.aar} → {expires:%Y-%m-%d %H:%M}"


class KommuneContact(models.Model):
    """An e-mail address in SSB's register of KOSTRA contacts for a kommune."""

    kommune_nr = models.CharField(_("kommunenummer"), max_length=4, db_index=True)
    email = models.EmailField(_("e-post"))
    name = models.CharField(_("navn"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("registrert"))

    class Meta:
        verbose_name = _("kontaktadresse")
        verbose_name_plural = _("kontaktadresser")
        ordering = ["kommune_nr", "email"]
        constraints = [
            models.UniqueConstraint(fields=["kommune_nr", "email"], name="kommunecontact_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kommune_nr} {self.email}"


class Reminder(models.Model):
    """One reminder e-mail sent (or attempted) to one kommune about one form.

    Scheduled reminders are unique per (kommune, skjema, aar, kind, day): that constraint is
    what makes two runs on the same day send nothing twice, even when they overlap.
    """

    class Kind(models.TextChoices):
        BEFORE_DEADLINE = "before_deadline", _("Før frist")
        OVERDUE = "overdue", _("Etter frist")

    kommune_nr = models.CharField(_("kommunenummer"), max_length=4, db_index=True)
    skjema = models.CharField(_("skjema"), max_length=4, choices=Skjema.choices)
    aar = models.PositiveSmallIntegerField(_("statistikkår"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    deadline_on = models.DateField(_("frist"))
    sent_on = models.DateField(_("dato (Oslo)"), db_index=True)
    sent_at = models.DateTimeField(_("sendt"))
    recipients = models.JSONField(_("mottakere"), default=list)
    manual = models.BooleanField(_("sendt manuelt"), default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sendt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["kommune_nr", "skjema", "aar", "kind"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune_nr", "skjema", "aar", "kind", "sent_on"],
                condition=models.Q(manual=False),
                name="reminder_once_a_day",
            ),
            # "Send now" clicked twice sends once.
            models.UniqueConstraint(
                fields=["kommune_nr", "skjema", "aar", "sent_on"],
                condition=models.Q(manual=True),
                name="reminder_manual_once_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sent_on} {self.kommune_nr} {self.skjema} {self.aar} {self.kind}"
