"""The staff overview: a state for every kommune x form, filters, counts, export rows."""

from datetime import date

import pytest

from mottak.models import ObligationMark
from mottak.selectors.overview import CellState, overview_export_rows, overview_get
from mottak.services.ssb_nav import nav_counts_import
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import (  # noqa: F401 - fixtures
    after_deadline,
    before_deadline,
    delivery_status,
    kommuner_2020,
    round_2020_std,
)

AFTER = date(2021, 1, 25)
BEFORE = date(2021, 1, 10)


def _mark(nr, skjema, kind):
    ObligationMark.objects.create(
        kommune_nr=nr, skjema=skjema, aar=2020, kind=kind, marked_at=oslo(2021, 1, 5)
    )


@pytest.fixture
def season(kommuner_2020, round_2020_std, delivery_status):  # noqa: F811
    s = delivery_status
    s.put(
        "0301",
        "11F",
        "parts_missing",
        received_at=before_deadline(),
        records=900,
        parts_missing=["bydel 03"],
    )
    s.put("4601", "11F", "accepted", received_at=before_deadline(), records=120)
    s.put("4601", "11CF", "no_participants", received_at=before_deadline())
    s.put("4602", "11F", "accepted_with_warnings", received_at=after_deadline(), records=40)
    s.put("5001", "11F", "rejected", received_at=before_deadline(), records=300)
    s.put("1103", "11F", "checking", received_at=after_deadline(), records=None)
    s.put("1804", "11F", "failed", received_at=before_deadline())
    s.put("5401", "11CF", "accepted", received_at=before_deadline(), records=12)
    s.put("3401", "11CF", "accepted", received_at=before_deadline(), records=10)
    _mark("3002", "11F", ObligationMark.Kind.NOT_APPLICABLE)
    _mark("4601", "7", ObligationMark.Kind.EFORM_RECEIVED)
    return s


def _cells(overview):
    return {(r.kommune.nummer, c.skjema): c for r in overview.rows for c in r.cells}


def test_every_state_after_the_deadline(season):
    cells = _cells(overview_get(aar=2020, today=AFTER))
    assert cells["0301", "11F"].state == CellState.PARTS_MISSING
    assert cells["0301", "11F"].parts_missing == ["bydel 03"]
    assert cells["4601", "11F"].state == CellState.ACCEPTED
    assert cells["4601", "11F"].records == 120
    assert not cells["4601", "11F"].delivered_late
    assert cells["4601", "11CF"].state == CellState.NO_PARTICIPANTS
    assert cells["4602", "11F"].state == CellState.ACCEPTED_WITH_WARNINGS
    assert cells["4602", "11F"].delivered_late
    assert cells["5001", "11F"].state == CellState.REJECTED
    assert cells["1103", "11F"].state == CellState.PENDING
    assert cells["1804", "11F"].state == CellState.REJECTED
    assert cells["3001", "11F"].state == CellState.LATE
    assert cells["3002", "11F"].state == CellState.NOT_APPLICABLE
    assert cells["4601", "7"].state == CellState.ACCEPTED and cells["4601", "7"].eform
    # 7 is due 17 February: not late yet on 25 January.
    assert cells["3001", "7"].state == CellState.NOT_DELIVERED


def test_missing_before_the_deadline_is_not_late(season):
    cells = _cells(overview_get(aar=2020, today=BEFORE))
    assert cells["3001", "11F"].state == CellState.NOT_DELIVERED
    assert cells["5401", "11F"].state == CellState.NOT_DELIVERED


def test_rows_are_kommuner_valid_in_the_year_with_the_rounds_forms(season):
    overview = overview_get(aar=2020, today=AFTER)
    numbers = [r.kommune.nummer for r in overview.rows]
    assert len(numbers) == 10 and "1201" not in numbers
    assert numbers == sorted(numbers)
    assert overview.forms == ["11F", "11CF", "7", "7B", "12"]
    assert overview.deadlines["11F"] == date(2021, 1, 15)


def test_counts_per_state_and_form(season):
    counts = overview_get(aar=2020, today=AFTER).counts
    assert counts["11F"][CellState.ACCEPTED] == 1
    assert counts["11F"][CellState.REJECTED] == 2
    assert counts["11F"][CellState.LATE] == 3  # 3001, 5401, 3401
    assert counts["11CF"][CellState.NO_PARTICIPANTS] == 1
    assert counts["11CF"][CellState.ACCEPTED] == 2
    assert sum(counts["11F"].values()) == 10


def test_filter_by_fylke_state_form_and_search(season):
    vestland = overview_get(aar=2020, today=AFTER, fylke="Vestland")
    assert [r.kommune.nummer for r in vestland.rows] == ["4601", "4602"]
    assert vestland.counts["11F"][CellState.ACCEPTED] == 1

    rejected = overview_get(aar=2020, today=AFTER, state=CellState.REJECTED, skjema="11F")
    assert {r.kommune.nummer for r in rejected.rows} == {"5001", "1804"}

    no_part_11f = overview_get(aar=2020, today=AFTER, state="no_participants", skjema="11F")
    assert no_part_11f.rows == []

    assert [r.kommune.nummer for r in overview_get(aar=2020, today=AFTER, search="berg").rows] == [
        "4601"
    ]
    assert [r.kommune.nummer for r in overview_get(aar=2020, today=AFTER, search="50").rows] == [
        "5001"
    ]


def test_nav_comparison_flags_differences_beyond_tolerance(season, staff):
    nav_counts_import(
        aar=2020,
        content=b"kommune;deltakere\n5401;20\n3401;11\n4601;0\n3001;4\n",
        uploaded_by=staff,
        now=oslo(2021, 2, 1),
    )
    cells = _cells(overview_get(aar=2020, today=AFTER))
    assert cells["5401", "11CF"].nav.flagged  # 12 against 20
    assert cells["5401", "11CF"].nav.difference == -8
    assert not cells["3401", "11CF"].nav.flagged  # 10 against 11
    assert not cells["4601", "11CF"].nav.flagged  # no participants, NAV says 0
    assert cells["3001", "11CF"].nav.flagged  # NAV has 4, nothing delivered
    assert cells["5001", "11CF"].nav is None
    assert cells["5401", "11F"].nav is None


def test_export_rows_have_exactly_the_columns(season):
    rows = overview_export_rows(overview=overview_get(aar=2020, today=AFTER))
    assert len(rows) == 10 * 5
    assert all(
        list(r)[:6] == ["kommune", "navn", "skjema", "state", "received_at", "records"]
        for r in rows
    )
    bergen = next(r for r in rows if r["kommune"] == "4601" and r["skjema"] == "11F")
    assert bergen["state"] == "accepted"
    assert bergen["records"] == 120
    assert bergen["received_at"].startswith("2021-01-12T")


def test_without_a_round_the_file_forms_are_shown(kommuner_2020, delivery_status):  # noqa: F811
    overview = overview_get(aar=2020, today=AFTER)
    assert overview.forms == ["11F", "11CF"]
    assert all(c.state == CellState.NOT_DELIVERED for r in overview.rows for c in r.cells)


def test_nav_flag_for_the_kommune_status_page(season, staff):
    from django.template.loader import render_to_string

    from mottak.selectors.overview import nav_flag_get

    assert nav_flag_get(kommune_nr="5401", aar=2020) is None  # no NAV figures yet
    nav_counts_import(
        aar=2020,
        content=b"kommune;deltakere\n5401;20\n3401;11\n",
        uploaded_by=staff,
        now=oslo(2021, 2, 1),
    )
    flag = nav_flag_get(kommune_nr="5401", aar=2020)
    assert (flag.nav, flag.delivered, flag.flagged) == (20, 12, True)
    html = render_to_string("mottak/ssb/_nav_flag.html", {"nav_flag": flag})
    assert "Avvik mot NAV" in html and "12" in html and "20" in html
    ok = nav_flag_get(kommune_nr="3401", aar=2020)
    assert not ok.flagged
    assert "stemmer med NAVs tall" in render_to_string(
        "mottak/ssb/_nav_flag.html", {"nav_flag": ok}
    )
    assert nav_flag_get(kommune_nr="4601", aar=2020) is None  # not in NAV's file


def test_nav_flag_template_tag(season, staff):
    from django.template import Context, Template

    nav_counts_import(
        aar=2020,
        content=b"kommune;deltakere\n5401;20\n",
        uploaded_by=staff,
        now=oslo(2021, 2, 1),
    )
    template = Template("{% load ssb_tags %}{% ssb_nav_flag nr 2020 %}")
    assert "Avvik mot NAV" in template.render(Context({"nr": "5401"}))
    assert template.render(Context({"nr": "3401"})).strip() == ""
