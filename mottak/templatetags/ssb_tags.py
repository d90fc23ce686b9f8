"""Template tags for SSB's features shown on other pages.

`{% load ssb_tags %}{% ssb_nav_flag kommune_nr aar %}` shows the NAV comparison of a kommune's
11CF (nothing when SSB has no NAV figures for it), e.g. on the kommune's status page.
"""

from django import template

from mottak.selectors.overview import nav_flag_get

register = template.Library()


@register.inclusion_tag("mottak/ssb/_nav_flag.html")
def ssb_nav_flag(kommune_nr: str, aar: int) -> dict:
    return {"nav_flag": nav_flag_get(kommune_nr=kommune_nr, aar=int(aar)) if kommune_nr else None}


@register.filter
def audit_data(data) -> str:
    """An audit event's structured data as "key: value" pairs for the log viewer."""
    if not isinstance(data, dict):
        return "" if data is None else str(data)
    parts = []
    for key, value in data.items():
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        parts.append(f"{key}: {value}")
    return "; ".join(parts)
