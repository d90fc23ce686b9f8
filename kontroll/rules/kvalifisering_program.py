"""Control rules 014-039 for skjema 11CF: the qualification programme itself.

Dates of the application, decision and start (014-016), the previous programme (019-020A),
benefits before and during the programme (021-027), months and amount of benefit (028-033)
and the status at 31 December (036-039). See :mod:`kontroll.rules.kvalifisering` for the
conventions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from kontroll.context import Context
from kontroll.findings import Severity
from kontroll.messages import T
from kontroll.records import FileData
from kontroll.registry import Hit, rule
from kontroll.rules.common import codes_text, parse_date, to_int
from kontroll.rules.kvalifisering_data import (
    ALL_YEARS,
    AMOUNT_MAX,
    AMOUNT_MIN,
    AVSL_FIELDS,
    COMPLETED_STATUS,
    ENDED_STATUS,
    INCOME_AFTER,
    KVP_MED_FIELDS,
    KVP_OSLO_CODES,
    MONTH_FIELDS,
    OSLO,
    SKJEMA,
    STATUS_CODES,
    YES_NO,
    YTELSE_TYPE,
    amounts,
    blank,
    date_pattern,
    failing,
    kommnr_codes,
    kroner,
    months_flags,
    quoted,
)
from kontroll.years import by_year, since

ERROR = Severity.ERROR
WARNING = Severity.WARNING

# --- 014-016: dates ---------------------------------------------------------------------------


def _version_year(version: str) -> int | None:
    """VERSION as a year with century (2023 onwards), None when it is not a number."""
    year = to_int(version)
    if year is None:
        return None
    return year + 2000 if 1 <= year <= 99 else year


def _date_problem(kommune: str, version: str, value: str, aar: int, start: bool) -> str | None:
    """014-016: why a date is not accepted ("invalid", "old", "future"), or None.

    2020-2021: it must be a date. From 2022 records of Oslo (KOMMUNE_NR 0301) are skipped, and
    the date may not be more than four years older than VERSION (2022: two-digit years; the
    comparison is skipped when VERSION is not a number, which 004 reports). 016 from 2024:
    not more than four years before the statistics year and not after it.
    """
    if aar >= 2022 and kommune == OSLO:
        return None
    day = parse_date(value, date_pattern(aar))
    if day is None:
        return "invalid"
    if aar <= 2021:
        return None
    if start and aar >= 2024:
        if aar - day.year > 4:
            return "old"
        return "future" if day.year > aar else None
    if aar == 2022:
        number = to_int(version)
        return "old" if number is not None and number - day.year % 100 > 4 else None
    year = _version_year(version)
    return "old" if year is not None and year - day.year > 4 else None


def _date_hits(file: FileData, ctx: Context, name: str, what: str) -> Iterator[Hit]:
    aar, start = ctx.aar, name == "BEGYNT_DATO"
    columns = [file.column("KOMMUNE_NR"), file.column("VERSION"), file.column(name)]
    pattern = "DDMMÅÅÅÅ" if aar >= 2025 else "DDMMÅÅ"
    bad = failing(columns, lambda k, v, d: _date_problem(k, v, d, aar, start) is not None)
    for index, (kommune, version, value) in bad:
        problem = _date_problem(kommune, version, value, aar, start)
        if problem == "invalid":
            text = T("11CF.date_hits.1")  # fmt: skip
        elif problem == "old":
            text = T("11CF.date_hits.2")
        else:
            text = T("11CF.date_hits.3")
        message = text.format(what=what, found=quoted(value), pattern=pattern, aar=aar)
        yield Hit(message, {name: value, "problem": problem}, index=index)


@rule("014", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("REG_DATO",),
      title=T("11CF.014.title"), scope="file")  # fmt: skip
def registreringsdato(file: FileData, ctx: Context) -> Iterator[Hit]:
    """REG_DATO is not a date, or (from 2022, not Oslo) more than 4 years before VERSION."""
    return _date_hits(file, ctx, "REG_DATO", T("11CF.014.1"))


@rule("015", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("VEDTAK_DATO",),
      title=T("11CF.015.title"), scope="file")  # fmt: skip
def vedtaksdato(file: FileData, ctx: Context) -> Iterator[Hit]:
    """VEDTAK_DATO is not a date, or (from 2022, not Oslo) more than 4 years before VERSION."""
    return _date_hits(file, ctx, "VEDTAK_DATO", T("11CF.015.1"))


@rule("016", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("BEGYNT_DATO",),
      title=T("11CF.016.title"), scope="file")  # fmt: skip
def begyntdato(file: FileData, ctx: Context) -> Iterator[Hit]:
    """BEGYNT_DATO is not a date, or (not Oslo) too old: 2022-2023 more than 4 years before
    VERSION, from 2024 more than 4 years before the statistics year or after it."""
    return _date_hits(file, ctx, "BEGYNT_DATO", T("11CF.016.1"))


# --- 019-021: before the programme ----------------------------------------------------------------


@rule("019", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("KVP_KOMM",),
      title=T("11CF.019.title"), scope="file")  # fmt: skip
def kvp_annen_kommune(file: FileData, ctx: Context) -> Iterator[Hit]:
    """KVP_KOMM is not 1 or 2 (2020 also accepted 0 and blank)."""
    codes = YES_NO[ctx.aar]
    for index, (value,) in failing([file.column("KVP_KOMM")], lambda v: v not in codes):
        yield Hit(T("11CF.019.1").format(found=quoted(value)), {"KVP_KOMM": value},
                  index=index)  # fmt: skip


@rule("020", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS,
      fields=("KVP_KOMM", "KOMMNR_KVP_KOMM"), title=T("11CF.020.title"),
      scope="file")  # fmt: skip
def kvp_kommunenummer(file: FileData, ctx: Context) -> Iterator[Hit]:
    """KVP_KOMM = 1 and KOMMNR_KVP_KOMM is not a kommunenummer of the year's code list (2020
    also 0000 and blank; 9999 only from 2025)."""
    codes = kommnr_codes(ctx.aar)
    columns = [file.column("KVP_KOMM"), file.column("KOMMNR_KVP_KOMM")]
    for index, (_, value) in failing(columns, lambda a, k: a == "1" and k not in codes):
        yield Hit(T("11CF.020.1").format(found=quoted(value),
                                                                       aar=ctx.aar),
                  {"KOMMNR_KVP_KOMM": value, "KVP_KOMM": "1"}, index=index)  # fmt: skip


@rule("020A", skjema=SKJEMA, severity=WARNING, years=since(2020, until=2023),
      fields=("KOMMUNE_NR", "KVP_OSLO"), title=T("11CF.020A.title"),
      scope="file")  # fmt: skip
def kvp_annen_bydel(file: FileData, ctx: Context) -> Iterator[Hit]:
    """For Oslo records (KOMMUNE_NR 0301) KVP_OSLO is not 1 or 2 (2020 also accepted 0)."""
    codes = KVP_OSLO_CODES[ctx.aar]
    columns = [file.column("KOMMUNE_NR"), file.column("KVP_OSLO")]
    for index, (_, value) in failing(columns, lambda k, v: k == OSLO and v not in codes):
        yield Hit(T("11CF.020A.1").format(found=quoted(value)),
                  {"KVP_OSLO": value}, index=index)  # fmt: skip


@rule("021", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS,
      fields=("YTELSE_SOSHJELP", "YTELSE_TYPE_SOSHJ"),
      title=T("11CF.021.title"), scope="file")  # fmt: skip
def sosialhjelp_for_soknad(file: FileData, ctx: Context) -> Iterator[Hit]:
    """YTELSE_SOSHJELP = 1 and YTELSE_TYPE_SOSHJ is not 2 or 3 (2020 also accepted 0 and blank)."""
    codes = YTELSE_TYPE[ctx.aar]
    columns = [file.column("YTELSE_SOSHJELP"), file.column("YTELSE_TYPE_SOSHJ")]
    for index, (_, value) in failing(columns, lambda s, t: s == "1" and t not in codes):
        yield Hit(T("11CF.021.1").format(found=quoted(value)),
                  {"YTELSE_TYPE_SOSHJ": value}, index=index)  # fmt: skip


# --- 026-027: other support during the programme --------------------------------------------------


@rule("026", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("KVP_MED_ASTONAD",),
      title=T("11CF.026.title"), scope="file")  # fmt: skip
def annen_stotte(file: FileData, ctx: Context) -> Iterator[Hit]:
    """KVP_MED_ASTONAD is not 1 or 2 (2020 also accepted 0 and blank)."""
    codes = YES_NO[ctx.aar]
    for index, (value,) in failing([file.column("KVP_MED_ASTONAD")], lambda v: v not in codes):
        yield Hit(T("11CF.026.1").format(
                         aar=ctx.aar, found=quoted(value)), {"KVP_MED_ASTONAD": value},
                  index=index)  # fmt: skip


def _support_problem(aar: int, ticks: tuple[str, ...], answer: str, *values: str) -> bool:
    """027: (a) answer 1 and no field holds its tick code (2020 also 0 or blank); (b) answer 2
    and a field is ticked (until 2022: anything but exactly " " or "0"; from 2023: its tick
    code)."""
    if answer == "1":
        for value, code in zip(values, ticks, strict=True):
            if value == code or (aar == 2020 and (value == "0" or value == " ")):
                return False
        return True
    if answer == "2":
        if aar >= 2023:
            return any(value == code for value, code in zip(values, ticks, strict=True))
        # The Java programs compare with " " and "0" exactly: TAB, NUL or ^Z is a tick
        # (fidelity fix 4).
        return any(value not in (" ", "0") for value in values)
    return False


@rule("027", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS,
      fields=("KVP_MED_ASTONAD", "KVP_MED_KOMMBOS", "KVP_MED_HUSBANK", "KVP_MED_SOSHJ_ENGANG",
              "KVP_MED_SOSHJ_PGM", "KVP_MED_SOSHJ_SUP"),
      title=T("11CF.027.title"), scope="file")  # fmt: skip
def hvilken_stotte(file: FileData, ctx: Context) -> Iterator[Hit]:
    """(a) KVP_MED_ASTONAD = 1 and none of the five support fields holds its code (2020 also 0
    or blank); (b) = 2 and one of them is ticked (until 2022 anything but blank or 0)."""
    aar = ctx.aar
    names = tuple(name for name, _ in KVP_MED_FIELDS[aar])
    ticks = tuple(code for _, code in KVP_MED_FIELDS[aar])
    columns = [file.column("KVP_MED_ASTONAD"), *(file.column(n) for n in names)]
    bad = failing(columns, lambda a, *v: _support_problem(aar, ticks, a, *v))
    for index, (answer, *values) in bad:
        if answer == "1":
            text = T("11CF.027.1")
        else:
            text = T("11CF.027.2")  # fmt: skip
        found = dict(zip(names, values, strict=True))
        listed = ", ".join(f"{name} = {quoted(value)}" for name, value in found.items())
        yield Hit(text.format(values=listed), {"KVP_MED_ASTONAD": answer, **found},
                  fields=("KVP_MED_ASTONAD", *names), index=index)  # fmt: skip


# --- 028-033: months and amount -------------------------------------------------------------------

_MONTH_NAMES = tuple(name for name, _ in MONTH_FIELDS)


@rule("028", skjema=SKJEMA, severity=by_year({2020: ERROR, 2021: WARNING}), years=ALL_YEARS,
      fields=_MONTH_NAMES, title=T("11CF.028.title"), scope="file")  # fmt: skip
def maaneder_mangler(file: FileData, ctx: Context) -> Iterator[Hit]:
    """No month with benefit is ticked (catalogue 5.5); from 2021 not checked for STATUS 2."""
    aar = ctx.aar
    columns: list[Sequence[Any]] = [file.column("STATUS"), months_flags(file, aar)]
    for index, _ in failing(columns, lambda s, m: not m and (aar == 2020 or s != "2")):
        amount = file.column("KVP_STONAD")[index]
        yield Hit(T("11CF.028.1").format(
                         aar=aar, amount=quoted(amount)), {"KVP_STONAD": amount},
                  index=index)  # fmt: skip


@rule("029", skjema=SKJEMA, severity=WARNING, years=ALL_YEARS, fields=("KVP_STONAD",),
      title=T("11CF.029.title"), scope="file")  # fmt: skip
def stonad_mangler(file: FileData, ctx: Context) -> Iterator[Hit]:
    """2020-2022: KVP_STONAD is not a number; from 2023: STATUS = 1 and int0(KVP_STONAD) <= 0."""
    aar, ints, raw = ctx.aar, amounts(file), file.column("KVP_STONAD")
    if aar <= 2022:
        text = T("11CF.029.1")  # fmt: skip
        bad = [i for i, n in enumerate(ints) if n is None]
    else:
        text = T("11CF.029.2")  # fmt: skip
        status = file.column("STATUS")
        bad = [i for i, n in enumerate(ints) if (n is None or n <= 0) and status[i] == "1"]
    for index in bad:
        yield Hit(
            text.format(found=quoted(raw[index])),
            {"KVP_STONAD": raw[index]},
            index=index,
        )


@rule(
    "030",
    skjema=SKJEMA,
    severity=WARNING,
    years=ALL_YEARS,
    fields=("KVP_STONAD", *_MONTH_NAMES),
    title=T("11CF.030.title"),
    scope="file",
)
def maaneder_uten_belop(file: FileData, ctx: Context) -> Iterator[Hit]:
    """Months are ticked but KVP_STONAD is missing: 2020-2022 not a number, from 2023 blank
    (and STATUS not 2)."""
    aar, ints, raw = ctx.aar, amounts(file), file.column("KVP_STONAD")
    months = months_flags(file, aar)
    bad = [i for i, n in enumerate(ints) if n is None and months[i]]
    if aar >= 2023:
        status = file.column("STATUS")
        bad = [i for i in bad if status[i] != "2" and blank(raw[i])]
    for index in bad:
        yield Hit(
            T("11CF.030.1").format(found=quoted(raw[index])),
            {"KVP_STONAD": raw[index]},
            index=index,
        )


@rule(
    "031",
    skjema=SKJEMA,
    severity=WARNING,
    years=ALL_YEARS,
    fields=("KVP_STONAD", *_MONTH_NAMES),
    title=T("11CF.031.title"),
    scope="file",
)
def belop_uten_maaneder(file: FileData, ctx: Context) -> Iterator[Hit]:
    """int0(KVP_STONAD) > 0 and no month is ticked; from 2023 only for STATUS 1."""
    aar, ints = ctx.aar, amounts(file)
    months = months_flags(file, aar)
    bad = [i for i, n in enumerate(ints) if n is not None and n > 0 and not months[i]]
    if aar >= 2023:
        status = file.column("STATUS")
        bad = [i for i in bad if status[i] == "1"]
    for index in bad:
        amount = ints[index]
        yield Hit(T("11CF.031.1").format(
                         amount=kroner(amount or 0), aar=aar), {"KVP_STONAD": amount},
                  index=index)  # fmt: skip


@rule("032", skjema=SKJEMA, severity=WARNING, years=ALL_YEARS, fields=("KVP_STONAD",),
      title=T("11CF.032.title"), scope="file")  # fmt: skip
def belop_over_grense(file: FileData, ctx: Context) -> Iterator[Hit]:
    """KVP_STONAD is a number above the limit: 235 000 (2020-2021), 600 000 (from 2022)."""
    limit = AMOUNT_MAX[ctx.aar]
    for index, amount in enumerate(amounts(file)):
        if amount is not None and amount > limit:
            yield Hit(T("11CF.032.1").format(amount=kroner(amount),
                                                                limit=kroner(limit)),
                      {"KVP_STONAD": amount, "limit": limit}, index=index)  # fmt: skip


@rule("033", skjema=SKJEMA, severity=WARNING, years=since(2020, until=2022), fields=("KVP_STONAD",),
      title=T("11CF.033.title"), scope="file")  # fmt: skip
def belop_under_grense(file: FileData, ctx: Context) -> Iterator[Hit]:
    """KVP_STONAD is a number below 8 000 (0 and negative included, blank not)."""
    for index, amount in enumerate(amounts(file)):
        if amount is not None and amount < AMOUNT_MIN:
            yield Hit(T("11CF.033.1").format(amount=kroner(amount),
                                                                limit=kroner(AMOUNT_MIN)),
                      {"KVP_STONAD": amount, "limit": AMOUNT_MIN}, index=index)  # fmt: skip


# --- 036-039: status at 31 December ---------------------------------------------------------------


@rule("036", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("STATUS",),
      title=T("11CF.036.title"), scope="file")  # fmt: skip
def status(file: FileData, ctx: Context) -> Iterator[Hit]:
    """STATUS is not a status code of the year: 1-6 (2020 also 0 and blank), 1-7 from 2023."""
    codes = STATUS_CODES[ctx.aar]
    bad = failing([file.column("STATUS")], lambda v: v not in codes)
    valid = codes_text(SKJEMA, ctx.aar, "STATUS", sorted(c for c in codes if c.strip()))
    for index, (value,) in bad:
        yield Hit(T("11CF.036.1").format(
                         aar=ctx.aar, found=quoted(value), valid=valid), {"STATUS": value},
                  index=index)  # fmt: skip


def _real_date(value: str, pattern: str) -> dt.date | None:
    """A date that exists in the calendar (no clamping of 31.04 to 30.04)."""
    day = parse_date(value, pattern)
    if day is None or day.day != int(value[0:2]):
        return None
    return day


def _end_date_problem(code: str, value: str, aar: int) -> str | None:
    """037: "missing" when an ended programme lacks a valid end date, "not_blank" (2022) when
    another status has one, else None."""
    if code not in ENDED_STATUS[aar]:
        return "not_blank" if aar == 2022 and value != "      " else None
    pattern = date_pattern(aar)
    if aar >= 2024:
        day = _real_date(value, pattern)
        return None if day is not None and day.year == aar else "missing"
    return None if parse_date(value, pattern) is not None else "missing"


@rule("037", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("STATUS", "AVSL_DATO"),
      title=T("11CF.037.title"), scope="file")  # fmt: skip
def avslutningsdato(file: FileData, ctx: Context) -> Iterator[Hit]:
    """For an ended programme (STATUS 3, 4, 5; from 2023 also 7) AVSL_DATO is a date (from 2024
    a real date within the statistics year); 2022 also: other statuses leave it blank."""
    aar = ctx.aar
    columns = [file.column("STATUS"), file.column("AVSL_DATO")]
    codes = codes_text(SKJEMA, aar, "STATUS", sorted(ENDED_STATUS[aar]))
    within = T("11CF.037.1").format(aar=aar) if aar >= 2024 else ""
    for index, (code, value) in failing(
        columns, lambda s, d: _end_date_problem(s, d, aar) is not None
    ):
        if _end_date_problem(code, value, aar) == "not_blank":
            message = T("11CF.037.2").format(
                             found=quoted(value), status=quoted(code))  # fmt: skip
        else:
            message = T("11CF.037.3").format(found=quoted(value), within=within, aar=aar,
                                            codes=codes)  # fmt: skip
        yield Hit(message, {"AVSL_DATO": value, "STATUS": code}, index=index)


def _no_situation(aar: int, ticks: tuple[str, ...], code: str, *values: str) -> bool:
    """038: a completed status and none of the fields holds its code (2020: also 00/blank)."""
    if code not in COMPLETED_STATUS[aar]:
        return False
    for value, tick in zip(values, ticks, strict=True):
        if value == tick or (aar == 2020 and (value == "00" or value == "  ")):
            return False
    return True


@rule(
    "038",
    skjema=SKJEMA,
    severity=ERROR,
    years=ALL_YEARS,
    fields=(
        "STATUS",
        "AVSL_ORDINAERTARB",
        "AVSL_ARBLONNSTILS",
        "AVSL_ARBMARK",
        "AVSL_SKOLE",
        "AVSL_ANNET",
    ),
    title=T("11CF.038.title"),
    scope="file",
)
def situasjon_etter_program(file: FileData, ctx: Context) -> Iterator[Hit]:
    """STATUS 3 (from 2023 also 7) and none of the ten situation fields holds its code (2020
    also 00 or blank)."""
    aar = ctx.aar
    names = tuple(name for name, _ in AVSL_FIELDS[aar])
    ticks = tuple(code for _, code in AVSL_FIELDS[aar])
    completed = COMPLETED_STATUS[aar]
    status = file.column("STATUS")
    fields = [file.layout.fields[n] for n in names]
    for index in [i for i, s in enumerate(status) if s in completed]:
        text = file.texts[index]
        values = [text[f.start : f.end] for f in fields]
        if not _no_situation(aar, ticks, status[index], *values):
            continue
        yield Hit(T("11CF.038.1").format(status=status[index]),
                  {"STATUS": status[index], **dict(zip(names, values, strict=True))},
                  fields=("STATUS", *names), index=index)  # fmt: skip


@rule("039", skjema=SKJEMA, severity=ERROR, years=since(2021),
      fields=("STATUS", "AVSL_VIKTIGSTE_INNTEKT"),
      title=T("11CF.039.title"), scope="file")  # fmt: skip
def inntekt_etter_program(file: FileData, ctx: Context) -> Iterator[Hit]:
    """STATUS 3 and AVSL_VIKTIGSTE_INNTEKT is not one of its ten codes."""
    columns = [file.column("STATUS"), file.column("AVSL_VIKTIGSTE_INNTEKT")]
    codes = ", ".join(sorted(INCOME_AFTER))
    for index, (_, value) in failing(columns, lambda s, v: s == "3" and v not in INCOME_AFTER):
        yield Hit(T("11CF.039.1").format(found=quoted(value), codes=codes),
                  {"AVSL_VIKTIGSTE_INNTEKT": value, "STATUS": "3"}, index=index)  # fmt: skip
