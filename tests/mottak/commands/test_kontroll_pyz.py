"""The downloadable checker gives the same JSON and exit code as ``manage.py kontroll``.

The .pyz is built from this checkout and run by Python 3.11 without any packages (the oldest
interpreter a kommune may have), on every golden file.
"""

import json
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kontroll import build

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "kontroll"
GOLDEN = sorted(FIXTURES.glob("*.expected.json"))
PYTHON311 = next(
    (
        p
        for p in (shutil.which("python3.11"), "/root/.pyenv/versions/3.11.7/bin/python3")
        if p and Path(p).exists()
    ),
    None,
)
pytestmark = pytest.mark.skipif(PYTHON311 is None, reason="needs a Python 3.11 interpreter")

# Runs every argument list through kontroll.cli.main inside the archive, in one process.
_DRIVER = """
import contextlib, io, json, sys
sys.path.insert(0, sys.argv[1])
from kontroll.cli import main
results = []
for argv in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    results.append({"code": code, "out": out.getvalue(), "err": err.getvalue()})
json.dump(results, sys.stdout)
"""


@pytest.fixture(scope="module")
def pyz(tmp_path_factory):
    path = tmp_path_factory.mktemp("pyz") / "kostra_kontroll.pyz"
    path.write_bytes(build.build_archive())
    return path


def _argv(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    data = expected_path.with_name(expected_path.name.removesuffix(".expected.json") + ".dat")
    argv = [str(data), "--skjema", expected["skjema"], "--aar", str(expected["aar"])]
    argv += ["--kommune", expected["kommune"]]
    if expected["bydel"]:
        argv += ["--bydel", expected["bydel"]]
    if not expected["has_participants"]:
        argv.append("--ingen-deltakere")
    return argv


def _manage(argv):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("kontroll", *argv, stdout=out, stderr=err)
    return {"code": exit_info.value.code, "out": out.getvalue(), "err": err.getvalue()}


def test_pyz_gives_the_same_json_as_manage_py_kontroll_on_every_golden_file(pyz):
    argvs = [_argv(p) for p in GOLDEN]
    argvs += [argv + ["--format", "text"] for argv in argvs[:3]]
    result = subprocess.run(
        [PYTHON311, "-I", "-S", "-c", _DRIVER, str(pyz)],
        input=json.dumps(argvs),
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(result.stdout)
    assert len(got) == len(argvs) > 50
    for argv, ours in zip(argvs, got, strict=True):
        assert ours == _manage(argv), argv[0]
    assert {r["code"] for r in got} == {0, 1}


def test_pyz_runs_as_a_program_with_the_exit_code_of_the_verdict(pyz):
    argv = _argv(GOLDEN[0])
    result = subprocess.run([PYTHON311, "-I", "-S", str(pyz), *argv], capture_output=True)
    assert result.returncode == _manage(argv)["code"]
    assert json.loads(result.stdout) == json.loads(_manage(argv)["out"])


def test_pyz_usage_error_exits_2_with_the_message_on_stderr(pyz):
    argv = _argv(GOLDEN[0])
    argv[argv.index("--aar") + 1] = "1999"
    result = subprocess.run([PYTHON311, "-I", "-S", str(pyz), *argv], capture_output=True)
    assert result.returncode == 2 and result.stdout == b""
    assert "1999" in result.stderr.decode("utf-8")
