"""SSB's reading of M4's per-kommune form status (mottak.selectors.deliveries).

M4's `form_status_list(aar=, skjema=)` is the single source of truth for the state of a file
delivery (the kommune's status page and the reminders read it too). This module reduces each
status to the few facts the overview and the statistics need, and maps M4's states onto the
overview's (received/checking -> pending, failed -> rejected).
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

logger = logging.getLogger(__name__)

# M4 state -> overview state.
_STATE_MAP = {
    "received": "pending",
    "checking": "pending",
    "held": "pending",
    "accepted": "accepted",
    "accepted_with_warnings": "accepted_with_warnings",
    "rejected": "rejected",
    "failed": "rejected",
    "no_participants": "no_participants",
    "parts_missing": "parts_missing",
    "not_delivered": "not_delivered",
}


@dataclass(frozen=True)
class FileFacts:
    kommune_nr: str
    state: str
    received_at: datetime | None = None
    records: int | None = None
    participants: int | None = None
    delivery_id: int | None = None
    parts_missing: tuple[str, ...] = field(default_factory=tuple)


def _value(state) -> str:
    return str(getattr(state, "value", state))


def file_facts_list(*, aar: int, skjema: str) -> dict[str, FileFacts]:
    """Facts per kommune number for every kommune M4 reports a status for."""
    try:
        from mottak.selectors.deliveries import form_status_list
    except ImportError:
        logger.warning("mottak.selectors.deliveries is missing: no file deliveries are shown")
        return {}

    result = {}
    for status in form_status_list(aar=aar, skjema=skjema):
        facts = file_facts_from_status(status)
        result[facts.kommune_nr] = facts
    return result


def file_facts_from_status(status) -> FileFacts:
    """Delivered forms show their effective delivery (or the declaration's time); others the
    newest counting delivery, whatever its verdict."""
    state = _STATE_MAP.get(_value(status.state), "not_delivered")
    delivery = status.effective if status.effective is not None else status.latest
    received_at = delivery.received_at if delivery is not None else None
    declaration = status.no_participants
    if state == "no_participants" and declaration is not None:
        received_at = declaration.declared_at
        delivery = None
    return FileFacts(
        kommune_nr=status.kommune_nr,
        state=state,
        received_at=received_at,
        records=delivery.records if delivery is not None else None,
        # 11CF has one record per KVP participant.
        participants=delivery.records if delivery is not None else None,
        delivery_id=delivery.pk if delivery is not None else None,
        parts_missing=tuple(status.parts_missing),
    )


@dataclass(frozen=True)
class FindingRef:
    """A finding as SSB's pages use it: enough to ask the kommune about it, no record data."""

    rule: str
    severity: str
    line: int | None
    journal_number: str
    message: str

    @property
    def key(self) -> str:
        return f"{self.rule}|{self.line or ''}|{self.journal_number}"


def delivery_versions_list(*, kommune_nr: str, aar: int) -> list:
    """Every delivery (all versions, all forms) of a kommune for a year, newest first."""
    try:
        from mottak.selectors.deliveries import delivery_list
    except ImportError:
        return []
    return list(delivery_list(kommune_nr=kommune_nr, aar=aar))


def latest_delivery_findings(
    *, kommune_nr: str, aar: int, skjema: str
) -> tuple[int | None, list[FindingRef]]:
    """(delivery id, findings) of the kommune's latest controlled delivery of a form."""
    try:
        from mottak.selectors.deliveries import latest_report_get
    except ImportError:
        return None, []
    latest = latest_report_get(kommune_nr=kommune_nr, aar=aar, skjema=skjema)
    if latest is None:
        return None, []
    delivery, findings = latest
    return delivery.pk, [finding_ref(f) for f in findings]


def finding_ref(finding) -> FindingRef:
    severity = finding.severity
    return FindingRef(
        rule=finding.rule,
        severity=str(getattr(severity, "label", severity)),
        line=finding.line,
        journal_number=finding.journal_number or "",
        message=finding.message,
    )
