"""The standalone checker's command line (kontroll.cli, ``python -m kontroll``)."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kontroll import cli, samples

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def valid_11f(tmp_path):
    path = tmp_path / "bergen.dat"
    path.write_bytes(samples.generate_file("11F", 2020, "4601", n=20, seed=3))
    return path


def _args(path, *extra):
    return [str(path), "--skjema", "11F", "--aar", "2020", "--kommune", "4601", *extra]


def test_accepted_file_returns_0_and_prints_only_the_json_report(valid_11f, capsys):
    assert cli.main(_args(valid_11f)) == 0
    out, err = capsys.readouterr()
    body = json.loads(out)
    assert body["accepted"] is True and body["records"] == 20 and body["findings"] == []
    assert err == ""


def test_rejected_file_returns_1_with_the_finding(tmp_path, valid_11f, capsys):
    bad = tmp_path / "bad.dat"
    bad.write_bytes(b"5001" + valid_11f.read_bytes()[4:])
    assert cli.main(_args(bad)) == 1
    finding = next(f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "003")
    assert finding["line"] == 1 and finding["severity"] == "ERROR"


def test_usage_error_returns_2_with_a_norwegian_message_and_no_stdout(valid_11f, capsys):
    code = cli.main([str(valid_11f), "--skjema", "11F", "--aar", "1999", "--kommune", "4601"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "1999" in err and "statistikkåret" in err


def test_missing_file_returns_2(tmp_path, capsys):
    assert cli.main(_args(tmp_path / "missing.dat")) == 2
    assert "Kan ikke lese filen" in capsys.readouterr().err


def test_bad_options_return_2_instead_of_exiting(capsys):
    assert cli.main(["--skjema", "11F"]) == 2
    assert capsys.readouterr().out == ""


def test_help_returns_0(capsys):
    assert cli.main(["--help"]) == 0
    assert "--skjema" in capsys.readouterr().out


def test_python_m_kontroll_reads_stdin_and_exits_with_the_verdict(valid_11f):
    result = subprocess.run(
        [sys.executable, "-m", "kontroll", *_args("-")[0:1], *_args(valid_11f)[1:]],
        input=valid_11f.read_bytes(),
        capture_output=True,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["records"] == 20


# --- --format html ----------------------------------------------------------------------------


def test_html_report_is_a_self_contained_page_with_kommune_findings_and_statistics(
    tmp_path, valid_11f, capsys
):
    lines = valid_11f.read_bytes().split(b"\r\n")
    lines[1] = b"5001" + lines[1][4:]
    bad = tmp_path / "bad.dat"
    bad.write_bytes(b"\r\n".join(lines))
    assert cli.main(_args(bad, "--format", "html")) == 1
    page = capsys.readouterr().out
    assert page.startswith("<!doctype html>")
    assert "4601 Bergen" in page
    assert "Oppsummering per kontroll" in page and "Kontroll 03 Kommunenummer" in page
    assert "<td>J0000002</td>" in page  # journal number of line 2
    assert "Antall mottakere" in page  # statistics
    assert "<script" not in page and "<link" not in page and "http" not in page


def test_html_report_escapes_values_from_the_file(tmp_path, valid_11f, capsys):
    record = valid_11f.read_bytes().split(b"\r\n")[0].decode("iso-8859-1")
    record = samples.set_field(record, "11F", 2020, "SAKSBEHANDLER", "<b>x</b>")
    record = samples.set_field(record, "11F", 2020, "KJONN", "9")
    path = tmp_path / "one.dat"
    path.write_bytes(samples.encode_file([record]))
    cli.main(_args(path, "--format", "html"))
    page = capsys.readouterr().out
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page


# --- --rules ----------------------------------------------------------------------------------


def test_rules_lists_id_severity_and_title_of_the_year(capsys):
    assert cli.main(["--rules", "--skjema", "11F", "--aar", "2026"]) == 0
    listed = json.loads(capsys.readouterr().out)
    by_id = {r["rule"]: r for r in listed}
    assert set(listed[0]) == {"rule", "severity", "title"}
    assert by_id["023A"]["severity"] == "ERROR"
    assert "028" not in by_id  # removed from 2023
    assert by_id["003"]["title"] == "Kontroll 03 Kommunenummer"


def test_rules_for_an_unknown_year_is_a_usage_error(capsys):
    assert cli.main(["--rules", "--skjema", "11CF", "--aar", "2019"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "2019" in err


def test_rules_as_text_is_one_line_per_rule(capsys):
    assert cli.main(["--rules", "--skjema", "11CF", "--aar", "2020", "--format", "text"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("000   FATAL")
    assert len(lines) == len(json.loads(_rules_json("11CF", 2020, capsys)))


def _rules_json(skjema, aar, capsys):
    cli.main(["--rules", "--skjema", skjema, "--aar", str(aar)])
    return capsys.readouterr().out


def test_checking_without_a_file_or_kommune_is_a_usage_error(valid_11f, capsys):
    assert cli.main(["--skjema", "11F", "--aar", "2020", "--kommune", "4601"]) == 2
    assert "filen" in capsys.readouterr().err
    assert cli.main([str(valid_11f), "--skjema", "11F", "--aar", "2020"]) == 2
    assert "--kommune" in capsys.readouterr().err


# --- eksempel ---------------------------------------------------------------------------------


def _run(argv):
    """main() with text streams that have no binary buffer, as under Pyodide."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def test_eksempel_writes_a_valid_file_that_the_checker_accepts(tmp_path):
    args = ["eksempel", "--skjema", "11CF", "--aar", "2024", "--kommune", "0301", "--bydel", "05"]
    code, out, _ = _run([*args, "--poster", "40"])
    assert code == 0
    path = tmp_path / "sample.dat"
    path.write_bytes(out.encode("iso-8859-1"))
    check = [str(path), "--skjema", "11CF", "--aar", "2024", "--kommune", "0301", "--bydel", "05"]
    code, out, _ = _run(check)
    assert code == 0
    body = json.loads(out)
    assert body["records"] == 40 and body["findings"] == []


def test_eksempel_with_feil_gives_a_file_with_findings(tmp_path):
    args = ["eksempel", "--skjema", "11F", "--aar", "2021", "--kommune", "4601", "--poster", "40"]
    code, out, _ = _run([*args, "--feil"])
    assert code == 0
    path = tmp_path / "faulty.dat"
    path.write_bytes(out.encode("iso-8859-1"))
    code, out, _ = _run([str(path), "--skjema", "11F", "--aar", "2021", "--kommune", "4601"])
    assert code == 1
    assert json.loads(out)["findings"]


def test_eksempel_writes_iso_8859_1_with_crlf_to_a_binary_stdout(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kontroll", "eksempel", "--skjema", "11F", "--aar", "2020",
         "--kommune", "4601", "--poster", "3"],
        capture_output=True, cwd=ROOT, check=True,
    )  # fmt: skip
    assert result.stdout == samples.encode_file(
        samples.iter_records("11F", 2020, "4601", n=3), line_ending="\r\n"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--poster", "-1"], "Antall poster"),
        (["--poster", "100000000"], "Antall poster"),
        (["--poster", "2", "--aar", "2019"], "2019"),
        (["--poster", "2", "--kommune", "9999"], "9999"),
    ],
)
def test_eksempel_usage_errors(extra, message):
    base = {"--skjema": "11F", "--aar": "2020", "--kommune": "4601"}
    for i in range(0, len(extra), 2):
        base[extra[i]] = extra[i + 1]
    args = ["eksempel"] + [x for kv in base.items() for x in kv]
    code, out, err = _run(args)
    assert code == 2
    assert out == "" and message in err


def test_csv_has_the_portal_report_columns_norwegian_severities_and_a_bom(tmp_path, capsys):
    records = samples.generate_records("11F", 2020, "4601", n=3, seed=3)
    records[1] = samples.set_field(records[1], "11F", 2020, "KOMMUNE_NR", "5001")
    records[1] = samples.set_field(records[1], "11F", 2020, "PERSON_JOURNALNR", "=SUM(1)")
    path = tmp_path / "bad.dat"
    path.write_bytes(samples.encode_file(records))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(_args(path, "--format", "csv")) == 1
    text = out.getvalue()
    assert text.startswith("\ufeffKontroll;Alvorlighet;Linje;Journalnummer;Saksbehandler;Felt;")
    lines = text[1:].split("\r\n")
    assert lines[-1] == ""  # every row ends in CRLF
    rows = [line.split(";") for line in lines[1:-1]]
    row = next(r for r in rows if r[0] == "003")
    assert row[1] == "Feil" and row[2] == "2"
    assert row[3] == "'=SUM(1)"  # neutralised (OWASP), not a formula
    assert "KOMMUNE_NR" in row[5]
    assert len(rows) == len(json.loads(_json_of(path))["findings"])


def _json_of(path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        cli.main(_args(path))
    return out.getvalue()


def test_csv_in_english_has_english_labels(valid_11f, tmp_path):
    bad = tmp_path / "bad.dat"
    bad.write_bytes(b"5001" + valid_11f.read_bytes()[4:])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(_args(bad, "--format", "csv", "--lang", "en")) == 1
    header, first = out.getvalue()[1:].split("\r\n")[:2]
    assert header == "Control;Severity;Line;Case number;Caseworker;Fields;Message"
    assert first.split(";")[1] == "Error"


def test_csv_of_an_accepted_file_is_the_header_only(valid_11f):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(_args(valid_11f, "--format", "csv")) == 0
    assert (
        out.getvalue()
        == "\ufeffKontroll;Alvorlighet;Linje;Journalnummer;Saksbehandler;Felt;Melding\r\n"
    )
