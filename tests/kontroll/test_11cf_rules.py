"""11CF rules 003-013: a record that triggers each rule and its near misses, per year.

Each case is (rule, years, field overrides, fires?): the base record of every listed year
(see kvp_records) with the overrides is controlled alone, and the rule must report it exactly
when ``fires`` is True. Year boundaries of every change are covered both ways.
"""

from __future__ import annotations

import datetime as dt

import pytest
from kvp_records import (
    BORN,
    FNR,
    KOMMUNE,
    OSLO,
    YEARS,
    fires,
    fnr,
    record,
    rule_ids,
    run,
)

from kontroll.findings import Severity
from kontroll.samples import fnr_check_digits

ALL = YEARS


def _cases(table: list[tuple[str, object, dict[str, str], bool]]) -> list[object]:
    params = []
    for rule_id, years, fields, expected in table:
        for aar in years if isinstance(years, range | tuple) else (years,):  # type: ignore[union-attr]
            name = ",".join(f"{k}={v!r}" for k, v in fields.items())
            params.append(
                pytest.param(rule_id, aar, fields, expected, id=f"{rule_id}-{aar}-{name}")
            )
    return params


def born(aar: int, years: int, individual: int = 123) -> str:
    """An id for someone who turns ``years`` in statistics year ``aar``."""
    year = aar - years
    return fnr(dt.date(year, 6, 15), individual if year < 2000 else 500)


CASES = [
    # 003 kommunenummer
    ("003", ALL, {"KOMMUNE_NR": "1103"}, True),
    ("003", ALL, {"KOMMUNE_NR": "    "}, True),
    ("003", ALL, {"KOMMUNE_NR": KOMMUNE}, False),
    # 003B bydelsnummer, non-Oslo: "00" in 2020, blank from 2021
    ("003B", 2020, {"BYDELSNR": "00"}, False),
    ("003B", 2020, {"BYDELSNR": "  "}, True),
    ("003B", 2020, {"BYDELSNR": "01"}, True),
    ("003B", range(2021, 2027), {"BYDELSNR": "  "}, False),
    ("003B", range(2021, 2027), {"BYDELSNR": "00"}, True),
    ("003B", range(2021, 2027), {"BYDELSNR": "03"}, True),
    # 004 VERSION
    ("004", 2020, {"VERSION": "20"}, False),
    ("004", 2020, {"VERSION": "19"}, True),
    ("004", range(2021, 2027), {"VERSION": "20"}, True),
    ("004", ALL, {"VERSION": "  "}, True),
    ("004", ALL, {"VERSION": "xx"}, True),
    # 004A FODSELSDATO (2025+)
    ("004A", range(2025, 2027), {"FODSELSDATO": ""}, True),
    ("004A", range(2025, 2027), {"FODSELSDATO": "32011984"}, True),
    ("004A", range(2025, 2027), {"FODSELSDATO": "15131984"}, True),
    ("004A", range(2025, 2027), {"FODSELSDATO": "00000000"}, True),
    (
        "004A",
        range(2025, 2027),
        {"FODSELSDATO": "31021984"},
        False,
    ),  # clamped, as Java did
    ("004A", range(2025, 2027), {"FODSELSDATO": "01011950"}, False),
    # 005 national id
    ("005", ALL, {"PERSON_FODSELSNR": "12345678901"}, True),
    ("005", ALL, {"PERSON_FODSELSNR": ""}, True),
    ("005", ALL, {"PERSON_FODSELSNR": FNR[:10] + "x"}, True),
    ("005", ALL, {"PERSON_FODSELSNR": FNR}, False),
    # 008 KJONN
    ("008", ALL, {"KJONN": "3"}, True),
    ("008", ALL, {"KJONN": " "}, True),
    ("008", ALL, {"KJONN": "2"}, False),
    # 009 EKTSTAT
    ("009", ALL, {"EKTSTAT": "6"}, True),
    ("009", ALL, {"EKTSTAT": " "}, True),
    ("009", ALL, {"EKTSTAT": "0"}, True),
    ("009", ALL, {"EKTSTAT": "5"}, False),
    # 010 BU18
    ("010", ALL, {"BU18": "3"}, True),
    ("010", ALL, {"BU18": " "}, True),
    ("010", ALL, {"BU18": "1", "ANTBU18": "01"}, False),
    # 011 children but no number
    ("011", ALL, {"BU18": "1", "ANTBU18": "  "}, True),
    ("011", ALL, {"BU18": "1", "ANTBU18": "00"}, True),
    ("011", ALL, {"BU18": "1", "ANTBU18": "x"}, True),
    ("011", ALL, {"BU18": "1", "ANTBU18": "01"}, False),
    ("011", ALL, {"BU18": "2", "ANTBU18": "  "}, False),
    # 012 number but no children ticked
    ("012", ALL, {"BU18": "2", "ANTBU18": "01"}, True),
    ("012", ALL, {"BU18": " ", "ANTBU18": " 1"}, True),
    ("012", ALL, {"BU18": "2", "ANTBU18": "00"}, False),
    ("012", ALL, {"BU18": "1", "ANTBU18": "03"}, False),
    # 013 many children: more than 10 until 2021, 14 or more from 2022
    ("013", (2020, 2021), {"BU18": "1", "ANTBU18": "10"}, False),
    ("013", (2020, 2021), {"BU18": "1", "ANTBU18": "11"}, True),
    ("013", range(2022, 2027), {"BU18": "1", "ANTBU18": "11"}, False),
    ("013", range(2022, 2027), {"BU18": "1", "ANTBU18": "13"}, False),
    ("013", range(2022, 2027), {"BU18": "1", "ANTBU18": "14"}, True),
]


@pytest.mark.parametrize(("rule_id", "aar", "fields", "expected"), _cases(CASES))
def test_rule_fires_exactly_on_its_condition(
    rule_id: str, aar: int, fields: dict[str, str], expected: bool
) -> None:
    assert fires(rule_id, aar, **fields) is expected


# --- 003B for Oslo ------------------------------------------------------------------------------


@pytest.mark.parametrize("aar", ALL)
@pytest.mark.parametrize(
    ("bydel", "expected"),
    [("01", False), ("15", False), ("16", True), ("00", True), ("  ", True), ("99", True)],
)
def test_oslo_records_need_a_bydel_from_01_to_15(aar: int, bydel: str, expected: bool) -> None:
    assert fires("003B", aar, kommune=OSLO, BYDELSNR=bydel) is expected


@pytest.mark.parametrize(("aar", "expected"), [(2022, False), (2023, True)])
def test_from_2023_the_records_kommune_decides_whether_a_bydel_is_needed(
    aar: int, expected: bool
) -> None:
    # An Oslo record in a file delivered by 4204: until 2022 the delivering kommune decides.
    assert fires("003B", aar, KOMMUNE_NR=OSLO, BYDELSNR="  ") is expected


def test_bydel_messages_name_value_and_expectation() -> None:
    report = run(2021, [record(2021, BYDELSNR="00")])
    (finding,) = [f for f in report.findings if f.rule == "003B"]
    assert "«00»" in finding.message and "blankt" in finding.message
    assert finding.values["BYDELSNR"] == "00"


# --- 005-007: id and age --------------------------------------------------------------------------


def test_2020_checks_the_date_part_of_the_id_and_2021_does_not() -> None:
    # Day 32 in January with right check digits: only 2020 tests the date part.
    value = next(
        f"320184{ind}{digits}"
        for ind in range(100, 200)
        if (digits := fnr_check_digits(f"320184{ind}")) is not None
    )
    assert fires("005", 2020, PERSON_FODSELSNR=value) is True
    assert fires("005", 2021, PERSON_FODSELSNR=value) is False


@pytest.mark.parametrize(
    ("aar", "expected"), [(2021, True), (2022, True), (2023, False), (2025, False)]
)
def test_ids_ending_00100_are_accepted_from_2023(aar: int, expected: bool) -> None:
    assert fires("005", aar, PERSON_FODSELSNR="150684" + "00100") is expected


@pytest.mark.parametrize(
    ("aar", "severity"),
    [(2020, Severity.WARNING), (2023, Severity.WARNING), (2024, Severity.ERROR),
     (2026, Severity.ERROR)],
)  # fmt: skip
def test_invalid_id_is_a_warning_until_2023_and_an_error_from_2024(
    aar: int, severity: Severity
) -> None:
    report = run(aar, [record(aar, PERSON_FODSELSNR="12345678901")])
    (finding,) = [f for f in report.findings if f.rule == "005"]
    assert finding.severity is severity


@pytest.mark.parametrize("aar", ALL)
def test_no_message_or_value_contains_the_national_id(aar: int) -> None:
    bad = "12345678901"
    report = run(
        aar,
        [
            record(aar, PERSON_FODSELSNR=bad),
            record(aar, PERSON_FODSELSNR=FNR, PERSON_JOURNALNR="J2"),
        ],
    )
    report2 = run(aar, [record(aar, PERSON_JOURNALNR="J1"), record(aar, PERSON_JOURNALNR="J2")])
    for finding in report.findings + report2.findings:
        text = finding.message + repr(finding.values)
        assert bad not in text and FNR not in text


@pytest.mark.parametrize("aar", ALL)
def test_under_18_fires_at_17_and_not_at_18(aar: int) -> None:
    assert fires("006", aar, PERSON_FODSELSNR=born(aar, 17)) is True
    assert fires("006", aar, PERSON_FODSELSNR=born(aar, 18)) is False


@pytest.mark.parametrize(("aar", "expected"), [(2020, True), (2022, True), (2023, False),
                                               (2026, False)])  # fmt: skip
def test_underivable_age_counts_as_under_18_until_2022(aar: int, expected: bool) -> None:
    assert fires("006", aar, PERSON_FODSELSNR="99999999999") is expected


@pytest.mark.parametrize(("aar", "severity"), [(2022, Severity.WARNING), (2023, Severity.ERROR)])
def test_under_18_becomes_an_error_in_2023(aar: int, severity: Severity) -> None:
    report = run(aar, [record(aar, PERSON_FODSELSNR=born(aar, 17))])
    (finding,) = [f for f in report.findings if f.rule == "006"]
    assert finding.severity is severity and finding.values == {"age": 17}


@pytest.mark.parametrize(
    ("aar", "ok_age", "flagged_age"),
    [(2020, 96, 97), (2021, 67, 68), (2022, 67, 68), (2023, 67, 68), (2024, 67, 68),
     (2025, 68, 69), (2026, 68, 69)],
)  # fmt: skip
def test_too_old_limit_by_year(aar: int, ok_age: int, flagged_age: int) -> None:
    assert fires("007", aar, PERSON_FODSELSNR=born(aar, ok_age)) is False
    assert fires("007", aar, PERSON_FODSELSNR=born(aar, flagged_age)) is True


def test_base_participant_is_of_a_normal_age() -> None:
    assert 2020 - BORN.year == 36


@pytest.mark.parametrize(("aar", "severity"), [(2020, Severity.WARNING), (2021, Severity.ERROR)])
def test_marital_status_and_many_children_become_errors_in_2021(
    aar: int, severity: Severity
) -> None:
    report = run(aar, [record(aar, EKTSTAT="9", BU18="1", ANTBU18="12")])
    found = {f.rule: f.severity for f in report.findings if f.rule != "002"}
    assert found == {"009": severity, "013": severity}


def test_messages_name_the_value_found_and_the_expected_codes() -> None:
    report = run(2024, [record(2024, KJONN="7")])
    (finding,) = report.findings
    assert finding.rule == "008"
    assert "«7»" in finding.message and "1 (mann)" in finding.message
    assert finding.values == {"KJONN": "7"}
    assert finding.journal_number == "J0000001" and finding.caseworker == "SIV"
    assert finding.line == 1


def test_each_record_gets_its_own_finding_with_its_line() -> None:
    records = [record(2023, PERSON_JOURNALNR=f"J{i}", PERSON_FODSELSNR=born(2023, 30 + i))
               for i in range(3)]  # fmt: skip
    bad = record(2023, PERSON_JOURNALNR="J9", KJONN="0", PERSON_FODSELSNR=born(2023, 50))
    report = run(2023, [*records, bad])
    assert [(f.rule, f.line, f.journal_number) for f in report.findings] == [("008", 4, "J9")]
    assert rule_ids(2023, records) == []


@pytest.mark.parametrize("aar", [2021, 2022])
def test_2021_age_needs_a_real_calendar_date(aar: int) -> None:
    # 31 February is not clamped when the age is derived: the age is -1, which 006 reports.
    assert fires("006", aar, PERSON_FODSELSNR="31028412345") is True
    assert fires("006", aar, PERSON_FODSELSNR="29028312345") is True
    assert fires("006", aar, PERSON_FODSELSNR="29028412345") is False  # 1984 is a leap year


@pytest.mark.parametrize("aar", [2021, 2022])
def test_2021_id_with_a_one_digit_year_skips_the_age_rules(aar: int) -> None:
    # The reference parsed "ddMMy" and then failed on the year: no age, no 006/007.
    assert fires("006", aar, PERSON_FODSELSNR="01038 12345") is False
    assert fires("006", aar, PERSON_FODSELSNR="0103 812345") is False  # space before the year
    assert fires("006", aar, PERSON_FODSELSNR="0103  12345") is True  # no year at all
    assert fires("006", aar, PERSON_FODSELSNR="0103x812345") is True


# --- id validity and age per year (catalogue 5.3, 5.4) --------------------------------------------


@pytest.mark.parametrize(
    ("value", "aar", "expected"),
    [
        ("15068412345", 2020, 36),  # invalid id, date part valid: 19YY (YY >= 20)
        ("15061912345", 2020, 1),  # invalid id, YY < 20: 20YY
        ("12345678901", 2020, -1),  # no date: -1
        ("55068412345", 2021, 37),  # D-number
        ("31028412345", 2021, -1),  # no 31 February
        ("15068412345", 2023, 39),
        ("55068412345", 2023, 39),  # D-number: first digit - 4
        ("15868412345", 2023, 39),  # synthetic month: third digit - 8
        ("15468412345", 2023, None),  # H-number (month + 40): unparseable, no age
        ("1506841234x", 2023, None),
        (
            "15122512345",
            2024,
            -1,
        ),  # 15.12.2025 is not more than a year after 15.01.2025
        ("15062612345", 2024, 98),  # 15.06.2026 is: 1926
        ("15065460012", 2025, 171),  # individual number 500-749 and YY >= 54: 18YY
        ("15064580012", 2025, -20),  # 750-899 with YY >= 40: left as 20YY
        ("15064595012", 2025, 80),  # 900-999: 19YY
        ("15068400100", 2025, 41),  # suffix 00100: raw date, 2084 is after 2026 -> 1984
        ("15062599999", 2025, 0),  # suffix: 2025 is not after 2026
        ("55068400100", 2025, None),  # suffix ids get no D-number adjustment
    ],
)
def test_age_from_the_id_per_year(value: str, aar: int, expected: int | None) -> None:
    from kontroll.rules.kvalifisering_data import age

    assert age(value, aar) == expected


@pytest.mark.parametrize(
    ("value", "aar", "expected"),
    [
        (FNR, 2020, True),
        (FNR, 2026, True),
        (FNR[:9] + FNR[10] + FNR[9], 2021, FNR[9] == FNR[10]),
        ("15068400200", 2022, False),
        ("15068400200", 2023, True),
        ("15068499999", 2025, True),
        ("32138400100", 2025, False),  # suffix but no date
        ("", 2024, False),
    ],
)
def test_id_validity_per_year(value: str, aar: int, expected: bool) -> None:
    from kontroll.rules.kvalifisering_data import fnr_accepted

    assert fnr_accepted(value, aar) is expected
