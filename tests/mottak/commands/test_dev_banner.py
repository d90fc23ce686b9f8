"""`manage.py dev_banner [--wait-for-queues] [--timeout] [--stay]`."""

from io import StringIO

import pytest
from django.core.management import call_command

from mottak.services.demo import DEMO_PASSWORD


def call(*args: str) -> str:
    out = StringIO()
    call_command("dev_banner", *args, stdout=out)
    return out.getvalue()


def test_prints_url_and_demo_logins(settings):
    settings.SITE_URL = "http://127.0.0.1:8104"
    text = call()
    assert "http://127.0.0.1:8104/" in text
    assert "demo-4601" in text and "demo-ssb" in text and DEMO_PASSWORD in text


@pytest.mark.redis_queue
def test_with_a_worker_and_empty_queues_it_says_ready(queue, redis_conn):
    from rq import Worker

    Worker([queue], connection=redis_conn).register_birth()
    assert "KOSTRA mottak is ready" in call("--wait-for-queues")


@pytest.mark.redis_queue
def test_without_a_worker_it_is_not_ready_when_the_wait_ends(redis_conn):
    text = call("--wait-for-queues", "--timeout", "0")
    assert "is ready" not in text and "demo-4601" in text


@pytest.mark.redis_queue
def test_a_job_still_queued_is_counted_when_the_wait_ends(queue):
    queue.enqueue("mottak.jobs.heartbeat")
    text = call("--wait-for-queues", "--timeout", "0")
    assert "1 job(s) queued or running" in text and "is ready" not in text
