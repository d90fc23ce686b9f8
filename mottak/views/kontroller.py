"""The public in-browser check (/kontroller/): kontroll runs in the visitor's browser.

The page only serves the form and the assets. The file is read in the browser and checked by
the standalone checker's archive (the same kontroll package the worker runs) in Pyodide inside
a Web Worker; nothing is sent back. No login: vendors of case-handling systems use it too.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from kontroll.layout import available_years
from mottak.models import Severity
from mottak.views.deliveries import _STAT_TABLES, _STAT_TOTALS, SKJEMAER


def local_check_config() -> dict[str, str]:
    """Where the browser finds the worker, Pyodide and the kontroll archive (data attributes)."""
    pyodide = f"pyodide/{settings.PYODIDE_VERSION}/"
    return {
        "worker": static("mottak/kontroll-worker.js"),
        "local": static("mottak/kontroll-local.js"),
        # Pyodide loads its runtime by plain names next to pyodide.mjs: give it the folder.
        "pyodide_index": f"{settings.STATIC_URL}{pyodide}",
        "pyodide": static(f"{pyodide}pyodide.mjs"),
        "archive": static("kontroll/kostra_kontroll.pyz"),
    }


def report_texts() -> dict:
    """Labels the report rendered in the browser needs (the portal's report's own labels)."""
    return {
        "severities": [[value, str(label)] for value, label in Severity.choices],
        "statistics": {key: str(label) for key, label in {**_STAT_TOTALS, **_STAT_TABLES}.items()},
        "accepted": _("Godkjent"),
        "with_warnings": _("med advarsler"),
        "rejected": _("Avvist"),
        "records": _("Poster i filen"),
        "kommune": _("kommune"),
        "bydel": _("bydel"),
        "n_records": _("{n} poster"),
        "summary": _("Sammendrag per kontroll"),
        "nothing": _("Kontrollen fant ingenting å merke seg."),
        "rule": _("Kontroll"),
        "severity": _("Alvorlighet"),
        "count": _("Antall"),
        "rule_title": _("Kontrollens navn"),
        "statistics_heading": _("Statistikk"),
        "group": _("Gruppe"),
        "findings": _("Funn"),
        "all": _("Alle"),
        "line": _("Linje"),
        "journal_number": _("Journalnummer"),
        "caseworker": _("Saksbehandler"),
        "fields": _("Felt"),
        "message": _("Melding"),
        "no_findings": _("Ingen funn."),
        "showing": _("Viser {shown} av {total} funn. Last ned CSV for alle."),
        "csv": _("Last ned som CSV"),
        "html": _("Last ned rapporten (HTML)"),
        "loading": _("Laster kontrollprogrammet (Python i nettleseren) …"),
        "checking": _("Kontrollerer filen …"),
        "failed": _("Kontrollen kunne ikke kjøres i nettleseren: {error}"),
        "usage": _("Kontrollen kunne ikke kjøres: {error}"),
        "no_file": _("Velg en fil."),
        "too_large": _(
            "Filen er større enn portalen tar imot. Bruk det frittstående kontrollprogrammet."
        ),
        "unsupported": _(
            "Nettleseren din kan ikke kjøre kontrollen (den trenger JavaScript og WebAssembly)."
        ),
        "local_ok": _("Lokal kontroll: filen ser ut til å bli godkjent ({n} poster)."),
        "local_warn": _(
            "Lokal kontroll: filen ser ut til å bli godkjent, med {w} advarsler ({n} poster)."
        ),
        "local_err": _(
            "Lokal kontroll: filen vil bli avvist ({e} feil). Rett filen før du sender den."
        ),
        "local_note": _("SSBs kontroll etter innsending er den som gjelder."),
    }


def page_csp() -> dict:
    """The site's CSP plus what Pyodide needs: WebAssembly compilation and a worker from 'self'.

    Built from settings.SECURE_CSP at request time, so it follows whatever the site sets and
    only adds to it. Without a site policy the page still gets a strict one of its own.
    """
    policy = {k: list(v) for k, v in (getattr(settings, "SECURE_CSP", None) or {}).items()}
    if not policy:
        policy = {"default-src": [CSP.SELF], "object-src": [CSP.NONE], "base-uri": [CSP.SELF]}
    default = policy.get("default-src", [CSP.SELF])
    needs = {
        "script-src": (policy.get("script-src", default), [CSP.SELF, CSP.WASM_UNSAFE_EVAL]),
        # A worker falls back to script-src, then default-src (CSP level 3).
        "worker-src": (policy.get("worker-src", policy.get("script-src", default)), [CSP.SELF]),
        "connect-src": (policy.get("connect-src", default), [CSP.SELF]),
    }
    for directive, (current, extra) in needs.items():
        values = [v for v in current if v != CSP.NONE]
        policy[directive] = values + [v for v in extra if v not in values]
    return policy


def local_check_csp(view):
    """Serve ``view`` with :func:`page_csp` (computed per request, after the site's policy)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response: HttpResponse = csp_override(page_csp())(view)(request, *args, **kwargs)
        return response

    return wrapped


@require_safe
@local_check_csp
def kontroller(request: HttpRequest) -> HttpResponse:
    years = sorted({y for s in SKJEMAER for y in available_years(s)}, reverse=True)
    return render(request, "mottak/kontroller.html", {"skjemaer": SKJEMAER, "years": years})
