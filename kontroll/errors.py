"""Usage errors: the control cannot run with the arguments given.

These are not findings about the file; they mean the caller asked for something the control
program does not support (an unknown skjema or year, a kommune that does not exist in the
statistics year). Each carries a Norwegian message fit to show to a user.
"""

from __future__ import annotations


class KontrollUsageError(Exception):
    """Base class: the control was called with unusable arguments."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedSkjema(KontrollUsageError):
    """The skjema has no control rules."""


class UnsupportedYear(KontrollUsageError):
    """The skjema has no record layout or rules for the statistics year."""


class InvalidKommune(KontrollUsageError):
    """The kommune number is malformed or not valid in the statistics year."""


class InvalidBydel(KontrollUsageError):
    """The bydel is not an Oslo district, or a bydel was given for a kommune other than Oslo."""
