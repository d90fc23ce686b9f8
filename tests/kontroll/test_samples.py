import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kontroll import run_control, samples
from kontroll.layout import available_years
from kontroll.registry import rules_for

CASES = [(s, aar) for s in samples.SKJEMAER for aar in available_years(s)]


@pytest.mark.parametrize(("skjema", "aar"), CASES)
def test_records_have_the_record_length_of_the_year(skjema, aar):
    layout = samples.sample_layout(skjema, aar)
    records = samples.generate_records(skjema, aar, "4204", n=20, seed=1)

    assert {len(r) for r in records} == {layout.record_length}


def test_record_lengths_follow_the_layout_changes():
    lengths = {
        (skjema, aar): samples.sample_layout(skjema, aar).record_length for skjema, aar in CASES
    }

    assert lengths[("11F", 2020)] == 324
    assert lengths[("11F", 2025)] == 338
    assert lengths[("11CF", 2020)] == 167
    assert lengths[("11CF", 2021)] == 139
    assert lengths[("11CF", 2024)] == 136
    assert lengths[("11CF", 2026)] == 152


@pytest.mark.parametrize("mode", ["valid", "random"])
def test_same_seed_gives_the_same_file_and_another_seed_another(mode):
    first = samples.generate_file("11F", 2021, "4204", n=30, seed=7, mode=mode)
    again = samples.generate_file("11F", 2021, "4204", n=30, seed=7, mode=mode)
    other = samples.generate_file("11F", 2021, "4204", n=30, seed=8, mode=mode)

    assert first == again
    assert first != other


@pytest.mark.parametrize(("skjema", "aar"), CASES)
def test_journal_numbers_and_ids_are_unique(skjema, aar):
    records = samples.generate_records(skjema, aar, "0301", n=300, seed=3)
    journals = [samples.get_field(r, skjema, aar, "PERSON_JOURNALNR") for r in records]
    ids = [samples.get_field(r, skjema, aar, "PERSON_FODSELSNR") for r in records]

    assert len(set(journals)) == 300
    assert len(set(ids)) == 300


def _checksum_ok(fnr: str) -> bool:
    return samples.fnr_check_digits(fnr[:9]) == fnr[9:]


def test_generated_ids_have_valid_check_digits_and_adult_birth_dates():
    records = samples.generate_records("11CF", 2021, "4204", n=200, seed=4)
    for record in records:
        fnr = samples.get_field(record, "11CF", 2021, "PERSON_FODSELSNR")
        day = int(fnr[:2]) % 40
        born = dt.date(1900 + int(fnr[4:6]), int(fnr[2:4]), day)
        assert _checksum_ok(fnr)
        assert 25 <= 2021 - born.year <= 60
        assert int(fnr[6:9]) < 500


def test_check_digits_match_hand_computed_examples():
    # 010190 124: r1 = 102 mod 11 = 3 -> k1 = 8; r2 = (94 + 2 * 8) mod 11 = 0 -> k2 = 0
    assert samples.fnr_check_digits("010190124") == "80"
    # 010190 123: r1 = 100 mod 11 = 1, so no valid id exists with this prefix
    assert samples.fnr_check_digits("010190123") is None


def test_sex_digit_of_the_id_agrees_with_kjonn():
    records = samples.generate_records("11F", 2020, "4204", n=100, seed=5)
    for record in records:
        fnr = samples.get_field(record, "11F", 2020, "PERSON_FODSELSNR")
        kjonn = samples.get_field(record, "11F", 2020, "KJONN")
        assert kjonn == ("1" if int(fnr[8]) % 2 else "2")


def test_synthetic_fnr_refuses_births_outside_the_1900s():
    with pytest.raises(ValueError):
        samples.synthetic_fnr(random.Random(1), dt.date(2001, 1, 1), male=True)


def test_duf_number_has_a_valid_control_pair():
    duf = samples.duf_number(random.Random(2))
    weights = (4, 6, 3, 2, 4, 6, 3, 2, 7, 5)

    assert len(duf) == 12
    assert int(duf[10:]) == sum(w * int(d) for w, d in zip(weights, duf, strict=False)) % 11


def test_oslo_records_carry_the_requested_bydel_and_others_the_year_default():
    oslo = samples.generate_records("11F", 2021, "0301", "05", n=10, seed=1)
    bergen_2020 = samples.generate_records("11F", 2020, "4204", n=10, seed=1)
    bergen_2021 = samples.generate_records("11F", 2021, "4204", n=10, seed=1)

    assert {samples.get_field(r, "11F", 2021, "BYDELSNR") for r in oslo} == {"05"}
    assert {samples.get_field(r, "11F", 2020, "BYDELSNR") for r in bergen_2020} == {"00"}
    assert {samples.get_field(r, "11F", 2021, "BYDELSNR") for r in bergen_2021} == {"  "}


def test_file_is_iso_8859_1_with_the_chosen_line_ending():
    records = ["ÆØÅ" + " " * 5, "abc" + " " * 5]

    data = samples.encode_file(records, line_ending="\n")

    assert data == "ÆØÅ     \nabc     \n".encode("iso-8859-1")
    assert len(data) == 18


def test_random_mode_changes_fields_but_keeps_the_record_length():
    valid = samples.generate_records("11CF", 2020, "4204", n=50, seed=9)
    wild = samples.generate_records("11CF", 2020, "4204", n=50, seed=9, mode="random")

    assert {len(r) for r in wild} == {167}
    assert wild != valid


def test_set_field_replaces_only_that_field():
    record = samples.generate_records("11F", 2020, "4204", n=1, seed=1)[0]

    changed = samples.set_field(record, "11F", 2020, "KJONN", "9")

    assert samples.get_field(changed, "11F", 2020, "KJONN") == "9"
    assert changed[:41] == record[:41]
    assert changed[42:] == record[42:]


def test_iter_records_yields_the_same_records_as_the_list():
    listed = samples.generate_records("11F", 2026, "4204", n=15, seed=2)

    assert list(samples.iter_records("11F", 2026, "4204", n=15, seed=2)) == listed


def test_unknown_year_or_mode_is_refused():
    with pytest.raises(ValueError):
        samples.generate_records("11F", 2019, "4204", n=1)
    with pytest.raises(ValueError):
        samples.generate_records("11F", 2020, "4204", n=1, mode="chaos")


@pytest.mark.parametrize(("skjema", "aar"), CASES)
@pytest.mark.parametrize(("kommune", "bydel"), [("4204", None), ("0301", None), ("0301", "12")])
def test_valid_file_is_accepted_without_findings(skjema, aar, kommune, bydel):
    if not rules_for(skjema, aar):
        pytest.skip(f"kontroll has no rules for {skjema} {aar} yet")
    data = samples.generate_file(skjema, aar, kommune, bydel, n=150, seed=aar)

    report = run_control(skjema=skjema, aar=aar, data=data, kommune=kommune, bydel=bydel)

    assert [(f.line, f.rule) for f in report.findings] == []
    assert report.accepted is True
    assert report.as_dict()["records"] == 150


def test_output_does_not_depend_on_the_interpreters_hash_seed():
    code = (
        "import hashlib, sys; from kontroll import samples; "
        "data = samples.generate_file('11CF', 2021, '4204', n=40, seed=3, mode='random'); "
        "print(hashlib.sha256(data).hexdigest())"
    )
    root = Path(__file__).resolve().parents[2]
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }

    assert len(digests) == 1


@pytest.mark.parametrize(("skjema", "aar"), [("11F", 2020), ("11CF", 2021), ("11F", 2026)])
def test_random_file_trips_many_different_rules(skjema, aar):
    data = samples.generate_file(skjema, aar, "4204", n=200, seed=1, mode="random")

    report = run_control(skjema=skjema, aar=aar, data=data, kommune="4204")

    assert report.accepted is False
    assert len({f.rule for f in report.findings}) >= 10
    assert all(f.line is not None for f in report.findings if f.rule not in ("000", "001"))
