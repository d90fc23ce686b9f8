"""Translation marker for user-facing Norwegian texts.

kontroll must not import Django, yet its texts (rule titles and messages) should be picked up
by Django's ``makemessages`` later. ``N_`` marks a string for extraction and returns it
unchanged; the portal translates when it displays a report.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it now."""
    return text
