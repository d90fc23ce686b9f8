"""NAV's KVP counts: CSV import, all or nothing, and the tolerance."""

import pytest

from mottak.errors import MottakError
from mottak.models import AuditEvent
from mottak.models.ssb import NavCount, NavImport
from mottak.services.ssb_nav import nav_counts_import, nav_difference_flagged
from tests.calendar_fixtures import oslo

NOW = oslo(2021, 2, 1)


def test_imports_semicolon_csv_with_bom(staff):
    content = "\ufeffKommune;Deltakere\n4601;17\n301;5\n".encode()
    nav_import = nav_counts_import(aar=2020, content=content, uploaded_by=staff, now=NOW)
    assert dict(nav_import.counts.values_list("kommune_nr", "participants")) == {
        "4601": 17,
        "0301": 5,
    }
    assert AuditEvent.objects.filter(action="nav.imported").count() == 1


def test_bad_rows_refuse_the_whole_file_with_line_numbers(staff):
    content = b"kommune,deltakere\n4601,17\n46X1,3\n5001,-2\n4601,1\n"
    with pytest.raises(MottakError) as exc:
        nav_counts_import(aar=2020, content=content, uploaded_by=staff, now=NOW)
    assert "linje 3" in exc.value.message and "linje 4" in exc.value.message
    assert "linje 5" in exc.value.message
    assert not NavImport.objects.exists() and not NavCount.objects.exists()


def test_missing_columns_are_refused(staff):
    with pytest.raises(MottakError) as exc:
        nav_counts_import(aar=2020, content=b"a;b\n1;2\n", uploaded_by=staff, now=NOW)
    assert exc.value.code == "header"


def test_only_staff_import(kontakt_bergen):
    with pytest.raises(MottakError):
        nav_counts_import(
            aar=2020, content=b"kommune;deltakere\n4601;1\n", uploaded_by=kontakt_bergen, now=NOW
        )


@pytest.mark.parametrize(
    ("nav", "delivered", "flagged"),
    [
        (20, 12, True),
        (11, 10, False),
        (100, 91, False),
        (100, 89, True),
        (3, 0, True),
        (2, 0, False),
    ],
)
def test_difference_must_exceed_both_tolerances(nav, delivered, flagged):
    nav_import = NavImport(tolerance_absolute=2, tolerance_percent=10)
    assert nav_difference_flagged(nav=nav, delivered=delivered, nav_import=nav_import) is flagged
