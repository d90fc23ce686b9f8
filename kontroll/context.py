"""The delivery context a file is checked against."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Context:
    """Who delivers what: skjema, statistics year, kommune and (Oslo only) bydel.

    ``has_participants`` is the portal's "skal rapportere" flag; False means the kommune
    declared that it has no recipients/participants to report (rule 000).
    """

    skjema: str
    aar: int
    kommune: str
    bydel: str | None = None
    has_participants: bool = True
