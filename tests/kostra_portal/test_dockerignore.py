"""The image carries no keys, secrets or local state: .dockerignore is read with Docker's
matching rules (patterns relative to the context root, `**` for any depth, `!` to re-include,
a matched directory excludes everything under it), and the build fails when collectstatic
fails."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _regex(pattern: str) -> re.Pattern:
    """Docker's pattern (Go filepath.Match plus `**`) as a regular expression."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out)


def _patterns() -> list[tuple[bool, re.Pattern]]:
    rules = []
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        rules.append((negate, _regex(line.lstrip("!").strip().strip("/"))))
    return rules


def excluded(path: str) -> bool:
    """True when Docker leaves `path` (relative to the context) out of the build context."""
    parts = path.split("/")
    result = False
    for negate, regex in _patterns():
        # A pattern matching the path or any of its parent directories applies.
        if any(regex.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1)):
            result = not negate
    return result


@pytest.mark.parametrize(
    "path",
    [
        "keys/private/3f1c0e9a7b2d4c55.pem",
        "keys/public/3f1c0e9a7b2d4c55.pem",
        "secrets/secret_key",
        "secrets/postgres_password",
        "var/kostra.sqlite3",
        "var/keys/private/abc.pem",
        "var/media/leveranser/2020/4601/x.kostra",
        "media/leveranser/x.kostra",
        ".venv/bin/python",
        ".git/config",
        ".cache/axe/node_modules/axe-core/axe.min.js",
        "staticfiles/mottak/site.css",
        "build/kostra_kontroll.pyz",
        "mottak/__pycache__/views.cpython-312.pyc",
        "somewhere/deep/private.pem",
        ".env",
    ],
)
def test_secrets_and_local_state_stay_out_of_the_image(path):
    assert excluded(path), path


@pytest.mark.parametrize(
    "path",
    [
        "manage.py",
        "requirements.txt",
        "kostra_portal/settings.py",
        "mottak/views/deliveries.py",
        "mottak/services/keys.py",
        "kontroll/filbeskrivelser/11F_2020.yaml",
        "krypter/kostra_krypter.py",
        "templates/base.html",
        "static/mottak/upload.js",
        "locale/en/LC_MESSAGES/django.mo",
    ],
)
def test_what_the_image_needs_is_in_the_context(path):
    assert (ROOT / path).exists(), path
    assert not excluded(path), path


def test_no_private_key_file_in_the_repository_would_reach_the_image():
    for pem in ROOT.rglob("*.pem"):
        rel = pem.relative_to(ROOT).as_posix()
        if rel.startswith(".venv/"):
            continue
        assert excluded(rel), rel


def test_a_failed_collectstatic_fails_the_build():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile
    assert "|| true" not in dockerfile and "||true" not in dockerfile
    # The whole context is copied: what .dockerignore leaves out never reaches the image.
    assert "COPY --chown=kostra:kostra . ." in dockerfile
