"""Kommune numbers checked against the reference data (`kontroll.kommuner`) for a year.

One definition used at the door (uploads, web and API), in admin (users, contacts, marks), in
the contact and NAV imports, and on the staff page of accounts with an invalid kommune.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kontroll import kommuner
from mottak.errors import MottakError
from mottak.models import KommuneContact, ReportingRound, User


def kommune_invalid_message(*, nummer: str, aar: int) -> str | None:
    """None when `nummer` is a kommune in `aar`; otherwise a Norwegian sentence naming the
    number used and, where the reference data links it, the number valid in that year."""
    if kommuner.kommune_is_valid(nummer, aar):
        return None
    successor = kommuner.kommune_successor(nummer, aar)
    if successor is not None:
        return _(
            "Kommunenummer %(nr)s er ikke gyldig i statistikkåret %(aar)s. "
            "%(navn)s har kommunenummer %(ny)s i %(aar)s."
        ) % {"nr": nummer, "aar": aar, "navn": successor.navn, "ny": successor.nummer}
    return _("Kommunenummer %(nr)s er ikke et gyldig kommunenummer i statistikkåret %(aar)s.") % {
        "nr": nummer,
        "aar": aar,
    }


def kommune_check_valid(*, nummer: str, aar: int) -> None:
    """Raise MottakError (code `kommune_invalid`) unless `nummer` is a kommune in `aar`."""
    message = kommune_invalid_message(nummer=nummer, aar=aar)
    if message:
        raise MottakError(message, code="kommune_invalid")


def kommune_nr_validator(value: str) -> None:
    """Django validator for a kommune number field with no year: four digits, and a number
    the reference data knows in some year."""
    if not (len(value) == 4 and value.isdigit()):
        raise ValidationError(_("Et kommunenummer har fire sifre."), code="kommune_format")
    if not kommuner.kommune_known(value):
        raise ValidationError(
            _("%(nr)s er ikke et kjent kommunenummer.") % {"nr": value}, code="kommune_unknown"
        )


def kommune_nr_year_validator(value: str, aar: int) -> None:
    """Django validator for a kommune number used for one statistics year."""
    kommune_nr_validator(value)
    message = kommune_invalid_message(nummer=value, aar=aar)
    if message:
        raise ValidationError(message, code="kommune_invalid")


def round_current_aar() -> int | None:
    """The statistics year of the newest reporting round (the one staff work on)."""
    return ReportingRound.objects.order_by("-aar").values_list("aar", flat=True).first()


@dataclass(frozen=True)
class InvalidKommuneAccount:
    kind: str  # "user" or "contact"
    kommune_nr: str
    label: str  # username or e-mail address
    message: str
    object_id: int


def invalid_kommune_accounts_list(*, aar: int) -> list[InvalidKommuneAccount]:
    """Active municipal users and contact addresses whose kommune is not valid in `aar`."""
    rows: list[InvalidKommuneAccount] = []
    users = (
        User.objects.filter(is_active=True, is_staff=False)
        .exclude(kommune_nr="")
        .order_by("kommune_nr", "username")
    )
    for user in users:
        message = kommune_invalid_message(nummer=user.kommune_nr, aar=aar)
        if message:
            rows.append(
                InvalidKommuneAccount("user", user.kommune_nr, user.username, message, user.pk)
            )
    for contact in KommuneContact.objects.order_by("kommune_nr", "email"):
        message = kommune_invalid_message(nummer=contact.kommune_nr, aar=aar)
        if message:
            rows.append(
                InvalidKommuneAccount(
                    "contact", contact.kommune_nr, contact.email, message, contact.pk
                )
            )
    return rows
