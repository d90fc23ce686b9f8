"""Reads about deliveries: the state of each form per kommune, versions, reports.

`form_status_get` / `form_status_list` are the single source of truth for "has this kommune
delivered?" (the kommune's status page, SSB's overview and the reminders all read them).

The effective delivery for a kommune, skjema, year and part is the latest accepted delivery
that is neither withdrawn nor a check-only run. All versions are kept.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from mottak.models import (
    DeclaredPart,
    Delivery,
    DeliveryState,
    Finding,
    Kommune,
    NoParticipantsDeclaration,
)
from mottak.states import AWAITING_VERDICT, DELIVERED, FormState

SKJEMAER = ("11F", "11CF")


# The vocabulary lives in mottak/states.py; these names are kept for existing callers.
DELIVERED_STATES = DELIVERED


@dataclass
class PartStatus:
    part: str  # "" when the form is delivered whole
    state: FormState
    effective: Delivery | None = None
    latest: Delivery | None = None


@dataclass
class FormStatus:
    kommune_nr: str
    skjema: str
    aar: int
    state: FormState
    effective: Delivery | None = None  # the effective delivery of the whole form (or newest part)
    latest: Delivery | None = None  # the newest counting delivery, whatever its verdict
    parts: list[PartStatus] = field(default_factory=list)
    parts_missing: list[str] = field(default_factory=list)
    no_participants: NoParticipantsDeclaration | None = None

    @property
    def delivered(self) -> bool:
        return self.state in DELIVERED_STATES


def counting_deliveries(**filters) -> QuerySet[Delivery]:
    """Deliveries that can count: not check-only, not withdrawn."""
    return Delivery.objects.filter(check_only=False, withdrawn_at__isnull=True, **filters)


def _part_status(part: str, deliveries: list[Delivery], now: datetime) -> PartStatus:
    """`deliveries` newest first, all of one part."""
    if not deliveries:
        return PartStatus(part=part, state=FormState.NOT_DELIVERED)
    latest = deliveries[0]
    effective = next((d for d in deliveries if d.state == DeliveryState.ACCEPTED), None)
    if effective is not None:
        state = FormState.ACCEPTED_WITH_WARNINGS if effective.with_warnings else FormState.ACCEPTED
    else:
        state = FormState(str(latest.state))
    return PartStatus(part=part, state=state, effective=effective, latest=latest)


def _form_status(
    *,
    kommune_nr: str,
    skjema: str,
    aar: int,
    deliveries: list[Delivery],
    declared: list[str],
    declaration: NoParticipantsDeclaration | None,
    now: datetime,
) -> FormStatus:
    by_part: dict[str, list[Delivery]] = defaultdict(list)
    for d in deliveries:
        by_part[d.part].append(d)
    latest = deliveries[0] if deliveries else None
    whole = _part_status("", by_part.get("", []), now)
    status = FormStatus(
        kommune_nr=kommune_nr, skjema=skjema, aar=aar, state=whole.state, latest=latest
    )
    status.no_participants = declaration
    if declaration is not None and whole.effective is None:
        status.state = FormState.NO_PARTICIPANTS
        return status
    # A whole delivery that is accepted completes the form even when parts were declared.
    if not declared or whole.effective is not None:
        status.parts = [whole]
        status.effective = whole.effective
        return status
    parts = [_part_status(p, by_part.get(p, []), now) for p in declared]
    status.parts = parts
    status.parts_missing = [p.part for p in parts if p.effective is None]
    accepted = [p for p in parts if p.effective is not None]
    if accepted:
        status.effective = max(
            (p.effective for p in accepted if p.effective is not None),
            key=lambda d: d.received_at,
        )
    if not status.parts_missing:
        warn = any(p.state == FormState.ACCEPTED_WITH_WARNINGS for p in parts)
        status.state = FormState.ACCEPTED_WITH_WARNINGS if warn else FormState.ACCEPTED
    elif any(p.state in AWAITING_VERDICT for p in parts):
        pending = [p.state for p in parts]
        status.state = next(
            s for s in (FormState.CHECKING, FormState.RECEIVED, FormState.HELD) if s in pending
        )
    elif accepted or whole.state != FormState.NOT_DELIVERED:
        status.state = FormState.PARTS_MISSING
    elif any(p.state == FormState.REJECTED for p in parts):
        status.state = FormState.REJECTED
    elif any(p.state == FormState.FAILED for p in parts):
        status.state = FormState.FAILED
    else:
        status.state = FormState.NOT_DELIVERED
    return status


def _statuses(
    *, aar: int, skjemaer: Iterable[str], kommune_nrs: list[str] | None, now: datetime | None
) -> list[FormStatus]:
    now = now or timezone.now()
    skjemaer = list(skjemaer)
    deliveries = counting_deliveries(aar=aar, skjema__in=skjemaer).order_by("-received_at", "-id")
    declared_qs = DeclaredPart.objects.filter(aar=aar, skjema__in=skjemaer)
    declarations_qs = NoParticipantsDeclaration.objects.filter(
        aar=aar, skjema__in=skjemaer, withdrawn_at__isnull=True
    ).order_by("-declared_at")
    if kommune_nrs is not None:
        deliveries = deliveries.filter(kommune_nr__in=kommune_nrs)
        declared_qs = declared_qs.filter(kommune_nr__in=kommune_nrs)
        declarations_qs = declarations_qs.filter(kommune_nr__in=kommune_nrs)

    by_key: dict[tuple[str, str], list[Delivery]] = defaultdict(list)
    for d in deliveries:
        by_key[(d.kommune_nr, d.skjema)].append(d)
    parts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in declared_qs:
        parts[(p.kommune_nr, p.skjema)].append(p.part)
    declarations: dict[tuple[str, str], NoParticipantsDeclaration] = {}
    for decl in declarations_qs:
        declarations.setdefault((decl.kommune_nr, decl.skjema), decl)

    if kommune_nrs is None:
        nrs = set(Kommune.objects.valid_in(aar).values_list("nummer", flat=True))
        nrs |= {k for k, _ in by_key} | {k for k, _ in parts} | {k for k, _ in declarations}
        kommune_nrs = sorted(nrs)
    return [
        _form_status(
            kommune_nr=nr,
            skjema=skjema,
            aar=aar,
            deliveries=by_key.get((nr, skjema), []),
            declared=sorted(parts.get((nr, skjema), [])),
            declaration=declarations.get((nr, skjema)),
            now=now,
        )
        for nr in kommune_nrs
        for skjema in skjemaer
    ]


def form_status_get(
    *, kommune_nr: str, skjema: str, aar: int, now: datetime | None = None
) -> FormStatus:
    """The state of one kommune's form for a statistics year."""
    return _statuses(aar=aar, skjemaer=[skjema], kommune_nrs=[kommune_nr], now=now)[0]


def effective_deliveries_list(status: FormStatus) -> list[Delivery]:
    """The deliveries that count for a form now: the effective delivery of the whole file, or
    of each declared part that has one. This is the one definition of "the delivery that
    counts"; pages, receipts, e-mails and the API all read it."""
    return [p.effective for p in status.parts if p.effective is not None]


def delivery_effective_get(*, delivery: Delivery, now: datetime | None = None) -> Delivery | None:
    """The delivery that counts for `delivery`'s form and part (itself when it counts), or
    None when nothing counts yet. A whole-file delivery that counts stands for every part."""
    status = form_status_get(
        kommune_nr=delivery.kommune_nr, skjema=delivery.skjema, aar=delivery.aar, now=now
    )
    effective = effective_deliveries_list(status)
    for candidate in effective:
        if candidate.part == delivery.part:
            return candidate
    return next((d for d in effective if d.part == ""), None)


def delivery_effective_note(*, delivery: Delivery, effective: Delivery | None) -> str:
    """One sentence on whether `delivery` counts, for the receipt, its e-mail and the history:
    "Den godkjente filen fra 12.01. gjelder fortsatt." when an earlier accepted file stays."""
    from django.utils import formats
    from django.utils.translation import gettext as _

    if effective is None:
        if delivery.is_final and not delivery.accepted and not delivery.check_only:
            return _("Ingen godkjent fil gjelder for skjemaet ennå.")
        return ""
    if effective.pk == delivery.pk:
        return _("Denne filen gjelder for skjemaet.")
    when = formats.date_format(timezone.localtime(effective.received_at), "d.m.")
    if effective.received_at <= delivery.received_at:
        return _("Den godkjente filen fra %(dato)s gjelder fortsatt.") % {"dato": when}
    return _("Den godkjente filen fra %(dato)s gjelder nå.") % {"dato": when}


def declared_parts_dict(*, kommune_nr: str, aar: int) -> dict[str, list[str]]:
    """The parts declared now per skjema ({} entries for forms delivered whole)."""
    result: dict[str, list[str]] = {s: [] for s in SKJEMAER}
    rows = DeclaredPart.objects.filter(kommune_nr=kommune_nr, aar=aar).order_by("part")
    for skjema, part in rows.values_list("skjema", "part"):
        result.setdefault(skjema, []).append(part)
    return result


def parts_declaration_consequence(*, kommune_nr: str, skjema: str, aar: int) -> str:
    """What declared parts mean for a form that already has an accepted whole file: that
    file keeps counting for the whole form (see `_form_status`)."""
    from django.utils import formats
    from django.utils.translation import gettext as _

    status = form_status_get(kommune_nr=kommune_nr, skjema=skjema, aar=aar)
    whole = [d for d in effective_deliveries_list(status) if d.part == ""]
    if not whole:
        return ""
    when = formats.date_format(timezone.localtime(whole[0].received_at), "d.m.")
    return _(
        "Skjemaet har allerede en godkjent samlet fil fra %(dato)s (%(r)s). Den gjelder "
        "fortsatt for hele skjemaet, også om delene leveres; be SSB trekke den tilbake hvis "
        "delene skal gjelde i stedet."
    ) % {"dato": when, "r": whole[0].receipt}


def no_participants_list(*, kommune_nr: str, aar: int) -> QuerySet[NoParticipantsDeclaration]:
    """Every "no participants" declaration of a kommune and year (withdrawn too), newest
    first."""
    return NoParticipantsDeclaration.objects.filter(kommune_nr=kommune_nr, aar=aar).select_related(
        "declared_by"
    )


def form_status_list(
    *, aar: int, skjema: str | None = None, now: datetime | None = None
) -> list[FormStatus]:
    """One status per kommune (valid in `aar`, or with any delivery) x skjema."""
    skjemaer = [skjema] if skjema else list(SKJEMAER)
    return _statuses(aar=aar, skjemaer=skjemaer, kommune_nrs=None, now=now)


def delivery_list(
    *, kommune_nr: str, aar: int | None = None, skjema: str | None = None
) -> QuerySet[Delivery]:
    """Every delivery of a kommune (all versions, check-only and withdrawn included), newest
    first."""
    qs = Delivery.objects.filter(kommune_nr=kommune_nr).select_related(
        "uploaded_by", "withdrawn_by"
    )
    if aar is not None:
        qs = qs.filter(aar=aar)
    if skjema is not None:
        qs = qs.filter(skjema=skjema)
    return qs.order_by("-received_at", "-id")


def delivery_get_for_user(*, user, pk: int) -> Delivery | None:
    """The delivery if `user` may see it (need-to-know: mottak.selectors.access)."""
    from mottak.selectors.access import delivery_get_visible

    return delivery_get_visible(user=user, pk=pk)


def latest_report_get(
    *, kommune_nr: str, aar: int, skjema: str
) -> tuple[Delivery, list[Finding]] | None:
    """The kommune's latest controlled (counting) delivery of a form and its findings."""
    delivery = (
        counting_deliveries(kommune_nr=kommune_nr, aar=aar, skjema=skjema, report__isnull=False)
        .order_by("-received_at", "-id")
        .first()
    )
    if delivery is None:
        return None
    return delivery, list(Finding.objects.filter(report__delivery=delivery).order_by("id"))


def latest_findings_list(*, aar: int, skjema: str) -> list[tuple[str, list[Finding]]]:
    """(kommune_nr, findings) of each kommune's latest controlled counting delivery.

    One delivery per kommune and part; the error statistics of SSB count over these.
    """
    latest_ids: dict[tuple[str, str], int] = {}
    rows = (
        counting_deliveries(aar=aar, skjema=skjema, report__isnull=False)
        .order_by("-received_at", "-id")
        .values_list("pk", "kommune_nr", "part")
    )
    for pk, nr, part in rows:
        latest_ids.setdefault((nr, part), pk)
    findings: dict[str, list[Finding]] = defaultdict(list)
    ids = {pk: nr for (nr, _part), pk in latest_ids.items()}
    for f in Finding.objects.filter(report__delivery_id__in=ids).select_related("report"):
        findings[ids[f.report.delivery_id]].append(f)
    return [(nr, findings.get(nr, [])) for nr in sorted({nr for nr, _ in latest_ids})]


def delivery_status_dict(delivery: Delivery, *, findings: bool = True) -> dict:
    """The API's status object: state, accepted, message, findings (kontroll's JSON), summary."""
    report = getattr(delivery, "report", None) if delivery.is_final else None
    data: dict[str, Any] = {
        # The API's contract knows no "held": a held delivery is reported as received (its
        # message says until when it is held).
        "state": str(
            DeliveryState.RECEIVED if delivery.state == DeliveryState.HELD else delivery.state
        ),
        "accepted": delivery.accepted,
        "message": delivery.message,
        "summary": dict(report.summary) if report is not None else {},
    }
    if findings:
        data["findings"] = (
            [f.as_dict() for f in report.findings.order_by("id")] if report is not None else []
        )
    return data


@dataclass(frozen=True)
class RuleCount:
    rule: str
    severity: str
    count: int
    message: str

    @property
    def severity_label(self) -> str:
        from mottak.selectors.statistics import severity_label

        return severity_label(self.severity)


def report_rule_summary(report) -> list[RuleCount]:
    """Findings per rule, most severe first."""
    from django.db.models import Count, Min

    from mottak.models.deliveries import SEVERITY_ORDER

    rows = (
        report.findings.values("rule", "severity")
        .annotate(count=Count("id"), message=Min("message"))
        .order_by("rule")
    )
    from mottak.kontroll_text import rule_title

    # The rule's title in the request's language; else kontroll's stored summary (bokmål),
    # else a finding's stored message (findings from before message ids).
    titles = {
        rule: info.get("title", "")
        for rule, info in (report.summary.get("summary") or {}).items()
        if isinstance(info, dict)
    }
    # True counts of the rules whose stored list was cut (mottak.services.findings).
    cut = (report.summary.get("truncated") or {}).get("rules") or {}
    delivery = report.delivery
    result = [
        RuleCount(
            r["rule"],
            r["severity"],
            cut.get(r["rule"], r["count"]),
            rule_title(delivery.skjema, delivery.aar, r["rule"])
            or titles.get(r["rule"])
            or r["message"],
        )
        for r in rows
    ]
    result.sort(key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r.rule))
    return result


@dataclass
class YearFormRow:
    """One row of the kommune's status page (like SSB's mottatt.asp)."""

    skjema: str
    deadline: object  # date | None
    takes_files: bool
    status: FormStatus | None  # file forms
    eform_received: bool = False  # e-form forms, registered by SSB
    not_applicable: bool = False


def kommune_year_status_list(*, kommune_nr: str, aar: int) -> list[YearFormRow]:
    """Every form of the year's round for one kommune; 11F and 11CF without a round."""
    from mottak.models import ObligationMark, RoundForm

    forms = list(RoundForm.objects.filter(round__aar=aar).order_by("deadline_on", "skjema"))
    marks = set(
        ObligationMark.objects.filter(kommune_nr=kommune_nr, aar=aar).values_list("skjema", "kind")
    )
    rows = []
    if not forms:
        return [
            YearFormRow(
                skjema=s,
                deadline=None,
                takes_files=True,
                status=form_status_get(kommune_nr=kommune_nr, skjema=s, aar=aar),
            )
            for s in SKJEMAER
        ]
    for form in forms:
        files = form.takes_files and form.skjema in SKJEMAER
        rows.append(
            YearFormRow(
                skjema=form.skjema,
                deadline=form.deadline_on,
                takes_files=files,
                status=form_status_get(kommune_nr=kommune_nr, skjema=form.skjema, aar=aar)
                if files
                else None,
                eform_received=(form.skjema, ObligationMark.Kind.EFORM_RECEIVED) in marks,
                not_applicable=(form.skjema, ObligationMark.Kind.NOT_APPLICABLE) in marks,
            )
        )
    return rows
