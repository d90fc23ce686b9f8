"""SSB's overview and statistics over real deliveries (M4's models and form status).

Kommuner in every state, including declared parts (Oslo: NAV office and a bydel) and a
declaration of no KVP participants, replacements and a withdrawn delivery.
"""

from datetime import date
from itertools import count

import pytest

from mottak.models import (
    DeclaredPart,
    Delivery,
    Finding,
    NoParticipantsDeclaration,
    ObligationMark,
    Report,
)
from mottak.selectors.kommune import kommune_page_get
from mottak.selectors.overview import CellState, overview_get
from mottak.selectors.statistics import error_statistics_list, intake_get
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import kommuner_2020, round_2020_std  # noqa: F401 - fixtures

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
def season(kommuner_2020, round_2020_std, staff):  # noqa: F811
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


def _cells(**kwargs):
    overview = overview_get(aar=2020, today=date(2021, 1, 25), **kwargs)
    return {(r.kommune.nummer, c.skjema): c for r in overview.rows for c in r.cells}


def test_overview_states_from_real_deliveries(season):
    cells = _cells()
    assert cells["0301", "11F"].state == CellState.PARTS_MISSING
    assert cells["0301", "11F"].parts_missing == ["bydel-01"]
    assert cells["4601", "11F"].state == CellState.ACCEPTED_WITH_WARNINGS
    assert cells["4601", "11F"].records == 101
    assert cells["4601", "11CF"].state == CellState.NO_PARTICIPANTS
    assert cells["4602", "11F"].state == CellState.ACCEPTED
    assert cells["4602", "11F"].delivered_late
    assert cells["5001", "11F"].state == CellState.REJECTED
    assert cells["1103", "11F"].state == CellState.PENDING
    assert cells["1804", "11F"].state == CellState.REJECTED
    assert cells["3401", "11F"].state == CellState.LATE  # its only delivery was withdrawn
    assert cells["3001", "11F"].state == CellState.LATE
    assert cells["3002", "11F"].state == CellState.NOT_APPLICABLE
    assert cells["5401", "11CF"].state == CellState.ACCEPTED


def test_intake_from_real_deliveries(season):
    forms = {f.skjema: f for f in intake_get(aar=2020, on=date(2021, 1, 25))}
    f11 = forms["11F"]
    assert (f11.obligated, f11.delivered, f11.delivered_in_time) == (9, 2, 1)
    assert sorted(f11.missing) == ["0301", "1103", "1804", "3001", "3401", "5001", "5401"]
    cf = forms["11CF"]
    assert (cf.delivered, cf.no_participants, cf.missing_count) == (1, 1, 8)


def test_error_statistics_from_latest_deliveries(season):
    stats = {s.rule: s for s in error_statistics_list(aar=2020, skjema="11F")}
    # Bergen's rejected first version no longer counts: its latest delivery is accepted.
    assert stats["012"].kommuner == 1 and stats["012"].records == 2
    assert stats["005A"].kommuner == 1 and stats["005A"].records == 2
    assert stats["003"].records == 1 and stats["003"].severity == "FATAL"


def test_kommune_page_lists_versions_and_findings(season):
    from mottak.models import Kommune

    bergen = Kommune.objects.get(nummer="4601")
    page = kommune_page_get(kommune=bergen, aar=2020, today=date(2021, 1, 25))
    assert [d.records for d in page.deliveries] == [101, 100]
    delivery_pk, findings = page.findings["11F"]
    assert delivery_pk == page.deliveries[0].pk
    assert [(f.rule, f.line) for f in findings] == [("005A", 4), ("005A", 9)]
