"""The standalone checker: ``python -m kontroll FILE --skjema 11F --aar 2021 --kommune 4601``.

Three uses:

* ``FILE --skjema S --aar A --kommune K [--bydel B] [--ingen-deltakere] [--format F]``: check
  a file (``-`` reads stdin); ``--format`` json (default), text, html (a self-contained
  page to open and print) or csv (the findings as the portal's report CSV, see
  :mod:`kontroll.report_csv`); ``--lang en`` gives messages and titles in English (the JSON keeps
  its keys; each finding has ``message_id`` and ``params`` besides the rendered ``message``);
* ``--rules --skjema S --aar A [--format json|text]``: the rules that apply that year, as a
  JSON list of ``{"rule", "severity", "title"}``;
* ``eksempel --skjema S --aar A --kommune K --poster N [--feil] [--bydel B] [--seed N]``: a
  synthetic file on stdout (ISO-8859-1, CRLF) for testing a case-handling system's extract;
  ``--feil`` puts arbitrary values into about 15 % of the fields.

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
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from kontroll.errors import KontrollUsageError
from kontroll.i18n import N_
from kontroll.messages import LANGUAGES, translate
from kontroll.runner import applicable_rules, check_delivery, run_control


class Stream(Protocol):
    """What :func:`run` writes to: ``sys.stdout`` or Django's ``OutputWrapper``."""

    def write(self, text: str, /) -> Any: ...


FORMATS = ("json", "text", "html", "csv")
# More records than any kommune has (Oslo: about 25,000 a year); keeps a typo from filling a disk.
MAX_SAMPLE_RECORDS = 1_000_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The checker's options, shared by ``python -m kontroll`` and ``manage.py kontroll``."""
    parser.add_argument(
        "file", nargs="?", default=None, help=N_("Filen som skal kontrolleres (ukryptert).")
    )
    parser.add_argument("--skjema", required=True, help=N_("11F eller 11CF"))
    parser.add_argument("--aar", required=True, type=int, help=N_("Statistikkår, f.eks. 2020"))
    parser.add_argument("--kommune", default=None, help=N_("Kommunenummer, fire sifre"))
    parser.add_argument("--bydel", default=None, help=N_("Bydelsnummer (bare Oslo), to sifre"))
    parser.add_argument(
        "--ingen-deltakere",
        action="store_true",
        help=N_("Kommunen har meldt at den ikke har deltakere/mottakere (skal rapportere: nei)."),
    )
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="nb",
        help=N_("Språk for meldinger og titler: nb (bokmål, standard) eller en (engelsk)"),
    )
    parser.add_argument(
        "--rules",
        action="store_true",
        help=N_("Vis kontrollene som gjelder for skjemaet og statistikkåret, i stedet for å "
                "kontrollere en fil."),
    )  # fmt: skip


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
    if options.get("rules"):
        return _rules(options, stdout=stdout, stderr=stderr)
    if options["file"] is None:
        return _usage_error(stderr, N_("Oppgi filen som skal kontrolleres."))
    if options["kommune"] is None:
        return _usage_error(stderr, N_("Oppgi kommunenummeret med --kommune."))
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
    lang = options.get("lang") or "nb"
    if options["format"] == "json":
        stdout.write(json.dumps(report.as_dict(lang), ensure_ascii=False, indent=2) + "\n")
    elif options["format"] == "html":
        from kontroll.report_html import render_html  # only for --format html: start-up

        stdout.write(render_html(report, lang=lang))
    elif options["format"] == "csv":
        from kontroll.report_csv import write_findings

        write_findings(stdout, report.findings, lang)
    else:
        stdout.write(report.as_text(lang))
    return 0 if report.accepted else 1


def _rules(options: Mapping[str, Any], *, stdout: Stream, stderr: Stream) -> int:
    """``--rules``: the rules of the skjema and year, in catalogue order."""
    aar = options["aar"]
    try:
        rules = applicable_rules(options["skjema"], aar)
    except KontrollUsageError as exc:
        return _usage_error(stderr, str(exc))
    lang = options.get("lang") or "nb"
    listed = [
        {"rule": r.id, "severity": r.severity_for(aar).label, "title": translate(r.title, lang)}
        for r in rules
    ]
    if options["format"] == "text":
        stdout.write("".join(f"{r['rule']:5} {r['severity']:8} {r['title']}\n" for r in listed))
    else:
        stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
    return 0


def build_sample_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kostra_kontroll eksempel",
        description=N_("Lag en syntetisk fil for skjemaet og statistikkåret (til test av "
                       "uttrekk fra fagsystemet). Filen skrives til standard ut."),
    )  # fmt: skip
    parser.add_argument("--skjema", required=True, help=N_("11F eller 11CF"))
    parser.add_argument("--aar", required=True, type=int, help=N_("Statistikkår, f.eks. 2020"))
    parser.add_argument("--kommune", required=True, help=N_("Kommunenummer, fire sifre"))
    parser.add_argument("--bydel", default=None, help=N_("Bydelsnummer (bare Oslo), to sifre"))
    parser.add_argument("--poster", required=True, type=int, help=N_("Antall poster"))
    parser.add_argument(
        "--feil", action="store_true", help=N_("Ta med feil (tilfeldige verdier i noen felt).")
    )
    parser.add_argument("--seed", type=int, default=0, help=N_("Startverdi for tilfeldighetene"))
    return parser


def sample(options: Mapping[str, Any], *, stdout: Stream, stderr: Stream) -> int:
    """``eksempel``: a synthetic file from :mod:`kontroll.samples` on ``stdout``."""
    from kontroll import samples  # only for eksempel: start-up of a check stays small

    skjema, aar, n = options["skjema"], options["aar"], options["poster"]
    if not 0 <= n <= MAX_SAMPLE_RECORDS:
        return _usage_error(stderr, N_("Antall poster må være mellom 0 og {max}.").format(
            max=MAX_SAMPLE_RECORDS))  # fmt: skip
    try:
        applicable_rules(skjema, aar)
        check_delivery(options["kommune"], aar, options["bydel"])
    except KontrollUsageError as exc:
        return _usage_error(stderr, str(exc))
    kommune, bydel, seed = options["kommune"], options["bydel"], options["seed"]
    if options["feil"]:
        records: Iterable[str] = samples.generate_records(
            skjema, aar, kommune, bydel, n=n, seed=seed, mode="random"
        )
    else:
        records = samples.iter_records(skjema, aar, kommune, bydel, n=n, seed=seed)
    binary = getattr(stdout, "buffer", None)
    for record in records:
        line = record + "\r\n"
        if binary is not None:
            binary.write(line.encode("iso-8859-1"))
        else:  # a text stream (Pyodide, tests): the same characters
            stdout.write(line)
    return 0


def _usage_error(stderr: Stream, message: str) -> int:
    stderr.write(message + "\n")
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default ``sys.argv[1:]``), run, print to ``sys.stdout``; the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    is_sample = args[:1] == ["eksempel"]
    parser = build_sample_parser() if is_sample else build_parser()
    try:
        options = parser.parse_args(args[1:] if is_sample else args)
    except SystemExit as exc:  # argparse: --help (0) or bad options (2, message on stderr)
        return exc.code if isinstance(exc.code, int) else 2
    command = sample if is_sample else run
    return command(vars(options), stdout=sys.stdout, stderr=sys.stderr)
