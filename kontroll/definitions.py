"""The catalogue's definitions T1-T8: blank and integer values, dates, id numbers (valid ids,
accepted ids, birth dates and ages per year) and DUF numbers. One implementation each.

Below the rules and the column helpers (it imports only :mod:`kontroll.reader`), so rules
(``rules.common`` re-exports them), column helpers (``columns``), the byte-table fast paths
(``strided``), statistics and :mod:`kontroll.personvern` use the same functions without an
import cycle. The fast paths compute the same definitions column-wise and fall back to these
functions where their tables cannot decide.

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
from functools import lru_cache

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
    now = aar % 100
    age = now + 100 - born if now < born else now - born
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
        return age_2021_digits(value.encode("ascii"), aar)
    age = age_t6(value, aar)
    return -1 if age is None else age


def age_2021_digits(b: bytes, aar: int) -> int:
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
