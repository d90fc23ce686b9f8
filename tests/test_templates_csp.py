"""The templates have no inline script or style, so the Content-Security-Policy needs no
'unsafe-inline': scripts and styles come from static files. A `<script type="application/json">`
data block is allowed (it is not executed)."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

FORBIDDEN = {
    "inline <script>": re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")", re.I
    ),
    "<style> element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_there_are_templates_to_scan():
    assert len(_templates()) > 20


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_inline_script_or_style(path):
    text = path.read_text()
    found = [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert found == [], f"{path.relative_to(TEMPLATES)}: {found}"


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<p style="color:red">',
        '<a onclick="x()">',
        "<style>p{}</style>",
    ],
)
def test_the_scan_catches_inline_code(snippet):
    assert any(pattern.search(snippet) for pattern in FORBIDDEN.values())


@pytest.mark.parametrize(
    "snippet", ['<script src="/static/x.js"></script>', '<script type="application/json" id="t">']
)
def test_the_scan_allows_static_scripts_and_data_blocks(snippet):
    assert not any(pattern.search(snippet) for pattern in FORBIDDEN.values())
