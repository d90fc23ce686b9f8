"""Shared pieces of the browser tests: Debian's Chromium through Playwright, login, axe-core.

Chromium: /usr/bin/chromium (Debian's package; Playwright's own browser download does not work
here). axe-core: AXE_CORE_JS, or the copy `make test` installs under .cache/axe. Screenshots
are written to SCREENSHOTS_DIR when it is set (outside the repository).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(
    os.environ.get(
        "AXE_CORE_JS",
        Path(__file__).resolve().parents[1] / ".cache/axe/node_modules/axe-core/axe.min.js",
    )
)
SCREENS = os.environ.get("SCREENSHOTS_DIR", "")

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's Chromium is not installed (apt-get install chromium)"
)
needs_axe = pytest.mark.skipif(
    not AXE.exists(), reason=f"axe-core not found at {AXE} (set AXE_CORE_JS or run make test)"
)


def launch_browser():
    """Yield a headless Chromium; used by the `browser` fixture in conftest.py."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking"],
            headless=True,
        )
        yield browser
        browser.close()


def login(browser, live_server, username: str, password: str = "passord", *, viewport=None):
    """Log in through the login form in a new context; return the page after the redirect."""
    context = browser.new_context(
        viewport=viewport or {"width": 1400, "height": 1000}, locale="nb-NO"
    )
    context.set_default_timeout(120_000)  # a loaded CI machine is slow, not broken
    page = context.new_page()
    page.goto(f"{live_server.url}/logg-inn/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/logg-inn/" not in url)
    return page


def axe_serious(page) -> list[str]:
    """Serious or critical axe-core violations on the current page."""
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
    # not apply to (add_script_tag inserts an inline script, which the policy blocks).
    page.evaluate("() => {" + AXE.read_text() + "\n}")
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str) -> None:
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENS) / name), full_page=True)
