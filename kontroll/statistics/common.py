"""Groups shared by the statistics summaries of both skjema."""

from __future__ import annotations

from kontroll.i18n import N_

AGE_UNKNOWN = N_("Alder kan ikke utledes av fødselsnummeret")

MONTH_GROUPS: tuple[tuple[str, int, int], ...] = (
    (N_("1 måned"), 1, 1),
    (N_("2-3 måneder"), 2, 3),
    (N_("4-6 måneder"), 4, 6),
    (N_("7-9 måneder"), 7, 9),
    (N_("10-11 måneder"), 10, 11),
    (N_("12 måneder"), 12, 12),
)
MONTHS_NONE = N_("Ingen måneder oppgitt")
AMOUNT_NONE = N_("0 kr eller uoppgitt")
