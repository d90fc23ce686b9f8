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
