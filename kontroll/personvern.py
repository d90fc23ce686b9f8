"""Personal data in text that is stored or shown: national id numbers and DUF numbers.

House rule: stored reports, messages and values never hold a national id number (fødselsnummer,
D- or H-number) or a DUF number, whatever field it was typed into. Two layers:

* the fields that hold them by definition (``PERSONAL_FIELDS``) are never shown at all:
  ``mask_value`` replaces any non-blank value with a placeholder;
* everywhere else (journal number, caseworker, free text typed by a user, rendered messages)
  ``mask_text`` replaces every run of eleven digits that passes the id check digits (T4-T7,
  optionally written ``ddmmyy nnnnn``) and every run of twelve digits that passes the DUF check
  (T8) with a placeholder.

The check-digit definitions are the catalogue's own (one implementation, in kontroll).
"""

from __future__ import annotations

import re

from kontroll.definitions import duf_valid, fnr_valid

PERSONAL_FIELDS = frozenset({"PERSON_FODSELSNR", "PERSON_DUF"})
MASK = "[skjult]"

# Eleven digits (optionally split 6+5 by a space, dot or dash) or twelve digits, not part of a
# longer run of digits.
_CANDIDATE = re.compile(r"(?<!\d)(?:\d{12}|\d{6}[ .-]?\d{5})(?!\d)")


def _replace(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) == 11 and fnr_valid(digits):
        return MASK
    if len(digits) == 12 and duf_valid(digits):
        return MASK
    return text


def mask_text(text: str) -> str:
    """``text`` with every id number and DUF number in it replaced by ``MASK``."""
    if not text or not any(c.isdigit() for c in text):
        return text
    return _CANDIDATE.sub(_replace, text)


def mask_value(field: str, value: str) -> str:
    """A field's value fit to store or show: personal fields hidden, ids masked elsewhere."""
    if field in PERSONAL_FIELDS:
        return value if not value.strip() else MASK
    return mask_text(value)
