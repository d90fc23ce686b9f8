"""Run the control program on a plaintext file, as SSB's own program does.

The same `kontroll.run_control` serves the worker, so the portal and this command can never
disagree. Exit code 0 when the file is accepted, 1 when not, 2 on a usage error.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from kontroll import run_control
from kontroll.errors import KontrollUsageError


class Command(BaseCommand):
    help = "Kontroller en KOSTRA-fil (11F eller 11CF) for et statistikkår og en kommune."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Filen som skal kontrolleres (ukryptert).")
        parser.add_argument("--skjema", required=True, help="11F eller 11CF")
        parser.add_argument("--aar", required=True, type=int, help="Statistikkår, f.eks. 2020")
        parser.add_argument("--kommune", required=True, help="Kommunenummer, fire sifre")
        parser.add_argument("--bydel", default=None, help="Bydelsnummer (bare Oslo), to sifre")
        parser.add_argument(
            "--ingen-deltakere",
            action="store_true",
            help="Kommunen har meldt at den ikke har deltakere/mottakere (skal rapportere: nei).",
        )
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, **options):
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as exc:
            self._usage_error(f"Kan ikke lese filen {options['file']}: {exc.strerror}.")
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
            self._usage_error(str(exc))
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report.as_text())
        sys.exit(0 if report.accepted else 1)

    def _usage_error(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)
