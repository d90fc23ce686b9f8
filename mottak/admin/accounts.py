from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from mottak.models import AuditEvent, Bydel, Kommune, User


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
        (_("Kommune"), {"fields": ["kommune_nr", "bydel", "role"]}),
    ]


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
