"""`manage.py dev_export_key`: a development export key out of the box, never in production."""

import pytest
from django.core.management import CommandError, call_command

from mottak.services.ssb_export import export_public_key


def test_creates_a_key_once_and_the_export_finds_it(settings, tmp_path):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    settings.EXPORT_KEYS_DIR = tmp_path / "keys" / "export"
    call_command("dev_export_key")
    [public] = list(settings.EXPORT_KEYS_DIR.glob("*.pem"))
    assert list((tmp_path / "keys" / "export-private").glob("*.pem"))
    assert export_public_key() is not None
    call_command("dev_export_key")  # idempotent
    assert list(settings.EXPORT_KEYS_DIR.glob("*.pem")) == [public]


def test_refused_without_debug(settings, tmp_path):
    settings.DEBUG = False
    settings.EXPORT_KEYS_DIR = tmp_path / "export"
    with pytest.raises(CommandError):
        call_command("dev_export_key")
    assert not (tmp_path / "export").exists()
