"""Browser test of SSB's side: overview, filter, kommune page, a feedback list answered by the
kommune and seen returned by staff; axe-core finds no serious or critical violations.

Needs Debian's Chromium (/usr/bin/chromium) and axe-core's axe.min.js: set AXE_CORE_JS, or
`npm install axe-core` into /work/axe (the default path below). Screenshots are written to
SSB_SCREENSHOTS_DIR when it is set (outside the repository).
"""

import os
from pathlib import Path

import pytest

from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import kommuner_2020, round_2020_std  # noqa: F401 - fixtures

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(
    os.environ.get(
        "AXE_CORE_JS",
        Path(__file__).resolve().parents[3] / ".cache/axe/node_modules/axe-core/axe.min.js",
    )
)
SCREENS = os.environ.get("SSB_SCREENSHOTS_DIR", "")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason=f"axe-core not found at {AXE} (AXE_CORE_JS)"),
]


@pytest.fixture
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking"],
            headless=True,
        )
        yield b
        b.close()


def _login(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nb-NO")
    context.set_default_timeout(120_000)  # a loaded CI machine is slow, not broken
    page = context.new_page()
    page.goto(f"{live_server.url}/logg-inn/")
    page.fill("#id_username", username)
    page.fill("#id_password", "passord")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def _axe_serious(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _shot(page, name):
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENS) / name), full_page=True)


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
    assert siri.get_by_role("heading", name="Leveranser for statistikkåret 2020").is_visible()
    grid = siri.locator("table.overview")
    assert grid.get_by_text("Deler mangler").first.is_visible()  # Trondheim's parts
    assert grid.get_by_text("Ingen deltakere").first.is_visible()
    assert grid.get_by_text("Godkjent med advarsler").first.is_visible()
    _shot(siri, "ssb-overview-2020.png")
    assert _axe_serious(siri) == []

    siri.select_option("#id_fylke", "Viken")
    siri.get_by_role("button", name="Vis").click()
    assert siri.locator("table.overview tbody tr").count() == 2  # Halden and Moss
    assert siri.get_by_role("link", name="5001 Trondheim").count() == 0

    siri.get_by_role("link", name="3001 Halden").click()
    assert siri.get_by_role("heading", name="3001 Halden – 2020").is_visible()
    assert _axe_serious(siri) == []
    form = siri.locator("form", has_text="Lag feilliste for 11F")
    warnings = form.locator("input[name=finding]:checked").count()
    assert warnings >= 1  # the warnings of the latest delivery are chosen by default
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
