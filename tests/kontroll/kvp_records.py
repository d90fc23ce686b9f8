"""Building 11CF test records: a plain valid record per year, changed field by field.

The base record is a participant still in the programme (STATUS 1) in kommune 4204, born in
1984 with a synthetic national id, with benefit in all twelve months, no children, no other
support and no previous programme. Tests override single fields with ``record(aar, FIELD=...)``.
"""

from __future__ import annotations

import datetime as dt

from runs import run_records

from kontroll.report import Report
from kontroll.samples import fnr_check_digits, format_date, generate_records, set_field

SKJEMA = "11CF"
YEARS = tuple(range(2020, 2027))
KOMMUNE = "4204"
OSLO = "0301"


def fnr(day: dt.date, individual: int = 123) -> str:
    """A synthetic id with valid check digits for ``day`` (the next individual number that has
    a valid pair of check digits)."""
    head = format_date(day, "ddMMyy")
    for ind in range(individual, individual + 20):
        digits = fnr_check_digits(f"{head}{ind:03d}")
        if digits is not None:
            return f"{head}{ind:03d}{digits}"
    raise AssertionError("no check digits found")


BORN = dt.date(1984, 6, 15)
FNR = fnr(BORN)


def date(aar: int, day: dt.date) -> str:
    return format_date(day, "ddMMyyyy" if aar >= 2025 else "ddMMyy")


def _base(aar: int, kommune: str, bydel: str | None) -> str:
    text = generate_records(SKJEMA, aar, kommune, bydel, n=1, seed=7)[0]
    values = {
        "PERSON_JOURNALNR": "J0000001",
        "PERSON_FODSELSNR": FNR,
        "KJONN": "1",
        "EKTSTAT": "1",
        "BU18": "2",
        "ANTBU18": "  ",
        "REG_DATO": date(aar, dt.date(aar, 2, 1)),
        "VEDTAK_DATO": date(aar, dt.date(aar, 2, 15)),
        "BEGYNT_DATO": date(aar, dt.date(aar, 3, 1)),
        "KVP_KOMM": "2",
        "KOMMNR_KVP_KOMM": "    ",
        "YTELSE_SOSHJELP": " ",
        "YTELSE_TYPE_SOSHJ": " ",
        "KVP_MED_ASTONAD": "2",
        "KVP_STONAD": "0100000",
        "STATUS": "1",
        "AVSL_DATO": " " * (8 if aar >= 2025 else 6),
        "SAKSBEHANDLER": "SIV",
    }
    if aar >= 2025:
        values["FODSELSDATO"] = format_date(BORN, "ddMMyyyy")
    if kommune == OSLO:
        values["KVP_OSLO"] = "2"
    for m in range(1, 13):
        values[f"STMND_{m}"] = f"{m:02d}"
    names = [
        "KVP_MED_KOMMBOS",
        "KVP_MED_HUSBANK",
        "KVP_MED_HUSBANKBOS",
        "KVP_MED_SOSHJ_ENGANG",
        "KVP_MED_SOSHJ_PGM",
        "KVP_MED_SOSHJ_SUP",
        "YTELSE_INTRO",
        "YTELSE_INDIVIDSTONAD",
        "YTELSE_TILTAKSPENGER",
        "YTELSE_FOLKETRYGDL",
        "AVSL_ORDINAERTARB",
        "AVSL_ARBLONNSTILS",
        "AVSL_TILRETTELARB",
        "AVSL_ARBMARK",
        "AVSL_SKOLE",
        "AVSL_AKTIVARBSOK",
        "AVSL_BEHANDL",
        "AVSL_AVKLAR_UFOR",
        "AVSL_INGEN_AKT",
        "AVSL_ANNET",
        "AVSL_UFORE",
        "AVSL_AAP",
        "AVSL_OK_AVKLAR",
        "AVSL_UTEN_OK_AVKLAR",
        "AVSL_UKJENT",
        "AVSL_VIKTIGSTE_INNTEKT",
        "AVSL_ANNET_SPES",
    ]
    for name in names:
        values[name] = ""
    for name, value in values.items():
        try:
            text = set_field(text, SKJEMA, aar, name, value)
        except KeyError:
            continue  # the field does not exist this year
    return text


def record(aar: int, *, kommune: str = KOMMUNE, bydel: str | None = None, **fields: str) -> str:
    """The base record of ``aar`` with ``fields`` replaced (padded with spaces on the right)."""
    text = _base(aar, kommune, "05" if kommune == OSLO and bydel is None else bydel)
    for name, value in fields.items():
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
