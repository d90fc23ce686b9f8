"""Reference data: kommuner per statistics year and Oslo's bydeler."""

from django.db import models
from django.utils.translation import gettext_lazy as _

OSLO = "0301"


class KommuneQuerySet(models.QuerySet["Kommune"]):
    def valid_in(self, aar: int) -> "KommuneQuerySet":
        """Kommuner that exist in statistics year `aar` (gyldig_til is inclusive)."""
        return self.filter(gyldig_fra__lte=aar).filter(
            models.Q(gyldig_til__isnull=True) | models.Q(gyldig_til__gte=aar)
        )


class Kommune(models.Model):
    """One row per unchanged (nummer, navn, fylke), valid from one year to another.

    A number can be reused by a different kommune after a merger or the 2024 renumbering, so
    a kommune is identified by its number *and* the statistics year.
    """

    nummer = models.CharField(_("kommunenummer"), max_length=4, db_index=True)
    navn = models.CharField(_("navn"), max_length=100)
    fylke = models.CharField(_("fylke"), max_length=50)
    orgnr = models.CharField(_("organisasjonsnummer"), max_length=9, blank=True)
    gyldig_fra = models.PositiveSmallIntegerField(_("gyldig fra år"))
    gyldig_til = models.PositiveSmallIntegerField(_("gyldig til og med år"), null=True, blank=True)

    objects = KommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["nummer", "gyldig_fra"]
        constraints = [
            models.UniqueConstraint(fields=["nummer", "gyldig_fra"], name="kommune_nummer_fra"),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.navn}"

    def is_valid_in(self, aar: int) -> bool:
        return self.gyldig_fra <= aar and (self.gyldig_til is None or aar <= self.gyldig_til)


class Bydel(models.Model):
    """Oslo's districts (01-15) as used in KOSTRA reporting."""

    nummer = models.CharField(_("bydelsnummer"), max_length=2, unique=True)
    navn = models.CharField(_("navn"), max_length=100)

    class Meta:
        verbose_name = _("bydel")
        verbose_name_plural = _("bydeler")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return f"{self.nummer} {self.navn}"
