"""Browser tests of what a user sees of their account: the forced change of a temporary
password, "Glemt passord", the API key shown once, the lockout page. axe-core checks each
page for serious or critical violations when present (tests/browser.py)."""

import re

import pytest
from django.core import mail

from mottak.models import User
from tests.browser import AXE, axe_serious, login, needs_chromium, screenshot

pytestmark = [pytest.mark.browser, needs_chromium]

NEW = "et-helt-nytt-langt-passord-42"


def _axe(page):
    if AXE.exists():
        assert axe_serious(page) == []


def test_temporary_password_is_changed_at_first_login(browser, live_server, db):
    nora = User.objects.create_user(
        "nora", password="et-langt-passord-123", kommune_nr="4601", role="nav"
    )
    nora.must_change_password = True
    nora.save()
    page = login(browser, live_server, "nora", "et-langt-passord-123")
    page.wait_for_url(re.compile(r"/passord/endre/"))
    assert "Passordet ditt er midlertidig" in page.content()
    _axe(page)
    screenshot(page, "bytt-passord.png")
    page.fill("#id_old_password", "et-langt-passord-123")
    page.fill("#id_new_password1", NEW)
    page.fill("#id_new_password2", NEW)
    page.get_by_role("button", name="Bytt passord").click()
    page.wait_for_url(re.compile(r"/passord/endret/"))
    page.goto(f"{live_server.url}/levering/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert "/passord/" not in page.url


def test_forgotten_password_from_the_login_page(browser, live_server, kontakt_bergen):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(f"{live_server.url}/logg-inn/")
    page.get_by_role("link", name="Glemt passord?").click()
    page.fill("#id_email", kontakt_bergen.email)
    page.get_by_role("button", name="Send lenke").click()
    page.wait_for_url(re.compile(r"/passord/glemt/sendt/"))
    assert "Sjekk e-posten din" in page.content()
    link = re.search(r"(https?://\S+/passord/nytt/\S+/)", mail.outbox[0].body).group(1)
    page.goto(link.replace("http://testserver", live_server.url))
    page.fill("#id_new_password1", NEW)
    page.fill("#id_new_password2", NEW)
    _axe(page)
    page.get_by_role("button", name="Lagre passordet").click()
    page.wait_for_url(re.compile(r"/passord/nytt/ferdig/"))
    kontakt_bergen.refresh_from_db()
    assert kontakt_bergen.check_password(NEW)


def test_api_key_is_shown_once_and_a_reload_makes_no_new_key(browser, live_server, kontakt_bergen):
    page = login(browser, live_server, "kari")
    page.goto(f"{live_server.url}/profil/")
    page.get_by_role("button", name="Lag ny API-nøkkel").click()
    key = page.locator("#new-token").inner_text()
    assert re.fullmatch(r"[0-9a-f]{40}", key)
    assert "Authorization: Token" in page.content()
    _axe(page)
    screenshot(page, "api-nokkel.png")
    page.reload()
    assert page.locator("#new-token").count() == 0
    assert "erstatter den gamle" in page.content()
    assert kontakt_bergen.api_key.prefix == key[:8]


def test_lockout_page_says_how_long(browser, live_server, kontakt_bergen, settings):
    settings.AXES_FAILURE_LIMIT = 2
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    for _ in range(3):
        page.goto(f"{live_server.url}/logg-inn/")
        page.fill("#id_username", "kari")
        page.fill("#id_password", "feil")
        page.click("button[type=submit]")
    assert "Innloggingen er sperret" in page.content()
    assert "Prøv igjen om 30 minutter." in page.content()
    _axe(page)
