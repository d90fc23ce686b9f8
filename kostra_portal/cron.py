"""Periodic jobs, run by `manage.py rqcron kostra_portal.cron` (the scheduler process).

Each entry only enqueues a job on the default queue; the worker does the work, so a scheduler
restart never loses or doubles work that is already under way.
"""

from rq import cron

from mottak import jobs

cron.register(jobs.heartbeat, queue_name="default", interval=300)
# Reminders: hourly in the working day (UTC hours; 07/08-21/22 in Oslo). The first run of the
# day sends; the later ones send nothing twice and retry anything a failed run left unsent.
cron.register(jobs.reminder_send_due, queue_name="default", cron="5 6-20 * * *")
# Feedback lists (feillister) past their answer date: once a day is enough; reruns send nothing.
cron.register(jobs.feedback_reminders_send_due, queue_name="default", cron="15 7 * * *")
# Deliveries left in received/checking (worker killed, Redis lost) are queued again.
cron.register(jobs.delivery_sweep, queue_name="default", interval=300)
# Deliveries held in a freeze window are queued within a minute of the window closing.
cron.register(jobs.held_deliveries_release, queue_name="default", interval=60)
# Check-only ciphertext past its retention period is deleted once a day.
cron.register(jobs.check_only_ciphertext_purge, queue_name="periodic", cron="40 2 * * *")
