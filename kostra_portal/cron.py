"""Periodic jobs, run by `manage.py rqcron kostra_portal.cron` (the scheduler process).

Each entry only enqueues a job on the default queue; the worker does the work, so a scheduler
restart never loses or doubles work that is already under way.
"""

from rq import cron

from mottak import jobs

cron.register(jobs.heartbeat, queue_name="default", interval=300)
