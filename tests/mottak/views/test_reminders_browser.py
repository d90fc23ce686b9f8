"""Browser test: the municipality finds its deadlines and reminders from the menu.

Needs Debian's Chromium; with axe-core present the page is also checked for serious or
critical accessibility violations (see tests/browser.py).
"""

from datetime import date

import pytest
from django.utils import timezone

from mottak.models import Reminder
from mottak.services.calendar import calendar_demo_create
from tests.browser import AXE, axe_serious, login, needs_chromium, screenshot

pytestmark = [pytest.mark.browser, needs_chromium]


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
    page = login(browser, live_server, "kari")

    page.get_by_role("link", name="Frister og påminnelser").click()
    page.wait_for_url(f"{live_server.url}/paminnelser/")
    assert page.get_by_role("heading", level=1).inner_text() == "Frister og påminnelser"
    deadlines = page.locator("section[aria-labelledby=frister] table").inner_text()
    assert "15. januar 2021" in deadlines
    assert "Unntak fra SSB: åpent til" in deadlines
    sent = page.locator("section[aria-labelledby=paminnelser] table").inner_text()
    assert "postmottak@4601.kommune.test" in sent
    assert "Etter frist" in sent

    screenshot(page, "paminnelser.png")
    if AXE.exists():
        assert axe_serious(page) == []
