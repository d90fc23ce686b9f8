"""Whole 11CF files per statistics year: valid files pass, one fault per rule gives exactly
those rules, and the file-level rules 000 (no participants), 001 (record length) and 002."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

import pytest
from kvp_records import KOMMUNE, OSLO, SKJEMA, YEARS, fnr, record, run

from kontroll.findings import Severity
from kontroll.registry import rules_for
from kontroll.samples import generate_file


def _dt(aar: int, day: int, month: int) -> str:
    return (
        f"{day:02d}{month:02d}{aar:04d}" if aar >= 2025 else f"{day:02d}{month:02d}{aar % 100:02d}"
    )


def _born(aar: int, years: int) -> str:
    year = aar - years
    return fnr(dt.date(year, 3, 10), 123 if year < 2000 else 500)


NO_MONTHS = {f"STMND_{m}": "" for m in range(1, 13)}


def _faults(aar: int) -> list[tuple[dict[str, str], set[str]]]:
    """(overrides, rule ids expected on that record) for one fault per rule of ``aar``."""
    old, new = aar <= 2022, aar >= 2023
    f002 = {"002"} if old else set()  # 2020-2022 also report a code/format error
    ended = {"AVSL_DATO": _dt(aar, 1, 6)}
    faults: list[tuple[dict[str, str], set[str]]] = [
        ({"KOMMUNE_NR": "1103"}, {"003"}),
        ({"BYDELSNR": "16"}, {"003B"}),
        ({"VERSION": "19"}, {"004"}),
        ({"PERSON_FODSELSNR": _born(aar, 40)[:10] + "x"}, {"005"}),
        ({"PERSON_FODSELSNR": _born(aar, 17)}, {"006"}),
        ({"PERSON_FODSELSNR": _born(aar, 97 if aar == 2020 else 70)}, {"007"}),
        ({"KJONN": "3"}, {"008"} | f002),
        ({"EKTSTAT": "6"}, {"009"} | f002),
        ({"BU18": "3"}, {"010"} | f002),
        ({"BU18": "1", "ANTBU18": "00"}, {"011"}),
        ({"BU18": "2", "ANTBU18": "02"}, {"012"}),
        ({"BU18": "1", "ANTBU18": "15"}, {"013"}),
        ({"REG_DATO": ""}, {"014"} | f002),
        ({"VEDTAK_DATO": ""}, {"015"} | f002),
        ({"BEGYNT_DATO": ""}, {"016"} | f002),
        ({"KVP_KOMM": "3"}, {"019"} | f002),
        ({"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1234"}, {"020"} | f002),
        ({"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": "4"}, {"021"} | f002),
        ({"KVP_MED_ASTONAD": "3"}, {"026"} | f002),
        ({"KVP_MED_ASTONAD": "2", "KVP_MED_KOMMBOS": "4"}, {"027"}),
        ({"KVP_STONAD": "0700000"}, {"032"}),
        ({"STATUS": "9"}, {"036"} | f002),
        ({"STATUS": "4", "AVSL_DATO": ""}, {"037"}),
        # blank months: "has months" in 2020, so 2020 uses garbage
        (
            {**({m: "xx" for m in NO_MONTHS} if aar == 2020 else NO_MONTHS)},
            {"028", "031"} | ({"002"} if aar == 2020 else set()),
        ),
    ]
    if new:
        faults.append(({"KVP_STONAD": "0000000"}, {"029"}))
        faults.append(({"KVP_STONAD": "", "STATUS": "4", **ended}, {"030"}))
    else:
        faults.append(({"KVP_STONAD": "", "STATUS": "4", **ended}, {"029", "030"}))
        faults.append(({"BU18": "2", "ANTBU18": "x"}, {"002"}))
    if aar <= 2021:
        faults.append(({"KVP_STONAD": "0005000"}, {"033"}))
    if aar >= 2025:
        faults.append(({"FODSELSDATO": "32011984"}, {"004A"}))
    if aar == 2020:
        situation = {n: "xx" for n in ("AVSL_ORDINAERTARB", "AVSL_ARBLONNSTILS",
                                      "AVSL_TILRETTELARB", "AVSL_ARBMARK", "AVSL_SKOLE",
                                      "AVSL_AKTIVARBSOK", "AVSL_BEHANDL", "AVSL_AVKLAR_UFOR",
                                      "AVSL_INGEN_AKT", "AVSL_ANNET")}  # fmt: skip
        faults.append(({"STATUS": "3", **ended, **situation}, {"038", "002"}))
    else:
        income = {"AVSL_VIKTIGSTE_INNTEKT": "01"}
        faults.append(({"STATUS": "3", **ended, **income}, {"038"}))
        faults.append(({"STATUS": "3", **ended, "AVSL_ORDINAERTARB": "01"}, {"039"}))
    return faults


def _fault_file(aar: int) -> tuple[list[str], dict[int, set[str]]]:
    records: list[str] = []
    expected: dict[int, set[str]] = {}
    serial = 0

    def add(fields: dict[str, str], rules: set[str]) -> None:
        nonlocal serial
        serial += 1
        values = {
            "PERSON_JOURNALNR": f"J{serial:07d}",
            "PERSON_FODSELSNR": _born(aar, 30 + serial),
        }
        records.append(record(aar, **{**values, **fields}))
        expected[len(records)] = rules

    for fields, rules in _faults(aar):
        add(fields, rules)
    add({}, set())  # a clean record among them
    dup = _born(aar, 25)
    if aar >= 2021:
        add({"PERSON_FODSELSNR": dup}, {"005A"})
        add({"PERSON_FODSELSNR": dup}, {"005A"})
        add({}, {"005B"})
        records[-1] = record(aar, PERSON_JOURNALNR="JDUBLETT", PERSON_FODSELSNR=_born(aar, 26))
        add({}, {"005B"})
        records[-1] = record(aar, PERSON_JOURNALNR="JDUBLETT", PERSON_FODSELSNR=_born(aar, 27))
    return records, expected


@pytest.mark.parametrize("aar", YEARS)
def test_one_fault_per_rule_gives_exactly_those_rules(aar: int) -> None:
    records, expected = _fault_file(aar)
    report = run(aar, records)
    found: dict[int, set[str]] = defaultdict(set)
    for finding in report.findings:
        assert finding.line is not None
        found[finding.line].add(finding.rule)
    assert dict(found) == {line: rules for line, rules in expected.items() if rules}
    applicable = {r.id for r in rules_for(SKJEMA, aar)} - {"000", "001", "020A"}
    assert set().union(*found.values()) == applicable
    assert not report.accepted


@pytest.mark.parametrize("aar", YEARS)
@pytest.mark.parametrize(("kommune", "bydel"), [(KOMMUNE, None), (OSLO, "05"), ("1103", None)])
def test_generated_valid_file_is_accepted_without_findings(
    aar: int, kommune: str, bydel: str | None
) -> None:
    data = generate_file(SKJEMA, aar, kommune, bydel, n=200, seed=aar)
    from kontroll import run_control

    report = run_control(skjema=SKJEMA, aar=aar, data=data, kommune=kommune, bydel=bydel)
    assert report.findings == []
    assert report.accepted
    assert report.statistics["participants"] == 200


@pytest.mark.parametrize("aar", (2020, 2021, 2022))
def test_oslo_file_reports_missing_answer_about_another_bydel(aar: int) -> None:
    records = [
        record(aar, kommune=OSLO, KVP_OSLO=" "),
        record(aar, kommune=OSLO, PERSON_JOURNALNR="J2", PERSON_FODSELSNR=_born(aar, 44)),
    ]
    report = run(aar, records, kommune=OSLO, bydel="05")
    assert [(f.rule, f.line, f.severity) for f in report.findings] == [
        ("020A", 1, Severity.WARNING)
    ]


@pytest.mark.parametrize("aar", (2021, 2022, 2023, 2026))
def test_duplicates_in_oslo_are_allowed(aar: int) -> None:
    # Until 2022 Oslo's own deliveries are exempt; from 2023 records with KOMMUNE_NR 0301 are.
    oslo = [record(aar, kommune=OSLO), record(aar, kommune=OSLO)]
    assert [f.rule for f in run(aar, oslo, kommune=OSLO, bydel="05").findings] == []
    other = [record(aar), record(aar)]
    assert sorted(f.rule for f in run(aar, other).findings) == [
        "005A",
        "005A",
        "005B",
        "005B",
    ]


def test_same_person_with_another_status_is_no_duplicate_from_2022() -> None:
    ended = {
        "AVSL_DATO": "010621",
        "AVSL_ORDINAERTARB": "01",
        "AVSL_VIKTIGSTE_INNTEKT": "01",
    }
    for aar, expected in ((2021, ["005A", "005A"]), (2022, [])):
        ended["AVSL_DATO"] = f"0106{aar % 100}"
        records = [record(aar), record(aar, PERSON_JOURNALNR="J2", STATUS="3", **ended)]
        assert sorted(f.rule for f in run(aar, records).findings) == expected


def test_duplicate_messages_name_the_other_journals_not_the_id() -> None:
    records = [record(2024, PERSON_JOURNALNR=f"J{i}") for i in (1, 2, 3)]
    report = run(2024, records)
    dup_id = [f for f in report.findings if f.rule == "005A"]
    assert len(dup_id) == 3
    assert "«J2», «J3»" in dup_id[0].message
    assert dup_id[0].values == {
        "PERSON_JOURNALNR": "J1",
        "other_journals": ["J2", "J3"],
    }


def test_blank_journal_numbers_are_duplicates() -> None:
    records = [
        record(2021, PERSON_JOURNALNR="", PERSON_FODSELSNR=_born(2021, 30)),
        record(2021, PERSON_JOURNALNR="", PERSON_FODSELSNR=_born(2021, 31)),
    ]
    report = run(2021, records)
    assert [(f.rule, f.values["count"]) for f in report.findings] == [
        ("005B", 2),
        ("005B", 2),
    ]


# --- 000: "no participants" -----------------------------------------------------------------------


@pytest.mark.parametrize("aar", YEARS)
def test_no_participants_and_an_empty_file_is_accepted(aar: int) -> None:
    # The portal sends a single space when there is no file.
    for data in (b" ", b""):
        report = run_raw(aar, data, has_participants=False)
        assert [(f.rule, f.severity) for f in report.findings] == [("000", Severity.INFO)]
        assert report.accepted


@pytest.mark.parametrize("aar", YEARS)
def test_no_participants_but_records_is_refused(aar: int) -> None:
    report = run(aar, [record(aar)], has_participants=False)
    assert [(f.rule, f.severity) for f in report.findings] == [("000", Severity.FATAL)]
    assert not report.accepted and report.stopped
    assert "tom fil" in report.findings[0].message


@pytest.mark.parametrize(("aar", "rule"), [(2020, "001"), (2021, "001"), (2022, "000"),
                                           (2023, "000"), (2026, "000")])  # fmt: skip
def test_participants_declared_but_empty_file_is_refused(aar: int, rule: str) -> None:
    report = run_raw(aar, b" " if aar >= 2023 else b"\r\n", has_participants=True)
    assert [(f.rule, f.severity) for f in report.findings] == [(rule, Severity.FATAL)]
    assert not report.accepted


def run_raw(aar: int, data: bytes, *, has_participants: bool):  # type: ignore[no-untyped-def]
    from kontroll import run_control

    return run_control(
        skjema=SKJEMA,
        aar=aar,
        data=data,
        kommune=KOMMUNE,
        has_participants=has_participants,
    )


# --- 001 and 002 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("aar", YEARS)
def test_wrong_record_length_stops_the_control(aar: int) -> None:
    good = record(aar)
    report = run(aar, [good, good[:-1], good + " ", record(aar, KJONN="9")])
    assert [(f.rule, f.line, f.severity) for f in report.findings] == [
        ("001", 2, Severity.FATAL),
        ("001", 3, Severity.FATAL),
    ]
    assert report.stopped and not report.accepted


@pytest.mark.parametrize(("aar", "expected"), [(2022, ["002", "036"]), (2023, ["036"])])
def test_file_description_is_checked_until_2022(aar: int, expected: list[str]) -> None:
    assert sorted(f.rule for f in run(aar, [record(aar, STATUS=" ")]).findings) == expected


@pytest.mark.parametrize(("aar", "expected"), [(2020, ["002", "003B"]), (2021, [])])
def test_bydelsnr_is_mandatory_only_in_2020(aar: int, expected: list[str]) -> None:
    assert sorted(f.rule for f in run(aar, [record(aar, BYDELSNR="  ")]).findings) == expected


def test_2022_program_did_not_require_ektstat_in_the_file_description() -> None:
    assert sorted(f.rule for f in run(2022, [record(2022, EKTSTAT=" ")]).findings) == ["009"]


def test_2022_file_description_rejects_9999_and_bad_kvp_oslo() -> None:
    rec = record(2022, kommune=OSLO, KVP_KOMM="1", KOMMNR_KVP_KOMM="9999", KVP_OSLO="3")
    found = sorted(f.rule for f in run(2022, [rec], kommune=OSLO, bydel="05").findings)
    assert found == ["002", "002", "020", "020A"]


# --- statistics summary ---------------------------------------------------------------------------


def test_statistics_summary_counts_participants_by_group() -> None:
    aar = 2024
    records = [
        record(aar, PERSON_JOURNALNR="J1", PERSON_FODSELSNR=_born(aar, 19), KVP_STONAD="0007999"),
        record(aar, PERSON_JOURNALNR="J2", PERSON_FODSELSNR=_born(aar, 20), KVP_STONAD="0150000",
               **{f"STMND_{m}": "" for m in range(2, 13)}),
        record(aar, PERSON_JOURNALNR="J3", PERSON_FODSELSNR=_born(aar, 67), KVP_STONAD="0050000",
               **{f"STMND_{m}": "" for m in range(5, 13)}),
        record(aar, PERSON_JOURNALNR="J4", PERSON_FODSELSNR=_born(aar, 45), KVP_STONAD="",
               STATUS="2", **{f"STMND_{m}": "" for m in range(1, 13)}),
    ]  # fmt: skip
    stats = run(aar, records).statistics
    counts = {name: {g["group"]: g["count"] for g in stats[name]} for name in
              ("by_age", "by_months", "by_amount")}  # fmt: skip
    assert stats["participants"] == 4
    assert stats["benefit_total"] == 7_999 + 150_000 + 50_000
    assert counts["by_age"]["Under 20 år"] == 1
    assert counts["by_age"]["20-24 år"] == 1
    assert counts["by_age"]["40-49 år"] == 1
    assert counts["by_age"]["67 år og over"] == 1
    assert counts["by_months"] == {
        "1 måned": 1, "2-3 måneder": 0, "4-6 måneder": 1, "7-9 måneder": 0,
        "10-11 måneder": 0, "12 måneder": 1, "Ingen måneder oppgitt": 1,
    }  # fmt: skip
    assert counts["by_amount"]["1-7 999 kr"] == 1
    assert counts["by_amount"]["150 000 kr og over"] == 1
    assert counts["by_amount"]["50 000-99 999 kr"] == 1
    assert counts["by_amount"]["0 kr eller uoppgitt"] == 1


def test_statistics_put_underivable_ages_in_their_own_group() -> None:
    stats = run(2021, [record(2021, PERSON_FODSELSNR="99999999999")]).statistics
    by_age = {g["group"]: g["count"] for g in stats["by_age"]}
    assert by_age["Alder kan ikke utledes av fødselsnummeret"] == 1


def test_no_participants_report_is_accepted_with_one_info_finding() -> None:
    report = run_raw(2024, b" ", has_participants=False)
    assert report.accepted and report.statistics == {}
    data = json.loads(json.dumps(report.as_dict()))
    assert [(f["rule"], f["severity"], f["line"]) for f in data["findings"]] == [
        ("000", "INFO", None)
    ]


def test_report_with_statistics_is_json_serialisable() -> None:
    report = run(2021, [record(2021)])
    data = json.loads(json.dumps(report.as_dict()))
    assert data["statistics"]["participants"] == 1
    assert data["statistics"]["benefit_total"] == 100_000
