"""Queue access shared by web, worker and scheduler."""

import django_rq
from redis import Redis
from rq import Queue


def get_queue(name: str = "default") -> Queue:
    return django_rq.get_queue(name)


def get_redis() -> Redis:
    return django_rq.get_connection("default")
