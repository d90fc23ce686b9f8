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


def test_preview_says_what_replace_and_update_do(staff):
    from mottak.services.ssb_nav import nav_counts_preview

    nav_counts_import(
        aar=2020,
        content=b"kommune;deltakere\n4601;5\n0301;40\n5001;7\n",
        uploaded_by=staff,
        now=NOW,
    )
    small = b"kommune;deltakere\n4601;6\n1103;3\n"
    replace = nav_counts_preview(aar=2020, content=small, mode="replace")
    assert replace.added == [("1103", 3)] and replace.changed == [("4601", 5, 6)]
    assert replace.removed == [("0301", 40), ("5001", 7)]
    update = nav_counts_preview(aar=2020, content=small, mode="update")
    assert update.removed == [] and update.unchanged == 2 and len(update.counts) == 4
    with pytest.raises(MottakError):
        nav_counts_preview(aar=2020, content=small, mode="")


def test_update_keeps_the_other_kommuner_and_is_audited(staff):
    from mottak.models import AuditEvent
    from mottak.selectors.overview import nav_import_current

    nav_counts_import(
        aar=2020, content=b"kommune;deltakere\n4601;5\n0301;40\n", uploaded_by=staff, now=NOW
    )
    nav_counts_import(
        aar=2020, content=b"kommune;deltakere\n4601;6\n", uploaded_by=staff, now=NOW, mode="update"
    )
    current = dict(nav_import_current(aar=2020).counts.values_list("kommune_nr", "participants"))
    assert current == {"4601": 6, "0301": 40}
    event = AuditEvent.objects.filter(action="nav.imported").order_by("-id").first()
    assert event.data["mode"] == "update" and event.data["changed"] == 1
    assert event.data["removed"] == 0


def test_preview_lists_errors_instead_of_dropping_rows(staff):
    from mottak.services.ssb_nav import nav_counts_preview

    preview = nav_counts_preview(
        aar=2020, content=b"kommune;deltakere\n4601;5\n1201;3\nx;2\n", mode="replace"
    )
    assert len(preview.errors) == 2 and not preview.ok
