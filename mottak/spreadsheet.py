"""Spreadsheet exports that cannot run formulas (OWASP "CSV injection").

A cell taken from a file or a user that begins with ``=``, ``+``, ``-``, ``@``, TAB or CR is
written as text: in CSV with a leading apostrophe (OWASP's rule), in XLSX as a string cell
with Excel's quote prefix, so a kommune name or journal number such as
``=HYPERLINK("http://…")`` shows as text instead of being evaluated. Numbers (int, float)
are left as numbers. Every CSV and XLSX writer of the portal goes through this module; the
cell rule itself is :mod:`kontroll.spreadsheet` (one implementation).
"""

import csv

# The neutralising itself lives in kontroll (the checker's --format csv uses it too).
from kontroll.spreadsheet import (  # noqa: F401 - re-exported for the portal's writers
    FORMULA_PREFIXES,
    csv_writer,
    is_formula_like,
    safe_cell,
    safe_row,
)


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose cells are neutralised."""

    def writerow(self, rowdict):
        return super().writerow({k: safe_cell(v) for k, v in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


def xlsx_append(ws, row) -> None:
    """`ws.append(row)` for an openpyxl worksheet, formula-like strings stored as text.

    The text cells are made before appending: looking the row up afterwards (`ws.max_row`
    scans every cell) made a 1,800-row export quadratic."""
    from openpyxl.cell.cell import Cell

    values = []
    for value in row:
        if is_formula_like(value):
            cell = Cell(ws, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            values.append(cell)
        else:
            values.append(value)
    ws.append(values)
