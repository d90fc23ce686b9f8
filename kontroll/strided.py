"""Number fields read straight from the file's bytes, a whole column at a time.

In a well-formed file every line is exactly the record length and ends in LF or CRLF, so byte
``p`` of record ``i`` is ``raw[i * stride + p]`` and ``raw[p::stride]`` is character ``p`` of
every record, cut in C without a string per record. :func:`field_digits` reads a number field from
those byte columns with big-integer arithmetic (one byte, or four, per record), which costs a
few C calls per character position instead of several Python objects per record.

It only answers when every value of the field is some spaces followed by digits (or only
spaces): for such values the T2 integer is exactly the digits' value (and blank is None).
Anything else - a sign, a tab, a space after a digit, another line ending - returns None and
the caller takes the exact per-value path.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable
from typing import Any

from kontroll.definitions import (
    ID_SUFFIXES,
    ID_WEIGHTS_1,
    ID_WEIGHTS_2,
    check_digit,
    id_check_digits,
    id_date_ok,
    t5_age,
    t6_age_of_year,
    t7_date_ok,
    t7_year,
)
from kontroll.layout import Field
from kontroll.records import FileData

# Per byte: 0x10 for a space, 0x20 plus its value for an ASCII digit, 0x40 for anything else.
_LANE = bytes(0x10 if b == 0x20 else 0x20 | (b - 0x30) if 0x30 <= b <= 0x39 else 0x40
              for b in range(256))  # fmt: skip
# Per byte: the digit's value (0 for a space; other bytes never get this far).
_VALUE = bytes(b - 0x30 if 0x30 <= b <= 0x39 else 0 for b in range(256))
_MAX_DIGITS = 9  # 10**9 < 2**32, so a value never spills out of its four-byte slot


def _view(file: FileData) -> tuple[bytes, int, int] | None:
    """(raw bytes, stride, records) when record i's byte p is raw[i * stride + p], else None.

    True when the file is its n records of exactly the record length, each followed by the
    same line ending (LF or CRLF; the last one may lack it), with no other CR or LF anywhere.
    """
    raw, n, length = file.raw, len(file.texts), file.layout.record_length
    ending = b"\r\n" if raw[length : length + 2] == b"\r\n" else b"\n"
    stride = length + len(ending)
    if n == 0 or len(raw) not in (n * stride, n * stride - len(ending)):
        return None
    endings = n if len(raw) == n * stride else n - 1
    breaks = file.breaks or (raw.count(b"\r"), raw.count(b"\n"))
    for offset, byte in enumerate(ending):
        column = raw[length + offset :: stride]
        if len(column) != endings or column.count(byte) != endings:
            return None
        if breaks[0 if byte == 0x0D else 1] != endings:
            return None  # a CR or LF inside a record
    return raw, stride, n


def field_digits(file: FileData, name: str) -> tuple[list[int], bytes] | None:
    """Per record, the value of number field ``name`` (0 when blank) and a mask with 1 for
    blank records; None unless every value is spaces followed by digits, or blank."""
    packed = packed_digits(file, name)
    if packed is None:
        return None
    n = len(file.texts)
    values = array("I", packed.to_bytes(4 * n, "little"))
    if sys.byteorder == "big":
        values.byteswap()
    blank = field_blanks(file, name)
    assert blank is not None
    return values.tolist(), blank


def packed_digits(file: FileData, name: str) -> int | None:
    """The values of :func:`field_digits` as one integer, record ``i``'s value in bits
    32i-32i+31 (cached on ``file``). Sums of such integers add the records' values slot by
    slot, so whole columns can be added and compared at once while no slot passes 2**32."""
    found = _shape_and_values(file, name)
    return None if found is None else found[1]


def field_blanks(file: FileData, name: str) -> bytes | None:
    """The shape test of :func:`field_digits` alone (cached on ``file``): per record 1 when
    number field ``name`` is blank, else 0; None unless every value is spaces followed by
    digits, or blank."""
    found = _shape_and_values(file, name)
    return None if found is None else found[0]


def _shape_and_values(file: FileData, name: str) -> tuple[bytes, int] | None:
    """(blank mask, packed values) of number field ``name``, cached: the field's byte columns
    are cut once for both (cutting a column from the file costs as much as using it)."""
    result: tuple[bytes, int] | None = file.derived(
        f"strided:digits:{name}", lambda fd: _compute_shape_and_values(fd, name)
    )
    return result


def _compute_shape_and_values(file: FileData, name: str) -> tuple[bytes, int] | None:
    view = file.derived("strided:view", _view)
    f = file.layout.fields[name]
    if view is None or f.size > _MAX_DIGITS or array("I").itemsize != 4:
        return None
    raw, stride, n = view
    # One translate per column gives both the shape and the digits: bit 4 a space, bit 5 a
    # digit (its value in bits 0-3), bit 6 anything else.
    lanes = [
        int.from_bytes(raw[p::stride].translate(_LANE), "little") for p in range(f.start, f.end)
    ]
    ones = int.from_bytes(b"\x01" * n, "little")
    seen = 0
    blank = ones
    for lane in lanes:
        seen |= lane
        blank &= lane >> 4
    if (seen >> 6) & ones:
        return None  # a byte that is neither a space nor a digit
    for here, after in zip(lanes, lanes[1:], strict=False):
        if (here >> 5) & (after >> 4) & ones:
            return None  # a digit followed by a space
    low = ones * 0x0F
    return (blank & ones).to_bytes(n, "little"), _values([lane & low for lane in lanes], n)


def _values(digits: list[int], n: int) -> int:
    """The decimal value of each record's digits (spaces read as 0), in four-byte slots of
    one integer (little-endian); ``digits`` holds one integer per character position, a digit
    value per record byte.

    Two digit columns are first joined into one byte per record (at most 99, no carries), so
    only half as many columns need widening to four-byte slots."""
    total = 0
    for i in range(0, len(digits), 2):
        if i + 1 < len(digits):
            chunk, scale = 10 * digits[i] + digits[i + 1], 100
        else:
            chunk, scale = digits[i], 10
        slots = bytearray(4 * n)
        slots[0::4] = chunk.to_bytes(n, "little")
        total = total * scale + int.from_bytes(slots, "little")
    return total


def code_values(file: FileData, f: Field) -> set[str] | None:
    """The distinct values of code field ``f`` (one or two characters), read from the bytes.

    A two-character value is packed into one byte: four bits per position index the
    characters that position takes in the code list (or a space). None when the file is not
    laid out evenly (see :func:`_view`), the field is longer, or a value holds a character
    outside those - the caller then tests the values the exact way.
    """
    view = file.derived("strided:view", _view)
    if view is None or f.size > 2 or any(len(c) != f.size for c in f.codes):
        return None
    raw, stride, n = view
    if f.size == 1:
        return {chr(b) for b in set(raw[f.start :: stride])}
    firsts = sorted({c[0] for c in f.codes} | {" "})
    seconds = sorted({c[1] for c in f.codes} | {" "})
    if len(firsts) >= _OTHER or len(seconds) >= _OTHER:
        return None
    high = int.from_bytes(raw[f.start :: stride].translate(_index_table(firsts)), "little")
    low = int.from_bytes(raw[f.start + 1 :: stride].translate(_index_table(seconds)), "little")
    packed = set(((high << 4) | low).to_bytes(n, "little"))
    if any(b >> 4 == _OTHER or b & 15 == _OTHER for b in packed):
        return None
    return {firsts[b >> 4] + seconds[b & 15] for b in packed}


_OTHER = 15  # the four-bit index of a character outside the alphabet


def _index_table(alphabet: list[str]) -> bytes:
    """A translate table: each character of ``alphabet`` -> its index, any other -> _OTHER."""
    index = {ord(c): i for i, c in enumerate(alphabet)}
    return bytes(index.get(b, _OTHER) for b in range(256))


def distinct_keys(file: FileData, names: tuple[str, ...]) -> set[str] | None:
    """:func:`_distinct_keys`, cached on ``file`` (002 and several rules read the same fields;
    the caller must not change the set)."""
    result: set[str] | None = file.derived(
        "strided:distinct:" + ",".join(names), lambda fd: _distinct_keys(fd, names)
    )
    return result


def _distinct_keys(file: FileData, names: tuple[str, ...]) -> set[str] | None:
    """The distinct concatenations of fields ``names``' values over the records (at most
    eight characters in all), read from the bytes; None when the file is not laid out evenly.

    Each record's characters are packed into one slot of two, four or eight bytes, so the
    distinct values are found by ``set`` over an array of integers, and turned back into text
    only once each.
    """
    view = file.derived("strided:view", _view)
    fields = [file.layout.fields[name] for name in names]
    width = sum(f.size for f in fields)
    if view is None or width > 8 or any(array(t).itemsize != b for b, t in _TYPECODES.items()):
        return None
    raw, stride, n = view
    if width == 1:
        return {chr(b) for b in set(raw[fields[0].start :: stride])}
    size = 2 if width <= 2 else 4 if width <= 4 else 8  # the smallest slot that fits
    slots = bytearray(size * n)
    offset = 0
    for f in fields:
        for p in range(f.start, f.end):
            slots[offset::size] = raw[p::stride]
            offset += 1
    return {
        key.to_bytes(size, sys.byteorder)[:width].decode("latin-1")
        for key in set(array(_TYPECODES[size], slots))
    }


_TYPECODES = {2: "H", 4: "I", 8: "Q"}


# Per byte: 1 for a character <= U+0020 (blank in the sense of Java's String.trim), else 0.
_WHITE = bytes(1 if b <= 0x20 else 0 for b in range(256))


def has_blank(file: FileData, name: str) -> bool | None:
    """Whether some record's field ``name`` holds only characters <= U+0020, from the bytes;
    None when the file is not laid out evenly."""
    view = file.derived("strided:view", _view)
    if view is None:
        return None
    raw, stride, _ = view
    f = file.layout.fields[name]
    blank = -1  # all bits set: AND over the positions keeps the records blank everywhere
    for p in range(f.start, f.end):
        blank &= int.from_bytes(raw[p::stride].translate(_WHITE), "little")
        if not blank:
            return False
    return True


# --- national ids (T4-T7) over whole columns -------------------------------------------------
#
# These compute the definitions of kontroll.definitions for every record at once; they hold no
# rule of their own. The check digits run definitions.id_check_digits itself on packed columns
# (one byte per record in a big integer); dates, centuries and ages call the definitions'
# functions once per distinct small code (day, month, year, ...) found in the file, and map the
# answers back to the records.

_NOT_DIGIT = bytes(0 if 0x30 <= b <= 0x39 else 1 for b in range(256))
# A digit times a weight, taken mod 11 by a translate table, so a sum of at most ten terms (and
# 2 * k1) stays below 256 and the per-record sums never carry into each other.
_TIMES = {w: bytes(w * (b - 0x30) % 11 if 0x30 <= b <= 0x39 else 0 for b in range(256))
          for w in set(ID_WEIGHTS_1) | set(ID_WEIGHTS_2)}  # fmt: skip
_CHECK = bytes(check_digit(b) for b in range(256))
_IS_ZERO = bytes(1 if b == 0 else 0 for b in range(256))


def _num(column: bytes, table: bytes) -> int:
    """``column`` translated by ``table`` as one integer, a byte per record."""
    return int.from_bytes(column.translate(table), "little")


def _two_digits(first: bytes, second: bytes) -> int:
    """Per record (one byte each), the number 0-99 written by two digit columns."""
    return 10 * _num(first, _VALUE) + _num(second, _VALUE)


def _id_columns(file: FileData, name: str) -> tuple[list[bytes], int] | None:
    """The eleven byte columns of id field ``name`` and the record count, when the file is
    laid out evenly and the field is eleven characters long."""
    view = file.derived("strided:view", _view)
    f = file.layout.fields[name]
    if view is None or f.size != 11 or any(array(t).itemsize != b for b, t in _TYPECODES.items()):
        return None
    raw, stride, n = view
    return [raw[p::stride] for p in range(f.start, f.end)], n


def _all_digits(columns: list[bytes]) -> bool:
    wrong = 0
    for column in columns:
        wrong |= _num(column, _NOT_DIGIT)
    return not wrong


def _codes(lanes: list[int], n: int) -> array[int]:
    """Per record, the lanes' bytes (lane k in bits 8k-8k+7) as one array item (H/I/Q)."""
    size = 2 if len(lanes) <= 2 else 4 if len(lanes) <= 4 else 8
    typecode = _TYPECODES[size]
    slots = bytearray(size * n)
    for k, lane in enumerate(lanes):
        slots[k::size] = lane.to_bytes(n, "little")
    codes = array(typecode, slots)
    if sys.byteorder == "big":
        codes.byteswap()
    return codes


def _per_code(codes: array[int], fn: Callable[[int], Any]) -> list[Any]:
    """``fn(code)`` per record, called once per distinct code."""
    table = {code: fn(code) for code in set(codes)}
    return list(map(table.__getitem__, codes))


def valid_ids(file: FileData, name: str) -> bytes | None:
    """Per record, 1 when field ``name`` is eleven ASCII digits with correct check digits
    (exactly :func:`kontroll.definitions.fnr_valid`), else 0; None when the file is not laid
    out evenly or the field is not eleven characters long."""
    found = _id_columns(file, name)
    if found is None:
        return None
    columns, n = found

    def check(total: int) -> int:
        return _num(total.to_bytes(n, "little"), _CHECK)

    def weighted(ws: tuple[int, ...]) -> int:
        return sum(_num(column, _TIMES[w]) for w, column in zip(ws, columns, strict=False))

    k1, k2 = id_check_digits(weighted, check)
    wrong = k1 ^ _num(columns[9], _VALUE) | k2 ^ _num(columns[10], _VALUE)
    for column in columns:
        wrong |= _num(column, _NOT_DIGIT)
    result: bytes = wrong.to_bytes(n, "little").translate(_IS_ZERO)
    return result


def _dates(columns: list[bytes], n: int) -> tuple[array[int], int]:
    """Per record, the code dd | mm << 8 | yy << 16 of the id's first six digits, and yy
    (one byte per record)."""
    yy = _two_digits(columns[4], columns[5])
    lanes = [_two_digits(columns[0], columns[1]), _two_digits(columns[2], columns[3]), yy]
    return _codes(lanes, n), yy


def _date_ok(code: int) -> bool:
    return id_date_ok(code & 0xFF, code >> 8 & 0xFF, code >> 16)


def ages_2021(file: FileData, name: str, aar: int) -> list[int] | None:
    """Per record, :func:`kontroll.definitions.age_2021` of id field ``name``; None unless
    the file is laid out evenly and every id is eleven ASCII digits.

    For such ids the age depends on the first six digits only: the definitions' date test
    and T6 age run once per distinct (day, month, year).
    """
    found = _id_columns(file, name)
    if found is None or not _all_digits(found[0]):
        return None
    codes, _ = _dates(*found)
    return _per_code(codes, lambda c: t6_age_of_year(c >> 16, aar) if _date_ok(c) else -1)


def fnr_ages_2020(file: FileData, name: str) -> tuple[list[bool], list[int]] | None:
    """Per record, :func:`kontroll.definitions.fnr_age_2020` of id field ``name`` (accepted
    by T4, T5 age); None unless the file is laid out evenly and every id is eleven ASCII
    digits.

    The date test runs once per distinct (day, month, year); :func:`definitions.t5_age` once
    per distinct (year, first digit of the individual number, check digits right, date
    right) - the definition depends on the individual number through its hundreds only
    (500, 900), so the first digit times 100 stands for it.
    """
    found = _id_columns(file, name)
    valid = valid_ids(file, name)
    if found is None or valid is None or not _all_digits(found[0]):
        return None
    columns, n = found
    dates, yy = _dates(columns, n)
    date_ok = bytes(_per_code(dates, _date_ok))
    flags = _num(columns[6], _VALUE) | int.from_bytes(valid, "little") << 4
    flags |= int.from_bytes(date_ok, "little") << 5

    def answer(code: int) -> tuple[bool, int]:
        yy, first, valid, date_ok = code & 0xFF, code >> 8 & 0xF, code >> 12 & 1, code >> 13
        if not date_ok:
            return False, -1
        return t5_age(yy, 100 * first, bool(valid))

    pairs = _per_code(_codes([yy, flags], n), answer)
    return [ok for ok, _ in pairs], [age for _, age in pairs]


_EQUALS = {str(d): bytes(1 if b == 0x30 + d else 0 for b in range(256)) for d in range(10)}


def ages_t7(file: FileData, name: str, aar: int) -> list[int | None] | None:
    """Per record, :func:`kontroll.definitions.age_t7` of id field ``name`` for ``aar`` 2025
    onwards; None unless the file is laid out evenly and every id is eleven ASCII digits.

    :func:`definitions.t7_date_ok` runs once per distinct (day, month, suffix) and
    :func:`definitions.t7_year` once per distinct (year, individual number's first two digits,
    suffix, date right) - its limits (500, 750, 900) are multiples of ten, so the first two
    digits times ten stand for the individual number.
    """
    found = _id_columns(file, name)
    if aar <= 2024 or found is None or not _all_digits(found[0]):
        return None
    c, n = found
    ones = int.from_bytes(b"\x01" * n, "little")
    suffix = 0
    for tail in ID_SUFFIXES:
        same = ones
        for column, digit in zip(c[6:], tail, strict=True):
            same &= _num(column, _EQUALS[digit])
        suffix |= same
    day_month = _codes([_two_digits(c[0], c[1]), _two_digits(c[2], c[3]), suffix], n)
    date_ok = bytes(
        _per_code(day_month, lambda k: t7_date_ok(k & 0xFF, k >> 8 & 0xFF, bool(k >> 16)))
    )
    flags = suffix | int.from_bytes(date_ok, "little") << 1

    def age(code: int) -> int | None:
        yy, ind2, flags = code & 0xFF, code >> 8 & 0xFF, code >> 16
        if not flags >> 1:
            return None
        return aar - t7_year(yy, 10 * ind2, bool(flags & 1), aar)

    codes = _codes([_two_digits(c[4], c[5]), _two_digits(c[6], c[7]), flags], n)
    return _per_code(codes, age)
