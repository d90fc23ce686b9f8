"""Control rules for skjema 11F (økonomisk sosialhjelp), catalogue spec/kontroller/11F.md.

One function per catalogue id. Rules that changed over the years are one function with
year-dependent data (code sets, limits, severities keyed by statistics year).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from itertools import chain, compress
from typing import cast

from kontroll.columns import ages_2021, falsy_indexes, fnr_ages_2020, ints, ints0, mapped, spans
from kontroll.columns import value as field_value
from kontroll.context import Context
from kontroll.findings import Severity
from kontroll.layout import code_list, load_layout, overridden_fields
from kontroll.messages import T
from kontroll.records import FileData
from kontroll.registry import Hit, Record, RuleResult, rule
from kontroll.rules.common import (
    WS,
    age_2021,
    age_t7,
    code_label,
    codes_text,
    duf_remainder,
    duf_valid,
    field_group_hits,
    file_description_hits,
    fnr_accepted_t7,
    fnr_ok_2020,
    fnr_valid,
    int0,
    parse_date,
    record_length_hits,
    shown,
)
from kontroll.strided import ages_t7 as strided_ages_t7
from kontroll.strided import packed_digits, valid_ids
from kontroll.years import ByYear, by_year, since

SKJEMA = "11F"
YEARS = since(2020)
JAVA_YEARS = since(2020, until=2023)  # the Java programs (2020-2022)
KOTLIN_YEARS = since(2023)  # the Kotlin programs (2023 on)
AGE_YEARS = since(2020, until=2021) | KOTLIN_YEARS  # 006 and 007 (not in 2021-2022)
E, W = Severity.ERROR, Severity.WARNING
OSLO = "0301"
OSLO_BYDELER = frozenset(f"{n:02d}" for n in range(1, 16))

MONTHS = tuple(f"STMND_{m}" for m in range(1, 13))
MONTH_CODES = tuple((f"STMND_{m}", f"{m:02d}") for m in range(1, 13))
_MONTH_NAMES = ("JAN", "FEB", "MARS", "APRIL", "MAI", "JUNI", "JULI", "AUG", "SEPT", "OKT",
                "NOV", "DES")  # fmt: skip
BIDRAG_MONTHS = tuple(f"BIDRAG_{m}" for m in _MONTH_NAMES)
LAAN_MONTHS = tuple(f"LAAN_{m}" for m in _MONTH_NAMES)
VILKAR = ("VILKARARBEID", "VILKARKURS", "VILKARUTD", "VILKARJOBBLOG", "VILKARJOBBTILB",
          "VILKARSAMT", "VILKAROKRETT", "VILKARLIVSH", "VILKARHELSE", "VILKARANNET",
          "VILKARDIGPLAN")  # fmt: skip
_PSEUDO_CODES_2020 = (
    "00",
    "  ",
)  # 2020 lists "Uoppgitt" and "Blank" as codes of tick fields


def _by_year(first: Severity, later: Severity) -> ByYear[Severity]:
    """Severity ``first`` in 2020 and ``later`` from 2021."""
    return by_year({2020: first, 2021: later})


def _vilkar(aar: int) -> tuple[str, ...]:
    """The kinds of conditions: VILKARNORSKSAMISKOPPL was added in 2024."""
    return VILKAR + ("VILKARNORSKSAMISKOPPL",) if aar >= 2024 else VILKAR


@cache
def _own_codes(aar: int, names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(field, its own tick code) for tick fields, from the layout's code list."""
    fields = load_layout(SKJEMA, aar).fields
    result = []
    for name in names:
        own = [c for c in fields[name].codes if c not in _PSEUDO_CODES_2020]
        result.append((name, own[0]))
    return tuple(result)


def _fail_code(rec: Record, ctx: Context, field: str, what: str) -> Hit:
    value = rec[field]
    return Hit(
        T("11F.fail_code.1").format(
            what=what, value=shown(value), codes=codes_text(SKJEMA, ctx.aar, field)),
        {field: value},
    )  # fmt: skip


# --- 001, 002: file structure ---------------------------------------------------------------


@rule("000", skjema=SKJEMA, severity=Severity.FATAL, years=KOTLIN_YEARS, scope="file",
      title=T("11F.000.title"))  # fmt: skip
def participants_declaration(file: FileData, ctx: Context) -> Iterator[Hit]:
    """With recipients declared the file is not a single character; without, it is exactly one."""
    one_char = len(file.raw) == 1
    if ctx.has_participants:
        if one_char:
            yield Hit(T("11F.000.1").format(aar=ctx.aar),
                      {"has_participants": True})  # fmt: skip
        return
    if one_char:
        yield Hit(T("11F.000.2").format(aar=ctx.aar),
                  {"has_participants": False}, severity=Severity.INFO, stop=True)  # fmt: skip
        return
    yield Hit(T("11F.000.3").format(aar=ctx.aar),
              {"has_participants": False, "records": len(file)})  # fmt: skip


@rule("001", skjema=SKJEMA, severity=Severity.FATAL, years=YEARS, scope="file",
      fields=(), title=T("11F.001.title"))  # fmt: skip
def record_length(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Every record is exactly 324 (338 from 2025) characters, without TAB from 2023; an empty
    file is an error in 2020-2021."""
    return record_length_hits(file, ctx, empty_is_error=ctx.aar <= 2021)


def _codes_2022(file: FileData) -> Iterator[Hit]:
    """002 for VKLO, TRYGDESIT and ARBSIT in 2022: the 2022 file description has empty code
    lists for them, but the 2022 program used the 2021 lists (catalogue doubt 12); the
    positions are the same in both years."""
    for field in overridden_fields(SKJEMA, 2022):
        yield from field_group_hits(file, [field], strict=False)


@rule("002", skjema=SKJEMA, severity=E, years=JAVA_YEARS | since(2026), scope="file",
      title=T("11F.002.title"))  # fmt: skip
def file_description(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Every field matches its type and code list (2020-2022: blank passes; 2026: mandatory
    fields must be filled, except BYDELSNR outside Oslo, which 003B requires blank)."""
    optional = frozenset({"BYDELSNR"}) if ctx.kommune != OSLO else frozenset()
    hits = file_description_hits(file, ctx, strict=ctx.aar >= 2026, optional=optional)
    if ctx.aar == 2022:
        return chain(hits, _codes_2022(file))
    return hits


# --- 003-007: context, id and age -----------------------------------------------------------


@rule("003", skjema=SKJEMA, severity=E, years=YEARS, fields=("KOMMUNE_NR",),
      title=T("11F.003.title"))  # fmt: skip
def kommune_nr(rec: Record, ctx: Context) -> RuleResult:
    """KOMMUNE_NR equals the kommune the file is delivered for."""
    value = rec["KOMMUNE_NR"]
    if value == ctx.kommune:
        return None
    return Hit(T("11F.003.1").format(found=shown(value), expected=ctx.kommune),
               {"KOMMUNE_NR": value, "expected": ctx.kommune})  # fmt: skip


@rule("003B", skjema=SKJEMA, severity=E, years=YEARS, fields=("BYDELSNR",),
      inputs=("BYDELSNR", "KOMMUNE_NR"),
      title=T("11F.003B.title"))  # fmt: skip
def bydelsnr(rec: Record, ctx: Context) -> RuleResult:
    """Oslo (0301): BYDELSNR is 01-15; other kommuner: 00 in 2020, blank from 2021 (the
    kommune is the delivery's until 2022, the record's KOMMUNE_NR from 2023)."""
    value = rec["BYDELSNR"]
    kommune = ctx.kommune if ctx.aar <= 2022 else rec["KOMMUNE_NR"]
    if kommune == OSLO:
        if value in OSLO_BYDELER:
            return None
        expected: str = T("11F.003B.1")
    else:
        if ctx.aar == 2020:
            ok = value == "00"
        elif ctx.aar <= 2022:
            ok = value == "  "
        else:
            ok = not value.strip(WS)
        if ok:
            return None
        expected = "«00»" if ctx.aar == 2020 else T("11F.003B.2")
    return Hit(T("11F.003B.3").format(
        found=shown(value), expected=expected), {"BYDELSNR": value})  # fmt: skip


@rule("004", skjema=SKJEMA, severity=E, years=YEARS, fields=("VERSION",),
      title=T("11F.004.title"))  # fmt: skip
def version(rec: Record, ctx: Context) -> RuleResult:
    """VERSION equals the last two digits of the statistics year (blank is an error, no crash);
    from 2023 read as a number n, 2000 + n must be the year."""
    value = rec["VERSION"]
    expected = f"{ctx.aar % 100:02d}"
    if value == expected:
        return None
    if ctx.aar >= 2023:
        n = int0(value)
        if 1 <= n <= 99 and 2000 + n == ctx.aar:
            return None
    return Hit(T("11F.004.1").format(found=shown(value), expected=expected,
                                                  aar=ctx.aar),
               {"VERSION": value, "expected": expected})  # fmt: skip


def _fnr_2020(file: FileData) -> tuple[list[bool], list[int]]:
    """Per record: (accepted by T4, T5 age) in 2020, shared by 005, 006, 007, 022, 038 and the
    statistics summary (:func:`kontroll.columns.fnr_ages_2020`)."""
    return fnr_ages_2020(file)


def _fnr_ok(file: FileData, aar: int) -> list[bool]:
    """Per record: is the id accepted by the year's test (T4 in 2020, T6 in 2021-2022, T7 from
    2023, which also accepts ids ending 00100/00200/99999 with a readable birth date)?"""
    if aar == 2020:
        return _fnr_2020(file)[0]
    if aar <= 2022:
        oks: list[bool] = file.derived("11F:fnr_valid", lambda f: _fnr_accepted(f, lambda v: False))
    else:
        oks = file.derived(
            f"11F:fnr_acc:{aar}", lambda f: _fnr_accepted(f, lambda v: fnr_accepted_t7(v, aar))
        )
    return oks


def _fnr_accepted(file: FileData, otherwise: Callable[[str], bool]) -> list[bool]:
    """Per record: ``fnr_valid(id) or otherwise(id)``, the check digits from the bytes when
    they can be read there (then ``otherwise`` runs only for the invalid ids)."""
    valid = valid_ids(file, "PERSON_FODSELSNR")
    ids = file.column("PERSON_FODSELSNR", keep=False)
    if valid is None:
        table = {v: fnr_valid(v) or otherwise(v) for v in set(ids)}
        return list(map(table.__getitem__, ids))
    result = list(map(bool, valid))
    for index in compress(range(len(result)), valid.translate(_FLIP)):
        result[index] = otherwise(ids[index])
    return result


_FLIP = bytes((1,)) + bytes(255)  # translate table: 0 -> 1, anything else -> 0


def ages_2020(file: FileData) -> list[int]:
    """Per record: the T5 age (2020; -1 when unknown)."""
    return _fnr_2020(file)[1]


def _ages(file: FileData, aar: int) -> list[int | None]:
    """Per record: the age in ``aar`` (T5 in 2020, T6 in 2021-2022, T7 from 2023); None or -1
    when unknown, as the year's rules treat it."""
    if aar == 2020:
        return list(ages_2020(file))
    if aar <= 2022:
        return list(ages_2021(file, aar))
    fast: list[int | None] | None = file.derived(
        f"11F:age_t7:{aar}", lambda f: strided_ages_t7(f, "PERSON_FODSELSNR", aar)
    )
    if fast is not None:
        return fast
    return mapped(file, ("PERSON_FODSELSNR",), lambda v: age_t7(v, aar), f"11F:age:{aar}")


@rule("004A", skjema=SKJEMA, severity=E, years=since(2025), fields=("FODSELSDATO",),
      title=T("11F.004A.title"))  # fmt: skip
def fodselsdato(rec: Record, ctx: Context) -> RuleResult:
    """FODSELSDATO is a valid ddMMyyyy date (blank fails)."""
    value = rec["FODSELSDATO"]
    if parse_date(value, "ddMMyyyy") is not None:
        return None
    return Hit(T("11F.004A.1").format(found=shown(value)),
               {"FODSELSDATO": value})  # fmt: skip


@rule("005", skjema=SKJEMA, severity=by_year({2020: W, 2024: E}), years=YEARS,
      fields=("PERSON_FODSELSNR",), scope="file",
      title=T("11F.005.title"))  # fmt: skip
def fodselsnr(file: FileData, ctx: Context) -> Iterator[Hit]:
    """PERSON_FODSELSNR is a valid id: T4 (with date test) in 2020, 11 digits with check digits
    in 2021-2022, from 2023 also a readable birth date with suffix 00100, 00200 or 99999."""
    for index in falsy_indexes(_fnr_ok(file, ctx.aar)):
        blank = not field_value(file, index, "PERSON_FODSELSNR").strip(WS)
        yield Hit(T("11F.005.1").format(
                         what=T("11F.005.2") if blank else T("11F.005.3")),
                  {"blank": blank}, index=index)  # fmt: skip


@rule("005A", skjema=SKJEMA, severity=E, years=since(2021), scope="file",
      fields=("PERSON_FODSELSNR", "PERSON_JOURNALNR"),
      title=T("11F.005A.title"))  # fmt: skip
def duplicate_fodselsnr(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Every record whose valid id occurs in more than one record is reported once."""
    ids = file.column("PERSON_FODSELSNR", keep=False)
    # A valid id is 11 digits, the whole field, so grouping trimmed (2021-2022) or raw (from
    # 2023) values gives the same groups; count in C first and look only at repeated values.
    repeated = {v for v, n in Counter(ids).items() if n > 1 and fnr_valid(v)}
    if not repeated:
        return
    groups: dict[str, list[int]] = defaultdict(list)
    for index, value in enumerate(ids):
        if value in repeated:
            groups[value].append(index)
    journals = file.column("PERSON_JOURNALNR")
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        for index in indexes:
            others = [journals[i].strip(WS) for i in indexes if i != index]
            yield Hit(T("11F.005A.1").format(
                             journal=journals[index].strip(WS), others=", ".join(others)),
                      {"others": others}, index=index)  # fmt: skip


@rule("005B", skjema=SKJEMA, severity=E, years=since(2021), scope="file",
      fields=("PERSON_JOURNALNR",), title=T("11F.005B.title"))  # fmt: skip
def duplicate_journalnr(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Every record whose raw journal number occurs more than once (blank included) is reported."""
    journals = file.column("PERSON_JOURNALNR")
    counts: dict[str, int] = defaultdict(int)
    for value in journals:
        counts[value] += 1
    if len(counts) == len(journals):
        return
    for index, value in enumerate(journals):
        n = counts[value]
        if n > 1:
            yield Hit(T("11F.005B.1").format(
                             journal=shown(value), n=n),
                      {"PERSON_JOURNALNR": value, "count": n}, index=index)  # fmt: skip


@rule("006", skjema=SKJEMA, severity=W, years=AGE_YEARS, fields=("PERSON_FODSELSNR",),
      scope="file", title=T("11F.006.title"))  # fmt: skip
def under_18(file: FileData, ctx: Context) -> Iterator[Hit]:
    """The age derived from the id is under 18; an unknown age counts as -1 and fires in 2020
    and 2026, and is skipped in 2023-2025."""
    unknown_fires = ctx.aar == 2020 or ctx.aar >= 2026
    ages = _ages(file, ctx.aar)
    if None not in ages and min(cast("list[int]", ages), default=18) >= 18:
        return  # tested in C: no record is under 18 or of unknown age
    for index, known in enumerate(ages):
        age = -1 if known is None else known
        if age >= 18 or (known is None and not unknown_fires):
            continue
        if age < 0:
            yield Hit(T("11F.006.1"),
                      {"age": age}, index=index)  # fmt: skip
        else:
            yield Hit(T("11F.006.2").format(age=age), {"age": age}, index=index)  # fmt: skip


_OLD_LIMIT = by_year({2020: 96, 2023: 68, 2025: 96})  # 007 fires at or above


@rule("007", skjema=SKJEMA, severity=W, years=AGE_YEARS, fields=("PERSON_FODSELSNR",),
      scope="file", title=T("11F.007.title"))  # fmt: skip
def age_96(file: FileData, ctx: Context) -> Iterator[Hit]:
    """The age derived from the id is 96 or more (68 or more in 2023-2024); an unknown age
    never fires."""
    limit = _OLD_LIMIT[ctx.aar]
    for index, age in enumerate(_ages(file, ctx.aar)):
        if age is not None and age >= limit:
            yield Hit(T("11F.007.1").format(age=age, limit=limit),
                      {"age": age, "limit": limit},
                      index=index)  # fmt: skip


@rule("008", skjema=SKJEMA, severity=E, years=YEARS, fields=("KJONN",),
      title=T("11F.008.title"))  # fmt: skip
def kjonn(rec: Record, ctx: Context) -> RuleResult:
    """KJONN is 1 or 2."""
    if rec["KJONN"] in code_list(SKJEMA, ctx.aar, "KJONN"):
        return None
    return _fail_code(rec, ctx, "KJONN", T("11F.008.1"))


@rule("009", skjema=SKJEMA, severity=E, years=YEARS, fields=("EKTSTAT",),
      title=T("11F.009.title"))  # fmt: skip
def ektstat(rec: Record, ctx: Context) -> RuleResult:
    """EKTSTAT is 1-5."""
    if rec["EKTSTAT"] in code_list(SKJEMA, ctx.aar, "EKTSTAT"):
        return None
    return _fail_code(rec, ctx, "EKTSTAT", T("11F.009.1"))


@rule("010", skjema=SKJEMA, severity=E, years=YEARS, fields=("BU18",),
      title=T("11F.010.title"))  # fmt: skip
def bu18(rec: Record, ctx: Context) -> RuleResult:
    """BU18 is 1 or 2."""
    if rec["BU18"] in code_list(SKJEMA, ctx.aar, "BU18"):
        return None
    return _fail_code(rec, ctx, "BU18", T("11F.010.1"))


@rule("011", skjema=SKJEMA, severity=E, years=YEARS, fields=("BU18", "ANTBU18"),
      title=T("11F.011.title"))  # fmt: skip
def bu18_without_count(rec: Record, ctx: Context) -> RuleResult:
    """BU18 = 1 and int0(ANTBU18) <= 0."""
    if rec["BU18"] != "1":
        return None
    n = int0(rec["ANTBU18"])
    if n > 0:
        return None
    return Hit(T("11F.011.1").format(
                      found=shown(rec["ANTBU18"])), {"ANTBU18": rec["ANTBU18"]})  # fmt: skip


@rule("012", skjema=SKJEMA, severity=E, years=YEARS, fields=("ANTBU18", "BU18"),
      title=T("11F.012.title"))  # fmt: skip
def count_without_bu18(rec: Record, ctx: Context) -> RuleResult:
    """int0(ANTBU18) > 0 and BU18 is not 1."""
    n = int0(rec["ANTBU18"])
    if n <= 0 or rec["BU18"] == "1":
        return None
    return Hit(T("11F.012.1").format(n=n, bu18=shown(rec["BU18"])),
               {"ANTBU18": n, "BU18": rec["BU18"]})  # fmt: skip


_MANY_CHILDREN = by_year({2020: 11, 2021: 10, 2023: 14})  # smallest count that fires


@rule("013", skjema=SKJEMA, severity=by_year({2020: W, 2023: E}), years=YEARS, fields=("ANTBU18",),
      title=T("11F.013.title"))  # fmt: skip
def many_children(rec: Record, ctx: Context) -> RuleResult:
    """int0(ANTBU18) > 10 in 2020, >= 10 in 2021-2022, >= 14 from 2023."""
    n = int0(rec["ANTBU18"])
    if n < _MANY_CHILDREN[ctx.aar]:
        return None
    return Hit(T("11F.013.1").format(n=n), {"ANTBU18": n})  # fmt: skip


@rule("014", skjema=SKJEMA, severity=E, years=YEARS, fields=("VKLO",),
      title=T("11F.014.title"))  # fmt: skip
def vklo(rec: Record, ctx: Context) -> RuleResult:
    """VKLO is 1-9."""
    if rec["VKLO"] in code_list(SKJEMA, ctx.aar, "VKLO"):
        return None
    return _fail_code(rec, ctx, "VKLO", T("11F.014.1"))


# --- 015-025: income source, pension and work situation -------------------------------------

_ARBSIT_FOR_VKLO: dict[str, ByYear[frozenset[str]]] = {
    "1": by_year({2020: frozenset({"01", "02"})}),
    "2": by_year({2020: frozenset({"03", "05", "06", "09", "10"}),
                 2021: frozenset({"03", "05", "06"})}),
    "5": by_year({2020: frozenset({"02", "04", "05", "06", "07", "08"}),
                 2026: frozenset({"02", "03", "04", "05", "06", "07", "08"})}),
    "4": by_year({2020: frozenset({"03"})}),
    "6": by_year({2020: frozenset({"09"})}),
    "8": by_year({2020: frozenset({"10"})}),
}  # fmt: skip


def _vklo_arbsit(rec: Record, ctx: Context, vklo_code: str) -> RuleResult:
    if rec["VKLO"] != vklo_code:
        return None
    arbsit = rec["ARBSIT"]
    allowed = _ARBSIT_FOR_VKLO[vklo_code][ctx.aar]
    if arbsit in allowed:
        return None
    return Hit(T("11F.vklo_arbsit.1").format(
                      vklo=vklo_code, name=code_label(SKJEMA, ctx.aar, "VKLO", vklo_code),
                      found=shown(arbsit), allowed=codes_text(SKJEMA, ctx.aar, "ARBSIT",
                                                              sorted(allowed))),
               {"VKLO": vklo_code, "ARBSIT": arbsit})  # fmt: skip


_VKLO_TITLE = T("11F.vklo_title.1")


@rule("015", skjema=SKJEMA, severity=_by_year(W, E), years=YEARS, fields=("VKLO", "ARBSIT"),
      title=_VKLO_TITLE.format(n="15", code="1"))  # fmt: skip
def vklo1_arbsit(rec: Record, ctx: Context) -> RuleResult:
    """VKLO = 1 (arbeidsinntekt) and ARBSIT not in {01, 02}."""
    return _vklo_arbsit(rec, ctx, "1")


@rule("016", skjema=SKJEMA, severity=_by_year(W, E), years=YEARS, fields=("VKLO", "ARBSIT"),
      title=_VKLO_TITLE.format(n="16", code="2"))  # fmt: skip
def vklo2_arbsit(rec: Record, ctx: Context) -> RuleResult:
    """VKLO = 2 and ARBSIT not in {03, 05, 06, 09, 10} (2020) / {03, 05, 06} (from 2021)."""
    return _vklo_arbsit(rec, ctx, "2")


@rule("017", skjema=SKJEMA, severity=_by_year(W, E), years=YEARS, fields=("VKLO", "ARBSIT"),
      title=_VKLO_TITLE.format(n="17", code="4"))  # fmt: skip
def vklo4_arbsit(rec: Record, ctx: Context) -> RuleResult:
    """VKLO = 4 (stipend/lån) and ARBSIT is not 03."""
    return _vklo_arbsit(rec, ctx, "4")


@rule("018", skjema=SKJEMA, severity=_by_year(W, E), years=YEARS, fields=("VKLO", "ARBSIT"),
      title=_VKLO_TITLE.format(n="18", code="6"))  # fmt: skip
def vklo6_arbsit(rec: Record, ctx: Context) -> RuleResult:
    """VKLO = 6 (introduksjonsstønad) and ARBSIT is not 09."""
    return _vklo_arbsit(rec, ctx, "6")


@rule("019", skjema=SKJEMA, severity=_by_year(W, E), years=YEARS, fields=("VKLO", "ARBSIT"),
      title=_VKLO_TITLE.format(n="19", code="8"))  # fmt: skip
def vklo8_arbsit(rec: Record, ctx: Context) -> RuleResult:
    """VKLO = 8 (kvalifiseringsstønad) and ARBSIT is not 10."""
    return _vklo_arbsit(rec, ctx, "8")


_PENSION_CODES = frozenset({"01", "02", "04", "05", "06", "07", "09", "10", "11"})
_TRYGDESIT_FOR_VKLO3 = by_year({2020: _PENSION_CODES | {"12"}, 2021: _PENSION_CODES,
                               2024: _PENSION_CODES | {"13"}})  # fmt: skip


@rule("020B", skjema=SKJEMA, severity=E, years=since(2024), fields=("VKLO", "TRYGDESIT"),
      title=T("11F.020B.title"))  # fmt: skip
@rule("020", skjema=SKJEMA, severity=E, years=since(2020, until=2024), fields=("VKLO", "TRYGDESIT"),
      title=T("11F.020.title"))  # fmt: skip
def vklo3_trygdesit(rec: Record, ctx: Context) -> RuleResult:
    """VKLO = 3 and TRYGDESIT not a pension code (12 "ingen trygd" allowed only in 2020; 13
    "barnetrygd" allowed from 2024, when the rule is 020B)."""
    if rec["VKLO"] != "3":
        return None
    value = rec["TRYGDESIT"]
    allowed = _TRYGDESIT_FOR_VKLO3[ctx.aar]
    if value in allowed:
        return None
    return Hit(T("11F.020.1").format(
                      found=shown(value),
                      allowed=codes_text(SKJEMA, ctx.aar, "TRYGDESIT", sorted(allowed))),
               {"TRYGDESIT": value})  # fmt: skip


@rule("020A", skjema=SKJEMA, severity=W, years=since(2024, until=2026),
      fields=("VKLO", "TRYGDESIT"),
      title=T("11F.020A.title"))  # fmt: skip
def not_vklo3_trygdesit(rec: Record, ctx: Context) -> RuleResult:
    """VKLO is not 3 and TRYGDESIT is not 12 (ingen trygd)."""
    if rec["VKLO"] == "3" or rec["TRYGDESIT"] == "12":
        return None
    return Hit(T("11F.020A.1")
               .format(vklo=shown(rec["VKLO"]), found=shown(rec["TRYGDESIT"])),
               {"VKLO": rec["VKLO"], "TRYGDESIT": rec["TRYGDESIT"]})  # fmt: skip


@rule("021", skjema=SKJEMA, severity=W, years=KOTLIN_YEARS, fields=("VKLO", "ARBSIT"),
      title=_VKLO_TITLE.format(n="21", code="5"))  # fmt: skip
def vklo5_arbsit(rec: Record, ctx: Context) -> RuleResult:
    """VKLO = 5 (sosialhjelp) and ARBSIT not in {02, 04, 05, 06, 07, 08} (03 also from 2026)."""
    return _vklo_arbsit(rec, ctx, "5")


@rule("022", skjema=SKJEMA, severity=E, years=since(2026), fields=("TRYGDESIT",),
      title=T("11F.022.title"))  # fmt: skip
def trygdesit(rec: Record, ctx: Context) -> RuleResult:
    """TRYGDESIT is one of 01, 02, 04, 05, 06, 07, 09, 10, 11, 12, 13 (2026)."""
    if rec["TRYGDESIT"] in code_list(SKJEMA, ctx.aar, "TRYGDESIT"):
        return None
    return _fail_code(rec, ctx, "TRYGDESIT", T("11F.022.1"))


_OLD_AGE_LIMIT = by_year({2020: 60, 2021: 62, 2024: 59, 2026: 61})  # fires when age <= limit


@rule("023A", skjema=SKJEMA, severity=E, years=since(2026),
      fields=("TRYGDESIT", "PERSON_FODSELSNR"), scope="file",
      title=T("11F.023A.title"))  # fmt: skip
@rule("022", skjema=SKJEMA, severity=_by_year(W, E), years=since(2020, until=2026),
      fields=("TRYGDESIT", "PERSON_FODSELSNR"), scope="file",
      title=T("11F.022.old_age_pension_young.title"))  # fmt: skip
def old_age_pension_young(file: FileData, ctx: Context) -> Iterator[Hit]:
    """TRYGDESIT = 07 (alderspensjon) and the derived age (-1 when unknown) is <= 60 (2020),
    <= 62 (2021-2023), < 60 (2024-2025) or < 62 (2026, rule 023A)."""
    trygdesit = file.column("TRYGDESIT")
    if "07" not in set(trygdesit):
        return
    aar = ctx.aar
    ages = ages_2020(file) if aar == 2020 else None
    limit = _OLD_AGE_LIMIT[aar]
    for index, code in enumerate(trygdesit):
        if code != "07":
            continue
        if ages is not None:
            age = ages[index]
        elif aar <= 2022:
            age = age_2021(field_value(file, index, "PERSON_FODSELSNR"), aar)
        else:
            known = age_t7(field_value(file, index, "PERSON_FODSELSNR"), aar)
            age = -1 if known is None else known
        if age > limit:
            continue
        if age < 0:
            yield Hit(T("11F.022.2"), {"age": age},
                      index=index)  # fmt: skip
        else:
            yield Hit(T("11F.022.3").format(
                             age=age, limit=limit), {"age": age, "limit": limit},
                      index=index)  # fmt: skip


@rule("023B", skjema=SKJEMA, severity=E, years=since(2026), fields=("TRYGDESIT", "BU18", "ANTBU18"),
      title=T("11F.023B.title"))  # fmt: skip
@rule("023", skjema=SKJEMA, severity=_by_year(W, E), years=since(2020, until=2026),
      fields=("TRYGDESIT", "BU18", "ANTBU18"),
      title=T("11F.023.title"))  # fmt: skip
def transitional_without_children(rec: Record, ctx: Context) -> RuleResult:
    """TRYGDESIT = 05 and no children: until 2022 BU18 is not 1 and int0(ANTBU18) = 0; from
    2023 unless BU18 = 1 and int0(ANTBU18) > 0."""
    if rec["TRYGDESIT"] != "05" or _has_children(rec, ctx.aar):
        return None
    return _without_children(rec, T("11F.023.1"), "05")


def _has_children(rec: Record, aar: int) -> bool:
    children = int0(rec["ANTBU18"])
    if aar <= 2022:
        return rec["BU18"] == "1" or children != 0
    return rec["BU18"] == "1" and children > 0


def _without_children(rec: Record, benefit: str, code: str) -> Hit:
    return Hit(T("11F.without_children.1").format(
                      benefit=benefit, code=code, bu18=shown(rec["BU18"]),
                      antbu18=shown(rec["ANTBU18"])),
               {"BU18": rec["BU18"], "ANTBU18": rec["ANTBU18"]})  # fmt: skip


@rule("023C", skjema=SKJEMA, severity=E, years=since(2026), fields=("TRYGDESIT", "BU18", "ANTBU18"),
      title=T("11F.023C.title"))  # fmt: skip
@rule("023B", skjema=SKJEMA, severity=E, years=since(2024, until=2026),
      fields=("TRYGDESIT", "BU18", "ANTBU18"),
      title=T("11F.023B.child_benefit_without_children.title"))  # fmt: skip
def child_benefit_without_children(rec: Record, ctx: Context) -> RuleResult:
    """TRYGDESIT = 13 (barnetrygd) unless BU18 = 1 and int0(ANTBU18) > 0."""
    if rec["TRYGDESIT"] != "13" or _has_children(rec, ctx.aar):
        return None
    return _without_children(rec, T("11F.023B.1"), "13")


_ARBSIT_FOR_PENSION = by_year({2020: frozenset({"04"}), 2021: frozenset({"02", "04", "07"}),
                              2026: frozenset({"02", "03", "04", "05", "06", "07"})})  # fmt: skip


@rule("024", skjema=SKJEMA, severity=_by_year(E, W), years=YEARS, fields=("TRYGDESIT", "ARBSIT"),
      title=T("11F.024.title"))  # fmt: skip
def pension_arbsit(rec: Record, ctx: Context) -> RuleResult:
    """TRYGDESIT in {04, 07} and ARBSIT not 04 (2020) / not in {02, 04, 07} (from 2021)."""
    trygdesit = rec["TRYGDESIT"]
    if trygdesit != "04" and trygdesit != "07":
        return None
    arbsit = rec["ARBSIT"]
    allowed = _ARBSIT_FOR_PENSION[ctx.aar]
    if arbsit in allowed:
        return None
    name = code_label(SKJEMA, ctx.aar, "ARBSIT", arbsit) or T("11F.024.1")
    return Hit(T("11F.024.2").format(
                      pension=code_label(SKJEMA, ctx.aar, "TRYGDESIT", trygdesit).lower(),
                      code=trygdesit, found=shown(arbsit), name=name,
                      allowed=codes_text(SKJEMA, ctx.aar, "ARBSIT", sorted(allowed))),
               {"TRYGDESIT": trygdesit, "ARBSIT": arbsit})  # fmt: skip


@rule("024B", skjema=SKJEMA, severity=_by_year(W, E), years=YEARS,
      fields=("VKLO", "TRYGDESIT", "ARBSIT"),
      title=T("11F.024B.title"))  # fmt: skip
def aap_unregistered(rec: Record, ctx: Context) -> RuleResult:
    """VKLO = 3 and TRYGDESIT = 11 (AAP) and ARBSIT = 08 (arbeidsledig, ikke registrert)."""
    if rec["VKLO"] != "3" or rec["TRYGDESIT"] != "11" or rec["ARBSIT"] != "08":
        return None
    return Hit(T("11F.024B.1"), {})  # fmt: skip


@rule("025", skjema=SKJEMA, severity=E, years=YEARS, fields=("ARBSIT",),
      title=T("11F.025.title"))  # fmt: skip
def arbsit(rec: Record, ctx: Context) -> RuleResult:
    """ARBSIT is 01-10."""
    if rec["ARBSIT"] in code_list(SKJEMA, ctx.aar, "ARBSIT"):
        return None
    return _fail_code(rec, ctx, "ARBSIT", T("11F.025.1"))


# --- 026-031: months and amounts ------------------------------------------------------------


def _months_present_span(span: str, aar: int) -> bool:
    """2020 (literal): some month has a listed 2020 code ("00", blank or its own code);
    from 2021: some month equals its own code. ``span`` is STMND_1..STMND_12 together."""
    for m in range(12):
        v = span[2 * m : 2 * m + 2]
        if v == MONTH_CODES[m][1] or (aar == 2020 and (v == "00" or v == "  ")):
            return True
    return False


def _months_present(file: FileData, aar: int) -> list[bool]:
    def compute(f: FileData) -> list[bool]:
        col = spans(f, "STMND_1", "STMND_12")
        table = {v: _months_present_span(v, aar) for v in set(col)}
        return list(map(table.__getitem__, col))

    result: list[bool] = file.derived(f"11F:months_present:{aar}", compute)
    return result


def _amount_missing(file: FileData, aar: int) -> list[bool]:
    """027's condition per record: 2020 neither amount numeric; from 2021 neither > 0."""

    def compute(f: FileData) -> list[bool]:
        b, la = ints(f, "BIDRAG"), ints(f, "LAAN")
        if aar == 2020:
            return [x is None and y is None for x, y in zip(b, la, strict=True)]
        return [(x or 0) <= 0 and (y or 0) <= 0 for x, y in zip(b, la, strict=True)]

    result: list[bool] = file.derived(f"11F:amount_missing:{aar}", compute)
    return result


def _amounts(file: FileData, index: int) -> dict[str, str]:
    return {"bidrag": shown(field_value(file, index, "BIDRAG")),
            "laan": shown(field_value(file, index, "LAAN"))}  # fmt: skip


def _amount_values(file: FileData, index: int) -> dict[str, str]:
    return {"BIDRAG": field_value(file, index, "BIDRAG"), "LAAN": field_value(file, index, "LAAN")}


@rule("026", skjema=SKJEMA, severity=E, years=YEARS, fields=MONTHS, scope="file",
      title=T("11F.026.title"))  # fmt: skip
def no_months(file: FileData, ctx: Context) -> Iterator[Hit]:
    """No STMND_m is ticked (2020: literal test where blank and 00 count as ticked)."""
    for index in falsy_indexes(_months_present(file, ctx.aar)):
        yield Hit(T("11F.026.1").format(
                         **_amounts(file, index)),
                  _amount_values(file, index), index=index)  # fmt: skip


@rule("027", skjema=SKJEMA, severity=E, years=YEARS, fields=("BIDRAG", "LAAN"), scope="file",
      title=T("11F.027.title"))  # fmt: skip
def amount_missing(file: FileData, ctx: Context) -> Iterator[Hit]:
    """2020: neither BIDRAG nor LAAN is a number; from 2021: neither is greater than 0."""
    for index, missing in enumerate(_amount_missing(file, ctx.aar)):
        if missing:
            yield Hit(T("11F.027.1").format(
                             **_amounts(file, index)),
                      _amount_values(file, index), index=index)  # fmt: skip


@rule("028", skjema=SKJEMA, severity=E, years=JAVA_YEARS, fields=(*MONTHS, "BIDRAG", "LAAN"),
      scope="file", title=T("11F.028.title"))  # fmt: skip
def months_without_amount(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Months are present (as in 026) and the amount is missing (as in 027)."""
    months = _months_present(file, ctx.aar)
    for index, missing in enumerate(_amount_missing(file, ctx.aar)):
        if missing and months[index]:
            yield Hit(T("11F.028.1").format(**_amounts(file, index)),
                      _amount_values(file, index), index=index)  # fmt: skip


@rule("029", skjema=SKJEMA, severity=E, years=JAVA_YEARS, fields=("BIDRAG", "LAAN", *MONTHS),
      scope="file", title=T("11F.029.title"))  # fmt: skip
def amount_without_months(file: FileData, ctx: Context) -> Iterator[Hit]:
    """A numeric amount with a sum > 0 is given and no month is present (as in 026)."""
    months = _months_present(file, ctx.aar)
    b, la = ints(file, "BIDRAG"), ints(file, "LAAN")
    for index in falsy_indexes(months):
        x, y = b[index], la[index]
        if (x is not None or y is not None) and (x or 0) + (y or 0) > 0:
            yield Hit(T("11F.029.1").format(**_amounts(file, index)),
                      _amount_values(file, index), index=index)  # fmt: skip


def _totals(file: FileData, aar: int) -> list[int | None]:
    """The sum used by 030/031 per record, or None when the guard fails.

    2020: at least one amount is numeric; the sum of the numeric ones. 2021-2022: at least one
    amount is non-zero (int0); the int0 sum. From 2023: the int0 sum, no guard.
    """

    def compute(f: FileData) -> list[int | None]:
        b, la = ints(f, "BIDRAG"), ints(f, "LAAN")
        if aar >= 2023:
            return [(x or 0) + (y or 0) for x, y in zip(b, la, strict=True)]
        if aar == 2020:
            return [None if x is None and y is None else (x or 0) + (y or 0)
                    for x, y in zip(b, la, strict=True)]  # fmt: skip
        return [(x or 0) + (y or 0) if (x or y) else None for x, y in zip(b, la, strict=True)]

    result: list[int | None] = file.derived(f"11F:totals:{aar}", compute)
    return result


# 030 fires above the limit, or at it when the flag is set (2023-2024: "600 000 or more").
_UPPER_LIMIT = by_year({2020: (500_000, False), 2021: (600_000, False), 2023: (600_000, True),
                       2025: (1_000_000, False)})  # fmt: skip
_LOWER_LIMIT = by_year({2020: 50, 2021: 200})  # 031 fires at or below


@rule("030", skjema=SKJEMA, severity=W, years=YEARS, fields=("BIDRAG", "LAAN"), scope="file",
      title=T("11F.030.title"))  # fmt: skip
def amount_high(file: FileData, ctx: Context) -> Iterator[Hit]:
    """BIDRAG + LAAN is above SSB's upper limit (500 000 in 2020, 600 000 in 2021-2022, at least
    600 000 in 2023-2024, above 1 000 000 from 2025)."""
    limit, inclusive = _UPPER_LIMIT[ctx.aar]
    for index, total in enumerate(_totals(file, ctx.aar)):
        if total is not None and (total > limit or (inclusive and total == limit)):
            yield Hit(T("11F.030.1").format(
                             total=total, limit=limit, **_amounts(file, index)),
                      {"total": total, "limit": limit}, index=index)  # fmt: skip


@rule("031", skjema=SKJEMA, severity=W, years=YEARS, fields=("BIDRAG", "LAAN"), scope="file",
      title=T("11F.031.title"))  # fmt: skip
def amount_low(file: FileData, ctx: Context) -> Iterator[Hit]:
    """BIDRAG + LAAN is at or below SSB's lower limit (50 in 2020, 200 from 2021)."""
    limit = _LOWER_LIMIT[ctx.aar]
    for index, total in enumerate(_totals(file, ctx.aar)):
        if total is not None and total <= limit:
            yield Hit(T("11F.031.1").format(total=total, limit=limit, **_amounts(file, index)),
                      {"total": total, "limit": limit}, index=index)  # fmt: skip


# --- 032-043: counselling, plan, housing, monthly sums, DUF, conditions ---------------------


@rule("032", skjema=SKJEMA, severity=E, years=YEARS, fields=("GITT_OKONOMIRAD",),
      title=T("11F.032.title"))  # fmt: skip
def okonomirad(rec: Record, ctx: Context) -> RuleResult:
    """GITT_OKONOMIRAD is 1 or 2."""
    if rec["GITT_OKONOMIRAD"] in code_list(SKJEMA, ctx.aar, "GITT_OKONOMIRAD"):
        return None
    return _fail_code(rec, ctx, "GITT_OKONOMIRAD", T("11F.032.1"))


@rule("033", skjema=SKJEMA, severity=E, years=YEARS, fields=("FAAT_INDIVIDUELL_PLAN",),
      title=T("11F.033.title"))  # fmt: skip
def individuell_plan(rec: Record, ctx: Context) -> RuleResult:
    """FAAT_INDIVIDUELL_PLAN is 1 or 2."""
    if rec["FAAT_INDIVIDUELL_PLAN"] in code_list(SKJEMA, ctx.aar, "FAAT_INDIVIDUELL_PLAN"):
        return None
    return _fail_code(rec, ctx, "FAAT_INDIVIDUELL_PLAN",
                      T("11F.033.1"))  # fmt: skip


@rule("035", skjema=SKJEMA, severity=E, years=YEARS, fields=("BOSIT",),
      title=T("11F.035.title"))  # fmt: skip
def bosit(rec: Record, ctx: Context) -> RuleResult:
    """BOSIT is 1-7 in 2020 (5 and 7 both "Annet"), 1-6 from 2021."""
    if rec["BOSIT"] in code_list(SKJEMA, ctx.aar, "BOSIT"):
        return None
    return _fail_code(rec, ctx, "BOSIT", T("11F.035.1"))


def _monthly_mismatch(
    file: FileData, total_field: str, months: tuple[str, ...], aar: int
) -> Iterator[Hit]:
    if _sums_equal(file, total_field, months):
        return
    totals = ints0(file, total_field)
    sums = list(map(sum, zip(*(ints0(file, name) for name in months), strict=True)))
    if totals == sums:
        return  # compared in C; equal everywhere means no mismatch in any year
    any_total = aar >= 2023  # from 2023 also when the annual amount is 0 or blank
    for index, (total, monthly) in enumerate(zip(totals, sums, strict=True)):
        if (total > 0 or any_total) and total != monthly:
            yield Hit(T("11F.monthly_mismatch.1").format(
                             monthly=monthly, field=total_field, total=total),
                      {"monthly": monthly, total_field: total}, index=index)  # fmt: skip


def _sums_equal(file: FileData, total_field: str, parts: tuple[str, ...]) -> bool:
    """True when every record's ``total_field`` equals the sum of its ``parts`` (int0), found
    by adding the packed columns (:func:`kontroll.strided.packed_digits`) at once; False when
    that cannot tell (then the caller compares per record)."""
    fields = file.layout.fields
    if len(parts) * 10 ** max(fields[name].size for name in parts) >= 2**32:
        return False  # a slot of the sum could overflow into the next record's
    packed = [packed_digits(file, name) for name in (total_field, *parts)]
    if any(p is None for p in packed):
        return False
    return packed[0] == sum(packed[1:])  # type: ignore[arg-type]


@rule("036", skjema=SKJEMA, severity=W, years=YEARS, fields=("BIDRAG", *BIDRAG_MONTHS),
      scope="file", title=T("11F.036.title"))  # fmt: skip
def bidrag_months(file: FileData, ctx: Context) -> Iterator[Hit]:
    """int0(BIDRAG) (> 0 until 2022) differs from the sum of the twelve monthly contributions."""
    return _monthly_mismatch(file, "BIDRAG", BIDRAG_MONTHS, ctx.aar)


@rule("037", skjema=SKJEMA, severity=W, years=YEARS, fields=("LAAN", *LAAN_MONTHS),
      scope="file", title=T("11F.037.title"))  # fmt: skip
def laan_months(file: FileData, ctx: Context) -> Iterator[Hit]:
    """int0(LAAN) (> 0 until 2022) differs from the sum of the twelve monthly loans."""
    return _monthly_mismatch(file, "LAAN", LAAN_MONTHS, ctx.aar)


def _duf_fails_2020(duf: str) -> bool:
    d = duf.replace(" ", "0")
    remainder = duf_remainder(d[:10])
    return remainder is None or remainder != d[10:12]


def _duf_fires(fnr: str, duf: str, aar: int) -> bool:
    """038 for a record whose id failed the year's id test (see 11F.md, 038)."""
    if aar == 2020:
        return not fnr_ok_2020(fnr.replace(" ", "0")) and _duf_fails_2020(duf)
    if duf_valid(duf):
        return False
    if aar >= 2023:
        return not fnr.strip(WS)
    return not (parse_date(fnr[:6]) is not None and not duf.strip(WS))


@rule("038", skjema=SKJEMA, severity=by_year({2020: W, 2021: E, 2023: W}), years=YEARS,
      scope="file",
      fields=("PERSON_FODSELSNR", "PERSON_DUF"), title=T("11F.038.title"))  # fmt: skip
def duf(file: FileData, ctx: Context) -> Iterator[Hit]:
    """The id is unusable and the DUF number fails its check (year-specific details, see 11F.md)."""
    for index in falsy_indexes(_fnr_ok(file, ctx.aar)):
        duf_value = field_value(file, index, "PERSON_DUF")
        if _duf_fires(field_value(file, index, "PERSON_FODSELSNR"), duf_value, ctx.aar):
            yield Hit(T("11F.038.1").format(duf=shown(duf_value)),
                      {"PERSON_DUF": duf_value}, index=index)  # fmt: skip


@rule("039", skjema=SKJEMA, severity=E, years=YEARS, fields=("VILKARSOSLOV",),
      title=T("11F.039.title"))  # fmt: skip
def vilkar_soslov(rec: Record, ctx: Context) -> RuleResult:
    """VILKARSOSLOV is 1 or 2."""
    if rec["VILKARSOSLOV"] in code_list(SKJEMA, ctx.aar, "VILKARSOSLOV"):
        return None
    return _fail_code(
        rec,
        ctx,
        "VILKARSOSLOV",
        T("11F.039.1"),
    )


@rule("040", skjema=SKJEMA, severity=E, years=YEARS, fields=("VILKARSAMEKT",),
      title=T("11F.040.title"))  # fmt: skip
def vilkar_samekt(rec: Record, ctx: Context) -> RuleResult:
    """VILKARSAMEKT is 1 or 2."""
    if rec["VILKARSAMEKT"] in code_list(SKJEMA, ctx.aar, "VILKARSAMEKT"):
        return None
    return _fail_code(rec, ctx, "VILKARSAMEKT", T("11F.040.1"))


def _payment_date(rec: Record, field: str, what: str, aar: int) -> RuleResult:
    if rec["VILKARSOSLOV"] != "1":
        return None
    value = rec[field]
    pattern = "ddMMyyyy" if aar >= 2025 else "ddMMyy"
    if parse_date(value, pattern) is not None:
        return None
    return Hit(T("11F.payment_date.1").format(
                      what=what, pattern=pattern.upper().replace("Y", "Å"), found=shown(value)),
               {field: value})  # fmt: skip


@rule("041", skjema=SKJEMA, severity=E, years=YEARS, fields=("VILKARSOSLOV", "UTBETDATO"),
      title=T("11F.041.title"))  # fmt: skip
def utbetdato(rec: Record, ctx: Context) -> RuleResult:
    """VILKARSOSLOV = 1 and UTBETDATO is not a valid ddMMyy date."""
    return _payment_date(rec, "UTBETDATO", T("11F.041.1"), ctx.aar)


@rule("042", skjema=SKJEMA, severity=E, years=YEARS, fields=("VILKARSOSLOV", "UTBETTOMDATO"),
      title=T("11F.042.title"))  # fmt: skip
def utbettomdato(rec: Record, ctx: Context) -> RuleResult:
    """VILKARSOSLOV = 1 and UTBETTOMDATO is not a valid ddMMyy date."""
    return _payment_date(rec, "UTBETTOMDATO", T("11F.042.1"), ctx.aar)


def _vilkar_missing(aar: int) -> Callable[[str, str], bool]:
    """043's test for one record: (VILKARSOSLOV, VILKARARBEID..VILKARDIGPLAN as one span)."""
    own = _own_codes(aar, _vilkar(aar))
    width = 2

    def missing(soslov: str, span: str) -> bool:
        if soslov != "1":
            return False
        for k, (_, code) in enumerate(own):
            v = span[width * k : width * k + width]
            if aar == 2020:
                if v == code or v == "00" or v == "  ":
                    return False
            elif aar <= 2022:
                if v.strip(WS) == code:
                    return False
            elif v == code:
                return False
        return True

    return missing


@rule("043", skjema=SKJEMA, severity=E, years=YEARS, fields=("VILKARSOSLOV", *VILKAR),
      scope="file", title=T("11F.043.title"))  # fmt: skip
def vilkar_kind(file: FileData, ctx: Context) -> Iterator[Hit]:
    """VILKARSOSLOV = 1 and no kind of condition is ticked (2020: literal, blank/00 count;
    2021-2022 trimmed value; from 2023 raw value; VILKARNORSKSAMISKOPPL from 2024)."""
    soslov = file.column("VILKARSOSLOV")
    if "1" not in set(soslov):
        return
    names = _vilkar(ctx.aar)
    kinds = spans(file, names[0], names[-1])
    missing = _vilkar_missing(ctx.aar)
    table = {key: missing(*key) for key in set(zip(soslov, kinds, strict=True))}
    if not any(table.values()):
        return
    for index, key in enumerate(zip(soslov, kinds, strict=True)):
        if table[key]:
            yield Hit(T("11F.043.1"), {},
                      index=index)  # fmt: skip
