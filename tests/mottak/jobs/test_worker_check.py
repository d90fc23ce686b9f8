import uuid

import pytest
from rq import SimpleWorker

from mottak.jobs import worker_check as worker_check_job
from mottak.services.health import worker_check_wait


@pytest.mark.redis_queue
def test_check_job_runs_through_the_real_queue(redis_conn):
    import django_rq

    queue = django_rq.get_queue("default")
    token = uuid.uuid4().hex
    job = worker_check_job.delay(token)
    assert queue.count == 1
    SimpleWorker([queue], connection=redis_conn).work(burst=True)
    job.refresh()
    assert job.is_finished
    assert job.return_value() == token
    assert worker_check_wait(token=token, timeout=0.5)
