"""A scheduler configuration for tests: the heartbeat job every second, so that the test sees
the scheduler at work within seconds (`run_scheduler --config tests.kostra_portal....`)."""

from rq import cron

from mottak import jobs

cron.register(jobs.heartbeat, queue_name="periodic", interval=1)
