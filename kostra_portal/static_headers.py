"""Extra response headers for static files served by whitenoise."""

import re

from django.conf import settings

# whitenoise's own "forever" lifetime for hashed names (ten years).
FOREVER = "max-age=315360000, public, immutable"

# The in-browser check's Web Worker script, by its plain or its hashed (manifest) name.
_WORKER = re.compile(r"mottak/kontroll-worker(\.[0-9a-f]{12})?\.js")


def add_headers(headers, path: str, url: str) -> None:
    """Cache Pyodide's files for good: their path holds the pinned version, so it never changes.

    Pyodide fetches its runtime by plain file names next to pyodide.mjs, so whitenoise's test
    for hashed names does not see them; the version in the path is what makes them immutable.

    A dedicated worker is governed by the CSP of its own script's response, not by the page's,
    so the worker script gets /kontroller/'s policy (WebAssembly compilation): with the site's
    policy, which the CSP middleware would otherwise add, Pyodide cannot start in the worker.
    The middleware keeps a policy that is already set. whitenoise's 304 answers carry no
    extra headers, so the middleware gives a revalidated worker script the site policy and the
    browser takes it over for its cached copy (the second visit failed): the script (3 KB) is
    not stored, so it is never revalidated.
    """
    if url.startswith(f"{settings.STATIC_URL}pyodide/{settings.PYODIDE_VERSION}/"):
        headers["Cache-Control"] = FOREVER
    if _WORKER.fullmatch(url.removeprefix(settings.STATIC_URL)):
        from django.utils.csp import build_policy

        from mottak.views.kontroller import page_csp

        headers["Content-Security-Policy"] = build_policy(page_csp())
        headers["Cache-Control"] = "no-store"
