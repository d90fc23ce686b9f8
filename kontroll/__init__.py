"""KOSTRA control program: checks 11F / 11CF files record by record.

Plain Python, no Django. The entry point is :func:`run_control`.
"""

from kontroll import errors
from kontroll.context import Context
from kontroll.findings import Finding, Severity
from kontroll.report import Report
from kontroll.runner import run_control

__all__ = ["Context", "Finding", "Report", "Severity", "errors", "run_control"]
