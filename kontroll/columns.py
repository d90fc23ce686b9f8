"""Column-wise building blocks for fast rules over a whole file.

A rule that loops over 100,000 records in Python pays for every call it makes per record.
These helpers do the per-record part in C (slicing with ``itemgetter``, ``set``, ``map`` over
a dict) and run Python code once per *distinct* value, of which a file has few for code
fields. Results are cached on the :class:`FileData` (``derived``), so several rules and the
statistics summary share them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import compress
from operator import itemgetter
from typing import Any

from kontroll.definitions import WS, age_2021, fnr_age_2020, to_int
from kontroll.records import FileData
from kontroll.strided import ages_2021 as strided_ages_2021
from kontroll.strided import field_digits, valid_ids
from kontroll.strided import fnr_ages_2020 as strided_fnr_ages_2020


def mapped(file: FileData, names: Sequence[str], fn: Callable[..., Any], key: str) -> list[Any]:
    """``fn(*values)`` for every record, computed once per distinct combination of the
    values of fields ``names``; cached on ``file`` under ``key`` (which must identify ``fn``)."""

    def compute(f: FileData) -> list[Any]:
        if len(names) == 1:
            col: list[Any] = f.column(names[0], keep=False)
            table = {v: fn(v) for v in set(col)}
        else:
            col = list(zip(*(f.column(n, keep=False) for n in names), strict=True))
            table = {v: fn(*v) for v in set(col)}
        return list(map(table.__getitem__, col))

    result: list[Any] = file.derived(f"mapped:{key}", compute)
    return result


def digits(file: FileData, name: str) -> tuple[list[int], bytes] | None:
    """:func:`kontroll.strided.field_digits` of field ``name``, cached on ``file``."""
    result: tuple[list[int], bytes] | None = file.derived(
        f"digits:{name}", lambda f: field_digits(f, name)
    )
    return result


def ints(file: FileData, name: str) -> list[int | None]:
    """T2 integer value of field ``name`` per record (None when blank or not a whole number).

    When every value is spaces and digits (:func:`digits`) the values come from the raw bytes;
    otherwise ``int()`` runs over the distinct values in C; it agrees with T2 for ASCII values
    without underscores (it strips the same padding), and anything else takes the exact slow
    path.
    """

    def compute(f: FileData) -> list[int | None]:
        fast = digits(f, name)
        if fast is not None:
            values, blank = fast
            if b"\x01" not in blank:
                return list(values)
            result: list[int | None] = list(values)
            for index in compress(range(len(values)), blank):
                result[index] = None
            return result
        return _ints_by_value(f, name)

    result: list[int | None] = file.derived(f"int:{name}", compute)
    return result


def _ints_by_value(file: FileData, name: str) -> list[int | None]:
    col = file.column(name, keep=False)
    size = file.layout.fields[name].size
    distinct = set(col)
    blank = " " * size
    has_blank = blank in distinct
    distinct.discard(blank)
    keys = list(distinct)
    table: dict[str, int | None]
    try:
        # int() also accepts "_" separators and non-ASCII digits and whitespace; exclude
        # them so the fast path means exactly T2. Any other odd value raises ValueError
        # and sends the column down the exact path.
        joined = "".join(keys)
        if not joined.isascii() or "_" in joined or size > 9:
            raise ValueError
        table = dict(zip(keys, map(int, keys), strict=True))
    except ValueError:
        table = {k: to_int(k) for k in keys}
    if has_blank:
        table[blank] = None
    return list(map(table.__getitem__, col))


def ints0(file: FileData, name: str) -> list[int]:
    """``int0`` of field ``name`` per record: the T2 value, 0 when blank or not a number."""

    def compute(f: FileData) -> list[int]:
        fast = digits(f, name)
        if fast is not None:
            return fast[0]  # blank is 0 there already
        return [0 if v is None else v for v in ints(f, name)]

    result: list[int] = file.derived(f"int0:{name}", compute)
    return result


def not_integer(file: FileData, name: str) -> list[int]:
    """Indexes of records whose field ``name`` is neither blank nor a whole number (002)."""
    values = ints(file, name)
    if None not in values:
        return []
    col = file.column(name, keep=False)
    return [i for i, v in enumerate(values) if v is None and col[i].strip(WS)]


def spans(file: FileData, first: str, last: str) -> list[str]:
    """Per record, the raw text from field ``first`` to field ``last`` inclusive (adjacent
    fields cut in one C-level slice instead of one per field)."""
    f = file.layout.fields
    start, end = f[first].start, f[last].end

    def compute(fd: FileData) -> list[str]:
        col = list(map(itemgetter(slice(start, end)), fd.texts))
        canonical = {v: v for v in set(col)}
        return list(map(canonical.__getitem__, col))

    result: list[str] = file.derived(f"span:{first}:{last}", compute)
    return result


def value(file: FileData, index: int, name: str) -> str:
    """The raw value of field ``name`` in record ``index`` (for messages of failing records)."""
    f = file.layout.fields[name]
    return file.texts[index][f.start : f.end]


def falsy_indexes(values: Sequence[Any]) -> list[int]:
    """Indexes of the records whose value is falsy (False, 0, None)."""
    return [i for i, v in enumerate(values) if not v]


def ages_2021(file: FileData, aar: int) -> list[int]:
    """T6 age (:func:`kontroll.rules.common.age_2021`) per record from PERSON_FODSELSNR,
    from the bytes when every id is digits; cached, shared by rules and statistics."""

    def compute(f: FileData) -> list[int]:
        fast = strided_ages_2021(f, "PERSON_FODSELSNR", aar)
        if fast is not None:
            return fast
        return mapped(f, ("PERSON_FODSELSNR",), lambda v: age_2021(v, aar), f"age:{aar}")

    result: list[int] = file.derived(f"ages_2021:{aar}", compute)
    return result


def failing(
    columns: Sequence[Sequence[Any]], bad: Callable[..., bool]
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(index, values) of every record whose values in ``columns`` make ``bad(*values)`` true.

    ``bad`` runs once per distinct combination of values, not once per record, which keeps
    a rule's cost per record to a few C-level operations.
    """
    if len(columns) == 1:
        col = columns[0]
        bad_values = {v for v in set(col) if bad(v)}
        if bad_values:
            for index, value in enumerate(col):
                if value in bad_values:
                    yield index, (value,)
        return
    rows = list(zip(*columns, strict=True))
    bad_rows = {row for row in set(rows) if bad(*row)}
    if bad_rows:
        for index, row in enumerate(rows):
            if row in bad_rows:
                yield index, row


def fnr_ages_2020(file: FileData) -> tuple[list[bool], list[int]]:
    """Per record, (accepted by T4, T5 age) of PERSON_FODSELSNR in 2020
    (:func:`kontroll.definitions.fnr_age_2020`), from the bytes when every id is digits;
    computed once per file and shared by both skjema's rules and the statistics."""

    def compute(f: FileData) -> tuple[list[bool], list[int]]:
        fast = strided_fnr_ages_2020(f, "PERSON_FODSELSNR")
        if fast is not None:
            return fast
        # Ids are (nearly) all distinct, so one call per record beats deduplicating first;
        # the check digits come from the bytes when they can.
        ids = f.column("PERSON_FODSELSNR", keep=False)
        valid = valid_ids(f, "PERSON_FODSELSNR")
        if valid is None:
            pairs = list(map(fnr_age_2020, ids))
        else:
            pairs = list(map(fnr_age_2020, ids, map(bool, valid)))
        return [ok for ok, _ in pairs], [age for _, age in pairs]

    result: tuple[list[bool], list[int]] = file.derived("fnr_age:2020", compute)
    return result
