"""With JavaScript off the upload page cannot send the file: it says that encryption in the
browser needs JavaScript, links kostra_krypter.py, and no request carries the file's bytes -
not even when the submit button is forced on, because the file input has no name.

Needs Debian's Chromium (/usr/bin/chromium).
"""

import pytest

from mottak.models import Delivery
from tests.browser import needs_chromium
from tests.delivery_fixtures import *  # noqa: F403

pytestmark = [pytest.mark.browser, needs_chromium]

MARKER = b"PLAINTEXT-12087949328-MARKER"


def _nojs_page(browser, live_server, requests: list):
    context = browser.new_context(java_script_enabled=False, locale="nb-NO")
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request))
    page.goto(f"{live_server.url}/logg-inn/")
    page.fill("#id_username", "kari")
    page.fill("#id_password", "passord")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/logg-inn/" not in url)
    return page


def _bodies(requests) -> list[bytes]:
    return [r.post_data_buffer or b"" for r in requests if r.method == "POST"]


@pytest.mark.django_db(transaction=True)
def test_without_javascript_no_request_carries_the_file(
    live_server, browser, kontakt_bergen, portal_keys, media_root, tmp_path
):
    path = tmp_path / "uttrekk.txt"
    path.write_bytes(MARKER * 100)
    requests: list = []
    page = _nojs_page(browser, live_server, requests)
    page.goto(f"{live_server.url}/levering/last-opp/?aar=2020")

    notice = page.locator("#needs-javascript")
    assert notice.is_visible()
    assert "trenger JavaScript" in notice.inner_text()
    assert notice.locator("a").get_attribute("href") == "/krypter/kostra_krypter.py"
    assert page.get_attribute("#file", "name") is None
    assert page.locator("#upload-form button[type=submit]").is_disabled()

    page.set_input_files("#file", str(path))
    page.press("#aar", "Enter")  # implicit submission: blocked by the disabled button
    page.wait_for_load_state()
    assert all(MARKER not in body for body in _bodies(requests))
    assert not Delivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_forced_native_submit_sends_no_file(
    live_server, browser, kontakt_bergen, portal_keys, media_root, tmp_path
):
    path = tmp_path / "uttrekk.txt"
    path.write_bytes(MARKER * 100)
    requests: list = []
    page = _nojs_page(browser, live_server, requests)

    def enable_button(route):
        html = route.fetch().text().replace(' class="primary" disabled>', ' class="primary">')
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route("**/levering/last-opp/?aar=2020", enable_button)
    page.goto(f"{live_server.url}/levering/last-opp/?aar=2020")
    page.set_input_files("#file", str(path))
    page.check("#check_only")
    page.click("#upload-form button[type=submit]")
    page.wait_for_load_state()

    posts = _bodies(requests)
    assert posts, "the forced submit posted the form"
    assert all(MARKER not in body for body in posts)
    assert "Velg en fil." in page.locator(".messages").inner_text()
    assert not Delivery.objects.exists()
