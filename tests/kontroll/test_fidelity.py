"""Fidelity fixes found by the differential fuzz against SSB's reference programs, each
checked against the reference's Java (kontroll/README.md, "Fidelity")."""

from __future__ import annotations

import datetime as dt

import kvp_records as kvp
import pytest
import sosialhjelp_records as sos

from kontroll.definitions import age_t6, java_ddmmyy_valid


def _022(aar: int, fnr: str) -> bool:
    return sos.fires("022", aar, PERSON_FODSELSNR=fnr, VKLO="3", TRYGDESIT="07", ARBSIT="04")


# --- 1: 11F 2021 rule 022, impossible dates have no age ---------------------------------------


@pytest.mark.parametrize(
    "fnr",
    [
        "31024585290",  # 31.02
        "29024500000",  # 29.02 in 1945, not a leap year
        "31044500000",  # 31.04
        "71024500000",  # D-number: day 71 - 40 = 31 in February
    ],
)
def test_an_id_with_an_impossible_date_has_no_age_so_022_fires(fnr):
    assert age_t6(fnr, 2021) == -1
    assert _022(2021, fnr)


@pytest.mark.parametrize("fnr", ["28024500000", "29024800000", "30044500000", "68024500000"])
def test_a_real_date_gives_an_age_and_an_old_pensioner_passes_022(fnr):
    assert age_t6(fnr, 2021) in (73, 76)
    assert not _022(2021, fnr)


def test_11cf_2021_counts_an_impossible_date_as_age_minus_1():
    assert kvp.fires("006", 2021, PERSON_FODSELSNR="31024585290")


# --- 2: 2021 ages read the day leniently, as Format.parseInt does -------------------------------


def test_a_space_before_the_day_digit_is_read_as_the_day():
    assert age_t6(" 8114883302", 2021) == 73
    assert not _022(2021, " 8114883302")  # 73 years old: not too young for old-age pension


def test_a_year_the_reference_cannot_parse_as_a_number_marks_the_id_unusable():
    assert age_t6("0811 80000", 2021) is None  # Integer.parseInt(" 8") throws
    assert age_t6("08 1480000", 2021) == 73  # as the reference's Java computes it


def test_11cf_2021_reads_the_same_age_and_warns_007_not_006():
    assert kvp.fires("007", 2021, PERSON_FODSELSNR=" 8114883302")
    assert not kvp.fires("006", 2021, PERSON_FODSELSNR=" 8114883302")


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("081148", True),
        ("08 148", True),  # the month field takes " 1" (the space skipped), the year "48"
        ("310245", False),
        ("290200", True),  # 2000 is a leap year
        ("-10245", False),
        ("+10245", False),
    ],
)
def test_simpledateformat_ddmmyy_as_the_reference_parses_it(text, valid):
    assert java_ddmmyy_valid(text, today=dt.date(2026, 12, 2)) is valid


# --- 3: 2020 accepts "+" in place of a leading 0 ----------------------------------------------


def test_2020_id_with_a_plus_for_the_leading_zero_is_valid_and_has_an_age():
    fnr = sos.fnr(dt.date(1984, 6, 5))
    assert fnr.startswith("0")
    plus = "+" + fnr[1:]
    assert not sos.fires("005", 2020, PERSON_FODSELSNR=plus)
    assert not sos.fires("006", 2020, PERSON_FODSELSNR=plus)  # 36 years old
    assert sos.fires("005", 2020, PERSON_FODSELSNR="-" + fnr[1:])


# --- 4: 11CF 027, a support field holding TAB, NUL or ^Z is ticked ------------------------------


@pytest.mark.parametrize("aar", [2020, 2021, 2022])
@pytest.mark.parametrize(("value", "fires"), [("\t", True), ("\x00", True), ("\x1a", True),
                                              (" ", False), ("0", False)])  # fmt: skip
def test_027_no_support_answered_but_a_field_holds_a_control_character(aar, value, fires):
    assert kvp.fires("027", aar, KVP_MED_ASTONAD="2", KVP_MED_KOMMBOS=value) is fires
