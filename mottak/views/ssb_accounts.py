"""Staff page: municipal users and contact addresses whose kommune is not valid in the
current round (after a merger or the 2024 renumbering)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mottak.services.kommune_validity import invalid_kommune_accounts_list, round_current_aar
from mottak.views.ssb import staff_required


@staff_required
def invalid_kommune_accounts(request: HttpRequest) -> HttpResponse:
    aar = round_current_aar()
    rows = invalid_kommune_accounts_list(aar=aar) if aar else []
    return render(
        request,
        "mottak/ssb/invalid_accounts.html",
        {"aar": aar, "rows": rows},
    )
