"""Intake statistics as of a date, and error statistics per rule."""

from datetime import date

import pytest

from mottak.models import ObligationMark
from mottak.selectors.statistics import error_statistics_list, intake_get
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import (  # noqa: F401 - fixtures
    delivery_status,
    kommuner_2020,
    round_2020_std,
)


@pytest.fixture
def intake(kommuner_2020, round_2020_std, delivery_status):  # noqa: F811
    s = delivery_status
    s.put("4601", "11F", "accepted", received_at=oslo(2021, 1, 5, 9), records=120)
    s.put("4602", "11F", "accepted_with_warnings", received_at=oslo(2021, 1, 5, 14), records=40)
    s.put("5001", "11F", "accepted", received_at=oslo(2021, 1, 15, 23, 59), records=300)
    s.put("1103", "11F", "accepted", received_at=oslo(2021, 1, 16, 0, 1), records=200)
    s.put(
        "0301",
        "11F",
        "parts_missing",
        received_at=oslo(2021, 1, 10),
        records=900,
        parts_missing=["bydel 01"],
    )
    s.put("1804", "11F", "rejected", received_at=oslo(2021, 1, 8), records=10)
    s.put("4601", "11CF", "no_participants", received_at=oslo(2021, 1, 6))
    s.put("5401", "11CF", "accepted", received_at=oslo(2021, 1, 14), records=12)
    ObligationMark.objects.create(
        kommune_nr="3002",
        skjema="11F",
        aar=2020,
        kind=ObligationMark.Kind.NOT_APPLICABLE,
        marked_at=oslo(2021, 1, 4),
    )
    return s


def _form(forms, skjema):
    return next(f for f in forms if f.skjema == skjema)


def test_intake_after_the_deadline(intake):
    f11 = _form(intake_get(aar=2020, on=date(2021, 1, 20)), "11F")
    assert f11.obligated == 9  # ten kommuner, 3002 not applicable
    assert f11.delivered == 4
    assert f11.delivered_in_time == 3  # 1103 came one minute after midnight
    assert f11.no_participants == 0
    assert sorted(f11.missing) == ["0301", "1804", "3001", "3401", "5401"]
    assert f11.missing_late == f11.missing
    assert f11.deadline == date(2021, 1, 15)


def test_intake_on_an_earlier_date_counts_only_what_had_arrived(intake):
    f11 = _form(intake_get(aar=2020, on=date(2021, 1, 10)), "11F")
    assert f11.delivered == 2
    assert f11.missing_count == 7
    assert f11.missing_late == []  # before the deadline nobody is late


def test_no_participants_are_not_counted_as_missing(intake):
    cf = _form(intake_get(aar=2020, on=date(2021, 1, 20)), "11CF")
    assert cf.no_participants == 1
    assert cf.delivered == 1
    assert "4601" not in cf.missing
    assert cf.missing_count == 8
    assert cf.obligated == cf.delivered + cf.no_participants + cf.missing_count


def test_days_series_spans_the_round_and_adds_up_to_the_table(intake):
    f11 = _form(intake_get(aar=2020, on=date(2021, 1, 20)), "11F")
    days = dict(f11.days)
    assert f11.days[0][0] == date(2021, 1, 4)  # the round opens
    assert f11.days[-1][0] == date(2021, 4, 30)  # the correction cutoff
    assert all(n == 0 for d, n in f11.days if d > date(2021, 1, 20))  # not known yet
    assert days[date(2021, 1, 5)] == 2
    assert days[date(2021, 1, 15)] == 1
    assert days[date(2021, 1, 16)] == 1
    assert sum(days.values()) == f11.delivered


def test_error_statistics_rank_rules_by_kommuner_then_records(
    kommuner_2020,  # noqa: F811
    delivery_status,  # noqa: F811
):
    s = delivery_status
    s.put(
        "4601",
        "11F",
        "accepted_with_warnings",
        received_at=oslo(2021, 1, 5),
        records=3,
        findings=[
            ("005A", "WARNING", 1, "J1", "m"),
            ("005A", "WARNING", 1, "J1", "m"),
            ("005A", "WARNING", 2, "J2", "m"),
            ("012", "ERROR", 3, "J3", "m"),
        ],
    )
    s.put(
        "5001",
        "11F",
        "rejected",
        received_at=oslo(2021, 1, 5),
        records=3,
        findings=[("012", "ERROR", 7, "J7", "m"), ("003", "FATAL", None, "", "m")],
    )
    s.put("4602", "11F", "accepted", received_at=oslo(2021, 1, 5), records=3, findings=[])
    stats = error_statistics_list(aar=2020, skjema="11F")
    assert [(r.rule, r.kommuner, r.records) for r in stats] == [
        ("012", 2, 2),
        ("005A", 1, 2),  # two distinct lines; the duplicate on line 1 counts once
        ("003", 1, 1),
    ]
    assert stats[0].severity == "ERROR"
    assert error_statistics_list(aar=2020, skjema="11CF") == []


def test_chart_says_the_tables_count_with_year_and_unclipped_deadline(intake):
    from mottak.views.ssb_chart import WIDTH, intake_chart_svg

    f11 = _form(intake_get(aar=2020, on=date(2021, 1, 20)), "11F")
    svg = str(
        intake_chart_svg(
            days=f11.days,
            deadline=date(2021, 4, 29),
            total=f11.obligated,
            title="t",
            chart_id="c",
            on=date(2021, 1, 20),
        )
    )
    assert f"{f11.delivered} av {f11.obligated} kommuner" in svg
    assert "04.01.2021" in svg  # the year is on the axis
    label = svg[svg.index('class="deadline-label"') - 60 :]
    assert 'text-anchor="end"' in label  # near the right edge: drawn left of the line
    x = float(label.split('x="')[1].split('"')[0])
    assert x <= WIDTH


def test_file_form_without_deliveries_is_not_called_an_eform(intake, client, staff):
    forms = {f.skjema: f for f in intake_get(aar=2020, on=date(2021, 1, 3))}
    assert not forms["11F"].eform and forms["7"].eform
    client.force_login(staff)
    html = client.get("/ssb/inntak/2020/?dato=2021-01-03").content.decode()
    section = html[html.index('id="h-11F"') :].split("</section>")[0]
    assert "e-skjema" not in section
