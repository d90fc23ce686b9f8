"""Recognise a wrong file before its findings: another skjema's or another year's record
length, or a file that is still encrypted or compressed. Plain Python (no Django).

Rule 001 reports every line of such a file with the same "wrong length" finding; the
diagnosis says once what the file most likely is, so the kommune knows what to fix. It reads
only line lengths and a few leading bytes, never a record's content.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kontroll.i18n import N_
from kontroll.layout import available_years, load_layout

SKJEMAER = ("11F", "11CF")

# Leading bytes of files that are not plain text: (prefix, code, what).
_SIGNATURES = (
    (b"KOSTRA-ENVELOPE\n", "already_encrypted"),
    (b"-----BEGIN PGP MESSAGE", "encrypted_other"),
    (b"PK\x03\x04", "compressed"),
    (b"\x1f\x8b", "compressed"),
)

_TEMPLATES = {
    "already_encrypted": N_(
        "Filen er allerede kryptert for KOSTRA-mottaket (kryptert to ganger). Last opp den "
        "ukrypterte filen fra fagsystemet; portalen krypterer den selv."
    ),
    "encrypted_other": N_(
        "Filen er kryptert (PGP) og kan ikke leses. Last opp den ukrypterte filen fra "
        "fagsystemet; portalen krypterer den selv."
    ),
    "compressed": N_("Filen er komprimert (zip eller gzip). Pakk den ut og last opp tekstfilen."),
    "binary": N_(
        "Filen ser ikke ut som en tekstfil (den kan være kryptert eller et regneark). Last opp "
        "uttrekket som ren tekst med faste posisjoner."
    ),
    "other_skjema": N_(
        "Filen ser ut som skjema {other} (postene har {length} tegn, som i {other} for "
        "{years}), men er levert som skjema {skjema} {aar}, der postene skal ha {expected} "
        "tegn. Velg riktig skjema."
    ),
    "other_year": N_(
        "Filen ser ut som skjema {skjema} for statistikkåret {years} (postene har {length} "
        "tegn), men for {aar} skal postene ha {expected} tegn. Velg riktig statistikkår, "
        "eller lag uttrekket etter filbeskrivelsen for {aar}."
    ),
}


@dataclass(frozen=True)
class Diagnosis:
    """What the file most likely is. ``template`` is the Norwegian text with ``{name}``
    placeholders (translated by the portal); ``values`` fill it."""

    code: str
    template: str
    values: dict[str, str | int] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template.format(**self.values)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
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
            return Diagnosis(code=code, template=_TEMPLATES[code])
    if head and _looks_binary(head):
        return Diagnosis(code="binary", template=_TEMPLATES["binary"])
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
        return Diagnosis(code="other_skjema", template=_TEMPLATES["other_skjema"], values=values)
    years = [y for (s, y), n in lengths.items() if s == skjema and n == length and y != aar]
    if years:
        values.update(years=_years_text(years))
        return Diagnosis(code="other_year", template=_TEMPLATES["other_year"], values=values)
    return None
