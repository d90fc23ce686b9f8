"""Kommune numbers and Oslo districts (bydeler) valid per statistics year.

Data: ``kontroll/data/kommuner.csv`` (gyldig_fra and gyldig_til are inclusive statistics years;
an empty gyldig_til means still valid) and ``kontroll/data/oslo_bydeler.csv``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

OSLO = "0301"


@dataclass(frozen=True, slots=True)
class Kommune:
    nummer: str
    navn: str
    fylke: str
    orgnr: str
    gyldig_fra: int
    gyldig_til: int | None

    def valid_in(self, aar: int) -> bool:
        return self.gyldig_fra <= aar and (self.gyldig_til is None or aar <= self.gyldig_til)


def _read_csv(name: str) -> list[dict[str, str]]:
    text = (resources.files("kontroll") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def _kommuner() -> dict[str, tuple[Kommune, ...]]:
    result: dict[str, list[Kommune]] = {}
    for row in _read_csv("kommuner.csv"):
        til = row["gyldig_til"].strip()
        k = Kommune(
            nummer=row["kommunenummer"].strip(),
            navn=row["navn"].strip(),
            fylke=row["fylke"].strip(),
            orgnr=row["orgnr"].strip(),
            gyldig_fra=int(row["gyldig_fra"]),
            gyldig_til=int(til) if til else None,
        )
        result.setdefault(k.nummer, []).append(k)
    return {nr: tuple(ks) for nr, ks in result.items()}


def kommune_get(nummer: str, aar: int) -> Kommune | None:
    """The kommune with ``nummer`` as it was in statistics year ``aar``, or None."""
    for k in _kommuner().get(nummer, ()):
        if k.valid_in(aar):
            return k
    return None


def kommune_is_valid(nummer: str, aar: int) -> bool:
    """True when ``nummer`` is a kommune number in use in statistics year ``aar``."""
    return kommune_get(nummer, aar) is not None


def kommune_known(nummer: str) -> bool:
    """True when ``nummer`` was a kommune number in some year of the data."""
    return nummer in _kommuner()


def kommune_years(nummer: str) -> list[tuple[int, int | None]]:
    """The (gyldig_fra, gyldig_til) periods in which ``nummer`` was valid."""
    return [(k.gyldig_fra, k.gyldig_til) for k in _kommuner().get(nummer, ())]


@cache
def bydeler() -> dict[str, str]:
    """Oslo's districts: bydel number ("01"-"15") -> name."""
    return {row["bydel"].strip(): row["navn"].strip() for row in _read_csv("oslo_bydeler.csv")}


def kommune_successor(nummer: str, aar: int) -> Kommune | None:
    """The kommune valid in ``aar`` that ``nummer`` became or came from (same organisation
    number), e.g. 3001 Halden -> 3101 Halden in 2024; None when the data has no such link."""
    orgnrs = {k.orgnr for k in _kommuner().get(nummer, ()) if k.orgnr}
    for versions in _kommuner().values():
        for k in versions:
            if k.orgnr in orgnrs and k.valid_in(aar) and k.nummer != nummer:
                return k
    return None
