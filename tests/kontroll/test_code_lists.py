"""Code lists come from the file descriptions, with the catalogue's documented exceptions."""

import kvp_records as kvp
import pytest
import sosialhjelp_records as sos

from kontroll.layout import CODE_LIST_OVERRIDES, code_list, load_layout


def test_every_override_replaces_an_empty_list_by_a_real_one():
    for (skjema, aar, field), source in CODE_LIST_OVERRIDES.items():
        assert load_layout(skjema, aar).fields[field].codes == frozenset(), (skjema, aar, field)
        assert code_list(skjema, aar, field) == load_layout(skjema, source).fields[field].codes
        assert code_list(skjema, aar, field)


def test_without_an_override_the_code_list_is_the_layouts():
    assert code_list("11F", 2021, "VKLO") == load_layout("11F", 2021).fields["VKLO"].codes
    assert code_list("11F", 2020, "BOSIT") == frozenset("1234567")
    assert code_list("11F", 2021, "BOSIT") == frozenset("123456")


@pytest.mark.parametrize(("value", "fires"), [("1", False), ("9", False), ("0", True)])
def test_11f_2022_checks_vklo_against_the_2021_list(value, fires):
    assert sos.fires("014", 2022, VKLO=value) is fires


@pytest.mark.parametrize(("value", "fires"), [("1", False), ("2", False), ("3", True)])
def test_11cf_2022_checks_kvp_oslo_against_the_2021_list(value, fires):
    assert kvp.fires("020A", 2022, kommune=kvp.OSLO, KVP_OSLO=value) is fires
