"""Releasing deliveries held in a freeze window once the window has closed.

`round_judge_delivery` gives a delivery received in a freeze window a `held_until` (the
window's end); `submission_create` then stores it in state *held* without queueing control.
This service, run every minute by the scheduler (and by the sweep), moves it to *received*
and queues its control when the window has closed.
"""

from datetime import datetime
from functools import partial

from django.db import transaction

from mottak.models import Delivery, DeliveryState
from mottak.services.audit import audit_log


def held_deliveries_release(*, now: datetime) -> list[int]:
    """Queue control of every held delivery whose `held_until` has passed; return their ids.

    Steps, per delivery:
    1. select deliveries in state held with `held_until <= now`;
    2. move held -> received in a conditional update, so a second run (or an overlapping one)
       skips it; from then on the recovery check and the sweep look after its job;
    3. audit, and queue the control job after the transaction commits.
    """
    from mottak.services.deliveries import delivery_enqueue

    candidates = list(
        Delivery.objects.filter(state=DeliveryState.HELD, held_until__lte=now)
        .order_by("held_until", "pk")
        .values_list("pk", "kommune_nr", "held_until")
    )
    released: list[int] = []
    for pk, kommune_nr, held_until in candidates:
        with transaction.atomic():
            claimed = Delivery.objects.filter(pk=pk, state=DeliveryState.HELD).update(
                state=DeliveryState.RECEIVED, state_changed_at=now
            )
            if not claimed:
                continue
            assert held_until is not None  # held_until__lte above leaves out NULL
            audit_log(
                action="delivery.released",
                kommune_nr=kommune_nr,
                obj=Delivery(pk=pk),
                now=now,
                data={"delivery_id": pk, "held_until": held_until.isoformat()},
            )
            transaction.on_commit(partial(delivery_enqueue, delivery_id=pk))
        released.append(pk)
    return released
