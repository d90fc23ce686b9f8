"""What a forking worker parses once before its first job (`manage.py run_worker`)."""

import pytest

from kontroll.layout import available_years, layouts_preload, load_layout
from mottak.errors import MottakError
from mottak.services import keys
from tests.delivery_fixtures import *  # noqa: F403


def test_layouts_preload_caches_every_form_and_year():
    load_layout.cache_clear()
    n = layouts_preload()
    assert n == len(available_years("11F")) + len(available_years("11CF"))
    assert load_layout.cache_info().currsize == n


def test_private_keys_are_parsed_once_and_a_deleted_key_stops_at_once(portal_keys, settings):
    keys._private_key_parsed.cache_clear()
    assert keys.private_keys_preload() == 1
    first = keys.private_key_load(portal_keys.key_id)
    assert keys.private_key_load(portal_keys.key_id) is first  # parsed once
    (settings.PRIVATE_KEYS_DIR / f"{portal_keys.key_id}.pem").unlink()
    with pytest.raises(MottakError) as err:
        keys.private_key_load(portal_keys.key_id)
    assert err.value.code == "unknown_key"
