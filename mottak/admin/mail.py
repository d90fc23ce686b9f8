"""Admin of the mail outbox: read-only history, "send again" for mail that was given up."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mottak.models import OutgoingMail
from mottak.selectors.mail import mail_outbox_status_get
from mottak.services.mail import outgoing_mail_retry


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        status = mail_outbox_status_get(now=timezone.now())
        if status.problem:
            self.message_user(
                request,
                _("Ikke sendt etter fem minutter: %(u)d. Kunne ikke sendes: %(f)d.")
                % {"u": status.unsent, "f": status.failed},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Send valgte e-poster som ikke kunne sendes, på nytt"))
    def send_again(self, request, queryset):
        n = outgoing_mail_retry(
            mail_ids=list(queryset.values_list("pk", flat=True)), now=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%(n)d e-post sendes på nytt.", "%(n)d e-poster sendes på nytt.", n)
            % {"n": n},
        )
