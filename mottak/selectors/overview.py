"""The staff overview: every kommune x form of a statistics year, with its state.

The state of a file delivery comes from M4's `form_status_list` (one source of truth with the
kommune's status page and the reminders); this module adds what only SSB's view needs: forms
marked not applicable, e-forms registered as received, lateness against the round's deadline,
the NAV comparison for 11CF, filters and counts.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils.functional import Promise

from mottak.models import Kommune, ObligationMark, RoundForm, Skjema
from mottak.models.ssb import NavImport
from mottak.selectors.file_status import FileFacts, file_facts_list
from mottak.services.calendar import OSLO as OSLO_TZ
from mottak.services.calendar import eform_receipts_get, oslo_date
from mottak.services.ssb_nav import nav_difference_flagged
from mottak.states import CellState

DEFAULT_FORMS = ("11F", "11CF")


@dataclass
class NavComparison:
    nav: int
    delivered: int | None
    flagged: bool

    @property
    def difference(self) -> int | None:
        return None if self.delivered is None else self.delivered - self.nav


@dataclass
class Cell:
    skjema: str
    state: str
    received_at: datetime | None = None
    records: int | None = None
    delivered_late: bool = False
    eform: bool = False
    delivery_id: int | None = None
    parts_missing: list[str] = field(default_factory=list)
    nav: NavComparison | None = None
    held: bool = False  # pending: held in a freeze window
    latest_verdict: str = ""  # of the newest file delivery (see file_status.latest_verdict)

    @property
    def label(self):
        return CellState.HELD_LABEL if self.held else CellState.LABELS[self.state]

    @property
    def short_label(self):
        return CellState.HELD_SHORT_LABEL if self.held else CellState.SHORT_LABELS[self.state]

    @property
    def severity(self) -> int:
        """Rank for "worst first": not delivered, rejected, parts missing, still pending,
        delivered late, then fine (delivered in time, no participants, not applicable)."""
        if self.state in (CellState.NOT_DELIVERED, CellState.LATE):
            return 0
        if self.state == CellState.REJECTED:
            return 1
        if self.state == CellState.PARTS_MISSING:
            return 2
        if self.state == CellState.PENDING:
            return 3
        if self.delivered_late:
            return 4
        return 5

    @property
    def tone(self) -> str:
        return CellState.TONES[self.state]

    @property
    def remindable(self) -> bool:
        """Staff may send a reminder now (M5's service makes the final check)."""
        return self.state in CellState.MISSING and self.state != CellState.PENDING


@dataclass
class OverviewRow:
    kommune: Kommune
    cells: list[Cell]

    @property
    def states(self) -> set[str]:
        return {c.state for c in self.cells}


@dataclass
class Overview:
    aar: int
    forms: list[str]
    deadlines: dict[str, date]
    rows: list[OverviewRow]
    counts: dict[str, Counter]
    fylker: list[str]
    has_round: bool = True  # False: no round for the year (the forms are only a default)
    # The cell filters, so that an export holds exactly the filtered cells.
    skjema_filter: str = ""
    state_filter: str = ""
    late_filter: bool = False

    def form_headers(self) -> list[tuple[str, date | None]]:
        return [(f, self.deadlines.get(f)) for f in self.forms]

    def count_links(self) -> list[tuple[str, str | Promise, str, list[tuple[str, int]]]]:
        """(state, label, tone, [(form, count)]) for the counts table with filter links."""
        return [
            (s, label, tone, list(zip(self.forms, numbers, strict=True)))
            for s, label, tone, numbers in self.count_rows()
        ]

    def count_rows(self) -> list[tuple[str, str | Promise, str, list[int]]]:
        """(state, label, tone, [count per form]) for the counts table."""
        return [
            (s, CellState.LABELS[s], CellState.TONES[s], [self.counts[f][s] for f in self.forms])
            for s in CellState.ORDER
        ]


def overview_forms(*, aar: int) -> tuple[list[str], dict[str, date]]:
    """The forms of the year's round in deadline order, and their deadlines."""
    forms = list(RoundForm.objects.filter(round__aar=aar))
    if not forms:
        return list(DEFAULT_FORMS), {}
    # Deadline first, then the catalogue's order (11F before 11CF, 7 before 7B and 12).
    order = {value: n for n, value in enumerate(Skjema.values)}
    forms.sort(key=lambda f: (f.deadline_on, order.get(f.skjema, 99), f.skjema))
    return [f.skjema for f in forms], {f.skjema: f.deadline_on for f in forms}


def nav_import_current(*, aar: int) -> NavImport | None:
    return NavImport.objects.filter(aar=aar).order_by("-uploaded_at", "-id").first()


def _nav_comparison(nav: int, facts: FileFacts | None, nav_import: NavImport) -> NavComparison:
    delivered = None
    if facts is not None and facts.state == CellState.NO_PARTICIPANTS:
        delivered = 0
    elif facts is not None and facts.state in CellState.DELIVERED:
        delivered = facts.participants
    if delivered is None:
        flagged = nav > 0
    else:
        flagged = nav_difference_flagged(nav=nav, delivered=delivered, nav_import=nav_import)
    return NavComparison(nav, delivered, flagged)


def _nav_comparisons(aar: int, facts: dict[str, FileFacts]) -> dict[str, NavComparison]:
    nav_import = nav_import_current(aar=aar)
    if nav_import is None:
        return {}
    return {
        count.kommune_nr: _nav_comparison(
            count.participants, facts.get(count.kommune_nr), nav_import
        )
        for count in nav_import.counts.all()
    }


def _cell(
    *,
    skjema: str,
    facts: FileFacts | None,
    not_applicable: bool,
    eform_received_at: datetime | None,
    deadline: date | None,
    today: date,
) -> Cell:
    """The state of one kommune's form; the order of the checks is the precedence."""
    overdue = deadline is not None and today > deadline
    if not_applicable:
        return Cell(skjema, CellState.NOT_APPLICABLE)
    if facts is not None and facts.state in CellState.DELIVERED:
        # Late is judged by when the form first counted as delivered, not by a replacement.
        late = (
            deadline is not None
            and facts.delivered_since is not None
            and oslo_date(facts.delivered_since) > deadline
        )
        return Cell(
            skjema,
            facts.state,
            received_at=facts.received_at,
            records=facts.records,
            delivered_late=late,
            delivery_id=facts.delivery_id,
            latest_verdict=facts.latest_verdict,
        )
    if eform_received_at is not None:
        late = deadline is not None and oslo_date(eform_received_at) > deadline
        return Cell(
            skjema,
            CellState.ACCEPTED,
            received_at=eform_received_at,
            delivered_late=late,
            eform=True,
        )
    if facts is None or facts.state == CellState.NOT_DELIVERED:
        return Cell(skjema, CellState.LATE if overdue else CellState.NOT_DELIVERED)
    return Cell(
        skjema,
        facts.state,
        received_at=facts.received_at,
        records=facts.records,
        delivery_id=facts.delivery_id,
        parts_missing=list(facts.parts_missing),
        held=facts.held,
        latest_verdict=facts.latest_verdict,
    )


def _matches(
    row: OverviewRow, *, fylke: str, state: str, skjema: str, search: str, late: bool = False
) -> bool:
    if fylke and row.kommune.fylke != fylke:
        return False
    cells = [c for c in row.cells if not skjema or c.skjema == skjema]
    if state and not any(c.state == state for c in cells):
        return False
    if late and not any(c.delivered_late for c in cells):
        return False
    if search:
        s = search.strip().lower()
        if s not in row.kommune.navn.lower() and not row.kommune.nummer.startswith(s):
            return False
    return True


def overview_get(
    *,
    aar: int,
    today: date,
    fylke: str = "",
    state: str = "",
    skjema: str = "",
    search: str = "",
    late: bool = False,
    sort: str = "nummer",
) -> Overview:
    """Kommuner valid in `aar` x the year's forms, with state per cell, filtered.

    `late` keeps the kommuner with a form delivered after its deadline; `sort="worst"` puts
    the worst rows first (see `Cell.severity`; with `skjema`, by that form alone), else by
    number. Counts are over the filtered rows, so they answer "how many in this fylke are
    late".
    """
    forms, deadlines = overview_forms(aar=aar)
    has_round = bool(deadlines)
    kommuner = list(Kommune.objects.valid_in(aar).order_by("nummer"))
    marks = ObligationMark.objects.filter(aar=aar).values_list("kommune_nr", "skjema", "kind")
    not_applicable = {(k, s) for k, s, kind in marks if kind == ObligationMark.Kind.NOT_APPLICABLE}
    eform = eform_receipts_get(aar=aar)
    facts_by_form = {s: file_facts_list(aar=aar, skjema=s) for s in forms}
    nav = _nav_comparisons(aar, facts_by_form["11CF"]) if "11CF" in forms else {}
    rows = []
    for kommune in kommuner:
        cells = []
        for s in forms:
            cell = _cell(
                skjema=s,
                facts=facts_by_form[s].get(kommune.nummer),
                not_applicable=(kommune.nummer, s) in not_applicable,
                eform_received_at=eform.get((kommune.nummer, s)),
                deadline=deadlines.get(s),
                today=today,
            )
            if s == "11CF":
                cell.nav = nav.get(kommune.nummer)
            cells.append(cell)
        rows.append(OverviewRow(kommune, cells))
    rows = [
        r
        for r in rows
        if _matches(r, fylke=fylke, state=state, skjema=skjema, search=search, late=late)
    ]
    if sort == "worst":
        rows.sort(key=lambda r: (_row_severity(r, skjema), r.kommune.nummer))
    counts: dict[str, Counter[str]] = {s: Counter() for s in forms}
    for row in rows:
        for cell in row.cells:
            counts[cell.skjema][cell.state] += 1
    fylker = sorted({k.fylke for k in kommuner})
    return Overview(aar, forms, deadlines, rows, counts, fylker, has_round, skjema, state, late)


def _row_severity(row: OverviewRow, skjema: str) -> list[int]:
    """The row's cells' ranks, worst first: two missing forms sort before one."""
    return sorted(c.severity for c in row.cells if not skjema or c.skjema == skjema)


# The export's columns: the original six (a contract: scripts read them), then the added ones.
EXPORT_COLUMNS = ["kommune", "navn", "skjema", "state", "received_at", "records"]
EXPORT_COLUMNS_ADDED = ["fylke", "late", "received_at_oslo", "latest_verdict"]


def _export_cells(overview: Overview, row: OverviewRow) -> list[Cell]:
    """The cells of a row that the overview's filters select (a form, a state, late)."""
    return [
        c
        for c in row.cells
        if (not overview.skjema_filter or c.skjema == overview.skjema_filter)
        and (not overview.state_filter or c.state == overview.state_filter)
        and (not overview.late_filter or c.delivered_late)
    ]


def overview_export_rows(*, overview: Overview) -> list[dict]:
    """One dict per kommune and form of the filtered overview, with the export's columns.

    `received_at` is ISO 8601 as stored; `received_at_oslo` the same instant in Oslo time
    (YYYY-MM-DD HH:MM:SS); `late` is "true" when the form was delivered after its deadline;
    `latest_verdict` the newest file delivery's verdict (empty without one).
    """
    out = []
    for row in overview.rows:
        for cell in _export_cells(overview, row):
            local = cell.received_at.astimezone(OSLO_TZ) if cell.received_at else None
            out.append(
                {
                    "kommune": row.kommune.nummer,
                    "navn": row.kommune.navn,
                    "skjema": cell.skjema,
                    "state": cell.state,
                    "received_at": cell.received_at.isoformat() if cell.received_at else "",
                    "records": "" if cell.records is None else cell.records,
                    "fylke": row.kommune.fylke,
                    "late": "true" if cell.delivered_late else "false",
                    "received_at_oslo": local.strftime("%Y-%m-%d %H:%M:%S") if local else "",
                    "latest_verdict": cell.latest_verdict,
                }
            )
    return out


def kommune_for_year(*, nummer: str, aar: int) -> Kommune | None:
    return (
        Kommune.objects.filter(nummer=nummer)
        .filter(Q(gyldig_fra__lte=aar), Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=aar))
        .first()
    )


def nav_flag_get(*, kommune_nr: str, aar: int) -> NavComparison | None:
    """The NAV comparison of one kommune's 11CF for its status page; None without NAV figures.

    Flagged when the participants in the accepted delivery (0 for a declaration of no
    participants) differ from NAV's count beyond the import's tolerance, or when NAV counts
    participants and nothing has been delivered.
    """
    nav_import = nav_import_current(aar=aar)
    if nav_import is None:
        return None
    count = nav_import.counts.filter(kommune_nr=kommune_nr).first()
    if count is None:
        return None
    facts = file_facts_list(aar=aar, skjema="11CF").get(kommune_nr)
    return _nav_comparison(count.participants, facts, nav_import)
