"""Findings as mottak stores them: masked and bounded.

Defence in depth for the house rule that stored reports never hold an id or DUF number:
kontroll masks its own messages, and mottak masks again at the one point where it stores a
report (messages, values, journal number, caseworker), with `kontroll.personvern`.

A pathological file can give hundreds of thousands of findings. At most
MAX_FINDINGS_PER_RULE findings per rule are stored; the true counts per severity and per rule
are kept in the report's summary, which records which rules were cut (`truncated`).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from kontroll.personvern import MASK, mask_text, mask_value
from mottak.models import Finding


def severity_name(severity) -> str:
    return str(getattr(severity, "name", severity)).upper()


def _masked_value(name: str, value):
    if isinstance(value, str):
        return mask_value(name, value)
    if value is None or isinstance(value, bool | float):
        return value
    as_text = str(value)
    return value if mask_value(name, as_text) == as_text else MASK


def masked_summary(value):
    """A JSON-like summary with every string in it masked (keys included)."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {mask_text(str(k)): masked_summary(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [masked_summary(v) for v in value]
    return value


@dataclass
class StoredFindings:
    rows: list[Finding]
    severity_counts: Counter = field(default_factory=Counter)
    # rule -> true number of findings, for the rules whose list was cut
    truncated: dict[str, int] = field(default_factory=dict)


def finding_rows(findings, *, limit: int | None = None) -> StoredFindings:
    """Unsaved Finding rows for kontroll's findings: masked, at most `limit` per rule."""
    limit = settings.MAX_FINDINGS_PER_RULE if limit is None else limit
    result = StoredFindings(rows=[])
    per_rule: Counter = Counter()
    for f in findings:
        severity = severity_name(f.severity)
        result.severity_counts[severity] += 1
        per_rule[f.rule] += 1
        if per_rule[f.rule] > limit:
            continue
        result.rows.append(
            Finding(
                rule=f.rule,
                severity=severity,
                line=f.line,
                journal_number=mask_text(f.journal_number or ""),
                caseworker=mask_text(f.caseworker or ""),
                fields=list(f.fields or []),
                # kontroll's message id and params, rendered when shown: no sentence is
                # stored (a finding without an id keeps its masked text).
                message="" if f.message_id else mask_text(f.message),
                message_id=f.message_id,
                params={k: _masked_value(k, v) for k, v in dict(f.params or {}).items()},
                values={k: _masked_value(k, v) for k, v in dict(f.values or {}).items()},
            )
        )
    result.truncated = {rule: n for rule, n in sorted(per_rule.items()) if n > limit}
    return result
