"""SSB's side: feedback lists (feillister), NAV's KVP figures and statistics exports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackListState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SENT = "sent", _("Sendt")
    RETURNED = "returned", _("Besvart")
    CLOSED = "closed", _("Avsluttet")


class FeedbackList(models.Model):
    """A list of questions from SSB to one kommune about one form and year (a feilliste).

    Staff build it from a delivery's findings or free text and send it; the kommune answers
    every item and returns it; staff accept the answers and close it.
    """

    kommune_nr = models.CharField(_("kommunenummer"), max_length=4, db_index=True)
    skjema = models.CharField(_("skjema"), max_length=8)
    aar = models.PositiveSmallIntegerField(_("statistikkår"))
    # The delivery whose findings the list asks about, if any.
    delivery = models.ForeignKey(
        "mottak.Delivery",
        verbose_name=_("leveranse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_lists",
    )
    title = models.CharField(_("tittel"), max_length=200)
    message = models.TextField(_("melding til kommunen"), blank=True)
    state = models.CharField(
        _("status"),
        max_length=10,
        choices=FeedbackListState.choices,
        default=FeedbackListState.DRAFT,
        db_index=True,
    )
    answer_by = models.DateField(_("svarfrist"), null=True, blank=True)
    created_at = models.DateTimeField(_("opprettet"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opprettet av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    returned_at = models.DateTimeField(_("besvart"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvart av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("feilliste")
        verbose_name_plural = _("feillister")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["aar", "skjema", "state"])]

    def __str__(self) -> str:
        return f"{self.kommune_nr} {self.skjema} {self.aar}: {self.title}"

    @property
    def is_open_for_answers(self) -> bool:
        return self.state == FeedbackListState.SENT


class FeedbackAnswer(models.TextChoices):
    CORRECT = "correct", _("Verdien er riktig")
    WILL_CORRECT = "will_correct", _("Rettes i en ny levering")


class FeedbackItem(models.Model):
    """One question on a feedback list, optionally tied to a control finding.

    A finding is referred to by rule id, line and journal number (never a fødselsnummer).
    """

    feedback_list = models.ForeignKey(
        FeedbackList, verbose_name=_("feilliste"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("nummer"), default=0)
    rule = models.CharField(_("kontroll"), max_length=16, blank=True)
    line = models.PositiveIntegerField(_("linje"), null=True, blank=True)
    journal_number = models.CharField(_("journalnummer"), max_length=40, blank=True)
    question = models.TextField(_("spørsmål"))
    answer = models.CharField(
        _("svar"), max_length=16, choices=FeedbackAnswer.choices, blank=True, default=""
    )
    explanation = models.TextField(_("forklaring"), blank=True)
    answered_at = models.DateTimeField(_("besvart"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvart av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("godtatt"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godtatt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("spørsmål i feilliste")
        verbose_name_plural = _("spørsmål i feillister")
        ordering = ["feedback_list", "position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.question[:60]}"


class FeedbackReminder(models.Model):
    """One reminder sent about an outstanding feedback list; unique per list and day."""

    feedback_list = models.ForeignKey(
        FeedbackList,
        verbose_name=_("feilliste"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    sent_on = models.DateField(_("dato"))
    sent_at = models.DateTimeField(_("sendt"))
    recipients = models.JSONField(_("mottakere"), default=list)

    class Meta:
        verbose_name = _("purring på feilliste")
        verbose_name_plural = _("purringer på feillister")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["feedback_list", "sent_on"], name="feedback_reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.feedback_list_id} {self.sent_on}"


class NavImport(models.Model):
    """One upload of NAV's KVP participant counts for a statistics year.

    The latest import for a year is the one compared with the 11CF deliveries. A difference
    is flagged when it exceeds both the absolute and the relative tolerance.
    """

    aar = models.PositiveSmallIntegerField(_("statistikkår"), db_index=True)
    uploaded_at = models.DateTimeField(_("lastet opp"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lastet opp av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("filnavn"), max_length=200, blank=True)
    tolerance_absolute = models.PositiveIntegerField(_("toleranse (antall)"), default=2)
    tolerance_percent = models.PositiveSmallIntegerField(_("toleranse (prosent)"), default=10)

    class Meta:
        verbose_name = _("NAV-tall (import)")
        verbose_name_plural = _("NAV-tall (importer)")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.aar} {self.uploaded_at:%Y-%m-%d %H:%M}"


class NavCount(models.Model):
    """NAV's number of KVP participants in one kommune, from one import."""

    nav_import = models.ForeignKey(
        NavImport, verbose_name=_("import"), on_delete=models.CASCADE, related_name="counts"
    )
    kommune_nr = models.CharField(_("kommunenummer"), max_length=4, db_index=True)
    participants = models.PositiveIntegerField(_("deltakere ifølge NAV"))

    class Meta:
        verbose_name = _("NAV-tall")
        verbose_name_plural = _("NAV-tall")
        ordering = ["kommune_nr"]
        constraints = [
            models.UniqueConstraint(fields=["nav_import", "kommune_nr"], name="nav_count_once")
        ]

    def __str__(self) -> str:
        return f"{self.kommune_nr}: {self.participants}"


class ExportState(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Kjører")
    DONE = "done", _("Ferdig")
    FAILED = "failed", _("Feilet")


class StatisticsExport(models.Model):
    """The combined file of all effective accepted deliveries of a form and year.

    Built by the worker; the result is encrypted to a staff key (the file on disk is an
    envelope, never plaintext).
    """

    skjema = models.CharField(_("skjema"), max_length=8)
    aar = models.PositiveSmallIntegerField(_("statistikkår"))
    state = models.CharField(
        _("status"), max_length=10, choices=ExportState.choices, default=ExportState.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bestilt av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("bestilt"))
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    key_id = models.CharField(_("nøkkel-id"), max_length=32, blank=True)
    path = models.CharField(_("fil"), max_length=300, blank=True)
    deliveries = models.PositiveIntegerField(_("leveringer"), default=0)
    records = models.PositiveIntegerField(_("poster"), default=0)
    error = models.TextField(_("feilmelding"), blank=True)
    # Progress of a running build: deliveries decrypted so far, of how many.
    progress_done = models.PositiveIntegerField(_("ferdige leveranser"), default=0)
    progress_total = models.PositiveIntegerField(_("leveranser i alt"), default=0)

    class Meta:
        verbose_name = _("uttrekk til statistikkproduksjon")
        verbose_name_plural = _("uttrekk til statistikkproduksjon")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.skjema} {self.aar} ({self.get_state_display()})"
