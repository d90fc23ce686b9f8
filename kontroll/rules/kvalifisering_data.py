"""Year-dependent data and helpers for the 11CF (kvalifiseringsstønad, KVP) rules.

Everything that changes between statistics years lives here as a table keyed by year, so that
each rule in :mod:`kontroll.rules.kvalifisering` is registered once and reads its year's data
(catalogue 11CF.md: "Rules that differ by year are one rule with year-dependent data").
Nothing here reads /work/shared; code lists come from the year's layout file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from kontroll.columns import fnr_ages_2020, ints, mapped, spans
from kontroll.definitions import age_t6
from kontroll.layout import load_layout
from kontroll.records import FileData
from kontroll.rules.common import (
    age_t7,
    fnr_accepted_t7,
    fnr_age_2020,
    fnr_valid,
)
from kontroll.strided import ages_t7 as strided_ages_t7
from kontroll.years import by_year, since

SKJEMA = "11CF"
ALL_YEARS = since(2020)
OSLO = "0301"
OSLO_BYDELER = frozenset(f"{n:02d}" for n in range(1, 16))

V = TypeVar("V")


# --- codes ------------------------------------------------------------------------------------

# 2020's code lists include the pseudo-codes "0" / "00" and blanks (catalogue 5.5, doubt 4);
# from 2021 only the real codes count.
# STATUS codes that end the programme and require AVSL_DATO (037), and that require the
# situation after the programme (038).
ENDED_STATUS = by_year({2020: frozenset({"3", "4", "5"}), 2023: frozenset({"3", "4", "5", "7"})})
COMPLETED_STATUS = by_year({2020: frozenset({"3"}), 2023: frozenset({"3", "7"})})

# 027: the five "other support" tick fields and their tick codes.
_KVP_MED = (
    ("KVP_MED_KOMMBOS", "4"),
    ("KVP_MED_HUSBANK", "5"),
    ("KVP_MED_SOSHJ_ENGANG", "9"),
    ("KVP_MED_SOSHJ_PGM", "8"),
    ("KVP_MED_SOSHJ_SUP", "7"),
)
_KVP_MED_HEAD = tuple(
    ("KVP_MED_HUSBANKBOS", code) if name == "KVP_MED_HUSBANK" else (name, code)
    for name, code in _KVP_MED
)
KVP_MED_FIELDS = by_year({2020: _KVP_MED, 2022: _KVP_MED_HEAD})

# 038: the ten "situation after the programme" tick fields and their codes.
_AVSL_2020 = (
    ("AVSL_ORDINAERTARB", "01"),
    ("AVSL_ARBLONNSTILS", "11"),
    ("AVSL_TILRETTELARB", "02"),
    ("AVSL_ARBMARK", "03"),
    ("AVSL_SKOLE", "04"),
    ("AVSL_AKTIVARBSOK", "05"),
    ("AVSL_BEHANDL", "06"),
    ("AVSL_AVKLAR_UFOR", "12"),
    ("AVSL_INGEN_AKT", "13"),
    ("AVSL_ANNET", "10"),
)
_AVSL_2021 = (
    ("AVSL_ORDINAERTARB", "01"),
    ("AVSL_ARBLONNSTILS", "11"),
    ("AVSL_ARBMARK", "03"),
    ("AVSL_SKOLE", "04"),
    ("AVSL_UFORE", "13"),
    ("AVSL_AAP", "14"),
    ("AVSL_OK_AVKLAR", "15"),
    ("AVSL_UTEN_OK_AVKLAR", "16"),
    ("AVSL_ANNET", "10"),
    ("AVSL_UKJENT", "17"),
)
AVSL_FIELDS = by_year({2020: _AVSL_2020, 2021: _AVSL_2021})

MONTH_FIELDS = tuple((f"STMND_{m}", f"{m:02d}") for m in range(1, 13))

# 013, 032, 033: fixed limits of SSB's program.
MANY_CHILDREN = by_year({2020: 11, 2022: 14})  # finding when ANTBU18 >= this
AMOUNT_MAX = by_year({2020: 235_000, 2022: 600_000})  # finding when KVP_STONAD > this
AMOUNT_MIN = 8_000  # 2020-2021: finding when KVP_STONAD < this


@lru_cache(maxsize=8)
def kommnr_codes(aar: int) -> frozenset[str]:
    """020: municipality numbers accepted in KOMMNR_KVP_KOMM in statistics year ``aar``.

    The layout's code list, except that 2021-2024 did not accept 9999 (unknown), which the
    regenerated layout files of 2022-2024 list (catalogue 020 and doubt 6).
    """
    codes = load_layout(SKJEMA, aar).fields["KOMMNR_KVP_KOMM"].codes
    if 2021 <= aar <= 2024:
        codes = codes - {"9999"}
    return codes


def date_pattern(aar: int) -> str:
    """The date pattern of the date fields: ddMMyy until 2024, ddMMyyyy from 2025."""
    return "ddMMyyyy" if aar >= 2025 else "ddMMyy"


def _block_has_months(block: str, aar: int) -> bool:
    """Catalogue 5.5: some STMND_m holds a code of its own list (2020: also 00 or blank)."""
    for m in range(12):
        value = block[2 * m : 2 * m + 2]
        if value == MONTH_FIELDS[m][1] or (aar == 2020 and (value == "00" or value == "  ")):
            return True
    return False


def _block_month_count(block: str) -> int:
    return sum(1 for m in range(12) if block[2 * m : 2 * m + 2] == MONTH_FIELDS[m][1])


def _per_distinct(values: Sequence[str], fn: Callable[[str], V]) -> list[V]:
    """``fn`` of every value, computed once per distinct value."""
    results = {v: fn(v) for v in set(values)}
    return [results[v] for v in values]


def months_flags(file: FileData, aar: int) -> list[bool]:
    """Per record: "has months" of catalogue 5.5 in year ``aar`` (cached per file)."""
    return file.derived(  # type: ignore[no-any-return]
        "11CF.has_months",
        lambda f: _per_distinct(
            spans(f, "STMND_1", "STMND_12"), lambda b: _block_has_months(b, aar)
        ),
    )


def month_counts(file: FileData) -> list[int]:
    """Per record: the number of STMND_m fields holding their own month number."""
    return file.derived(  # type: ignore[no-any-return]
        "11CF.month_counts",
        lambda f: _per_distinct(spans(f, "STMND_1", "STMND_12"), _block_month_count),
    )


def amounts(file: FileData) -> list[int | None]:
    """Per record: KVP_STONAD as an integer (catalogue 5.1), None when blank or not a number."""
    return ints(file, "KVP_STONAD")


def ages(file: FileData, aar: int) -> list[int | None]:
    """Per record: the age from PERSON_FODSELSNR (see :func:`age`), cached per file."""
    if aar == 2020:
        return list(fnr_ages_2020(file)[1])
    # From 2025, when every id is eleven digits, the column view gives age_t7 from the bytes.
    fast: list[int | None] | None = file.derived(
        f"11CF.age_t7.{aar}", lambda f: strided_ages_t7(f, "PERSON_FODSELSNR", aar)
    )
    if fast is not None:
        return fast
    return mapped(file, ("PERSON_FODSELSNR",), lambda v: age(v, aar), key=f"11CF.age.{aar}")


def kroner(amount: int) -> str:
    """An amount with thousands separated by spaces: 600 000."""
    return f"{amount:,}".replace(",", " ")


# --- national id: validity and age per year (catalogue 5.3 and 5.4) ---------------------------


def fnr_accepted(value: str, aar: int) -> bool:
    """Catalogue 5.3: is PERSON_FODSELSNR a valid id in statistics year ``aar``?"""
    if aar == 2020:
        return fnr_age_2020(value)[0]  # = fnr_ok_2020(value), with a fast path
    if fnr_valid(value):
        return True
    if aar <= 2022:
        return False
    return fnr_accepted_t7(value, aar)


def _age_2021(value: str, aar: int) -> int | None:
    """5.4, 2021-2022: the reference's ``Fnr.getAlderFromFnr`` (:func:`definitions.age_t6`):
    -1 when the age cannot be derived; None when the reference's parsing threw and it marked
    the id unusable, so 006/007 skip the record (found by the reference comparison)."""
    return age_t6(value, aar)


def age(value: str, aar: int) -> int | None:
    """Catalogue 5.4: age in the statistics year (year minus birth year).

    2020-2022 return -1 when the age cannot be derived (those programs warned about it);
    from 2023 the result is None then.
    """
    if aar == 2020:
        return fnr_age_2020(value)[1]  # = age_2020(value), with a fast path
    if aar <= 2022:
        return _age_2021(value, aar)
    return age_t7(value, aar)  # the birth date's year, with a fast path
