"""The built checker (kontroll.build): the JSON file descriptions it carries equal the YAML."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from kontroll import build
from kontroll.layout import layout_from_description, load_layout

YAMLS = sorted((build.PACKAGE / "filbeskrivelser").glob("*.yaml"))


def _members(data: bytes) -> dict[str, bytes]:
    assert data.startswith(build.SHEBANG)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def archive() -> dict[str, bytes]:
    return _members(build.build_archive())


def test_every_yaml_description_is_in_the_archive_as_the_same_json_document(archive):
    assert len(YAMLS) >= 14
    for path in YAMLS:
        built = json.loads(archive[f"kontroll/filbeskrivelser/{path.stem}.json"])
        assert built == yaml.safe_load(path.read_text(encoding="utf-8")), path.name


def test_layouts_from_the_built_json_equal_those_from_the_yaml(archive):
    for path in YAMLS:
        skjema, aar = path.stem.split("_")
        built = layout_from_description(
            skjema, int(aar), json.loads(archive[f"kontroll/filbeskrivelser/{path.stem}.json"])
        )
        source = load_layout(skjema, int(aar))
        assert (built.title, built.record_length, built.names) == (
            source.title,
            source.record_length,
            source.names,
        )
        assert built.fields == source.fields, path.name


def test_archive_holds_no_yaml_caches_or_build_script(archive):
    names = set(archive)
    assert "__main__.py" in names and "kontroll/cli.py" in names
    assert "kontroll/data/kommuner.csv" in names
    assert not [n for n in names if n.endswith((".yaml", ".pyc")) or "__pycache__" in n]
    assert "kontroll/build.py" not in names


def test_the_same_sources_build_the_same_bytes():
    assert build.build_archive() == build.build_archive()


def test_build_command_writes_an_executable_archive(tmp_path):
    out = tmp_path / "sub" / "kostra_kontroll.pyz"
    result = subprocess.run(
        [sys.executable, "-m", "kontroll.build", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=Path(build.PACKAGE).parent,
        check=True,
    )
    assert str(out) in result.stdout
    assert out.read_bytes() == build.build_archive()
    assert out.stat().st_mode & 0o111
