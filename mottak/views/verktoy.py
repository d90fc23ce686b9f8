"""Tools for kommuner and vendors: the downloadable control program (public, no login).

The checker is built from the very ``kontroll`` package this process runs (the worker runs the
same code), once per process on the first request, so it can never differ from the portal's
control. The archive is a few hundred kilobytes and the same for every visitor: an ETag lets
browsers and proxies keep it, and a flood of anonymous downloads costs one build in total.
"""

import hashlib
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import condition, require_safe

from kontroll import build
from kontroll.layout import available_years

FILENAME = "kostra_kontroll.pyz"


@cache
def checker_archive() -> tuple[bytes, str]:
    """The built checker and its SHA-256 (hex), built once per process."""
    data = build.build_archive()
    return data, hashlib.sha256(data).hexdigest()


def _etag(request: HttpRequest) -> str:
    return checker_archive()[1]


@require_safe
def checker_page(request: HttpRequest) -> HttpResponse:
    _, sha256 = checker_archive()
    context = {
        "filename": FILENAME,
        "sha256": sha256,
        "years": {skjema: available_years(skjema) for skjema in ("11F", "11CF")},
    }
    return render(request, "mottak/verktoy/kontroll.html", context)


@require_safe
@condition(etag_func=_etag)
def checker_download(request: HttpRequest) -> HttpResponse:
    data, _ = checker_archive()
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response
