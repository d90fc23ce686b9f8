from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from mottak.http import AuthenticatedHttpRequest


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send each user to where their work is: staff to SSB's overview, kommuner to status."""
    if request.user.is_staff:
        return redirect("mottak:ssb_home")
    if request.user.kommune_nr:
        return redirect("mottak:status")
    return render(request, "mottak/home.html")
