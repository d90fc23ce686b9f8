import contextlib
import json
import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mottak.services.calendar import OSLO
from mottak.services.reminders import reminder_send_due


def _parse_now(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--now: not an ISO-8601 time: {value!r}") from None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=OSLO)  # a bare time is Oslo time, as deadlines are
    return moment


class Command(BaseCommand):
    help = (
        "Send the reminders due now (or at --now) to kommuner that have not delivered. "
        "Idempotent: a second run the same day sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="the current time, ISO-8601 (default: the clock)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be sent; send nothing"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        now = _parse_now(options["now"]) if options["now"] else timezone.now()
        if options["format"] == "json":
            # Only JSON on stdout: a mail backend that prints (console) goes to stderr instead.
            with contextlib.redirect_stdout(sys.stderr):
                items = reminder_send_due(now=now, dry_run=options["dry_run"])
        else:
            items = reminder_send_due(now=now, dry_run=options["dry_run"])
        if options["format"] == "json":
            self.stdout.write(json.dumps([item.as_dict() for item in items], ensure_ascii=False))
            return
        verb = "would send" if options["dry_run"] else "sent"
        for item in items:
            self.stdout.write(
                f"{verb}: {item.kommune_nr} {item.skjema} {item.aar} {item.kind} "
                f"-> {len(item.to)} address(es)"
            )
        self.stdout.write(f"{len(items)} reminder(s) {verb}.")
