"""One vocabulary of states: a delivery's, a form's (per kommune, skjema, year) and an overview
cell's, and the one definition of "delivered".

- `DeliveryState` (mottak.models.deliveries, the database's choices) is where a single upload
  is: held in a freeze window, received, checking, accepted, rejected or failed.
- `FormState` is where a kommune's form is: a delivery state of its deciding delivery, or one
  of the states only a form has (not delivered, parts missing, no participants). Its values
  are the delivery states' values, so a form is "held" exactly when its delivery is.
- `CellState` is SSB's overview's coarser reading of a form state, plus what only the overview
  knows (late, not applicable); `cell_state_for` is the one mapping.
The values are stable: they appear in the API, the CSV export and URLs (?state=...).
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from mottak.models.deliveries import DeliveryState


class FormState(StrEnum):
    NOT_DELIVERED = "not_delivered"
    HELD = DeliveryState.HELD.value
    RECEIVED = DeliveryState.RECEIVED.value
    CHECKING = DeliveryState.CHECKING.value
    REJECTED = DeliveryState.REJECTED.value
    FAILED = DeliveryState.FAILED.value
    PARTS_MISSING = "parts_missing"
    ACCEPTED = DeliveryState.ACCEPTED.value
    ACCEPTED_WITH_WARNINGS = "accepted_with_warnings"
    NO_PARTICIPANTS = "no_participants"


# The one definition of "delivered": an accepted file (with or without warnings) or a
# declaration of no participants. Intake statistics, exports, reminders and the overview use it.
DELIVERED = frozenset(
    {FormState.ACCEPTED, FormState.ACCEPTED_WITH_WARNINGS, FormState.NO_PARTICIPANTS}
)
# A verdict will come without anything more from the kommune.
AWAITING_VERDICT = frozenset({FormState.HELD, FormState.RECEIVED, FormState.CHECKING})
# Not to be reminded: delivered, or its verdict is on the way (a rejection reminds next run).
SETTLED = DELIVERED | AWAITING_VERDICT


class CellState:
    """The staff overview's states. Values are stable: CSV export and URLs (?state=...)."""

    NOT_DELIVERED = FormState.NOT_DELIVERED.value
    LATE = "late"
    PENDING = "pending"
    REJECTED = FormState.REJECTED.value
    PARTS_MISSING = FormState.PARTS_MISSING.value
    ACCEPTED = FormState.ACCEPTED.value
    ACCEPTED_WITH_WARNINGS = FormState.ACCEPTED_WITH_WARNINGS.value
    NO_PARTICIPANTS = FormState.NO_PARTICIPANTS.value
    NOT_APPLICABLE = "not_applicable"

    LABELS = {
        NOT_DELIVERED: _("Ikke levert"),
        LATE: _("Forsinket (ikke levert)"),
        PENDING: _("Under kontroll"),
        REJECTED: _("Avvist"),
        PARTS_MISSING: _("Deler mangler"),
        ACCEPTED: _("Godkjent"),
        ACCEPTED_WITH_WARNINGS: _("Godkjent med advarsler"),
        NO_PARTICIPANTS: _("Ingen deltakere"),
        NOT_APPLICABLE: _("Ikke aktuelt"),
    }
    # CSS class of the badge: colour always comes with the text above.
    TONES = {
        NOT_DELIVERED: "neutral",
        LATE: "err",
        PENDING: "info",
        REJECTED: "err",
        PARTS_MISSING: "warn",
        ACCEPTED: "ok",
        ACCEPTED_WITH_WARNINGS: "warn",
        NO_PARTICIPANTS: "ok",
        NOT_APPLICABLE: "neutral",
    }
    # Short labels for the compact matrix (the full label is in the cell's title).
    SHORT_LABELS = {
        NOT_DELIVERED: _("Ikke levert"),
        LATE: _("Forsinket"),
        PENDING: _("Under kontroll"),
        REJECTED: _("Avvist"),
        PARTS_MISSING: _("Deler mangler"),
        ACCEPTED: _("Godkjent"),
        ACCEPTED_WITH_WARNINGS: _("Godkjent (adv.)"),
        NO_PARTICIPANTS: _("Ingen deltakere"),
        NOT_APPLICABLE: _("Ikke aktuelt"),
    }
    # A pending cell whose delivery is held in a freeze window (FormState.HELD).
    HELD_LABEL = _("Holdt (frysperiode)")
    HELD_SHORT_LABEL = _("Holdt (frys)")
    ORDER = list(LABELS)
    DELIVERED = DELIVERED
    MISSING = frozenset({NOT_DELIVERED, LATE, PENDING, REJECTED, PARTS_MISSING})


def cell_state_for(state: str) -> str:
    """The overview's state of a form state: waiting for a verdict is "pending", a file that
    could not be controlled counts as rejected; the others are the same value."""
    if state in AWAITING_VERDICT:
        return CellState.PENDING
    if state == FormState.FAILED:
        return CellState.REJECTED
    if state in CellState.LABELS:
        return str(state)
    return CellState.NOT_DELIVERED
