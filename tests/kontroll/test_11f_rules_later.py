"""11F rules for statistics years 2022-2026: each change at its year boundary, both ways.

Same case format as test_11f_rules: (rule, years, field overrides, fires?) on the base record
of each listed year (sosialhjelp_records).
"""

from __future__ import annotations

import pytest
from sosialhjelp_records import FNR, OSLO, born, fires, record, run

from kontroll import run_control
from kontroll.findings import Severity

NO_BIDRAG_MONTHS = {
    f"BIDRAG_{m}": ""
    for m in ("JAN", "FEB", "MARS", "APRIL", "MAI", "JUNI", "JULI", "AUG", "SEPT", "OKT", "NOV",
              "DES")
}  # fmt: skip
CONDITIONS = {"VILKARSOSLOV": "1", "UTBETDATO": "010120", "UTBETTOMDATO": "311220"}
CONDITIONS_2025 = {
    "VILKARSOSLOV": "1",
    "UTBETDATO": "01012025",
    "UTBETTOMDATO": "31122025",
}
SUFFIX_ID = "150684" + "00100"

CASES: list[tuple[str, tuple[int, ...], dict[str, str], bool]] = [
    # 002 does not run in 2023-2025, and is back in 2026
    ("002", (2022, 2026), {"STMND_3": "00"}, True),
    ("002", (2023, 2024, 2025), {"STMND_3": "00"}, False),
    ("002", (2026,), {"KJONN": ""}, True),
    ("002", (2026,), {"BIDRAG_JAN": "0000000", "BIDRAG": "0011000"}, False),
    # 003B from 2023: any blank outside Oslo; 00 is an error
    ("003B", (2023, 2026), {"BYDELSNR": "  "}, False),
    ("003B", (2023, 2026), {"BYDELSNR": "00"}, True),
    # 004 from 2023: VERSION read as a number
    ("004", (2023,), {"VERSION": "23"}, False),
    ("004", (2023,), {"VERSION": "22"}, True),
    ("004", (2026,), {"VERSION": "  "}, True),
    # 004A date of birth from 2025
    ("004A", (2025, 2026), {"FODSELSDATO": ""}, True),
    ("004A", (2025, 2026), {"FODSELSDATO": "150684"}, True),
    ("004A", (2025, 2026), {"FODSELSDATO": "31022000"}, False),
    # 005 from 2023 accepts the 00100/00200/99999 suffixes with a readable birth date
    ("005", (2023, 2024, 2025, 2026), {"PERSON_FODSELSNR": SUFFIX_ID}, False),
    ("005", (2022,), {"PERSON_FODSELSNR": SUFFIX_ID}, True),
    ("005", (2023, 2026), {"PERSON_FODSELSNR": "991384" + "00100"}, True),
    # 006 under 18: back in 2023; an unknown age is skipped until 2025 and fires in 2026
    ("006", (2022,), {"PERSON_FODSELSNR": born(2022, 17, 500)}, False),
    *[("006", (y,), {"PERSON_FODSELSNR": born(y, 17, 500)}, True) for y in range(2023, 2027)],
    *[("006", (y,), {"PERSON_FODSELSNR": born(y, 18, 500)}, False) for y in range(2023, 2027)],
    ("006", (2023, 2024, 2025), {"PERSON_FODSELSNR": ""}, False),
    ("006", (2026,), {"PERSON_FODSELSNR": ""}, True),
    # 007: 68 or older in 2023-2024, 96 or older from 2025
    ("007", (2023,), {"PERSON_FODSELSNR": born(2023, 68)}, True),
    ("007", (2024,), {"PERSON_FODSELSNR": born(2024, 67)}, False),
    ("007", (2025,), {"PERSON_FODSELSNR": born(2025, 68)}, False),
    ("007", (2026,), {"PERSON_FODSELSNR": born(2026, 96)}, True),
    ("007", (2022,), {"PERSON_FODSELSNR": born(2022, 96)}, False),
    # 013: 14 or more from 2023
    ("013", (2022,), {"BU18": "1", "ANTBU18": "13"}, True),
    ("013", (2023, 2026), {"BU18": "1", "ANTBU18": "13"}, False),
    ("013", (2023, 2026), {"BU18": "1", "ANTBU18": "14"}, True),
    # 020 (020B from 2024): 13 "barnetrygd" allowed from 2024
    ("020", (2023,), {"VKLO": "3", "TRYGDESIT": "13"}, True),
    (
        "020B",
        (2024, 2026),
        {"VKLO": "3", "TRYGDESIT": "13", "BU18": "1", "ANTBU18": "01"},
        False,
    ),
    ("020B", (2024, 2026), {"VKLO": "3", "TRYGDESIT": "12"}, True),
    ("020", (2024,), {"VKLO": "3", "TRYGDESIT": "12"}, False),
    # 020A (2024-2025): VKLO other than 3 needs TRYGDESIT 12
    ("020A", (2024, 2025), {"TRYGDESIT": "04", "ARBSIT": "04"}, True),
    ("020A", (2023, 2026), {"TRYGDESIT": "04", "ARBSIT": "04"}, False),
    ("020A", (2024,), {"VKLO": "3", "TRYGDESIT": "04", "ARBSIT": "04"}, False),
    # 021 VKLO 5 and ARBSIT (from 2023; 03 allowed from 2026)
    ("021", (2023, 2025), {"ARBSIT": "03"}, True),
    ("021", (2026,), {"ARBSIT": "03"}, False),
    ("021", (2022,), {"ARBSIT": "01"}, False),
    ("021", (2023, 2026), {"ARBSIT": "01"}, True),
    # old-age pension and age: <= 62 (2023), < 60 (2024-2025), < 62 as 023A (2026)
    (
        "022",
        (2023,),
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(2023, 62)},
        True,
    ),
    (
        "022",
        (2024,),
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(2024, 60)},
        False,
    ),
    (
        "022",
        (2025,),
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(2025, 59)},
        True,
    ),
    (
        "023A",
        (2026,),
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(2026, 61)},
        True,
    ),
    (
        "023A",
        (2026,),
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(2026, 62)},
        False,
    ),
    # 022 in 2026: TRYGDESIT must be a valid code
    ("022", (2026,), {"TRYGDESIT": "03"}, True),
    ("022", (2026,), {"TRYGDESIT": "  "}, True),
    ("022", (2026,), {"TRYGDESIT": "12"}, False),
    # transitional benefit without children: stricter from 2023, 023B in 2026
    ("023", (2022,), {"TRYGDESIT": "05", "ANTBU18": "01"}, False),
    ("023", (2023, 2025), {"TRYGDESIT": "05", "ANTBU18": "01"}, True),
    ("023B", (2026,), {"TRYGDESIT": "05"}, True),
    ("023B", (2026,), {"TRYGDESIT": "05", "BU18": "1", "ANTBU18": "02"}, False),
    # child benefit without children: 023B in 2024-2025, 023C in 2026
    ("023B", (2024, 2025), {"TRYGDESIT": "13"}, True),
    ("023C", (2026,), {"TRYGDESIT": "13"}, True),
    ("023C", (2026,), {"TRYGDESIT": "13", "BU18": "1", "ANTBU18": "01"}, False),
    ("023B", (2023,), {"TRYGDESIT": "13"}, False),
    # 024: 2026 allows 02-07
    ("024", (2025,), {"TRYGDESIT": "04", "ARBSIT": "03"}, True),
    ("024", (2026,), {"TRYGDESIT": "04", "ARBSIT": "03"}, False),
    # 028/029 removed from 2023
    ("028", (2023, 2026), {"BIDRAG": "", **NO_BIDRAG_MONTHS}, False),
    ("029", (2023,), {f"STMND_{m}": "  " for m in range(1, 13)}, False),
    # 030: >= 600 000 in 2023-2024, > 1 000 000 from 2025
    ("030", (2022,), {"BIDRAG": "0600000", **NO_BIDRAG_MONTHS}, False),
    ("030", (2023, 2024), {"BIDRAG": "0600000", **NO_BIDRAG_MONTHS}, True),
    ("030", (2023,), {"BIDRAG": "0599999", **NO_BIDRAG_MONTHS}, False),
    ("030", (2025, 2026), {"BIDRAG": "1000000", **NO_BIDRAG_MONTHS}, False),
    ("030", (2025, 2026), {"BIDRAG": "1000001", **NO_BIDRAG_MONTHS}, True),
    # 031 from 2023: no guard, so zero or blank amounts fire
    ("031", (2022,), {"BIDRAG": "", **NO_BIDRAG_MONTHS}, False),
    ("031", (2023, 2026), {"BIDRAG": "", **NO_BIDRAG_MONTHS}, True),
    (
        "031",
        (2023,),
        {"BIDRAG": "0000201", **NO_BIDRAG_MONTHS, "BIDRAG_MAI": "0000201"},
        False,
    ),
    # 036 from 2023 also when the annual amount is blank
    ("036", (2022,), {"BIDRAG": ""}, False),
    ("036", (2023, 2026), {"BIDRAG": ""}, True),
    # 038 from 2023: only a blank id with an invalid DUF
    ("038", (2022,), {"PERSON_FODSELSNR": "12345678901", "PERSON_DUF": ""}, True),
    ("038", (2023, 2026), {"PERSON_FODSELSNR": "12345678901", "PERSON_DUF": ""}, False),
    ("038", (2023, 2026), {"PERSON_FODSELSNR": "", "PERSON_DUF": ""}, True),
    # 041 from 2025: ddMMyyyy
    ("041", (2025, 2026), {**CONDITIONS_2025, "VILKARARBEID": "16"}, False),
    (
        "041",
        (2025,),
        {**CONDITIONS_2025, "VILKARARBEID": "16", "UTBETDATO": "010125"},
        True,
    ),
    # 043: VILKARNORSKSAMISKOPPL counts from 2024
    ("043", (2024,), {**CONDITIONS, "VILKARNORSKSAMISKOPPL": "20"}, False),
    ("043", (2023, 2024), {**CONDITIONS}, True),
    ("043", (2023,), {**CONDITIONS, "VILKARKURS": "17"}, False),
]


def _params() -> list[object]:
    params = []
    for rule_id, years, fields, expected in CASES:
        for aar in years:
            name = ",".join(f"{k}={v!r}" for k, v in list(fields.items())[:3])
            params.append(
                pytest.param(rule_id, aar, fields, expected, id=f"{rule_id}-{aar}-{name}")
            )
    return params


@pytest.mark.parametrize(("rule_id", "aar", "fields", "expected"), _params())
def test_rule_fires_exactly_on_its_condition(
    rule_id: str, aar: int, fields: dict[str, str], expected: bool
) -> None:
    assert fires(rule_id, aar, **fields) is expected


@pytest.mark.parametrize("aar", range(2022, 2027))
def test_base_record_has_no_findings(aar: int) -> None:
    assert run(aar, [record(aar)]).findings == []
    assert run(aar, [record(aar, kommune=OSLO)], kommune=OSLO, bydel="05").findings == []


@pytest.mark.parametrize(
    ("aar", "severity"),
    [(2022, Severity.WARNING), (2023, Severity.WARNING), (2024, Severity.ERROR),
     (2026, Severity.ERROR)],
)  # fmt: skip
def test_005_becomes_an_error_in_2024(aar: int, severity: Severity) -> None:
    found = [f for f in run(aar, [record(aar, PERSON_FODSELSNR="")]).findings if f.rule == "005"]
    assert [f.severity for f in found] == [severity]


def test_013_and_038_severities_change_in_2023() -> None:
    many = run(2023, [record(2023, BU18="1", ANTBU18="14")]).findings
    assert [f.severity for f in many if f.rule == "013"] == [Severity.ERROR]
    duf = run(2023, [record(2023, PERSON_FODSELSNR="", PERSON_DUF="")]).findings
    assert [f.severity for f in duf if f.rule == "038"] == [Severity.WARNING]


def test_003b_uses_the_record_kommune_from_2023() -> None:
    oslo_record = record(2023, kommune=OSLO, BYDELSNR="  ")
    assert {"003", "003B"} <= {f.rule for f in run(2023, [oslo_record]).findings}
    old = run(2022, [record(2022, kommune=OSLO, BYDELSNR="  ")]).findings
    assert [f.rule for f in old] == ["003"]


def _data(aar: int, text: str) -> bytes:
    return text.encode("latin-1")


@pytest.mark.parametrize("aar", range(2023, 2027))
def test_000_declared_recipients_but_empty_file_is_fatal(aar: int) -> None:
    report = run_control(skjema="11F", aar=aar, data=b" ", kommune="4204")
    assert [(f.rule, f.severity) for f in report.findings] == [("000", Severity.FATAL)]
    assert not report.accepted


@pytest.mark.parametrize("aar", range(2023, 2027))
def test_000_no_recipients_with_empty_file_is_confirmed_and_accepted(aar: int) -> None:
    report = run_control(skjema="11F", aar=aar, data=b" ", kommune="4204", has_participants=False)
    assert [(f.rule, f.severity) for f in report.findings] == [("000", Severity.INFO)]
    assert report.accepted
    assert report.stopped


def test_000_no_recipients_but_records_is_fatal_and_absent_before_2023() -> None:
    data = _data(2023, record(2023) + "\n")
    report = run_control(skjema="11F", aar=2023, data=data, kommune="4204", has_participants=False)
    assert [f.rule for f in report.findings] == ["000"]
    old = run_control(
        skjema="11F", aar=2022, data=_data(2022, record(2022) + "\n"), kommune="4204",
        has_participants=False,
    )  # fmt: skip
    assert old.findings == []


def test_001_from_2023_tab_and_lines_of_spaces_fail() -> None:
    rec = record(2023)
    tabbed = rec[:100] + "\t" + rec[101:]
    data = _data(2023, rec + "\n" + " " * 10 + "\n" + tabbed + "\n")
    report = run_control(skjema="11F", aar=2023, data=data, kommune="4204")
    assert [(f.rule, f.line) for f in report.findings] == [("001", 2), ("001", 3)]
    assert "tabulator" in report.findings[1].message
    old = run_control(
        skjema="11F", aar=2022, data=_data(2022, record(2022) + "\n" + " " * 10 + "\n"),
        kommune="4204",
    )  # fmt: skip
    assert old.findings == []


def test_record_length_is_338_from_2025() -> None:
    assert len(record(2025)) == 338
    data = _data(2025, record(2024) + "\n")
    report = run_control(skjema="11F", aar=2025, data=data, kommune="4204")
    assert [f.rule for f in report.findings] == ["001"]


def test_005a_groups_raw_ids_from_2023() -> None:
    a = record(2023, PERSON_JOURNALNR="J1")
    b = record(2023, PERSON_JOURNALNR="J2")
    c = record(2023, PERSON_JOURNALNR="J3", PERSON_FODSELSNR=born(2023, 30))
    report = run(2023, [a, b, c])
    assert [f.line for f in report.findings if f.rule == "005A"] == [1, 2]
    assert FNR not in repr(report.as_dict())
