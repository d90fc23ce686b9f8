"""django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): Norwegian, in the portal's layout,
saying how long the lock lasts; JSON for the API and the page scripts. Status 429."""

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mottak.accounts_middleware import wants_json


def _minutes() -> int:
    cooloff = settings.AXES_COOLOFF_TIME  # hours, from AXES_COOLOFF_MINUTES
    return max(1, math.ceil(float(cooloff or 0) * 60))


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    minutes = _minutes()
    message = ngettext(
        "For mange mislykkede innlogginger. Prøv igjen om %(n)s minutt.",
        "For mange mislykkede innlogginger. Prøv igjen om %(n)s minutter.",
        minutes,
    ) % {"n": minutes}
    if wants_json(request) or request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return JsonResponse({"error": message, "minutes": minutes}, status=429)
    response: HttpResponse = render(
        request,
        "registration/locked_out.html",
        {"message": message, "minutes": minutes, "title": _("Innloggingen er sperret")},
        status=429,
    )
    return response
