"""Browser test of the municipality's path: log in, select a generated 11F 2020 file, watch it
being encrypted and uploaded, see the verdict appear without reloading (a real RQ worker runs
in a thread while the page polls), open the report and download the CSV.

Needs Debian's Chromium (/usr/bin/chromium).
"""

import csv
import io
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from rq import SimpleWorker
from rq.timeouts import TimerDeathPenalty

from mottak.models import Delivery
from mottak.services.calendar import deadline_exception_grant, reporting_round_create_standard
from tests.browser import AXE, axe_serious, needs_chromium, screenshot
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import kontroll_available

pytestmark = [
    pytest.mark.browser,
    pytest.mark.redis_queue,
    needs_chromium,
    pytest.mark.skipif(not kontroll_available(), reason="kontroll.run_control is not merged"),
]

# Records the upload form's phases in sessionStorage, so the test can read them after the
# page has moved on to the receipt.
RECORD_PHASES = """
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("upload-progress");
  if (!box) return;
  const log = () => {
    const seen = JSON.parse(sessionStorage.getItem("phases") || "[]");
    const text = document.getElementById("upload-phase").textContent;
    if (!box.hidden && seen[seen.length - 1] !== text) {
      seen.push(text);
      sessionStorage.setItem("phases", JSON.stringify(seen));
    }
  };
  new MutationObserver(log).observe(box, {attributes: true, childList: true, subtree: true,
                                           characterData: true});
});
"""


def check_page(page, name: str) -> None:
    """Screenshot (when asked for) and axe-core: no serious or critical violations."""
    screenshot(page, f"{name}.png")
    if AXE.exists():
        assert axe_serious(page) == [], name


class ThreadWorker(SimpleWorker):
    """A real RQ worker that can run outside the main thread (no signals there: the job
    timeout uses a timer instead of SIGALRM)."""

    death_penalty_class = TimerDeathPenalty

    def _install_signal_handlers(self):
        pass


@pytest.fixture
def worker(queue):
    """Starts a worker thread on demand; it works the queue until the test ends."""
    stop = threading.Event()
    threads = []

    def loop():
        from django.db import connections

        try:
            while not stop.is_set():
                ThreadWorker([queue], connection=queue.connection).work(burst=True)
                stop.wait(0.2)
        finally:
            connections.close_all()  # this thread's connection, so the test DB can be dropped

    def start():
        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        threads.append(thread)

    yield start
    stop.set()
    for thread in threads:
        thread.join(timeout=30)


@pytest.fixture
def open_round(transactional_db, kontakt_bergen, staff):
    reporting_round_create_standard(aar=2020)
    now = timezone.now()
    deadline_exception_grant(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        expires_at=now + timedelta(days=1),
        reason="test",
        granted_by=staff,
        now=now,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "mode, verdict, label", [("valid", "accepted", "Godkjent"), ("random", "rejected", "Avvist")]
)
def test_kommune_user_uploads_in_browser_and_sees_verdict_without_reload(
    live_server,
    browser,
    worker,
    open_round,
    portal_keys,
    media_root,
    tmp_path,
    mode,
    verdict,
    label,
):
    import kontroll
    from kontroll import samples

    plaintext = samples.generate_file("11F", 2020, "4601", n=60, seed=11, mode=mode)
    path = tmp_path / "sosialhjelp_2020.txt"
    path.write_bytes(plaintext)

    context = browser.new_context(accept_downloads=True, locale="nb-NO")
    context.add_init_script(RECORD_PHASES)
    page = context.new_page()
    page.goto(f"{live_server.url}/logg-inn/")
    page.fill("#id_username", "kari")
    page.fill("#id_password", "passord")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/levering/")

    posted = []
    page.route(
        "**/levering/last-opp/",
        lambda route: (posted.append(route.request.post_data_buffer), route.continue_()),
    )
    page.goto(f"{live_server.url}/levering/last-opp/?aar=2020")
    check_page(page, f"upload-{mode}")
    page.select_option("#skjema", "11F")
    page.select_option("#aar", "2020")
    page.set_input_files("#file", str(path))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/levering/*/")

    # What left the browser was the envelope, never the plaintext.
    [body] = [b for b in posted if b]
    assert plaintext[:200] not in body and b"KOSTRA-ENVELOPE\n" in body
    phases = page.evaluate("JSON.parse(sessionStorage.getItem('phases') || '[]')")
    assert phases[:2] == ["Krypterer …", "Laster opp …"]
    delivery = Delivery.objects.get()
    stored = delivery.ciphertext.open("rb").read()
    assert stored.startswith(b"KOSTRA-ENVELOPE\n") and plaintext[:200] not in stored

    # No verdict yet: nothing works the queue until the worker starts.
    assert page.get_attribute("#verdict-state", "data-state") == "received"
    assert page.is_hidden("#report-links")
    page.evaluate("window.notReloaded = true")
    worker()
    page.wait_for_selector(f'#verdict-state[data-state="{verdict}"]', timeout=60_000)
    assert page.evaluate("window.notReloaded") is True
    assert page.inner_text("#verdict-state").startswith(label)
    assert page.is_visible("#report-links")
    check_page(page, f"delivery-{mode}")

    with page.expect_download() as download_info:
        page.click("#csv-link")
    rows = list(
        csv.reader(
            io.StringIO(Path(download_info.value.path()).read_text("utf-8-sig")), delimiter=";"
        )
    )
    expected = kontroll.run_control(skjema="11F", aar=2020, data=plaintext, kommune="4601")
    assert len(rows) - 1 == len(expected.findings)

    page.click("#report-link")
    page.wait_for_url(f"{live_server.url}/levering/{delivery.pk}/rapport/")
    assert "Kontrollrapport" in page.inner_text("h1")
    check_page(page, f"report-{mode}")
    assert page.locator("#findings tbody tr.finding").count() == min(50, len(expected.findings))
    page.goto(f"{live_server.url}/levering/?aar=2020")
    assert page.get_attribute("tr:has(th:text-is('11F')) .badge", "data-state") == verdict
    check_page(page, f"status-{mode}")
    context.close()
