"""NAV's KVP participant counts per kommune, uploaded by staff to compare with 11CF."""

import csv
import io
from dataclasses import dataclass, field
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


def _parse_rows(content: bytes, *, aar: int) -> tuple[dict[str, int], list[str]]:
    """(counts per kommune, error messages naming the lines) of a NAV file."""
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
    return counts, errors


def _parse(content: bytes, *, aar: int) -> dict[str, int]:
    counts, errors = _parse_rows(content, aar=aar)
    if errors:
        raise MottakError(
            _("Filen er ikke lastet inn: %(errors)s") % {"errors": "; ".join(errors[:10])},
            code="rows",
        )
    if not counts:
        raise MottakError(_("Filen inneholder ingen kommuner."), code="empty")
    return counts


REPLACE, UPDATE = "replace", "update"


@dataclass
class NavPreview:
    """What importing a NAV file would do to the year's current figures.

    `mode` REPLACE: the file becomes the whole set (kommuner not in it are removed);
    UPDATE: only the kommuner in the file change. `counts` is the resulting set.
    """

    aar: int
    mode: str
    counts: dict[str, int] = field(default_factory=dict)
    added: list[tuple[str, int]] = field(default_factory=list)
    changed: list[tuple[str, int, int]] = field(default_factory=list)
    removed: list[tuple[str, int]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.counts)


def _current_counts(aar: int) -> dict[str, int]:
    current = NavImport.objects.filter(aar=aar).order_by("-uploaded_at", "-id").first()
    if current is None:
        return {}
    return dict(current.counts.values_list("kommune_nr", "participants"))


def nav_counts_preview(*, aar: int, content: bytes, mode: str) -> NavPreview:
    """Compare a NAV file with the year's current figures; stores nothing."""
    if mode not in (REPLACE, UPDATE):
        raise MottakError(
            _("Velg om filen skal erstatte alle tallene eller oppdatere kommunene i den."),
            code="mode",
        )
    rows, errors = _parse_rows(content, aar=aar)
    if not rows and not errors:
        errors = [_("Filen inneholder ingen kommuner.")]
    current = _current_counts(aar)
    result = dict(rows) if mode == REPLACE else {**current, **rows}
    preview = NavPreview(aar=aar, mode=mode, counts=result, errors=errors)
    for nr, n in sorted(result.items()):
        if nr not in current:
            preview.added.append((nr, n))
        elif current[nr] != n:
            preview.changed.append((nr, current[nr], n))
        else:
            preview.unchanged += 1
    preview.removed = [(nr, n) for nr, n in sorted(current.items()) if nr not in result]
    return preview


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
    mode: str = REPLACE,
) -> NavImport:
    """Parse a CSV (kommune;deltakere) and store the year's new current NAV figures: the
    file alone (`mode` REPLACE) or the current figures updated with the file (UPDATE).

    All or nothing: one bad row refuses the whole file with a message naming the lines.
    The audit event says what was added, changed and removed.
    """
    if not uploaded_by.is_staff:
        raise MottakError(_("Bare SSB kan laste opp NAV-tall."), code="not_staff")
    _parse(content, aar=aar)  # refuses a bad file with its messages
    preview = nav_counts_preview(aar=aar, content=content, mode=mode)
    counts = preview.counts
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
        data={
            "aar": aar,
            "kommuner": len(counts),
            "mode": mode,
            "added": len(preview.added),
            "changed": len(preview.changed),
            "removed": len(preview.removed),
            "file_rows": len(_parse_rows(content, aar=aar)[0]),
        },
        now=now,
    )
    return nav_import


def nav_difference_flagged(*, nav: int, delivered: int, nav_import: NavImport) -> bool:
    """A difference is flagged when it exceeds both the absolute and the relative tolerance."""
    diff = abs(nav - delivered)
    relative_limit = nav * nav_import.tolerance_percent / 100
    return diff > nav_import.tolerance_absolute and diff > relative_limit
