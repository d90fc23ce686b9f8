"""The standalone checker: ``python -m kontroll FILE --skjema 11F --aar 2021 --kommune 4601``.

The same program runs as ``manage.py kontroll`` (a thin wrapper around :func:`run`), as the
built one-file checker ``kostra_kontroll.pyz`` (see :mod:`kontroll.build`) and in the browser
under Pyodide, which calls :func:`main` with a list of arguments and captures ``sys.stdout``.
So it uses only the standard library: no threads, no subprocesses, no C extensions.

Exit codes: 0 the file is accepted, 1 it is not, 2 a usage error (unknown skjema or year,
invalid kommune or bydel, unreadable file, bad options; the message goes to stderr and
nothing to stdout). With ``--format json`` (the default) stdout holds only the JSON report.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from kontroll.errors import KontrollUsageError
from kontroll.i18n import N_
from kontroll.runner import run_control


class Stream(Protocol):
    """What :func:`run` writes to: ``sys.stdout`` or Django's ``OutputWrapper``."""

    def write(self, text: str, /) -> Any: ...


FORMATS = ("json", "text")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The checker's options, shared by ``python -m kontroll`` and ``manage.py kontroll``."""
    parser.add_argument("file", help=N_("Filen som skal kontrolleres (ukryptert)."))
    parser.add_argument("--skjema", required=True, help=N_("11F eller 11CF"))
    parser.add_argument("--aar", required=True, type=int, help=N_("Statistikkår, f.eks. 2020"))
    parser.add_argument("--kommune", required=True, help=N_("Kommunenummer, fire sifre"))
    parser.add_argument("--bydel", default=None, help=N_("Bydelsnummer (bare Oslo), to sifre"))
    parser.add_argument(
        "--ingen-deltakere",
        action="store_true",
        help=N_("Kommunen har meldt at den ikke har deltakere/mottakere (skal rapportere: nei)."),
    )
    parser.add_argument("--format", choices=FORMATS, default="json")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kostra_kontroll",
        description=N_(
            "Kontroller en KOSTRA-fil (11F eller 11CF) for et statistikkår og en kommune."
        ),
    )
    add_arguments(parser)
    return parser


def run(options: Mapping[str, Any], *, stdout: Stream, stderr: Stream) -> int:
    """Run the checker with parsed ``options`` (the dests of :func:`add_arguments`)."""
    name = str(options["file"])
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _usage_error(stderr, N_("Kan ikke lese filen {file}: {reason}.").format(
            file=name, reason=reason))  # fmt: skip
    try:
        report = run_control(
            skjema=options["skjema"],
            aar=options["aar"],
            data=data,
            kommune=options["kommune"],
            bydel=options["bydel"],
            has_participants=not options["ingen_deltakere"],
        )
    except KontrollUsageError as exc:
        return _usage_error(stderr, str(exc))
    if options["format"] == "json":
        stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(report.as_text())
    return 0 if report.accepted else 1


def _usage_error(stderr: Stream, message: str) -> int:
    stderr.write(message + "\n")
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default ``sys.argv[1:]``), run, print to ``sys.stdout``; the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        options = build_parser().parse_args(args)
    except SystemExit as exc:  # argparse: --help (0) or bad options (2, message on stderr)
        return exc.code if isinstance(exc.code, int) else 2
    return run(vars(options), stdout=sys.stdout, stderr=sys.stderr)
