"""`manage.py run_scheduler`: the periodic jobs of kostra_portal.cron, enqueued once per period,
by a scheduler that outlives a Redis restart, and the recovery check of deliveries every
RECOVERY_INTERVAL seconds, run in this process (docs/reliability.md)."""

from django.core.management.base import BaseCommand

from kostra_portal.queues import get_redis
from kostra_portal.workers import LocalTask, PeriodCronScheduler, supervise

RECOVERY_INTERVAL = 15


def _recover(at) -> None:
    from django.db import close_old_connections

    from mottak.services.recovery import deliveries_recover

    close_old_connections()  # a connection the database closed meanwhile is not reused
    deliveries_recover(now=at)


class Command(BaseCommand):
    help = (
        "Run the scheduler of kostra_portal.cron: each periodic job is enqueued at most once "
        "per period; after a Redis restart it waits for Redis and starts again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--config", default="kostra_portal.cron")

    def handle(self, *args, config, **options):
        def start() -> bool:
            # In this process, not as a job: a queue of deliveries never delays it.
            recovery = LocalTask("deliveries_recover", _recover, RECOVERY_INTERVAL)
            scheduler = PeriodCronScheduler(connection=get_redis(), local_tasks=[recovery])
            scheduler.load_config_from_file(config)
            scheduler.start()  # returns on SIGTERM/SIGINT; raises when Redis goes away
            return True

        supervise(start, ping=lambda: get_redis().ping(), what="Scheduler")
