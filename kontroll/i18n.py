"""Translation marker for user-facing Norwegian texts.

kontroll must not import Django, yet its texts (rule titles and messages) should be picked up
by Django's ``makemessages`` later. ``N_`` marks a string for extraction and returns it
unchanged; the portal translates when it displays a report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kontroll.findings import Finding

LANGUAGES = ("nb", "en")


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it now."""
    return text


def translator(lang: str) -> Callable[[str], str]:
    """A function that gives a text of kontroll's reports (label, rule title) in ``lang``."""
    from kontroll.messages import translate

    return lambda text: translate(text, lang)


def finding_text(finding: Finding, lang: str) -> str:
    """The message of ``finding`` in ``lang``."""
    return finding.text(lang)
