"""The standalone checker's command line (kontroll.cli, ``python -m kontroll``)."""

from __future__ import annotations

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
