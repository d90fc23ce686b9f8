"""Recognise a wrong file before its findings: another skjema's or another year's record
length, or a file that is still encrypted or compressed. Plain Python (no Django).

Rule 001 reports every line of such a file with the same "wrong length" finding; the
diagnosis says once what the file most likely is, so the kommune knows what to fix. It reads
only line lengths and a few leading bytes, never a record's content.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kontroll.layout import available_years, load_layout
from kontroll.messages import T, render

SKJEMAER = ("11F", "11CF")

# Leading bytes of files that are not plain text: (prefix, code, what).
_SIGNATURES = (
    (b"KOSTRA-ENVELOPE\n", "already_encrypted"),
    (b"-----BEGIN PGP MESSAGE", "encrypted_other"),
    (b"PK\x03\x04", "compressed"),
    (b"\x1f\x8b", "compressed"),
)

# The message of each diagnosis (kontroll.messages: bokmål and English).
_MESSAGES = {
    "already_encrypted": T("diagnose.already_encrypted.1"),
    "encrypted_other": T("diagnose.encrypted_other.1"),
    "compressed": T("diagnose.compressed.1"),
    "binary": T("diagnose.binary.1"),
    "other_skjema": T("diagnose.other_skjema.1"),
    "other_year": T("diagnose.other_year.1"),
}


def message_id(code: str) -> str | None:
    """The message id of diagnosis ``code`` (also for diagnoses stored before ids), or None."""
    text = _MESSAGES.get(code)
    return text.id if text is not None else None


@dataclass(frozen=True)
class Diagnosis:
    """What the file most likely is: ``code``, its message id in :mod:`kontroll.messages`
    and the ``values`` that fill it; rendered when shown (:meth:`text`)."""

    code: str
    values: dict[str, str | int] = field(default_factory=dict)

    @property
    def message_id(self) -> str:
        return _MESSAGES[self.code].id

    @property
    def template(self) -> str:
        """The bokmål template (kept in the stored dict for older readers)."""
        return str(_MESSAGES[self.code])

    @property
    def message(self) -> str:
        return self.text("nb")

    def text(self, lang: str = "nb") -> str:
        """The diagnosis in ``lang`` ("nb" or "en")."""
        return render(self.message_id, self.values, lang)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message_id": self.message_id,
            "template": self.template,
            "values": dict(self.values),
            "message": self.message,
        }


def _years_text(years: list[int]) -> str:
    """2020, 2021, 2022 -> "2020-2022"; 2021, 2023 -> "2021, 2023"."""
    years = sorted(years)
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def _record_lengths() -> dict[tuple[str, int], int]:
    return {(s, y): load_layout(s, y).record_length for s in SKJEMAER for y in available_years(s)}


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    # Text extracts are ISO-8859-1 or UTF-8: control bytes other than tab/CR/LF are rare.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls > len(head) // 20


def diagnose(*, skjema: str, aar: int, data: bytes) -> Diagnosis | None:
    """The diagnosis of a wrong file, or None when nothing stands out.

    Steps: 1. leading bytes of an envelope, PGP, zip or gzip, or binary content;
    2. the most common line length against the expected record length of (skjema, aar);
    another skjema's length first (any year), then the same skjema's other years.
    """
    head = data[:4096]
    for prefix, code in _SIGNATURES:
        if head.startswith(prefix):
            return Diagnosis(code=code)
    if head and _looks_binary(head):
        return Diagnosis(code="binary")
    lengths = _record_lengths()
    expected = lengths.get((skjema, aar))
    if expected is None:
        return None
    observed = Counter(len(line) for line in data.splitlines() if line.strip())
    if not observed:
        return None
    length, _count = observed.most_common(1)[0]
    if length == expected:
        return None
    values: dict[str, str | int] = {
        "skjema": skjema, "aar": aar, "length": length, "expected": expected,
    }  # fmt: skip
    others = sorted({s for (s, _y), n in lengths.items() if n == length and s != skjema})
    if others:
        other = others[0]
        years = [y for (s, y), n in lengths.items() if s == other and n == length]
        values.update(other=other, years=_years_text(years))
        return Diagnosis(code="other_skjema", values=values)
    years = [y for (s, y), n in lengths.items() if s == skjema and n == length and y != aar]
    if years:
        values.update(years=_years_text(years))
        return Diagnosis(code="other_year", values=values)
    return None
