"""Admin for the reporting calendar: rounds, exceptions, obligation marks, contacts, reminders.

Every state change goes through the services in mottak.services.calendar / reminders, the same
ones the scheduled job and the command use.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mottak.errors import MottakError
from mottak.http import AuthenticatedHttpRequest
from mottak.models import (
    DeadlineException,
    FreezeWindow,
    KommuneContact,
    ObligationMark,
    Reminder,
    ReportingRound,
    RoundForm,
    Skjema,
)
from mottak.services.audit import audit_log
from mottak.services.calendar import (
    deadline_exception_grant,
    deadline_exception_log,
    kommune_contacts_import,
    obligation_mark,
    reporting_round_create_standard,
    round_forms_sorted,
)
from mottak.services.kommune_validity import kommune_nr_validator, kommune_nr_year_validator
from mottak.services.reminders import reminder_send_now


class StandardRoundForm(forms.Form):
    aar = forms.IntegerField(label=gettext_lazy("Statistikkår"), min_value=2020, max_value=2100)


class RoundFormInline(admin.TabularInline):
    model = RoundForm
    extra = 0


class FreezeWindowInline(admin.TabularInline):
    model = FreezeWindow
    extra = 0


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = [
        "aar",
        "opens_on",
        "deadlines",
        "preliminary_publication_on",
        "correction_cutoff_on",
        "final_publication_on",
        "freeze_windows_text",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "aar",
                    "opens_on",
                    "preliminary_publication_on",
                    "correction_cutoff_on",
                    "final_publication_on",
                ]
            },
        ),
        (gettext_lazy("Påminnelser"), {"fields": ["remind_days_before", "overdue_every_days"]}),
    ]
    inlines = [RoundFormInline, FreezeWindowInline]
    change_list_template = "admin/mottak/reportinground/change_list.html"

    def get_urls(self):
        own = [
            path(
                "standard/",
                self.admin_site.admin_view(self.create_standard_view),
                name="mottak_reportinground_standard",
            )
        ]
        return own + super().get_urls()

    def create_standard_view(self, request: AuthenticatedHttpRequest):
        """Create the standard round for year N with the dates of SSB's letter."""
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        form = StandardRoundForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            aar = form.cleaned_data["aar"]
            existed = ReportingRound.objects.filter(aar=aar).exists()
            rnd = reporting_round_create_standard(
                aar=aar, created_by=request.user, now=timezone.now()
            )
            if existed:
                messages.warning(
                    request,
                    _("Runden for %(aar)s fantes allerede; bare manglende skjema er lagt til.")
                    % {"aar": aar},
                )
            else:
                messages.success(
                    request, _("Standardrunden for %(aar)s er opprettet.") % {"aar": aar}
                )
            return HttpResponseRedirect(
                reverse("admin:mottak_reportinground_change", args=[rnd.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Opprett standardrunde"),
        }
        return TemplateResponse(request, "admin/mottak/reportinground/standard.html", context)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("forms", "freeze_windows")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        rnd = form.instance
        audit_log(
            action="reporting_round.changed" if change else "reporting_round.created",
            actor=request.user,
            obj=rnd,
            now=timezone.now(),
            data={
                "aar": rnd.aar,
                "changed": form.changed_data
                + [f"{fs.prefix}:{f}" for fs in formsets for f in _formset_changes(fs)],
                "opens_on": rnd.opens_on.isoformat(),
                "correction_cutoff_on": rnd.correction_cutoff_on.isoformat(),
                "forms": {
                    f.skjema: f.deadline_on.isoformat() for f in RoundForm.objects.filter(round=rnd)
                },
                "freeze_windows": [
                    [w.starts_at.isoformat(), w.ends_at.isoformat()]
                    for w in FreezeWindow.objects.filter(round=rnd)
                ],
            },
        )

    @admin.display(description=gettext_lazy("frister"))
    def deadlines(self, obj: ReportingRound) -> str:
        forms = round_forms_sorted(obj.forms.all())
        return ", ".join(f"{f.skjema}: {f.deadline_on:%d.%m.%Y}" for f in forms)

    @admin.display(description=gettext_lazy("frysperioder"))
    def freeze_windows_text(self, obj: ReportingRound) -> str:
        return "; ".join(str(w) for w in obj.freeze_windows.all())


def _formset_changes(formset) -> list[str]:
    changes = []
    for form in formset.forms:
        if form.has_changed():
            changes += form.changed_data
    return sorted(set(changes))


@admin.register(DeadlineException)
class DeadlineExceptionAdmin(admin.ModelAdmin):
    list_display = ["kommune_nr", "skjema", "aar", "expires_at", "reason", "granted_by"]
    list_filter = ["aar", "skjema"]
    search_fields = ["kommune_nr", "reason"]
    fields = ["kommune_nr", "skjema", "aar", "expires_at", "reason", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        now = timezone.now()
        if change:
            obj.save()
            deadline_exception_log(exception=obj, actor=request.user, now=now, action="changed")
            return
        created = deadline_exception_grant(
            kommune_nr=obj.kommune_nr,
            skjema=obj.skjema,
            aar=obj.aar,
            expires_at=obj.expires_at,
            reason=obj.reason,
            granted_by=request.user,
            now=now,
        )
        obj.pk = created.pk
        obj.granted_by, obj.granted_at = created.granted_by, created.granted_at

    def delete_model(self, request, obj):
        deadline_exception_log(
            exception=obj, actor=request.user, now=timezone.now(), action="revoked"
        )
        obj.delete()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ObligationMarkForm(forms.ModelForm):
    class Meta:
        model = ObligationMark
        fields = ["kommune_nr", "skjema", "aar", "kind", "note"]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        nr, aar = data.get("kommune_nr"), data.get("aar")
        if nr and aar and "kommune_nr" in self.fields:
            try:
                kommune_nr_year_validator(nr, aar)
            except forms.ValidationError as err:
                self.add_error("kommune_nr", err)
        return data


class KommuneContactForm(forms.ModelForm):
    class Meta:
        model = KommuneContact
        fields = ["kommune_nr", "email", "name"]

    def clean_kommune_nr(self) -> str:
        value = (self.cleaned_data.get("kommune_nr") or "").strip()
        kommune_nr_validator(value)
        return value


@admin.register(ObligationMark)
class ObligationMarkAdmin(admin.ModelAdmin):
    """Staff mark an obligation not applicable, or register an e-form (7, 7B, 12; 11CF as
    e-form in 2020) as received; an e-form mark counts as delivered for reminders."""

    list_display = ["kommune_nr", "skjema", "aar", "kind", "note", "marked_by", "marked_at"]
    list_filter = ["kind", "aar", "skjema"]
    search_fields = ["kommune_nr", "note"]
    fields = ["kommune_nr", "skjema", "aar", "kind", "note", "marked_by", "marked_at"]
    readonly_fields = ["marked_by", "marked_at"]
    form = ObligationMarkForm

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # the key of a mark is fixed; delete it and add another instead
            return ["kommune_nr", "skjema", "aar", "kind", *self.readonly_fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved = obligation_mark(
            kommune_nr=obj.kommune_nr,
            skjema=obj.skjema,
            aar=obj.aar,
            kind=obj.kind,
            note=obj.note,
            marked_by=request.user,
            now=timezone.now(),
        )
        obj.pk, obj.marked_by, obj.marked_at = saved.pk, saved.marked_by, saved.marked_at

    def delete_model(self, request, obj):
        audit_log(
            action=f"obligation.{obj.kind}.removed",
            actor=request.user,
            kommune_nr=obj.kommune_nr,
            obj=obj,
            now=timezone.now(),
            data={"skjema": obj.skjema, "aar": obj.aar},
        )
        obj.delete()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ContactImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV-fil"),
        help_text=gettext_lazy(
            "Kolonner: kommunenummer, epost og eventuelt navn; skilt med semikolon eller komma."
        ),
    )
    replace = forms.BooleanField(
        label=gettext_lazy("Erstatt adressene til kommunene i filen"), required=False
    )


@admin.register(KommuneContact)
class KommuneContactAdmin(admin.ModelAdmin):
    list_display = ["kommune_nr", "email", "name", "created_at"]
    search_fields = ["kommune_nr", "email", "name"]
    fields = ["kommune_nr", "email", "name"]
    form = KommuneContactForm
    change_list_template = "admin/mottak/kommunecontact/change_list.html"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_at = timezone.now()
        obj.save()

    def get_urls(self):
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="mottak_kommunecontact_import",
            )
        ]
        return own + super().get_urls()

    def import_view(self, request: AuthenticatedHttpRequest):
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        form = ContactImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            raw = form.cleaned_data["file"].read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
            try:
                created, updated = kommune_contacts_import(
                    csv_text=text,
                    imported_by=request.user,
                    now=timezone.now(),
                    replace=form.cleaned_data["replace"],
                )
            except MottakError as err:
                messages.error(request, err.message)
            else:
                messages.success(
                    request,
                    _("%(created)s nye og %(updated)s oppdaterte adresser.")
                    % {"created": created, "updated": updated},
                )
                return HttpResponseRedirect(reverse("admin:mottak_kommunecontact_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Importer kontaktadresser"),
        }
        return TemplateResponse(request, "admin/mottak/kommunecontact/import.html", context)


class SendNowForm(forms.Form):
    kommune_nr = forms.RegexField(label=gettext_lazy("Kommunenummer"), regex=r"^\d{4}$")
    skjema = forms.ChoiceField(label=gettext_lazy("Skjema"), choices=Skjema.choices)
    aar = forms.IntegerField(label=gettext_lazy("Statistikkår"), min_value=2000, max_value=2100)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The reminder log. Read-only; "send now" goes through the reminders service."""

    list_display = [
        "sent_at",
        "kommune_nr",
        "skjema",
        "aar",
        "kind",
        "deadline_on",
        "recipients_text",
        "manual",
        "sent_by",
    ]
    list_filter = ["kind", "manual", "aar", "skjema"]
    search_fields = ["kommune_nr"]
    date_hierarchy = "sent_at"
    actions = ["send_again_now"]
    change_list_template = "admin/mottak/reminder/change_list.html"

    @admin.display(description=gettext_lazy("mottakere"))
    def recipients_text(self, obj: Reminder) -> str:
        return ", ".join(obj.recipients)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Send ny påminnelse nå til de valgte"))
    def send_again_now(self, request, queryset):
        now = timezone.now()
        targets = sorted({(r.kommune_nr, r.skjema, r.aar) for r in queryset})
        sent = 0
        for kommune_nr, skjema, aar in targets:
            try:
                reminder_send_now(
                    kommune_nr=kommune_nr, skjema=skjema, aar=aar, now=now, sent_by=request.user
                )
            except MottakError as err:
                text = f"{kommune_nr} {skjema} {aar}: {err.message}"
                self.message_user(request, text, messages.WARNING)
            else:
                sent += 1
        self.message_user(request, _("%(n)s påminnelser sendt.") % {"n": sent}, messages.SUCCESS)

    def get_urls(self):
        own = [
            path(
                "send/",
                self.admin_site.admin_view(self.send_now_view),
                name="mottak_reminder_send_now",
            )
        ]
        return own + super().get_urls()

    def send_now_view(self, request: AuthenticatedHttpRequest):
        if not self.has_view_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        form = SendNowForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                reminder_send_now(**form.cleaned_data, now=timezone.now(), sent_by=request.user)
            except MottakError as err:
                messages.error(request, err.message)
            else:
                messages.success(request, _("Påminnelsen er sendt."))
                return HttpResponseRedirect(reverse("admin:mottak_reminder_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Send påminnelse nå"),
        }
        return TemplateResponse(request, "admin/mottak/reminder/send_now.html", context)
