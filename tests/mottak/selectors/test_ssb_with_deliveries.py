"""SSB's overview and statistics over real deliveries (M4's models and form status).

Kommuner in every state, including declared parts (Oslo: NAV office and a bydel) and a
declaration of no KVP participants, replacements and a withdrawn delivery.
"""

from datetime import date

from mottak.selectors.kommune import kommune_page_get
from mottak.selectors.overview import CellState, overview_get
from mottak.selectors.statistics import error_statistics_list, intake_get
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import (  # noqa: F401 - fixtures
    deliveries_2020,
    kommuner_2020,
    round_2020_std,
)


def _cells(**kwargs):
    overview = overview_get(aar=2020, today=date(2021, 1, 25), **kwargs)
    return {(r.kommune.nummer, c.skjema): c for r in overview.rows for c in r.cells}


def test_overview_states_from_real_deliveries(deliveries_2020):  # noqa: F811
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


def test_intake_from_real_deliveries(deliveries_2020):  # noqa: F811
    forms = {f.skjema: f for f in intake_get(aar=2020, on=date(2021, 1, 25))}
    f11 = forms["11F"]
    assert (f11.obligated, f11.delivered, f11.delivered_in_time) == (9, 2, 1)
    assert sorted(f11.missing) == ["0301", "1103", "1804", "3001", "3401", "5001", "5401"]
    cf = forms["11CF"]
    assert (cf.delivered, cf.no_participants, cf.missing_count) == (1, 1, 8)


def test_error_statistics_from_latest_deliveries(deliveries_2020):  # noqa: F811
    stats = {s.rule: s for s in error_statistics_list(aar=2020, skjema="11F")}
    # Bergen's rejected first version no longer counts: its latest delivery is accepted.
    assert stats["012"].kommuner == 1 and stats["012"].records == 2
    assert stats["005A"].kommuner == 1 and stats["005A"].records == 2
    assert stats["003"].records == 1 and stats["003"].severity == "FATAL"
    assert stats["003"].title == "Kontroll 03 Kommunenummer"  # from the kontroll registry


def test_kommune_page_lists_versions_and_findings(deliveries_2020):  # noqa: F811
    from mottak.models import Kommune

    bergen = Kommune.objects.get(nummer="4601")
    page = kommune_page_get(kommune=bergen, aar=2020, today=date(2021, 1, 25))
    assert [d.records for d in page.deliveries] == [101, 100]
    delivery_pk, findings = page.findings["11F"]
    assert delivery_pk == page.deliveries[0].pk
    assert [(f.rule, f.line) for f in findings] == [("005A", 4), ("005A", 9)]


def test_in_time_delivery_replaced_after_the_deadline_is_not_late(deliveries_2020):  # noqa: F811
    from tests.ssb_fixtures import deliver

    # Kinn's first accepted file came on 20 January (late); Trondheim's rejected file is
    # followed by an accepted one on 14 January and a correction on 28 January.
    deliver("5001", "11F", "accepted", oslo(2021, 1, 14), records=300)
    deliver("5001", "11F", "accepted", oslo(2021, 1, 28), records=301)
    cells = _cells()
    assert cells["5001", "11F"].records == 301  # the effective (newest) version
    assert not cells["5001", "11F"].delivered_late
    assert cells["4602", "11F"].delivered_late
    f11 = next(f for f in intake_get(aar=2020, on=date(2021, 1, 20)) if f.skjema == "11F")
    assert "5001" not in f11.missing
    assert dict(f11.days)[date(2021, 1, 14)] == 1


def test_parts_count_as_delivered_when_the_last_part_is_accepted(deliveries_2020):  # noqa: F811
    from tests.ssb_fixtures import deliver

    deliver("0301", "11F", "accepted", oslo(2021, 1, 18), records=40, part="bydel-01")
    cells = _cells()
    assert cells["0301", "11F"].state == CellState.ACCEPTED
    assert cells["0301", "11F"].delivered_late  # complete only on 18 January
    on_17th = next(f for f in intake_get(aar=2020, on=date(2021, 1, 17)) if f.skjema == "11F")
    assert "0301" in on_17th.missing
