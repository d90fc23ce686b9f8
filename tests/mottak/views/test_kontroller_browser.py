"""Browser tests of the in-browser check: /kontroller/ runs kontroll in Pyodide in a Web Worker.

For generated files of both skjema and several years, the page's #kontroll-resultat must hold
exactly what `python -m kontroll --format json` prints for the same file and options, and no
request made by the page (or its worker) may carry any part of the file. Pyodide loads once per
browser page: every file is checked in the same page, as a caseworker would.

Needs Debian's Chromium, Pyodide (`make pyodide`) and the checker's archive (`make checker`).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.csp import build_policy

from kontroll.samples import generate_file
from mottak.views.kontroller import page_csp
from tests.browser import AXE, axe_serious, launch_browser, needs_chromium, screenshot
from tests.delivery_fixtures import *  # noqa: F403

ROOT = Path(__file__).resolve().parents[3]
PYODIDE = ROOT / ".cache" / "pyodide" / settings.PYODIDE_VERSION / "pyodide.mjs"
ARCHIVE = ROOT / "build" / "kostra_kontroll.pyz"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    needs_chromium,
    pytest.mark.skipif(not PYODIDE.exists(), reason="Pyodide is not installed (make pyodide)"),
    pytest.mark.skipif(not ARCHIVE.exists(), reason="the checker is not built (make checker)"),
]

# (skjema, aar, kommune, bydel, ingen_deltakere, generator mode, records)
CASES = [
    ("11F", 2020, "4601", "", False, "random", 120),
    ("11F", 2023, "0301", "04", False, "valid", 60),
    ("11F", 2026, "4601", "", False, "random", 150),
    ("11CF", 2021, "4601", "", False, "random", 80),
    ("11CF", 2026, "0301", "12", False, "valid", 40),
    ("11CF", 2024, "4601", "", True, "valid", 10),
]


def command_line(tmp_path: Path, data: bytes, options: list[str]) -> subprocess.CompletedProcess:
    """The standalone checker on the same bytes, as a caseworker would run it."""
    path = tmp_path / "fil.txt"
    path.write_bytes(data)
    return subprocess.run(
        [sys.executable, "-m", "kontroll", str(path), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def cli_options(skjema, aar, kommune, bydel, ingen) -> list[str]:
    options = ["--skjema", skjema, "--aar", str(aar), "--kommune", kommune, "--format", "json"]
    if bydel:
        options += ["--bydel", bydel]
    if ingen:
        options.append("--ingen-deltakere")
    return options


class RequestLog:
    """Every request the page and its worker make, with URL and body."""

    def __init__(self, page):
        self.requests = []
        page.context.on("request", lambda request: self.requests.append(request))

    def carrying(self, data: bytes) -> list[str]:
        """Requests whose URL or body holds any 32-byte piece of ``data``."""
        pieces = {data[i : i + 32] for i in range(0, max(len(data) - 32, 1), 16)}
        found = []
        for request in self.requests:
            body = request.post_data_buffer or b""
            url = request.url.encode("latin-1", "replace")
            if any(p in body or p in url for p in pieces):
                found.append(f"{request.method} {request.url}")
        return found


@pytest.fixture(scope="module")
def module_browser():
    yield from launch_browser()


@pytest.fixture
def kontroller_page(module_browser, live_server):
    """/kontroller/ in a fresh context, served with the page's own CSP as the site will."""
    context = module_browser.new_context(locale="nb-NO")
    context.set_default_timeout(180_000)
    page = context.new_page()
    log = RequestLog(page)
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )

    def with_csp(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": build_policy(page_csp())}
        route.fulfill(response=response, headers=headers)

    page.route("**/kontroller/", with_csp)
    page.goto(f"{live_server.url}/kontroller/")
    page.wait_for_selector("#kontroll-form[data-ready='1']")
    yield page, log, violations
    context.close()


def check(page, *, skjema, aar, kommune, bydel, ingen, data: bytes) -> None:
    """Fill in the form, choose the bytes as the file, press Kontroller, wait for the result."""
    done = page.eval_on_selector("#kontroll-rapport", "e => Number(e.dataset.done || 0)")
    page.select_option("[name=skjema]", skjema)
    page.select_option("[name=aar]", str(aar))
    page.fill("[name=kommune]", kommune)
    page.fill("[name=bydel]", bydel)
    page.set_checked("[name=ingen_deltakere]", ingen)
    page.set_input_files(
        "input[type=file]", {"name": "uttrekk.txt", "mimeType": "text/plain", "buffer": data}
    )
    page.click("button[type=submit]")
    page.wait_for_function(
        "([done]) => Number(document.getElementById('kontroll-rapport').dataset.done || 0) > done"
        " || document.getElementById('kontroll-error').textContent !== ''",
        arg=[done],
    )


def test_result_equals_the_command_line_checker_and_nothing_leaves_the_page(
    kontroller_page, tmp_path
):
    page, log, violations = kontroller_page
    sent = []
    for n, (skjema, aar, kommune, bydel, ingen, mode, records) in enumerate(CASES):
        data = generate_file(skjema, aar, kommune, bydel or None, n=records, seed=n, mode=mode)
        sent.append(data)
        check(page, skjema=skjema, aar=aar, kommune=kommune, bydel=bydel, ingen=ingen, data=data)
        expected = command_line(tmp_path, data, cli_options(skjema, aar, kommune, bydel, ingen))
        assert page.inner_text("#kontroll-error") == "", (skjema, aar)
        shown = page.eval_on_selector("#kontroll-resultat", "e => e.textContent")
        assert shown == expected.stdout, (skjema, aar, mode)
        report = json.loads(shown)
        verdict = page.get_attribute("#kontroll-verdict", "data-accepted")
        assert verdict == ("true" if report["accepted"] else "false")
        assert (expected.returncode == 0) == report["accepted"]
        # The report lists every rule of kontroll's summary with its count.
        for rule, summary in report["summary"].items():
            row = page.locator("#kontroll-rapport table.counts tr", has_text=rule).first
            assert str(summary["count"]) in row.inner_text()

    urls = [r.url for r in log.requests]
    assert any(u.endswith("/pyodide.asm.wasm") for u in urls), "the worker's requests are seen"
    assert any("kostra_kontroll" in u for u in urls)
    assert {r.method for r in log.requests} == {"GET"}
    for data in sent:
        assert log.carrying(data) == []
    assert violations == []


def test_findings_filter_and_csv_download(kontroller_page, tmp_path):
    page, log, _ = kontroller_page
    data = generate_file("11F", 2024, "4601", n=100, seed=7, mode="random")
    check(page, skjema="11F", aar=2024, kommune="4601", bydel="", ingen=False, data=data)
    report = json.loads(page.eval_on_selector("#kontroll-resultat", "e => e.textContent"))
    errors = [f for f in report["findings"] if f["severity"] == "ERROR"]
    assert errors, "a random file has errors"
    page.select_option("#kontroll-alvorlighet", "ERROR")
    rows = page.locator("#kontroll-findings tbody tr")
    assert rows.count() == min(len(errors), 1000)
    rule = errors[0]["rule"]
    page.select_option("#kontroll-kontroll", rule)
    assert rows.count() == len([f for f in errors if f["rule"] == rule])

    # The CSV is the checker's own --format csv of the same bytes (the portal report's columns).
    with page.expect_download() as download:
        page.click("#kontroll-csv")
    downloaded = Path(download.value.path()).read_bytes()
    options = cli_options("11F", 2024, "4601", "", False)
    options[options.index("json")] = "csv"
    path = tmp_path / "csv-fil.txt"
    path.write_bytes(data)
    expected = subprocess.run(
        [sys.executable, "-m", "kontroll", str(path), *options], cwd=ROOT, capture_output=True,
        check=False,
    ).stdout  # fmt: skip
    assert downloaded == expected
    lines = downloaded.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:2] == ["Kontroll", "Alvorlighet"]
    assert len(lines) == 2 + len(report["findings"])  # header, findings, the final CRLF
    assert {line.split(";")[1] for line in lines[1:-1]} <= {"Kritisk feil", "Feil", "Advarsel"}

    # The standalone checker's own HTML report, made in the browser from the same bytes.
    with page.expect_download() as download:
        page.click("#kontroll-html")
    html = Path(download.value.path()).read_text(encoding="utf-8")
    options = cli_options("11F", 2024, "4601", "", False)
    options[options.index("json")] = "html"
    assert html == command_line(tmp_path, data, options).stdout
    assert log.carrying(data) == []


def test_usage_error_is_shown_in_norwegian(kontroller_page, tmp_path):
    page, _, _ = kontroller_page
    data = generate_file("11F", 2024, "4601", n=5, seed=1)
    check(page, skjema="11F", aar=2024, kommune="0000", bydel="", ingen=False, data=data)
    expected = command_line(tmp_path, data, cli_options("11F", 2024, "0000", "", False))
    assert expected.returncode == 2
    assert expected.stderr.strip() in page.inner_text("#kontroll-error")


@pytest.fixture
def open_round(transactional_db, kontakt_bergen, staff):
    from datetime import timedelta

    from django.utils import timezone

    from mottak.services.calendar import (
        deadline_exception_grant,
        reporting_round_create_standard,
    )

    reporting_round_create_standard(aar=2020)
    now = timezone.now()
    deadline_exception_grant(
        kommune_nr="4601", skjema="11F", aar=2020, expires_at=now + timedelta(days=1),
        reason="test", granted_by=staff, now=now,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_upload_page_checks_first_then_sends(
    module_browser, live_server, open_round, portal_keys, media_root, tmp_path
):
    from mottak.models import Delivery

    data = generate_file("11F", 2020, "4601", n=80, seed=5, mode="random")
    expected = command_line(tmp_path, data, cli_options("11F", 2020, "4601", "", False))
    report = json.loads(expected.stdout)
    context = module_browser.new_context(locale="nb-NO")
    context.set_default_timeout(180_000)
    page = context.new_page()
    log = RequestLog(page)
    page.goto(f"{live_server.url}/logg-inn/")
    page.fill("#id_username", "kari")
    page.fill("#id_password", "passord")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/levering/")
    page.goto(f"{live_server.url}/levering/last-opp/?aar=2020")
    page.select_option("#skjema", "11F")
    page.select_option("#aar", "2020")
    page.set_input_files("#file", {"name": "uttrekk.txt", "mimeType": "text/plain", "buffer": data})
    page.click("#local-check-button")
    page.wait_for_selector("#local-check-status[data-accepted]")

    assert report["accepted"] is False
    assert page.get_attribute("#local-check-status", "data-accepted") == "false"
    errors = sum(f["severity"] in ("ERROR", "FATAL") for f in report["findings"])
    assert f"({errors} feil)" in page.inner_text("#local-check-status")
    assert Delivery.objects.count() == 0, "checking first sends nothing"
    assert log.carrying(data) == []

    page.click("#upload-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/levering/*/")
    delivery = Delivery.objects.get()
    assert (delivery.skjema, delivery.aar, delivery.kommune_nr) == ("11F", 2020, "4601")
    assert log.carrying(data) == [], "only the encrypted envelope was sent"
    context.close()


def test_file_larger_than_the_portal_accepts_is_not_checked(module_browser, live_server, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    page = module_browser.new_page(locale="nb-NO")
    log = RequestLog(page)
    page.goto(f"{live_server.url}/kontroller/")
    data = generate_file("11F", 2024, "4601", n=10, seed=2)
    assert len(data) > 1000
    page.fill("[name=kommune]", "4601")
    page.set_input_files(
        "input[type=file]", {"name": "f.txt", "mimeType": "text/plain", "buffer": data}
    )
    page.click("button[type=submit]")
    page.wait_for_function("document.getElementById('kontroll-error').textContent !== ''")
    assert "større enn portalen tar imot" in page.inner_text("#kontroll-error")
    assert page.locator("#kontroll-resultat").count() == 0
    assert log.carrying(data) == []
    page.close()


def test_without_javascript_the_page_links_the_standalone_checker(module_browser, live_server):
    context = module_browser.new_context(java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    page.goto(f"{live_server.url}/kontroller/")
    assert "trenger JavaScript og WebAssembly" in page.inner_text("main")
    assert page.get_attribute("noscript a", "href") == "/verktoy/"
    context.close()


def test_without_webassembly_the_page_says_so(module_browser, live_server):
    context = module_browser.new_context(locale="nb-NO")
    context.add_init_script("delete globalThis.WebAssembly")
    page = context.new_page()
    log = RequestLog(page)
    page.goto(f"{live_server.url}/kontroller/")
    page.wait_for_selector("#kontroll-unsupported", state="visible")
    assert page.get_attribute("#kontroll-unsupported a", "href") == "/verktoy/"
    assert page.is_disabled("#kontroll-form button[type=submit]")
    assert not any("pyodide" in r.url for r in log.requests), "no runtime is loaded"
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (make test)")
def test_page_and_report_have_no_serious_accessibility_violations(module_browser, live_server):
    # axe-core is injected as an inline script, which the page's policy rightly forbids.
    context = module_browser.new_context(locale="nb-NO", bypass_csp=True)
    context.set_default_timeout(180_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/kontroller/")
    page.wait_for_selector("#kontroll-form[data-ready='1']")
    assert axe_serious(page) == []
    data = generate_file("11CF", 2025, "4601", n=40, seed=3, mode="random")
    check(page, skjema="11CF", aar=2025, kommune="4601", bydel="", ingen=False, data=data)
    screenshot(page, "kontroller-report.png")
    assert axe_serious(page) == []
    context.close()
