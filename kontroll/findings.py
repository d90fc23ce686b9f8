"""Findings: what a control rule reports about a file or a record."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How serious a finding is. FATAL stops the checks; FATAL and ERROR block acceptance."""

    INFO = 1
    WARNING = 2
    ERROR = 3
    FATAL = 4

    @property
    def label(self) -> str:
        """The upper-case name used in reports and JSON ("INFO", "WARNING", ...)."""
        return self.name

    @property
    def blocks(self) -> bool:
        """True when a finding of this severity makes the file not accepted."""
        return self >= Severity.ERROR


@dataclass(slots=True, frozen=True)
class Finding:
    """One finding of one rule.

    ``line`` is the physical 1-based line of the file (None for file-level findings);
    ``journal_number`` and ``caseworker`` are the record's trimmed PERSON_JOURNALNR and
    SAKSBEHANDLER ("" for file-level findings); ``values`` holds the offending values (never a
    national id number).
    """

    rule: str
    severity: Severity
    line: int | None
    journal_number: str
    caseworker: str
    fields: tuple[str, ...]
    message: str
    values: dict[str, Any] = field(default_factory=dict)
    message_id: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "nb") -> str:
        """The message in ``lang`` ("nb" or "en")."""
        if lang == "nb" or not self.message_id:
            return self.message
        from kontroll.messages import render

        return render(self.message_id, self.params, lang)

    def as_dict(self, lang: str = "nb") -> dict[str, Any]:
        """The finding in the JSON contract's shape, the message in ``lang``."""
        return {
            "rule": self.rule,
            "severity": self.severity.label,
            "line": self.line,
            "journal_number": self.journal_number,
            "caseworker": self.caseworker,
            "fields": list(self.fields),
            "message": self.text(lang),
            "values": dict(self.values),
            "message_id": self.message_id,
            "params": dict(self.params),
        }
