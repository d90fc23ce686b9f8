"""Whole 11F files per statistics year: a generated valid file is accepted with no findings, and
a file with one fault per rule gives exactly those rule ids, each on its own line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sosialhjelp_records import DUF, FNR, born, record, run

from kontroll import run_control
from kontroll.registry import rules_for
from kontroll.samples import encode_file, generate_records

YEARS = range(2020, 2027)
RUNS_002 = {2020, 2021, 2022, 2026}
VILKAR = ("VILKARARBEID", "VILKARKURS", "VILKARUTD", "VILKARJOBBLOG", "VILKARJOBBTILB",
          "VILKARSAMT", "VILKAROKRETT", "VILKARLIVSH", "VILKARHELSE", "VILKARANNET",
          "VILKARDIGPLAN")  # fmt: skip
CONDITIONS = {"VILKARSOSLOV": "1", "VILKARARBEID": "16"}
NO_BIDRAG_MONTHS = {
    f"BIDRAG_{m}": ""
    for m in ("JAN", "FEB", "MARS", "APRIL", "MAI", "JUNI", "JULI", "AUG", "SEPT", "OKT", "NOV",
              "DES")
}  # fmt: skip


def _dates(aar: int) -> dict[str, str]:
    if aar >= 2025:
        return {"UTBETDATO": f"0101{aar}", "UTBETTOMDATO": f"3112{aar}"}
    return {"UTBETDATO": f"0101{aar % 100:02d}", "UTBETTOMDATO": f"3112{aar % 100:02d}"}


# rule -> (fault for the year, does the fault also break the file description (002)?)
Fault = Callable[[int], dict[str, str]]
FAULTS: dict[str, tuple[Fault, bool]] = {
    "003": (lambda a: {"KOMMUNE_NR": "4205"}, False),
    "003B": (lambda a: {"BYDELSNR": "04"}, False),
    "004": (lambda a: {"VERSION": "19"}, False),
    "004A": (lambda a: {"FODSELSDATO": "31139999"}, True),
    "005": (
        lambda a: {"PERSON_FODSELSNR": FNR[:10] + str(9 - int(FNR[10])), "PERSON_DUF": DUF},
        False,
    ),
    "006": (lambda a: {"PERSON_FODSELSNR": born(a, 17, 500)}, False),
    "007": (lambda a: {"PERSON_FODSELSNR": born(a, 96 if a in (2020, 2025, 2026) else 68)}, False),
    "008": (lambda a: {"KJONN": "3"}, True),
    "009": (lambda a: {"EKTSTAT": "6"}, True),
    "010": (lambda a: {"BU18": "3"}, True),
    "011": (lambda a: {"BU18": "1", "ANTBU18": "00"}, False),
    "012": (lambda a: {"ANTBU18": "01"}, False),
    "013": (lambda a: {"BU18": "1", "ANTBU18": "14"}, False),
    "014": (lambda a: {"VKLO": "0"}, True),
    "015": (lambda a: {"VKLO": "1", "ARBSIT": "03", "TRYGDESIT": "12"}, False),
    "016": (lambda a: {"VKLO": "2", "ARBSIT": "01"}, False),
    "017": (lambda a: {"VKLO": "4", "ARBSIT": "01"}, False),
    "018": (lambda a: {"VKLO": "6", "ARBSIT": "01"}, False),
    "019": (lambda a: {"VKLO": "8", "ARBSIT": "01"}, False),
    "020": (
        lambda a: {"VKLO": "3", "TRYGDESIT": "03" if a == 2020 else "12", "ARBSIT": "04"},
        False,
    ),
    "020B": (lambda a: {"VKLO": "3", "TRYGDESIT": "12", "ARBSIT": "04"}, False),
    "020A": (lambda a: {"TRYGDESIT": "01"}, False),
    "021": (lambda a: {"ARBSIT": "01"}, False),
    "022": (
        lambda a: (
            {"TRYGDESIT": "03"}
            if a == 2026
            else {"VKLO": "3", "TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(a, 55)}
        ),
        False,
    ),
    "023A": (
        lambda a: {"VKLO": "3", "TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": born(a, 55)},
        False,
    ),
    "023": (lambda a: {"VKLO": "3", "TRYGDESIT": "05"}, False),
    "023B": (lambda a: {"VKLO": "3", "TRYGDESIT": "05" if a == 2026 else "13"}, False),
    "023C": (lambda a: {"VKLO": "3", "TRYGDESIT": "13"}, False),
    "024": (lambda a: {"VKLO": "3", "TRYGDESIT": "04", "ARBSIT": "01"}, False),
    "024B": (lambda a: {"VKLO": "3", "TRYGDESIT": "11", "ARBSIT": "08"}, False),
    "025": (lambda a: {"VKLO": "7", "ARBSIT": "11"}, True),
    "026": (lambda a: {f"STMND_{m}": "xx" if a == 2020 else "  " for m in range(1, 13)}, False),
    "027": (lambda a: {"BIDRAG": "", "LAAN": "", **NO_BIDRAG_MONTHS}, False),
    "030": (lambda a: {"BIDRAG": "1000001", **NO_BIDRAG_MONTHS, "BIDRAG_JAN": "1000001"}, False),
    "031": (lambda a: {"BIDRAG": "0000050", **NO_BIDRAG_MONTHS, "BIDRAG_JAN": "0000050"}, False),
    "032": (lambda a: {"GITT_OKONOMIRAD": "3"}, True),
    "033": (lambda a: {"FAAT_INDIVIDUELL_PLAN": "3"}, True),
    "035": (lambda a: {"BOSIT": "8"}, True),
    "036": (lambda a: {"BIDRAG_DES": "0001001"}, False),
    "037": (lambda a: {"LAAN": "0001000", "LAAN_MAI": "0000999"}, False),
    "038": (lambda a: {"PERSON_FODSELSNR": "", "PERSON_DUF": "000000000001"}, False),
    "039": (lambda a: {"VILKARSOSLOV": "3"}, True),
    "040": (lambda a: {"VILKARSAMEKT": "3"}, True),
    "041": (lambda a: {**CONDITIONS, **_dates(a), "UTBETDATO": "99"}, True),
    "042": (lambda a: {**CONDITIONS, **_dates(a), "UTBETTOMDATO": "99"}, True),
    "043": (
        lambda a: {
            **_dates(a),
            "VILKARSOSLOV": "1",
            **({v: "xx" for v in VILKAR} if a == 2020 else {}),
        },
        False,
    ),
}
# Rules whose fault unavoidably sets off another rule on the same record.
COMPANIONS = {
    ("026", 2020): {"029", "002"},  # 2020 counts blank months as ticked: only bad codes fire
    ("020", 2020): {"002"},  # every TRYGDESIT that 2020's 020 rejects is outside the code list
    ("043", 2020): {"002"},  # likewise for the kinds of conditions
    ("026", 2021): {"029"},
    ("026", 2022): {"029"},
    ("027", 2020): {"028"},
    ("027", 2021): {"028"},
    ("027", 2022): {"028"},
    ("027", 2023): {"031"},
    ("027", 2024): {"031"},
    ("027", 2025): {"031"},
    ("027", 2026): {"031", "002"},  # BIDRAG and LAAN are mandatory in 2026
    ("022", 2026): {"002"},  # an invalid TRYGDESIT is outside the code list too
    ("038", 2020): {"005", "006"},
    ("038", 2021): {"005"},
    ("038", 2022): {"005"},
    ("038", 2023): {"005"},
    ("038", 2024): {"005"},
    ("038", 2025): {"005"},
    ("038", 2026): {"005", "006"},
}
FILE_RULES = {"000", "001", "002", "005A", "005B", "028", "029"}


def _fault_records(aar: int) -> list[tuple[str, str, set[str]]]:
    """(rule, record, expected ids) for every record rule of the year."""
    out = []
    for n, r in enumerate(rules_for("11F", aar)):
        if r.id in FILE_RULES:
            continue
        fault, breaks_layout = FAULTS[r.id]
        fields = {"PERSON_JOURNALNR": f"F{n:07d}",
                  "PERSON_FODSELSNR": born(aar, 30 + n % 30, individual=100 + 7 * n),
                  **fault(aar)}  # fmt: skip
        expected = {r.id} | COMPANIONS.get((r.id, aar), set())
        if breaks_layout and aar in RUNS_002:
            expected.add("002")
        out.append((r.id, record(aar, **fields), expected))
    return out


@pytest.mark.parametrize("aar", YEARS)
@pytest.mark.parametrize(("kommune", "bydel"), [("4204", None), ("0301", "05")])
def test_generated_valid_file_is_accepted_without_findings(
    aar: int, kommune: str, bydel: str | None
) -> None:
    data = encode_file(generate_records("11F", aar, kommune, bydel, n=300, seed=aar))
    report = run_control(skjema="11F", aar=aar, data=data, kommune=kommune, bydel=bydel)
    assert report.findings == []
    assert report.accepted
    assert report.records == 300


@pytest.mark.parametrize("aar", YEARS)
def test_one_fault_per_rule_gives_exactly_those_rule_ids(aar: int) -> None:
    faults = _fault_records(aar)
    report = run(aar, [text for _, text, _ in faults])
    found: dict[int, set[str]] = {}
    for f in report.findings:
        found.setdefault(f.line or 0, set()).add(f.rule)
    expected = {line: ids for line, (_, _, ids) in enumerate(faults, start=1)}
    assert found == expected
