"""E-form receipts (7, 7B, 12; 11CF as e-form in 2020) registered in bulk.

SSB's e-form system exports a CSV or Excel file with one row per receipt: kommune, skjema
and the received date-time. Staff upload it, see a preview (new, changed, unchanged rows and
every error), then confirm; the import is all or nothing. Marking a selection of kommuner
from the overview goes through the same validation and the same import.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils.translation import gettext as _

from mottak.errors import MottakError
from mottak.models import ObligationMark, RoundForm, User
from mottak.services.audit import audit_log
from mottak.services.calendar import OSLO, obligation_mark
from mottak.services.kommune_validity import kommune_invalid_message

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
KOMMUNE_COLUMNS = ("kommune", "kommunenr", "kommunenummer", "kommune_nr")
SKJEMA_COLUMNS = ("skjema",)
RECEIVED_COLUMNS = ("mottatt", "mottatt_tid", "mottatt_tidspunkt", "tidspunkt", "received_at")
DATETIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y kl. %H:%M",
)
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


@dataclass(frozen=True)
class EformReceipt:
    kommune_nr: str
    skjema: str
    received_at: datetime

    def as_json(self) -> list[str]:
        return [self.kommune_nr, self.skjema, self.received_at.isoformat()]

    @classmethod
    def from_json(cls, value: list[str]) -> "EformReceipt":
        return cls(value[0], value[1], datetime.fromisoformat(value[2]))


@dataclass
class EformPreview:
    """What an import would do. `errors` are (line, message); any error blocks the import.
    `invalid_kommuner` lists the kommune numbers that are unknown or not valid in the year."""

    aar: int
    receipts: list[EformReceipt] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    invalid_kommuner: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.receipts)


def eform_forms(*, aar: int) -> list[str]:
    """The forms of the year's round taken as e-form, in the round's order."""
    forms = RoundForm.objects.filter(round__aar=aar).order_by("deadline_on", "skjema")
    return [f.skjema for f in forms if f.takes_eform]


def parse_received(value, *, line: int) -> datetime:
    """A received time from a cell: an Excel datetime/date or text in ISO or Norwegian form;
    a time without offset is Oslo time."""
    moment: datetime | None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time.min)
    else:
        text = str(value or "").strip()
        moment = _parse_text(text)
        if moment is None:
            raise MottakError(
                _("Linje %(linje)s: «%(verdi)s» er ikke et tidspunkt (bruk 2021-02-10 12:30).")
                % {"linje": line, "verdi": text[:40]},
                code="received_at",
            )
    return moment if moment.tzinfo else moment.replace(tzinfo=OSLO)


def _parse_text(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for fmt in DATETIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    for fmt in DATE_FORMATS:
        try:
            return datetime.combine(datetime.strptime(text, fmt).date(), time.min)
        except ValueError:
            continue
    return None


def _rows_from_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _rows_from_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets the same message
        raise MottakError(_("Excel-filen kan ikke leses."), code="xlsx") from exc
    rows = []
    for row in wb.worksheets[0].iter_rows(values_only=True):
        rows.append(["" if v is None else v for v in row])
        if len(rows) > MAX_ROWS + 1:
            break
    wb.close()
    return rows


def _table(content: bytes, filename: str) -> list[list]:
    if len(content) > MAX_BYTES:
        raise MottakError(_("Filen er for stor (over 5 MB)."), code="too_large")
    if content[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        return _rows_from_xlsx(content)
    return _rows_from_csv(content)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    return next((header.index(n) for n in names if n in header), None)


def eform_receipts_parse(*, aar: int, content: bytes, filename: str, now: datetime) -> EformPreview:
    """Read a receipts file and say what importing it would do; stores nothing."""
    table = _table(content, filename)
    if not table:
        raise MottakError(_("Filen er tom."), code="empty")
    header = [str(h or "").strip().lower() for h in table[0]]
    found = [
        _column(header, names) for names in (KOMMUNE_COLUMNS, SKJEMA_COLUMNS, RECEIVED_COLUMNS)
    ]
    cols = [c for c in found if c is not None]
    if len(cols) < len(found):
        raise MottakError(
            _("Filen må ha kolonnene «kommune», «skjema» og «mottatt» på første linje."),
            code="header",
        )
    if len(table) > MAX_ROWS + 1:
        raise MottakError(
            _("Filen har for mange linjer (mer enn %(n)s).") % {"n": MAX_ROWS}, code="too_many"
        )
    cells = [
        (line, [row[c] if c < len(row) else "" for c in cols])
        for line, row in enumerate(table[1:], start=2)
    ]
    return eform_receipts_check(aar=aar, cells=cells, now=now)


def eform_receipts_check(*, aar: int, cells: list[tuple[int, list]], now: datetime) -> EformPreview:
    """Validate (line, [kommune, skjema, received]) rows against the year's round and the
    kommuner valid in the year; count new, changed and unchanged receipts."""
    preview = EformPreview(aar=aar)
    forms = eform_forms(aar=aar)
    if not forms:
        raise MottakError(
            _("Runden for %(aar)s har ingen e-skjema (eller runden finnes ikke).") % {"aar": aar},
            code="no_eforms",
        )
    seen: set[tuple[str, str]] = set()
    invalid: set[str] = set()
    for line, (raw_nr, raw_skjema, raw_received) in cells:
        nr = str(raw_nr or "").strip()
        if isinstance(raw_nr, int | float):
            nr = f"{int(raw_nr):04d}"
        elif nr.isdigit() and len(nr) == 3:
            nr = "0" + nr
        skjema = str(raw_skjema or "").strip().upper()
        if not nr and not skjema and not str(raw_received or "").strip():
            continue
        message = kommune_invalid_message(nummer=nr, aar=aar)
        if message:
            invalid.add(nr)
            preview.errors.append((line, message))
            continue
        if skjema not in forms:
            preview.errors.append(
                (
                    line,
                    _("Skjema «%(s)s» er ikke et e-skjema i runden for %(aar)s (%(forms)s).")
                    % {"s": skjema[:10], "aar": aar, "forms": ", ".join(forms)},
                )
            )
            continue
        try:
            received = parse_received(raw_received, line=line)
        except MottakError as err:
            preview.errors.append((line, err.message))
            continue
        if received > now:
            preview.errors.append((line, _("Mottakstidspunktet er fram i tid.")))
            continue
        if (nr, skjema) in seen:
            preview.errors.append(
                (line, _("Kommune %(nr)s, skjema %(s)s står to ganger.") % {"nr": nr, "s": skjema})
            )
            continue
        seen.add((nr, skjema))
        preview.receipts.append(EformReceipt(nr, skjema, received))
    preview.invalid_kommuner = sorted(invalid)
    _count_changes(preview)
    return preview


def _count_changes(preview: EformPreview) -> None:
    existing = {
        (nr, s): received
        for nr, s, received in ObligationMark.objects.filter(
            aar=preview.aar, kind=ObligationMark.Kind.EFORM_RECEIVED
        ).values_list("kommune_nr", "skjema", "received_at")
    }
    for r in preview.receipts:
        key = (r.kommune_nr, r.skjema)
        if key not in existing:
            preview.new += 1
        elif existing[key] != r.received_at:
            preview.changed += 1
        else:
            preview.unchanged += 1


@transaction.atomic
def eform_receipts_import(
    *,
    aar: int,
    receipts: list[EformReceipt],
    imported_by: User,
    now: datetime,
    source: str = "file",
) -> EformPreview:
    """Register every receipt as "e-form received" with its time; all or nothing.

    Steps: validate the rows again (the preview may be stale, a kommune number may be
    wrong); refuse on any error; mark each receipt (audited per mark); one summary event.
    """
    if not imported_by.is_staff:
        raise MottakError(_("Bare SSB kan registrere e-skjema."), code="not_staff")
    cells = [(n, [r.kommune_nr, r.skjema, r.received_at]) for n, r in enumerate(receipts, start=1)]
    preview = eform_receipts_check(aar=aar, cells=cells, now=now)
    if preview.errors:
        raise MottakError(
            _("Ingenting er registrert: %(feil)s")
            % {"feil": "; ".join(m for _line, m in preview.errors[:5])},
            code="rows",
        )
    if not preview.receipts:
        raise MottakError(_("Ingen mottak å registrere."), code="empty")
    for r in preview.receipts:
        obligation_mark(
            kommune_nr=r.kommune_nr,
            skjema=r.skjema,
            aar=aar,
            kind=ObligationMark.Kind.EFORM_RECEIVED,
            marked_by=imported_by,
            now=now,
            received_at=r.received_at,
        )
    audit_log(
        action="eform_receipts.imported",
        actor=imported_by,
        now=now,
        data={
            "aar": aar,
            "source": source,
            "new": preview.new,
            "changed": preview.changed,
            "unchanged": preview.unchanged,
        },
    )
    return preview


def eform_receipts_mark(
    *,
    aar: int,
    skjema: str,
    kommuner: list[str],
    received_at: datetime,
    marked_by: User,
    now: datetime,
) -> EformPreview:
    """Mark the chosen kommuner's e-form as received at one time (bulk marking from the
    overview); the same validation and import as a file."""
    receipts = [EformReceipt(nr, skjema, received_at) for nr in sorted(set(kommuner))]
    return eform_receipts_import(
        aar=aar, receipts=receipts, imported_by=marked_by, now=now, source="overview"
    )
