from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.utils.translation import gettext_lazy as _

from mottak.models import ApiKey, AuditEvent, Bydel, Kommune, User
from mottak.services.accounts import new_user_email_send, user_deactivated


class TemporaryPasswordChangeForm(AdminPasswordChangeForm):
    """A password staff set for someone is temporary: it must be changed at next login."""

    def save(self, commit=True):
        self.user.must_change_password = True
        return super().save(commit=commit)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "get_full_name",
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
        (_("Kommune"), {"fields": ["kommune_nr", "bydel", "role", "must_change_password"]}),
    ]
    change_password_form = TemporaryPasswordChangeForm
    actions = ["deactivate"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.must_change_password = True  # the password staff typed is temporary
        super().save_model(request, obj, form, change)
        if not change:
            new_user_email_send(user=obj)
        if not obj.is_active:
            user_deactivated(user=obj)

    @admin.action(description=_("Deaktiver valgte brukere (sletter API-nøklene)"))
    def deactivate(self, request, queryset):
        count = 0
        for user in queryset:
            user.is_active = False
            user.save(update_fields=["is_active"])
            user_deactivated(user=user)
            count += 1
        self.message_user(request, _("%(n)s brukere er deaktivert.") % {"n": count})


# DRF's authtoken stored keys in clear; its rows were migrated to ApiKey (0002_acct_accounts)
# and its tokens are not accepted any more, so its admin would only mislead.
try:
    from rest_framework.authtoken.models import TokenProxy

    admin.site.unregister(TokenProxy)
except (ImportError, admin.sites.NotRegistered):
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
