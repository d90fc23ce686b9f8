"""`manage.py run_scheduler`: the periodic jobs of kostra_portal.cron, enqueued once per period,
by a scheduler that outlives a Redis restart (docs/reliability.md)."""

from django.core.management.base import BaseCommand

from kostra_portal.queues import get_redis
from kostra_portal.workers import PeriodCronScheduler, supervise


class Command(BaseCommand):
    help = (
        "Run the scheduler of kostra_portal.cron: each periodic job is enqueued at most once "
        "per period; after a Redis restart it waits for Redis and starts again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--config", default="kostra_portal.cron")

    def handle(self, *args, config, **options):
        def start() -> bool:
            scheduler = PeriodCronScheduler(connection=get_redis())
            scheduler.load_config_from_file(config)
            scheduler.start()  # returns on SIGTERM/SIGINT; raises when Redis goes away
            return True

        supervise(start, ping=lambda: get_redis().ping(), what="Scheduler")
