"""The checkout's local settings file (var/local.env, written by `make setup`)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT = "from django.conf import settings; print(settings.DEBUG, settings.MAILERS['delivery'])"


def _manage(var_dir: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "TESTING", "SECRET_KEY")}
    env.pop("EMAIL_BACKEND", None)
    env.update(VAR_DIR=str(var_dir), TESTING="false", **extra)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PRINT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_manage_py_works_in_a_set_up_checkout_without_debug_in_the_environment(tmp_path):
    (tmp_path / "local.env").write_text("DEBUG=true\n")
    done = _manage(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("True")
    assert "filebased.EmailBackend" in done.stdout
    assert str(tmp_path / "mail") in done.stdout


def test_without_the_file_production_rules_apply(tmp_path):
    done = _manage(tmp_path)
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_the_environment_wins_over_the_file(tmp_path):
    (tmp_path / "local.env").write_text("DEBUG=true\n")
    done = _manage(tmp_path, DEBUG="false", SECRET_KEY="x" * 50)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("False")
    assert "smtp.EmailBackend" in done.stdout
