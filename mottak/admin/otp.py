"""Second factor for staff: with STAFF_REQUIRE_OTP on, the admin behaves like django-otp's
OTPAdminSite (login asks for a TOTP code; a session without a verified device has no access).

The setting is read per request, so it can be switched by the environment without a second
admin site or different URLs.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.sites import AdminSite
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class OTPOptionalAdminSite(AdminSite):
    def has_permission(self, request):
        allowed = super().has_permission(request)
        if allowed and settings.STAFF_REQUIRE_OTP:
            return request.user.is_verified()
        return allowed

    def login(self, request, extra_context=None):
        if settings.STAFF_REQUIRE_OTP:
            self.login_form = OTPAdminAuthenticationForm
            self.login_template = OTPAdminSite.login_template
        else:
            self.login_form = None
            self.login_template = None
        return super().login(request, extra_context)


# admin.site is a lazy proxy of the default AdminSite: give that instance the behaviour above.
# (django-stubs types admin.site as an AdminSite, not as the LazyObject with _wrapped it is.)
if type(admin.site.name) is str and type(admin.site._wrapped) is AdminSite:  # type: ignore[attr-defined]
    admin.site._wrapped.__class__ = OTPOptionalAdminSite  # type: ignore[attr-defined]
