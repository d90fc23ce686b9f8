"""Account rules enforced for every request, in one place each (ASVS V2/V3, issue 10).

- `SessionLimitsMiddleware`: 12 hours absolute for everyone, 30 minutes idle for staff.
- `StaffSecondFactorMiddleware`: with STAFF_REQUIRE_OTP, a staff session without a verified
  device (django-otp) reaches nothing but the verify page; django-rq's pages are for verified
  superusers only.
- `PasswordChangeRequiredMiddleware`: a user with a temporary password must change it first.

They sit after AuthenticationMiddleware, OTPMiddleware and MessageMiddleware. Pages a blocked
user still needs (the verify page, logout, the language switch, the password change itself)
are named in `_ALWAYS_ALLOWED` and friends below, by URL name, not by path.
"""

from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

from mottak.services import sessions

# (namespace, url_name) of pages every signed-in user may reach whatever the rules below say.
_ALWAYS_ALLOWED = {
    ("", "logout"),
    ("", "set_language"),
    ("", "healthz"),
    ("admin", "logout"),
}
# The second factor is confirmed on the admin login page (django-otp's OTP form).
_VERIFY_PAGE = ("admin", "login")
_PASSWORD_CHANGE_PAGES = {("", "password_change"), ("", "password_change_done")}


def _route(request: HttpRequest) -> tuple[str, str]:
    match = request.resolver_match
    return (match.namespace, match.url_name or "") if match is not None else ("", "")


def _is_django_rq(request: HttpRequest) -> bool:
    """django-rq's own views (/admin/rq/) and the copies it registers in the admin site."""
    match = request.resolver_match
    if match is None:
        return False
    return "django_rq" in match.namespaces or (
        match.namespace == "admin" and (match.url_name or "").startswith("django_rq_")
    )


def wants_json(request: HttpRequest) -> bool:
    """The machine API and the upload page's script get JSON answers, browsers pages."""
    return request.path.startswith("/api/") or request.headers.get("Accept", "").startswith(
        "application/json"
    )


def _refuse(request: HttpRequest, *, message: str, status: int, to: str) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return redirect(f"{to}?next={quote(request.get_full_path())}")


class SessionLimitsMiddleware:
    """Ends a session past its absolute lifetime, or a staff session left idle too long.

    The clock is `sessions.session_clock()`; the rule itself is `sessions.session_expired`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = sessions.session_clock()
            if sessions.session_expired(session=request.session, user=user, now=now):
                logout(request)
                message = _("Økten din er utløpt. Logg inn på nytt.")
                if wants_json(request):
                    return JsonResponse({"error": message}, status=401)
                messages.info(request, message)
                return redirect(f"{reverse('login')}?next={quote(request.get_full_path())}")
            sessions.session_touch(session=request.session, user=user, now=now)
        return self.get_response(request)


class StaffSecondFactorMiddleware(MiddlewareMixin):
    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        route = _route(request)
        if _is_django_rq(request):
            if not user.is_authenticated:
                return _refuse(
                    request,
                    message=_("Logg inn."),
                    status=401,
                    to=reverse("admin:login"),
                )
            if not user.is_superuser:
                raise Http404
        if not (user.is_authenticated and user.is_staff and settings.STAFF_REQUIRE_OTP):
            return None
        if user.is_verified() or route in _ALWAYS_ALLOWED or route == _VERIFY_PAGE:
            return None
        return _refuse(
            request,
            message=_("SSB-ansatte må bekrefte innloggingen med engangskode først."),
            status=403,
            to=reverse("admin:login"),
        )


class PasswordChangeRequiredMiddleware(MiddlewareMixin):
    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and getattr(user, "must_change_password", False)):
            return None
        route = _route(request)
        if route in _ALWAYS_ALLOWED or route in _PASSWORD_CHANGE_PAGES or route == _VERIFY_PAGE:
            return None
        return _refuse(
            request,
            message=_("Du må bytte det midlertidige passordet før du kan fortsette."),
            status=403,
            to=reverse("password_change"),
        )
