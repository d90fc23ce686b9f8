from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mottak.services.health import health_get


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, checks = health_get()
    body = {
        "status": "ok" if healthy else "unavailable",
        "message": _("Alle tjenester svarer.")
        if healthy
        else _("En eller flere tjenester svarer ikke."),
        **checks,
    }
    return JsonResponse(body, status=200 if healthy else 503)
