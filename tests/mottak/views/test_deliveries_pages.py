"""The municipality's delivery pages: upload, receipt, verdict polling, report, CSV, status,
parts, "no participants", keys, profile tokens and user management; outsiders get 404."""

import csv
import io
import re

import pytest
from django.core import mail
from django.urls import reverse

from mottak.models import (
    ApiKey,
    AuditEvent,
    DeclaredPart,
    Delivery,
    DeliveryState,
    NoParticipantsDeclaration,
    User,
)
from mottak.services import deliveries as svc
from mottak.services.api_keys import api_key_hash
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, kontroll_available, upload

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")


@pytest.fixture
def checked(kontakt_bergen, portal_keys, monkeypatch, django_capture_on_commit_callbacks):
    """A rejected Bergen delivery with findings from the real control program."""
    if not kontroll_available():
        pytest.skip("kontroll.run_control is not merged")
    from kontroll import samples

    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    data = samples.generate_file("11F", 2020, "4601", n=80, seed=5, mode="random")
    delivery = svc.submission_create(
        user=kontakt_bergen,
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        file=upload(envelope(portal_keys, data)),
        now=JAN_10,
    )
    with django_capture_on_commit_callbacks(execute=True):
        svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.REJECTED
    return delivery


def delivery_urls(pk: int) -> list[str]:
    return [
        reverse("mottak:delivery", args=[pk]),
        reverse("mottak:delivery_json", args=[pk]),
        reverse("mottak:report", args=[pk]),
        reverse("mottak:report_csv", args=[pk]),
    ]


def test_outsider_gets_404_on_every_delivery_url(client, outsider, checked):
    client.force_login(outsider)
    for url in delivery_urls(checked.pk):
        assert client.get(url).status_code == 404, url


def test_nav_user_of_same_kommune_and_staff_see_the_delivery(client, nav_bergen, staff, checked):
    for user in (nav_bergen, staff):
        client.force_login(user)
        for url in delivery_urls(checked.pk):
            assert client.get(url).status_code == 200, url


def test_pages_require_login(client, checked):
    for url in [*delivery_urls(checked.pk), reverse("mottak:status"), reverse("mottak:upload")]:
        response = client.get(url)
        assert response.status_code == 302 and "/logg-inn/" in response.url


def test_status_page_shows_each_form_with_state_and_latest_delivery(
    client, kontakt_bergen, checked
):
    client.force_login(kontakt_bergen)
    html = client.get(reverse("mottak:status") + "?aar=2020").content.decode()
    assert 'data-state="rejected"' in html and 'data-state="not_delivered"' in html
    assert checked.receipt in html
    assert "15. januar 2021" in html  # the 11F deadline from the calendar


def test_status_page_of_outsider_shows_only_own_kommune(client, outsider, checked):
    client.force_login(outsider)
    html = client.get(reverse("mottak:status") + "?aar=2020&kommune=4601").content.decode()
    assert checked.receipt not in html
    assert "5001" in html


def test_delivery_json_reports_state_for_polling(client, kontakt_bergen, checked):
    client.force_login(kontakt_bergen)
    data = client.get(reverse("mottak:delivery_json", args=[checked.pk])).json()
    assert data["state"] == "rejected" and data["final"] is True and data["label"] == "Avvist"
    assert "findings" not in data


def test_report_filters_by_severity_and_rule_and_pages(client, kontakt_bergen, checked):
    client.force_login(kontakt_bergen)
    url = reverse("mottak:report", args=[checked.pk])
    findings = checked.report.findings
    page = client.get(url)
    assert page.context["page"].paginator.count == findings.count()
    assert findings.count() > 50 and page.context["page"].paginator.num_pages > 1
    assert client.get(url + "?side=2").context["page"].number == 2
    warnings = client.get(url + "?alvorlighet=WARNING").context["page"].paginator
    assert warnings.count == findings.filter(severity="WARNING").count()
    assert {f.severity for f in warnings.object_list} == {"WARNING"}
    rule = findings.first().rule
    by_rule = client.get(url + f"?kontroll={rule}").context["page"].paginator
    assert by_rule.count == findings.filter(rule=rule).count()
    summary = {r.rule: r.count for r in page.context["rules"]}
    assert sum(summary.values()) == findings.count()


def test_report_csv_has_one_row_per_finding_without_national_ids(client, kontakt_bergen, checked):
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:report_csv", args=[checked.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kontroll"
    assert len(rows) - 1 == checked.report.findings.count()
    assert {r[1] for r in rows[1:]} <= {"Kritisk feil", "Feil", "Advarsel", "Info"}


def test_upload_page_embeds_current_public_key(client, kontakt_bergen, portal_keys):
    client.force_login(kontakt_bergen)
    html = client.get(reverse("mottak:upload")).content.decode()
    assert f'data-key-id="{portal_keys.key_id}"' in html
    assert 'data-kommune="4601"' in html and "upload.js" in html


def test_upload_post_as_json_returns_redirect_or_error(
    client, kontakt_bergen, portal_keys, monkeypatch
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    monkeypatch.setattr(svc, "_judge", lambda **kw: _on_time())
    client.force_login(kontakt_bergen)
    url = reverse("mottak:upload")
    ok = client.post(
        url,
        {"skjema": "11F", "aar": "2020", "file": upload(envelope(portal_keys, b"x"))},
        HTTP_ACCEPT="application/json",
    )
    delivery = Delivery.objects.get()
    assert ok.json() == {
        "id": delivery.pk,
        "receipt": delivery.receipt,
        "redirect": reverse("mottak:delivery", args=[delivery.pk]),
    }
    bad = client.post(
        url,
        {"skjema": "11F", "aar": "2020", "file": upload(b"plain")},
        HTTP_ACCEPT="application/json",
    )
    assert bad.status_code == 400 and "ikke en kryptert" in bad.json()["error"]
    assert Delivery.objects.count() == 1


def test_upload_plain_form_post_redirects_with_message(client, kontakt_bergen, portal_keys):
    client.force_login(kontakt_bergen)
    response = client.post(
        reverse("mottak:upload"),
        {"skjema": "11F", "aar": "2020", "file": upload(b"")},
        follow=True,
    )
    assert "Filen er tom." in response.content.decode()
    assert not Delivery.objects.exists()


def _on_time():
    from mottak.services.calendar import DeliveryJudgement

    return DeliveryJudgement(refused=False, message="ok")


def test_parts_declaration_and_no_participants(client, kontakt_bergen, nav_bergen, monkeypatch):
    monkeypatch.setattr(svc, "_judge", lambda **kw: _on_time())
    client.force_login(kontakt_bergen)
    client.post(
        reverse("mottak:parts_declare"), {"aar": "2020", "skjema": "11F", "deler": "nav, flyktning"}
    )
    assert sorted(DeclaredPart.objects.values_list("part", flat=True)) == ["flyktning", "nav"]
    client.post(reverse("mottak:no_participants"), {"aar": "2020", "bekreft": "1"})
    assert NoParticipantsDeclaration.objects.filter(kommune_nr="4601", aar=2020).count() == 1
    client.force_login(nav_bergen)  # only the KOSTRA contact may declare
    response = client.post(reverse("mottak:no_participants"), {"aar": "2021"}, follow=True)
    assert "Bare kommunens KOSTRA-kontakt" in response.content.decode()
    assert not NoParticipantsDeclaration.objects.filter(aar=2021).exists()


def test_keys_page_and_pem_are_public(client, portal_keys, db):
    html = client.get(reverse("mottak:keys")).content.decode()
    assert portal_keys.key_id in html
    pem = client.get(reverse("mottak:key_pem", args=[portal_keys.key_id]))
    assert pem.content.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert client.get(reverse("mottak:key_pem", args=["0" * 16])).status_code == 404


def test_profile_creates_and_revokes_api_token(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    response = client.post(reverse("mottak:profile"), {"action": "create"}, follow=True)
    shown = re.search(r'<code id="new-token"[^>]*>([0-9a-f]+)</code>', response.content.decode())
    assert ApiKey.objects.get(user=kontakt_bergen).key_hash == api_key_hash(shown.group(1))
    client.post(reverse("mottak:profile"), {"action": "revoke"})
    assert not ApiKey.objects.filter(user=kontakt_bergen).exists()
    assert AuditEvent.objects.filter(action="token.revoked").exists()


def test_kostra_contact_creates_and_deactivates_kommune_users(client, kontakt_bergen, api_key_for):
    client.force_login(kontakt_bergen)
    client.post(
        reverse("mottak:users"),
        {
            "action": "create",
            "username": "nora",
            "email": "nora@bergen.test",
            "role": "nav",
            "password": "et-langt-passord-123",
        },
    )
    nora = User.objects.get(username="nora")
    assert (nora.kommune_nr, nora.role, nora.is_active) == ("4601", "nav", True)
    api_key_for(nora)
    client.post(reverse("mottak:users"), {"action": "deactivate", "user": nora.pk})
    nora.refresh_from_db()
    assert nora.is_active is False
    assert not ApiKey.objects.filter(user=nora).exists()


def test_contact_cannot_touch_users_of_other_kommune_and_others_cannot_manage(
    client, kontakt_bergen, outsider, nav_bergen
):
    client.force_login(kontakt_bergen)
    response = client.post(reverse("mottak:users"), {"action": "deactivate", "user": outsider.pk})
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active
    client.force_login(nav_bergen)
    assert client.get(reverse("mottak:users")).status_code == 404


def test_verdict_email_goes_to_uploader(kontakt_bergen, checked):
    assert any(checked.receipt in m.subject and "Avvist" in m.subject for m in mail.outbox)


def test_web_and_api_upload_never_load_a_private_key(
    client, kontakt_bergen, portal_keys, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The whole web path (view, service, storage, queueing) with the private-key directory
    unreadable and every private-key loader patched to fail."""
    from rest_framework.test import APIClient

    def forbidden(*args, **kwargs):
        raise AssertionError("the web process loaded a private key")

    monkeypatch.setattr("mottak.services.keys.private_key_load", forbidden)
    monkeypatch.setattr(
        "cryptography.hazmat.primitives.serialization.load_pem_private_key", forbidden
    )
    monkeypatch.setattr(svc, "_judge", lambda **kw: _on_time())
    queued = []
    monkeypatch.setattr(
        svc,
        "control_job_push",
        lambda *, delivery_id, job_id, at_front=False: queued.append(delivery_id),
    )
    settings.PRIVATE_KEYS_DIR.chmod(0o000)
    try:
        client.force_login(kontakt_bergen)
        with django_capture_on_commit_callbacks(execute=True):
            web = client.post(
                reverse("mottak:upload"),
                {"skjema": "11F", "aar": "2020", "file": upload(envelope(portal_keys, b"a"))},
                HTTP_ACCEPT="application/json",
            )
        api = APIClient()
        api.force_authenticate(kontakt_bergen)
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post(
                "/api/v1/deliveries/",
                {"skjema": "11F", "aar": "2020", "file": upload(envelope(portal_keys, b"b"))},
                format="multipart",
            )
    finally:
        settings.PRIVATE_KEYS_DIR.chmod(0o700)
    assert web.status_code == 200 and response.status_code == 202
    assert sorted(queued) == sorted(Delivery.objects.values_list("pk", flat=True))
    assert len(queued) == 2


def test_status_page_lists_every_form_of_the_round_with_eforms(client, kontakt_bergen, staff):
    from mottak.models import RoundForm
    from mottak.services.calendar import obligation_mark

    eforms = [f.skjema for f in RoundForm.objects.filter(round__aar=2020) if not f.takes_files]
    assert eforms, "the standard round has e-form forms"
    obligation_mark(
        kommune_nr="4601", skjema=eforms[0], aar=2020, kind="eform_received",
        marked_by=staff, now=JAN_10,
    )  # fmt: skip
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:status") + "?aar=2020")
    rows = {row["form"].skjema: row for row in response.context["rows"]}
    assert {"11F", "11CF", *eforms} <= set(rows)
    assert rows[eforms[0]]["state"] == "eform_received"
    assert rows["11F"]["state"] == "not_delivered"


def test_report_summary_names_rules_with_kontroll_titles(client, kontakt_bergen, checked):
    client.force_login(kontakt_bergen)
    rules = client.get(reverse("mottak:report", args=[checked.pk])).context["rules"]
    titles = {r: info["title"] for r, info in checked.report.summary["summary"].items()}
    assert rules and all(r.message == titles[r.rule] for r in rules)
    severities = [r.severity for r in rules]
    order = ["FATAL", "ERROR", "WARNING", "INFO"]
    assert severities == sorted(severities, key=order.index)


def test_check_only_upload_does_not_count_as_delivery(
    client, kontakt_bergen, portal_keys, monkeypatch
):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    client.force_login(kontakt_bergen)
    client.post(
        reverse("mottak:upload"),
        {
            "skjema": "11F",
            "aar": "2020",
            "check_only": "1",
            "file": upload(envelope(portal_keys, b"x")),
        },
        HTTP_ACCEPT="application/json",
    )
    delivery = Delivery.objects.get()
    assert delivery.check_only is True
    html = client.get(reverse("mottak:delivery", args=[delivery.pk])).content.decode()
    assert "Bare kontroll" in html
    status = client.get(reverse("mottak:status") + "?aar=2020").context["rows"]
    assert {r["form"].skjema: r["state"] for r in status}["11F"] == "not_delivered"


def test_status_page_shows_nav_comparison_for_11cf(client, kontakt_bergen):
    from mottak.models import NavCount, NavImport

    nav = NavImport.objects.create(aar=2020, uploaded_at=JAN_10)
    NavCount.objects.create(nav_import=nav, kommune_nr="4601", participants=7)
    client.force_login(kontakt_bergen)
    html = client.get(reverse("mottak:status") + "?aar=2020").content.decode()
    assert "NAV har registrert 7 deltakere" in html


def test_report_shows_statistics_as_labelled_totals_and_tables(client, kontakt_bergen, checked):
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:report", args=[checked.pk]))
    page = response.content.decode()
    stats = checked.report.summary["statistics"]
    sections = response.context["statistics"]
    assert ("Mottakere", stats["recipients"]) in [(str(k), v) for k, v in sections["totals"]]
    titles = [str(title) for title, _ in sections["tables"]]
    assert titles == ["Etter alder", "Etter antall måneder med stønad", "Etter samlet beløp"]
    age_rows = dict(sections["tables"][0][1])
    assert sum(age_rows.values()) == stats["recipients"]
    assert "<caption>Etter alder</caption>" in page
    assert "by_age" not in page and "{&#x27;group&#x27;" not in page


def test_stored_findings_hold_message_id_and_values_not_the_sentence(checked):
    findings = list(checked.report.findings.all())
    assert findings and all(f.message_id and f.message == "" for f in findings)
    assert all(isinstance(f.params, dict) for f in findings)


def test_report_page_csv_and_api_render_findings_in_the_chosen_language(
    client, kontakt_bergen, checked
):
    from django.utils.html import escape

    from kontroll.messages import render

    client.force_login(kontakt_bergen)
    url = reverse("mottak:report", args=[checked.pk])
    csv_url = reverse("mottak:report_csv", args=[checked.pk])
    api_url = reverse("mottak:api_delivery", args=[checked.pk])
    for language, lang in (("nb", "nb"), ("en", "en")):
        client.cookies["django_language"] = language
        response = client.get(url)
        page = response.content.decode()
        shown = list(response.context["page"].object_list)
        for f in shown:
            assert escape(render(f.message_id, f.params, lang)) in page
        csv_text = client.get(csv_url).content.decode("utf-8-sig")
        first = checked.report.findings.order_by("line", "id").first()
        assert render(first.message_id, first.params, lang) in csv_text
        body = client.get(api_url, HTTP_ACCEPT_LANGUAGE=language).json()
        api_first = body["findings"][0]
        stored = checked.report.findings.order_by("id").first()
        assert api_first["message_id"] == stored.message_id
        assert api_first["message"] == render(stored.message_id, stored.params, lang)
        titles = [r.message for r in response.context["rules"]]
        assert all(t.startswith("Control " if lang == "en" else "Kontroll ") for t in titles)
        age_groups = [group for group, _ in response.context["statistics"]["tables"][0][1]]
        assert ("Under 18" in age_groups) == (lang == "en")
        assert ("Under 18 år" in age_groups) == (lang == "nb")
    english = render(first.message_id, first.params, "en")
    client.cookies["django_language"] = "nb"
    assert english not in client.get(csv_url).content.decode("utf-8-sig")
