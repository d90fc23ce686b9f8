from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mottak.http import AuthenticatedHttpRequest
from mottak.models import Reminder
from mottak.services.calendar import round_calendar_for_kommune
from mottak.services.reminders import reminder_list_for_kommune


@login_required
def reminders(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Deadlines still open to the user's kommune and the reminders it has been sent.

    A municipal user sees only their own kommune; staff see the latest reminders to all.
    """
    user = request.user
    if user.is_staff:
        context = {
            "deadlines": [],
            "reminders": list(Reminder.objects.all()[:200]),
            "show_kommune": True,
        }
    else:
        context = {
            "deadlines": round_calendar_for_kommune(kommune_nr=user.kommune_nr, now=timezone.now())
            if user.kommune_nr
            else [],
            "reminders": reminder_list_for_kommune(kommune_nr=user.kommune_nr)
            if user.kommune_nr
            else [],
            "show_kommune": False,
        }
    return render(request, "mottak/calendar/reminders.html", context)
