import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from mottak.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from mottak.services.health import queue_backlog, workers_count


def _quit(signum, frame):
    raise SystemExit(0)


class Command(BaseCommand):
    help = (
        "Print the local portal's URL and demo logins. With --wait-for-queues, first wait "
        "until a worker is up, every queue is empty and no job runs (the demo jobs have "
        "drained); with --stay, then stay until stopped (a Procfile process: honcho stops "
        "everything when one exits)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wait-for-queues", action="store_true")
        parser.add_argument("--timeout", type=float, default=900.0, help="longest wait, seconds")
        parser.add_argument("--stay", action="store_true")

    def handle(self, *args, wait_for_queues: bool, timeout: float, stay: bool, **options):
        # SIGTERM (honcho on Ctrl-C) and SIGINT end this quietly, whatever it is doing.
        previous = {s: signal.signal(s, _quit) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            ready, note = False, ""
            if wait_for_queues:
                ready, left = self._wait(timeout)
                if not ready and left < 0:
                    note = f"(Redis did not answer within {timeout:.0f} s)\n"
                elif not ready:
                    note = f"(after {timeout:.0f} s: {left} job(s) queued or running, "
                    note += f"{workers_count()} worker(s))\n"
            self.stdout.write(self.banner(ready=ready) + note)
            self.stdout.flush()
            while stay:
                signal.pause()
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _wait(self, timeout: float) -> tuple[bool, int]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                left = sum(queue_backlog().values())
                ready = left == 0 and workers_count() > 0
            except Exception:  # noqa: BLE001 - Redis not up yet (or restarting): keep waiting
                left, ready = -1, False
            if ready or time.monotonic() >= deadline:
                return ready, left
            time.sleep(1)

    def banner(self, *, ready: bool) -> str:
        site = settings.SITE_URL.rstrip("/")
        users = ", ".join(a.username for a in DEMO_ACCOUNTS)
        head = "KOSTRA mottak is ready" if ready else "KOSTRA mottak"
        return (
            f"\n{head}: {site}/  (admin: {site}/admin/, mail: {site}/ssb/epost/)\n"
            f"Demo logins (password {DEMO_PASSWORD}): {users}\n"
            "Ctrl-C stops web, worker and scheduler.\n"
        )
