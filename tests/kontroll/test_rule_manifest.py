"""Which rules exist per skjema and year, and their severities: written from the control
catalogue (shared spec, kontroller/11F.md section 6 and 7, 11CF.md section 6), not from the code.

Each row gives a rule's severity in 2020, 2021, ..., 2026: F FATAL, E ERROR, W WARNING, I INFO,
``-`` the rule does not exist that year. A rule lost, added or with a changed severity in any
year fails here. Where the portal deliberately departs from the catalogue, the row is changed in
``DECISIONS`` with the reason.
"""

from __future__ import annotations

import pytest

from kontroll.findings import Severity
from kontroll.registry import rules_for

YEARS = tuple(range(2020, 2027))
_LETTERS = {"F": "FATAL", "E": "ERROR", "W": "WARNING", "I": "INFO"}

CATALOGUE_11F = {
    "000": "- - - F F F F",
    "001": "F F F F F F F",
    "002": "E E E - - - E",
    "003": "E E E E E E E",
    "003B": "E E E E E E E",
    "004": "E E E E E E E",
    "004A": "- - - - - E E",
    "005": "W W W W E E E",
    "005A": "- E E E E E E",
    "005B": "- E E E E E E",
    "006": "W - - W W W W",
    "007": "W - - W W W W",
    "008": "E E E E E E E",
    "009": "E E E E E E E",
    "010": "E E E E E E E",
    "011": "E E E E E E E",
    "012": "E E E E E E E",
    "013": "W W W E E E E",
    "014": "E E E E E E E",
    "015": "W E E E E E E",
    "016": "W E E E E E E",
    "017": "W E E E E E E",
    "018": "W E E E E E E",
    "019": "W E E E E E E",
    "020": "E E E E - - -",
    "020A": "- - - - W W -",
    "020B": "- - - - E E E",
    "021": "- - - W W W W",
    # 2020-2025: old-age pension but young; 2026: TRYGDESIT valid (a different check).
    "022": "W E E E E E E",
    "023": "W E E E E E -",
    "023A": "- - - - - - E",
    # 2024-2025: child benefit without children; 2026: transitional benefit without children.
    "023B": "- - - - E E E",
    "023C": "- - - - - - E",
    "024": "E W W W W W W",
    "024B": "W E E E E E E",
    "025": "E E E E E E E",
    "026": "E E E E E E E",
    "027": "E E E E E E E",
    "028": "E E E - - - -",
    "029": "E E E - - - -",
    "030": "W W W W W W W",
    "031": "W W W W W W W",
    "032": "E E E E E E E",
    "033": "E E E E E E E",
    "035": "E E E E E E E",
    "036": "W W W W W W W",
    "037": "W W W W W W W",
    "038": "W E E W W W W",
    "039": "E E E E E E E",
    "040": "E E E E E E E",
    "041": "E E E E E E E",
    "042": "E E E E E E E",
    "043": "E E E E E E E",
}

CATALOGUE_11CF = {
    "000": "- I E F F F F",
    "001": "F F F F F F F",
    "002": "E E E - - - -",
    "003": "E E E E E E E",
    "003B": "E E E E E E E",
    "004": "E E E E E E E",
    "004A": "- - - - - E E",
    "005": "W W W W E E E",
    "005A": "- E E E E E E",
    "005B": "- E E E E E E",
    "006": "W W W E E E E",
    "007": "W W W W W W W",
    "008": "E E E E E E E",
    "009": "W E E E E E E",
    "010": "E E E E E E E",
    "011": "E E E E E E E",
    "012": "E E E E E E E",
    "013": "W E E E E E E",
    "014": "E E E E E E E",
    "015": "E E E E E E E",
    "016": "E E E E E E E",
    "019": "E E E E E E E",
    "020": "E E E E E E E",
    "020A": "W W W - - - -",
    "021": "E E E E E E E",
    "026": "E E E E E E E",
    "027": "E E E E E E E",
    "028": "E W W W W W W",
    "029": "W W W W W W W",
    "030": "W W W W W W W",
    "031": "W W W W W W W",
    "032": "W W W W W W W",
    "033": "W W - - - - -",
    "036": "E E E E E E E",
    "037": "E E E E E E E",
    "038": "E E E E E E E",
    "039": "- E E E E E E",
}

# The portal's decisions where it departs from the catalogue's table.
DECISIONS = {
    # 11CF 000 checks the "no participants" declaration in every year as the 2022 program's
    # three cases, FATAL (the accepted empty delivery is an INFO finding that stops): the 2020
    # and 2021 reference programs accepted any file with "no participants" declared (catalogue
    # 11CF 000, open doubt 2; golden deviation in 11CF_2021_no_participants_with_records).
    ("11CF", "000"): "F F F F F F F",
}

MANIFEST = {"11F": CATALOGUE_11F, "11CF": CATALOGUE_11CF}


def _expected(skjema: str, aar: int) -> dict[str, str]:
    result = {}
    for rule_id, row in MANIFEST[skjema].items():
        letter = DECISIONS.get((skjema, rule_id), row).split()[YEARS.index(aar)]
        if letter != "-":
            result[rule_id] = _LETTERS[letter]
    return result


def _registered(skjema: str, aar: int) -> dict[str, str]:
    rules = rules_for(skjema, aar)
    registered = {r.id: r.severity_for(aar).label for r in rules}
    assert len(registered) == len(rules), f"{skjema} {aar}: a rule id registered twice"
    return registered


def test_every_row_names_each_year_once():
    for skjema, rows in MANIFEST.items():
        for rule_id, row in rows.items():
            letters = DECISIONS.get((skjema, rule_id), row).split()
            assert len(letters) == len(YEARS) and set(letters) <= {*_LETTERS, "-"}, rule_id


@pytest.mark.parametrize("skjema", sorted(MANIFEST))
@pytest.mark.parametrize("aar", YEARS)
def test_rules_and_severities_per_year_are_the_catalogues(skjema, aar):
    assert _registered(skjema, aar) == _expected(skjema, aar)


@pytest.mark.parametrize("skjema", sorted(MANIFEST))
def test_a_year_after_the_last_known_runs_the_rules_of_the_latest_year(skjema):
    """Years are data: no rule ends at "the last year we know" (2027 has no layout yet)."""
    assert _registered(skjema, 2027) == _registered(skjema, 2026)
    assert _registered(skjema, 2040) == _registered(skjema, 2026)


@pytest.mark.parametrize("skjema", sorted(MANIFEST))
def test_no_rules_before_the_first_year(skjema):
    assert rules_for(skjema, 2019) == []


def test_severity_letters_match_the_severity_names():
    assert {Severity[name] for name in _LETTERS.values()} == set(Severity)
