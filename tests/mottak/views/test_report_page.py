"""The report reads top-down: a wrong file explained once at the top, Norwegian severities,
errors before warnings grouped by rule, statistics after the findings, the kommune's name,
the CSV with the page's filters, and a printable view."""

import contextlib
import csv
import io
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from mottak.models import DeliveryState
from mottak.services import deliveries as svc
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, kontroll_available, upload

pytestmark = [
    pytest.mark.usefixtures("media_root", "round_2020", "reference_data"),
    pytest.mark.skipif(not kontroll_available(), reason="kontroll.run_control is not merged"),
]


def deliver_real(user, keys, data, *, skjema="11F", capture):
    delivery = svc.submission_create(
        user=user, kommune_nr="4601", skjema=skjema, aar=2020,
        file=upload(envelope(keys, data, skjema=skjema)), now=JAN_10, enqueue=False,
    )  # fmt: skip
    with capture(execute=True):
        svc.submission_run_control(delivery_id=delivery.pk, now=JAN_10)
    delivery.refresh_from_db()
    return delivery


@pytest.fixture
def wrong_form(kontakt_bergen, portal_keys, django_capture_on_commit_callbacks):
    """An 11CF file delivered as 11F."""
    from kontroll import samples

    data = samples.generate_file("11CF", 2020, "4601", n=30, seed=1)
    return deliver_real(
        kontakt_bergen, portal_keys, data, capture=django_capture_on_commit_callbacks
    )


@pytest.fixture
def rejected(kontakt_bergen, portal_keys, django_capture_on_commit_callbacks):
    from kontroll import samples

    data = samples.generate_file("11F", 2020, "4601", n=80, seed=5, mode="random")
    return deliver_real(
        kontakt_bergen, portal_keys, data, capture=django_capture_on_commit_callbacks
    )


def test_wrong_form_is_explained_once_at_the_top(client, kontakt_bergen, wrong_form):
    assert wrong_form.state == DeliveryState.REJECTED
    assert wrong_form.report.summary["diagnosis"]["code"] == "other_skjema"
    client.force_login(kontakt_bergen)
    html = client.get(reverse("mottak:report", args=[wrong_form.pk])).content.decode()
    assert html.count("Filen ser ut som skjema 11CF") == 1
    assert html.index('id="diagnosis"') < html.index('id="rule-summary"')
    # rule 001's findings are still stored, shown under one group header
    assert wrong_form.report.findings.filter(rule="001").count() == 30
    assert html.count('class="group" data-rule="001"') == 1
    # ... and the 30 identical lines as one row with the line range
    assert html.count('class="finding" data-rule="001"') == 1 and ">1–30<" in html


def test_wrong_form_is_explained_in_english_on_english_pages(client, kontakt_bergen, wrong_form):
    client.force_login(kontakt_bergen)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("mottak:report", args=[wrong_form.pk])).content.decode()
    assert html.count("The file looks like form 11CF") == 1
    assert "Filen ser ut som skjema" not in html


def test_diagnosis_stored_before_message_ids_is_shown_in_english(
    client, kontakt_bergen, wrong_form
):
    report = wrong_form.report
    old = dict(report.summary["diagnosis"])
    del old["message_id"]
    report.summary = {**report.summary, "diagnosis": old}
    report.save(update_fields=["summary"])
    client.force_login(kontakt_bergen)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("mottak:report", args=[wrong_form.pk])).content.decode()
    assert html.count("The file looks like form 11CF") == 1


def test_report_has_norwegian_severities_grouped_errors_first_and_stats_last(
    client, kontakt_bergen, rejected
):
    client.force_login(kontakt_bergen)
    response = client.get(reverse("mottak:report", args=[rejected.pk]))
    html = response.content.decode()
    assert ">ERROR<" not in html and ">WARNING<" not in html and ">Feil<" in html
    assert "4601 Bergen" in html
    assert 'class="badge err" id="report-verdict">Avvist<' in html
    assert html.index('id="funn"') < html.index('id="statistikk"')
    order = {"FATAL": 0, "ERROR": 1, "WARNING": 2, "INFO": 3}
    shown = list(response.context["page"].object_list)
    keys = [(order[f.severity], f.rule, f.line or 0) for f in shown]
    assert keys == sorted(keys)
    headers = [t.rule for t, _f, _lines in response.context["page_rows"] if t is not None]
    assert len(headers) == len(set(headers)) == len({f.rule for f in shown})


def test_csv_honours_the_filters_and_says_severities_in_norwegian(client, kontakt_bergen, rejected):
    client.force_login(kontakt_bergen)
    rule = rejected.report.findings.filter(severity="ERROR").first().rule
    page = client.get(reverse("mottak:report", args=[rejected.pk]) + f"?kontroll={rule}")
    assert f"rapport.csv?kontroll={rule}" in page.content.decode()
    response = client.get(reverse("mottak:report_csv", args=[rejected.pk]) + f"?kontroll={rule}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) - 1 == rejected.report.findings.filter(rule=rule).count()
    assert {r[0] for r in rows[1:]} == {rule}
    assert {r[1] for r in rows[1:]} <= {"Kritisk feil", "Feil", "Advarsel", "Info"}
    warnings = client.get(
        reverse("mottak:report_csv", args=[rejected.pk]) + "?alvorlighet=WARNING"
    ).content.decode("utf-8-sig")
    assert {r[1] for r in list(csv.reader(io.StringIO(warnings), delimiter=";"))[1:]} <= {
        "Advarsel"
    }


def test_report_csv_is_the_checkers_csv_of_the_same_file(client, kontakt_bergen, rejected):
    from kontroll import cli, samples

    data = samples.generate_file("11F", 2020, "4601", n=80, seed=5, mode="random")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fil.dat"
        path.write_bytes(data)
        assert cli.main([str(path), "--skjema", "11F", "--aar", "2020", "--kommune", "4601",
                         "--format", "csv"]) == 1  # fmt: skip
    client.force_login(kontakt_bergen)
    portal = client.get(reverse("mottak:report_csv", args=[rejected.pk])).content.decode("utf-8")
    assert portal.startswith("\ufeff") and out.getvalue().startswith("\ufeff")
    portal_rows = list(csv.reader(io.StringIO(portal[1:]), delimiter=";"))
    checker_rows = list(csv.reader(io.StringIO(out.getvalue()[1:]), delimiter=";"))
    assert portal_rows[0] == checker_rows[0]
    assert len(portal_rows) > 10
    assert sorted(portal_rows[1:]) == sorted(checker_rows[1:])


def test_printable_view_shows_every_finding_on_one_page(client, kontakt_bergen, rejected):
    client.force_login(kontakt_bergen)
    total = rejected.report.findings.count()
    assert total > 50
    response = client.get(reverse("mottak:report", args=[rejected.pk]) + "?utskrift=1")
    assert response.context["page"].paginator.num_pages == 1
    assert len(response.context["page"].object_list) == total
    css = (svc.settings.BASE_DIR / "static/mottak/site.css").read_text()
    assert "@media print" in css and ".no-print" in css
