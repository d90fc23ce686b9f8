"""11F rules 2020-2022: a record that triggers each rule and its near misses, per year.

Each case is (rule, years, field overrides, fires?): the base record of every listed year (see
sosialhjelp_records) with the overrides is controlled alone, and the rule must report it
exactly when ``fires`` is True. Year changes (2020 -> 2021) are covered both ways.
"""

from __future__ import annotations

import pytest
from sosialhjelp_records import DUF, FNR, KOMMUNE, OSLO, born, fires, record, run

from kontroll.findings import Severity

Y20 = (2020,)
Y21 = (2021, 2022)
ALL = (2020, 2021, 2022)
NO_MONTHS = {f"STMND_{m}": "  " for m in range(1, 13)}
NO_BIDRAG_MONTHS = {
    f"BIDRAG_{m}": ""
    for m in (
        "JAN",
        "FEB",
        "MARS",
        "APRIL",
        "MAI",
        "JUNI",
        "JULI",
        "AUG",
        "SEPT",
        "OKT",
        "NOV",
        "DES",
    )
}


CASES: list[tuple[str, tuple[int, ...], dict[str, str], bool]] = [
    # 003 kommune number
    ("003", ALL, {"KOMMUNE_NR": "4205"}, True),
    ("003", ALL, {"KOMMUNE_NR": "    "}, True),
    ("003", ALL, {"KOMMUNE_NR": "4204"}, False),
    # 003B bydel outside Oslo: 00 in 2020, blank from 2021
    ("003B", Y20, {"BYDELSNR": "00"}, False),
    ("003B", Y20, {"BYDELSNR": "  "}, True),
    ("003B", Y21, {"BYDELSNR": "  "}, False),
    ("003B", Y21, {"BYDELSNR": "00"}, True),
    ("003B", ALL, {"BYDELSNR": "04"}, True),
    # 004 VERSION: last two digits of the year; blank is a finding (the reference crashes)
    ("004", Y20, {"VERSION": "21"}, True),
    ("004", Y21, {"VERSION": "20"}, True),
    ("004", ALL, {"VERSION": "  "}, True),
    ("004", ALL, {"VERSION": "2"}, True),
    # 005 id: 2020 also tests the date; 2021 only digits and check digits
    ("005", ALL, {"PERSON_FODSELSNR": ""}, True),
    ("005", ALL, {"PERSON_FODSELSNR": FNR[:10] + str((int(FNR[10]) + 1) % 10)}, True),
    ("005", ALL, {"PERSON_FODSELSNR": FNR}, False),
    ("005", ALL, {"PERSON_FODSELSNR": str(int(FNR[0]) + 4) + FNR[1:]}, True),
    # 006 under 18 (2020 only; an unknown age counts as -1 and fires)
    ("006", Y20, {"PERSON_FODSELSNR": born(2020, 17, 500)}, True),
    ("006", Y20, {"PERSON_FODSELSNR": born(2020, 18, 500)}, False),
    ("006", Y20, {"PERSON_FODSELSNR": ""}, True),
    ("006", Y21, {"PERSON_FODSELSNR": born(2021, 17, 500)}, False),
    # 007 96 or older (2020 only)
    ("007", Y20, {"PERSON_FODSELSNR": born(2020, 96)}, True),
    ("007", Y20, {"PERSON_FODSELSNR": born(2020, 95)}, False),
    ("007", Y21, {"PERSON_FODSELSNR": born(2021, 96)}, False),
    # 008-010 codes
    ("008", ALL, {"KJONN": "3"}, True),
    ("008", ALL, {"KJONN": " "}, True),
    ("008", ALL, {"KJONN": "2"}, False),
    ("009", ALL, {"EKTSTAT": "6"}, True),
    ("009", ALL, {"EKTSTAT": "5"}, False),
    ("010", ALL, {"BU18": "0"}, True),
    ("010", ALL, {"BU18": "1", "ANTBU18": "01"}, False),
    # 011 children ticked without a count; 012 count without the tick
    ("011", ALL, {"BU18": "1", "ANTBU18": "  "}, True),
    ("011", ALL, {"BU18": "1", "ANTBU18": "00"}, True),
    ("011", ALL, {"BU18": "1", "ANTBU18": " 1"}, False),
    ("012", ALL, {"BU18": "2", "ANTBU18": "01"}, True),
    ("012", ALL, {"BU18": "2", "ANTBU18": "00"}, False),
    # 013 many children: > 10 in 2020, >= 10 from 2021
    ("013", Y20, {"BU18": "1", "ANTBU18": "10"}, False),
    ("013", Y20, {"BU18": "1", "ANTBU18": "11"}, True),
    ("013", Y21, {"BU18": "1", "ANTBU18": "10"}, True),
    ("013", Y21, {"BU18": "1", "ANTBU18": "09"}, False),
    # 014 VKLO
    ("014", ALL, {"VKLO": "0"}, True),
    ("014", ALL, {"VKLO": "9"}, False),
    # 015-019 VKLO and ARBSIT
    ("015", ALL, {"VKLO": "1", "ARBSIT": "02"}, False),
    ("015", ALL, {"VKLO": "1", "ARBSIT": "03"}, True),
    ("016", ALL, {"VKLO": "2", "ARBSIT": "06"}, False),
    ("016", Y20, {"VKLO": "2", "ARBSIT": "09"}, False),
    ("016", Y21, {"VKLO": "2", "ARBSIT": "09"}, True),
    ("016", ALL, {"VKLO": "2", "ARBSIT": "01"}, True),
    ("017", ALL, {"VKLO": "4", "ARBSIT": "03"}, False),
    ("017", ALL, {"VKLO": "4", "ARBSIT": "01"}, True),
    ("018", ALL, {"VKLO": "6", "ARBSIT": "09"}, False),
    ("018", ALL, {"VKLO": "6", "ARBSIT": "10"}, True),
    ("019", ALL, {"VKLO": "8", "ARBSIT": "10"}, False),
    ("019", ALL, {"VKLO": "8", "ARBSIT": "09"}, True),
    # 020 VKLO 3 needs a pension code; 12 accepted only in 2020
    ("020", ALL, {"VKLO": "3", "TRYGDESIT": "04", "ARBSIT": "04"}, False),
    ("020", Y20, {"VKLO": "3", "TRYGDESIT": "12"}, False),
    ("020", Y21, {"VKLO": "3", "TRYGDESIT": "12"}, True),
    ("020", ALL, {"VKLO": "3", "TRYGDESIT": "  "}, True),
    # 022 old-age pension: age <= 60 (2020) / <= 62 (2021-2022), unknown age fires
    (
        "022",
        Y20,
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(2020, 60)},
        True,
    ),
    (
        "022",
        Y20,
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(2020, 61)},
        False,
    ),
    (
        "022",
        (2021,),
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(2021, 62)},
        True,
    ),
    (
        "022",
        (2021,),
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(2021, 63)},
        False,
    ),
    ("022", ALL, {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": ""}, True),
    ("022", ALL, {"TRYGDESIT": "04", "ARBSIT": "04", "PERSON_FODSELSNR": ""}, False),
    # 023 transitional benefit without children
    ("023", ALL, {"TRYGDESIT": "05"}, True),
    ("023", ALL, {"TRYGDESIT": "05", "BU18": "1", "ANTBU18": "01"}, False),
    ("023", ALL, {"TRYGDESIT": "05", "BU18": "2", "ANTBU18": "01"}, False),
    # 024 pension and work situation: 04 only in 2020; 02/04/07 from 2021
    ("024", ALL, {"TRYGDESIT": "04", "ARBSIT": "04"}, False),
    ("024", Y20, {"TRYGDESIT": "07", "ARBSIT": "02"}, True),
    ("024", Y21, {"TRYGDESIT": "07", "ARBSIT": "02"}, False),
    ("024", ALL, {"TRYGDESIT": "04", "ARBSIT": "01"}, True),
    # 024B AAP and unregistered unemployed
    ("024B", ALL, {"VKLO": "3", "TRYGDESIT": "11", "ARBSIT": "08"}, True),
    ("024B", ALL, {"VKLO": "3", "TRYGDESIT": "11", "ARBSIT": "07"}, False),
    # 025 ARBSIT
    ("025", ALL, {"ARBSIT": "11"}, True),
    ("025", ALL, {"ARBSIT": "1 "}, True),
    ("025", ALL, {"ARBSIT": "10"}, False),
    # 026 months: 2020 literal (blank counts as present), from 2021 all blank fires
    ("026", Y20, NO_MONTHS, False),
    ("026", Y21, NO_MONTHS, True),
    ("026", Y20, {f"STMND_{m}": "xx" for m in range(1, 13)}, True),
    # 027 amount missing: 2020 zeros count as given; from 2021 only > 0 counts
    ("027", Y20, {"BIDRAG": "0000000", **NO_BIDRAG_MONTHS}, False),
    ("027", Y21, {"BIDRAG": "0000000", **NO_BIDRAG_MONTHS}, True),
    ("027", ALL, {"BIDRAG": "", **NO_BIDRAG_MONTHS}, True),
    ("027", ALL, {"BIDRAG": "", "LAAN": "0012000", **NO_BIDRAG_MONTHS}, False),
    # 028 months present but no amount (2020: fires with 027 since months count as present)
    ("028", ALL, {"BIDRAG": "", **NO_BIDRAG_MONTHS}, True),
    ("028", Y21, {"BIDRAG": "", **NO_BIDRAG_MONTHS, **NO_MONTHS}, False),
    # 029 amount but no months
    ("029", Y21, NO_MONTHS, True),
    ("029", Y20, NO_MONTHS, False),
    ("029", Y20, {f"STMND_{m}": "xx" for m in range(1, 13)}, True),
    # 030 high total: > 500 000 (2020), > 600 000 (from 2021)
    ("030", Y20, {"BIDRAG": "0500000", **NO_BIDRAG_MONTHS}, False),
    ("030", Y20, {"BIDRAG": "0500001", **NO_BIDRAG_MONTHS}, True),
    ("030", Y21, {"BIDRAG": "0600000", **NO_BIDRAG_MONTHS}, False),
    ("030", Y21, {"BIDRAG": "0600001", **NO_BIDRAG_MONTHS}, True),
    # 031 low total: <= 50 (2020, zeros fire), <= 200 with a non-zero amount (from 2021)
    ("031", Y20, {"BIDRAG": "0000050", **NO_BIDRAG_MONTHS}, True),
    ("031", Y20, {"BIDRAG": "0000051", **NO_BIDRAG_MONTHS}, False),
    ("031", Y20, {"BIDRAG": "0000000", **NO_BIDRAG_MONTHS}, True),
    ("031", Y21, {"BIDRAG": "0000200", **NO_BIDRAG_MONTHS}, True),
    ("031", Y21, {"BIDRAG": "0000201", **NO_BIDRAG_MONTHS}, False),
    ("031", Y21, {"BIDRAG": "0000000", **NO_BIDRAG_MONTHS}, False),
    # 032, 033 yes/no fields
    ("032", ALL, {"GITT_OKONOMIRAD": "3"}, True),
    ("032", ALL, {"GITT_OKONOMIRAD": "2"}, False),
    ("033", ALL, {"FAAT_INDIVIDUELL_PLAN": " "}, True),
    ("033", ALL, {"FAAT_INDIVIDUELL_PLAN": "1"}, False),
    # 035 BOSIT: 7 valid only in 2020
    ("035", Y20, {"BOSIT": "7"}, False),
    ("035", Y21, {"BOSIT": "7"}, True),
    ("035", ALL, {"BOSIT": " "}, True),
    ("035", ALL, {"BOSIT": "6"}, False),
    # 036/037 monthly sums
    ("036", ALL, {"BIDRAG_DES": "0001001"}, True),
    ("036", ALL, {"BIDRAG": "", **NO_BIDRAG_MONTHS, "LAAN": "0001000"}, False),
    ("037", ALL, {"LAAN": "0001000", "LAAN_MAI": "0000999"}, True),
    ("037", ALL, {"LAAN": "0001000", "LAAN_MAI": "   1000"}, False),
    # 038 DUF when the id is unusable
    ("038", Y20, {"PERSON_FODSELSNR": "", "PERSON_DUF": ""}, False),
    ("038", Y21, {"PERSON_FODSELSNR": "", "PERSON_DUF": ""}, True),
    ("038", ALL, {"PERSON_FODSELSNR": "", "PERSON_DUF": DUF}, False),
    ("038", ALL, {"PERSON_FODSELSNR": "", "PERSON_DUF": DUF[:11] + "9"}, True),
    ("038", Y21, {"PERSON_FODSELSNR": "150684", "PERSON_DUF": ""}, False),
    ("038", ALL, {"PERSON_FODSELSNR": FNR, "PERSON_DUF": "x"}, False),
    # 039, 040 conditions yes/no
    ("039", ALL, {"VILKARSOSLOV": "0"}, True),
    ("040", ALL, {"VILKARSAMEKT": " "}, True),
    # 041/042 dates when conditions are set (31.02 is clamped and passes)
    (
        "041",
        ALL,
        {
            "VILKARSOSLOV": "1",
            "VILKARARBEID": "16",
            "UTBETDATO": "",
            "UTBETTOMDATO": "311220",
        },
        True,
    ),
    (
        "041",
        ALL,
        {
            "VILKARSOSLOV": "1",
            "VILKARARBEID": "16",
            "UTBETDATO": "310220",
            "UTBETTOMDATO": "311220",
        },
        False,
    ),
    (
        "042",
        ALL,
        {
            "VILKARSOSLOV": "1",
            "VILKARARBEID": "16",
            "UTBETDATO": "010120",
            "UTBETTOMDATO": "000000",
        },
        True,
    ),
    ("041", ALL, {"VILKARSOSLOV": "2", "UTBETDATO": ""}, False),
    # 043 kind of conditions: 2020 literal (blank counts), from 2021 one must be ticked
    (
        "043",
        Y20,
        {"VILKARSOSLOV": "1", "UTBETDATO": "010120", "UTBETTOMDATO": "311220"},
        False,
    ),
    (
        "043",
        Y21,
        {"VILKARSOSLOV": "1", "UTBETDATO": "010120", "UTBETTOMDATO": "311220"},
        True,
    ),
    (
        "043",
        Y21,
        {
            "VILKARSOSLOV": "1",
            "VILKARKURS": "17",
            "UTBETDATO": "010120",
            "UTBETTOMDATO": "311220",
        },
        False,
    ),
    (
        "043",
        Y20,
        {
            "VILKARSOSLOV": "1",
            **{
                v: "xx"
                for v in (
                    "VILKARARBEID",
                    "VILKARKURS",
                    "VILKARUTD",
                    "VILKARJOBBLOG",
                    "VILKARJOBBTILB",
                    "VILKARSAMT",
                    "VILKAROKRETT",
                    "VILKARLIVSH",
                    "VILKARHELSE",
                    "VILKARANNET",
                    "VILKARDIGPLAN",
                )
            },
            "UTBETDATO": "010120",
            "UTBETTOMDATO": "311220",
        },
        True,
    ),
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


@pytest.mark.parametrize("aar", [2020, 2021, 2022])
def test_base_record_has_no_findings(aar: int) -> None:
    assert run(aar, [record(aar)]).findings == []


@pytest.mark.parametrize(
    ("bydel", "expected"),
    [("01", False), ("15", False), ("16", True), ("  ", True), ("00", True)],
)
def test_oslo_records_need_a_district_01_to_15(bydel: str, expected: bool) -> None:
    for aar in (2020, 2021):
        assert fires("003B", aar, kommune=OSLO, BYDELSNR=bydel) is expected


@pytest.mark.parametrize(
    ("rule_id", "severities"),
    [
        ("015", (Severity.WARNING, Severity.ERROR)),
        ("024", (Severity.ERROR, Severity.WARNING)),
        ("038", (Severity.WARNING, Severity.ERROR)),
        ("022", (Severity.WARNING, Severity.ERROR)),
    ],
)
def test_severity_changes_from_2021(rule_id: str, severities: tuple[Severity, Severity]) -> None:
    faults = {
        "015": {"VKLO": "1", "ARBSIT": "03"},
        "024": {"TRYGDESIT": "04", "ARBSIT": "01"},
        "038": {"PERSON_FODSELSNR": "", "PERSON_DUF": "1"},
        "022": {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": ""},
    }[rule_id]
    for aar, severity in zip((2020, 2021), severities, strict=True):
        found = [f for f in run(aar, [record(aar, **faults)]).findings if f.rule == rule_id]
        assert [f.severity for f in found] == [severity]


def test_002_reports_each_bad_field_with_its_name_and_position() -> None:
    report = run(2021, [record(2021, STMND_3="00", ANTBU18="x1", UTBETDATO="320120")])
    found = {f.fields[0]: f for f in report.findings if f.rule == "002"}
    assert set(found) == {"STMND_3", "ANTBU18", "UTBETDATO"}
    assert "56-57" in found["STMND_3"].message
    assert found["ANTBU18"].values["kind"] == "integer"


def test_002_accepts_00_in_tick_fields_and_zero_dates_only_in_2020() -> None:
    assert not fires("002", 2020, STMND_3="00", VEDTAKDATO="000000")
    assert fires("002", 2021, STMND_3="00")
    assert not fires("002", 2021, VEDTAKDATO="000000")


def test_002_bosit_x_in_2020_is_both_a_wrong_code_and_not_a_number() -> None:
    found = [f for f in run(2020, [record(2020, BOSIT="x")]).findings if f.rule == "002"]
    assert sorted(f.values["kind"] for f in found) == ["code", "integer"]


def test_duplicate_ids_and_journal_numbers_from_2021() -> None:
    a = record(2021, PERSON_JOURNALNR="J1")
    b = record(2021, PERSON_JOURNALNR="J2")
    c = record(2021, PERSON_JOURNALNR="J2", PERSON_FODSELSNR=born(2021, 40))
    report = run(2021, [a, b, c])
    dup_id = [(f.line, f.values["others"]) for f in report.findings if f.rule == "005A"]
    assert dup_id == [(1, ["J2"]), (2, ["J1"])]
    assert [f.line for f in report.findings if f.rule == "005B"] == [2, 3]
    assert not [f for f in run(2020, [a, b, c]).findings if f.rule in ("005A", "005B")]


def test_duplicate_invalid_ids_are_not_reported_as_duplicates() -> None:
    recs = [
        record(2021, PERSON_JOURNALNR=f"J{i}", PERSON_FODSELSNR="12345678901") for i in range(2)
    ]
    assert [f for f in run(2021, recs).findings if f.rule == "005A"] == []


def test_findings_carry_line_journal_number_and_caseworker_but_never_the_id() -> None:
    bad = record(
        2021,
        PERSON_JOURNALNR="J7",
        SAKSBEHANDLER="OLE H",
        KJONN="9",
        TRYGDESIT="07",
        ARBSIT="04",
        PERSON_FODSELSNR=born(2021, 30),
    )
    report = run(2021, [record(2021), bad])
    finding = next(f for f in report.findings if f.rule == "008")
    assert (finding.line, finding.journal_number, finding.caseworker) == (
        2,
        "J7",
        "OLE H",
    )
    assert finding.fields == ("KJONN",)
    assert "9" in finding.message
    text = repr(report.as_dict()) + report.as_text()
    assert born(2021, 30) not in text
    assert FNR not in text
    assert KOMMUNE in text
