"""The compact overview: worst first, "levert for sent", held in freeze, no round, and the
number of queries the page needs."""

from datetime import date

import pytest
from django.urls import reverse

from mottak.selectors.overview import overview_get
from tests.ssb_fixtures import (  # noqa: F401 - fixtures
    after_deadline,
    before_deadline,
    delivery_status,
    kommuner_2020,
    round_2020_std,
)

AFTER = date(2021, 1, 25)


@pytest.fixture
def season(kommuner_2020, round_2020_std, delivery_status):  # noqa: F811
    s = delivery_status
    s.put("0301", "11F", "parts_missing", received_at=before_deadline(), parts_missing=["03"])
    s.put("4601", "11F", "accepted", received_at=before_deadline(), records=120)
    s.put("4602", "11F", "accepted", received_at=after_deadline(), records=40)
    s.put("5001", "11F", "rejected", received_at=before_deadline(), records=300)
    s.put("1103", "11F", "held", received_at=after_deadline())
    return s


def test_worst_first_orders_by_the_given_form(season):
    rows = overview_get(aar=2020, today=AFTER, skjema="11F", sort="worst").rows
    numbers = [r.kommune.nummer for r in rows]
    not_delivered = [n for n in numbers if n not in ("0301", "4601", "4602", "5001", "1103")]
    assert numbers == [*not_delivered, "5001", "0301", "1103", "4602", "4601"]


def test_default_order_is_by_number(season):
    numbers = [r.kommune.nummer for r in overview_get(aar=2020, today=AFTER).rows]
    assert numbers == sorted(numbers)


def test_late_filter_keeps_only_kommuner_that_delivered_after_the_deadline(season):
    rows = overview_get(aar=2020, today=AFTER, late=True).rows
    assert [r.kommune.nummer for r in rows] == ["4602"]


def test_held_delivery_is_shown_as_held_but_exported_as_pending(season):
    rows = overview_get(aar=2020, today=AFTER, search="1103").rows
    cell = rows[0].cells[0]
    assert cell.held and cell.state == "pending"
    assert "frys" in str(cell.label)


def test_page_warns_when_the_year_has_no_round(client, staff, kommuner_2020):  # noqa: F811
    client.force_login(staff)
    html = client.get(reverse("mottak:ssb_overview", args=[2020])).content.decode()
    assert 'id="no-round"' in html


def test_page_has_filters_and_no_warning_with_a_round(client, staff, season):
    client.force_login(staff)
    html = client.get(reverse("mottak:ssb_overview", args=[2020]) + "?sent=on").content.decode()
    assert 'id="no-round"' not in html
    assert "4602 " in html and "4601 " not in html
    html = client.get(reverse("mottak:ssb_overview", args=[2020]) + "?q=1103").content.decode()
    assert "Holdt (frys)" in html


@pytest.mark.parametrize(
    "url",
    [
        "/ssb/oversikt/2020/",
        "/ssb/oversikt/2020/?skjema=7&sort=nummer",
        "/ssb/oversikt/2020.csv",
        "/ssb/inntak/2020/",
        "/ssb/kommune/2020/4601/",
        "/ssb/kommunenummer/",
    ],
)
def test_staff_pages_use_a_bounded_number_of_queries(
    client, staff, deliveries_for_queries, django_assert_max_num_queries, url
):
    client.force_login(staff)
    with django_assert_max_num_queries(60):
        assert client.get(url).status_code == 200


@pytest.fixture
def deliveries_for_queries(kommuner_2020, round_2020_std, staff):  # noqa: F811
    """Real deliveries in several states, so the query count covers M4's selectors."""
    from tests.ssb_fixtures import deliver

    for n, nr in enumerate(["0301", "4601", "4602", "5001", "1103", "1804"]):
        for skjema in ("11F", "11CF"):
            deliver(nr, skjema, ("accepted", "rejected")[n % 2], before_deadline(), records=5)
            deliver(nr, skjema, "accepted", after_deadline(), records=6)
