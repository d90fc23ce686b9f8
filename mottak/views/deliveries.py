"""The municipality's pages: upload (encrypted in the browser), delivery and receipt, report,
status of each form (like SSB's mottatt.asp), declared parts and "no participants".

Every page is scoped to the user's kommune: a delivery of another kommune is a 404.
"""

import base64
import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mottak.errors import MottakError
from mottak.models import Delivery, Severity
from mottak.selectors.deliveries import (
    FormState,
    delivery_get_for_user,
    delivery_list,
    delivery_status_dict,
    kommune_year_status_list,
    report_rule_summary,
)
from mottak.services import deliveries as services
from mottak.services.keys import public_keys_list

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


def _kommune_of(request: HttpRequest) -> str:
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


def _aar(request: HttpRequest) -> int:
    raw = request.GET.get("aar") or request.POST.get("aar") or ""
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    today = timezone.localdate()
    return today.year - 1 if today.month <= 6 else today.year


def _delivery(request: HttpRequest, pk: int) -> Delivery:
    delivery = delivery_get_for_user(user=request.user, pk=pk)
    if delivery is None:
        raise Http404
    return delivery


@login_required
def status_page(request: HttpRequest) -> HttpResponse:
    kommune_nr = _kommune_of(request)
    aar = _aar(request)
    rows = []
    for form in kommune_year_status_list(kommune_nr=kommune_nr, aar=aar):
        row = {"form": form, "status": form.status, "parts": []}
        if form.not_applicable:
            row.update(label=_("Ikke aktuelt"), tone="neutral", state="not_applicable")
        elif form.status is not None:
            row["label"], row["tone"] = STATE_LABELS[form.status.state]
            row["state"] = str(form.status.state)
            row["parts"] = [(p, *STATE_LABELS[p.state]) for p in form.status.parts if p.part]
        elif form.eform_received:
            row.update(label=_("E-skjema mottatt"), tone="ok", state="eform_received")
        else:
            row.update(label=_("E-skjema ikke mottatt"), tone="neutral", state="not_delivered")
        rows.append(row)
    return render(
        request,
        "mottak/deliveries/status.html",
        {
            "kommune_nr": kommune_nr,
            "aar": aar,
            "rows": rows,
            "deliveries": delivery_list(kommune_nr=kommune_nr, aar=aar)[:50],
            "years": range(timezone.localdate().year, 2019, -1),
        },
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form (the browser encrypts). POST: the envelope, from the page's script
    (answers JSON) or from a plain form post of an already encrypted file (redirects)."""
    kommune_nr = _kommune_of(request)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        file = request.FILES.get("file")
        try:
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
            )
        except MottakError as err:
            if wants_json:
                return JsonResponse({"error": err.message}, status=400)
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
    return render(
        request,
        "mottak/deliveries/upload.html",
        {
            "kommune_nr": kommune_nr,
            "aar": _aar(request),
            "skjemaer": SKJEMAER,
            "key": current,
            "key_spki_hex": spki,
            "max_bytes": settings.MAX_UPLOAD_BYTES,
            "selected_skjema": request.GET.get("skjema", "11F"),
            # An Oslo bydel user delivers for their bydel unless they say otherwise.
            "selected_part": request.GET.get("del", request.user.bydel or ""),
        },
    )


@login_required
def delivery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = _delivery(request, pk)
    return render(
        request,
        "mottak/deliveries/delivery.html",
        {"delivery": delivery, "status": delivery_status_dict(delivery, findings=False)},
    )


@login_required
def delivery_status_json(request: HttpRequest, pk: int) -> JsonResponse:
    """Polled by the delivery page until the verdict is there."""
    delivery = _delivery(request, pk)
    data = delivery_status_dict(delivery, findings=False)
    data.pop("summary")
    data.update(
        id=delivery.pk,
        receipt=delivery.receipt,
        with_warnings=delivery.with_warnings,
        label=services.verdict_label(delivery),
        final=delivery.is_final,
    )
    return JsonResponse(data)


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = _delivery(request, pk)
    stored = getattr(delivery, "report", None) if delivery.is_final else None
    if stored is None:
        return redirect(reverse("mottak:delivery", args=[pk]))
    findings = stored.findings.all()
    severity = request.GET.get("alvorlighet", "")
    rule = request.GET.get("kontroll", "")
    if severity in Severity.values:
        findings = findings.filter(severity=severity)
    if rule:
        findings = findings.filter(rule=rule)
    page = Paginator(findings.order_by("line", "id"), FINDINGS_PER_PAGE).get_page(
        request.GET.get("side")
    )
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "mottak/deliveries/report.html",
        {
            "delivery": delivery,
            "report": stored,
            "rules": report_rule_summary(stored),
            "page": page,
            "severities": Severity.choices,
            "severity": severity,
            "rule": rule,
            "query": query.urlencode(),
            "counts": stored.summary.get("counts", {}),
            "statistics": _statistics_sections(stored.summary.get("statistics") or {}),
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
    labels = {**_STAT_TOTALS, **_STAT_TABLES}
    totals = [(labels.get(k, k), values[k]) for k in keys if not isinstance(values[k], list | dict)]
    tables = [
        (labels.get(k, k), [(row.get("group", ""), row.get("count", 0)) for row in values[k]])
        for k in keys
        if isinstance(values[k], list) and all(isinstance(row, dict) for row in values[k])
    ]
    return {"totals": totals, "tables": tables}


@login_required
def report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = _delivery(request, pk)
    stored = getattr(delivery, "report", None)
    if stored is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kontrollrapport-{delivery.receipt}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Kontroll"),
            _("Alvorlighet"),
            _("Linje"),
            _("Journalnummer"),
            _("Saksbehandler"),
            _("Felt"),
            _("Melding"),
        ]  # fmt: skip
    )
    for f in stored.findings.order_by("line", "id"):
        writer.writerow(
            [
                f.rule,
                f.severity,
                f.line or "",
                f.journal_number,
                f.caseworker,
                ",".join(f.fields),
                f.text(),
            ]  # fmt: skip
        )
    return response


@login_required
@require_POST
def parts_declare(request: HttpRequest) -> HttpResponse:
    kommune_nr = _kommune_of(request)
    aar = _aar(request)
    parts = [p for p in request.POST.get("deler", "").replace(";", ",").split(",")]
    try:
        services.parts_declare(
            user=request.user,
            kommune_nr=kommune_nr,
            skjema=request.POST.get("skjema", ""),
            aar=aar,
            parts=parts,
            now=timezone.now(),
        )
        messages.success(request, _("Delene er registrert."))
    except MottakError as err:
        messages.error(request, err.message)
    return redirect(f"{reverse('mottak:status')}?aar={aar}")


@login_required
@require_POST
def no_participants(request: HttpRequest) -> HttpResponse:
    kommune_nr = _kommune_of(request)
    aar = _aar(request)
    try:
        services.no_participants_declare(
            user=request.user, kommune_nr=kommune_nr, aar=aar, now=timezone.now()
        )
        messages.success(request, _("Erklæringen om ingen deltakere er registrert."))
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
