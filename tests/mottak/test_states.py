"""One vocabulary of states (mottak/states.py): delivery, form and overview cell."""

import pytest

from mottak.models import DeliveryState
from mottak.selectors import deliveries as delivery_selectors
from mottak.selectors.overview import CellState as OverviewCellState
from mottak.services import reminders
from mottak.states import (
    AWAITING_VERDICT,
    DELIVERED,
    SETTLED,
    CellState,
    FormState,
    cell_state_for,
)


def test_every_delivery_state_is_a_form_state_with_the_same_value():
    assert {s.value for s in DeliveryState} <= {s.value for s in FormState}
    assert FormState.HELD == DeliveryState.HELD == "held"


def test_delivered_is_defined_once():
    assert delivery_selectors.DELIVERED_STATES is DELIVERED
    assert CellState.DELIVERED is DELIVERED and OverviewCellState is CellState
    assert DELIVERED == {"accepted", "accepted_with_warnings", "no_participants"}
    assert reminders.SETTLED_STATES is SETTLED == DELIVERED | AWAITING_VERDICT


@pytest.mark.parametrize(
    ("form_state", "cell"),
    [
        ("not_delivered", "not_delivered"),
        ("held", "pending"),
        ("received", "pending"),
        ("checking", "pending"),
        ("rejected", "rejected"),
        ("failed", "rejected"),
        ("parts_missing", "parts_missing"),
        ("accepted", "accepted"),
        ("accepted_with_warnings", "accepted_with_warnings"),
        ("no_participants", "no_participants"),
    ],
)
def test_overview_cell_values_are_unchanged(form_state, cell):
    assert cell_state_for(FormState(form_state)) == cell
    assert cell in CellState.LABELS


def test_every_form_state_has_an_overview_cell():
    assert {cell_state_for(s) for s in FormState} <= set(CellState.ORDER)


def test_the_api_reports_a_held_delivery_as_received():
    from django.utils import timezone

    delivery = delivery_selectors.Delivery(
        state=DeliveryState.HELD, held_until=timezone.now(), message="Holdt tilbake"
    )
    assert delivery_selectors.delivery_status_dict(delivery, findings=False)["state"] == (
        "received"
    )
