"""Catalogue definitions that need Java's exact parsing (T4 date part, T6 age).

Below the rules and the column helpers (it imports nothing from kontroll), so rules, column
helpers, statistics and :mod:`kontroll.personvern` can all use it without an import cycle.

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

_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
_ASCII_DIGITS = frozenset("0123456789")
_JAVA_WHITESPACE = "".join(chr(c) for c in range(33))  # what Java's String.trim() removes


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


def _days_in_month(year: int, month: int) -> int:
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
    return 1 <= day <= _days_in_month(year, month)


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
    if len(text) < 6 or not java_ddmmyy_valid(text[:6]):
        return -1
    born = java_parse_int(text[4:6])
    if born is None:
        return None
    now = aar % 100
    age = now + 100 - born if now < born else now - born
    return -1 if age == 99 else age
