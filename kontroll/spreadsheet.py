"""Spreadsheet cells that cannot run formulas (OWASP "CSV injection"), the one implementation.

A cell taken from a file or a user that begins with ``=``, ``+``, ``-``, ``@``, TAB or CR is
written as text: in CSV with a leading apostrophe (OWASP's rule), so a kommune name or journal
number such as ``=HYPERLINK("http://…")`` shows as text instead of being evaluated. Numbers
(int, float) are left as numbers. Used by the checker's ``--format csv``
(:mod:`kontroll.report_csv`) and by every CSV and XLSX writer of the portal
(``mottak/spreadsheet.py`` imports it from here).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value: Any) -> Any:
    """A CSV cell value that a spreadsheet shows as text when it could start a formula."""
    return "'" + value if is_formula_like(value) else value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in row]


class SafeWriter:
    """A ``csv.writer`` whose cells are neutralised."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(f: Any, **kwargs: Any) -> SafeWriter:
    """`csv.writer` whose cells are neutralised."""
    return SafeWriter(csv.writer(f, **kwargs))
