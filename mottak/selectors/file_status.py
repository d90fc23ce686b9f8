"""SSB's reading of M4's per-kommune form status (mottak.selectors.deliveries).

M4's `form_status_list(aar=, skjema=)` is the single source of truth for the state of a file
delivery (the kommune's status page and the reminders read it too). This module reduces each
status to the few facts the overview and the statistics need, and maps M4's states onto the
overview's (received/checking -> pending, failed -> rejected).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from mottak.models import DeclaredPart, DeliveryState
from mottak.selectors import deliveries as delivery_selectors

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
DELIVERED = frozenset({"accepted", "accepted_with_warnings"})


@dataclass(frozen=True)
class FileFacts:
    kommune_nr: str
    state: str
    received_at: datetime | None = None
    records: int | None = None
    participants: int | None = None
    delivery_id: int | None = None
    parts_missing: tuple[str, ...] = field(default_factory=tuple)
    # When the form first counted as delivered (see first_delivered_list); None if it is not.
    delivered_since: datetime | None = None


def _value(state) -> str:
    return str(getattr(state, "value", state))


def first_delivered_list(*, aar: int, skjema: str) -> dict[str, datetime]:
    """When each kommune's form first became complete with accepted deliveries.

    That is the first accepted counting delivery of the whole form or, with declared parts,
    the moment the last part got its first accepted delivery, whichever came first. A later
    replacement does not move it: a kommune that delivered in time and corrected after the
    deadline delivered in time. Withdrawn and check-only deliveries never count.
    """
    firsts: dict[tuple[str, str], datetime] = {}
    accepted = (
        delivery_selectors.counting_deliveries(aar=aar, skjema=skjema)
        .filter(state=DeliveryState.ACCEPTED)
        .order_by("received_at")
        .values_list("kommune_nr", "part", "received_at")
    )
    for nr, part, at in accepted:
        firsts.setdefault((nr, part), at)
    declared: dict[str, list[str]] = defaultdict(list)
    for nr, part in DeclaredPart.objects.filter(aar=aar, skjema=skjema).values_list(
        "kommune_nr", "part"
    ):
        declared[nr].append(part)
    result: dict[str, datetime] = {}
    for nr in {nr for nr, _part in firsts}:
        candidates = [firsts[(nr, "")]] if (nr, "") in firsts else []
        parts = declared.get(nr)
        if parts and all((nr, p) in firsts for p in parts):
            candidates.append(max(firsts[(nr, p)] for p in parts))
        if candidates:
            result[nr] = min(candidates)
    return result


def file_facts_list(*, aar: int, skjema: str) -> dict[str, FileFacts]:
    """Facts per kommune number for every kommune M4 reports a status for."""
    from mottak.selectors.deliveries import form_status_list  # looked up at call time

    firsts = first_delivered_list(aar=aar, skjema=skjema)
    result = {}
    for status in form_status_list(aar=aar, skjema=skjema):
        facts = file_facts_from_status(status, first_delivered=firsts.get(status.kommune_nr))
        result[facts.kommune_nr] = facts
    return result


def file_facts_from_status(status, *, first_delivered: datetime | None = None) -> FileFacts:
    """Delivered forms show their effective delivery (or the declaration's time); others the
    newest counting delivery, whatever its verdict."""
    state = _STATE_MAP.get(_value(status.state), "not_delivered")
    delivery = status.effective if status.effective is not None else status.latest
    received_at = delivery.received_at if delivery is not None else None
    declaration = status.no_participants
    since = None
    if state == "no_participants" and declaration is not None:
        received_at = since = declaration.declared_at
        delivery = None
    elif state in DELIVERED:
        since = first_delivered or received_at
    return FileFacts(
        kommune_nr=status.kommune_nr,
        state=state,
        received_at=received_at,
        records=delivery.records if delivery is not None else None,
        # 11CF has one record per KVP participant.
        participants=delivery.records if delivery is not None else None,
        delivery_id=delivery.pk if delivery is not None else None,
        parts_missing=tuple(status.parts_missing),
        delivered_since=since,
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
    def severity_label(self) -> str:
        from mottak.selectors.statistics import severity_label

        return severity_label(self.severity)

    @property
    def key(self) -> str:
        return f"{self.rule}|{self.line or ''}|{self.journal_number}"


def delivery_versions_list(*, kommune_nr: str, aar: int) -> list:
    """Every delivery (all versions, all forms) of a kommune for a year, newest first."""
    from mottak.selectors.deliveries import delivery_list

    return list(delivery_list(kommune_nr=kommune_nr, aar=aar))


def latest_delivery_findings(
    *, kommune_nr: str, aar: int, skjema: str
) -> tuple[int | None, list[FindingRef]]:
    """(delivery id, findings) of the kommune's latest controlled delivery of a form."""
    from mottak.selectors.deliveries import latest_report_get

    latest = latest_report_get(kommune_nr=kommune_nr, aar=aar, skjema=skjema)
    if latest is None:
        return None, []
    delivery, findings = latest
    return delivery.pk, [finding_ref(f) for f in findings]


def finding_ref(finding) -> FindingRef:
    from mottak.kontroll_text import finding_message

    severity = finding.severity
    return FindingRef(
        rule=finding.rule,
        severity=str(getattr(severity, "label", severity)),
        line=finding.line,
        journal_number=finding.journal_number or "",
        message=finding_message(finding),
    )
