"""Template tags of the in-browser check (kontroll in Pyodide), for any page that offers it.

`{% load kontroll_local %}<form {% kontroll_local_attrs %}>…{% kontroll_local_texts %}` gives
the element the worker's, Pyodide's and the archive's URLs, and the page the report's labels.
The page's view must be served with `mottak.views.kontroller.local_check_csp`.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html, json_script

from mottak.models.reference import OSLO
from mottak.views.kontroller import local_check_config, report_texts

register = template.Library()


@register.simple_tag
def kontroll_local_attrs() -> str:
    config = local_check_config()
    return format_html(
        'data-worker="{}" data-local="{}" data-pyodide="{}" data-pyodide-index="{}"'
        ' data-archive="{}"'
        ' data-oslo="{}" data-max-bytes="{}"',
        config["worker"],
        config["local"],
        config["pyodide"],
        config["pyodide_index"],
        config["archive"],
        OSLO,
        settings.MAX_UPLOAD_BYTES,
    )


@register.simple_tag
def kontroll_local_texts() -> str:
    return json_script(report_texts(), "kontroll-texts")
