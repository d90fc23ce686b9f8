"""Helpers shared by the rule modules of every skjema.

Definitions follow the catalogues' section 5 ("T1".."T8"): blank and integer semantics, dates,
national id numbers (fødselsnummer / D-nummer) and their age, DUF numbers, and the generic
checks 001 (record length) and 002 (file description), which every skjema registers with its
own years (see :func:`record_length_hits` and :func:`file_description_hits`).

None of these helpers ever puts a national id number into a message or a value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

from kontroll.context import Context
from kontroll.definitions import age_t6, days_in_month_yy
from kontroll.layout import Field, load_layout
from kontroll.messages import T, joined
from kontroll.reader import JAVA_WHITESPACE, has_binary, utf8_length
from kontroll.records import FileData
from kontroll.registry import Hit
from kontroll.strided import code_values, distinct_keys, has_blank

WS = JAVA_WHITESPACE
_DIGITS = frozenset("0123456789")
_INT_MIN = -(2**31)
_INT_MAX = 2**31 - 1


# --- T1/T2: blank and integer values ----------------------------------------------------------


def trim(value: str) -> str:
    """The value without leading/trailing characters <= U+0020 (Java ``String.trim``)."""
    return value.strip(WS)


def is_blank(value: str) -> bool:
    """True when the value holds only spaces or control characters."""
    return not value.strip(WS)


@lru_cache(maxsize=65536)
def to_int(value: str) -> int | None:
    """T2: the integer in ``value`` (trimmed, optional sign, ASCII digits, 32-bit), else None."""
    t = value.strip(WS)
    digits = t[1:] if t[:1] in ("+", "-") else t
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    n = int(t)
    return n if _INT_MIN <= n <= _INT_MAX else None


def int0(value: str) -> int:
    """T2: ``to_int`` with 0 for blank or non-numeric values."""
    if value.isdigit() and value.isascii() and len(value) < 10:
        return int(value)  # fast path: zero-padded digits, no sign or spaces, fits 32 bits
    n = to_int(value)
    return 0 if n is None else n


def shown(value: str) -> str:
    """A raw value as shown in a message: trimmed, or «blank» when empty."""
    t = value.strip(WS)
    return t if t else T("common.shown.1")


# --- T3: dates ------------------------------------------------------------------------------


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


@lru_cache(maxsize=16384)
def parse_date(value: str, pattern: str = "ddMMyy") -> dt.date | None:
    """T3: ``ddMMyy`` (year 2000+yy) or ``ddMMyyyy``; a day past the month's end is clamped.

    Exactly 6 (8) ASCII digits, day 01-31 and month 01-12 are required; "000000" fails.
    """
    size = 8 if pattern == "ddMMyyyy" else 6
    if len(value) != size or not value.isascii() or not value.isdigit():
        return None
    day, month = int(value[0:2]), int(value[2:4])
    year = int(value[4:]) if size == 8 else 2000 + int(value[4:6])
    if not (1 <= day <= 31 and 1 <= month <= 12) or year < 1:
        return None
    return dt.date(year, month, min(day, _days_in_month(year, month)))


# --- T4-T7: national id numbers ---------------------------------------------------------------

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3)  # the tenth weight, 2, applies to k1


def _check_digits_ok(d: list[int]) -> bool:
    r1 = sum(w * x for w, x in zip(_W1, d, strict=False)) % 11
    if r1 == 1:
        return False
    k1 = 0 if r1 == 0 else 11 - r1
    r2 = (sum(w * x for w, x in zip(_W2, d, strict=False)) + 2 * k1) % 11
    if r2 == 1:
        return False
    k2 = 0 if r2 == 0 else 11 - r2
    return k1 == d[9] and k2 == d[10]


def fnr_valid(value: str) -> bool:
    """T6/T7: eleven ASCII digits with correct mod-11 check digits (no date test)."""
    if len(value) != 11 or not value.isascii() or not value.isdigit():
        return False
    # Unrolled over the bytes (each digit is its byte - 48): several times faster than the
    # generic loop, and it runs once per record.
    b = value.encode("ascii")
    r1 = (3*b[0] + 7*b[1] + 6*b[2] + b[3] + 8*b[4] + 9*b[5] + 4*b[6] + 5*b[7] + 2*b[8]
          - 48 * 45) % 11  # fmt: skip
    if r1 == 1:
        return False
    k1 = 0 if r1 == 0 else 11 - r1
    if k1 != b[9] - 48:
        return False
    r2 = (5*b[0] + 4*b[1] + 3*b[2] + 2*b[3] + 7*b[4] + 6*b[5] + 5*b[6] + 4*b[7] + 3*b[8]
          - 48 * 39 + 2 * k1) % 11  # fmt: skip
    if r2 == 1:
        return False
    return (0 if r2 == 0 else 11 - r2) == b[10] - 48


def _date_part_ok_2020(value: str) -> bool:
    """T4 steps 1-3: ddMMyy with D-number day (+40), February 28 (29 when yy % 4 == 0)."""
    head = value[:6]
    if len(head) != 6 or not head.isascii():
        return False
    # The reference first requires Integer.parseInt(head), which takes a leading sign, then
    # reads the day with Format.parseInt: "+5" is day 5 (a "-" gives a negative day, which
    # fails below). So "+" in place of a leading 0 passes (fidelity fix 3).
    if head[0] == "+" and head[1:].isdigit():
        day = int(head[1])
    elif head.isdigit():
        day = int(head[0:2])
    else:
        return False
    month, yy = int(head[2:4]), int(head[4:6])
    if day > 31:
        day -= 40
    if not 1 <= month <= 12:
        return False
    last = 29 if month == 2 and yy % 4 == 0 else (28 if month == 2 else _days_in_month(2001, month))
    return 1 <= day <= last


def fnr_ok_2020(value: str) -> bool:
    """T4: the 2020 id test (date part, then check digits with non-digits read as 0)."""
    if not _date_part_ok_2020(value):
        return False
    if len(value) == 11 and value.isascii() and value.isdigit():
        return fnr_valid(value)  # the usual case, without the per-character loop
    d = [ord(c) - 48 if "0" <= c <= "9" else 0 for c in value[:11]]
    d.extend([0] * (11 - len(d)))
    return _check_digits_ok(d)


def age_2020(value: str, ok: bool | None = None) -> int:
    """T5: age in 2020 from an id (month and day ignored); -1 when it cannot be derived.

    ``ok`` is ``fnr_ok_2020(value)`` when the caller already knows it.
    """
    born: int | None = None
    yy = 0
    if fnr_ok_2020(value) if ok is None else ok:
        ind_s = value[6:9]
        if not (ind_s.isascii() and ind_s.isdigit() and len(ind_s) == 3):
            return -1
        ind, yy = int(ind_s), int(value[4:6])
        if ind >= 500 and yy < 40:
            born = 2000 + yy
        elif ind <= 499 or ind >= 900 and yy > 39:
            born = 1900 + yy
    if born is None:
        if not _date_part_ok_2020(value):
            return -1
        yy = int(value[4:6])
        born = 2000 + yy if yy < 20 else 1900 + yy
    return 2020 - born


def fnr_age_2020(value: str, valid: bool | None = None) -> tuple[bool, int]:
    """``(fnr_ok_2020(value), age_2020(value))`` in one pass (one call per record).

    Exact: an id of eleven ASCII digits (nearly every record) runs the same tests inlined on
    its bytes - the date part, the check digits of :func:`fnr_valid`, the century from the
    individual number - and anything else goes through the two functions themselves.
    ``valid`` is ``fnr_valid(value)`` when the caller already knows it.
    """
    if len(value) != 11 or not value.isascii() or not value.isdigit():
        ok = fnr_ok_2020(value)
        return ok, age_2020(value, ok)
    b = value.encode("ascii")
    day, month, yy = 10 * b[0] + b[1] - 528, 10 * b[2] + b[3] - 528, 10 * b[4] + b[5] - 528
    if day > 31:
        day -= 40
    if not 1 <= month <= 12:
        return False, -1
    last = 29 if month == 2 and yy % 4 == 0 else (28 if month == 2 else _days_in_month(2001, month))
    if not 1 <= day <= last:
        return False, -1  # the date part fails: not accepted, and no age
    fallback = 2020 - (2000 + yy if yy < 20 else 1900 + yy)  # age_2020 from the date part
    if not (fnr_valid(value) if valid is None else valid):
        return False, fallback
    ind = 100 * b[6] + 10 * b[7] + b[8] - 5328
    if ind >= 500 and yy < 40:
        return True, 2020 - (2000 + yy)
    if ind <= 499 or ind >= 900 and yy > 39:
        return True, 2020 - (1900 + yy)
    return True, fallback


def age_2021(value: str, aar: int) -> int:
    """T6: age for 2021-2022 as the reference computes it (:func:`definitions.age_t6`), -1
    when unknown (or 99, or when the reference's parsing throws)."""
    if len(value) == 11 and value.isascii() and value.isdigit():
        return _age_2021_digits(value.encode("ascii"), aar)
    age = age_t6(value, aar)
    return -1 if age is None else age


def _age_2021_digits(b: bytes, aar: int) -> int:
    """:func:`age_2021` of an id of ASCII digits (its bytes), without building a date: the
    date must exist (no 31 February; 29 February when the two-digit year is a leap year in
    SimpleDateFormat's window, which for these years is yy % 4 == 0)."""
    day = 10 * b[0] + b[1] - 528
    if day > 31:
        day -= 40
    month, yb = 10 * b[2] + b[3] - 528, 10 * b[4] + b[5] - 528
    if not (1 <= month <= 12 and 1 <= day <= days_in_month_yy(month, yb)):
        return -1
    yr = aar % 100
    age = yr - yb if yb <= yr else yr + 100 - yb
    return -1 if age == 99 else age


# T7 (2023 onwards, the Kotlin programs) ------------------------------------------------------

ID_SUFFIXES = ("00100", "00200", "99999")  # ids with an unknown individual number


def _with_year(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February moved to a year that is not a leap year: 28 February
        return day.replace(year=year, day=28)


def birth_date_t7(value: str, aar: int) -> dt.date | None:
    """T7: the birth date of an 11-digit id in statistics year ``aar`` (2023 onwards), or None.

    2025 onwards: ids ending in one of ID_SUFFIXES are read as ddMMyy in the 2000s, moved back a
    century when after 31 December of aar + 1; others drop the D-number (+4 on the first digit)
    and synthetic (+8 on the third) offsets and take the century from the individual number.
    2023-2024: the D-number step, 8 off the third digit when it is above 1, the 2000s, and back a
    century when more than a year after the run date - fixed here to 15 January after the
    statistics year so a rerun gives the same result.
    """
    if len(value) != 11 or not value.isascii() or not value.isdigit():
        return None
    d0, d2 = int(value[0]), int(value[2])
    if aar <= 2024:
        d0 -= 4 if d0 >= 4 else 0
        d2 -= 8 if d2 > 1 else 0
        if d2 < 0:
            return None
        born = parse_date(f"{d0}{value[1]}{d2}{value[3:6]}")
        if born is not None and born > dt.date(aar + 2, 1, 15):
            born = _with_year(born, born.year - 100)
        return born
    if value.endswith(ID_SUFFIXES):
        born = parse_date(value[:6])
        if born is not None and born > dt.date(aar + 1, 12, 31):
            born = _with_year(born, born.year - 100)
        return born
    d0 -= 4 if d0 >= 4 else 0
    d2 -= 8 if d2 >= 8 else 0
    born = parse_date(f"{d0}{value[1]}{d2}{value[3:6]}")
    if born is None:
        return None
    ind, yy = int(value[6:9]), born.year - 2000
    if ind >= 500 and yy <= 39:
        century = 2000
    elif 500 <= ind <= 749 and yy >= 54:
        century = 1800
    elif ind <= 499 or ind >= 900:
        century = 1900
    else:
        century = 2000
    return _with_year(born, century + yy)


def age_t7(value: str, aar: int) -> int | None:
    """``aar - birth_date_t7(value, aar).year`` (None when there is no birth date).

    From 2025 the year alone is worked out from the digits, without building dates: exact,
    because the date tests of :func:`parse_date` only need day 1-31 and month 1-12, clamping
    a day keeps the year, and "after 31 December of aar + 1" means a later year.
    """
    if aar <= 2024 or len(value) != 11 or not value.isascii() or not value.isdigit():
        born = birth_date_t7(value, aar)
        return None if born is None else aar - born.year
    b = value.encode("ascii")
    yy = 10 * b[4] + b[5] - 528
    if value.endswith(ID_SUFFIXES):
        if not (1 <= 10 * b[0] + b[1] - 528 <= 31 and 1 <= 10 * b[2] + b[3] - 528 <= 12):
            return None
        return aar - (2000 + yy if 2000 + yy <= aar + 1 else 1900 + yy)
    d0, d2 = b[0] - 48, b[2] - 48
    d0 -= 4 if d0 >= 4 else 0
    d2 -= 8 if d2 >= 8 else 0
    if not (1 <= 10 * d0 + b[1] - 48 <= 31 and 1 <= 10 * d2 + b[3] - 48 <= 12):
        return None
    ind = 100 * b[6] + 10 * b[7] + b[8] - 5328
    if ind >= 500 and yy <= 39:
        century = 2000
    elif 500 <= ind <= 749 and yy >= 54:
        century = 1800
    elif ind <= 499 or ind >= 900:
        century = 1900
    else:
        century = 2000
    return aar - (century + yy)


def fnr_accepted_t7(value: str, aar: int) -> bool:
    """T7 "accepted for 005": a valid id, or a readable birth date with one of ID_SUFFIXES."""
    if fnr_valid(value):
        return True
    return value.endswith(ID_SUFFIXES) and birth_date_t7(value, aar) is not None


# --- T8: DUF numbers ------------------------------------------------------------------------

_DUF_W = (4, 6, 3, 2, 4, 6, 3, 2, 7, 5)


def duf_remainder(first10: str) -> str | None:
    """The two-digit DUF control remainder of ten digits, or None if they are not digits."""
    if len(first10) != 10 or not first10.isascii() or not first10.isdigit():
        return None
    return f"{sum(w * (ord(c) - 48) for w, c in zip(_DUF_W, first10, strict=True)) % 11:02d}"


def duf_valid(value: str) -> bool:
    """T8: twelve digits whose last two equal the remainder of the first ten."""
    if len(value) != 12 or not value.isdigit():
        return False
    return duf_remainder(value[:10]) == value[10:12]


# --- codes ----------------------------------------------------------------------------------


def code_label(skjema: str, aar: int, field: str, code: str) -> str:
    """The name of ``code`` in ``field``'s code list, or "" when it is not a listed code."""
    f = load_layout(skjema, aar).fields.get(field)
    return f.code_labels.get(code, "") if f else ""


def codes_text(skjema: str, aar: int, field: str, codes: object = None) -> str:
    """Codes with their names for a message: "1 = Mann, 2 = Kvinne"."""
    f = load_layout(skjema, aar).fields[field]
    wanted = list(codes) if codes is not None else list(f.code_labels)  # type: ignore[call-overload]
    return ", ".join(
        f"{c} = {f.code_labels[c]}" if f.code_labels.get(c) else c for c in wanted if c.strip(WS)
    )


# --- 001: record length ---------------------------------------------------------------------


def record_length_hits(file: FileData, ctx: Context, *, empty_is_error: bool) -> Iterator[Hit]:
    """001: every kept line must be exactly the record length; one FATAL hit per bad line.

    With ``empty_is_error`` a file without records is one file-level hit. From 2023 a line
    containing a TAB also fails. A line that is the right length when read as UTF-8, and a
    line holding control characters, get a message that names the real cause.
    """
    length = file.layout.record_length
    tab_fails = ctx.aar >= 2023
    if not file.texts:
        if empty_is_error:
            yield Hit(T("common.record_length_hits.1").format(length=length),
                      {"length": 0})  # fmt: skip
        return
    for text, number in zip(file.texts, file.numbers, strict=True):
        if len(text) == length and not (tab_fails and "\t" in text):
            continue
        yield Hit(_length_message(text, length), {"length": len(text), "expected": length},
                  line=number)  # fmt: skip


def _length_message(text: str, length: int) -> str:
    base = T("common.length_message.1")  # fmt: skip
    message = base.format(found=len(text), length=length)
    chars = utf8_length(text)
    if chars is not None:
        cause = T("common.length_message.2")  # fmt: skip
        return joined(message, cause)
    if "\t" in text:
        return joined(message, T("common.length_message.3"))
    if has_binary(text):
        return joined(message, T("common.length_message.4"))  # fmt: skip
    return message


# --- 002: file description ------------------------------------------------------------------


def _problems(f: Field, value: str, *, strict: bool) -> list[tuple[str, str]]:
    """Reasons ``value`` breaks field ``f``'s description, as (kind, message) pairs.

    ``strict=False`` is the 2020-2022 Java logic: blank passes; code list and integer tests may
    both apply; "000000" is exempt from the date test. ``strict=True`` is the 2026 Kotlin logic:
    blank fails only when mandatory; one test chosen by data type; all-zero dates fail.
    """
    if not value.strip(WS):
        if strict and f.mandatory:
            return [("mandatory", T("common.problems.1"))]
        return []
    found: list[tuple[str, str]] = []
    if f.datatype == "integer":
        if to_int(value) is None:
            found.append(("integer", T("common.problems.2")))
        if strict:
            return found
    if f.datatype == "date":
        if (strict or value != "0" * len(value)) and parse_date(value, f.date_pattern) is None:
            found.append(("date", T("common.problems.3").format(
                pattern=f.date_pattern.upper().replace("Y", "Å"))))  # fmt: skip
        return found
    if f.codes and value not in f.codes:
        found.append(("code", T("common.problems.4").format(
            codes=", ".join(f"«{c}» = {n}" if not c.strip(WS) else f"{c} = {n}"
                            for c, n in f.code_labels.items()))))  # fmt: skip
    return found


def file_description_hits(
    file: FileData, ctx: Context, *, strict: bool, optional: frozenset[str] = frozenset()
) -> Iterator[Hit]:
    """002: every field must match the file description; one hit per field and problem.

    Works on columns, in layout order: adjacent code-list fields are tested together as one
    slice per distinct value (a file has few distinct combinations of codes), number fields
    through :func:`kontroll.columns.ints`, other fields per distinct value. Fields named in
    ``optional`` are not treated as mandatory even if the file description says so.
    """
    fields = [dataclasses.replace(f, mandatory=False) if f.name in optional else f
              for f in file.layout.fields.values()]  # fmt: skip
    fields = [f for f in fields
              if f.codes or f.datatype != "string" or (strict and f.mandatory)]  # fmt: skip
    groups: list[list[Field]] = []
    for f in fields:
        if f.codes and groups and groups[-1][-1].codes and groups[-1][-1].end == f.start:
            groups[-1].append(f)
        else:
            groups.append([f])
    for group in groups:
        first = group[0]
        if len(group) == 1 and first.datatype == "integer" and not first.codes:
            yield from _integer_field_hits(file, first, strict)
            continue
        if len(group) == 1 and not first.codes and first.datatype == "string":
            # A free-text field (2026: mandatory) can only fail by being blank.
            if has_blank(file, first.name) is False:
                continue
            col = file.column(first.name, keep=False)
            blanks = {v for v in set(col) if not v.strip(WS)}
            if blanks:
                for index, v in enumerate(col):
                    if v in blanks:
                        for kind, reason in _problems(first, v, strict=strict):
                            yield _description_hit(first, v, kind, reason, index)
            continue
        yield from field_group_hits(file, group, strict)


def _integer_field_hits(file: FileData, f: Field, strict: bool) -> Iterator[Hit]:
    """002 hits for a number field without codes: only values that are not an integer (T2
    None: blank or not a number) can fail, so only their distinct raw values are tested."""
    missing = _non_integer_values(file, f)
    bad = {v: p for v in missing for p in [_problems(f, v, strict=strict)] if p}
    if not bad:
        return
    for index, v in enumerate(file.column(f.name, keep=False)):
        for kind, reason in bad.get(v, ()):
            yield _description_hit(f, v, kind, reason, index)


def _non_integer_values(file: FileData, f: Field) -> set[str]:
    """The distinct raw values of number field ``f`` that are not an integer (T2 None)."""
    from kontroll.columns import digits, ints  # columns builds on this module

    fast = digits(file, f.name)
    if fast is not None:
        # Every value is spaces followed by digits: only the blank one is not an integer.
        return {" " * f.size} if b"\x01" in fast[1] else set()
    values = ints(file, f.name)
    if None not in values:
        return set()
    return set(compress(file.column(f.name, keep=False), map(operator.is_, values, repeat(None))))


def field_group_hits(file: FileData, group: list[Field], strict: bool) -> Iterator[Hit]:
    """002 hits for adjacent fields ``group``, tested together per distinct slice.

    First, when the file is laid out evenly, each field's distinct values are read from the
    bytes: a problem depends on the field's own value only, so if no distinct value of any
    field has one there are no hits.
    """
    if _group_passes(file, group, strict):
        return
    start, end = group[0].start, group[-1].end
    col = list(map(itemgetter(slice(start, end)), file.texts))
    bad: dict[str, list[tuple[Field, str, str, str]]] = {}
    for span in set(col):
        found = []
        for f in group:
            value = span[f.start - start : f.end - start]
            for kind, reason in _problems(f, value, strict=strict):
                found.append((f, value, kind, reason))
        if found:
            bad[span] = found
    if not bad:
        return
    for index, span in enumerate(col):
        problems = bad.get(span)
        if problems is not None:
            for f, value, kind, reason in problems:
                yield _description_hit(f, value, kind, reason, index)


def _group_passes(file: FileData, group: list[Field], strict: bool) -> bool:
    """True when no value of any field in ``group`` has a problem (False: not known)."""
    for f in group:
        values = code_values(file, f) if f.codes else None
        if values is None:
            values = distinct_keys(file, (f.name,))
        if values is None or any(_problems(f, v, strict=strict) for v in values):
            return False
    return True


def _description_hit(f: Field, value: str, kind: str, reason: str, index: int) -> Hit:
    secret = f.name == "PERSON_FODSELSNR"
    values: dict[str, Any] = {"field": f.name, "kind": kind}
    if not secret:
        values["value"] = value
    return Hit(
        T("common.description_hit.1").format(name=f.name, number=f.number, pos=f.position,
                              value="***" if secret else value, reason=reason),
        values, fields=(f.name,), index=index,
    )  # fmt: skip
