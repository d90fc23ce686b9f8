"""Build the one-file checker: ``python -m kontroll.build --out build/kostra_kontroll.pyz``.

The archive is a zipapp of this ``kontroll`` package that runs on the standard library of
Python 3.11 or newer (``python3 kostra_kontroll.pyz FILE --skjema 11F ...``, see
:mod:`kontroll.cli`) and under Pyodide. The YAML file descriptions are the one source of the
layouts and code lists; PyYAML is needed only here, at build time: each
``filbeskrivelser/<skjema>_<year>.yaml`` goes into the archive as the same document in JSON
(``<skjema>_<year>.json``), which :mod:`kontroll.layout` reads when no YAML is there. So the
built checker knows exactly the years it was built with.

Steps of :func:`build_archive`:

1. Take every module and data file of the package (not caches, not this build script).
2. Convert each YAML file description to JSON.
3. Add a top-level ``__main__.py`` that checks the Python version and calls
   ``kontroll.cli.main``.
4. Write a zip with fixed timestamps and order, so the same sources give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SHEBANG = b"#!/usr/bin/env python3\n"
_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_SKIP_DIRS = {"__pycache__"}
_SKIP_FILES = {"build.py"}
_DATA_SUFFIXES = {".py", ".csv", ".json", ".md"}

MAIN = '''"""KOSTRA kontrollprogram for skjema 11F and 11CF (built from the portal's kontroll)."""

import sys

if sys.version_info < (3, 11):
    sys.exit("kostra_kontroll krever Python 3.11 eller nyere.")

from kontroll.cli import main

raise SystemExit(main())
'''


def description_json(yaml_path: Path) -> str:
    """The file description at ``yaml_path`` as the JSON text the built checker reads."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = yaml.load(yaml_path.read_text(encoding="utf-8"), Loader=loader)
    return json.dumps(doc, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n"


def archive_members(package: Path = PACKAGE) -> Iterator[tuple[str, bytes]]:
    """(name in the archive, content) for every file of the built checker, in a fixed order."""
    yield "__main__.py", MAIN.encode("utf-8")
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package)
        if path.is_dir() or _SKIP_DIRS & set(rel.parts) or rel.as_posix() in _SKIP_FILES:
            continue
        name = f"kontroll/{rel.as_posix()}"
        if path.suffix == ".yaml" and rel.parts[0] == "filbeskrivelser":
            yield name.removesuffix(".yaml") + ".json", description_json(path).encode("utf-8")
        elif path.suffix in _DATA_SUFFIXES:
            yield name, path.read_bytes()


def build_archive(package: Path = PACKAGE) -> bytes:
    """The checker as the bytes of a ``.pyz`` file (a shebang line and a zip)."""
    buffer = io.BytesIO()
    buffer.write(SHEBANG)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in archive_members(package):
            info = zipfile.ZipInfo(name, date_time=_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kontroll.build", description=__doc__)
    parser.add_argument("--out", required=True, type=Path, help="the .pyz file to write")
    options = parser.parse_args(argv)
    data = build_archive()
    out: Path = options.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    out.chmod(0o755)
    print(f"{out}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
