"""Spreadsheet exports that cannot run formulas (OWASP "CSV injection").

A cell taken from a file or a user that begins with ``=``, ``+``, ``-``, ``@``, TAB or CR is
written as text: in CSV with a leading apostrophe (OWASP's rule), in XLSX as a string cell
with Excel's quote prefix, so a kommune name or journal number such as
``=HYPERLINK("http://…")`` shows as text instead of being evaluated. Numbers (int, float)
are left as numbers. Every CSV and XLSX writer of the portal goes through this module.
"""

import csv

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value):
    """A CSV cell value that a spreadsheet shows as text when it could start a formula."""
    return "'" + value if is_formula_like(value) else value


def safe_row(row) -> list:
    return [safe_cell(v) for v in row]


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(f, **kwargs) -> _SafeWriter:
    """`csv.writer` whose cells are neutralised."""
    return _SafeWriter(csv.writer(f, **kwargs))


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose cells are neutralised."""

    def writerow(self, rowdict):
        return super().writerow({k: safe_cell(v) for k, v in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


def xlsx_append(ws, row) -> None:
    """`ws.append(row)` for an openpyxl worksheet, formula-like strings stored as text."""
    ws.append(list(row))
    for cell, value in zip(ws[ws.max_row], row, strict=False):
        if is_formula_like(value):
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True
