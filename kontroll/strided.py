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

from kontroll.definitions import age_t6
from kontroll.layout import Field
from kontroll.records import FileData

# Per byte: 1 for a space, 2 for an ASCII digit, 4 for anything else.
_KIND = bytes(1 if b == 0x20 else 2 if 0x30 <= b <= 0x39 else 4 for b in range(256))
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
    for offset, byte in enumerate(ending):
        column = raw[length + offset :: stride]
        if len(column) != endings or column.count(byte) != endings:
            return None
        if raw.count(byte) != endings:
            return None  # a CR or LF inside a record
    return raw, stride, n


def field_digits(file: FileData, name: str) -> tuple[list[int], bytes] | None:
    """Per record, the value of number field ``name`` (0 when blank) and a mask with 1 for
    blank records; None unless every value is spaces followed by digits, or blank."""
    view = file.derived("strided:view", _view)
    f = file.layout.fields[name]
    if view is None or f.size > _MAX_DIGITS or array("I").itemsize != 4:
        return None
    raw, stride, n = view
    columns = [raw[p::stride] for p in range(f.start, f.end)]
    kinds = [int.from_bytes(c.translate(_KIND), "little") for c in columns]
    ones = int.from_bytes(b"\x01" * n, "little")
    seen = 0
    blank = ones
    for kind in kinds:
        seen |= kind
        blank &= kind
    if seen & (ones << 2):
        return None  # a byte that is neither a space nor a digit
    for here, after in zip(kinds, kinds[1:], strict=False):
        if (here >> 1) & after & ones:
            return None  # a digit followed by a space
    return _values(columns, n), blank.to_bytes(n, "little")


def _values(columns: list[bytes], n: int) -> list[int]:
    """The decimal value of each record's digits (spaces read as 0), in four-byte slots."""
    total = 0
    for column in columns:
        slots = bytearray(4 * n)
        slots[0::4] = column.translate(_VALUE)
        total = total * 10 + int.from_bytes(slots, "little")
    values = array("I", total.to_bytes(4 * n, "little"))
    if sys.byteorder == "big":
        values.byteswap()
    return values.tolist()


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


# National id check digits (T6/T7, common.fnr_valid) over whole columns. A digit times a weight
# is taken mod 11 by a translate table, so a sum of at most eleven terms stays below 256 and
# the per-record sums never carry into each other inside one big integer.
_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3)
_NOT_DIGIT = bytes(0 if 0x30 <= b <= 0x39 else 1 for b in range(256))
_TIMES = {w: bytes(w * (b - 0x30) % 11 if 0x30 <= b <= 0x39 else 0 for b in range(256))
          for w in set(_W1) | set(_W2)}  # fmt: skip
_TWICE = bytes(2 * b % 11 for b in range(256))  # 2 * k1 mod 11, k1 being 0-10
# A sum -> its check digit, 11 - sum % 11 (0 for 0); 10 means "no valid check digit", which
# no digit equals.
_CHECK = bytes((11 - b % 11) % 11 for b in range(256))
_IS_ZERO = bytes(1 if b == 0 else 0 for b in range(256))


def valid_ids(file: FileData, name: str) -> bytes | None:
    """Per record, 1 when field ``name`` is eleven ASCII digits with correct check digits
    (exactly :func:`kontroll.rules.common.fnr_valid`), else 0; None when the file is not laid
    out evenly or the field is not eleven characters long."""
    view = file.derived("strided:view", _view)
    f = file.layout.fields[name]
    if view is None or f.size != 11:
        return None
    raw, stride, n = view
    columns = [raw[p::stride] for p in range(f.start, f.end)]

    def number(column: bytes, table: bytes) -> int:
        return int.from_bytes(column.translate(table), "little")

    wrong = 0
    for column in columns:
        wrong |= number(column, _NOT_DIGIT)
    sum1 = sum(number(c, _TIMES[w]) for w, c in zip(_W1, columns, strict=False))
    k1 = sum1.to_bytes(n, "little").translate(_CHECK)
    sum2 = sum(number(c, _TIMES[w]) for w, c in zip(_W2, columns, strict=False))
    k2 = (sum2 + number(k1, _TWICE)).to_bytes(n, "little").translate(_CHECK)
    wrong |= int.from_bytes(k1, "little") ^ number(columns[9], _VALUE)
    wrong |= int.from_bytes(k2, "little") ^ number(columns[10], _VALUE)
    return wrong.to_bytes(n, "little").translate(_IS_ZERO)


_DAY_OK = bytes(1 if 1 <= b <= 31 or 41 <= b <= 71 else 0 for b in range(256))  # D-number +40
_MONTH_OK = bytes(1 if 1 <= b <= 12 else 0 for b in range(256))
_LATE_DAY = bytes(1 if b in (29, 30, 31, 69, 70, 71) else 0 for b in range(256))


def ages_2021(file: FileData, name: str, aar: int) -> list[int] | None:
    """Per record, :func:`kontroll.rules.common.age_2021` of id field ``name``; None unless
    the file is laid out evenly and every id is eleven ASCII digits.

    For such ids the age depends on whether day (less 40 above 31) and month are in range,
    and on the birth year's two digits: one byte per record carries the year, with bit 7 set
    when the date fails, and a table turns it into the age.
    """
    view = file.derived("strided:view", _view)
    f = file.layout.fields[name]
    if view is None or f.size != 11:
        return None
    raw, stride, n = view
    columns = [raw[p::stride] for p in range(f.start, f.end)]
    wrong = 0
    for column in columns:
        wrong |= int.from_bytes(column.translate(_NOT_DIGIT), "little")
    if wrong:
        return None

    def two_digits(first: bytes, second: bytes) -> int:  # 0-99 per byte, no carries
        tens = int.from_bytes(first.translate(_VALUE), "little")
        return 10 * tens + int.from_bytes(second.translate(_VALUE), "little")

    days = two_digits(columns[0], columns[1]).to_bytes(n, "little")
    day = days.translate(_DAY_OK)
    month = two_digits(columns[2], columns[3]).to_bytes(n, "little").translate(_MONTH_OK)
    ok = int.from_bytes(day, "little") & int.from_bytes(month, "little")
    failed = ok ^ int.from_bytes(b"\x01" * n, "little")
    codes = (two_digits(columns[4], columns[5]) | failed << 7).to_bytes(n, "little")
    ages = list(map(_age_table_2021(aar).__getitem__, codes))
    # The tables test day 1-31 and month 1-12 only; the definition also rejects dates that do
    # not exist (31.04, 30.02, 29.02 outside leap years): days 29-31 (D-numbers 69-71) get
    # the definition itself.
    late = days.translate(_LATE_DAY)
    i = late.find(1)
    while i != -1:
        start = i * stride + f.start
        age = age_t6(raw[start : start + 11].decode("latin-1"), aar)
        ages[i] = -1 if age is None else age
        i = late.find(1, i + 1)
    return ages


def _age_table_2021(aar: int) -> list[int]:
    """Byte code -> age: 0-99 is a valid id's birth year (two digits), 128 up a failed date."""
    now = aar % 100
    table = [-1] * 256
    for born in range(100):
        age = now - born if born <= now else now + 100 - born
        table[born] = -1 if age == 99 else age
    return table


def _num(column: bytes, table: bytes) -> int:
    """``column`` translated by ``table`` as one integer, a byte per record."""
    return int.from_bytes(column.translate(table), "little")


def _two_digits(first: bytes, second: bytes) -> int:
    """Per record (one byte each), the number 0-99 written by two digit columns."""
    return 10 * _num(first, _VALUE) + _num(second, _VALUE)


def _digit_map(fn: Callable[[int], int]) -> bytes:
    """A translate table applying ``fn`` to ASCII digits (0-9 -> a digit), others unchanged."""
    return bytes(0x30 + fn(b - 0x30) if 0x30 <= b <= 0x39 else b for b in range(256))


_ID_SUFFIXES = ("00100", "00200", "99999")  # rules.common.ID_SUFFIXES (imports this module)
_DAY_PLAIN = bytes(1 if 1 <= b <= 31 else 0 for b in range(256))
_MINUS4 = _digit_map(lambda d: d - 4 if d >= 4 else d)  # D-number: 4 added to the first digit
_MINUS8 = _digit_map(lambda d: d - 8 if d >= 8 else d)  # synthetic: 8 added to the third
_EQUALS = {str(d): bytes(1 if b == 0x30 + d else 0 for b in range(256)) for d in range(10)}
# The individual number's range from its first digit: 0-4 -> 0-499, 5-7 -> 500-749, 8 ->
# 750-899, 9 -> 900-999; 750-799 (a 7 followed by 5-9) is moved up by _SEVEN and _FIVE_UP.
_IND_CLASS = bytes((0, 0, 0, 0, 0, 1, 1, 1, 2, 3)[b - 0x30] if 0x30 <= b <= 0x39 else 0
                   for b in range(256))  # fmt: skip
_SEVEN = _EQUALS["7"]
_FIVE_UP = bytes(1 if 0x35 <= b <= 0x39 else 0 for b in range(256))


def ages_t7(file: FileData, name: str, aar: int) -> list[int | None] | None:
    """Per record, :func:`kontroll.rules.common.age_t7` of id field ``name`` for ``aar`` 2025
    onwards; None unless the file is laid out evenly and every id is eleven ASCII digits.

    For such ids the age depends on the birth year's two digits (low byte of a two-byte code
    per record) and, in the high byte, on the individual number's range (bits 0-1), a special
    suffix (bit 2) and a failed date (bit 3); a table turns the code into the age.
    """
    view = file.derived("strided:view", _view)
    f = file.layout.fields[name]
    if aar <= 2024 or view is None or f.size != 11 or array("H").itemsize != 2:
        return None
    raw, stride, n = view
    c = [raw[p::stride] for p in range(f.start, f.end)]
    wrong = 0
    for column in c:
        wrong |= _num(column, _NOT_DIGIT)
    if wrong:
        return None
    ones = int.from_bytes(b"\x01" * n, "little")
    suffix = 0
    for tail in _ID_SUFFIXES:
        same = ones
        for column, digit in zip(c[6:], tail, strict=True):
            same &= _num(column, _EQUALS[digit])
        suffix |= same
    plain_ok = _ok(_two_digits(c[0], c[1]), _DAY_PLAIN, n) & _ok(
        _two_digits(c[2], c[3]), _MONTH_OK, n
    )
    moved_ok = _ok(_two_digits(c[0].translate(_MINUS4), c[1]), _DAY_PLAIN, n) & _ok(
        _two_digits(c[2].translate(_MINUS8), c[3]), _MONTH_OK, n
    )
    failed = ((suffix & plain_ok) | ((suffix ^ ones) & moved_ok)) ^ ones
    ind = _num(c[6], _IND_CLASS) + (_num(c[6], _SEVEN) & _num(c[7], _FIVE_UP))
    high = ind | suffix << 2 | failed << 3
    slots = bytearray(2 * n)
    slots[0::2] = _two_digits(c[4], c[5]).to_bytes(n, "little")
    slots[1::2] = high.to_bytes(n, "little")
    codes = array("H", slots)
    if sys.byteorder == "big":
        codes.byteswap()
    return list(map(_age_table_t7(aar).__getitem__, codes))


def _ok(values: int, table: bytes, n: int) -> int:
    """1 per record whose byte in ``values`` is marked by ``table``."""
    return _num(values.to_bytes(n, "little"), table)


def _age_table_t7(aar: int) -> list[int | None]:
    """Two-byte code (see :func:`ages_t7`) -> age, None for a failed date."""
    table: list[int | None] = [None] * 4096
    for yy in range(100):
        for ind in range(4):
            for suffix in (0, 1):
                if suffix:
                    year = 2000 + yy if 2000 + yy <= aar + 1 else 1900 + yy
                elif ind >= 1 and yy <= 39:
                    year = 2000 + yy
                elif ind == 1 and yy >= 54:
                    year = 1800 + yy
                elif ind in (0, 3):
                    year = 1900 + yy
                else:
                    year = 2000 + yy
                table[yy | (ind | suffix << 2) << 8] = aar - year
    return table
