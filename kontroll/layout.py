"""Record layouts per skjema and statistics year, loaded from ``kontroll/filbeskrivelser``.

The YAML file descriptions give each field's name, 1-based position (``from``), size, data type,
date pattern, mandatory flag and code list. ``load_layout`` turns one into a :class:`Layout`
with 0-based slice offsets and precomputed code sets, cached per (skjema, year).

The statistics years are exactly those with a file description: in a checkout the YAML files
themselves (``<skjema>_<year>.yaml``); in the built checker (``kontroll.build``), which must run
without PyYAML, the same documents converted to JSON at build time (``<skjema>_<year>.json``).
When both exist for a year, the YAML is read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import itemgetter
from typing import Any

from kontroll.errors import UnsupportedSkjema, UnsupportedYear
from kontroll.i18n import N_

# File description formats, in order of preference: the YAML sources, the JSON built from them.
SUFFIXES = (".yaml", ".json")

_DATATYPES = {"STRING_TYPE": "string", "INTEGER_TYPE": "integer", "DATE_TYPE": "date"}


@dataclass(frozen=True, slots=True)
class Field:
    """One fixed-width field. ``start``/``end`` are 0-based slice offsets (``rec[start:end]``)."""

    name: str
    number: int
    start: int
    end: int
    datatype: str
    date_pattern: str
    mandatory: bool
    description: str
    codes: frozenset[str]
    code_labels: dict[str, str]

    @property
    def size(self) -> int:
        return self.end - self.start

    @property
    def position(self) -> str:
        """1-based inclusive positions as users read them, e.g. "45-46"."""
        return f"{self.start + 1}-{self.end}"


@dataclass(frozen=True, slots=True)
class Layout:
    """The record layout of one skjema and statistics year."""

    skjema: str
    aar: int
    title: str
    record_length: int
    fields: dict[str, Field]
    names: tuple[str, ...]
    slicer: Callable[[str], tuple[str, ...]]

    def split(self, text: str) -> dict[str, str]:
        """Cut one record (a line of exactly ``record_length`` characters) into raw values."""
        return dict(zip(self.names, self.slicer(text), strict=True))


@cache
def _descriptions() -> dict[tuple[str, int], Any]:
    """(skjema, year) -> the file description to read, preferring YAML over JSON."""
    folder = resources.files("kontroll") / "filbeskrivelser"
    found: dict[tuple[str, int], Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        stem, dot, suffix = entry.name.rpartition(".")
        skjema, _, year = stem.rpartition("_")
        if not dot or f".{suffix}" not in SUFFIXES or not skjema or not year.isdigit():
            continue
        key = (skjema, int(year))
        if key not in found or suffix == "yaml":
            found[key] = entry
    return found


def available_years(skjema: str) -> tuple[int, ...]:
    """Statistics years that have a file description for ``skjema``."""
    return tuple(sorted(year for s, year in _descriptions() if s == skjema))


def read_description(skjema: str, aar: int) -> dict[str, Any]:
    """The file description of ``skjema`` for ``aar`` as a plain document (YAML or JSON)."""
    entry = _descriptions()[(skjema, aar)]
    text = entry.read_text(encoding="utf-8")
    if entry.name.endswith(".json"):
        doc: dict[str, Any] = json.loads(text)
        return doc
    # PyYAML is needed only where the YAML sources are (a checkout); the built checker has JSON.
    import yaml

    # libyaml's safe loader when PyYAML has it (about 10x faster; the same documents result
    # for these plain files), else the pure-Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loaded: dict[str, Any] = yaml.load(text, Loader=loader)
    return loaded


def _field(number: int, raw: dict[str, Any]) -> Field:
    start = int(raw["from"]) - 1
    size = int(raw["size"])
    code_list = raw.get("codeList") or []
    labels = {str(c["code"]): str(c.get("value", "")) for c in code_list}
    return Field(
        name=str(raw["name"]),
        number=number,
        start=start,
        end=start + size,
        datatype=_DATATYPES.get(str(raw.get("dataType")), "string"),
        date_pattern=str(raw.get("datePattern") or ""),
        mandatory=bool(raw.get("mandatory")),
        description=str(raw.get("description") or ""),
        codes=frozenset(labels),
        code_labels=labels,
    )


@cache
def load_layout(skjema: str, aar: int) -> Layout:
    """The layout for ``skjema`` in statistics year ``aar`` (cached).

    Raises UnsupportedSkjema / UnsupportedYear when no file description exists.
    """
    years = available_years(skjema)
    if not years:
        raise UnsupportedSkjema(N_("Skjema {skjema} støttes ikke.").format(skjema=skjema))
    if aar not in years:
        raise UnsupportedYear(
            N_("Skjema {skjema} har ingen filbeskrivelse for statistikkåret {aar}.").format(
                skjema=skjema, aar=aar
            )
        )
    return layout_from_description(skjema, aar, read_description(skjema, aar))


def layout_from_description(skjema: str, aar: int, doc: dict[str, Any]) -> Layout:
    """The :class:`Layout` a file description document (YAML or JSON) describes."""
    fields = [_field(i, raw) for i, raw in enumerate(doc["fields"], start=1)]
    record_length = max(f.end for f in fields)
    return Layout(
        skjema=skjema,
        aar=aar,
        title=str(doc.get("title") or skjema),
        record_length=record_length,
        fields={f.name: f for f in fields},
        names=tuple(f.name for f in fields),
        slicer=itemgetter(*(slice(f.start, f.end) for f in fields)),
    )


# The catalogue's documented exceptions to "code lists come from the file description": a
# file description whose code list is empty where the program of that season checked codes.
# (skjema, year, field) -> the year whose code list the program used.
CODE_LIST_OVERRIDES: dict[tuple[str, int, str], int] = {
    # 11F 2022: the file description has empty lists for VKLO, TRYGDESIT and ARBSIT; the 2022
    # program checked them against the 2021 lists (catalogue 11F 002, doubt 12).
    ("11F", 2022, "VKLO"): 2021,
    ("11F", 2022, "TRYGDESIT"): 2021,
    ("11F", 2022, "ARBSIT"): 2021,
    # 11CF 2022: KVP_OSLO has an empty list; the 2022 program accepted 1 and 2 (catalogue 11CF
    # 020A and doubt 13).
    ("11CF", 2022, "KVP_OSLO"): 2021,
}


@cache
def code_list(skjema: str, aar: int, field: str) -> frozenset[str]:
    """The codes of ``field`` in the file description of ``skjema`` and ``aar``, with the
    documented exceptions of :data:`CODE_LIST_OVERRIDES`."""
    source = CODE_LIST_OVERRIDES.get((skjema, aar, field), aar)
    return load_layout(skjema, source).fields[field].codes


def overridden_fields(skjema: str, aar: int) -> list[Field]:
    """The fields whose code list comes from another year (as that year's :class:`Field`)."""
    return [
        load_layout(skjema, source).fields[name]
        for (s, y, name), source in CODE_LIST_OVERRIDES.items()
        if s == skjema and y == aar
    ]


def layouts_preload() -> int:
    """Load (and cache) every layout there is; returns how many.

    A forking worker calls this once before its first job: the work horses then inherit the
    parsed layouts instead of parsing the YAML again for every job (the wrong-file diagnosis
    reads every form's and year's record length).
    """
    for skjema, aar in sorted(_descriptions()):
        load_layout(skjema, aar)
    return len(_descriptions())
