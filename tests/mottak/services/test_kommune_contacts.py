"""Importing SSB's register of KOSTRA contact addresses from CSV."""

import pytest

from mottak.errors import MottakError
from mottak.models import AuditEvent, KommuneContact
from mottak.services.calendar import kommune_contacts_import
from tests.calendar_fixtures import oslo

NOW = oslo(2026, 11, 23, 10)


def test_imports_comma_separated_pads_three_digit_numbers_and_lowercases(db, staff):
    created, updated = kommune_contacts_import(
        csv_text="Kommunenummer,Epost,Navn\n301,Kostra@Oslo.test,Ola\n4601,kostra@bergen.test,\n",
        imported_by=staff,
        now=NOW,
    )
    assert (created, updated) == (2, 0)
    assert sorted(KommuneContact.objects.values_list("kommune_nr", "email", "name")) == [
        ("0301", "kostra@oslo.test", "Ola"),
        ("4601", "kostra@bergen.test", ""),
    ]
    event = AuditEvent.objects.get(action="kommune_contacts.imported")
    assert event.actor == staff and event.data == {"created": 2, "updated": 0, "replace": False}


def test_reimport_updates_and_keeps_other_addresses_unless_replacing(db, staff):
    KommuneContact.objects.create(kommune_nr="4601", email="gammel@bergen.test", created_at=NOW)
    KommuneContact.objects.create(kommune_nr="5001", email="kostra@trondheim.test", created_at=NOW)
    text = "kommunenummer;epost;navn\n4601;kostra@bergen.test;Kari\n"
    kommune_contacts_import(csv_text=text, imported_by=staff, now=NOW)
    assert KommuneContact.objects.filter(kommune_nr="4601").count() == 2
    created, updated = kommune_contacts_import(
        csv_text=text, imported_by=staff, now=NOW, replace=True
    )
    assert (created, updated) == (0, 1)
    assert list(
        KommuneContact.objects.filter(kommune_nr="4601").values_list("email", flat=True)
    ) == ["kostra@bergen.test"]
    # A kommune not in the file is left alone.
    assert KommuneContact.objects.filter(kommune_nr="5001").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nr;mail\n4601;a@b.test\n", "kolonnene «kommunenummer» og «epost»"),
        ("kommunenummer;epost\n46O1;a@b.test\n", "Linje 2: «46O1» er ikke et kommunenummer."),
        ("kommunenummer;epost\n4601;a@b.test\n4601;ikke epost\n", "Linje 3: «ikke epost»"),
    ],
)
def test_bad_file_saves_nothing_and_names_the_line(db, staff, text, expected):
    with pytest.raises(MottakError) as err:
        kommune_contacts_import(csv_text=text, imported_by=staff, now=NOW)
    assert expected in err.value.message
    assert not KommuneContact.objects.exists()
