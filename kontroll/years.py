"""Years are data: rules and year-dependent values say the year they start or change.

The statistics years kontroll knows are exactly those with a file description
(:func:`kontroll.layout.available_years`). A year added with only its layout files must run
every rule of the latest earlier year unchanged, so nothing here names the last year we know:

* ``since(2021)`` - the years a rule applies: from 2021 on, open-ended;
  ``since(2020, until=2023)`` - 2020, 2021 and 2022 (``until`` is the first year it no longer
  applies, like ``range``); ``since(2020, until=2021) | since(2023)`` for a rule with a gap.
* ``by_year({2020: 60, 2021: 62, 2024: 59})`` - a value that changes: each value holds from
  its year until the next key, the last one for every later year. Looking up a year before the
  first key raises ``KeyError``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Years:
    """A set of statistics years as half-open spans ``[start, end)``; ``end`` None is open."""

    spans: tuple[tuple[int, int | None], ...]

    def __contains__(self, aar: object) -> bool:
        if not isinstance(aar, int):
            return False
        return any(start <= aar and (end is None or aar < end) for start, end in self.spans)

    def __or__(self, other: Years) -> Years:
        return Years(tuple(sorted(self.spans + other.spans, key=lambda s: s[0])))

    @property
    def first(self) -> int:
        return min(start for start, _ in self.spans)

    def overlaps(self, other: Years) -> bool:
        """True when some year is in both sets."""
        for a_start, a_end in self.spans:
            for b_start, b_end in other.spans:
                low = max(a_start, b_start)
                ends = [e for e in (a_end, b_end) if e is not None]
                if not ends or low < min(ends):
                    return True
        return False

    def within(self, years: tuple[int, ...]) -> tuple[int, ...]:
        """The years of ``years`` (e.g. the available ones) that are in this set."""
        return tuple(y for y in years if y in self)

    def __str__(self) -> str:
        parts = []
        for start, end in self.spans:
            if end is None:
                parts.append(f"{start}-")
            elif end == start + 1:
                parts.append(str(start))
            else:
                parts.append(f"{start}-{end - 1}")
        return ", ".join(parts)


def since(first: int, *, until: int | None = None) -> Years:
    """The years from ``first`` on; with ``until``, up to and excluding that year."""
    if until is not None and until <= first:
        raise ValueError(f"since({first}, until={until}): no years")
    return Years(((first, until),))


class ByYear(Generic[V]):
    """A value per statistics year given as {year it starts or changes: value}."""

    __slots__ = ("_keys", "_values")

    def __init__(self, changes: Mapping[int, V]) -> None:
        if not changes:
            raise ValueError("by_year needs at least one year")
        self._keys = sorted(changes)
        self._values = [changes[k] for k in self._keys]

    @property
    def first(self) -> int:
        return self._keys[0]

    def __getitem__(self, aar: int) -> V:
        i = bisect_right(self._keys, aar)
        if i == 0:
            raise KeyError(aar)
        return self._values[i - 1]

    def get(self, aar: int, default: V | None = None) -> V | None:
        try:
            return self[aar]
        except KeyError:
            return default

    def changes(self) -> Iterator[tuple[int, V]]:
        """(year, value) for each year the value starts or changes."""
        return zip(self._keys, self._values, strict=True)

    def __repr__(self) -> str:
        return f"by_year({dict(self.changes())!r})"


def by_year(changes: Mapping[int, V]) -> ByYear[V]:
    """The value per year from the years it starts or changes (see the module docstring)."""
    return ByYear(changes)
