"""Admin for SSB's side: feedback lists, NAV figures, statistics exports.

History (answers, reminders, imported counts, finished exports) is read-only; actions call the
same services as the staff pages.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mottak.errors import MottakError
from mottak.models.ssb import (
    FeedbackItem,
    FeedbackList,
    FeedbackListState,
    FeedbackReminder,
    NavCount,
    NavImport,
    StatisticsExport,
)
from mottak.services import feedback as feedback_services


class FeedbackItemInline(admin.TabularInline):
    model = FeedbackItem
    extra = 0
    fields = [
        "position",
        "rule",
        "line",
        "journal_number",
        "question",
        "answer",
        "explanation",
        "answered_by",
        "answered_at",
        "accepted_by",
        "accepted_at",
    ]
    readonly_fields = [
        "answer",
        "explanation",
        "answered_by",
        "answered_at",
        "accepted_by",
        "accepted_at",
    ]

    def has_change_permission(self, request, obj=None):
        # Questions can be edited only while the list is a draft.
        return obj is None or obj.state == FeedbackListState.DRAFT

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class FeedbackReminderInline(admin.TabularInline):
    model = FeedbackReminder
    extra = 0
    fields = readonly_fields = ("sent_on", "sent_at", "recipients")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FeedbackList)
class FeedbackListAdmin(admin.ModelAdmin):
    list_display = [
        "kommune_nr",
        "skjema",
        "aar",
        "title",
        "state",
        "sent_at",
        "answer_by",
        "returned_at",
        "created_by",
    ]
    list_filter = ["state", "skjema", "aar"]
    search_fields = ["kommune_nr", "title"]
    date_hierarchy = "created_at"
    inlines = [FeedbackItemInline, FeedbackReminderInline]
    readonly_fields = [
        "state",
        "delivery",
        "created_at",
        "created_by",
        "sent_at",
        "returned_at",
        "returned_by",
        "closed_at",
    ]
    actions = ["send_lists"]

    def has_add_permission(self, request):
        # Lists are made on the kommune's page, from findings or free text.
        return False

    @admin.action(description=_("Send valgte feillister til kommunen"))
    def send_lists(self, request, queryset):
        sent = 0
        for feedback_list in queryset:
            try:
                feedback_services.feedback_list_send(
                    feedback_list=feedback_list, sent_by=request.user, now=timezone.now()
                )
                sent += 1
            except MottakError as exc:
                self.message_user(request, f"{feedback_list}: {exc}", messages.WARNING)
        self.message_user(
            request,
            ngettext("%(n)d feilliste sendt.", "%(n)d feillister sendt.", sent) % {"n": sent},
        )


class NavCountInline(admin.TabularInline):
    model = NavCount
    extra = 0
    fields = readonly_fields = ("kommune_nr", "participants")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NavImport)
class NavImportAdmin(admin.ModelAdmin):
    list_display = [
        "aar",
        "uploaded_at",
        "uploaded_by",
        "filename",
        "tolerance_absolute",
        "tolerance_percent",
    ]
    list_filter = ["aar"]
    readonly_fields = ["aar", "uploaded_at", "uploaded_by", "filename"]
    inlines = [NavCountInline]

    def has_add_permission(self, request):
        # Uploaded on the NAV comparison page, which validates the CSV.
        return False


@admin.register(StatisticsExport)
class StatisticsExportAdmin(admin.ModelAdmin):
    list_display = [
        "skjema",
        "aar",
        "state",
        "requested_by",
        "created_at",
        "finished_at",
        "deliveries",
        "records",
        "key_id",
    ]
    list_filter = ["state", "skjema", "aar"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Deliveries (M4's models), for staff: read-only history, actions through M4's services. ---
# Registered here only if M4's own admin module has not registered them.


class WithdrawActionForm(helpers.ActionForm):
    reason = forms.CharField(label=_("Begrunnelse (for tilbaketrekking)"), required=False)


class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "receipt",
        "kommune_nr",
        "skjema",
        "aar",
        "part",
        "state",
        "with_warnings",
        "late",
        "received_at",
        "records",
        "check_only",
        "withdrawn_at",
    ]
    list_filter = ["state", "skjema", "aar", "with_warnings", "late", "check_only"]
    search_fields = ["receipt", "kommune_nr", "uploaded_by__username"]
    date_hierarchy = "received_at"
    action_form = WithdrawActionForm
    actions = ["rerun_control", "withdraw"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Kontroller valgte leveranser på nytt"))
    def rerun_control(self, request, queryset):
        from mottak.services.deliveries import submission_rerun_control

        n = 0
        for delivery in queryset:
            try:
                submission_rerun_control(delivery=delivery, requested_by=request.user)
                n += 1
            except MottakError as exc:
                self.message_user(
                    request, f"{delivery.receipt}: {exc.message}", level=messages.WARNING
                )
        self.message_user(
            request,
            ngettext(
                "%(n)d leveranse kontrolleres på nytt.",
                "%(n)d leveranser kontrolleres på nytt.",
                n,
            )
            % {"n": n},
        )

    @admin.action(description=_("Trekk tilbake valgte leveranser (oppgi begrunnelse)"))
    def withdraw(self, request, queryset):
        from mottak.services.deliveries import delivery_withdraw

        reason = request.POST.get("reason", "")
        n = 0
        for delivery in queryset:
            try:
                delivery_withdraw(
                    delivery=delivery, user=request.user, reason=reason, now=timezone.now()
                )
                n += 1
            except MottakError as exc:
                self.message_user(request, f"{delivery}: {exc}", messages.WARNING)
        self.message_user(
            request,
            ngettext("%(n)d leveranse trukket tilbake.", "%(n)d leveranser trukket tilbake.", n)
            % {"n": n},
        )


def _register_delivery_admin() -> None:
    from mottak.models import Delivery

    if not admin.site.is_registered(Delivery):
        admin.site.register(Delivery, DeliveryAdmin)


_register_delivery_admin()
