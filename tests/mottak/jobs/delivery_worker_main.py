"""A worker process for the recovery tests: `python -m tests.mottak.jobs.delivery_worker_main FD`.

Runs an RQ SimpleWorker (the job runs in this process, so SIGKILL kills it mid-job) against the
queue and database given in the environment, with the delivery test hook set to the inherited
pipe FD: the control job writes its delivery id there after decrypting and then blocks.
"""

import sys

import django


def main() -> None:
    django.setup()
    from django.conf import settings

    settings.DELIVERY_TEST_HOOK = int(sys.argv[1])
    import django_rq
    from rq import SimpleWorker

    queue = django_rq.get_queue("default")
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


if __name__ == "__main__":
    main()
