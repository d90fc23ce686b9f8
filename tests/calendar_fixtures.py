"""Helpers for the reporting calendar tests."""

from datetime import datetime
from itertools import count

from mottak.models import Delivery, NoParticipantsDeclaration
from mottak.services.calendar import OSLO


def oslo(*args: int) -> datetime:
    """An aware datetime in Europe/Oslo: oslo(2021, 1, 4, 0, 0, 0)."""
    return datetime(*args, tzinfo=OSLO)


class FileStatus:
    """Puts real deliveries and declarations (M4's models) in place; M4's form status selector
    then tells the reminders who has delivered."""

    receipts = count(1)  # shared: receipt numbers are unique across instances

    def put(self, kommune_nr: str, skjema: str, aar: int, state: str, at=None) -> None:
        at = at or oslo(aar + 1, 1, 12, 10)
        if state == "no_participants":
            NoParticipantsDeclaration.objects.create(
                kommune_nr=kommune_nr, skjema=skjema, aar=aar, declared_at=at
            )
            return
        verdict = "accepted" if state.startswith("accepted") else state
        Delivery.objects.create(
            kommune_nr=kommune_nr,
            skjema=skjema,
            aar=aar,
            state=verdict,
            state_changed_at=at,
            ciphertext=f"leveranser/{aar}/{kommune_nr}/x.kostra",
            sha256="0" * 64,
            size=1,
            key_id="k",
            receipt=f"T{next(self.receipts):06d}",
            received_at=at,
            accepted={"accepted": True, "rejected": False}.get(verdict),
            with_warnings=state == "accepted_with_warnings",
        )
