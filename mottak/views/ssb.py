"""SSB staff pages: overview, kommune page, intake and error statistics, NAV comparison,
feedback lists, audit log. Every page is staff-only: others get 404 (anonymous: login)."""

import io
from collections.abc import Callable
from datetime import date
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from rest_framework.exceptions import AuthenticationFailed, Throttled

from mottak.api_auth import ApiKeyAuthentication
from mottak.errors import MottakError
from mottak.http import AuthenticatedHttpRequest
from mottak.models import ReportingRound
from mottak.models.ssb import FeedbackItem, FeedbackList
from mottak.selectors import feedback as feedback_selectors
from mottak.selectors.audit import audit_event_list
from mottak.selectors.kommune import kommune_page_get
from mottak.selectors.overview import EXPORT_COLUMNS as OVERVIEW_EXPORT_COLUMNS
from mottak.selectors.overview import (
    EXPORT_COLUMNS_ADDED,
    kommune_for_year,
    nav_import_current,
    overview_export_rows,
    overview_get,
)
from mottak.selectors.statistics import error_statistics_list, intake_get
from mottak.services import feedback as feedback_services
from mottak.services.feedback_selection import parse_lines
from mottak.services.ssb_nav import nav_counts_import, nav_counts_preview
from mottak.spreadsheet import SafeDictWriter
from mottak.views.ssb_chart import intake_chart_svg
from mottak.views.ssb_forms import (
    AuditFilterForm,
    ExceptionForm,
    ExportForm,
    FeedbackCreateForm,
    NavUploadForm,
    OverviewFilterForm,
)
from mottak.views.ssb_overview_extra import eform_marking_context, overview_workbook

EXPORT_COLUMNS = OVERVIEW_EXPORT_COLUMNS + EXPORT_COLUMNS_ADDED


def _otp_missing(request: HttpRequest) -> bool:
    """With STAFF_REQUIRE_OTP, staff pages need the same verified second factor as admin."""
    # is_verified() is put on the user at run time by django_otp's OTPMiddleware.
    return settings.STAFF_REQUIRE_OTP and not request.user.is_verified()  # type: ignore[union-attr]


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise Http404
        if _otp_missing(request):
            return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
        return view(request, *args, **kwargs)

    return wrapper


def _today() -> date:
    return timezone.localdate()


@staff_required
def ssb_home(request: HttpRequest) -> HttpResponse:
    """The overview of the latest round (or last year when no round exists)."""
    latest = ReportingRound.objects.order_by("-aar").values_list("aar", flat=True).first()
    return redirect("mottak:ssb_overview", aar=latest or _today().year - 1)


def _overview_for(request: HttpRequest, aar: int, *, default_sort: str = "nummer"):
    form = OverviewFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    overview = overview_get(
        aar=aar,
        today=_today(),
        fylke=filters.get("fylke") or "",
        state=filters.get("state") or "",
        skjema=filters.get("skjema") or "",
        search=filters.get("q") or "",
        late=bool(filters.get("sent")),
        sort=filters.get("sort") or default_sort,
    )
    return form, overview


@staff_required
def overview(request: HttpRequest, aar: int) -> HttpResponse:
    form, data = _overview_for(request, aar, default_sort="worst")
    form.fields["fylke"].widget.choices = [("", _("Alle fylker"))] + [(f, f) for f in data.fylker]
    form.fields["skjema"].widget.choices = [("", _("Alle skjema"))] + [(s, s) for s in data.forms]
    return render(
        request,
        "mottak/ssb/overview.html",
        {
            "aar": aar,
            "form": form,
            "overview": data,
            "query": request.GET.urlencode(),
            "nav_import": nav_import_current(aar=aar),
            "feedback_counts": feedback_selectors.feedback_counts_get(aar=aar),
            "years": list(ReportingRound.objects.order_by("-aar").values_list("aar", flat=True)),
            **eform_marking_context(data, skjema=form.data.get("skjema", "")),
        },
    )


def _export_user(request: HttpRequest):
    """Staff by session or by `Authorization: Token <key>`; None when neither."""
    # A staff session without the required second factor never gets here (middleware); a
    # staff key counts only if made from a verified session (mottak.services.api_keys).
    if request.user.is_authenticated and not (request.user.is_staff and _otp_missing(request)):
        return request.user
    try:
        result = ApiKeyAuthentication().authenticate(request)
    except (AuthenticationFailed, Throttled):
        return None
    return result[0] if result else None


def _export_allowed(request: HttpRequest) -> HttpResponse | None:
    user = _export_user(request)
    if user is None:
        return HttpResponse(_("Logg inn eller bruk et API-token."), status=403)
    if not user.is_staff:
        raise Http404
    return None


@never_cache
def overview_csv(request: HttpRequest, aar: int) -> HttpResponse:
    refused = _export_allowed(request)
    if refused:
        return refused
    _form, data = _overview_for(request, aar)
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(overview_export_rows(overview=data))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="oversikt-{aar}.csv"'
    return response


@never_cache
def overview_xlsx(request: HttpRequest, aar: int) -> HttpResponse:
    refused = _export_allowed(request)
    if refused:
        return refused
    _form, data = _overview_for(request, aar)
    wb = overview_workbook(aar=aar, rows=overview_export_rows(overview=data))
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="oversikt-{aar}.xlsx"'
    return response


@staff_required
def kommune_page(request: HttpRequest, aar: int, nummer: str) -> HttpResponse:
    kommune = kommune_for_year(nummer=nummer, aar=aar)
    if kommune is None:
        raise Http404
    page = kommune_page_get(kommune=kommune, aar=aar, today=_today())
    return render(
        request,
        "mottak/ssb/kommune.html",
        {
            "aar": aar,
            "kommune": kommune,
            "page": page,
            "feedback_form": FeedbackCreateForm(),
            "exception_form": ExceptionForm(),
        },
    )


def _kommune_action_run(request: AuthenticatedHttpRequest, *, aar: int, nummer: str) -> str:
    """Run one staff action from the kommune page through M4's/M5's service; a message."""
    from mottak.selectors.deliveries import delivery_list
    from mottak.services.calendar import deadline_exception_grant
    from mottak.services.deliveries import delivery_withdraw, submission_rerun_control
    from mottak.services.reminders import reminder_send_now

    action = request.POST.get("action", "")
    skjema = request.POST.get("skjema", "")
    now = timezone.now()
    if action == "remind":
        reminder = reminder_send_now(
            kommune_nr=nummer, skjema=skjema, aar=aar, now=now, sent_by=request.user
        )
        return _("Påminnelse sendt til %(n)s mottakere.") % {"n": len(reminder.recipients)}
    if action == "exception":
        form = ExceptionForm(request.POST)
        if not form.is_valid():
            raise MottakError(_("Oppgi dato og begrunnelse for unntaket."), code="form")
        deadline_exception_grant(
            kommune_nr=nummer,
            skjema=skjema,
            aar=aar,
            expires_at=form.expires_at(),
            reason=form.cleaned_data["reason"],
            granted_by=request.user,
            now=now,
        )
        return _("Unntaket er registrert.")
    delivery = get_object_or_404(
        delivery_list(kommune_nr=nummer, aar=aar), pk=request.POST.get("delivery")
    )
    if action == "withdraw":
        delivery_withdraw(
            delivery=delivery, user=request.user, reason=request.POST.get("reason", ""), now=now
        )
        return _("Leveransen er trukket tilbake.")
    if action == "rerun":
        submission_rerun_control(delivery=delivery, requested_by=request.user, now=now)
        return _("Leveransen kontrolleres på nytt.")
    raise Http404


@staff_required
@require_POST
def kommune_action(request: AuthenticatedHttpRequest, aar: int, nummer: str) -> HttpResponse:
    if kommune_for_year(nummer=nummer, aar=aar) is None:
        raise Http404
    try:
        messages.success(request, _kommune_action_run(request, aar=aar, nummer=nummer))
    except MottakError as exc:
        messages.error(request, exc.message)
    return redirect("mottak:ssb_kommune", aar=aar, nummer=nummer)


@staff_required
def intake(request: HttpRequest, aar: int) -> HttpResponse:
    try:
        on = date.fromisoformat(request.GET.get("dato", ""))
    except ValueError:
        on = _today()
    forms = intake_get(aar=aar, on=on)
    charts = {
        f.skjema: intake_chart_svg(
            days=f.days,
            deadline=f.deadline,
            total=f.obligated,
            title=_("Leveranser per dag, skjema %(skjema)s %(aar)s")
            % {"skjema": f.skjema, "aar": aar},
            chart_id=f"chart-{f.skjema}",
            on=on,
        )
        for f in forms
    }
    rnd = ReportingRound.objects.filter(aar=aar).first()
    key_dates = (
        [
            (
                _("Frist 11F/11CF"),
                rnd.forms.filter(skjema="11F").values_list("deadline_on", flat=True).first(),
            ),
            (_("Foreløpig publisering"), rnd.preliminary_publication_on),
            (_("Siste frist for rettinger"), rnd.correction_cutoff_on),
            (_("Endelig publisering"), rnd.final_publication_on),
        ]
        if rnd
        else []
    )
    return render(
        request,
        "mottak/ssb/intake.html",
        {
            "aar": aar,
            "on": on,
            "forms": [(f, charts[f.skjema]) for f in forms],
            "key_dates": [(label, d) for label, d in key_dates if d],
        },
    )


@staff_required
def errors(request: HttpRequest, aar: int, skjema: str) -> HttpResponse:
    stats = error_statistics_list(aar=aar, skjema=skjema)
    return render(request, "mottak/ssb/errors.html", {"aar": aar, "skjema": skjema, "stats": stats})


@staff_required
def nav(request: HttpRequest, aar: int) -> HttpResponse:
    """Upload shows a preview (added, changed, removed, errors); confirm imports it."""
    form = NavUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(2 * 1024 * 1024)
        try:
            preview = nav_counts_preview(aar=aar, content=content, mode=form.cleaned_data["mode"])
        except MottakError as exc:
            messages.error(request, exc.message)
        else:
            request.session[NAV_SESSION_KEY] = {
                "aar": aar,
                "content": content.decode("latin-1") if preview.ok else "",
                "filename": upload.name[:200],
                "mode": preview.mode,
                "tolerance_absolute": form.cleaned_data["tolerance_absolute"],
                "tolerance_percent": form.cleaned_data["tolerance_percent"],
            }
    data = overview_get(aar=aar, today=_today(), skjema="11CF")
    rows = [
        (row.kommune, cell)
        for row in data.rows
        for cell in row.cells
        if cell.skjema == "11CF" and cell.nav is not None
    ]
    flagged = sum(1 for _k, c in rows if c.nav is not None and c.nav.flagged)
    total = len(rows)
    only_flagged = request.GET.get("avvik") == "1"
    if only_flagged:
        rows = [(k, c) for k, c in rows if c.nav is not None and c.nav.flagged]
    return render(
        request,
        "mottak/ssb/nav.html",
        {
            "aar": aar,
            "form": form,
            "rows": rows,
            "only_flagged": only_flagged,
            "flagged": flagged,
            "total": total,
            "nav_import": nav_import_current(aar=aar),
            "preview": preview,
        },
    )


NAV_SESSION_KEY = "nav_counts_preview"


@staff_required
@require_POST
def nav_confirm(request: AuthenticatedHttpRequest, aar: int) -> HttpResponse:
    stored = request.session.pop(NAV_SESSION_KEY, None) or {}
    if stored.get("aar") != aar or not stored.get("content"):
        messages.error(request, _("Det er ingen forhåndsvisning å bekrefte. Last opp filen igjen."))
        return redirect("mottak:ssb_nav", aar=aar)
    try:
        nav_import = nav_counts_import(
            aar=aar,
            content=stored["content"].encode("latin-1"),
            uploaded_by=request.user,
            now=timezone.now(),
            filename=stored["filename"],
            tolerance_absolute=stored["tolerance_absolute"],
            tolerance_percent=stored["tolerance_percent"],
            mode=stored["mode"],
        )
    except MottakError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("NAV-tall for %(n)s kommuner er lastet inn.") % {"n": nav_import.counts.count()},
        )
    return redirect("mottak:ssb_nav", aar=aar)


@staff_required
def feedback_index(request: HttpRequest) -> HttpResponse:
    lists = feedback_selectors.feedback_list_list(
        state=request.GET.get("status", ""), kommune_nr=request.GET.get("kommune", "")
    )
    page = Paginator(lists, 50).get_page(request.GET.get("side"))
    return render(
        request,
        "mottak/ssb/feedback_index.html",
        {
            "page": page,
            "counts": feedback_selectors.feedback_counts_get(),
            "overdue": feedback_selectors.feedback_overdue_list(today=_today())[:100],
        },
    )


@staff_required
@require_POST
def feedback_create(
    request: AuthenticatedHttpRequest, aar: int, nummer: str, skjema: str
) -> HttpResponse:
    kommune = kommune_for_year(nummer=nummer, aar=aar)
    if kommune is None:
        raise Http404
    form = FeedbackCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skjemaet for feillisten har feil: %(e)s") % {"e": form.errors})
        return redirect("mottak:ssb_kommune", aar=aar, nummer=nummer)
    try:
        feedback_list = feedback_services.feedback_list_create_from_form(
            kommune_nr=nummer,
            skjema=skjema,
            aar=aar,
            title=form.cleaned_data["title"],
            message=form.cleaned_data["message"],
            questions=form.cleaned_data["questions"],
            finding_keys=request.POST.getlist("finding"),
            rules=request.POST.getlist("rule")[:200],
            lines=parse_lines(request.POST.get("lines", "")[:500]),
            created_by=request.user,
            now=timezone.now(),
        )
    except MottakError as exc:
        messages.error(request, exc.message)
        return redirect("mottak:ssb_kommune", aar=aar, nummer=nummer)
    messages.success(request, _("Feillisten er opprettet som utkast."))
    return redirect("mottak:ssb_feedback", pk=feedback_list.pk)


@staff_required
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    feedback_list = get_object_or_404(FeedbackList, pk=pk)
    return render(
        request,
        "mottak/ssb/feedback_detail.html",
        {"fl": feedback_list, "items": feedback_list.items.all()},
    )


@staff_required
@require_POST
def feedback_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feedback_list = get_object_or_404(FeedbackList, pk=pk)
    try:
        n = feedback_services.feedback_list_send(
            feedback_list=feedback_list, sent_by=request.user, now=timezone.now()
        )
    except MottakError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Feillisten er sendt til %(n)s mottakere.") % {"n": n})
    return redirect("mottak:ssb_feedback", pk=pk)


@staff_required
@require_POST
def feedback_item_decide(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_object_or_404(FeedbackItem, pk=item_pk, feedback_list_id=pk)
    try:
        if request.POST.get("decision") == "accept":
            feedback_services.feedback_item_accept(item=item, user=request.user, now=timezone.now())
            messages.success(request, _("Svaret er godtatt."))
        else:
            feedback_services.feedback_item_send_back(
                item=item,
                user=request.user,
                now=timezone.now(),
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("Spørsmålet er sendt tilbake til kommunen."))
    except MottakError as exc:
        messages.error(request, exc.message)
    return redirect("mottak:ssb_feedback", pk=pk)


@staff_required
def audit_log_view(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_event_list(**filters)
    page = Paginator(events, 100).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "mottak/ssb/audit.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@staff_required
def exports(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Staff order an export for statistics production and see earlier ones."""
    from mottak.models.ssb import StatisticsExport
    from mottak.services.ssb_export import statistics_export_request

    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            statistics_export_request(
                skjema=form.cleaned_data["skjema"],
                aar=form.cleaned_data["aar"],
                requested_by=request.user,
                now=timezone.now(),
            )
        except MottakError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Uttrekket er bestilt og lages i bakgrunnen."))
            return redirect("mottak:ssb_exports")
    return render(
        request,
        "mottak/ssb/exports.html",
        {"form": form, "exports": StatisticsExport.objects.select_related("requested_by")[:50]},
    )


@never_cache
@staff_required
def export_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The encrypted export (an envelope only the staff export key opens); audited."""
    from pathlib import Path

    from mottak.models.ssb import ExportState, StatisticsExport
    from mottak.services.audit import audit_log

    export = get_object_or_404(StatisticsExport, pk=pk, state=ExportState.DONE)
    path = Path(export.path)
    if not path.is_file():
        raise Http404
    audit_log(action="export.downloaded", actor=request.user, obj=export, now=timezone.now())
    response = HttpResponse(path.read_bytes(), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return response
