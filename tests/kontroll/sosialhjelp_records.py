"""Building 11F test records: one plain valid record per statistics year, changed field by field.

The base record is an adult recipient (born 15 June 1984, synthetic national id) in kommune
4204 with economic assistance (BIDRAG 12,000, 1,000 in each of the twelve months, no loan),
main income social assistance (VKLO 5), unemployed not registered (ARBSIT 08), no children and
no conditions. ``record(aar, FIELD=value, ...)`` replaces fields (values padded on the right);
``run`` controls records as one file; ``fires`` tells whether a rule reports one record.
"""

from __future__ import annotations

import datetime as dt

from runs import run_records

from kontroll.layout import load_layout
from kontroll.report import Report
from kontroll.samples import fnr_check_digits, format_date, set_field

SKJEMA = "11F"
KOMMUNE = "4204"
OSLO = "0301"
MONTHS = (
    "JAN",
    "FEB",
    "MARS",
    "APRIL",
    "MAI",
    "JUNI",
    "JULI",
    "AUG",
    "SEPT",
    "OKT",
    "NOV",
    "DES",
)
VILKAR = (
    "VILKARARBEID",
    "VILKARKURS",
    "VILKARUTD",
    "VILKARJOBBLOG",
    "VILKARJOBBTILB",
    "VILKARSAMT",
    "VILKAROKRETT",
    "VILKARLIVSH",
    "VILKARHELSE",
    "VILKARANNET",
    "VILKARDIGPLAN",
)


def fnr(day: dt.date, individual: int = 123) -> str:
    """A synthetic id with valid check digits for ``day`` (the first individual number from
    ``individual`` that has a valid pair of check digits)."""
    head = format_date(day, "ddMMyy")
    for ind in range(individual, individual + 30):
        digits = fnr_check_digits(f"{head}{ind:03d}")
        if digits is not None:
            return f"{head}{ind:03d}{digits}"
    raise AssertionError("no check digits found")


BORN = dt.date(1984, 6, 15)
FNR = fnr(BORN)
# A valid DUF number: ten digits and their weighted remainder (see kontroll.rules.common).
DUF = "201500012345"[:10] + "{:02d}".format(
    sum(w * int(c) for w, c in zip((4, 6, 3, 2, 4, 6, 3, 2, 7, 5), "2015000123", strict=True)) % 11
)


def born(aar: int, years: int, individual: int = 123) -> str:
    """An id for someone born on 15 June of ``aar - years`` (1900s individual numbers unless
    born in 2000 or later)."""
    year = aar - years
    return fnr(dt.date(year, 6, 15), individual if year < 2000 else 500)


def base_values(aar: int, kommune: str = KOMMUNE) -> dict[str, str]:
    """Field values of the valid base record of ``aar``."""
    values = {
        "KOMMUNE_NR": kommune,
        "VERSION": f"{aar % 100:02d}",
        "BYDELSNR": "05" if kommune == OSLO else ("00" if aar == 2020 else "  "),
        "PERSON_JOURNALNR": "J0000001",
        "PERSON_FODSELSNR": FNR,
        "KJONN": "1",
        "EKTSTAT": "1",
        "BU18": "2",
        "VKLO": "5",
        "TRYGDESIT": "12",
        "ARBSIT": "08",
        "BIDRAG": "0012000",
        "GITT_OKONOMIRAD": "1",
        "FAAT_INDIVIDUELL_PLAN": "2",
        "SAKSBEHANDLER": "SIV",
        "BOSIT": "1",
        "VILKARSOSLOV": "2",
        "VILKARSAMEKT": "2",
    }
    if aar >= 2025:
        values["FODSELSDATO"] = format_date(BORN, "ddMMyyyy")
        values["LAAN"] = "0000000"  # mandatory from 2025 (checked by 002 in 2026)
    for m, name in enumerate(MONTHS, start=1):
        values[f"STMND_{m}"] = f"{m:02d}"
        values[f"BIDRAG_{name}"] = "0001000"
    return values


def record(aar: int, *, kommune: str = KOMMUNE, **fields: str) -> str:
    """The base record of ``aar`` with ``fields`` replaced (padded with spaces on the right)."""
    text = " " * load_layout(SKJEMA, aar).record_length
    for name, value in {**base_values(aar, kommune), **fields}.items():
        text = set_field(text, SKJEMA, aar, name, value)
    return text


def run(
    aar: int,
    records: list[str],
    *,
    kommune: str = KOMMUNE,
    bydel: str | None = None,
    has_participants: bool = True,
) -> Report:
    return run_records(
        SKJEMA, aar, records, kommune=kommune, bydel=bydel, has_participants=has_participants
    )


def rule_ids(aar: int, records: list[str], **kwargs: object) -> list[str]:
    """Sorted ids of the findings for ``records``."""
    return sorted(f.rule for f in run(aar, records, **kwargs).findings)  # type: ignore[arg-type]


def fires(rule_id: str, aar: int, *, kommune: str = KOMMUNE, **fields: str) -> bool:
    """Does ``rule_id`` report the base record of ``aar`` with ``fields`` changed?"""
    report = run(aar, [record(aar, kommune=kommune, **fields)], kommune=kommune)
    return any(f.rule == rule_id for f in report.findings)
