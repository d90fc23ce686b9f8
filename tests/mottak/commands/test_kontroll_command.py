import json
from io import StringIO

import pytest
from django.core.management import call_command

from kontroll import samples


def _run(*args):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("kontroll", *args, stdout=out, stderr=err)
    return exit_info.value.code, out.getvalue(), err.getvalue()


@pytest.fixture
def valid_11f(tmp_path):
    path = tmp_path / "bergen.dat"
    path.write_bytes(samples.generate_file("11F", 2020, "4601", n=20, seed=3))
    return path


def test_accepted_file_exits_0_with_the_json_contract(valid_11f):
    code, out, _ = _run(str(valid_11f), "--skjema", "11F", "--aar", "2020", "--kommune", "4601")
    assert code == 0
    body = json.loads(out)
    assert body["skjema"] == "11F" and body["aar"] == 2020 and body["kommune"] == "4601"
    assert body["records"] == 20
    assert body["accepted"] is True
    assert body["findings"] == []
    assert {"summary", "statistics", "bydel"} <= set(body)


def test_file_with_errors_exits_1_and_lists_findings(tmp_path, valid_11f):
    lines = valid_11f.read_bytes().split(b"\n")
    # Another kommune's number in the first record: rule 003.
    lines[0] = b"5001" + lines[0][4:]
    bad = tmp_path / "bad.dat"
    bad.write_bytes(b"\n".join(lines))
    code, out, _ = _run(str(bad), "--skjema", "11F", "--aar", "2020", "--kommune", "4601")
    assert code == 1
    body = json.loads(out)
    assert body["accepted"] is False
    finding = next(f for f in body["findings"] if f["rule"] == "003")
    assert finding["line"] == 1
    assert finding["severity"] == "ERROR"
    assert finding["fields"] == ["KOMMUNE_NR"]
    assert {"journal_number", "caseworker", "message"} <= set(finding)
    assert "5001" in finding["message"]


def test_text_format_is_a_readable_report(valid_11f):
    code, out, _ = _run(
        str(valid_11f), "--skjema", "11F", "--aar", "2020", "--kommune", "4601", "--format", "text"
    )
    assert code == 0
    assert "4601" in out and "11F" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--skjema", "11X", "--aar", "2020", "--kommune", "4601"], "11X"),
        (["--skjema", "11F", "--aar", "1999", "--kommune", "4601"], "1999"),
        # 3101 Halden got its number in 2024; in 2020 it was 3001.
        (["--skjema", "11F", "--aar", "2020", "--kommune", "3101"], "3101"),
    ],
)
def test_usage_errors_exit_2_with_a_message(valid_11f, args, expected):
    code, out, err = _run(str(valid_11f), *args)
    assert code == 2
    assert out == ""
    assert expected in err


def test_unreadable_file_exits_2(tmp_path):
    code, _, err = _run(
        str(tmp_path / "missing.dat"), "--skjema", "11F", "--aar", "2020", "--kommune", "4601"
    )
    assert code == 2
    assert "Kan ikke lese filen" in err


def test_rules_option_lists_the_rules_of_the_year():
    code, out, _ = _run("--rules", "--skjema", "11CF", "--aar", "2022")
    assert code == 0
    ids = [r["rule"] for r in json.loads(out)]
    assert "020A" in ids and "033" not in ids


def test_html_format_is_a_page(valid_11f):
    code, out, _ = _run(
        str(valid_11f), "--skjema", "11F", "--aar", "2020", "--kommune", "4601", "--format", "html"
    )
    assert code == 0
    assert out.startswith("<!doctype html>") and "4601 Bergen" in out
