"""The municipality's pages: upload (encrypted in the browser), delivery and receipt, report,
status of each form (like SSB's mottatt.asp), declared parts and "no participants".

Every page is scoped to the user's kommune: a delivery of another kommune is a 404.
"""

import base64
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from kontroll.report_csv import header as report_csv_header
from kontroll.report_csv import row as report_csv_row
from kontroll.report_csv import writer as report_csv_writer
from mottak.errors import MottakError
from mottak.http import AuthenticatedHttpRequest
from mottak.kontroll_text import diagnosis_message, kontroll_lang
from mottak.models import Delivery, Kommune, NoParticipantsDeclaration, Severity
from mottak.models.deliveries import SEVERITY_ORDER
from mottak.selectors.access import delivery_visible_q, kommune_manage_allowed, user_own_part
from mottak.selectors.deliveries import (
    RuleCount,
    declared_parts_dict,
    delivery_effective_get,
    delivery_effective_note,
    delivery_get_for_user,
    delivery_list,
    delivery_status_dict,
    effective_deliveries_list,
    kommune_year_status_list,
    no_participants_list,
    parts_declaration_consequence,
    report_rule_summary,
)
from mottak.selectors.reception import (
    ReceptionState,
    default_year_get,
    reception_get,
    reception_list,
    round_years_list,
)
from mottak.services import deliveries as services
from mottak.services.keys import public_keys_list
from mottak.services.reads import report_read_log
from mottak.states import FormState
from mottak.uploads import envelope_uploads_only, max_size_text, too_large_error, upload_refusal

SKJEMAER = ("11F", "11CF")
FINDINGS_PER_PAGE = 50

STATE_LABELS = {
    FormState.NOT_DELIVERED: (gettext_lazy("Ikke levert"), "neutral"),
    FormState.RECEIVED: (gettext_lazy("Mottatt, venter på kontroll"), "info"),
    FormState.CHECKING: (gettext_lazy("Under kontroll"), "info"),
    FormState.HELD: (gettext_lazy("Holdt tilbake (frysperiode)"), "info"),
    FormState.REJECTED: (gettext_lazy("Avvist"), "err"),
    FormState.FAILED: (gettext_lazy("Kunne ikke kontrolleres"), "err"),
    FormState.PARTS_MISSING: (gettext_lazy("Deler mangler"), "warn"),
    FormState.ACCEPTED: (gettext_lazy("Godkjent"), "ok"),
    FormState.ACCEPTED_WITH_WARNINGS: (gettext_lazy("Godkjent med advarsler"), "warn"),
    FormState.NO_PARTICIPANTS: (gettext_lazy("Ingen deltakere"), "ok"),
}


VERDICT_TONES = {
    "received": "info",
    "checking": "info",
    "accepted": "ok",
    "accepted_with_warnings": "warn",
    "rejected": "err",
    "failed": "err",
}


def kommune_name_get(*, nr: str, aar: int) -> str:
    kommune = Kommune.objects.valid_in(aar).filter(nummer=nr).first()
    return kommune.navn if kommune is not None else ""


def diagnosis_text(diagnosis: dict) -> str:
    """kontroll.diagnose's stored diagnosis in the page's language (kontroll's catalogue)."""
    return diagnosis_message(diagnosis)


def _state_label(state: FormState, reception) -> tuple[str | Promise, str]:
    """A form's state as label and tone; "not delivered" says why when no file can come."""
    if state == FormState.NOT_DELIVERED:
        if reception.state == ReceptionState.NOT_OPEN:
            return _("Mottaket har ikke åpnet"), "neutral"
        if reception.state == ReceptionState.CLOSED:
            return _("Ikke levert (mottaket er stengt)"), "neutral"
    return STATE_LABELS[state]


def _kommune_of(request: AuthenticatedHttpRequest) -> str:
    """The kommune the page acts for: the user's own, or for staff ?kommune=NNNN."""
    user = request.user
    if user.is_staff:
        nr = request.GET.get("kommune") or request.POST.get("kommune") or user.kommune_nr
        if not nr:
            raise Http404
        return nr
    if not user.kommune_nr:
        raise Http404
    return user.kommune_nr


def _aar(request: HttpRequest, kommune_nr: str | None = None) -> int:
    """The year asked for, else the one whose reception is open now (or opens next)."""
    raw = request.GET.get("aar") or request.POST.get("aar") or ""
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    if kommune_nr:
        default = default_year_get(kommune_nr=kommune_nr, now=timezone.now())
        if default is not None:
            return default
    today = timezone.localdate()
    return today.year - 1 if today.month <= 6 else today.year


def _years(aar: int) -> list[int]:
    """Years with a round (and the one shown), newest first."""
    return sorted({*round_years_list(), aar}, reverse=True)


def _delivery(request: HttpRequest, pk: int) -> Delivery:
    delivery = delivery_get_for_user(user=request.user, pk=pk)
    if delivery is None:
        raise Http404
    return delivery


@login_required
def status_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    kommune_nr = _kommune_of(request)
    aar = _aar(request, kommune_nr)
    reception = reception_get(kommune_nr=kommune_nr, aar=aar, now=timezone.now())
    own_part = user_own_part(request.user)  # a bydel or office user sees only their part
    rows = []
    for form in kommune_year_status_list(kommune_nr=kommune_nr, aar=aar):
        row: dict[str, Any] = {"form": form, "status": form.status, "parts": []}
        if form.not_applicable:
            row.update(label=_("Ikke aktuelt"), tone="neutral", state="not_applicable")
        elif form.status is not None:
            row["label"], row["tone"] = _state_label(form.status.state, reception)
            row["state"] = str(form.status.state)
            row["parts"] = [
                (p, *STATE_LABELS[p.state])
                for p in form.status.parts
                if p.part and (not own_part or p.part == own_part)
            ]
        elif form.eform_received:
            row.update(label=_("E-skjema mottatt"), tone="ok", state="eform_received")
        else:
            row.update(label=_("E-skjema ikke mottatt"), tone="neutral", state="not_delivered")
        row["effective"] = effective_deliveries_list(form.status) if form.status else []
        rows.append(row)
    return render(
        request,
        "mottak/deliveries/status.html",
        {
            "kommune_nr": kommune_nr,
            "aar": aar,
            "rows": rows,
            "deliveries": _history(request.user, kommune_nr, aar, rows),
            "effective_ids": {d.pk for row in rows for d in row["effective"]},
            "declared": declared_parts_dict(kommune_nr=kommune_nr, aar=aar),
            "years": _years(aar),
            "reception": reception,
            "kommune_name": kommune_name_get(nr=kommune_nr, aar=aar),
            "cf_effective": next(
                (d for r in rows if r["form"].skjema == "11CF" for d in r["effective"]), None
            ),
            "can_manage": kommune_manage_allowed(user=request.user, kommune_nr=kommune_nr),
        },
    )


def _history(user, kommune_nr: str, aar: int, rows: list[dict]) -> list:
    """Deliveries and "no participants" declarations of the year, newest first (50)."""
    counting = {
        row["status"].no_participants.pk
        for row in rows
        if row["status"] is not None
        and row["status"].state == FormState.NO_PARTICIPANTS
        and row["status"].no_participants is not None
    }
    declarations = list(no_participants_list(kommune_nr=kommune_nr, aar=aar))
    for decl in declarations:
        # A per-page flag read by the template; not a model field.
        decl.counts = decl.pk in counting  # type: ignore[attr-defined]
    deliveries = delivery_list(kommune_nr=kommune_nr, aar=aar).filter(delivery_visible_q(user))
    entries: list[Delivery | NoParticipantsDeclaration] = [*deliveries[:50], *declarations]
    entries.sort(
        key=lambda e: e.received_at if isinstance(e, Delivery) else e.declared_at, reverse=True
    )
    return entries[:50]


@csrf_exempt  # CSRF is checked below, once the envelope-only upload handler is in place
@login_required
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET: the form (the browser encrypts). POST: the envelope, from the page's script
    (answers JSON) or from a client that posts an already encrypted file (redirects).

    Anonymous requests are sent to the login page before any of the body is read; the body
    is parsed with the envelope-only upload handler (mottak.uploads), so a plaintext file is
    refused at its first bytes and never spooled to disk.
    """
    envelope_uploads_only(request)
    return _upload(request)


@csrf_protect
def _upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    kommune_nr = _kommune_of(request)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        file = request.FILES.get("file")
        try:
            refusal = upload_refusal(request)
            if refusal is not None:
                raise refusal
            if file is None:
                raise MottakError(_("Velg en fil."), code="no_file")
            aar_raw = request.POST.get("aar", "")
            if not aar_raw.isdigit():
                raise MottakError(_("Ugyldig statistikkår."), code="aar")
            delivery = services.submission_create(
                user=request.user,
                kommune_nr=kommune_nr,
                skjema=request.POST.get("skjema", ""),
                aar=int(aar_raw),
                part=request.POST.get("del", ""),
                file=file,
                check_only=request.POST.get("check_only") in ("1", "on", "true"),
                declare_part=request.POST.get("declare_part") in ("1", "on", "true"),
            )
        except MottakError as err:
            if wants_json:
                return JsonResponse(
                    {"error": err.message}, status=413 if err.code == "too_large" else 400
                )
            messages.error(request, err.message)
            return redirect(reverse("mottak:upload"))
        url = reverse("mottak:delivery", args=[delivery.pk])
        if wants_json:
            return JsonResponse({"id": delivery.pk, "receipt": delivery.receipt, "redirect": url})
        return redirect(url)
    keys = public_keys_list()
    current = next((k for k in keys if k.current), None)
    spki = ""
    if current is not None:
        body = "".join(line for line in current.pem.splitlines() if "-----" not in line)
        spki = base64.b64decode(body).hex()
    aar = _aar(request, kommune_nr)
    receptions = reception_list(kommune_nr=kommune_nr, now=timezone.now())
    if aar not in {r.aar for r in receptions}:
        receptions.insert(0, reception_get(kommune_nr=kommune_nr, aar=aar, now=timezone.now()))
    return render(
        request,
        "mottak/deliveries/upload.html",
        {
            "kommune_nr": kommune_nr,
            "aar": aar,
            "receptions": receptions,
            "reception": next(r for r in receptions if r.aar == aar),
            "skjemaer": SKJEMAER,
            "key": current,
            "key_spki_hex": spki,
            "max_bytes": settings.MAX_UPLOAD_BYTES,
            "max_size_text": max_size_text(),
            "upload_texts": {
                "encrypting": _("Krypterer …"),
                "uploading": _("Laster opp …"),
                "done": _("Lastet opp. Venter på kontroll …"),
                "failed": _("Opplastingen feilet. Prøv igjen."),
                "nocrypto": _("Nettleseren din kan ikke kryptere filen. Bruk kostra_krypter.py."),
                "toolarge": too_large_error().message,
                "empty": _("Filen er tom."),
                "already": _("Filen er allerede kryptert; den sendes som den er."),
            },
            "selected_skjema": request.GET.get("skjema", "11F"),
            "declared": declared_parts_dict(kommune_nr=kommune_nr, aar=aar),
            # An Oslo bydel user delivers for their bydel unless they say otherwise.
            "selected_part": request.GET.get("del", request.user.bydel or ""),
        },
    )


@never_cache
@login_required
def delivery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = _delivery(request, pk)
    effective = delivery_effective_get(delivery=delivery)
    return render(
        request,
        "mottak/deliveries/delivery.html",
        {
            "delivery": delivery,
            "status": delivery_status_dict(delivery, findings=False),
            "effective": effective,
            "effective_note": delivery_effective_note(delivery=delivery, effective=effective),
            "kommune_name": kommune_name_get(nr=delivery.kommune_nr, aar=delivery.aar),
            "verdict_label": services.verdict_label(delivery),
            "has_report": hasattr(delivery, "report"),
            "verdict_tone": VERDICT_TONES[delivery.verdict],
        },
    )


@never_cache
@login_required
def delivery_status_json(request: HttpRequest, pk: int) -> JsonResponse:
    """Polled by the delivery page until the verdict is there."""
    delivery = _delivery(request, pk)
    data = delivery_status_dict(delivery, findings=False)
    data.pop("summary")
    effective = delivery_effective_get(delivery=delivery)
    data.update(
        id=delivery.pk,
        receipt=delivery.receipt,
        with_warnings=delivery.with_warnings,
        label=services.verdict_label(delivery),
        tone=VERDICT_TONES[delivery.verdict],
        final=delivery.is_final,
        has_report=hasattr(delivery, "report"),
        effective_note=delivery_effective_note(delivery=delivery, effective=effective),
        effective=("self" if effective.pk == delivery.pk else "other") if effective else "none",
    )
    return JsonResponse(data)


def _filtered_findings(request: HttpRequest, stored):
    """The report's findings with the page's filters (?alvorlighet=, ?kontroll=), errors
    before warnings, grouped by rule, then by line: the page and the CSV read the same."""
    findings = stored.findings.all()
    severity = request.GET.get("alvorlighet", "")
    rule = request.GET.get("kontroll", "")
    if severity in Severity.values:
        findings = findings.filter(severity=severity)
    if rule:
        findings = findings.filter(rule=rule)
    rank = Case(
        *(When(severity=name, then=Value(order)) for name, order in SEVERITY_ORDER.items()),
        default=Value(9),
    )
    return findings.annotate(rank=rank).order_by("rank", "rule", "line", "id"), severity, rule


def _grouped(findings, rules: dict, *, collapse: bool = False) -> list[tuple]:
    """(rule header or None, finding, lines): a header row wherever the rule changes. With
    `collapse` (a wrong file, explained at the top) consecutive findings of one rule with the
    same message become one row whose `lines` names the range ("1–30")."""
    rows: list[list] = []
    current = None
    for f in findings:
        header = None
        if f.rule != current:
            current = f.rule
            header = rules.get(f.rule) or RuleCount(f.rule, f.severity, 0, "")
        last = rows[-1] if rows else None
        if collapse and header is None and last and last[1].text() == f.text():
            last[3] = f.line
            continue
        rows.append([header, f, f.line, f.line])
    return [
        (h, f, f"{first}–{end}" if first and end and end != first else (first or "–"))
        for h, f, first, end in rows
    ]


@never_cache
@login_required
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delivery = _delivery(request, pk)
    stored = getattr(delivery, "report", None) if delivery.is_final else None
    if stored is None:
        return redirect(reverse("mottak:delivery", args=[pk]))
    report_read_log(user=request.user, delivery=delivery, via="page")
    findings, severity, rule = _filtered_findings(request, stored)
    printable = request.GET.get("utskrift") == "1"
    per_page = max(findings.count(), 1) if printable else FINDINGS_PER_PAGE
    page = Paginator(findings, per_page).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    filters = query.copy()
    filters.pop("utskrift", None)
    rules = report_rule_summary(stored)
    titles = {r.rule: r for r in rules}
    diagnosis = stored.summary.get("diagnosis")
    return render(
        request,
        "mottak/deliveries/report.html",
        {
            "delivery": delivery,
            "report": stored,
            "kommune_name": kommune_name_get(nr=delivery.kommune_nr, aar=delivery.aar),
            "rules": rules,
            "page": page,
            "page_rows": _grouped(page.object_list, titles, collapse=bool(diagnosis)),
            "severities": Severity.choices,
            "severity": severity,
            "rule": rule,
            "query": query.urlencode(),
            "truncated": stored.summary.get("truncated"),
            "filters": filters.urlencode(),
            "printable": printable,
            "diagnosis": diagnosis_text(diagnosis) if diagnosis else "",
            "counts": [
                (label, stored.summary.get("counts", {}).get(value, 0))
                for value, label in Severity.choices
            ],
            "statistics": _statistics_sections(stored.summary.get("statistics") or {}),
            "verdict_label": services.verdict_label(delivery),
            "verdict_tone": VERDICT_TONES[delivery.verdict],
        },
    )


# Labels of the statistics summary's keys (kontroll stores the numbers, the page names them).
_STAT_TOTALS = {
    "recipients": gettext_lazy("Mottakere"),
    "participants": gettext_lazy("Deltakere"),
    "bidrag_total": gettext_lazy("Sum bidrag (kr)"),
    "laan_total": gettext_lazy("Sum lån (kr)"),
    "benefit_total": gettext_lazy("Sum kvalifiseringsstønad (kr)"),
}
_STAT_TABLES = {
    "by_age": gettext_lazy("Etter alder"),
    "by_months": gettext_lazy("Etter antall måneder med stønad"),
    "by_amount": gettext_lazy("Etter samlet beløp"),
}


def _statistics_sections(values: dict) -> dict[str, list]:
    """kontroll's statistics summary as labelled totals and small tables for the report.

    Known keys come in a fixed order: PostgreSQL's jsonb does not keep the stored key order.
    """
    known = [*_STAT_TOTALS, *_STAT_TABLES]
    keys = sorted(values, key=lambda k: (known.index(k) if k in known else len(known), k))
    from kontroll.messages import translate
    from mottak.kontroll_text import kontroll_lang

    lang = kontroll_lang()  # kontroll's group labels ("Under 18 år") in the page's language
    labels = {**_STAT_TOTALS, **_STAT_TABLES}
    totals = [(labels.get(k, k), values[k]) for k in keys if not isinstance(values[k], list | dict)]
    tables = [
        (
            labels.get(k, k),
            [(translate(row.get("group", ""), lang), row.get("count", 0)) for row in values[k]],
        )
        for k in keys
        if isinstance(values[k], list) and all(isinstance(row, dict) for row in values[k])
    ]
    return {"totals": totals, "tables": tables}


@never_cache
@login_required
def report_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delivery = _delivery(request, pk)
    stored = getattr(delivery, "report", None)
    if stored is None:
        raise Http404
    report_read_log(user=request.user, delivery=delivery, via="csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kontrollrapport-{delivery.receipt}.csv"'
    )
    # The columns, labels, separator, BOM and neutralising of kontroll's --format csv.
    lang = kontroll_lang()
    writer = report_csv_writer(response)
    writer.writerow(report_csv_header(lang))
    findings, _severity, _rule = _filtered_findings(request, stored)
    for f in findings:
        writer.writerow(report_csv_row(rule=f.rule, severity=f.severity, line=f.line,
                                       journal_number=f.journal_number, caseworker=f.caseworker,
                                       fields=f.fields, message=f.text(), lang=lang))  # fmt: skip
    for rule, total in ((stored.summary.get("truncated") or {}).get("rules") or {}).items():
        writer.writerow(["", "", "", "", "", "", _truncated_text(rule, total, stored)])
    return response


def _truncated_text(rule: str, total: int, stored) -> str:
    return _(
        "Listen er avkortet: kontroll %(rule)s fant %(total)s funn; de første %(limit)s er med."
    ) % {"rule": rule, "total": total, "limit": stored.summary["truncated"]["limit"]}


@login_required
@require_POST
def parts_declare(request: AuthenticatedHttpRequest) -> HttpResponse:
    kommune_nr = _kommune_of(request)
    aar = _aar(request)
    parts = [p for p in request.POST.get("deler", "").replace(";", ",").split(",")]
    skjema = request.POST.get("skjema", "")
    try:
        services.parts_declare(
            user=request.user,
            kommune_nr=kommune_nr,
            skjema=skjema,
            aar=aar,
            parts=parts,
            now=timezone.now(),
        )
        messages.success(request, _("Delene er registrert."))
        consequence = parts_declaration_consequence(kommune_nr=kommune_nr, skjema=skjema, aar=aar)
        if consequence:
            messages.warning(request, consequence)
    except MottakError as err:
        messages.error(request, err.message)
    return redirect(f"{reverse('mottak:status')}?aar={aar}")


@login_required
@require_POST
def no_participants(request: AuthenticatedHttpRequest) -> HttpResponse:
    kommune_nr = _kommune_of(request)
    aar = _aar(request)
    try:
        decl = services.no_participants_declare(
            user=request.user,
            kommune_nr=kommune_nr,
            aar=aar,
            now=timezone.now(),
            confirmed=request.POST.get("bekreft") == "1",
        )
        messages.success(
            request,
            _("Erklæringen om ingen deltakere er registrert. Kvitteringsnummer: %(r)s.")
            % {"r": decl.receipt or "-"},
        )
    except MottakError as err:
        messages.error(request, err.message)
    return redirect(f"{reverse('mottak:status')}?aar={aar}")


def keys_page(request: HttpRequest) -> HttpResponse:
    """The portal's public keys with fingerprints (public: needed to encrypt)."""
    return render(request, "mottak/deliveries/keys.html", {"keys": public_keys_list()})


def key_pem(request: HttpRequest, key_id: str) -> HttpResponse:
    key = next((k for k in public_keys_list() if k.key_id == key_id), None)
    if key is None:
        raise Http404
    return HttpResponse(key.pem, content_type="application/x-pem-file")


def krypter_download(request: HttpRequest) -> FileResponse:
    """The single-file encrypter for case-handling systems (needs Python and cryptography)."""
    path = settings.BASE_DIR / "krypter" / "kostra_krypter.py"
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename="kostra_krypter.py",
        content_type="text/x-python; charset=utf-8",
    )
