"""Golden files: whole synthetic 11F/11CF files whose findings were taken from SSB's reference
program (statisticsnorway/kostra-kontrollprogram, the 2020 and 2021 Java versions).

Each ``tests/fixtures/kontroll/<skjema>_<year>_<name>.dat`` has an ``.expected.json`` next to
it with the reference's (line, rule, severity) findings and verdict. Where we deliberately
differ from the reference, the difference is listed under ``deviations`` with a reason:

* ``missing``: the reference reports (line, rule) but we do not;
* ``extra``: we report (line, rule, severity) but the reference does not;
* ``severity``: both report (line, rule), with severity ``reference`` vs ``ours``;
* ``verdict``: our verdict is ``accepted``, not the reference's.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kontroll import run_control

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "kontroll"
EXPECTED = sorted(FIXTURES.glob("*.expected.json"))


def _expected_outcome(expected: dict[str, Any]) -> tuple[Counter, bool]:
    want = Counter((f["line"], f["rule"], f["severity"]) for f in expected["findings"])
    accepted = expected["accepted"]
    for dev in expected["deviations"]:
        kind = dev["kind"]
        if kind == "missing":
            matches = [k for k in want if k[0] == dev["line"] and k[1] == dev["rule"]]
            assert matches, f"deviation names a finding the reference does not have: {dev}"
            want[matches[0]] -= 1
        elif kind == "extra":
            want[(dev["line"], dev["rule"], dev["severity"])] += 1
        elif kind == "severity":
            key = (dev["line"], dev["rule"], dev["reference"])
            assert want[key], f"deviation names a finding the reference does not have: {dev}"
            want[key] -= 1
            want[(dev["line"], dev["rule"], dev["ours"])] += 1
        elif kind == "verdict":
            accepted = dev["accepted"]
        else:
            raise AssertionError(f"unknown deviation kind {kind!r}")
    return +want, accepted


def test_there_are_golden_files_for_both_skjemaer_and_years():
    stems = {p.name.split("_")[0] + "_" + p.name.split("_")[1] for p in EXPECTED}

    assert {"11F_2020", "11F_2021", "11CF_2020", "11CF_2021"} <= stems


def test_every_deviation_gives_a_reason():
    for path in EXPECTED:
        for dev in json.loads(path.read_text(encoding="utf-8"))["deviations"]:
            assert dev.get("reason", "").strip(), f"{path.name}: deviation without reason {dev}"


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_findings_and_verdict_match_the_reference_program(path):
    expected = json.loads(path.read_text(encoding="utf-8"))
    data = path.with_name(path.name.removesuffix(".expected.json") + ".dat").read_bytes()
    want, accepted = _expected_outcome(expected)

    report = run_control(
        skjema=expected["skjema"],
        aar=expected["aar"],
        data=data,
        kommune=expected["kommune"],
        bydel=expected["bydel"],
        has_participants=expected["has_participants"],
    )
    got = Counter((f.line, f.rule, f.severity.label) for f in report.findings)

    assert sorted(got.elements(), key=str) == sorted(want.elements(), key=str)
    assert report.accepted is accepted
