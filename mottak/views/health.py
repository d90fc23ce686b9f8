import ipaddress

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mottak.services.health import health_get


def _may_see_details(request: HttpRequest) -> bool:
    """Staff, or a probe on this machine (loopback and not relayed by a proxy)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_FORWARDED" in request.META:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """ok (200) or unavailable (503). Anonymous callers learn only that; staff and local
    probes also get the state of the database, Redis, the queue and the scheduler."""
    healthy, checks = health_get()
    status = 200 if healthy else 503
    if not _may_see_details(request):
        if healthy:
            return JsonResponse({"status": "ok"}, status=status)
        return JsonResponse(
            {"status": "unavailable", "message": _("En eller flere tjenester svarer ikke.")},
            status=status,
        )
    body = {
        "status": "ok" if healthy else "unavailable",
        "message": _("Alle tjenester svarer.")
        if healthy
        else _("En eller flere tjenester svarer ikke."),
        **checks,
    }
    return JsonResponse(body, status=status)
