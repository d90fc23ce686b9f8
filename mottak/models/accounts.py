"""Accounts: one per person, tied to a kommune (and for Oslo optionally a bydel)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    KOSTRA_KONTAKT = "kontakt", _("KOSTRA-kontakt")
    NAV = "nav", _("NAV-kontor")
    FLYKTNING = "flyktning", _("Flyktningkontor")


class User(AbstractUser):
    """A portal user. Municipal users have a kommune; SSB staff have `is_staff` instead."""

    kommune_nr = models.CharField(_("kommunenummer"), max_length=4, blank=True, db_index=True)
    bydel = models.CharField(
        _("bydel"),
        max_length=2,
        blank=True,
        help_text=_("Bare for Oslo: bydelen brukeren hører til."),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, blank=True)
    must_change_password = models.BooleanField(
        _("må bytte passord"),
        default=False,
        help_text=_("Passordet er midlertidig: brukeren må bytte det ved neste innlogging."),
    )

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")

    @property
    def is_kommune_user(self) -> bool:
        return bool(self.kommune_nr) and not self.is_staff

    def can_act_for(self, kommune_nr: str) -> bool:
        """Staff see every kommune; a municipal user only their own."""
        return self.is_staff or (bool(self.kommune_nr) and self.kommune_nr == kommune_nr)
