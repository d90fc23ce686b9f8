"""Local development: the e-mail the portal has written to var/mail/ (DEBUG only)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mottak.selectors.dev_mail import dev_mail_list
from mottak.views.ssb import staff_required


def dev_mail(request: HttpRequest) -> HttpResponse:
    """Staff only, and only with DEBUG on: everyone else, and everyone in production, gets 404."""
    if not settings.DEBUG:
        raise Http404
    return _dev_mail(request)


@staff_required
def _dev_mail(request: HttpRequest) -> HttpResponse:
    mails = dev_mail_list(folder=settings.MAIL_FILE_DIR)
    return render(
        request,
        "mottak/ssb/dev_mail.html",
        {"mails": mails, "folder": settings.MAIL_FILE_DIR},
    )
