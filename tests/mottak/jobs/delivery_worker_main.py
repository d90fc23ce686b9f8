"""A worker process for the recovery tests: `python -m tests.mottak.jobs.delivery_worker_main FD`.

Runs an RQ SimpleWorker (the job runs in this process, so SIGKILL kills it mid-job) against the
deliveries queue and database given in the environment. Control is wrapped here, in test code:
after decrypting, the job writes its delivery id to the inherited pipe FD and then blocks, so
the test can kill the worker while the job is running.
"""

import os
import sys
import threading

import django


def main() -> None:
    django.setup()
    import django_rq
    from rq import SimpleWorker

    from mottak.services import deliveries

    fd = int(sys.argv[1])

    def kontroll_run_then_block(*, skjema, aar, data, kommune, bydel):
        os.write(fd, f"{deliveries.Delivery.objects.get(state='checking').pk}\n".encode())
        threading.Event().wait()

    deliveries.kontroll_run = kontroll_run_then_block
    queue = django_rq.get_queue("deliveries")
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


if __name__ == "__main__":
    main()
