"""`make run` on a fresh clone: the order of its steps."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _prerequisites(target: str) -> list[str]:
    text = (ROOT / "Makefile").read_text()
    match = re.search(rf"^{target}:([^\n]*)$", text, re.MULTILINE)
    assert match, target
    return match.group(1).split()


def test_run_builds_the_static_dirs_before_the_setup_commands():
    # setup's manage.py commands run Django's system checks; without the Pyodide and checker
    # directories in STATICFILES_DIRS each printed two staticfiles.W004 warnings on a fresh
    # clone (ten lines of warnings before the banner).
    steps = _prerequisites("run")
    assert steps.index("pyodide") < steps.index("setup")
    assert steps.index("checker") < steps.index("setup")
