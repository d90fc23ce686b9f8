"""Helpers shared by the rule modules of every skjema.

Definitions follow the catalogues' section 5 ("T1".."T8"): blank and integer semantics, dates,
national id numbers (fødselsnummer / D-nummer) and their age, DUF numbers, and the generic
checks 001 (record length) and 002 (file description), which every skjema registers with its
own years (see :func:`record_length_hits` and :func:`file_description_hits`).

None of these helpers ever puts a national id number into a message or a value.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Iterator
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

from kontroll.context import Context
from kontroll.definitions import (
    ID_SUFFIXES,
    WS,
    age_2020,
    age_2021,
    age_t7,
    birth_date_t7,
    duf_remainder,
    duf_valid,
    fnr_accepted_t7,
    fnr_age_2020,
    fnr_ok_2020,
    fnr_valid,
    int0,
    is_blank,
    parse_date,
    to_int,
    trim,
)
from kontroll.layout import Field, load_layout
from kontroll.messages import T, joined
from kontroll.reader import has_binary, utf8_length
from kontroll.records import FileData
from kontroll.registry import Hit
from kontroll.strided import code_values, distinct_keys, field_blanks, has_blank

# The catalogue's definitions live in kontroll.definitions (below the rules and the column
# helpers); rule modules may import them from here too.
__all__ = [
    "WS",
    "ID_SUFFIXES",
    "age_2020",
    "age_2021",
    "age_t7",
    "birth_date_t7",
    "duf_remainder",
    "duf_valid",
    "fnr_accepted_t7",
    "fnr_age_2020",
    "fnr_ok_2020",
    "fnr_valid",
    "int0",
    "is_blank",
    "parse_date",
    "to_int",
    "trim",
]


def shown(value: str) -> str:
    """A raw value as a message shows it inside «»: trimmed, or the word "blank"."""
    t = value.strip(WS)
    return t if t else T("common.shown.1")


def quoted(value: str) -> str:
    """A raw value as a message shows it: «trimmed value», or the word "blank"."""
    t = value.strip(WS)
    return f"«{t}»" if t else T("common.shown.1")


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
    from kontroll.columns import ints  # columns builds on this module

    blanks = field_blanks(file, f.name)
    if blanks is not None:
        # Every value is spaces followed by digits: only the blank one is not an integer.
        return {" " * f.size} if b"\x01" in blanks else set()
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
        if values is None:
            return False
        if f.datatype == "date" and not f.codes:
            # A value that is a valid date has no problem; mapped in C over the distinct values
            # (usually all of them), so only a file with a bad date asks _problems.
            if None not in map(parse_date, values, repeat(f.date_pattern)):
                continue
        if any(_problems(f, v, strict=strict) for v in values):
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
