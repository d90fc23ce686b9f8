"""The kommune's pages in a real browser: reflow at 320 px (WCAG 1.4.10: no sideways
scrolling), axe-core without serious or critical violations at 1280 and 320 px, and what a
user sees of the delivery that counts, the year's reception, parts, "ingen deltakere", wrong
files and the size limit.

Needs Debian's Chromium; axe-core from AXE_CORE_JS or .cache/axe (skipped without it).
Screenshots go to SCREENSHOTS_DIR when set.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mottak.models import Delivery
from mottak.services import deliveries as svc
from mottak.services.calendar import deadline_exception_grant, reporting_round_create_standard
from tests.browser import AXE, axe_serious, login, needs_chromium, screenshot
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import envelope, kontroll_available, upload

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
    pytest.mark.skipif(not kontroll_available(), reason="kontroll.run_control is not merged"),
]

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}


@pytest.fixture
def bergen(transactional_db, kontakt_bergen, staff, portal_keys, media_root, reference_data):
    """Bergen 2020, open through an exception: an accepted file, then a rejected one, and an
    11CF file delivered as 11F."""
    from kontroll import samples

    reporting_round_create_standard(aar=2020)
    reporting_round_create_standard(aar=2026)
    now = timezone.now()
    for skjema in ("11F", "11CF"):
        deadline_exception_grant(
            kommune_nr="4601", skjema=skjema, aar=2020, expires_at=now + timedelta(days=2),
            reason="test", granted_by=staff, now=now,
        )  # fmt: skip

    def deliver(data, at, skjema="11F"):
        d = svc.submission_create(
            user=kontakt_bergen, kommune_nr="4601", skjema="11F", aar=2020,
            file=upload(envelope(portal_keys, data)), now=at, enqueue=False,
        )  # fmt: skip
        svc.submission_run_control(delivery_id=d.pk, now=at)
        d.refresh_from_db()
        return d

    good = deliver(samples.generate_file("11F", 2020, "4601", n=20, seed=2), now - timedelta(2))
    bad = deliver(
        samples.generate_file("11F", 2020, "4601", n=80, seed=5, mode="random"),
        now - timedelta(days=1),
    )
    wrong = deliver(samples.generate_file("11CF", 2020, "4601", n=30, seed=1), now)
    return {"good": good, "bad": bad, "wrong": wrong}


def overflow(page) -> int:
    """How far the page scrolls sideways (0 when it reflows)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def pages(bergen) -> dict[str, str]:
    return {
        "status": "/levering/?aar=2020",
        "upload": "/levering/last-opp/?aar=2020",
        "delivery": f"/levering/{bergen['bad'].pk}/",
        "report": f"/levering/{bergen['bad'].pk}/rapport/",
        "report-wrong-file": f"/levering/{bergen['wrong'].pk}/rapport/",
        "users": "/brukere/",
        "profile": "/profil/",
        "keys": "/nokler/",
        "api": "/api/",
        "reminders": reverse("mottak:reminders"),
        "feedback": reverse("mottak:feedback_lists"),
    }


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "320"])
def test_kommune_pages_reflow_and_pass_axe(live_server, browser, bergen, viewport):
    page = login(browser, live_server, "kari", viewport=viewport)
    problems = {}
    for name, url in pages(bergen).items():
        page.goto(live_server.url + url)
        screenshot(page, f"{name}-{viewport['width']}.png")
        if viewport is NARROW and overflow(page) > 0:
            problems[name] = f"scrolls sideways by {overflow(page)} px"
        if AXE.exists():
            found = axe_serious(page)
            if found:
                problems[f"{name} axe"] = found
    page.context.close()
    assert problems == {}


def test_user_sees_which_delivery_counts_and_the_reception_state(live_server, browser, bergen):
    page = login(browser, live_server, "kari", viewport=WIDE)
    page.goto(f"{live_server.url}/levering/{bergen['bad'].pk}/")
    assert "gjelder fortsatt" in page.inner_text("#effective-note")
    assert page.get_attribute("#verdict-state", "class") == "badge err"
    page.goto(f"{live_server.url}/levering/?aar=2020")
    marked = page.locator("tr[data-effective='1']")
    assert marked.count() == 1 and bergen["good"].receipt in marked.inner_text()
    # 2026 is not open yet: the page says when it opens, the year is a choice
    page.select_option("#aar", "2026")
    page.click("form.inline-form button[type=submit]")
    assert "åpner 4. januar 2027" in page.inner_text("#reception")
    page.goto(f"{live_server.url}/levering/last-opp/?aar=2020")
    assert page.is_hidden("#reception")
    page.select_option("#aar", "2026")
    assert page.is_visible("#reception") and "åpner" in page.inner_text("#reception")
    page.context.close()


def test_report_of_a_wrong_file_explains_it_once(live_server, browser, bergen):
    page = login(browser, live_server, "kari", viewport=WIDE)
    page.goto(f"{live_server.url}/levering/{bergen['wrong'].pk}/rapport/")
    assert page.locator("#diagnosis").count() == 1
    assert "Filen ser ut som skjema 11CF" in page.inner_text("#diagnosis")
    assert page.locator("tr.group[data-rule='001']").count() == 1
    page.emulate_media(media="print")
    assert page.is_hidden(".site-header") and page.is_hidden("#csv-link")
    page.context.close()


def test_too_large_file_is_refused_in_the_browser_with_the_limit(
    live_server, browser, bergen, settings, tmp_path
):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    big = tmp_path / "stor.txt"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    before = Delivery.objects.count()
    page = login(browser, live_server, "kari", viewport=WIDE)
    page.goto(f"{live_server.url}/levering/last-opp/?aar=2020")
    assert "Største tillatte størrelse er 1 MB." in page.inner_text("#file-limit")
    page.set_input_files("#file", str(big))
    page.click("#upload-form button[type=submit]")
    page.wait_for_function("document.getElementById('upload-error').textContent.length > 0")
    assert page.inner_text("#upload-error") == (
        "Filen er for stor. Største tillatte størrelse er 1 MB."
    )
    assert Delivery.objects.count() == before
    page.context.close()


def test_parts_and_no_participants_in_the_browser(live_server, browser, bergen):
    page = login(browser, live_server, "kari", viewport=WIDE)
    page.goto(f"{live_server.url}/levering/?aar=2020")
    page.select_option("#parts-skjema", "11CF")
    page.fill("#deler-felt", "nav, flyktning")
    page.click("section[aria-labelledby=deler] button[type=submit]")
    assert "11CF: meldt i deler: flyktning, nav" in page.inner_text("#declared-parts")
    page.check("#bekreft")
    page.click("section[aria-labelledby=ingen] button[type=submit]")
    assert "Kvitteringsnummer: E2020-4601-" in page.inner_text(".messages")
    assert "Erklæring: ingen deltakere" in page.inner_text("tr.declaration")
    page.context.close()
