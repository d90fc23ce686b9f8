"""NAV's KVP participant counts per kommune, uploaded by staff to compare with 11CF."""

import csv
import io
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from mottak.errors import MottakError
from mottak.models import User
from mottak.models.ssb import NavCount, NavImport
from mottak.services.audit import audit_log
from mottak.services.kommune_validity import kommune_invalid_message

KOMMUNE_COLUMNS = ("kommune", "kommunenr", "kommune_nr", "kommunenummer")
COUNT_COLUMNS = ("deltakere", "antall", "participants")


def _parse(content: bytes, *, aar: int) -> dict[str, int]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise MottakError(_("Filen kan ikke leses som tekst."), code="encoding") from exc
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    kommune_col = next((header[c] for c in KOMMUNE_COLUMNS if c in header), None)
    count_col = next((header[c] for c in COUNT_COLUMNS if c in header), None)
    if kommune_col is None or count_col is None:
        raise MottakError(
            _("Filen må ha kolonnene «kommune» og «deltakere» på første linje."),
            code="header",
        )
    counts: dict[str, int] = {}
    errors: list[str] = []
    for line_no, row in enumerate(reader, start=2):
        nr = (row.get(kommune_col) or "").strip().zfill(4)
        raw = (row.get(count_col) or "").strip().replace(" ", "")
        if not nr.strip("0") and not raw:
            continue  # blank line
        if not (len(nr) == 4 and nr.isdigit()):
            errors.append(_("linje %(n)s: ugyldig kommunenummer") % {"n": line_no})
        elif invalid := kommune_invalid_message(nummer=nr, aar=aar):
            errors.append(_("linje %(n)s: %(feil)s") % {"n": line_no, "feil": invalid})
        elif not raw.isdigit():
            errors.append(_("linje %(n)s: antall må være et heltall") % {"n": line_no})
        elif nr in counts:
            errors.append(
                _("linje %(n)s: kommune %(nr)s står to ganger") % {"n": line_no, "nr": nr}
            )
        else:
            counts[nr] = int(raw)
    if errors:
        raise MottakError(
            _("Filen er ikke lastet inn: %(errors)s") % {"errors": "; ".join(errors[:10])},
            code="rows",
        )
    if not counts:
        raise MottakError(_("Filen inneholder ingen kommuner."), code="empty")
    return counts


@transaction.atomic
def nav_counts_import(
    *,
    aar: int,
    content: bytes,
    uploaded_by: User,
    now: datetime,
    filename: str = "",
    tolerance_absolute: int = 2,
    tolerance_percent: int = 10,
) -> NavImport:
    """Parse a CSV (kommune;deltakere) and store it as the year's current NAV figures.

    All or nothing: one bad row refuses the whole file with a message naming the lines.
    """
    if not uploaded_by.is_staff:
        raise MottakError(_("Bare SSB kan laste opp NAV-tall."), code="not_staff")
    counts = _parse(content, aar=aar)
    nav_import = NavImport.objects.create(
        aar=aar,
        uploaded_at=now,
        uploaded_by=uploaded_by,
        filename=filename[:200],
        tolerance_absolute=tolerance_absolute,
        tolerance_percent=tolerance_percent,
    )
    NavCount.objects.bulk_create(
        NavCount(nav_import=nav_import, kommune_nr=nr, participants=n)
        for nr, n in sorted(counts.items())
    )
    audit_log(
        action="nav.imported",
        actor=uploaded_by,
        obj=nav_import,
        data={"aar": aar, "kommuner": len(counts)},
        now=now,
    )
    return nav_import


def nav_difference_flagged(*, nav: int, delivered: int, nav_import: NavImport) -> bool:
    """A difference is flagged when it exceeds both the absolute and the relative tolerance."""
    diff = abs(nav - delivered)
    relative_limit = nav * nav_import.tolerance_percent / 100
    return diff > nav_import.tolerance_absolute and diff > relative_limit
