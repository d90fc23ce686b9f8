"""SSB's staff pages: access, rendering, CSV/Excel export by session or token."""

import csv
import io
from datetime import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mottak.models.ssb import FeedbackList, FeedbackListState
from mottak.services import feedback as svc
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import (  # noqa: F401 - fixtures
    deliveries_2020,
    kommuner_2020,
    round_2020_std,
)

PAGES = [
    ("mottak:ssb_overview", {"aar": 2020}),
    ("mottak:ssb_kommune", {"aar": 2020, "nummer": "4601"}),
    ("mottak:ssb_intake", {"aar": 2020}),
    ("mottak:ssb_errors", {"aar": 2020, "skjema": "11F"}),
    ("mottak:ssb_nav", {"aar": 2020}),
    ("mottak:ssb_feedback_index", {}),
    ("mottak:ssb_audit", {}),
]


@pytest.fixture
def data(deliveries_2020):  # noqa: F811
    """Real 2020 deliveries in every state (see tests/ssb_fixtures.py)."""
    return deliveries_2020


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_staff_see_every_page(client, staff, data, name, kwargs):
    client.force_login(staff)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_kommune_users_get_404(client, kontakt_bergen, data, name, kwargs):
    client.force_login(kontakt_bergen)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 404


def test_anonymous_is_sent_to_login(client, data):
    response = client.get(reverse("mottak:ssb_overview", kwargs={"aar": 2020}))
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_overview_shows_state_text_and_filters(client, staff, data):
    client.force_login(staff)
    url = reverse("mottak:ssb_overview", kwargs={"aar": 2020})
    page = client.get(url).content.decode()
    assert "Godkjent med advarsler" in page and "Avvist" in page
    filtered = client.get(url, {"state": "rejected", "skjema": "11F"}).content.decode()
    assert "5001 Trondheim" in filtered and "4601 Bergen" not in filtered
    by_fylke = client.get(url, {"fylke": "Vestland"}).content.decode()
    assert "4601 Bergen" in by_fylke and "5001 Trondheim" not in by_fylke


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_for_staff_session(client, staff, data):
    client.force_login(staff)
    response = client.get("/ssb/oversikt/2020.csv")
    assert response.status_code == 200
    rows = _csv_rows(response)
    # The original columns first (a contract), the added ones after them.
    assert rows[0][:6] == ["kommune", "navn", "skjema", "state", "received_at", "records"]
    assert rows[0][6:] == ["fylke", "late", "received_at_oslo", "latest_verdict"]
    assert len(rows) == 1 + 10 * 5
    assert ["4601", "Bergen", "11F", "accepted_with_warnings"] == rows[
        next(i for i, r in enumerate(rows) if r[:3] == ["4601", "Bergen", "11F"])
    ][:4]


def test_csv_with_api_token(client, staff, kontakt_bergen, data, api_key_for):
    token = api_key_for(staff)
    response = client.get("/ssb/oversikt/2020.csv", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert len(_csv_rows(response)) == 51
    other = api_key_for(kontakt_bergen)
    assert (
        client.get("/ssb/oversikt/2020.csv", HTTP_AUTHORIZATION=f"Token {other}").status_code == 404
    )
    assert client.get("/ssb/oversikt/2020.csv", HTTP_AUTHORIZATION="Token nope").status_code == 403
    assert client.get("/ssb/oversikt/2020.csv").status_code == 403


def test_excel_export(client, staff, data):
    client.force_login(staff)
    response = client.get("/ssb/oversikt/2020.xlsx", {"skjema": "11F", "state": "rejected"})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "Kommunenummer",
        "Kommune",
        "Fylke",
        "Skjema",
        "Status",
        "Mottatt (norsk tid)",
        "Poster",
        "Levert for sent",
        "Siste kontrollresultat",
    )
    # Exactly the filtered cells: 11F and rejected, not all five forms of those kommuner.
    assert sorted((r[0], r[3], r[4]) for r in rows[1:]) == [
        ("1804", "11F", "Avvist"),
        ("5001", "11F", "Avvist"),
    ]
    assert all(isinstance(r[5], datetime) for r in rows[1:])  # a real date, Oslo time
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:I{len(rows)}"


def test_filtered_csv_has_exactly_the_filtered_rows(client, staff, data):
    client.force_login(staff)
    response = client.get("/ssb/oversikt/2020.csv", {"skjema": "11CF"})
    rows = _csv_rows(response)
    assert {r[2] for r in rows[1:]} == {"11CF"} and len(rows) == 1 + 10
    header = rows[0]
    bergen = dict(zip(header, next(r for r in rows if r[0] == "4601"), strict=True))
    assert bergen["fylke"] == "Vestland" and bergen["late"] in ("true", "false")
    late = _csv_rows(client.get("/ssb/oversikt/2020.csv", {"sent": "on"}))
    assert late[1:] and all(r[header.index("late")] == "true" for r in late[1:])
    accepted = next(r for r in rows[1:] if r[header.index("received_at")])
    assert accepted[header.index("received_at_oslo")][:4] == "2021"


def test_staff_create_and_send_a_feedback_list_from_the_kommune_page(
    client, staff, kontakt_bergen, data, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    response = client.post(
        reverse(
            "mottak:ssb_feedback_create", kwargs={"aar": 2020, "nummer": "4601", "skjema": "11F"}
        ),
        {"finding": ["005A|4|J4"], "questions": "Stemmer antallet?", "title": "Spørsmål"},
    )
    fl = FeedbackList.objects.get()
    assert response["Location"] == reverse("mottak:ssb_feedback", kwargs={"pk": fl.pk})
    assert fl.items.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mottak:ssb_feedback_send", kwargs={"pk": fl.pk}))
    fl.refresh_from_db()
    assert fl.state == FeedbackListState.SENT


def test_kommune_answers_in_the_portal_and_outsider_gets_404(
    client, staff, kontakt_bergen, outsider, data
):
    fl = svc.feedback_list_create(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        title="T",
        items=[svc.FeedbackItemSpec("Q1")],
        created_by=staff,
        now=oslo(2021, 2, 1),
    )
    url = reverse("mottak:feedback_answer", kwargs={"pk": fl.pk})
    client.force_login(kontakt_bergen)
    assert client.get(url).status_code == 404  # a draft is SSB's own
    svc.feedback_list_send(feedback_list=fl, sent_by=staff, now=oslo(2021, 2, 1))
    assert "T" in client.get(reverse("mottak:feedback_lists")).content.decode()
    item = fl.items.get()
    client.post(
        url, {f"answer-{item.pk}": "correct", f"explanation-{item.pk}": "Ja.", "return": "1"}
    )
    fl.refresh_from_db()
    assert fl.state == FeedbackListState.RETURNED
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_nav_upload_page(client, staff, data):
    client.force_login(staff)
    url = reverse("mottak:ssb_nav", kwargs={"aar": 2020})
    upload = io.BytesIO(b"kommune;deltakere\n4601;5\n")
    upload.name = "nav.csv"
    preview = client.post(
        url, {"file": upload, "tolerance_absolute": 2, "tolerance_percent": 10, "mode": "replace"}
    ).content.decode()
    assert 'data-count="added">1<' in preview and "nav-confirm" in preview
    response = client.post(reverse("mottak:ssb_nav_confirm", kwargs={"aar": 2020}), follow=True)
    page = response.content.decode()
    assert "NAV-tall for 1 kommuner er lastet inn." in page
    assert "4601 Bergen" in page
    assert "1 kommune med avvik" in page  # Bergen has delivered nothing for 11CF


def test_audit_viewer_filters_by_kommune_and_action(client, staff, data):
    from mottak.services.audit import audit_log

    audit_log(action="feedback.sent", kommune_nr="4601", actor=staff)
    audit_log(action="delivery.received", kommune_nr="5001", actor=staff)
    client.force_login(staff)
    page = client.get(reverse("mottak:ssb_audit"), {"kommune_nr": "4601"}).content.decode()
    assert "feedback.sent" in page and "delivery.received" not in page
    page = client.get(reverse("mottak:ssb_audit"), {"action": "delivery"}).content.decode()
    assert "feedback.sent" not in page and "delivery.received" in page


def test_admin_index_links_to_the_overview_of_the_latest_round(client, staff, data):
    client.force_login(staff)
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse("mottak:ssb_home") in page
    response = client.get(reverse("mottak:ssb_home"))
    assert response["Location"] == reverse("mottak:ssb_overview", kwargs={"aar": 2020})


def test_error_statistics_page_shows_norwegian_severity(client, staff, data):
    client.force_login(staff)
    page = client.get(reverse("mottak:ssb_errors", kwargs={"aar": 2020, "skjema": "11F"}))
    html = page.content.decode()
    assert "005A" in html and "Advarsel" in html and ">WARNING<" not in html


def test_overview_counts_feedback_lists_of_the_year(client, staff, data):
    fl = svc.feedback_list_create(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        title="T",
        items=[svc.FeedbackItemSpec("Q")],
        created_by=staff,
        now=oslo(2021, 2, 1),
    )
    svc.feedback_list_send(feedback_list=fl, sent_by=staff, now=oslo(2021, 2, 1))
    client.force_login(staff)
    page = client.get(reverse("mottak:ssb_overview", kwargs={"aar": 2020})).content.decode()
    assert "1 sendt, 1 venter på kommunen, 0 besvart og venter på SSB." in page


def test_staff_pages_need_the_second_factor_when_required(
    client, staff, settings, data, api_key_for
):
    from django.test import Client

    settings.STAFF_REQUIRE_OTP = True
    client.force_login(staff)
    response = client.get(reverse("mottak:ssb_overview", kwargs={"aar": 2020}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.get("/ssb/oversikt/2020.csv")["Location"].startswith(reverse("admin:login"))
    # A key made without a verified second factor does not get round it...
    unverified = api_key_for(staff)
    response = Client().get("/ssb/oversikt/2020.csv", HTTP_AUTHORIZATION=f"Token {unverified}")
    assert response.status_code == 403
    # ...one made from a verified session does.
    verified = api_key_for(staff, otp_verified=True)
    response = Client().get("/ssb/oversikt/2020.csv", HTTP_AUTHORIZATION=f"Token {verified}")
    assert response.status_code == 200


def test_counts_link_to_the_filtered_overview_and_intake_offers_key_dates(client, staff, data):
    client.force_login(staff)
    page = client.get(reverse("mottak:ssb_overview", kwargs={"aar": 2020})).content.decode()
    assert 'href="?state=rejected&amp;skjema=11F"' in page
    intake = client.get(reverse("mottak:ssb_intake", kwargs={"aar": 2020})).content.decode()
    assert 'href="?dato=2021-03-15"' in intake  # the preliminary publication
    assert "Inntak 2020 per" in intake


def test_kommune_page_links_versions_to_their_reports(client, staff, data):
    from mottak.models import Delivery

    client.force_login(staff)
    page = client.get(reverse("mottak:ssb_kommune", kwargs={"aar": 2020, "nummer": "4601"}))
    html = page.content.decode()
    for d in Delivery.objects.filter(kommune_nr="4601", skjema="11F"):
        assert reverse("mottak:report", kwargs={"pk": d.pk}) in html
        assert d.receipt in html


def test_csv_latest_verdict_is_the_newest_delivery(client, staff, data):
    client.force_login(staff)
    rows = _csv_rows(client.get("/ssb/oversikt/2020.csv", {"skjema": "11F"}))
    header = rows[0]
    verdict = {r[0]: r[header.index("latest_verdict")] for r in rows[1:]}
    assert verdict["5001"] == "rejected"
    assert verdict["4601"] == "accepted_with_warnings"  # the accepted replacement is newest
