"""A report stores at most MAX_FINDINGS_PER_RULE findings per rule, keeps the true counts and
says the list is cut (page, CSV, API); check-only ciphertext is deleted after the retention
period by the periodic job."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from mottak import jobs
from mottak.errors import MottakError
from mottak.models import AuditEvent, Delivery, DeliveryState, Finding
from mottak.services import deliveries as svc
from mottak.services.retention import check_only_ciphertext_purge
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import (
    controlled_with_findings,
    envelope,
    finding_make,
    report_make,
    upload,
)

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")


@pytest.fixture
def flooded(kontakt_bergen, portal_keys, settings, monkeypatch, django_capture_on_commit_callbacks):
    """A check-only delivery whose control gave 25 findings of rule 030 and 3 of 012."""
    settings.MAX_FINDINGS_PER_RULE = 10
    findings = [finding_make("030", "WARNING", n, f"J{n}", message="varsel") for n in range(25)]
    findings += [finding_make("012", "ERROR", n, f"J{n}", message="feil") for n in range(3)]
    monkeypatch.setattr(svc, "kontroll_run", lambda **kw: report_make(findings, records=28))
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = svc.submission_create(
        user=kontakt_bergen, kommune_nr="4601", skjema="11F", aar=2020,
        file=upload(envelope(portal_keys, b"x")), check_only=True,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        svc.submission_run_control(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery


def test_stores_at_most_the_limit_per_rule_and_keeps_true_counts(flooded):
    stored = Finding.objects.filter(report__delivery=flooded)
    assert stored.filter(rule="030").count() == 10
    assert stored.filter(rule="012").count() == 3
    summary = flooded.report.summary
    assert summary["counts"] == {"FATAL": 0, "ERROR": 3, "WARNING": 25, "INFO": 0}
    assert summary["truncated"] == {"limit": 10, "rules": {"030": 25}}
    assert flooded.state == DeliveryState.REJECTED


def test_report_page_csv_and_api_say_the_list_is_cut(client, kontakt_bergen, flooded):
    client.force_login(kontakt_bergen)
    page = client.get(reverse("mottak:report", args=[flooded.pk]))
    assert "Listen over funn er avkortet" in page.content.decode()
    rules = {r.rule: r.count for r in page.context["rules"]}
    assert rules == {"030": 25, "012": 3}

    body = client.get(reverse("mottak:report_csv", args=[flooded.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1 + 13 + 1
    assert "kontroll 030 fant 25 funn; de første 10 er med" in rows[-1][6]

    api = client.get(reverse("mottak:api_delivery", args=[flooded.pk])).json()
    # The status object keeps its keys; the summary says what was cut.
    assert len(api["findings"]) == 13
    assert api["summary"]["truncated"] == {"limit": 10, "rules": {"030": 25}}


def test_report_under_the_limit_is_not_marked_cut(
    kontakt_bergen, portal_keys, monkeypatch, django_capture_on_commit_callbacks, client
):
    findings = [finding_make("030", "WARNING", n, f"J{n}") for n in range(5)]
    delivery = controlled_with_findings(
        user=kontakt_bergen, portal_keys=portal_keys, monkeypatch=monkeypatch,
        findings=findings, records=5,
    )  # fmt: skip
    assert "truncated" not in delivery.report.summary
    client.force_login(kontakt_bergen)
    api = client.get(reverse("mottak:api_delivery", args=[delivery.pk])).json()
    assert "truncated" not in api["summary"] and len(api["findings"]) == 5


def _delivery(*, check_only: bool, state: str, age_days: int, receipt: str) -> Delivery:
    now = timezone.now()
    delivery = Delivery(
        kommune_nr="4601", skjema="11F", aar=2020, state=state, state_changed_at=now,
        sha256="0" * 64, size=3, key_id="k", receipt=receipt, check_only=check_only,
        received_at=now - timedelta(days=age_days),
    )  # fmt: skip
    delivery.ciphertext.save(f"{receipt}.kostra", ContentFile(b"abc"), save=False)
    delivery.save()
    return delivery


def test_check_only_ciphertext_is_deleted_after_the_retention_period(settings):
    settings.CHECK_ONLY_RETENTION_DAYS = 30
    old = _delivery(check_only=True, state="accepted", age_days=31, receipt="old")
    young = _delivery(check_only=True, state="accepted", age_days=29, receipt="young")
    real = _delivery(check_only=False, state="accepted", age_days=400, receipt="real")
    waiting = _delivery(check_only=True, state="received", age_days=60, receipt="waiting")
    storage = old.ciphertext.storage
    old_name = old.ciphertext.name

    assert check_only_ciphertext_purge(now=timezone.now()) == [old.pk]

    old.refresh_from_db()
    assert not old.ciphertext and not storage.exists(old_name)
    for kept in (young, real, waiting):
        kept.refresh_from_db()
        assert kept.ciphertext and storage.exists(kept.ciphertext.name)
    event = AuditEvent.objects.get(action="delivery.ciphertext_deleted")
    assert event.object_id == str(old.pk) and event.data["retention_days"] == 30
    assert check_only_ciphertext_purge(now=timezone.now()) == []  # idempotent


def test_periodic_job_purges_with_the_setting(settings):
    settings.CHECK_ONLY_RETENTION_DAYS = 5
    old = _delivery(check_only=True, state="rejected", age_days=6, receipt="six")
    assert jobs.check_only_ciphertext_purge() == 1
    old.refresh_from_db()
    assert not old.ciphertext


def test_purged_delivery_cannot_be_rerun(staff):
    old = _delivery(check_only=True, state="accepted", age_days=90, receipt="gone")
    check_only_ciphertext_purge(now=timezone.now())
    with pytest.raises(MottakError) as err:
        svc.submission_rerun_control(delivery=old, requested_by=staff)
    # A check-only run is never rerun (the kommune checks the file again itself); the
    # deleted ciphertext is the second reason, checked after that one.
    assert err.value.code == "rerun_check_only"


def test_scheduler_runs_the_purge_daily_on_the_periodic_queue(monkeypatch):
    import importlib

    from rq import cron

    import kostra_portal.cron

    registered = []
    monkeypatch.setattr(cron, "register", lambda func, **kw: registered.append((func, kw)))
    importlib.reload(kostra_portal.cron)
    [(func, options)] = [(f, kw) for f, kw in registered if f is jobs.check_only_ciphertext_purge]
    assert options["queue_name"] == "periodic" and options["cron"]
