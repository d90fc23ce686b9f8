"""What the overview page adds around the matrix: bulk marking of e-forms."""

from mottak.selectors.overview import CellState, Overview
from mottak.services.eform_receipts import eform_forms


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
