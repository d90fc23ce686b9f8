"""11CF rules 014-039 (the programme): triggers and near misses per year, year boundaries
both ways. Same conventions as test_11cf_rules."""

from __future__ import annotations

import pytest
from kvp_records import OSLO, YEARS, fires, record, run

from kontroll.findings import Severity

ALL = YEARS
OLD = range(2020, 2023)  # Java years
NEW = range(2023, 2027)  # Kotlin years


def _cases(table: list[tuple[str, object, dict[str, str], bool]]) -> list[object]:
    params = []
    for rule_id, years, fields, expected in table:
        for aar in years if isinstance(years, range | tuple) else (years,):  # type: ignore[union-attr]
            name = ",".join(f"{k}={v!r}" for k, v in fields.items())
            params.append(
                pytest.param(rule_id, aar, fields, expected, id=f"{rule_id}-{aar}-{name}")
            )
    return params


def d6(day: int, month: int, year: int) -> str:
    return f"{day:02d}{month:02d}{year % 100:02d}"


def d8(day: int, month: int, year: int) -> str:
    return f"{day:02d}{month:02d}{year:04d}"


def dt_(aar: int, day: int, month: int, year: int) -> str:
    return d8(day, month, year) if aar >= 2025 else d6(day, month, year)


ENDED = {"AVSL_ORDINAERTARB": "01", "AVSL_VIKTIGSTE_INNTEKT": "01"}

CASES = [
    # 019 KVP_KOMM: 2020 also accepted 0 and blank
    ("019", 2020, {"KVP_KOMM": "0"}, False),
    ("019", 2020, {"KVP_KOMM": " "}, False),
    ("019", range(2021, 2027), {"KVP_KOMM": " "}, True),
    ("019", range(2021, 2027), {"KVP_KOMM": "0"}, True),
    ("019", ALL, {"KVP_KOMM": "3"}, True),
    ("019", ALL, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1103"}, False),
    # 020 KOMMNR_KVP_KOMM when KVP_KOMM = 1
    ("020", ALL, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1103"}, False),
    ("020", ALL, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1234"}, True),
    ("020", 2020, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "0000"}, False),
    ("020", 2020, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "    "}, False),
    ("020", range(2021, 2027), {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "0000"}, True),
    ("020", range(2021, 2027), {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "    "}, True),
    ("020", range(2021, 2025), {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "9999"}, True),
    ("020", range(2025, 2027), {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "9999"}, False),
    ("020", ALL, {"KVP_KOMM": "2", "KOMMNR_KVP_KOMM": "1234"}, False),
    # the 2024 regional reform: 3001 (Halden until 2023) became 3101
    ("020", 2023, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "3001"}, False),
    ("020", 2024, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "3001"}, True),
    ("020", 2024, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "3101"}, False),
    # 021 YTELSE_TYPE_SOSHJ when YTELSE_SOSHJELP = 1
    ("021", 2020, {"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": " "}, False),
    ("021", 2020, {"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": "0"}, False),
    (
        "021",
        range(2021, 2027),
        {"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": " "},
        True,
    ),
    ("021", ALL, {"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": "4"}, True),
    ("021", ALL, {"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": "3"}, False),
    ("021", ALL, {"YTELSE_SOSHJELP": " ", "YTELSE_TYPE_SOSHJ": "4"}, False),
    # 026 KVP_MED_ASTONAD
    ("026", 2020, {"KVP_MED_ASTONAD": " "}, False),
    ("026", range(2021, 2027), {"KVP_MED_ASTONAD": " "}, True),
    ("026", ALL, {"KVP_MED_ASTONAD": "3"}, True),
    # 027 (a): support received but no type ticked (2020 also accepts 0/blank)
    ("027", 2020, {"KVP_MED_ASTONAD": "1"}, False),
    (
        "027",
        2020,
        {"KVP_MED_ASTONAD": "1", "KVP_MED_KOMMBOS": "x", "KVP_MED_SOSHJ_SUP": "x"},
        False,
    ),
    ("027", range(2021, 2027), {"KVP_MED_ASTONAD": "1"}, True),
    ("027", ALL, {"KVP_MED_ASTONAD": "1", "KVP_MED_SOSHJ_PGM": "8"}, False),
    (
        "027",
        range(2021, 2027),
        {"KVP_MED_ASTONAD": "1", "KVP_MED_SOSHJ_PGM": "7"},
        True,
    ),
    # 027 (b): no support but something ticked
    ("027", ALL, {"KVP_MED_ASTONAD": "2", "KVP_MED_KOMMBOS": "4"}, True),
    ("027", ALL, {"KVP_MED_ASTONAD": "2", "KVP_MED_KOMMBOS": "0"}, False),
    ("027", OLD, {"KVP_MED_ASTONAD": "2", "KVP_MED_KOMMBOS": "x"}, True),
    ("027", NEW, {"KVP_MED_ASTONAD": "2", "KVP_MED_KOMMBOS": "x"}, False),
    # 028 months: 2020 counts blank/00 as "has months"
    ("028", 2020, {f"STMND_{m}": "" for m in range(1, 13)}, False),
    ("028", 2020, {f"STMND_{m}": "xx" for m in range(1, 13)}, True),
    ("028", range(2021, 2027), {f"STMND_{m}": "" for m in range(1, 13)}, True),
    (
        "028",
        range(2021, 2027),
        {**{f"STMND_{m}": "" for m in range(1, 13)}, "STATUS": "2"},
        False,
    ),
    ("028", ALL, {**{f"STMND_{m}": "" for m in range(1, 13)}, "STMND_12": "12"}, False),
    (
        "028",
        range(2021, 2027),
        {**{f"STMND_{m}": "" for m in range(1, 13)}, "STMND_12": "11"},
        True,
    ),
    # 029 amount missing
    ("029", OLD, {"KVP_STONAD": ""}, True),
    ("029", OLD, {"KVP_STONAD": "abc"}, True),
    ("029", OLD, {"KVP_STONAD": "0000000"}, False),
    ("029", OLD, {"KVP_STONAD": "", "STATUS": "2"}, True),
    ("029", NEW, {"KVP_STONAD": ""}, True),
    ("029", NEW, {"KVP_STONAD": "0000000"}, True),
    ("029", NEW, {"KVP_STONAD": "-000005"}, True),
    ("029", NEW, {"KVP_STONAD": "", "STATUS": "2"}, False),
    ("029", ALL, {"KVP_STONAD": "0000001"}, False),
    # 030 months but no amount
    ("030", OLD, {"KVP_STONAD": "abc"}, True),
    ("030", NEW, {"KVP_STONAD": "abc"}, False),
    ("030", ALL, {"KVP_STONAD": ""}, True),
    ("030", NEW, {"KVP_STONAD": "", "STATUS": "2"}, False),
    (
        "030",
        range(2021, 2027),
        {**{f"STMND_{m}": "" for m in range(1, 13)}, "KVP_STONAD": ""},
        False,
    ),
    # 031 amount but no months (2020: blank months count as months)
    ("031", 2020, {f"STMND_{m}": "" for m in range(1, 13)}, False),
    ("031", range(2021, 2027), {f"STMND_{m}": "" for m in range(1, 13)}, True),
    (
        "031",
        range(2021, 2023),
        {**{f"STMND_{m}": "" for m in range(1, 13)}, "STATUS": "2"},
        True,
    ),
    ("031", NEW, {**{f"STMND_{m}": "" for m in range(1, 13)}, "STATUS": "2"}, False),
    (
        "031",
        range(2021, 2027),
        {**{f"STMND_{m}": "" for m in range(1, 13)}, "KVP_STONAD": "0"},
        False,
    ),
    # 032 above the limit: 235 000 until 2021, 600 000 from 2022
    ("032", (2020, 2021), {"KVP_STONAD": "0235000"}, False),
    ("032", (2020, 2021), {"KVP_STONAD": "0235001"}, True),
    ("032", range(2022, 2027), {"KVP_STONAD": "0235001"}, False),
    ("032", range(2022, 2027), {"KVP_STONAD": "0600000"}, False),
    ("032", range(2022, 2027), {"KVP_STONAD": "0600001"}, True),
    # 033 below 8 000 (2020-2021 only)
    ("033", (2020, 2021), {"KVP_STONAD": "0007999"}, True),
    ("033", (2020, 2021), {"KVP_STONAD": "0000000"}, True),
    ("033", (2020, 2021), {"KVP_STONAD": "0008000"}, False),
    ("033", (2020, 2021), {"KVP_STONAD": ""}, False),
    ("033", range(2022, 2027), {"KVP_STONAD": "0007999"}, False),
    # 036 STATUS
    ("036", 2020, {"STATUS": " "}, False),
    ("036", 2020, {"STATUS": "0"}, False),
    ("036", range(2021, 2027), {"STATUS": " "}, True),
    ("036", range(2020, 2023), {"STATUS": "7"}, True),
    ("036", NEW, {"STATUS": "7", "AVSL_DATO": "x"}, False),
    ("036", ALL, {"STATUS": "8"}, True),
    ("036", ALL, {"STATUS": "6"}, False),
    # 039 income source after the programme (2021+)
    ("039", range(2021, 2027), {"STATUS": "3", "AVSL_ORDINAERTARB": "01"}, True),
    ("039", range(2021, 2027), {"STATUS": "3", "AVSL_VIKTIGSTE_INNTEKT": "02"}, True),
    ("039", range(2021, 2027), {"STATUS": "3", "AVSL_VIKTIGSTE_INNTEKT": "17"}, False),
    ("039", NEW, {"STATUS": "7", "AVSL_VIKTIGSTE_INNTEKT": ""}, False),
    ("039", 2020, {"STATUS": "3"}, False),
]


@pytest.mark.parametrize(("rule_id", "aar", "fields", "expected"), _cases(CASES))
def test_rule_fires_exactly_on_its_condition(
    rule_id: str, aar: int, fields: dict[str, str], expected: bool
) -> None:
    assert fires(rule_id, aar, **fields) is expected


# --- 014-016: dates ------------------------------------------------------------------------------

DATE_FIELDS = ("014", "REG_DATO"), ("015", "VEDTAK_DATO"), ("016", "BEGYNT_DATO")


@pytest.mark.parametrize(("rule_id", "name"), DATE_FIELDS)
@pytest.mark.parametrize("aar", ALL)
def test_date_must_be_a_date(rule_id: str, name: str, aar: int) -> None:
    assert fires(rule_id, aar, **{name: ""}) is True
    assert fires(rule_id, aar, **{name: "0" * (8 if aar >= 2025 else 6)}) is True
    assert fires(rule_id, aar, **{name: dt_(aar, 32, 1, aar)}) is True
    assert fires(rule_id, aar, **{name: dt_(aar, 1, 13, aar)}) is True
    # 31 April is clamped to 30 April, as the reference programs did.
    assert fires(rule_id, aar, **{name: dt_(aar, 31, 4, aar)}) is False


@pytest.mark.parametrize(("rule_id", "name"), DATE_FIELDS)
@pytest.mark.parametrize(("aar", "expected"), [(2021, True), (2022, False), (2026, False)])
def test_oslo_dates_are_not_checked_from_2022(
    rule_id: str, name: str, aar: int, expected: bool
) -> None:
    assert fires(rule_id, aar, kommune=OSLO, **{name: ""}) is expected


@pytest.mark.parametrize(("rule_id", "name"), DATE_FIELDS)
@pytest.mark.parametrize(("aar", "expected"), [(2021, False), (2022, True), (2023, True)])
def test_dates_more_than_four_years_old_fail_from_2022(
    rule_id: str, name: str, aar: int, expected: bool
) -> None:
    assert fires(rule_id, aar, **{name: dt_(aar, 31, 12, aar - 5)}) is expected
    assert fires(rule_id, aar, **{name: dt_(aar, 1, 1, aar - 4)}) is False


@pytest.mark.parametrize(("aar", "expected"), [(2023, False), (2024, True), (2026, True)])
def test_start_after_the_statistics_year_fails_from_2024(aar: int, expected: bool) -> None:
    assert fires("016", aar, BEGYNT_DATO=dt_(aar, 1, 1, aar + 1)) is expected
    assert fires("016", aar, BEGYNT_DATO=dt_(aar, 31, 12, aar)) is False
    assert fires("014", aar, REG_DATO=dt_(aar, 1, 1, aar + 1)) is False


def test_date_message_tells_what_is_wrong() -> None:
    report = run(2023, [record(2023, REG_DATO=d6(1, 1, 2018))])
    (finding,) = report.findings
    assert finding.rule == "014" and "4 år" in finding.message and "010118" in finding.message
    assert finding.values == {"REG_DATO": "010118", "problem": "old"}


# --- 020A: Oslo districts (2020-2022) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("aar", "value", "expected"),
    [(2020, "0", False), (2020, " ", True), (2021, "0", True), (2022, "1", False),
     (2022, " ", True), (2022, "3", True), (2023, " ", False)],
)  # fmt: skip
def test_oslo_records_answer_whether_they_came_from_another_bydel(
    aar: int, value: str, expected: bool
) -> None:
    if aar >= 2023:
        assert "020A" not in {f.rule for f in run(aar, [record(aar, kommune=OSLO)],
                                                  kommune=OSLO).findings}  # fmt: skip
        return
    assert fires("020A", aar, kommune=OSLO, KVP_OSLO=value) is expected


def test_other_kommuner_leave_kvp_oslo_blank() -> None:
    assert fires("020A", 2021, KVP_OSLO=" ") is False


# --- 027 and 028 severities and messages ---------------------------------------------------------


def test_support_message_lists_the_five_fields() -> None:
    report = run(2023, [record(2023, KVP_MED_ASTONAD="2", KVP_MED_HUSBANKBOS="5")])
    (finding,) = report.findings
    assert finding.rule == "027" and "KVP_MED_HUSBANKBOS = «5»" in finding.message
    assert finding.fields[0] == "KVP_MED_ASTONAD" and len(finding.fields) == 6


@pytest.mark.parametrize(("aar", "severity"), [(2020, Severity.ERROR), (2021, Severity.WARNING)])
def test_missing_months_is_an_error_in_2020_and_a_warning_from_2021(
    aar: int, severity: Severity
) -> None:
    months = {f"STMND_{m}": "xx" for m in range(1, 13)}
    report = run(aar, [record(aar, **months)])
    (finding,) = [f for f in report.findings if f.rule == "028"]
    assert finding.severity is severity


# --- 037-038: end of the programme --------------------------------------------------------------


@pytest.mark.parametrize("aar", ALL)
def test_ended_programme_needs_an_end_date(aar: int) -> None:
    assert fires("037", aar, STATUS="4") is True
    assert fires("037", aar, STATUS="4", AVSL_DATO=dt_(aar, 30, 6, aar)) is False
    assert fires("037", aar, STATUS="5", AVSL_DATO="") is True
    ended = ENDED if aar >= 2021 else {"AVSL_ORDINAERTARB": "01"}
    assert fires("037", aar, STATUS="3", AVSL_DATO="", **ended) is True
    assert fires("037", aar, STATUS="1") is False


@pytest.mark.parametrize(("aar", "expected"), [(2022, False), (2023, True), (2026, True)])
def test_status_7_needs_an_end_date_from_2023(aar: int, expected: bool) -> None:
    assert fires("037", aar, STATUS="7") is expected


@pytest.mark.parametrize(("aar", "expected"), [(2021, False), (2022, True), (2023, False)])
def test_2022_wants_no_end_date_for_other_statuses(aar: int, expected: bool) -> None:
    assert fires("037", aar, STATUS="1", AVSL_DATO=dt_(aar, 1, 6, aar)) is expected


@pytest.mark.parametrize(("aar", "expected"), [(2023, False), (2024, True), (2026, True)])
def test_end_date_must_be_real_and_in_the_year_from_2024(aar: int, expected: bool) -> None:
    assert fires("037", aar, STATUS="4", AVSL_DATO=dt_(aar, 31, 4, aar)) is expected
    assert fires("037", aar, STATUS="4", AVSL_DATO=dt_(aar, 31, 12, aar - 1)) is expected
    assert fires("037", aar, STATUS="4", AVSL_DATO=dt_(aar, 1, 1, aar)) is False


@pytest.mark.parametrize("aar", ALL)
def test_completed_programme_needs_the_situation_after(aar: int) -> None:
    income = {"AVSL_VIKTIGSTE_INNTEKT": "01"} if aar >= 2021 else {}
    end = {"AVSL_DATO": dt_(aar, 1, 6, aar)}
    ticked = fires("038", aar, STATUS="3", AVSL_ANNET="10", **income, **end)
    assert ticked is False
    garbage = {name: "xx" for name in ("AVSL_ORDINAERTARB", "AVSL_ARBLONNSTILS", "AVSL_ARBMARK",
                                       "AVSL_SKOLE", "AVSL_ANNET")}  # fmt: skip
    if aar == 2020:
        # 2020's lists include 00 and blank, so only fields holding garbage everywhere fire.
        assert fires("038", aar, STATUS="3", **end) is False
        all_garbage = {**garbage, **{n: "xx" for n in ("AVSL_TILRETTELARB", "AVSL_AKTIVARBSOK",
                                                       "AVSL_BEHANDL", "AVSL_AVKLAR_UFOR",
                                                       "AVSL_INGEN_AKT")}}  # fmt: skip
        assert fires("038", aar, STATUS="3", **all_garbage, **end) is True
    else:
        assert fires("038", aar, STATUS="3", **income, **end) is True
        assert fires("038", aar, STATUS="3", **garbage, **income, **end) is True


@pytest.mark.parametrize(("aar", "expected"), [(2022, False), (2023, True)])
def test_status_7_needs_the_situation_after_from_2023(aar: int, expected: bool) -> None:
    assert fires("038", aar, STATUS="7", AVSL_DATO=dt_(aar, 1, 6, aar)) is expected
