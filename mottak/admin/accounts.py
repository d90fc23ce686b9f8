from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mottak.models import AuditEvent, Bydel, Kommune, User
from mottak.services.audit import audit_log
from mottak.services.kommune_validity import (
    kommune_invalid_message,
    kommune_nr_validator,
    round_current_aar,
)


class UserKommuneChangeForm(UserChangeForm):
    """The user form with the kommune number checked against the reference data."""

    def clean_kommune_nr(self) -> str:
        value = (self.cleaned_data.get("kommune_nr") or "").strip()
        if value and "kommune_nr" in self.changed_data:
            kommune_nr_validator(value)
        return value


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserKommuneChangeForm
    list_display = [
        "username",
        "full_name",
        "email",
        "kommune_nr",
        "bydel",
        "role",
        "is_staff",
        "is_active",
    ]
    list_filter = ["role", "is_staff", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email", "kommune_nr"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Kommune"), {"fields": ["kommune_nr", "bydel", "role"]}),
    ]

    @admin.display(description=_("navn"), ordering="last_name")
    def full_name(self, obj: User) -> str:
        return obj.get_full_name()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        user_admin_change_audit(actor=request.user, user=obj, form=form, created=not change)
        aar = round_current_aar()
        message = (
            kommune_invalid_message(nummer=obj.kommune_nr, aar=aar)
            if obj.kommune_nr and aar
            else None
        )
        if message:
            self.message_user(
                request,
                gettext("Merk: %(melding)s") % {"melding": message},
                messages.WARNING,
            )


@admin.register(Kommune)
class KommuneAdmin(admin.ModelAdmin):
    list_display = ["nummer", "navn", "fylke", "orgnr", "gyldig_fra", "gyldig_til"]
    list_filter = ["fylke", "gyldig_fra", "gyldig_til"]
    search_fields = ["nummer", "navn", "orgnr"]


@admin.register(Bydel)
class BydelAdmin(admin.ModelAdmin):
    list_display = ["nummer", "navn"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "kommune_nr", "actor", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["kommune_nr", "object_id", "actor__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


AUDITED_USER_FIELDS = ("kommune_nr", "bydel", "role", "is_active", "is_staff", "is_superuser")


def user_admin_change_audit(*, actor: User, user: User, form, created: bool) -> None:
    """Audit an admin change of who a user acts for and may do: kommune, bydel, role and the
    active/staff/superuser flags, with the old and new value (never the password)."""
    changed = {
        name: [form.initial.get(name), form.cleaned_data.get(name)]
        for name in AUDITED_USER_FIELDS
        if name in form.changed_data
    }
    if not changed and not created:
        return
    audit_log(
        action="user.created" if created else "user.changed",
        actor=actor,
        kommune_nr=user.kommune_nr,
        obj=user,
        data={"username": user.username, "changed": changed},
    )
