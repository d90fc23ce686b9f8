"""Demo deliveries: Bergen accepted with warnings, Oslo rejected, by the real control program."""

import pytest
from django.utils import timezone

from mottak.models import Delivery
from mottak.services.calendar import calendar_demo_create
from mottak.services.deliveries import STALE_AFTER
from mottak.services.deliveries_demo import deliveries_demo_create
from mottak.services.demo import demo_accounts_create
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import kontroll_available

pytestmark = pytest.mark.skipif(not kontroll_available(), reason="kontroll is not merged")


def test_demo_deliveries_are_controlled_and_idempotent(
    db, portal_keys, media_root, django_capture_on_commit_callbacks
):
    now = timezone.now()
    demo_accounts_create()
    calendar_demo_create(now=now)
    with django_capture_on_commit_callbacks(execute=False):
        created = deliveries_demo_create(now=now)
    states = {(d.kommune_nr, d.state, d.with_warnings) for d in created}
    assert states == {("4601", "accepted", True), ("0301", "rejected", False)}
    assert all(d.report.findings.exists() for d in created)
    assert deliveries_demo_create(now=now + STALE_AFTER) == []
    assert Delivery.objects.count() == 2


def test_demo_deliveries_need_a_key_pair(db, settings, tmp_path):
    settings.PUBLIC_KEYS_DIR = tmp_path / "none"
    demo_accounts_create()
    assert deliveries_demo_create(now=timezone.now()) == []
    assert not Delivery.objects.exists()
