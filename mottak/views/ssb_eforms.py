"""Staff pages: import e-form receipts from a file (preview, then confirm) and mark e-forms
as received in bulk from the overview. Both call `mottak.services.eform_receipts`."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mottak.errors import MottakError
from mottak.http import AuthenticatedHttpRequest
from mottak.services.eform_receipts import (
    EformReceipt,
    eform_forms,
    eform_receipts_import,
    eform_receipts_mark,
    eform_receipts_parse,
)
from mottak.views.ssb import staff_required

SESSION_KEY = "eform_receipts_preview"


class EformUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil fra e-skjemasystemet (CSV eller Excel)"),
        help_text=gettext_lazy(
            "Kolonnene «kommune», «skjema» og «mottatt» (dato og klokkeslett, norsk tid)."
        ),
    )


class EformMarkForm(forms.Form):
    skjema = forms.CharField(max_length=4)
    received_at = forms.DateTimeField(
        label=gettext_lazy("Mottatt"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
    )
    kommune = forms.MultipleChoiceField(choices=[])  # filled from the request

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.getlist("kommune") if hasattr(self.data, "getlist") else []
        field = self.fields["kommune"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(nr, nr) for nr in chosen[:1000]]


@staff_required
def eform_import(request: HttpRequest, aar: int) -> HttpResponse:
    form = EformUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = eform_receipts_parse(
                aar=aar,
                content=upload.read(5 * 1024 * 1024 + 1),
                filename=upload.name,
                now=timezone.now(),
            )
        except MottakError as err:
            messages.error(request, err.message)
        else:
            request.session[SESSION_KEY] = {
                "aar": aar,
                "receipts": [r.as_json() for r in preview.receipts] if preview.ok else [],
            }
    return render(
        request,
        "mottak/ssb/eform_import.html",
        {"aar": aar, "form": form, "preview": preview, "forms": eform_forms(aar=aar)},
    )


@staff_required
@require_POST
def eform_import_confirm(request: AuthenticatedHttpRequest, aar: int) -> HttpResponse:
    stored = request.session.get(SESSION_KEY) or {}
    if stored.get("aar") != aar or not stored.get("receipts"):
        messages.error(request, _("Det er ingen forhåndsvisning å bekrefte. Last opp filen igjen."))
        return redirect("mottak:ssb_eform_import", aar=aar)
    receipts = [EformReceipt.from_json(r) for r in stored["receipts"]]
    try:
        result = eform_receipts_import(
            aar=aar, receipts=receipts, imported_by=request.user, now=timezone.now()
        )
    except MottakError as err:
        messages.error(request, err.message)
        return redirect("mottak:ssb_eform_import", aar=aar)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("%(new)s nye og %(changed)s endrede e-skjemamottak registrert (%(same)s uendret).")
        % {"new": result.new, "changed": result.changed, "same": result.unchanged},
    )
    return redirect("mottak:ssb_overview", aar=aar)


@staff_required
@require_POST
def eform_mark(request: AuthenticatedHttpRequest, aar: int) -> HttpResponse:
    form = EformMarkForm(request.POST)
    back = reverse("mottak:ssb_overview", args=[aar])
    query = request.POST.get("query", "")
    if query:
        back += "?" + query
    if not form.is_valid():
        messages.error(request, _("Velg kommuner og oppgi når e-skjemaet ble mottatt."))
        return redirect(back)
    data = form.cleaned_data
    try:
        result = eform_receipts_mark(
            aar=aar,
            skjema=data["skjema"],
            kommuner=data["kommune"],
            received_at=data["received_at"],
            marked_by=request.user,
            now=timezone.now(),
        )
    except MottakError as err:
        messages.error(request, err.message)
    else:
        messages.success(
            request,
            _("Skjema %(s)s registrert som mottatt for %(n)s kommuner.")
            % {"s": data["skjema"], "n": len(result.receipts)},
        )
    return redirect(back)
