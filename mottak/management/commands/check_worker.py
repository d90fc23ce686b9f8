import uuid

from django.core.management.base import BaseCommand, CommandError

from mottak.jobs import worker_check as worker_check_job
from mottak.services.health import worker_check_wait


class Command(BaseCommand):
    help = "Enqueue a small check job on the default queue and wait until a worker has run it."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=20.0)

    def handle(self, *args, timeout: float, **options):
        token = uuid.uuid4().hex
        worker_check_job.delay(token)
        if not worker_check_wait(token=token, timeout=timeout):
            raise CommandError(f"No worker ran the check job within {timeout:.0f} s.")
        self.stdout.write(self.style.SUCCESS("A worker ran the check job."))
