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


@register.simple_tag
def overview_cell(cell) -> str:
    """One compact cell of the overview matrix: a short state label and the received day,
    "for sent" when delivered late, a NAV flag; the details in the title. Built in Python:
    the matrix has up to 356 x 5 cells and an include per cell costs too much."""
    from django.utils import timezone
    from django.utils.html import format_html
    from django.utils.translation import gettext, ngettext

    details = [str(cell.label)]
    parts = [format_html('<span class="badge {}">{}</span>', cell.tone, cell.short_label)]
    if cell.received_at:
        local = timezone.localtime(cell.received_at)
        details.append(local.strftime("%d.%m.%Y %H:%M"))
        parts.append(format_html('<span class="when">{}</span>', local.strftime("%d.%m")))
    if cell.delivered_late:
        parts.append(format_html('<span class="late">{}</span>', gettext("for sent")))
        details.append(gettext("levert for sent"))
    if cell.eform:
        details.append(gettext("e-skjema"))
    if cell.records is not None:
        details.append(ngettext("%(n)s post", "%(n)s poster", cell.records) % {"n": cell.records})
    if cell.parts_missing:
        details.append(gettext("Mangler:") + " " + ", ".join(cell.parts_missing))
    if cell.nav:
        details.append(gettext("NAV: %(nav)s") % {"nav": cell.nav.nav})
        if cell.nav.delivered is not None:
            details.append(gettext("levert: %(d)s") % {"d": cell.nav.delivered})
        if cell.nav.flagged:
            parts.append(format_html('<span class="late">{}</span>', gettext("NAV")))
            details.append(gettext("avvik fra NAV"))
    title = " · ".join(details)
    inner = format_html("{}" * len(parts), *parts)
    return format_html(
        '<td data-state="{}" title="{}">{}<span class="sr-only"> {}</span></td>',
        cell.state,
        title,
        inner,
        title,
    )


@register.filter
def get_item(mapping, key):
    """`mapping[key]` in a template (None when missing)."""
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def delivery_state_label(delivery) -> str:
    """A delivery's state as shown to people: a withdrawn one reads "Trukket tilbake",
    never its old verdict."""
    from django.utils.translation import gettext

    if getattr(delivery, "withdrawn_at", None):
        return gettext("Trukket tilbake")
    label = str(delivery.get_state_display())
    if getattr(delivery, "with_warnings", False):
        label += " (" + gettext("med advarsler") + ")"
    return label
