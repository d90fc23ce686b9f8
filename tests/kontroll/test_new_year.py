"""Adding a statistics year takes only its two layout files (kontroll/README.md, "A new year").

A scratch copy of the package gets ``11F_2027.yaml`` and ``11CF_2027.yaml`` as copies of 2026;
then 2027 is a known year, runs exactly the rules of 2026, and the sample generator's valid
files (dates within their own statistics year) pass in 2027 as in 2026.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kontroll

PACKAGE = Path(kontroll.__file__).resolve().parent

_PROBE = """
import json, sys
from kontroll import run_control, samples
from kontroll.layout import available_years
from kontroll.registry import rules_for
out = {}
for skjema in ("11F", "11CF"):
    reports = {}
    for aar in (2026, 2027):
        data = samples.generate_file(skjema, aar, "4601", n=200, seed=5)
        report = run_control(skjema=skjema, aar=aar, data=data, kommune="4601")
        reports[aar] = {"accepted": report.accepted,
                        "findings": [(f.line, f.rule, f.severity.label) for f in report.findings]}
    out[skjema] = {
        "years": list(available_years(skjema)),
        "rules": {aar: [(r.id, r.severity_for(aar).label) for r in rules_for(skjema, aar)]
                  for aar in (2026, 2027)},
        "reports": reports,
    }
json.dump(out, sys.stdout)
"""


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("scratch")
    shutil.copytree(PACKAGE, root / "kontroll", ignore=shutil.ignore_patterns("__pycache__"))
    layouts = root / "kontroll" / "filbeskrivelser"
    for skjema in ("11F", "11CF"):
        text = (layouts / f"{skjema}_2026.yaml").read_text(encoding="utf-8")
        (layouts / f"{skjema}_2027.yaml").write_text(
            text.replace("reportingYear: 2026", "reportingYear: 2027"), encoding="utf-8"
        )
    return root


@pytest.fixture(scope="module")
def probe(scratch) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=scratch, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("skjema", ["11F", "11CF"])
def test_the_new_year_is_known_from_its_layout_file(probe, skjema):
    assert probe[skjema]["years"][-2:] == [2026, 2027]


@pytest.mark.parametrize("skjema", ["11F", "11CF"])
def test_the_new_year_runs_every_rule_of_the_latest_year(probe, skjema):
    rules = probe[skjema]["rules"]
    assert rules["2027"] == rules["2026"]
    assert len(rules["2026"]) > 30


@pytest.mark.parametrize("skjema", ["11F", "11CF"])
def test_a_valid_file_of_the_new_year_passes_as_in_the_latest_year(probe, skjema):
    reports = probe[skjema]["reports"]
    assert reports["2026"] == {"accepted": True, "findings": []}
    assert reports["2027"] == reports["2026"]
