"""`manage.py run_worker [QUEUE ...]`: an RQ worker that outlives a Redis restart.

With no queues it works all of them, deliveries first (kostra_portal.queues.WORKER_QUEUES).
Production (docker-compose.yml) and `make run` (Procfile.dev) start workers with this command.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django_rq.utils import reset_db_connections
from django_rq.workers import get_worker
from rq.logutils import setup_loghandlers

from kontroll.layout import layouts_preload
from kostra_portal.queues import WORKER_QUEUES, get_redis
from kostra_portal.workers import supervise
from mottak.services.keys import private_keys_preload


class Command(BaseCommand):
    help = (
        "Run an RQ worker on the given queues (default: deliveries periodic bulk default); "
        "after a Redis restart it waits for Redis and starts again."
    )

    def add_arguments(self, parser):
        parser.add_argument("queues", nargs="*", help="queues in priority order")
        parser.add_argument("--burst", action="store_true", help="stop when the queues are empty")
        parser.add_argument(
            "--with-scheduler",
            action="store_true",
            help="also run RQ's scheduler for delayed jobs and retries (accepted for "
            "compatibility: it is always on)",
        )
        parser.add_argument("--name", default=None, help="worker name (default: RQ's)")
        parser.add_argument("--worker-ttl", type=int, default=420)

    def handle(self, *args, queues, burst, name, worker_ttl, **options):
        level = {0: "WARNING", 1: "INFO"}.get(options["verbosity"], "DEBUG")
        setup_loghandlers(level)
        names = queues or list(WORKER_QUEUES)
        # Parsed once here, inherited by every forked work horse (not parsed per job).
        layouts_preload()
        private_keys_preload()

        def start() -> bool:
            worker = get_worker(
                *names,
                name=name,
                worker_ttl=worker_ttl,
                job_monitoring_interval=settings.RQ_JOB_MONITORING_INTERVAL,
            )
            reset_db_connections()  # no database connection shared with the work horse
            # RQ's scheduler (delayed jobs, retry intervals) runs in one of the workers.
            worker.work(burst=burst, with_scheduler=True, logging_level=level)
            # RQ records a SIGTERM/SIGINT (warm shutdown) here; any other return is unexpected.
            return burst or worker._shutdown_requested_date is not None

        supervise(start, ping=lambda: get_redis().ping(), what="Worker")
