from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserChangeForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mottak.models import ApiKey, AuditEvent, Bydel, Kommune, User
from mottak.services.accounts import new_user_email_send, user_deactivated
from mottak.services.audit import audit_log
from mottak.services.kommune_validity import (
    kommune_invalid_message,
    kommune_nr_validator,
    round_current_aar,
)


class TemporaryPasswordChangeForm(AdminPasswordChangeForm):
    """A password staff set for someone is temporary: it must be changed at next login."""

    def save(self, commit=True):
        self.user.must_change_password = True
        return super().save(commit=commit)


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
        *(BaseUserAdmin.fieldsets or ()),
        (_("Kommune"), {"fields": ["kommune_nr", "bydel", "role", "must_change_password"]}),
    ]
    change_password_form = TemporaryPasswordChangeForm
    actions = ["deactivate"]

    @admin.display(description=_("navn"), ordering="last_name")
    def full_name(self, obj: User) -> str:
        return obj.get_full_name()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.must_change_password = True  # the password staff typed is temporary
        super().save_model(request, obj, form, change)
        user_admin_change_audit(actor=request.user, user=obj, form=form, created=not change)
        if not change:
            new_user_email_send(user=obj)
        if not obj.is_active:
            user_deactivated(user=obj)
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

    @admin.action(description=_("Deaktiver valgte brukere (sletter API-nøklene)"))
    def deactivate(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=True):
            user.is_active = False
            user.save(update_fields=["is_active"])
            user_deactivated(user=user)
            audit_log(
                action="user.changed",
                actor=request.user,
                kommune_nr=user.kommune_nr,
                obj=user,
                data={"username": user.username, "changed": {"is_active": [True, False]}},
            )
            count += 1
        self.message_user(request, _("%(n)s brukere er deaktivert.") % {"n": count})


# DRF's authtoken stored keys in clear; its rows were migrated to ApiKey (0002_acct_accounts)
# and its tokens are not accepted any more, so its admin would only mislead.
try:
    from rest_framework.authtoken.models import TokenProxy

    admin.site.unregister(TokenProxy)
except (ImportError, NotRegistered):
    pass


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Read-only: the hash is no use to anyone; staff may delete (revoke) a key."""

    list_display = ["user", "name", "prefix", "created_at", "expires_at", "otp_verified"]
    search_fields = ["user__username", "prefix"]
    exclude = ["key_hash"]
    readonly_fields = ["user", "name", "prefix", "created_at", "expires_at", "otp_verified"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
        if form is not None and name in form.changed_data
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
