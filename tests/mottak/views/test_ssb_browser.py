"""Browser test of SSB's side: overview, filter, kommune page, a feedback list answered by the
kommune and seen returned by staff; axe-core finds no serious or critical violations.

Needs Debian's Chromium and axe-core (see tests/browser.py).
"""

import pytest
from playwright.sync_api import expect

from tests.browser import axe_serious, login, needs_axe, needs_chromium, screenshot
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import kommuner_2020, round_2020_std  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]


def _login(browser, live_server, username):
    return login(browser, live_server, username)


def _axe_serious(page) -> list[str]:
    return axe_serious(page)


def _shot(page, name):
    screenshot(page, name)


@pytest.fixture
def demo_2020(kommuner_2020, round_2020_std, tmp_keys, media_root, staff):  # noqa: F811
    """The demo deliveries of `manage.py demo_data`, over ten kommuner; Halden (3001) has an
    11F accepted with warnings, and Hanne is its KOSTRA contact."""
    from mottak.services.ssb_demo import ssb_demo_deliveries_create
    from tests.factories import UserFactory

    ssb_demo_deliveries_create(now=oslo(2021, 2, 1))
    return UserFactory(username="hanne", kommune_nr="3001", role="kontakt")


STAFF_PAGES = [
    "/ssb/feil/2020/11F/",
    "/ssb/nav/2020/",
    "/ssb/feillister/",
    "/ssb/revisjonslogg/",
    "/ssb/uttrekk/",
]


@pytest.mark.django_db(transaction=True)
def test_staff_follow_up_a_kommune_with_a_feedback_list(browser, live_server, demo_2020):
    siri = _login(browser, live_server, "siri")
    siri.goto(f"{live_server.url}/ssb/oversikt/2020/")
    expect(siri.get_by_role("heading", name="Leveranser for statistikkåret 2020")).to_be_visible()
    grid = siri.locator("table.overview")
    assert grid.get_by_text("Deler mangler").first.is_visible()  # Trondheim's parts
    assert grid.get_by_text("Ingen deltakere").first.is_visible()
    assert grid.get_by_text("Godkjent (adv.)").first.is_visible()
    _shot(siri, "ssb-overview-2020.png")
    assert _axe_serious(siri) == []

    siri.select_option("#id_fylke", "Viken")
    siri.get_by_role("button", name="Vis").click()
    assert siri.locator("table.overview tbody tr").count() == 2  # Halden and Moss
    assert siri.get_by_role("link", name="5001 Trondheim").count() == 0

    siri.get_by_role("link", name="3001 Halden").click()
    expect(siri.get_by_role("heading", name="3001 Halden – 2020")).to_be_visible()
    assert _axe_serious(siri) == []
    form = siri.locator("form", has_text="Lag feilliste for 11F")
    assert form.locator("input[type=checkbox]:checked").count() == 0  # nothing pre-ticked
    form.locator("input[name=rule]").first.check()  # one question for the whole rule
    warnings = 1
    form.locator("input[name=title]").fill("Spørsmål om 11F")
    form.locator("textarea[name=questions]").fill("Hvorfor flere mottakere enn i fjor?")
    form.get_by_role("button", name="Lag feilliste for 11F").click()
    siri.get_by_role("button", name="Send til kommunen").click()
    assert siri.locator(".feedback-state").inner_text() == "Sendt"
    list_url = siri.url

    hanne = _login(browser, live_server, "hanne")
    hanne.get_by_role("link", name="Spørsmål fra SSB").click()
    hanne.get_by_role("link", name="Spørsmål om 11F").click()
    assert _axe_serious(hanne) == []
    items = hanne.locator("ol.feedback-items > li")
    assert items.count() == warnings + 1
    for i in range(items.count()):
        item = items.nth(i)
        if i == 0:
            item.get_by_label("Verdien er riktig").check()
            item.get_by_label("Forklaring").fill("Vedtak om forlenget stønad.")
        else:
            item.get_by_label("Rettes i en ny levering").check()
    hanne.get_by_role("button", name="Send svarene til SSB").click()
    assert hanne.get_by_text("Svarene er sendt til SSB. Takk!").is_visible()

    siri.goto(f"{live_server.url}/ssb/feillister/")
    assert siri.get_by_role("cell", name="Besvart").is_visible()
    siri.goto(list_url)
    assert siri.locator(".feedback-state").inner_text() == "Besvart"
    assert siri.get_by_text("Vedtak om forlenget stønad.").is_visible()
    assert _axe_serious(siri) == []

    siri.goto(f"{live_server.url}/ssb/inntak/2020/?dato=2021-01-25")
    assert siri.locator("svg.chart").count() == 2  # 11F and 11CF; no e-form deliveries yet
    _shot(siri, "ssb-intake-2020.png")
    assert _axe_serious(siri) == []
    for url in STAFF_PAGES:
        siri.goto(f"{live_server.url}{url}")
        assert _axe_serious(siri) == [], url


@pytest.mark.django_db(transaction=True)
def test_overview_matrix_scrolls_in_its_box_without_stretching_the_page(
    browser, live_server, demo_2020
):
    # A low window, so the ten kommuner's matrix is taller than its scroll box (as 356 are at
    # any window size). The cells' visually hidden texts must stay inside the box: before,
    # they stretched the page by the matrix's full height (9,113 px of mostly blank page for
    # 2020's 356 kommuner at 1440 x 900).
    siri = login(browser, live_server, "siri", viewport={"width": 1440, "height": 200})
    siri.goto(f"{live_server.url}/ssb/oversikt/2020/")
    box = siri.locator(".overview-scroll")
    assert box.evaluate("b => b.scrollHeight > b.clientHeight")
    escaped = box.evaluate(
        "b => [...b.querySelectorAll('.sr-only')].filter(s => !b.contains(s.offsetParent)).length"
    )
    assert box.locator(".sr-only").count() > 0 and escaped == 0
    page_end = siri.evaluate(
        "document.querySelector('footer').getBoundingClientRect().bottom + window.scrollY"
    )
    assert siri.evaluate("document.documentElement.scrollHeight") <= page_end + 1
