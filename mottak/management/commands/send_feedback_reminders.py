import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mottak.services.calendar import OSLO
from mottak.services.feedback import feedback_reminders_send_due


def _parse_now(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--now: not an ISO-8601 time: {value!r}") from None
    return moment.replace(tzinfo=OSLO) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = (
        "Remind kommuner of feedback lists (feillister) still unanswered after their answer "
        "date. Idempotent: a second run the same day sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="the current time, ISO-8601 (default: the clock)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be sent; send nothing"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        now = _parse_now(options["now"]) if options["now"] else timezone.now()
        items = feedback_reminders_send_due(now=now, dry_run=options["dry_run"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(items, ensure_ascii=False))
            return
        verb = "would send" if options["dry_run"] else "sent"
        for item in items:
            self.stdout.write(
                f"{verb}: list {item['feedback_list']} {item['kommune']} {item['skjema']} "
                f"{item['aar']} -> {len(item['to'])} address(es)"
            )
        self.stdout.write(f"{len(items)} feedback reminder(s) {verb}.")
