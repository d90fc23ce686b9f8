"""Extra response headers for static files served by whitenoise."""

from django.conf import settings

# whitenoise's own "forever" lifetime for hashed names (ten years).
FOREVER = "max-age=315360000, public, immutable"


def add_headers(headers, path: str, url: str) -> None:
    """Cache Pyodide's files for good: their path holds the pinned version, so it never changes.

    Pyodide fetches its runtime by plain file names next to pyodide.mjs, so whitenoise's test
    for hashed names does not see them; the version in the path is what makes them immutable.
    """
    if url.startswith(f"{settings.STATIC_URL}pyodide/{settings.PYODIDE_VERSION}/"):
        headers["Cache-Control"] = FOREVER
