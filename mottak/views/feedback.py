"""The kommune's side of feedback lists (feillister): see the lists, answer, return."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mottak.errors import MottakError
from mottak.http import AuthenticatedHttpRequest
from mottak.models.ssb import FeedbackAnswer, FeedbackList, FeedbackListState
from mottak.selectors.feedback import feedback_lists_for_kommune
from mottak.services import feedback as feedback_services


@login_required
def feedback_lists(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.kommune_nr:
        raise Http404
    lists = feedback_lists_for_kommune(kommune_nr=request.user.kommune_nr)
    return render(request, "mottak/feedback/list.html", {"lists": lists})


def _list_for(request: AuthenticatedHttpRequest, pk: int) -> FeedbackList:
    """The list if the user may see it: staff, or a user of its kommune once it is sent."""
    feedback_list = get_object_or_404(FeedbackList, pk=pk)
    if not request.user.can_act_for(feedback_list.kommune_nr):
        raise Http404
    if feedback_list.state == FeedbackListState.DRAFT and not request.user.is_staff:
        raise Http404
    return feedback_list


@login_required
def feedback_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show the list; POST answers every item at once and, with "return", sends it to SSB."""
    feedback_list = _list_for(request, pk)
    items = list(feedback_list.items.all())
    if request.method == "POST":
        now = timezone.now()
        try:
            for item in items:
                answer = request.POST.get(f"answer-{item.pk}", "")
                explanation = request.POST.get(f"explanation-{item.pk}", "")
                if answer:
                    feedback_services.feedback_item_answer(
                        item=item,
                        answer=answer,
                        explanation=explanation,
                        user=request.user,
                        now=now,
                    )
            if "return" in request.POST:
                feedback_services.feedback_list_return(
                    feedback_list=feedback_list, user=request.user, now=now
                )
                messages.success(request, _("Svarene er sendt til SSB. Takk!"))
            else:
                messages.success(request, _("Svarene er lagret."))
        except MottakError as exc:
            messages.error(request, exc.message)
        return redirect("mottak:feedback_answer", pk=pk)
    return render(
        request,
        "mottak/feedback/answer.html",
        {
            "fl": feedback_list,
            "items": items,
            "choices": FeedbackAnswer.choices,
            "editable": feedback_list.is_open_for_answers and not request.user.is_staff,
        },
    )
