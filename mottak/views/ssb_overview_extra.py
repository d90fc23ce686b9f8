"""What the overview page adds around the matrix: bulk marking of e-forms."""

from mottak.selectors.overview import Overview
from mottak.services.eform_receipts import eform_forms
from mottak.spreadsheet import xlsx_append
from mottak.states import CellState


def eform_marking_context(overview: Overview, *, skjema: str) -> dict:
    """With an e-form chosen in the filter: that form, and the kommuner whose e-form is not
    yet registered (the only rows offered a checkbox)."""
    if not skjema or skjema not in eform_forms(aar=overview.aar):
        return {"eform_skjema": "", "eform_open": set()}
    done = {CellState.NOT_APPLICABLE} | CellState.DELIVERED
    open_rows = {
        row.kommune.nummer
        for row in overview.rows
        for cell in row.cells
        if cell.skjema == skjema and cell.state not in done
    }
    return {"eform_skjema": skjema, "eform_open": open_rows}


def overview_workbook(*, aar: int, rows: list[dict]):
    """The overview export as an Excel workbook: Norwegian column labels, states and verdicts
    as Norwegian text, received time as a real date-time (Oslo), records as numbers, a frozen
    header row and an autofilter."""
    from datetime import datetime

    from django.utils.translation import gettext as _
    from openpyxl import Workbook

    columns = [
        (_("Kommunenummer"), lambda r: r["kommune"], 14),
        (_("Kommune"), lambda r: r["navn"], 24),
        (_("Fylke"), lambda r: r["fylke"], 20),
        (_("Skjema"), lambda r: r["skjema"], 8),
        (_("Status"), lambda r: str(CellState.LABELS.get(r["state"], r["state"])), 24),
        (
            _("Mottatt (norsk tid)"),
            lambda r: (
                datetime.fromisoformat(r["received_at_oslo"]) if r["received_at_oslo"] else None
            ),
            18,
        ),
        (_("Poster"), lambda r: r["records"] if r["records"] != "" else None, 9),
        (_("Levert for sent"), lambda r: _("Ja") if r["late"] == "true" else _("Nei"), 14),
        (
            _("Siste kontrollresultat"),
            lambda r: str(CellState.LABELS.get(r["latest_verdict"], "")),
            24,
        ),
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = _("Oversikt %(aar)s") % {"aar": aar}
    xlsx_append(ws, [label for label, _get, _w in columns])
    for row in rows:
        xlsx_append(ws, [get(row) for _label, get, _w in columns])
    for index, (_label, _get, width) in enumerate(columns, start=1):
        ws.column_dimensions[ws.cell(row=1, column=index).column_letter].width = width
    for cell in ws["F"][1:]:
        cell.number_format = "dd.mm.yyyy hh:mm"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    return wb
