"""Helpers for the reporting calendar tests."""

from datetime import datetime

from mottak.services.calendar import OSLO


def oslo(*args: int) -> datetime:
    """An aware datetime in Europe/Oslo: oslo(2021, 1, 4, 0, 0, 0)."""
    return datetime(*args, tzinfo=OSLO)
