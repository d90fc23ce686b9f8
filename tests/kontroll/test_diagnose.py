"""kontroll.diagnose: another form's or year's record length, and files still encrypted."""

from kontroll import samples
from kontroll.diagnose import diagnose


def test_11cf_file_sent_as_11f_is_recognised():
    data = samples.generate_file("11CF", 2020, "4601", n=30, seed=1)
    found = diagnose(skjema="11F", aar=2020, data=data)
    assert found.code == "other_skjema"
    assert found.message.startswith("Filen ser ut som skjema 11CF (postene har 167 tegn")
    assert "skal ha 324 tegn" in found.message


def test_11f_file_of_an_earlier_year_is_recognised():
    data = samples.generate_file("11F", 2020, "4601", n=5, seed=1)
    found = diagnose(skjema="11F", aar=2025, data=data)
    assert found.code == "other_year"
    assert "statistikkåret 2020–2024" in found.message and "338 tegn" in found.message


def test_right_file_has_no_diagnosis():
    for skjema, aar in (("11F", 2020), ("11CF", 2021), ("11F", 2025)):
        data = samples.generate_file(skjema, aar, "4601", n=5, seed=2)
        assert diagnose(skjema=skjema, aar=aar, data=data) is None


def test_already_encrypted_compressed_and_binary_files():
    assert diagnose(skjema="11F", aar=2020, data=b"KOSTRA-ENVELOPE\n\x00\x01").code == (
        "already_encrypted"
    )
    assert diagnose(skjema="11F", aar=2020, data=b"PK\x03\x04rest").code == "compressed"
    assert diagnose(skjema="11F", aar=2020, data=b"\x1f\x8b\x08").code == "compressed"
    assert diagnose(skjema="11F", aar=2020, data=bytes(range(256)) * 4).code == "binary"


def test_unknown_length_or_empty_file_is_left_to_rule_001():
    assert diagnose(skjema="11F", aar=2020, data=b"x" * 50 + b"\r\n") is None
    assert diagnose(skjema="11F", aar=2020, data=b"") is None
    assert diagnose(skjema="11F", aar=1999, data=b"x" * 167) is None


def test_diagnosis_carries_template_and_values_for_translation():
    data = samples.generate_file("11CF", 2020, "4601", n=3, seed=1)
    stored = diagnose(skjema="11F", aar=2020, data=data).as_dict()
    assert stored["template"].format(**stored["values"]) == stored["message"]
    assert stored["values"] == {
        "skjema": "11F", "aar": 2020, "length": 167, "expected": 324,
        "other": "11CF", "years": "2020",
    }  # fmt: skip


def test_diagnosis_is_a_catalogued_message_in_bokmal_and_english():
    data = samples.generate_file("11CF", 2020, "4601", n=3, seed=1)
    found = diagnose(skjema="11F", aar=2020, data=data)
    assert found.message_id == "diagnose.other_skjema.1"
    assert found.as_dict()["message_id"] == "diagnose.other_skjema.1"
    assert found.text("en").startswith("The file looks like form 11CF (the records have 167")
    assert "must have 324 characters" in found.text("en")
    encrypted = diagnose(skjema="11F", aar=2020, data=b"KOSTRA-ENVELOPE\n\x00")
    assert encrypted.text("en").startswith("The file is already encrypted")
    assert encrypted.message.startswith("Filen er allerede kryptert")
