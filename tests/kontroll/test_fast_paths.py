"""Fast paths give exactly what the plain definitions give (kontroll's speed work)."""

from __future__ import annotations

import random

import pytest

from kontroll.columns import _ints_by_value, ints, ints0
from kontroll.definitions import age_t6
from kontroll.layout import load_layout
from kontroll.reader import JAVA_WHITESPACE, read_lines
from kontroll.records import FileData
from kontroll.rules.common import (
    ID_SUFFIXES,
    age_2020,
    age_2021,
    age_t7,
    birth_date_t7,
    fnr_age_2020,
    fnr_ok_2020,
    fnr_valid,
    to_int,
)
from kontroll.strided import _ID_SUFFIXES, distinct_keys, field_digits, has_blank, valid_ids
from kontroll.strided import ages_2021 as strided_ages_2021
from kontroll.strided import ages_t7 as strided_ages_t7

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _with_check_digits(first9: str) -> str | None:
    digits = [int(c) for c in first9]
    for weights in (_W1, _W2):
        k = (11 - sum(w * d for w, d in zip(weights, digits, strict=False)) % 11) % 11
        if k == 10:
            return None
        digits.append(k)
    return "".join(map(str, digits))


def _ids(n: int) -> list[str]:
    rng = random.Random(2020)
    ids: list[str] = []
    while len(ids) < n:
        day, month, yy, ind = (
            rng.randint(0, 72),
            rng.randint(0, 13),
            rng.randint(0, 99),
            rng.randint(0, 999),
        )
        valid = _with_check_digits(f"{day:02d}{month:02d}{yy:02d}{ind:03d}")
        if valid is not None:
            ids.append(valid)
            ids.append(valid[:10] + str((int(valid[10]) + 1) % 10))  # a wrong check digit
    return ids


@pytest.mark.parametrize(
    "value",
    ["", "           ", "0101200001", "010120000123", "0101 000123", "2902000012 ", "41012000123",
     "290201abc12", "3102２000123", "00000000000", "31129949999", "01019990000"],
)  # fmt: skip
def test_fnr_age_2020_matches_the_definitions_for_odd_values(value: str) -> None:
    assert fnr_age_2020(value) == (fnr_ok_2020(value), age_2020(value))


def test_fnr_age_2020_matches_the_definitions_for_many_ids() -> None:
    ids = _ids(20_000)
    got = [fnr_age_2020(v) for v in ids]
    assert got == [(fnr_ok_2020(v), age_2020(v)) for v in ids]
    assert 5_000 < sum(ok for ok, _ in got) < 20_000  # both outcomes are exercised


def _read_lines_slowly(data: bytes, drop_whitespace_lines: bool) -> tuple[list[str], list[int]]:
    physical = data.decode("latin-1").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    kept = [
        (line, number)
        for number, line in enumerate(physical, start=1)
        if (line.strip(JAVA_WHITESPACE) if drop_whitespace_lines else line)
    ]
    return [line for line, _ in kept], [number for _, number in kept]


@pytest.mark.parametrize("drop_whitespace_lines", [True, False])
@pytest.mark.parametrize(
    "data",
    [b"", b"\n", b"a\nb\n", b"a\nb", b"a\n\nb\n", b"a\n   \nb", b"a\n\x01\x1f\nb\n", b" a\nb\n",
     b"\tx\r\ny\r\r\nz", b"\n\nabc", b"abc\n\n", b"\xa0\n\x7f\n", b"a\r\nb\r\n", b"a\r\n\r\nb",
     b"a\r\nb\nc\r\n", b" \r\n\r\n"],
)  # fmt: skip
def test_read_lines_keeps_and_numbers_lines_as_the_plain_loop(
    data: bytes, drop_whitespace_lines: bool
) -> None:
    lines = read_lines(data, drop_whitespace_lines=drop_whitespace_lines)
    assert (lines.texts, lines.numbers) == _read_lines_slowly(data, drop_whitespace_lines)


def _file(values: list[str], ending: bytes = b"\n", final: bool = True) -> FileData:
    """An 11F 2020 file of records with BIDRAG (positions 76-82) set to ``values``."""
    layout = load_layout("11F", 2020)
    f = layout.fields["BIDRAG"]
    records = [("1" * f.start + v + " " * (layout.record_length - f.end)).encode("latin-1")
               for v in values]  # fmt: skip
    raw = ending.join(records) + (ending if final else b"")
    return FileData(raw, read_lines(raw), layout)


@pytest.mark.parametrize(("ending", "final"), [(b"\n", True), (b"\r\n", True), (b"\n", False)])
def test_number_fields_from_bytes_match_the_per_value_path(ending: bytes, final: bool) -> None:
    rng = random.Random(7)
    values = [f"{rng.randint(0, 9_999_999):>7}" for _ in range(500)]
    values += ["       ", "0000000", "0001234", "      1", "9999999"]
    file = _file(values, ending, final)
    assert field_digits(file, "BIDRAG") is not None
    assert ints(file, "BIDRAG") == _ints_by_value(_file(values, ending, final), "BIDRAG")
    assert ints0(file, "BIDRAG")[-5:] == [0, 0, 1234, 1, 9999999]


@pytest.mark.parametrize("odd", ["12 34  ", "1234   ", "   -12", "\t123456", "+123456", "12_3456",
                                 "12\xa03456", "\xb2\xb3\xb912345"])  # fmt: skip
def test_number_fields_with_odd_values_take_the_per_value_path(odd: str) -> None:
    values = ["0001234", odd.ljust(7)[:7], "      5"]
    file = _file(values)
    assert field_digits(file, "BIDRAG") is None
    assert ints(file, "BIDRAG") == [1234, to_int(odd.ljust(7)[:7]), 5]


def test_number_fields_from_bytes_need_one_line_ending_throughout() -> None:
    layout = load_layout("11F", 2020)
    record = b"0" * layout.record_length
    for raw in (record + b"\r\n" + record + b"\n", record + b"\n" + record + b"\r\n" + record):
        file = FileData(raw, read_lines(raw), layout)
        assert field_digits(file, "BIDRAG") is None
        assert ints(file, "BIDRAG") == [0] * len(file)


@pytest.mark.parametrize("aar", [2023, 2024, 2025, 2026])
def test_age_t7_matches_the_birth_date(aar: int) -> None:
    rng = random.Random(aar)
    ids = [f"{rng.randint(0, 99):02d}{rng.randint(0, 19):02d}{rng.randint(0, 99):02d}"
           + rng.choice(["00100", "00200", "99999", f"{rng.randint(0, 99999):05d}"])
           for _ in range(20_000)]  # fmt: skip
    ids += _ids(5_000) + ["", "0101901234", "01019012345 ", "0101 012345", "4101908000 "]
    for value in ids:
        born = birth_date_t7(value, aar)
        assert age_t7(value, aar) == (None if born is None else aar - born.year), value


def _age_2021_plain(value: str, aar: int) -> int:
    age = age_t6(value, aar)  # the definition, with Java's parsing (kontroll.definitions)
    return -1 if age is None else age


@pytest.mark.parametrize("aar", [2021, 2022, 2026])
def test_age_2021_fast_path_matches_the_definition(aar: int) -> None:
    rng = random.Random(aar)
    ids = [f"{rng.randint(0, 99):02d}{rng.randint(0, 19):02d}{rng.randint(0, 99):02d}"
           f"{rng.randint(0, 99999):05d}" for _ in range(20_000)]  # fmt: skip
    ids += _ids(5_000) + ["", "0101901234", "01019012345 ", "0101 012345", "4101 08000 "]
    for value in ids:
        assert age_2021(value, aar) == _age_2021_plain(value, aar), value


@pytest.mark.parametrize(
    "names",
    [("KJONN",), ("TRYGDESIT",), ("VKLO", "ARBSIT"), ("TRYGDESIT", "BU18", "ANTBU18"),
     ("BYDELSNR", "KOMMUNE_NR")],
)  # fmt: skip
def test_distinct_keys_from_bytes_are_the_concatenated_values(names: tuple[str, ...]) -> None:
    layout = load_layout("11F", 2020)
    rng = random.Random(11)
    alphabet = "0123456789 AZ\xe6\xf8\t"
    lines = ["".join(rng.choice(alphabet) for _ in range(layout.record_length)) + "x"
             for _ in range(300)]  # fmt: skip
    lines = [line[: layout.record_length] for line in lines]
    raw = ("\r\n".join(lines) + "\r\n").encode("latin-1")
    file = FileData(raw, read_lines(raw), layout)
    fields = [layout.fields[name] for name in names]
    expected = {"".join(line[f.start : f.end] for f in fields) for line in lines}
    assert distinct_keys(file, names) == expected


@pytest.mark.parametrize(
    ("value", "blank"),
    [("0001234", False), ("       ", True), ("\t \x00   \x20", True), ("      1", False)],
)
def test_has_blank_finds_a_field_of_only_whitespace(value: str, blank: bool) -> None:
    file = _file(["0000001", value, "1234567"])
    assert has_blank(file, "BIDRAG") is blank
    assert has_blank(_file(["0000001", "1234567"]), "BIDRAG") is False


def test_valid_ids_from_bytes_match_fnr_valid() -> None:
    layout = load_layout("11F", 2020)
    f = layout.fields["PERSON_FODSELSNR"]
    rng = random.Random(38)
    values = _ids(5_000) + ["".join(rng.choice("0123456789 a\xb2") for _ in range(11))
                            for _ in range(5_000)]  # fmt: skip
    lines = ["1" * f.start + v + "1" * (layout.record_length - f.end) for v in values]
    raw = "\r\n".join(lines).encode("latin-1")
    mask = valid_ids(FileData(raw, read_lines(raw), layout), "PERSON_FODSELSNR")
    assert mask is not None
    assert list(map(bool, mask)) == [fnr_valid(v) for v in values]
    assert 2_000 < sum(mask) < 5_000


@pytest.mark.parametrize("aar", [2021, 2022, 2026])
def test_ages_2021_from_bytes_match_age_2021(aar: int) -> None:
    layout = load_layout("11F", 2020)
    f = layout.fields["PERSON_FODSELSNR"]
    values = [f"{d:02d}{m:02d}{y:02d}12345" for d in range(100) for m in range(14)
              for y in (0, 21, 22, 26, 27, 99)] + _ids(2_000)  # fmt: skip
    lines = ["1" * f.start + v + "1" * (layout.record_length - f.end) for v in values]
    raw = "\n".join(lines).encode("latin-1")
    file = FileData(raw, read_lines(raw), layout)
    assert strided_ages_2021(file, "PERSON_FODSELSNR", aar) == [age_2021(v, aar) for v in values]
    lines[0] = lines[0][: f.start] + " " * 11 + lines[0][f.end :]  # not all digits: no answer
    raw = "\n".join(lines).encode("latin-1")
    assert (
        strided_ages_2021(FileData(raw, read_lines(raw), layout), "PERSON_FODSELSNR", aar) is None
    )


@pytest.mark.parametrize("aar", [2025, 2026])
def test_ages_t7_from_bytes_match_age_t7(aar: int) -> None:
    layout = load_layout("11F", 2020)
    f = layout.fields["PERSON_FODSELSNR"]
    rng = random.Random(aar)
    values = [f"{rng.randint(0, 99):02d}{rng.randint(0, 19):02d}{rng.randint(0, 99):02d}"
              + rng.choice([*ID_SUFFIXES, f"{rng.randint(0, 99999):05d}"])
              for _ in range(20_000)] + _ids(2_000)  # fmt: skip
    lines = ["1" * f.start + v + "1" * (layout.record_length - f.end) for v in values]
    raw = "\n".join(lines).encode("latin-1")
    file = FileData(raw, read_lines(raw), layout)
    assert strided_ages_t7(file, "PERSON_FODSELSNR", aar) == [age_t7(v, aar) for v in values]


def test_ages_t7_from_bytes_use_the_same_suffixes() -> None:
    assert _ID_SUFFIXES == ID_SUFFIXES
