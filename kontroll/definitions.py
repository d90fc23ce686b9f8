"""The catalogue's definitions T1-T8: blank and integer values, dates, id numbers (valid ids,
accepted ids, birth dates and ages per year) and DUF numbers. One implementation each.

Below the rules and the column helpers (it imports only :mod:`kontroll.reader`), so rules
(``rules.common`` re-exports them), column helpers (``columns``), the byte-table fast paths
(``strided``), statistics and :mod:`kontroll.personvern` use the same functions without an
import cycle. The column view (``strided``) holds no rule of its own: it runs
:func:`id_check_digits` on packed columns and calls the small functions below (``id_date_ok``,
``t5_age``, ``t6_age_of_year``, ``t7_date_ok``, ``t7_year``) once per distinct code of a file,
the same functions the per-record definitions are built from.

The 2020-2022 reference programs are Java. Where the catalogue's prose and the programs'
parsing differ, these functions follow the programs (checked against the reference's Java,
see kontroll/README.md, "Fidelity"):

* ``Format.parseInt`` (the reference's own helper): trim, drop leading zeros, then
  ``Integer.parseInt`` (an optional sign, ASCII digits, 32-bit), and 0 when that fails;
* ``SimpleDateFormat("ddMMyy")`` with ``setLenient(false)``: each of the first two fields takes
  exactly two characters counted from where it starts, but spaces and tabs before a field are
  skipped first; a field is an optional ``-`` and digits; the year takes every digit left;
  the date must exist (no 31 February), a two-digit year lies in the 100 years around today.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from kontroll.reader import JAVA_WHITESPACE

_ASCII_DIGITS = frozenset("0123456789")
_JAVA_WHITESPACE = JAVA_WHITESPACE  # what Java's String.trim() removes


def java_parse_int(text: str) -> int | None:
    """Java's ``Integer.parseInt``: an optional ``+``/``-`` and ASCII digits, 32-bit; else None."""
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body or not set(body) <= _ASCII_DIGITS:
        return None
    value = int(text)
    return value if _INT_MIN <= value <= _INT_MAX else None


def format_parse_int(text: str) -> int:
    """The reference's ``Format.parseInt``: trimmed, leading zeros dropped, then
    ``Integer.parseInt``; 0 when that fails (so " 8" is 8 and "+5" is 5)."""
    stripped = text.strip(_JAVA_WHITESPACE) or "0"
    i = 0
    while i < len(stripped) - 1 and stripped[i] == "0":
        i += 1
    value = java_parse_int(stripped[i:])
    return 0 if value is None else value


def _java_days_in_month(year: int, month: int) -> int:
    if month == 2:
        if year < 1583:  # Julian calendar before the Gregorian cutover
            return 29 if year % 4 == 0 else 28
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_in_month_yy(month: int, yy: int) -> int:
    """Days of ``month`` for a two-digit year in SimpleDateFormat's window (1946-2045 today:
    its only century year, 2000, is a leap year, so February has 29 days when yy % 4 == 0)."""
    if month == 2:
        return 29 if yy % 4 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _sdf_number(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """``DecimalFormat.parse`` of ``text[:end]`` from ``pos``: an optional ``-`` and digits."""
    i = pos
    negative = i < end and text[i] == "-"
    if negative:
        i += 1
    start = i
    while i < end and text[i] in _ASCII_DIGITS:
        i += 1
    if i == start:
        return None
    value = int(text[start:i])
    return (-value if negative else value), i


def java_ddmmyy_valid(text: str, today: dt.date | None = None) -> bool:
    """``SimpleDateFormat("ddMMyy")`` with ``setLenient(false)``: does ``text`` parse?"""
    pos = 0
    values: list[int] = []
    two_digit_year = False
    for field in range(3):
        start = pos
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text):
            return False
        end = start + 2 if field < 2 else len(text)
        if end > len(text):
            return False
        parsed = _sdf_number(text, pos, end)
        if parsed is None:
            return False
        value, new_pos = parsed
        if field == 2:
            two_digit_year = new_pos - pos == 2 and text[pos] in _ASCII_DIGITS
        values.append(value)
        pos = new_pos
    day, month, year = values
    if two_digit_year:
        # SimpleDateFormat's window: from 80 years before today to 20 years after.
        today = today or dt.date.today()
        start_year = today.year - 80
        year = start_year - start_year % 100 + year
        if year < start_year or (year == start_year and (1, 1) < (today.month, today.day)):
            year += 100
    if year < 1 or not 1 <= month <= 12:
        return False
    return 1 <= day <= _java_days_in_month(year, month)


def age_t6(value: str, aar: int) -> int | None:
    """T6 age (2021-2022) as the reference computes it: ``Fnr.getAlderFromFnr(dnr2fnr(id))``.

    The day is ``Format.parseInt`` of the first two characters (less 40 above 31), written
    back as two digits in front of characters 3-6; that must parse as a real ``ddMMyy`` date,
    else the age is -1. The age is the statistics year's two digits less the id's (plus 100
    when negative); 99 becomes -1. None when the reference's ``Integer.parseInt`` of the
    birth year throws (the programs then mark the id unusable: 11F gets age -1, 11CF skips
    its age rules).
    """
    day = format_parse_int(value[0:2])
    if day > 31:
        day -= 40
    text = f"{day:02d}{value[2:6]}"
    # SimpleDateFormat's two-digit-year window depends on the run date; as for the 2023-2024
    # birth dates, 15 January after the statistics year stands for it, so a rerun agrees.
    if len(text) < 6 or not java_ddmmyy_valid(text[:6], today=dt.date(aar + 1, 1, 15)):
        return -1
    born = java_parse_int(text[4:6])
    if born is None:
        return None
    return t6_age_of_year(born, aar)


def t6_age_of_year(yy: int, aar: int) -> int:
    """T6: the age from the id's two-digit birth year: the statistics year's two digits less
    ``yy`` (plus 100 when negative); 99 becomes -1."""
    now = aar % 100
    age = now + 100 - yy if now < yy else now - yy
    return -1 if age == 99 else age


# --- the catalogue's definitions T1-T8 (11F.md section 5, 11CF.md section 5) ---------------

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

ID_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)  # k1 from digits 1-9
ID_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3)  # k2 from digits 1-9, and 2 times k1


def check_digit(total: int) -> int:
    """The mod-11 check digit of a weighted sum: 11 - total % 11, 0 for a remainder of 0;
    10 (remainder 1) means there is no valid check digit, and no digit equals it."""
    return (11 - total % 11) % 11


def id_check_digits(
    weighted: Callable[[tuple[int, ...]], Any], check: Callable[[Any], Any]
) -> tuple[Any, Any]:
    """T6/T7: the check digits (k1, k2) that digits 10 and 11 must equal, written once for
    one id and for a whole column (:func:`kontroll.strided.valid_ids`).

    ``weighted(ws)`` is the sum of the first nine digits times the weights ``ws`` (reduced
    mod 11 or not), ``check(s)`` applies :func:`check_digit`. For one id they are plain
    integers; the column view passes one byte per record packed into a big integer.
    """
    k1 = check(weighted(ID_WEIGHTS_1))
    k2 = check(weighted(ID_WEIGHTS_2) + 2 * k1)
    return k1, k2


def _check_digits_ok(d: Sequence[int]) -> bool:
    k1, k2 = id_check_digits(lambda ws: sum(map(operator.mul, ws, d)), check_digit)
    return bool(k1 == d[9] and k2 == d[10])


def fnr_valid(value: str) -> bool:
    """T6/T7: eleven ASCII digits with correct mod-11 check digits (no date test)."""
    if len(value) != 11 or not value.isascii() or not value.isdigit():
        return False
    return _check_digits_ok(value.encode("ascii").translate(_DIGIT_VALUE))


_DIGIT_VALUE = bytes(b - 48 if 48 <= b <= 57 else 0 for b in range(256))  # "0"-"9" -> 0-9


def id_date_ok(dd: int, mm: int, yy: int) -> bool:
    """T4 steps 1-3 and the T6 date test, from the id's first three two-digit numbers: the day
    (less 40 above 31, a D-number) exists in month ``mm`` (1-12), February having 29 days
    when ``yy % 4 == 0`` (SimpleDateFormat's window for these years has 2000 as its only
    century year)."""
    day = dd - 40 if dd > 31 else dd
    return 1 <= mm <= 12 and 1 <= day <= days_in_month_yy(mm, yy)


def t5_age(yy: int, ind: int, valid: bool) -> tuple[bool, int]:
    """T4/T5 (2020) for an id whose date part passes: (accepted, age in 2020) from the
    two-digit birth year, the individual number ``ind`` (0-999) and whether the check digits
    are right. The century comes from the individual number when the id is accepted, else
    from the year alone (2000s below 20)."""
    fallback = 2020 - (2000 + yy if yy < 20 else 1900 + yy)
    if not valid:
        return False, fallback
    if ind >= 500 and yy < 40:
        return True, 2020 - (2000 + yy)
    if ind <= 499 or ind >= 900 and yy > 39:
        return True, 2020 - (1900 + yy)
    return True, fallback


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
    return id_date_ok(day, int(head[2:4]), int(head[4:6]))


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
    if fnr_ok_2020(value) if ok is None else ok:
        ind_s = value[6:9]
        if not (ind_s.isascii() and ind_s.isdigit() and len(ind_s) == 3):
            return -1
        return t5_age(int(value[4:6]), int(ind_s), True)[1]
    if not _date_part_ok_2020(value):
        return -1
    return t5_age(int(value[4:6]), 0, False)[1]


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
    yy = 10 * b[4] + b[5] - 528
    if not id_date_ok(10 * b[0] + b[1] - 528, 10 * b[2] + b[3] - 528, yy):
        return False, -1  # the date part fails: not accepted, and no age
    ind = 100 * b[6] + 10 * b[7] + b[8] - 5328
    return t5_age(yy, ind, fnr_valid(value) if valid is None else valid)


def age_2021(value: str, aar: int) -> int:
    """T6: age for 2021-2022 as the reference computes it (:func:`definitions.age_t6`), -1
    when unknown (or 99, or when the reference's parsing throws)."""
    if len(value) == 11 and value.isascii() and value.isdigit():
        return age_2021_digits(value.encode("ascii"), aar)
    age = age_t6(value, aar)
    return -1 if age is None else age


def age_2021_digits(b: bytes, aar: int) -> int:
    """:func:`age_2021` of an id of ASCII digits (its bytes), without building a date: the
    date must exist (no 31 February; 29 February when the two-digit year is a leap year in
    SimpleDateFormat's window, which for these years is yy % 4 == 0)."""
    yy = 10 * b[4] + b[5] - 528
    if not id_date_ok(10 * b[0] + b[1] - 528, 10 * b[2] + b[3] - 528, yy):
        return -1
    return t6_age_of_year(yy, aar)


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
    yy = born.year - 2000
    return _with_year(born, t7_year(yy, int(value[6:9]), False, aar))


def t7_date_ok(dd: int, mm: int, suffix: bool) -> bool:
    """T7 (2025 onwards): the date test of an id from its first two two-digit numbers; with
    one of ID_SUFFIXES as written, else without the D-number (+4 on the first digit) and
    synthetic (+8 on the third) offsets. Day 1-31 and month 1-12 (the parse_date test)."""
    if not suffix:
        dd -= 40 if dd >= 40 else 0
        mm -= 80 if mm >= 80 else 0
    return 1 <= dd <= 31 and 1 <= mm <= 12


def t7_year(yy: int, ind: int, suffix: bool, aar: int) -> int:
    """T7 (2025 onwards): the birth year from the two-digit year, the individual number
    ``ind`` (0-999) and whether the id ends in one of ID_SUFFIXES."""
    if suffix:
        return 2000 + yy if 2000 + yy <= aar + 1 else 1900 + yy
    if ind >= 500 and yy <= 39:
        return 2000 + yy
    if 500 <= ind <= 749 and yy >= 54:
        return 1800 + yy
    if ind <= 499 or ind >= 900:
        return 1900 + yy
    return 2000 + yy


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
    suffix = value.endswith(ID_SUFFIXES)
    if not t7_date_ok(10 * b[0] + b[1] - 528, 10 * b[2] + b[3] - 528, suffix):
        return None
    ind = 100 * b[6] + 10 * b[7] + b[8] - 5328
    return aar - t7_year(10 * b[4] + b[5] - 528, ind, suffix, aar)


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
