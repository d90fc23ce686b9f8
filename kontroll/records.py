"""The file as the rules see it: kept lines, their line numbers, split records and columns."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from kontroll.layout import Layout
from kontroll.reader import JAVA_WHITESPACE, Lines


class FileData:
    """Everything file-scope rules and statistics need, computed lazily and once.

    ``texts[i]`` is record i's line, ``numbers[i]`` its physical 1-based line number, ``row(i)``
    its fields (name -> raw value). ``column(name)`` gives one field's raw values for all records,
    sliced in C with ``operator.itemgetter``; column-wise checks over it are much faster than
    per-record Python code.
    """

    def __init__(self, raw: bytes, lines: Lines, layout: Layout) -> None:
        self.raw = raw
        self.texts = lines.texts
        self.numbers = lines.numbers
        self.breaks = lines.breaks  # (CR, LF) bytes in ``raw``, when the reader counted them
        self.layout = layout
        self._columns: dict[str, list[str]] = {}
        self._derived: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def row(self, index: int) -> dict[str, str]:
        """Record ``index`` split into fields (not cached: 100,000 dicts would cost ~1 GB)."""
        return self.layout.split(self.texts[index])

    def identity(self, index: int) -> tuple[str, str]:
        """(journal number, caseworker) of record ``index``, trimmed; "" for absent fields."""
        text = self.texts[index]
        out = []
        for name in ("PERSON_JOURNALNR", "SAKSBEHANDLER"):
            f = self.layout.fields.get(name)
            out.append(text[f.start : f.end].strip(JAVA_WHITESPACE) if f else "")
        return out[0], out[1]

    def column(self, name: str, *, keep: bool = True) -> list[str]:
        """Raw values of field ``name`` for every record; ``keep=False`` skips the cache."""
        col = self._columns.get(name)
        if col is None:
            f = self.layout.fields[name]
            col = list(map(itemgetter(slice(f.start, f.end)), self.texts))
            if f.size == 2:
                # Two-character values are separate objects per record (CPython shares only
                # one-character strings); map each to one object per distinct value so a
                # cached code column costs a pointer per record.
                canonical = {v: v for v in set(col)}
                col = list(map(canonical.__getitem__, col))
            if keep:
                self._columns[name] = col
        return col

    def derived(self, key: str, compute: Callable[[FileData], Any]) -> Any:
        """``compute(self)`` once per file and key, e.g. ages from the id column that several
        rules and the statistics summary use."""
        if key not in self._derived:
            self._derived[key] = compute(self)
        return self._derived[key]
