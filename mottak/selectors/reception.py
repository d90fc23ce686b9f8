"""Which statistics years a kommune can choose, which one to show first, and whether the
reception of a year is open, not yet open or closed for the kommune - for the status and
upload pages and the API.

Whether a delivery would be taken in is decided once, by the calendar's
`round_judge_delivery`; this module only reads its verdict at a given moment.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.utils.translation import gettext as _

from mottak.models import ReportingRound, RoundForm
from mottak.services.calendar import (
    format_day,
    oslo_date,
    round_judge_delivery,
)

FILE_SKJEMAER = ("11F", "11CF")


class ReceptionState(StrEnum):
    OPEN = "open"
    NOT_OPEN = "not_open"
    CLOSED = "closed"
    NO_ROUND = "no_round"


@dataclass(frozen=True)
class Reception:
    aar: int
    state: ReceptionState
    opens_on: date | None = None
    correction_cutoff_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.state == ReceptionState.OPEN

    @property
    def message(self) -> str:
        """What the pages say before a file is chosen ("" when the reception is open)."""
        if self.state == ReceptionState.NOT_OPEN:
            assert self.opens_on is not None  # every state but NO_ROUND has the round's dates
            return _("Mottaket for statistikkåret %(aar)s åpner %(dato)s.") % {
                "aar": self.aar,
                "dato": format_day(self.opens_on),
            }
        if self.state == ReceptionState.CLOSED:
            assert self.correction_cutoff_on is not None
            return _("Mottaket er stengt (frist for rettinger var %(dato)s).") % {
                "dato": format_day(self.correction_cutoff_on)
            }
        if self.state == ReceptionState.NO_ROUND:
            return _("Mottaket for statistikkåret %(aar)s er ikke satt opp.") % {"aar": self.aar}
        return ""


_JUDGE_STATES = {
    "no_round": ReceptionState.NO_ROUND,
    "not_open": ReceptionState.NOT_OPEN,
    "after_cutoff": ReceptionState.CLOSED,
}


def reception_get(*, kommune_nr: str, aar: int, now: datetime) -> Reception:
    """The reception of `aar` for this kommune at `now`: open when the calendar would take a
    file of any file form in (a staff exception after the cutoff counts)."""
    rnd = ReportingRound.objects.filter(aar=aar).first()
    if rnd is None:
        return Reception(aar=aar, state=ReceptionState.NO_ROUND)
    skjemaer = [
        f.skjema
        for f in RoundForm.objects.filter(round=rnd, skjema__in=FILE_SKJEMAER)
        if f.takes_files
    ] or ["11F"]
    states = []
    for skjema in skjemaer:
        judgement = round_judge_delivery(
            kommune_nr=kommune_nr, skjema=skjema, aar=aar, received_at=now
        )
        states.append(
            ReceptionState.OPEN
            if not judgement.refused
            else _JUDGE_STATES.get(judgement.code, ReceptionState.CLOSED)
        )
    state = ReceptionState.OPEN if ReceptionState.OPEN in states else states[0]
    return Reception(
        aar=aar, state=state, opens_on=rnd.opens_on, correction_cutoff_on=rnd.correction_cutoff_on
    )


def round_years_list() -> list[int]:
    """Statistics years that have a reporting round, newest first."""
    return list(ReportingRound.objects.order_by("-aar").values_list("aar", flat=True))


def reception_list(*, kommune_nr: str, now: datetime) -> list[Reception]:
    """The reception of every year with a round, newest first."""
    return [reception_get(kommune_nr=kommune_nr, aar=y, now=now) for y in round_years_list()]


def default_year_get(*, kommune_nr: str, now: datetime) -> int | None:
    """The year to show first: the newest year whose reception is open for the kommune now,
    else the next to open, else the newest round; None without any round."""
    receptions = reception_list(kommune_nr=kommune_nr, now=now)
    if not receptions:
        return None
    open_years = [r.aar for r in receptions if r.is_open]
    if open_years:
        return open_years[0]
    today = oslo_date(now)
    upcoming = [
        (r.opens_on, r.aar)
        for r in receptions
        if r.state == ReceptionState.NOT_OPEN and r.opens_on is not None and r.opens_on > today
    ]
    if upcoming:
        return min(upcoming, key=lambda pair: pair[0])[1]
    return receptions[0].aar
