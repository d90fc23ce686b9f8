"""Running kontroll on test records, shared by the 11F and 11CF record builders."""

from __future__ import annotations

from kontroll import run_control
from kontroll.report import Report


def run_records(
    skjema: str,
    aar: int,
    records: list[str],
    *,
    kommune: str,
    bydel: str | None = None,
    has_participants: bool = True,
) -> Report:
    """Control ``records`` as one CRLF file of ``skjema`` for ``aar``."""
    data = "".join(r + "\r\n" for r in records).encode("iso-8859-1")
    return run_control(
        skjema=skjema,
        aar=aar,
        data=data,
        kommune=kommune,
        bydel=bydel,
        has_participants=has_participants,
    )
