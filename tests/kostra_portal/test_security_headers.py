"""Transport and headers: `check --deploy` is clean with production variables, every page has
a Content-Security-Policy, reports, CSVs and API answers are `no-store`, and the proxy's
https header comes from an environment variable."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.delivery_fixtures import *  # noqa: F403
from tests.ssb_fixtures import deliveries_2020, kommuner_2020, round_2020_std  # noqa: F401

ROOT = settings.BASE_DIR

PRODUCTION_ENV = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "kostra-mottak.ssb.no",
    "SITE_URL": "https://kostra-mottak.ssb.no",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    # Nothing of the test process's environment that changes the checks (the browser helper
    # sets DJANGO_ALLOW_ASYNC_UNSAFE).
    dropped = ("TESTING", "DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_check_deploy_passes_with_production_variables(tmp_path):
    env = {
        **PRODUCTION_ENV,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
    }
    result = _run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_proxy_header_comes_from_the_environment(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kostra_portal.settings'; "
        "from django.conf import settings; "
        "print(settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_SSL_REDIRECT, "
        "settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE)"
    )
    base = {"SECRET_KEY": "x" * 60, "VAR_DIR": str(tmp_path), "DEBUG": "false"}
    with_proxy = _run({**base, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}, "-c", code)
    assert with_proxy.stdout.split() == [
        "('HTTP_X_FORWARDED_PROTO',", "'https')", "True", "31536000", "True"
    ]  # fmt: skip
    without = _run(base, "-c", code)
    assert without.stdout.split()[0] == "None"


@pytest.mark.parametrize("path", ["/", "/logg-inn/", "/nokler/", "/admin/login/", "/healthz"])
def test_every_page_has_a_content_security_policy(client, db, path):
    policy = client.get(path).headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


def test_the_413_answer_has_the_policy_too(client):
    response = client.generic("POST", "/", b"", CONTENT_LENGTH=str(10**9))
    assert response.status_code == 413 and "Content-Security-Policy" in response.headers


def test_upload_page_with_its_script_has_the_policy(client, kontakt_bergen, portal_keys):
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:upload"))
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def _no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


@pytest.fixture
def delivered(deliveries_2020):  # noqa: F811
    from mottak.models import Delivery

    return Delivery.objects.filter(kommune_nr="4601", report__isnull=False).first()


def test_reports_csvs_and_api_answers_are_not_stored(client, staff, delivered):
    client.force_login(staff)
    pk = delivered.pk
    for url in [
        reverse("mottak:delivery", args=[pk]),
        reverse("mottak:delivery_json", args=[pk]),
        reverse("mottak:report", args=[pk]),
        reverse("mottak:report_csv", args=[pk]),
        reverse("mottak:api_delivery", args=[pk]),
        reverse("mottak:api_keys"),
        "/ssb/oversikt/2020.csv",
        "/ssb/oversikt/2020.xlsx",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_api_refusals_are_not_stored_either(client):
    response = client.get(reverse("mottak:api_delivery", args=[1]))
    assert response.status_code == 401 and _no_store(response)
