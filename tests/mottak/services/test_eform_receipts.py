"""E-form receipts: file import (preview, confirm, all or nothing), bulk marking, and the
received time used for lateness, intake and reminders."""

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from mottak.errors import MottakError
from mottak.models import AuditEvent, ObligationMark
from mottak.selectors.overview import CellState, overview_get
from mottak.selectors.statistics import intake_get
from mottak.services.calendar import eform_received_kommuner
from mottak.services.eform_receipts import (
    EformReceipt,
    eform_receipts_import,
    eform_receipts_mark,
    eform_receipts_parse,
)
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import kommuner_2020, round_2020_std  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("kommuner_2020", "round_2020_std")
NOW = oslo(2021, 3, 1, 12)


def parse(text: str, **kw):
    return eform_receipts_parse(aar=2020, content=text.encode(), filename="mottak.csv", now=NOW)


def test_csv_preview_counts_new_and_changed_and_stores_nothing(staff):
    ObligationMark.objects.create(
        kommune_nr="4601", skjema="7", aar=2020, kind="eform_received", marked_at=NOW
    )
    preview = parse(
        "kommune;skjema;mottatt\n4601;7;10.02.2021 09:15\n0301;7B;2021-02-18T08:00\n"
        "301;12;2021-02-01\n"
    )
    assert preview.errors == [] and preview.ok
    assert (preview.new, preview.changed, preview.unchanged) == (2, 1, 0)
    assert preview.receipts[0] == EformReceipt("4601", "7", oslo(2021, 2, 10, 9, 15))
    assert preview.receipts[2].kommune_nr == "0301"  # three digits padded
    assert ObligationMark.objects.count() == 1


def test_preview_lists_invalid_kommuner_and_every_bad_line():
    preview = parse(
        "kommune,skjema,mottatt\n1201,7,2021-02-01 10:00\n9999,7,2021-02-01 10:00\n"
        "4601,11F,2021-02-01 10:00\n4601,7,i går\n4601,7B,2030-01-01 10:00\n"
        "4601,12,2021-02-01 10:00\n4601,12,2021-02-02 10:00\n"
    )
    assert preview.invalid_kommuner == ["1201", "9999"]
    assert [line for line, _m in preview.errors] == [2, 3, 4, 5, 6, 8]
    assert not preview.ok


def test_xlsx_with_real_datetimes_is_read():
    wb = Workbook()
    wb.active.append(["Kommune", "Skjema", "Mottatt"])
    wb.active.append([4601, "7", datetime(2021, 2, 16, 23, 59)])
    wb.active.append(["0301", "12", "17.02.2021 12:00"])
    out = io.BytesIO()
    wb.save(out)
    preview = eform_receipts_parse(
        aar=2020, content=out.getvalue(), filename="mottak.xlsx", now=NOW
    )
    assert preview.errors == []
    assert [r.received_at for r in preview.receipts] == [
        oslo(2021, 2, 16, 23, 59),
        oslo(2021, 2, 17, 12, 0),
    ]


def test_missing_columns_and_no_round_are_refused():
    with pytest.raises(MottakError):
        parse("kommune;mottatt\n4601;2021-02-01\n")
    with pytest.raises(MottakError) as err:
        eform_receipts_parse(aar=2019, content=b"kommune;skjema;mottatt\n", filename="", now=NOW)
    assert err.value.code == "no_eforms"


def test_import_is_all_or_nothing(staff):
    good = EformReceipt("4601", "7", oslo(2021, 2, 1, 10))
    bad = EformReceipt("1201", "7", oslo(2021, 2, 1, 10))
    with pytest.raises(MottakError):
        eform_receipts_import(aar=2020, receipts=[good, bad], imported_by=staff, now=NOW)
    assert ObligationMark.objects.count() == 0
    result = eform_receipts_import(aar=2020, receipts=[good], imported_by=staff, now=NOW)
    assert result.new == 1
    mark = ObligationMark.objects.get()
    assert mark.received_at == oslo(2021, 2, 1, 10) and mark.marked_by == staff
    assert AuditEvent.objects.filter(action="eform_receipts.imported").count() == 1
    assert AuditEvent.objects.filter(action="obligation.eform_received").count() == 1


def test_import_refuses_non_staff(kontakt_bergen):
    with pytest.raises(MottakError):
        eform_receipts_import(
            aar=2020,
            receipts=[EformReceipt("4601", "7", oslo(2021, 2, 1))],
            imported_by=kontakt_bergen,
            now=NOW,
        )


def test_received_time_decides_late_in_overview_and_intake(staff):
    # 17 Feb 2021 is the deadline of 7/7B/12 for 2020.
    eform_receipts_mark(
        aar=2020,
        skjema="7",
        kommuner=["4601"],
        received_at=oslo(2021, 2, 17, 23, 0),
        marked_by=staff,
        now=NOW,
    )
    eform_receipts_mark(
        aar=2020,
        skjema="7",
        kommuner=["0301"],
        received_at=oslo(2021, 2, 18, 0, 30),
        marked_by=staff,
        now=NOW,
    )
    overview = overview_get(aar=2020, today=date(2021, 3, 1))
    cells = {r.kommune.nummer: r.cells[overview.forms.index("7")] for r in overview.rows}
    assert cells["4601"].state == CellState.ACCEPTED and not cells["4601"].delivered_late
    assert cells["0301"].delivered_late and cells["0301"].received_at == oslo(2021, 2, 18, 0, 30)
    [form7] = [f for f in intake_get(aar=2020, on=date(2021, 2, 17)) if f.skjema == "7"]
    assert (form7.delivered, form7.delivered_in_time) == (1, 1)  # 0301 not yet received
    assert "0301" in form7.missing
    [form7] = [f for f in intake_get(aar=2020, on=date(2021, 3, 1)) if f.skjema == "7"]
    assert (form7.delivered, form7.delivered_in_time) == (2, 1)


def test_mark_made_late_without_receipt_time_is_not_counted_in_time(staff):
    """A mark without a receipt time counts from when it was made (the issue's 2 Dec case)."""
    ObligationMark.objects.create(
        kommune_nr="4601", skjema="7", aar=2020, kind="eform_received", marked_at=oslo(2026, 12, 2)
    )
    [form7] = [f for f in intake_get(aar=2020, on=date(2021, 2, 17)) if f.skjema == "7"]
    assert form7.delivered == 0 and "4601" in form7.missing
    assert eform_received_kommuner(aar=2020, skjema="7", at=oslo(2021, 2, 20)) == set()
    assert eform_received_kommuner(aar=2020, skjema="7") == {"4601"}
