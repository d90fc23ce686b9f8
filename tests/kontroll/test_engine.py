"""The engine: layouts, the physical-line reader, context checks, FATAL handling and the report."""

from __future__ import annotations

import json

import pytest
from sosialhjelp_records import FNR, born, record, run

from kontroll import errors, run_control
from kontroll.findings import Severity
from kontroll.kommuner import bydeler, kommune_get, kommune_is_valid
from kontroll.layout import load_layout
from kontroll.reader import read_lines
from kontroll.registry import rules_for


@pytest.mark.parametrize("skjema", ["11F", "11CF"])
@pytest.mark.parametrize("aar", range(2020, 2027))
def test_every_layout_loads_with_contiguous_fields(skjema: str, aar: int) -> None:
    layout = load_layout(skjema, aar)
    fields = list(layout.fields.values())
    assert fields[0].start == 0
    assert all(a.end == b.start for a, b in zip(fields, fields[1:], strict=False))
    assert layout.record_length == fields[-1].end


def test_11f_record_length_is_324_until_2024_and_338_from_2025() -> None:
    assert [load_layout("11F", y).record_length for y in (2020, 2024, 2025, 2026)] == [
        324,
        324,
        338,
        338,
    ]


def test_layout_has_codes_with_labels_and_slices() -> None:
    f = load_layout("11F", 2020).fields["BOSIT"]
    assert (f.start, f.end, f.datatype) == (269, 270, "integer")
    assert "7" in f.codes
    assert "7" not in load_layout("11F", 2021).fields["BOSIT"].codes
    assert load_layout("11F", 2020).fields["KJONN"].code_labels["2"] == "Kvinne"


def test_reader_handles_lf_crlf_cr_blank_lines_and_missing_final_newline() -> None:
    lines = read_lines(b"a\r\nb\n\n   \rc\r\n\nd")
    assert lines.texts == ["a", "b", "c", "d"]
    assert lines.numbers == [1, 2, 5, 7]


def test_reader_keeps_lines_of_spaces_from_2023() -> None:
    assert read_lines(b"a\n   \nb\n", drop_whitespace_lines=False).numbers == [1, 2, 3]


def test_line_numbers_are_physical_lines_of_the_file() -> None:
    second = record(2021, PERSON_JOURNALNR="J2", KJONN="9", PERSON_FODSELSNR=born(2021, 50))
    data = (record(2021) + "\n\n" + second + "\n").encode("latin-1")
    report = run_control(skjema="11F", aar=2021, data=data, kommune="4204")
    assert [(f.rule, f.line) for f in report.findings] == [("002", 3), ("008", 3)]
    assert report.records == 2


def test_latin1_letters_are_one_position_each() -> None:
    data = (record(2021, SAKSBEHANDLER="ÅSE BJØRN") + "\r\n").encode("iso-8859-1")
    report = run_control(skjema="11F", aar=2021, data=data, kommune="4204")
    assert report.findings == []
    assert report.accepted


def test_utf8_file_gives_record_length_finding_naming_the_encoding() -> None:
    data = ("\ufeff" + record(2021, SAKSBEHANDLER="ÅSE") + "\n" + record(2021) + "\n").encode(
        "utf-8"
    )
    report = run_control(skjema="11F", aar=2021, data=data, kommune="4204")
    assert [(f.rule, f.severity, f.line) for f in report.findings] == [("001", Severity.FATAL, 1)]
    assert "UTF-8" in report.findings[0].message
    assert report.findings[0].values == {"length": 328, "expected": 324}
    assert not report.accepted
    assert report.stopped


def test_binary_data_is_a_finding_not_a_crash() -> None:
    data = bytes(range(256)) * 10
    report = run_control(skjema="11F", aar=2020, data=data, kommune="4204")
    assert report.findings
    assert {f.rule for f in report.findings} == {"001"}
    assert any("binære" in f.message for f in report.findings)
    assert report.statistics == {}


@pytest.mark.parametrize(("aar", "expected"), [(2020, ["001"]), (2021, ["001"]), (2022, [])])
def test_empty_file_is_fatal_in_2020_and_2021(aar: int, expected: list[str]) -> None:
    report = run_control(skjema="11F", aar=aar, data=b"\n \n", kommune="4204")
    assert [f.rule for f in report.findings] == expected
    assert report.accepted is (not expected)


def test_wrong_record_length_stops_all_other_checks() -> None:
    data = (record(2020, KJONN="9") + "\n" + record(2020)[:-1] + "\n").encode("latin-1")
    report = run_control(skjema="11F", aar=2020, data=data, kommune="4204")
    assert [(f.rule, f.line) for f in report.findings] == [("001", 2)]
    assert "323" in report.findings[0].message


def test_unknown_skjema_and_year_are_usage_errors() -> None:
    with pytest.raises(errors.UnsupportedSkjema) as exc:
        run_control(skjema="99X", aar=2020, data=b"", kommune="4204")
    assert "99X" in exc.value.message
    with pytest.raises(errors.UnsupportedYear):
        run_control(skjema="11F", aar=2019, data=b"", kommune="4204")


@pytest.mark.parametrize(
    ("kommune", "aar"),
    [("3101", 2022), ("42O4", 2021), ("9999", 2021), ("420", 2021)],
)
def test_kommune_not_valid_in_the_year_is_refused(kommune: str, aar: int) -> None:
    with pytest.raises(errors.InvalidKommune):
        run_control(skjema="11F", aar=aar, data=b"", kommune=kommune)


def test_refusal_names_the_years_the_kommune_was_valid() -> None:
    with pytest.raises(errors.InvalidKommune) as exc:
        run_control(skjema="11F", aar=2022, data=b"", kommune="3101")
    assert "2024-" in exc.value.message


def test_kommune_data_has_mergers_with_inclusive_end_year() -> None:
    assert kommune_is_valid("1507", 2023)
    assert not kommune_is_valid("1507", 2024)
    assert kommune_get("0301", 2026) is not None
    assert len(bydeler()) == 15


def test_bydel_must_be_an_oslo_district_and_only_for_oslo() -> None:
    with pytest.raises(errors.InvalidBydel):
        run_control(skjema="11F", aar=2021, data=b"", kommune="0301", bydel="16")
    with pytest.raises(errors.InvalidBydel):
        run_control(skjema="11F", aar=2021, data=b"", kommune="4204", bydel="01")


def test_report_as_dict_follows_the_json_contract() -> None:
    second = record(2021, PERSON_JOURNALNR="J2", KJONN="9", PERSON_FODSELSNR=born(2021, 50))
    report = run(2021, [record(2021), second])
    d = json.loads(json.dumps(report.as_dict()))
    assert list(d)[:9] == [
        "skjema",
        "aar",
        "kommune",
        "bydel",
        "records",
        "accepted",
        "findings",
        "summary",
        "statistics",
    ]
    assert (d["skjema"], d["aar"], d["records"], d["accepted"]) == (
        "11F",
        2021,
        2,
        False,
    )
    finding = d["findings"][1]
    assert {k: finding[k] for k in ("rule", "severity", "line", "journal_number", "fields")} == {
        "rule": "008",
        "severity": "ERROR",
        "line": 2,
        "journal_number": "J2",
        "fields": ["KJONN"],
    }
    assert d["summary"]["008"]["count"] == 1
    assert d["summary"]["008"]["severity"] == "ERROR"
    assert d["statistics"]["recipients"] == 2
    assert FNR not in json.dumps(d)


def test_warnings_alone_leave_the_file_accepted() -> None:
    report = run(2021, [record(2021, BIDRAG="0000100", BIDRAG_DES="")])
    assert {f.severity for f in report.findings} == {Severity.WARNING}
    assert report.accepted


def test_text_report_is_norwegian_and_lists_findings_and_statistics() -> None:
    text = run(2021, [record(2021, KJONN="9")]).as_text()
    assert "IKKE godkjent" in text
    assert "[008 ERROR] linje 1" in text
    assert "Statistikk:" in text


def test_rules_for_is_in_catalogue_order() -> None:
    ids = [r.id for r in rules_for("11F", 2021)]
    assert ids == sorted(ids)
    assert ids[:5] == ["001", "002", "003", "003B", "004"]
    assert "006" not in ids
    assert "005A" in ids


def test_statistics_summary_counts_recipients_ages_months_and_amounts() -> None:
    recs = [
        record(2021),
        record(2021, PERSON_JOURNALNR="J2", STMND_12="", BIDRAG="0011000", BIDRAG_DES=""),
    ]
    stats = run(2021, recs).statistics
    assert stats["recipients"] == 2
    assert stats["bidrag_total"] == 23000
    assert {r["group"]: r["count"] for r in stats["by_months"]}["10-11 måneder"] == 1
    assert {r["group"]: r["count"] for r in stats["by_age"]}["30-39 år"] == 2
    assert {r["group"]: r["count"] for r in stats["by_amount"]}["10 000-49 999 kr"] == 2
