"""Queue access shared by web, worker and scheduler, and the queues by kind.

- `deliveries`: control of kommune deliveries (highest priority);
- `periodic`: scheduled jobs (sweeps, recovery, reminders, mail outbox);
- `bulk`: statistics export builds and very large check-only files;
- `default`: kept for compatibility (and the worker check).
A worker started with `WORKER_QUEUES` takes them in this order, so deliveries go first.
"""

import django_rq
from redis import Redis
from rq import Queue

DELIVERIES = "deliveries"
PERIODIC = "periodic"
BULK = "bulk"
DEFAULT = "default"
WORKER_QUEUES = (DELIVERIES, PERIODIC, BULK, DEFAULT)


def get_queue(name: str = DEFAULT) -> Queue:
    return django_rq.get_queue(name)


def get_redis() -> Redis:
    return django_rq.get_connection(DEFAULT)
