"""Browser test: the municipality finds its deadlines and reminders from the menu.

Needs Debian's Chromium (/usr/bin/chromium). When axe-core is available (AXE_CORE_JS or
/work/axe/node_modules/axe-core/axe.min.js) the page is also checked for serious or critical
accessibility violations. Screenshots go to M5_SCREENSHOTS_DIR when set.
"""

import os
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from mottak.models import Reminder
from mottak.services.calendar import calendar_demo_create

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(os.environ.get("AXE_CORE_JS", "/work/axe/node_modules/axe-core/axe.min.js"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed"),
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


def test_kommune_user_reaches_deadlines_and_reminders_from_the_menu(
    browser, live_server, kontakt_bergen
):
    calendar_demo_create(now=timezone.now())
    Reminder.objects.create(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        kind="overdue",
        deadline_on=date(2021, 1, 15),
        sent_on=date(2021, 1, 16),
        sent_at=timezone.make_aware(timezone.datetime(2021, 1, 16, 8, 5)),
        recipients=["postmottak@4601.kommune.test"],
    )
    page = browser.new_context(locale="nb-NO").new_page()
    page.goto(f"{live_server.url}/logg-inn/")
    page.fill("#id_username", "kari")
    page.fill("#id_password", "passord")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="Frister og påminnelser").click()
    page.wait_for_url(f"{live_server.url}/paminnelser/")
    assert page.get_by_role("heading", level=1).inner_text() == "Frister og påminnelser"
    deadlines = page.locator("section[aria-labelledby=frister] table").inner_text()
    assert "15. januar 2021" in deadlines
    assert "Unntak fra SSB: åpent til" in deadlines
    sent = page.locator("section[aria-labelledby=paminnelser] table").inner_text()
    assert "postmottak@4601.kommune.test" in sent
    assert "Etter frist" in sent

    if os.environ.get("M5_SCREENSHOTS_DIR"):
        page.screenshot(path=str(Path(os.environ["M5_SCREENSHOTS_DIR"]) / "paminnelser.png"))
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document)")
        serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
