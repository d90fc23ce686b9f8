"""Periodic jobs, run by `manage.py run_scheduler` (the scheduler process; it enqueues each job
at most once per period). `manage.py rqcron kostra_portal.cron` still reads this file too.

Each entry only enqueues a job on the periodic queue; the worker does the work, so a scheduler
restart never loses or doubles work that is already under way.
"""

from rq import cron

from kostra_portal.queues import PERIODIC
from mottak import jobs

cron.register(jobs.heartbeat, queue_name=PERIODIC, interval=300)
# Reminders: hourly in the working day (UTC hours; 07/08-21/22 in Oslo). The first run of the
# day sends; the later ones send nothing twice and retry anything a failed run left unsent.
cron.register(jobs.reminder_send_due, queue_name=PERIODIC, cron="5 6-20 * * *")
# Feedback lists (feillister) past their answer date: once a day is enough; reruns send nothing.
cron.register(jobs.feedback_reminders_send_due, queue_name=PERIODIC, cron="15 7 * * *")
# Deliveries whose control job is gone (never queued, lost with Redis, worker dead) are
# queued again by `run_scheduler` itself every 15 s (docs/reliability.md), not by a job here.
# The last net: deliveries left in received/checking for 15 minutes are queued again.
cron.register(jobs.delivery_sweep, queue_name=PERIODIC, interval=300)
# Deliveries held in a freeze window are queued within a minute of the window closing.
cron.register(jobs.held_deliveries_release, queue_name=PERIODIC, interval=60)
# The mail outbox: mail whose send job was lost (Redis down) or whose retry is due.
cron.register(jobs.outgoing_mail_send_due, queue_name=PERIODIC, interval=60)
# Check-only ciphertext past its retention period is deleted once a day.
cron.register(jobs.check_only_ciphertext_purge, queue_name=PERIODIC, cron="40 2 * * *")
