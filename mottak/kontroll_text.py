"""kontroll's findings and rule titles in the request's language.

Stored findings hold kontroll's message id and values, not the sentence (kontroll.messages);
they are rendered here, when a page, a CSV or the API shows them, in the active language
(bokmål unless the user chose English). Findings stored before message ids existed keep their
bokmål sentence and are shown as they are.
"""

from django.utils.translation import get_language

from kontroll.diagnose import message_id as diagnosis_message_id
from kontroll.messages import render, translate
from kontroll.registry import rules_for


def kontroll_lang(language: str | None = None) -> str:
    """kontroll's language code ("nb" or "en") for a Django language code (default: active)."""
    code = language or get_language() or "nb"
    return "en" if code.startswith("en") else "nb"


def finding_message(finding, language: str | None = None) -> str:
    """The message of a stored finding (or a kontroll Finding) in the language."""
    message_id = getattr(finding, "message_id", "")
    if not message_id:
        return str(finding.message)
    return render(message_id, finding.params or {}, kontroll_lang(language))


def rule_title(skjema: str, aar: int, rule_id: str, language: str | None = None) -> str:
    """The title of rule ``rule_id`` of the skjema and year in the language ("" if unknown)."""
    for r in rules_for(skjema, aar):
        if r.id == rule_id:
            return translate(r.title, kontroll_lang(language))
    return ""


def diagnosis_message(diagnosis: dict, language: str | None = None) -> str:
    """A stored kontroll.diagnose diagnosis (``code``, ``values``) in the language; by its
    code also when it was stored before message ids. The stored bokmål ``message`` when the
    code or values do not fit the catalogue (stored by another version)."""
    message_id = diagnosis.get("message_id") or diagnosis_message_id(diagnosis.get("code", ""))
    if not message_id:
        return str(diagnosis.get("message", ""))
    try:
        return render(message_id, diagnosis.get("values") or {}, kontroll_lang(language))
    except (KeyError, IndexError, ValueError):
        return str(diagnosis.get("message", ""))
