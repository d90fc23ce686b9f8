"""Fixtures for SSB's pages: a small set of kommuner and a stand-in for M4's form status.

`delivery_status` replaces four functions of `mottak.selectors.deliveries` (M4's module) with
in-memory ones holding, per (aar, skjema, kommune), the status M4's `form_status_list` would
report: state, latest delivery (received_at, records, pk), missing parts; and the findings of
the latest controlled delivery for `latest_report_get` / `latest_findings_list`.
`deliveries_2020` creates real deliveries (M4's models) in every state instead.
"""

import sys
import types
from dataclasses import dataclass, field
from datetime import datetime
from itertools import count
from types import SimpleNamespace

import pytest

from mottak.models import (
    DeclaredPart,
    Delivery,
    Finding,
    Kommune,
    NoParticipantsDeclaration,
    ObligationMark,
    Report,
)
from mottak.services.calendar import reporting_round_create_standard
from tests.calendar_fixtures import oslo


@dataclass
class FakeStatus:
    kommune_nr: str
    state: str
    latest: object | None = None
    parts_missing: list[str] = field(default_factory=list)
    effective: object | None = None
    no_participants: object | None = None


class DeliveryStatus:
    def __init__(self):
        self.statuses: dict[tuple[int, str], dict[str, FakeStatus]] = {}
        self.findings: dict[tuple[int, str, str], list] = {}
        self.deliveries: dict[tuple[str, int], list] = {}
        self._pk = 0

    def put(
        self,
        kommune_nr: str,
        skjema: str,
        state: str,
        *,
        aar: int = 2020,
        received_at: datetime | None = None,
        records: int | None = None,
        parts_missing: list[str] | None = None,
        findings: list[tuple] | None = None,
    ):
        latest = None
        if received_at is not None:
            self._pk += 1
            latest = SimpleNamespace(
                pk=self._pk,
                received_at=received_at,
                records=records,
                skjema=skjema,
                part="",
                receipt=f"K-{self._pk:05d}",
                uploaded_by=None,
                get_state_display=lambda s=state: s,
            )
            self.deliveries.setdefault((kommune_nr, aar), []).append(latest)
        delivered = state in ("accepted", "accepted_with_warnings", "parts_missing")
        self.statuses.setdefault((aar, skjema), {})[kommune_nr] = FakeStatus(
            kommune_nr,
            state,
            latest,
            list(parts_missing or []),
            effective=latest if delivered else None,
            no_participants=SimpleNamespace(declared_at=received_at)
            if state == "no_participants"
            else None,
        )
        if findings is not None:
            self.findings[(aar, skjema, kommune_nr)] = [
                SimpleNamespace(
                    rule=rule,
                    severity=severity,
                    line=line,
                    journal_number=journal,
                    message=message,
                )
                for rule, severity, line, journal, message in findings
            ]

    # The functions of M4's selector module that SSB's pages call.
    def form_status_list(self, *, aar: int, skjema: str):
        return list(self.statuses.get((aar, skjema), {}).values())

    def delivery_list(self, *, kommune_nr: str, aar: int):
        return list(reversed(self.deliveries.get((kommune_nr, aar), [])))

    def latest_report_get(self, *, kommune_nr: str, aar: int, skjema: str):
        status = self.statuses.get((aar, skjema), {}).get(kommune_nr)
        if status is None or status.latest is None:
            return None
        return status.latest, self.findings.get((aar, skjema, kommune_nr), [])

    def latest_findings_list(self, *, aar: int, skjema: str):
        return [
            (nr, found) for (a, s, nr), found in self.findings.items() if a == aar and s == skjema
        ]


@pytest.fixture
def delivery_status(monkeypatch):
    status = DeliveryStatus()
    import mottak.selectors.deliveries as real

    # Everything else of M4's module stays real (its views import more names from it).
    module = types.ModuleType("mottak.selectors.deliveries")
    module.__dict__.update({k: v for k, v in real.__dict__.items() if not k.startswith("__")})
    for name in ("form_status_list", "delivery_list", "latest_report_get", "latest_findings_list"):
        setattr(module, name, getattr(status, name))
    monkeypatch.setitem(sys.modules, "mottak.selectors.deliveries", module)
    return status


KOMMUNER = [
    ("0301", "Oslo", "Oslo"),
    ("4601", "Bergen", "Vestland"),
    ("4602", "Kinn", "Vestland"),
    ("5001", "Trondheim", "Trøndelag"),
    ("1103", "Stavanger", "Rogaland"),
    ("3001", "Halden", "Viken"),
    ("3002", "Moss", "Viken"),
    ("1804", "Bodø", "Nordland"),
    ("5401", "Tromsø", "Troms og Finnmark"),
    ("3401", "Kongsvinger", "Innlandet"),
]


@pytest.fixture
def kommuner_2020(db):
    """Ten kommuner valid in 2020 and one that ended in 2019 (never shown for 2020)."""
    for nr, navn, fylke in KOMMUNER:
        Kommune.objects.create(nummer=nr, navn=navn, fylke=fylke, gyldig_fra=2020)
    Kommune.objects.create(
        nummer="1201", navn="Bergen (gammel)", fylke="Hordaland", gyldig_fra=2000, gyldig_til=2019
    )


@pytest.fixture
def round_2020_std(db):
    return reporting_round_create_standard(aar=2020)


def before_deadline():
    return oslo(2021, 1, 12, 10, 0)


def after_deadline():
    return oslo(2021, 1, 20, 9, 30)


_receipts = count(1)


def deliver(nr, skjema, state, at, *, records=None, warnings=False, part="", findings=()):
    d = Delivery.objects.create(
        kommune_nr=nr,
        skjema=skjema,
        aar=2020,
        part=part,
        state=state,
        state_changed_at=at,
        ciphertext=f"leveranser/2020/{nr}/x.enc",
        sha256="0" * 64,
        size=1,
        key_id="k",
        receipt=f"R{next(_receipts):06d}",
        received_at=at,
        accepted=state == "accepted" if state in ("accepted", "rejected") else None,
        with_warnings=warnings,
        records=records,
    )
    if state in ("accepted", "rejected"):
        report = Report.objects.create(
            delivery=d, created_at=at, accepted=state == "accepted", records=records or 0
        )
        for rule, severity, line in findings:
            Finding.objects.create(
                report=report,
                rule=rule,
                severity=severity,
                line=line,
                journal_number=f"J{line}",
                message="melding",
            )
    return d


@pytest.fixture
def deliveries_2020(kommuner_2020, round_2020_std, staff):
    """Real deliveries (M4's models) for 2020 in every state; see test_ssb_with_deliveries."""
    jan = lambda d, h=10: oslo(2021, 1, d, h)  # noqa: E731
    # Oslo delivers 11F in two declared parts; the bydel part is still missing.
    for part in ("nav", "bydel-01"):
        DeclaredPart.objects.create(
            kommune_nr="0301",
            skjema="11F",
            aar=2020,
            part=part,
            declared_by=staff,
            declared_at=jan(4),
        )
    deliver("0301", "11F", "accepted", jan(10), records=500, part="nav")
    # Bergen: accepted 11F (replacing a rejected one), no KVP participants.
    deliver("4601", "11F", "rejected", jan(5), records=100, findings=[("012", "ERROR", 3)])
    deliver(
        "4601",
        "11F",
        "accepted",
        jan(8),
        records=101,
        warnings=True,
        findings=[("005A", "WARNING", 4), ("005A", "WARNING", 9)],
    )
    NoParticipantsDeclaration.objects.create(
        kommune_nr="4601", skjema="11CF", aar=2020, declared_by=staff, declared_at=jan(6)
    )
    deliver("4602", "11F", "accepted", jan(20), records=40)  # late
    deliver(
        "5001",
        "11F",
        "rejected",
        jan(12),
        records=300,
        findings=[("012", "ERROR", 1), ("012", "ERROR", 2), ("003", "FATAL", None)],
    )
    deliver("1103", "11F", "checking", jan(21))
    deliver("1804", "11F", "failed", jan(9))
    withdrawn = deliver("3401", "11F", "accepted", jan(7), records=80)
    withdrawn.withdrawn_at = jan(11)
    withdrawn.save()
    deliver("5401", "11CF", "accepted", jan(13), records=12)
    ObligationMark.objects.create(
        kommune_nr="3002",
        skjema="11F",
        aar=2020,
        kind=ObligationMark.Kind.NOT_APPLICABLE,
        marked_at=jan(4),
    )
