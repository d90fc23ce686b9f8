"""Synthetic 11F / 11CF sample files for tests, benchmarks, demo data and differential runs.

Two modes:

* ``valid``: every record satisfies the control catalogue of its statistics year (code lists,
  cross-field rules, plausible ages, unique journal numbers and national id numbers), so a
  file of them gets no findings at all.
* ``random``: starts from a valid record and replaces a share of the fields with arbitrary
  values (blank, zeros, garbage, codes of other fields, boundary amounts, bad dates and ids),
  for differential testing against the reference program.

National id numbers (fødselsnummer) are synthetic: a random birth date that gives an adult
age, an individual number and correct mod-11 check digits. They are generated, never looked
up, and carry no meaning beyond passing the checksum.

Everything is deterministic for a given seed. Records are returned as ``str`` without line
endings; ``encode_file`` turns them into the ISO-8859-1 bytes a municipality would upload.
"""

from __future__ import annotations

import datetime as dt
import random as _random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from kontroll.layout import available_years, load_layout

SKJEMAER = ("11F", "11CF")
OSLO = "0301"
OSLO_BYDELER = tuple(f"{n:02d}" for n in range(1, 16))

_CASEWORKERS = ("ANNE", "BJØRN", "KARI-Ø", "OLE H", "SIV", "TORGEIR", "ÅSE", "NAV12")
_FNR_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_FNR_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_MONTHS_11F = (
    "JAN",
    "FEB",
    "MARS",
    "APRIL",
    "MAI",
    "JUNI",
    "JULI",
    "AUG",
    "SEPT",
    "OKT",
    "NOV",
    "DES",
)
_VILKAR_11F = (
    "VILKARARBEID",
    "VILKARKURS",
    "VILKARUTD",
    "VILKARJOBBLOG",
    "VILKARJOBBTILB",
    "VILKARSAMT",
    "VILKAROKRETT",
    "VILKARLIVSH",
    "VILKARHELSE",
    "VILKARANNET",
    "VILKARDIGPLAN",
    "VILKARNORSKSAMISKOPPL",
)
_KVP_MED = (
    "KVP_MED_KOMMBOS",
    "KVP_MED_HUSBANK",
    "KVP_MED_HUSBANKBOS",
    "KVP_MED_SOSHJ_ENGANG",
    "KVP_MED_SOSHJ_PGM",
    "KVP_MED_SOSHJ_SUP",
)
_YTELSER = ("YTELSE_INTRO", "YTELSE_INDIVIDSTONAD", "YTELSE_TILTAKSPENGER", "YTELSE_FOLKETRYGDL")
_AVSL_TICKS = (
    "AVSL_ORDINAERTARB",
    "AVSL_ARBLONNSTILS",
    "AVSL_TILRETTELARB",
    "AVSL_ARBMARK",
    "AVSL_SKOLE",
    "AVSL_AKTIVARBSOK",
    "AVSL_BEHANDL",
    "AVSL_AVKLAR_UFOR",
    "AVSL_INGEN_AKT",
    "AVSL_ANNET",
    "AVSL_UFORE",
    "AVSL_AAP",
    "AVSL_OK_AVKLAR",
    "AVSL_UTEN_OK_AVKLAR",
    "AVSL_UKJENT",
)
# VKLO -> ARBSIT codes that satisfy 015-019 and 021 in every year.
_ARBSIT_FOR_VKLO = {
    "1": ("01", "02"),
    "2": ("03", "05", "06"),
    "4": ("03",),
    "5": ("02", "04", "05", "06", "07", "08"),
    "6": ("09",),
    "8": ("10",),
    "7": ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10"),
    "9": ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10"),
}
# Pension codes valid for VKLO 3 in every year (12 "no pension" is excluded from 2021).
_TRYGDESIT_FOR_VKLO3 = ("01", "02", "04", "05", "06", "07", "09", "10", "11")


@dataclass(frozen=True)
class SampleField:
    """One fixed-width field of a year's layout, with its codes in file-description order."""

    name: str
    start: int  # 0-based
    size: int
    datatype: str  # "string", "integer" or "date", as in kontroll.layout
    date_pattern: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class SampleLayout:
    skjema: str
    aar: int
    record_length: int
    fields: tuple[SampleField, ...]
    by_name: dict[str, SampleField]


@cache
def sample_layout(skjema: str, aar: int) -> SampleLayout:
    """The layout of ``skjema`` for ``aar`` (from ``kontroll.layout``), codes kept in order.

    The order matters for determinism: ``Field.codes`` is a frozenset, whose iteration order
    changes with the interpreter's string hashing.
    """
    if skjema not in SKJEMAER or aar not in available_years(skjema):
        raise ValueError(f"no layout for skjema {skjema!r} and year {aar!r}")
    layout = load_layout(skjema, aar)
    fields = tuple(
        SampleField(
            name=f.name,
            start=f.start,
            size=f.size,
            datatype=f.datatype,
            date_pattern=f.date_pattern,
            codes=tuple(f.code_labels),
        )
        for f in (layout.fields[name] for name in layout.names)
    )
    return SampleLayout(
        skjema=skjema,
        aar=aar,
        record_length=layout.record_length,
        fields=fields,
        by_name={f.name: f for f in fields},
    )


# --- national id numbers ----------------------------------------------------------------


def fnr_check_digits(first9: str) -> str | None:
    """The two mod-11 check digits for nine digits, or None when no valid pair exists."""
    digits = [int(c) for c in first9]
    r1 = sum(w * d for w, d in zip(_FNR_W1, digits, strict=True)) % 11
    if r1 == 1:
        return None
    k1 = 0 if r1 == 0 else 11 - r1
    r2 = sum(w * d for w, d in zip(_FNR_W2, [*digits, k1], strict=True)) % 11
    if r2 == 1:
        return None
    k2 = 0 if r2 == 0 else 11 - r2
    return f"{k1}{k2}"


def synthetic_fnr(
    rng: _random.Random, birth: dt.date, *, male: bool, d_number: bool = False
) -> str:
    """A checksum-valid id for someone born in the 1900s on ``birth``.

    The individual number is 000-499 (the 1900-1999 range in every year's age rules) and its
    last digit is odd for men and even for women.
    """
    if not 1900 <= birth.year <= 1999:
        raise ValueError("synthetic ids are only made for births in the 1900s")
    day = birth.day + (40 if d_number else 0)
    prefix = f"{day:02d}{birth.month:02d}{birth.year % 100:02d}"
    while True:
        ind = rng.randrange(0, 500)
        if (ind % 2 == 1) != male:
            ind = ind + 1 if ind < 499 else ind - 1
        first9 = f"{prefix}{ind:03d}"
        check = fnr_check_digits(first9)
        if check is not None:
            return first9 + check


def duf_number(rng: _random.Random) -> str:
    """A 12-digit DUF number with a valid control pair (weights 4,6,3,2,4,6,3,2,7,5)."""
    body = f"{rng.randrange(10**9, 10**10)}"
    rest = sum(w * int(d) for w, d in zip((4, 6, 3, 2, 4, 6, 3, 2, 7, 5), body, strict=True))
    return f"{body}{rest % 11:02d}"


# --- valid records ----------------------------------------------------------------------


class _Record:
    """A mutable record being filled in field by field."""

    def __init__(self, layout: SampleLayout) -> None:
        self.layout = layout
        self.fields = layout.by_name
        self.chars = [" "] * layout.record_length

    def has(self, name: str) -> bool:
        return name in self.fields

    def set(self, name: str, value: str, *, align: str = "left") -> None:
        field = self.fields.get(name)
        if field is None:
            return
        if len(value) > field.size:
            raise ValueError(f"{name}: {value!r} is longer than {field.size}")
        value = value.rjust(field.size) if align == "right" else value.ljust(field.size)
        self.chars[field.start : field.start + field.size] = value

    def get(self, name: str) -> str:
        field = self.fields[name]
        return "".join(self.chars[field.start : field.start + field.size])

    def set_number(self, name: str, value: int) -> None:
        field = self.fields.get(name)
        if field is not None:
            self.set(name, f"{value:0{field.size}d}")

    def set_date(self, name: str, value: dt.date) -> None:
        field = self.fields.get(name)
        if field is not None:
            self.set(name, format_date(value, field.date_pattern))

    def text(self) -> str:
        return "".join(self.chars)


def format_date(value: dt.date, pattern: str) -> str:
    """Format ``value`` as ddMMyy or ddMMyyyy."""
    if pattern == "ddMMyyyy":
        return value.strftime("%d%m%Y")
    return value.strftime("%d%m%y")


def _random_date(rng: _random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


class _Person:
    def __init__(
        self, rng: _random.Random, aar: int, used_fnr: set[str], *, min_age: int, max_age: int
    ) -> None:
        self.male = rng.random() < 0.5
        while True:
            age = rng.randint(min_age, max_age)
            year = aar - age
            self.birth = _random_date(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
            self.fnr = synthetic_fnr(rng, self.birth, male=self.male, d_number=rng.random() < 0.05)
            if self.fnr not in used_fnr:
                used_fnr.add(self.fnr)
                return


def _common_head(
    rec: _Record,
    rng: _random.Random,
    *,
    aar: int,
    kommune: str,
    bydel: str | None,
    journal: str,
    person: _Person,
) -> None:
    rec.set("KOMMUNE_NR", kommune)
    rec.set("VERSION", f"{aar % 100:02d}")
    if kommune == OSLO:
        rec.set("BYDELSNR", bydel or rng.choice(OSLO_BYDELER))
    elif aar == 2020:
        rec.set("BYDELSNR", "00")
    rec.set_date("FODSELSDATO", person.birth)
    rec.set("PERSON_JOURNALNR", journal)
    rec.set("PERSON_FODSELSNR", person.fnr)
    rec.set("KJONN", "1" if person.male else "2")
    rec.set("EKTSTAT", rng.choice("12345"))
    if rng.random() < 0.4:
        rec.set("BU18", "1")
        rec.set_number("ANTBU18", rng.randint(1, 4))
    else:
        rec.set("BU18", "2")
    rec.set("SAKSBEHANDLER", rng.choice(_CASEWORKERS))


def _months(rng: _random.Random) -> list[int]:
    first = rng.randint(1, 12)
    last = rng.randint(first, 12)
    return list(range(first, last + 1))


def _split(rng: _random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


def _valid_11f(rec: _Record, rng: _random.Random, aar: int, person: _Person) -> None:
    vklo = rng.choice("123456789")
    rec.set("VKLO", vklo)
    if vklo == "3":
        trygdesit = rng.choice(_TRYGDESIT_FOR_VKLO3)
        if trygdesit == "05" and rec.get("BU18") != "1":
            trygdesit = "06"
        if trygdesit == "07" and not 63 <= aar - person.birth.year <= 67:
            trygdesit = "09"
        arbsit = "04" if trygdesit in ("04", "07") else rng.choice(_ARBSIT_FOR_VKLO["9"])
        if trygdesit == "11" and arbsit == "08":
            arbsit = "07"
    else:
        trygdesit = "12"
        arbsit = rng.choice(_ARBSIT_FOR_VKLO[vklo])
    rec.set("TRYGDESIT", trygdesit)
    rec.set("ARBSIT", arbsit)

    months = _months(rng)
    for m in months:
        rec.set(f"STMND_{m}", f"{m:02d}")
    bidrag = rng.randint(max(1000, len(months)), 300_000)
    rec.set_number("BIDRAG", bidrag)
    for m, amount in zip(months, _split(rng, bidrag, len(months)), strict=True):
        rec.set_number(f"BIDRAG_{_MONTHS_11F[m - 1]}", amount)
    laan = rng.randint(len(months), 50_000) if rng.random() < 0.3 else 0
    rec.set_number("LAAN", laan)
    if laan:
        for m, amount in zip(months, _split(rng, laan, len(months)), strict=True):
            rec.set_number(f"LAAN_{_MONTHS_11F[m - 1]}", amount)

    rec.set("GITT_OKONOMIRAD", rng.choice("12"))
    rec.set("FAAT_INDIVIDUELL_PLAN", rng.choice("12"))
    rec.set("BOSIT", rng.choice("123456"))
    rec.set("VILKARSAMEKT", rng.choice("12"))
    year_start, year_end = dt.date(aar, 1, 1), dt.date(aar, 12, 31)
    if rng.random() < 0.5:
        rec.set("VILKARSOSLOV", "1")
        start = _random_date(rng, year_start, year_end)
        rec.set_date("UTBETDATO", start)
        rec.set_date("UTBETTOMDATO", _random_date(rng, start, year_end))
        kinds = [name for name in _VILKAR_11F if rec.has(name)]
        for name in rng.sample(kinds, rng.randint(1, 3)):
            rec.set(name, rec.fields[name].codes[-1])
        if rng.random() < 0.5:
            rec.set_date("VEDTAKDATO", _random_date(rng, year_start, year_end))
            for name in ("VEDTAKARB", "VEDTAKAKT", "VEDTAKHELSE", "VEDTAKGRUNN"):
                if rng.random() < 0.4:
                    rec.set(name, rec.fields[name].codes[-1])
            if rng.random() < 0.3:
                name = rng.choice(("SANKSJONRED", "SANKSJONANDRE"))
                rec.set(name, rec.fields[name].codes[-1])
    else:
        rec.set("VILKARSOSLOV", "2")


def _valid_11cf(rec: _Record, rng: _random.Random, aar: int, kommune: str) -> None:
    # Dates lie in the reporting year or the year before (014-016: at most four years old,
    # start not after the reporting year).
    reg = _random_date(rng, dt.date(aar - 1, 1, 1), dt.date(aar, 9, 30))
    vedtak = reg + dt.timedelta(days=rng.randint(0, 30))
    begynt = vedtak + dt.timedelta(days=rng.randint(0, 30))
    rec.set_date("REG_DATO", reg)
    rec.set_date("VEDTAK_DATO", vedtak)
    rec.set_date("BEGYNT_DATO", begynt)

    if rng.random() < 0.15:
        rec.set("KVP_KOMM", "1")
        real = [c for c in rec.fields["KOMMNR_KVP_KOMM"].codes if c.strip("0 9") and c != kommune]
        rec.set("KOMMNR_KVP_KOMM", rng.choice(real))
    else:
        rec.set("KVP_KOMM", "2")
    if kommune == OSLO and rec.has("KVP_OSLO"):
        rec.set("KVP_OSLO", rng.choice("12"))

    if rng.random() < 0.6:
        rec.set("YTELSE_SOSHJELP", "1")
        rec.set("YTELSE_TYPE_SOSHJ", rng.choice("23"))
    for name in _YTELSER:
        if rec.has(name) and rng.random() < 0.2:
            rec.set(name, rec.fields[name].codes[-1])

    if rng.random() < 0.5:
        rec.set("KVP_MED_ASTONAD", "1")
        present = [name for name in _KVP_MED if rec.has(name)]
        for name in rng.sample(present, rng.randint(1, 2)):
            rec.set(name, rec.fields[name].codes[-1])
    else:
        rec.set("KVP_MED_ASTONAD", "2")

    for m in _months(rng):
        rec.set(f"STMND_{m}", f"{m:02d}")
    rec.set_number("KVP_STONAD", rng.randint(8_000, 230_000))

    status_codes = "12345" + ("7" if aar >= 2023 else "")
    status = rng.choice(status_codes)
    rec.set("STATUS", status)
    ended = ("3", "4", "5", "7") if aar >= 2023 else ("3", "4", "5")
    if status in ended:
        rec.set_date(
            "AVSL_DATO", _random_date(rng, max(begynt, dt.date(aar, 1, 1)), dt.date(aar, 12, 31))
        )
    completed = ("3", "7") if aar >= 2023 else ("3",)
    if status in completed:
        ticks = [name for name in _AVSL_TICKS if rec.has(name)]
        for name in rng.sample(ticks, rng.randint(1, 2)):
            rec.set(name, rec.fields[name].codes[-1])
        if rec.has("AVSL_VIKTIGSTE_INNTEKT"):
            rec.set(
                "AVSL_VIKTIGSTE_INNTEKT", rng.choice(rec.fields["AVSL_VIKTIGSTE_INNTEKT"].codes)
            )


def journal_number(index: int) -> str:
    """The journal number of the ``index``-th generated record: unique, eight characters."""
    return f"J{index:07d}"


def _valid_record(
    layout: SampleLayout,
    rng: _random.Random,
    *,
    kommune: str,
    bydel: str | None,
    index: int,
    used_fnr: set[str],
) -> str:
    aar = layout.aar
    rec = _Record(layout)
    # Ages 25-67 (11F) or 25-60 (11CF) stay clear of every year's age rules; births are kept
    # in the 1900s so that all years' century rules agree on them.
    max_age = 67 if layout.skjema == "11F" else 60
    person = _Person(rng, aar, used_fnr, min_age=max(25, aar - 1999), max_age=max_age)
    _common_head(
        rec,
        rng,
        aar=aar,
        kommune=kommune,
        bydel=bydel,
        journal=journal_number(index),
        person=person,
    )
    if layout.skjema == "11F":
        _valid_11f(rec, rng, aar, person)
    else:
        _valid_11cf(rec, rng, aar, kommune)
    return rec.text()


# --- random (arbitrary) records ----------------------------------------------------------


_GARBAGE = "ABZxy-+.,/#*æøåÆØÅ0123456789 "
_BOUNDARY_NUMBERS = (
    0,
    1,
    9,
    10,
    11,
    13,
    14,
    50,
    51,
    199,
    200,
    201,
    7_999,
    8_000,
    8_001,
    235_000,
    235_001,
    500_000,
    500_001,
    600_000,
    600_001,
    1_000_001,
    -5,
)


def _wild_value(field: SampleField, rng: _random.Random, aar: int, valid: str) -> str:
    size = field.size
    choice = rng.randrange(10)
    if choice == 0:
        return " " * size
    if choice == 1:
        return "0" * size
    if choice == 2:
        return "".join(rng.choice(_GARBAGE) for _ in range(size))
    if choice == 3 and field.codes:
        return rng.choice(field.codes).ljust(size)
    if choice == 4 and field.codes:
        code = rng.choice(field.codes).strip()
        return (code.rjust(size) if rng.random() < 0.5 else code.ljust(size))[:size]
    if choice == 5 and field.datatype == "integer":
        number = str(rng.choice(_BOUNDARY_NUMBERS))
        return (number.rjust(size) if rng.random() < 0.5 else number.zfill(size))[-size:]
    if choice == 5 and field.datatype == "date":
        year = aar if rng.random() < 0.7 else rng.choice((aar - 5, aar + 1, 2000))
        day, month = rng.choice(((31, 2), (30, 2), (29, 2), (31, 4), (32, 1), (1, 13), (0, 5)))
        text = f"{day:02d}{month:02d}{year:04d}"
        return text[:4] + text[-(size - 4) :] if size < 8 else text
    if choice == 6:
        return "".join(rng.choice("0123456789") for _ in range(size))
    return valid


def _random_record(
    layout: SampleLayout,
    rng: _random.Random,
    *,
    kommune: str,
    bydel: str | None,
    index: int,
    used_fnr: set[str],
    share: float,
) -> str:
    base = _valid_record(layout, rng, kommune=kommune, bydel=bydel, index=index, used_fnr=used_fnr)
    chars = list(base)
    for field in layout.fields:
        if rng.random() >= share:
            continue
        valid = base[field.start : field.start + field.size]
        if field.name == "PERSON_FODSELSNR":
            value = _wild_fnr(rng, layout.aar, valid)
        elif field.name == "PERSON_DUF":
            value = rng.choice((duf_number(rng), "0" * 12, " " * 12, "123456789012"))
        else:
            value = _wild_value(field, rng, layout.aar, valid)
        chars[field.start : field.start + field.size] = value
    return "".join(chars)


def _wild_fnr(rng: _random.Random, aar: int, valid: str) -> str:
    choice = rng.randrange(8)
    if choice == 0:
        return " " * 11
    if choice == 1:  # wrong check digit
        return valid[:10] + str((int(valid[10]) + 1) % 10)
    if choice == 2:  # a child or a very old person, still checksum-valid
        age = rng.choice((1, 10, 17, 18, 60, 62, 63, 67, 68, 69, 95, 96, 97))
        year = max(1900, min(1999, aar - age))
        return synthetic_fnr(
            rng, dt.date(year, rng.randint(1, 12), rng.randint(1, 28)), male=rng.random() < 0.5
        )
    if choice == 3:  # a date in the 2000s with a 1900s individual number, or nonsense
        return f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(0, 25):02d}" + (
            "".join(rng.choice("0123456789") for _ in range(5))
        )
    if choice == 4:  # the suffixes accepted from 2023
        return valid[:6] + rng.choice(("00100", "00200", "99999"))
    if choice == 5:
        return "".join(rng.choice("0123456789") for _ in range(11))
    return valid


# --- public API -------------------------------------------------------------------------


def generate_records(
    skjema: str,
    aar: int,
    kommune: str,
    bydel: str | None = None,
    *,
    n: int = 50,
    seed: int = 0,
    mode: str = "valid",
    random_share: float = 0.15,
) -> list[str]:
    """``n`` fixed-width records (without line endings) for ``skjema`` and ``aar``.

    ``kommune`` is the four-digit kommunenummer written into every record; for Oslo
    (``0301``) ``bydel`` fixes BYDELSNR, otherwise districts 01-15 are drawn at random.
    ``mode`` is ``"valid"`` or ``"random"``; in random mode about ``random_share`` of the
    fields of each record get an arbitrary value.
    """
    if mode not in ("valid", "random"):
        raise ValueError(f"unknown mode {mode!r}")
    layout = sample_layout(skjema, aar)
    rng = _random.Random(f"{skjema}-{aar}-{kommune}-{bydel}-{seed}-{mode}")
    used_fnr: set[str] = set()
    if mode == "valid":
        return [
            _valid_record(layout, rng, kommune=kommune, bydel=bydel, index=i + 1, used_fnr=used_fnr)
            for i in range(n)
        ]
    return [
        _random_record(
            layout,
            rng,
            kommune=kommune,
            bydel=bydel,
            index=i + 1,
            used_fnr=used_fnr,
            share=random_share,
        )
        for i in range(n)
    ]


def iter_records(
    skjema: str, aar: int, kommune: str, bydel: str | None = None, *, n: int, seed: int = 0
) -> Iterator[str]:
    """Valid records one at a time, for files too large to hold as a list of strings."""
    layout = sample_layout(skjema, aar)
    rng = _random.Random(f"{skjema}-{aar}-{kommune}-{bydel}-{seed}-valid")
    used_fnr: set[str] = set()
    for i in range(n):
        yield _valid_record(
            layout, rng, kommune=kommune, bydel=bydel, index=i + 1, used_fnr=used_fnr
        )


def encode_file(records: Iterable[str], *, line_ending: str = "\r\n") -> bytes:
    """The records as an ISO-8859-1 file, each record ended by ``line_ending``."""
    return "".join(record + line_ending for record in records).encode("iso-8859-1")


def generate_file(
    skjema: str,
    aar: int,
    kommune: str,
    bydel: str | None = None,
    *,
    n: int = 50,
    seed: int = 0,
    mode: str = "valid",
    line_ending: str = "\r\n",
) -> bytes:
    """A whole sample file as ISO-8859-1 bytes (see ``generate_records``)."""
    records = generate_records(skjema, aar, kommune, bydel, n=n, seed=seed, mode=mode)
    return encode_file(records, line_ending=line_ending)


def set_field(record: str, skjema: str, aar: int, name: str, value: str) -> str:
    """``record`` with field ``name`` replaced by ``value`` (padded with spaces on the right)."""
    field = sample_layout(skjema, aar).by_name[name]
    if len(value) > field.size:
        raise ValueError(f"{name}: {value!r} is longer than {field.size}")
    return record[: field.start] + value.ljust(field.size) + record[field.start + field.size :]


def get_field(record: str, skjema: str, aar: int, name: str) -> str:
    """The raw value of field ``name`` in ``record``."""
    field = sample_layout(skjema, aar).by_name[name]
    return record[field.start : field.start + field.size]
