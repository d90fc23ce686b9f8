import time

from django.core.management.base import BaseCommand, CommandError

from kostra_portal.queues import get_redis


class Command(BaseCommand):
    help = "Wait until Redis answers (used before starting the worker and the scheduler)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30.0)

    def handle(self, *args, timeout: float, **options):
        deadline = time.monotonic() + timeout
        while True:
            try:
                get_redis().ping()
                return
            except Exception as exc:  # noqa: BLE001 - any connection failure means "not yet"
                if time.monotonic() > deadline:
                    raise CommandError(
                        f"Redis did not answer within {timeout:.0f} s: {exc}"
                    ) from exc
                time.sleep(0.3)
