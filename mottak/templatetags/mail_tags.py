"""`{% load mail_tags %}{% mail_outbox_alert %}`: a warning for staff when mail is not getting
out (unsent for over five minutes, or given up). Shown on SSB's pages and the admin index."""

from django import template
from django.utils import timezone

from mottak.selectors.mail import mail_outbox_status_get

register = template.Library()


@register.inclusion_tag("mottak/_mail_outbox_alert.html")
def mail_outbox_alert() -> dict:
    return {"mail": mail_outbox_status_get(now=timezone.now())}
