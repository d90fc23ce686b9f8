"""The public in-browser check page /kontroller/: form, assets and the policy it is served with.

The check itself runs in the browser (test_kontroller_browser.py); here the server's part.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.csp import CSP

from kontroll.layout import available_years
from kostra_portal.static_headers import add_headers
from mottak.views.kontroller import page_csp
from tests.delivery_fixtures import *  # noqa: F403

CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"


@pytest.fixture
def csp_on(settings):
    if CSP_MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, CSP_MIDDLEWARE]
    return settings


@pytest.mark.django_db
def test_page_is_public_and_has_the_form(client):
    response = client.get(reverse("mottak:kontroller"))
    assert response.status_code == 200
    html = response.content.decode()
    for field in (
        '<select id="skjema" name="skjema">',
        '<select id="aar" name="aar">',
        'name="kommune"',
        'name="bydel"',
        'type="checkbox" name="ingen_deltakere"',
    ):
        assert field in html
    assert html.count('type="file"') == 1
    assert ">Kontroller</button>" in html
    assert "<option>11F</option>" in html and "<option>11CF</option>" in html


@pytest.mark.django_db
def test_every_year_kontroll_knows_is_offered(client):
    html = client.get(reverse("mottak:kontroller")).content.decode()
    offered = set(map(int, re.findall(r"<option>(\d{4})</option>", html)))
    assert offered == set(available_years("11F")) | set(available_years("11CF"))


@pytest.mark.django_db
def test_page_says_nothing_leaves_the_machine_and_links_the_checker(client):
    html = client.get(reverse("mottak:kontroller")).content.decode()
    assert "Filen forlater ikke maskinen din" in html
    assert "<noscript>" in html
    assert html.count(f'href="{reverse("mottak:verktoy")}"') == 2  # no JavaScript / no wasm


@pytest.mark.django_db
def test_page_points_to_the_served_assets_without_inline_script(client):
    html = client.get(reverse("mottak:kontroller")).content.decode()
    version = settings.PYODIDE_VERSION
    assert f'data-pyodide="/static/pyodide/{version}/pyodide.mjs"' in html
    assert f'data-pyodide-index="/static/pyodide/{version}/"' in html
    assert 'data-archive="/static/kontroll/kostra_kontroll.pyz"' in html
    assert 'data-worker="/static/mottak/kontroll-worker.js"' in html
    scripts = re.findall(r"<script([^>]*)>", html)
    for attrs in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
    assert "style=" not in html and "<style" not in html


@pytest.mark.django_db
def test_page_policy_allows_webassembly_and_a_worker(client, csp_on):
    csp_on.SECURE_CSP = {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, CSP.NONCE],
        "img-src": [CSP.SELF, "data:"],
    }
    response = client.get(reverse("mottak:kontroller"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert "'wasm-unsafe-eval'" in directives["script-src"]
    assert directives["img-src"] == "'self' data:", "the site's own policy is kept"
    assert directives["worker-src"] == "'self'"
    assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy


@pytest.mark.django_db
def test_other_pages_keep_the_site_policy(client, csp_on):
    csp_on.SECURE_CSP = {"default-src": [CSP.SELF]}
    response = client.get(reverse("login"))
    assert response.headers["Content-Security-Policy"] == "default-src 'self'"


def test_page_policy_without_a_site_policy_is_still_strict(settings):
    settings.SECURE_CSP = {}
    policy = page_csp()
    assert policy["default-src"] == [CSP.SELF]
    assert policy["object-src"] == [CSP.NONE]
    assert policy["script-src"] == [CSP.SELF, CSP.WASM_UNSAFE_EVAL]


def test_page_policy_replaces_none_for_what_pyodide_needs(settings):
    settings.SECURE_CSP = {"default-src": [CSP.NONE], "worker-src": [CSP.NONE]}
    policy = page_csp()
    assert policy["default-src"] == [CSP.NONE]
    assert policy["worker-src"] == [CSP.SELF]
    assert policy["connect-src"] == [CSP.SELF]


def test_pyodide_files_are_cached_for_good_and_others_are_not():
    version = settings.PYODIDE_VERSION
    headers = {}
    add_headers(headers, "/x", f"/static/pyodide/{version}/pyodide.asm.wasm")
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    other = {}
    add_headers(other, "/x", "/static/mottak/site.css")
    add_headers(other, "/x", "/static/pyodide/0.0.1/pyodide.asm.wasm")
    assert other == {}


def test_the_worker_script_carries_the_page_policy_by_either_name():
    # A dedicated worker runs under its own script's CSP, not the page's.
    for name in ("kontroll-worker.js", "kontroll-worker.0123456789ab.js"):
        headers = {}
        add_headers(headers, "/x", f"{settings.STATIC_URL}mottak/{name}")
        assert "'wasm-unsafe-eval'" in headers["Content-Security-Policy"], name
    other = {}
    add_headers(other, "/x", f"{settings.STATIC_URL}mottak/kontroller.js")
    assert other == {}


def test_worker_script_is_served_with_the_page_policy_under_the_site_policy(client, csp_on):
    # The CSP middleware gives every response the site's policy; under it Pyodide cannot
    # compile WebAssembly in the worker (seen with `make run`: the check never finished).
    response = client.get(f"{settings.STATIC_URL}mottak/kontroll-worker.js")
    assert response.status_code == 200
    assert "'wasm-unsafe-eval'" in response["Content-Security-Policy"]
    # Never revalidated: a 304 would come back with the site policy, which the browser then
    # applies to its cached copy (the second visit to /kontroller/ failed so).
    assert response["Cache-Control"] == "no-store"
    site = client.get(f"{settings.STATIC_URL}mottak/kontroller.js")["Content-Security-Policy"]
    assert "wasm-unsafe-eval" not in site


def test_pyodide_and_the_archive_are_served_from_static_dirs():
    prefixes = {entry[0] for entry in settings.STATICFILES_DIRS if isinstance(entry, tuple)}
    assert f"pyodide/{settings.PYODIDE_VERSION}" in prefixes
    assert "kontroll" in prefixes


@pytest.mark.django_db
def test_upload_page_offers_check_first_with_the_page_policy(
    client, csp_on, kontakt_bergen, portal_keys
):
    csp_on.SECURE_CSP = {"default-src": [CSP.SELF]}
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:upload"))
    html = response.content.decode()
    assert 'id="local-check-button"' in html and "Kontroller først" in html
    assert 'data-archive="/static/kontroll/kostra_kontroll.pyz"' in html
    assert "'wasm-unsafe-eval'" in response.headers["Content-Security-Policy"]
