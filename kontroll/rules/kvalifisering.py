"""Control rules for skjema 11CF (kvalifiseringsstønad, KVP), statistics years 2020-2026.

This module has the file checks (000-002), the context checks (kommune, bydel, year: 003-004)
and the person checks (004A-013); :mod:`kontroll.rules.kvalifisering_program` has the
programme checks (014-039). Ids, severities and conditions are those of the control catalogue
11CF.md; year differences are data from :mod:`kontroll.rules.kvalifisering_data`. Messages name
the value found and what was expected, and never contain a national id number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import compress
from typing import Any

from kontroll.columns import failing, fnr_ages_2020
from kontroll.context import Context
from kontroll.findings import Severity
from kontroll.layout import code_list
from kontroll.messages import T, joined
from kontroll.records import FileData
from kontroll.registry import Hit, rule
from kontroll.rules.common import (
    file_description_hits,
    int0,
    is_blank,
    parse_date,
    quoted,
    record_length_hits,
)
from kontroll.rules.kvalifisering_data import (
    ALL_YEARS,
    MANY_CHILDREN,
    OSLO,
    OSLO_BYDELER,
    SKJEMA,
    ages,
    fnr_accepted,
)
from kontroll.strided import valid_ids
from kontroll.years import by_year, since

ERROR = Severity.ERROR
WARNING = Severity.WARNING
FATAL = Severity.FATAL
INFO = Severity.INFO


# --- 000-002: the delivery as a whole ---------------------------------------------------------


def _empty_delivery(file: FileData, aar: int) -> bool:
    """000: 2020-2022 "empty" is no non-blank line; from 2023 it is a raw content of one
    character (the portal's single space). A zero-byte file also counts as empty (doubt 9)."""
    if aar <= 2022:
        return len(file) == 0
    return len(file.raw) <= 1


@rule("000", skjema=SKJEMA, severity=FATAL, years=ALL_YEARS, scope="file",
      title=T("11CF.000.title"))  # fmt: skip
def participants_declaration(file: FileData, ctx: Context) -> Iterator[Hit]:
    """The "skal rapportere" declaration agrees with the file: none declared needs an empty
    delivery, participants declared need content (2020 and 2021 as the 2022 program)."""
    empty = _empty_delivery(file, ctx.aar)
    if ctx.has_participants:
        if empty and ctx.aar >= 2022:
            yield Hit(T("11CF.000.1"),
                      {"has_participants": True})  # fmt: skip
        return
    if empty:
        yield Hit(T("11CF.000.2").format(
                         aar=ctx.aar),
                  {"has_participants": False}, severity=INFO, stop=True)  # fmt: skip
        return
    yield Hit(T("11CF.000.3").format(aar=ctx.aar),
              {"has_participants": False, "records": len(file)})  # fmt: skip


@rule("001", skjema=SKJEMA, severity=FATAL, years=ALL_YEARS, scope="file",
      title=T("11CF.001.title"))  # fmt: skip
def record_length(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Every record is exactly the layout's length (167, 139, 139, 138, 136, 152, 152); in
    2020-2021 a file without records also fails."""
    return record_length_hits(file, ctx, empty_is_error=ctx.aar <= 2021)


# 002 ran in 2020-2022 only. Mandatory fields per year as the programs had them: the 2022
# layout file also marks EKTSTAT mandatory, the 2022 program did not (catalogue 002, doubt 6).
_MANDATORY = by_year(
    {
        2020: ("KOMMUNE_NR", "VERSION", "BYDELSNR", "KJONN", "BU18", "REG_DATO",
               "VEDTAK_DATO", "BEGYNT_DATO", "KVP_KOMM"),
        2021: ("KOMMUNE_NR", "VERSION", "KJONN", "BU18", "REG_DATO", "VEDTAK_DATO",
               "BEGYNT_DATO"),
        2022: ("KOMMUNE_NR", "VERSION", "PERSON_JOURNALNR", "PERSON_FODSELSNR", "KJONN", "BU18",
               "REG_DATO", "VEDTAK_DATO", "BEGYNT_DATO", "STATUS"),
    }
)  # fmt: skip


@rule("002", skjema=SKJEMA, severity=ERROR, years=since(2020, until=2023), scope="file",
      title=T("11CF.002.title"))  # fmt: skip
def file_description(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Each field matches the file description: mandatory fields not blank, codes from the
    code list, integers in number fields, ddMMyy dates in date fields (000000 exempt)."""
    for name in _MANDATORY[ctx.aar]:
        pos = file.layout.fields[name].position
        for index, _ in failing([file.column(name)], is_blank):
            yield Hit(
                T("11CF.002.1").format(name=name, pos=pos),
                {"field": name, "kind": "mandatory"},
                fields=(name,),
                index=index,
            )
    yield from file_description_hits(file, ctx, strict=False)
    if ctx.aar == 2022:
        yield from _file_description_2022(file)


def _file_description_2022(file: FileData) -> Iterator[Hit]:
    """The 2022 program's code lists where the regenerated 2022 layout file differs: KVP_OSLO
    is 1 or 2 (empty list in the file), KOMMNR_KVP_KOMM does not accept 9999."""
    for name, bad in (("KVP_OSLO", lambda v: v not in ("1", "2")),
                      ("KOMMNR_KVP_KOMM", lambda v: v == "9999")):  # fmt: skip
        pos = file.layout.fields[name].position
        for index, value in enumerate(file.column(name)):
            if not is_blank(value) and bad(value):
                yield Hit(T("11CF.file_description_2022.1").format(name=name, pos=pos, value=value),
                          {"field": name, "kind": "code", "value": value}, fields=(name,),
                          index=index)  # fmt: skip


# --- 003-004: kommune, bydel and year -----------------------------------------------------------
# Rules are file rules that work on columns (see kvalifisering_data.failing): the conditions
# are evaluated once per distinct value, which keeps the whole control near a few microseconds
# per record.


@rule("003", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("KOMMUNE_NR",),
      title=T("11CF.003.title"), scope="file")  # fmt: skip
def kommunenummer(file: FileData, ctx: Context) -> Iterator[Hit]:
    """KOMMUNE_NR (untrimmed) differs from the number of the delivering kommune."""
    expected = ctx.kommune
    for index, (value,) in failing([file.column("KOMMUNE_NR")], lambda v: v != expected):
        yield Hit(T("11CF.003.1").format(found=quoted(value), expected=expected),
                  {"KOMMUNE_NR": value, "expected": expected}, index=index)  # fmt: skip


# Value a non-Oslo BYDELSNR must have: "00" in 2020, blank from 2021 (None = any blank).
_NON_OSLO_BYDEL = by_year({2020: "00", 2021: "  ", 2023: None})


def _bydel_ok(kommune: str, value: str, aar: int) -> bool:
    if kommune == OSLO:
        return value in OSLO_BYDELER
    wanted = _NON_OSLO_BYDEL[aar]
    return is_blank(value) if wanted is None else value == wanted


@rule("003B", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("BYDELSNR",),
      title=T("11CF.003B.title"), scope="file")  # fmt: skip
def bydelsnummer(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Oslo (0301; until 2022 the delivering kommune, from 2023 the record's KOMMUNE_NR) has
    BYDELSNR 01-15; other kommuner have 00 (2020) or blank (2021 onwards)."""
    aar = ctx.aar
    bydeler = file.column("BYDELSNR")
    kommuner = [ctx.kommune] * len(file) if aar <= 2022 else file.column("KOMMUNE_NR")
    bad = failing([kommuner, bydeler], lambda k, v: not _bydel_ok(k, v, aar))
    for index, (kommune, value) in bad:
        if kommune == OSLO:
            expected = T("11CF.003B.1")
        elif _NON_OSLO_BYDEL[aar] == "00":
            expected = T("11CF.003B.2")
        else:
            expected = T("11CF.003B.3")
        yield Hit(T("11CF.003B.4").format(
                      found=quoted(value), expected=expected),
                  {"BYDELSNR": value, "KOMMUNE_NR": kommune}, index=index)  # fmt: skip


def _version_ok(value: str, aar: int) -> bool:
    if aar == 2020:
        return value == str(aar)[:2]
    if aar <= 2022:
        return value == str(aar)[2:]
    year = int0(value)
    return (year + 2000 if 1 <= year <= 99 else year) == aar


@rule("004", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("VERSION",),
      title=T("11CF.004.title"), scope="file")  # fmt: skip
def version(file: FileData, ctx: Context) -> Iterator[Hit]:
    """VERSION is the statistics year: 2020 its first two digits (quirk), 2021-2022 its last two,
    from 2023 int0(VERSION) (plus 2000 when 1-99) equals the year."""
    aar = ctx.aar
    expected = str(aar)[:2] if aar == 2020 else str(aar)[2:]
    for index, (value,) in failing([file.column("VERSION")], lambda v: not _version_ok(v, aar)):
        yield Hit(T("11CF.004.1").format(found=quoted(value), expected=expected,
                                                     aar=aar),
                  {"VERSION": value, "expected": expected}, index=index)  # fmt: skip


@rule("004A", skjema=SKJEMA, severity=ERROR, years=since(2025), fields=("FODSELSDATO",),
      title=T("11CF.004A.title"), scope="file")  # fmt: skip
def fodselsdato(file: FileData, ctx: Context) -> Iterator[Hit]:
    """FODSELSDATO is a valid date DDMMYYYY (blank fails)."""
    col = file.column("FODSELSDATO")
    for index, (value,) in failing([col], lambda v: parse_date(v, "ddMMyyyy") is None):
        yield Hit(T("11CF.004A.1").format(found=quoted(value)), {"FODSELSDATO": value},
                  index=index)  # fmt: skip


# --- 005-007: national id and age -----------------------------------------------------------------


@rule("005", skjema=SKJEMA, severity=by_year({2020: WARNING, 2024: ERROR}), years=ALL_YEARS,
      fields=("PERSON_FODSELSNR",), title=T("11CF.005.title"), scope="file")  # fmt: skip
def fodselsnummer(file: FileData, ctx: Context) -> Iterator[Hit]:
    """PERSON_FODSELSNR is not a valid id for the year (catalogue 5.3; blank is not valid)."""
    aar = ctx.aar
    col = file.column("PERSON_FODSELSNR")
    if aar == 2020:
        oks = fnr_ages_2020(file)[0]
        bad: Iterator[tuple[int, tuple[Any, ...]]] = (
            (i, (col[i],)) for i, ok in enumerate(oks) if not ok
        )
    else:
        bad = _not_accepted(file, col, aar)
    for index, (value,) in bad:
        if is_blank(value):
            message = T("11CF.005.1")
        else:
            message = T("11CF.005.2")
        # The id itself is never put into the message or the values.
        yield Hit(joined(message, T("11CF.005.3")),
                  index=index)  # fmt: skip


def _not_accepted(
    file: FileData, col: list[str], aar: int
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(index, (id,)) of the records whose id ``fnr_accepted`` rejects (2021 onwards): the
    check digits of every id from the bytes when they can be read there, the rest of the
    definition only for the ids with wrong check digits."""
    valid = valid_ids(file, "PERSON_FODSELSNR")
    if valid is None:
        yield from failing([col], lambda v: not fnr_accepted(v, aar))
        return
    for index in compress(range(len(col)), valid.translate(_FLIP)):
        if not fnr_accepted(col[index], aar):
            yield index, (col[index],)


_FLIP = bytes((1,)) + bytes(255)  # translate table: 0 -> 1, anything else -> 0


@rule(
    "005A",
    skjema=SKJEMA,
    severity=ERROR,
    years=since(2021),
    scope="file",
    fields=("PERSON_FODSELSNR", "PERSON_JOURNALNR"),
    title=T("11CF.005A.title"),
)
def duplicate_fodselsnummer(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Records with the same valid id (from 2022: same id and STATUS) are duplicates; Oslo is
    exempt (2021-2022 the delivering kommune, from 2023 records with KOMMUNE_NR 0301)."""
    aar = ctx.aar
    if aar <= 2022 and ctx.kommune == OSLO:
        return
    ids = file.column("PERSON_FODSELSNR")
    keys = ids if aar == 2021 else [i + s for i, s in zip(ids, file.column("STATUS"),
                                                          strict=True)]  # fmt: skip
    kommuner = file.column("KOMMUNE_NR") if aar >= 2023 else None
    groups: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        groups[key].append(index)
    journals = file.column("PERSON_JOURNALNR")
    for members in groups.values():
        if len(members) < 2:
            continue
        if kommuner is not None:
            members = [i for i in members if kommuner[i] != OSLO]
        if len(members) < 2 or not fnr_accepted(ids[members[0]], aar):
            continue
        for index in members:
            own = journals[index].strip()
            others = [journals[i].strip() for i in members if i != index]
            yield Hit(T("11CF.005A.1").format(
                             own=own, others=", ".join(f"«{o}»" for o in others),
                             status="" if aar == 2021 else T("11CF.005A.2")),
                      {"PERSON_JOURNALNR": own, "other_journals": others},
                      index=index)  # fmt: skip


@rule("005B", skjema=SKJEMA, severity=ERROR, years=since(2021), scope="file",
      fields=("PERSON_JOURNALNR",), title=T("11CF.005B.title"))  # fmt: skip
def duplicate_journalnummer(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Records with the same PERSON_JOURNALNR as written (blank included) are duplicates; Oslo
    is exempt (2021-2022 the delivering kommune, from 2023 records with KOMMUNE_NR 0301)."""
    if ctx.aar <= 2022 and ctx.kommune == OSLO:
        return
    journals = file.column("PERSON_JOURNALNR")
    if len(set(journals)) == len(journals):
        return
    kommuner = file.column("KOMMUNE_NR") if ctx.aar >= 2023 else None
    groups: dict[str, list[int]] = defaultdict(list)
    for index, journal in enumerate(journals):
        if kommuner is None or kommuner[index] != OSLO:
            groups[journal].append(index)
    for journal, members in groups.items():
        if len(members) < 2:
            continue
        for index in members:
            yield Hit(
                T("11CF.005B.1").format(journal=quoted(journal), count=len(members)),
                {"PERSON_JOURNALNR": journal, "count": len(members)},
                index=index,
            )


@rule("006", skjema=SKJEMA, severity=by_year({2020: WARNING, 2023: ERROR}), years=ALL_YEARS,
      fields=("PERSON_FODSELSNR",), title=T("11CF.006.title"), scope="file")  # fmt: skip
def under_18(file: FileData, ctx: Context) -> Iterator[Hit]:
    """The age from the id (5.4) is below 18; 2020-2022 this includes an underivable age (-1),
    from 2023 only a derivable age counts."""
    for index, (years,) in failing([ages(file, ctx.aar)], lambda a: a is not None and a < 18):
        message: str
        if years < 0:
            message = T("11CF.006.1")  # fmt: skip
        else:
            message = T("11CF.006.2").format(age=years)  # fmt: skip
        yield Hit(message, {"age": years}, index=index)


# 007: the lowest age that is flagged.
_TOO_OLD = by_year({2020: 97, 2021: 68, 2025: 69})


@rule("007", skjema=SKJEMA, severity=WARNING, years=ALL_YEARS, fields=("PERSON_FODSELSNR",),
      title=T("11CF.007.title"), scope="file")  # fmt: skip
def too_old(file: FileData, ctx: Context) -> Iterator[Hit]:
    """The age from the id is above the limit: 2020 over 96, 2021-2024 68 or more, from 2025
    over 68."""
    limit = _TOO_OLD[ctx.aar]
    for index, (years,) in failing([ages(file, ctx.aar)], lambda a: a is not None and a >= limit):
        yield Hit(T("11CF.007.1").format(age=years, limit=limit),
                  {"age": years, "limit": limit}, index=index)  # fmt: skip


# --- 008-013: person ------------------------------------------------------------------------------


@rule("008", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("KJONN",),
      title=T("11CF.008.title"), scope="file")  # fmt: skip
def kjonn(file: FileData, ctx: Context) -> Iterator[Hit]:
    """KJONN is not 1 (mann) or 2 (kvinne)."""
    for index, (value,) in failing([file.column("KJONN")], lambda v: v not in ("1", "2")):
        yield Hit(T("11CF.008.1").format(found=quoted(value)), {"KJONN": value},
                  index=index)  # fmt: skip


@rule("009", skjema=SKJEMA, severity=by_year({2020: WARNING, 2021: ERROR}), years=ALL_YEARS,
      fields=("EKTSTAT",), title=T("11CF.009.title"), scope="file")  # fmt: skip
def sivilstand(file: FileData, ctx: Context) -> Iterator[Hit]:
    """EKTSTAT is not one of 1-5 (blank fails)."""
    codes = code_list(SKJEMA, ctx.aar, "EKTSTAT")
    for index, (value,) in failing([file.column("EKTSTAT")], lambda v: v not in codes):
        yield Hit(
            T("11CF.009.1").format(found=quoted(value)),
            {"EKTSTAT": value},
            index=index,
        )


@rule("010", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("BU18",),
      title=T("11CF.010.title"), scope="file")  # fmt: skip
def har_barn(file: FileData, ctx: Context) -> Iterator[Hit]:
    """BU18 is not 1 (yes) or 2 (no)."""
    for index, (value,) in failing([file.column("BU18")], lambda v: v not in ("1", "2")):
        yield Hit(T("11CF.010.1").format(found=quoted(value)), {"BU18": value},
                  index=index)  # fmt: skip


@rule("011", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("BU18", "ANTBU18"),
      title=T("11CF.011.title"), scope="file")  # fmt: skip
def barn_uten_antall(file: FileData, ctx: Context) -> Iterator[Hit]:
    """BU18 = 1 and int0(ANTBU18) <= 0 (blank and non-numeric count as 0)."""
    columns = [file.column("BU18"), file.column("ANTBU18")]
    for index, (_, value) in failing(columns, lambda b, a: b == "1" and int0(a) <= 0):
        yield Hit(T("11CF.011.1").format(
                         found=quoted(value)), {"ANTBU18": value}, index=index)  # fmt: skip


@rule("012", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("ANTBU18", "BU18"),
      title=T("11CF.012.title"), scope="file")  # fmt: skip
def antall_uten_barn(file: FileData, ctx: Context) -> Iterator[Hit]:
    """int0(ANTBU18) > 0 and BU18 is not 1."""
    columns = [file.column("BU18"), file.column("ANTBU18")]
    for index, (bu18, value) in failing(columns, lambda b, a: b != "1" and int0(a) > 0):
        count = int0(value)
        yield Hit(T("11CF.012.1").format(count=count, bu18=quoted(bu18)),
                  {"ANTBU18": count, "BU18": bu18}, index=index)  # fmt: skip


@rule("013", skjema=SKJEMA, severity=by_year({2020: WARNING, 2021: ERROR}), years=ALL_YEARS,
      fields=("ANTBU18",), title=T("11CF.013.title"), scope="file")  # fmt: skip
def mange_barn(file: FileData, ctx: Context) -> Iterator[Hit]:
    """int0(ANTBU18) above the limit: more than 10 (2020-2021), 14 or more (from 2022)."""
    limit = MANY_CHILDREN[ctx.aar]
    for index, (value,) in failing([file.column("ANTBU18")], lambda a: int0(a) >= limit):
        count = int0(value)
        yield Hit(T("11CF.013.1").format(count=count, limit=limit),
                  {"ANTBU18": count, "limit": limit}, index=index)  # fmt: skip
