"""Staff page action on a feedback list: set its answer date."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mottak.errors import MottakError
from mottak.http import AuthenticatedHttpRequest
from mottak.models.ssb import FeedbackList
from mottak.services.feedback_selection import feedback_answer_by_set
from mottak.views.ssb import staff_required


class AnswerByForm(forms.Form):
    answer_by = forms.DateField(
        label=gettext_lazy("Svarfrist"), widget=forms.DateInput(attrs={"type": "date"})
    )


@staff_required
@require_POST
def feedback_answer_by(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feedback_list = get_object_or_404(FeedbackList, pk=pk)
    form = AnswerByForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Oppgi en gyldig dato."))
        return redirect("mottak:ssb_feedback", pk=pk)
    try:
        feedback_answer_by_set(
            feedback_list=feedback_list,
            answer_by=form.cleaned_data["answer_by"],
            user=request.user,
            now=timezone.now(),
        )
    except MottakError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("Svarfristen er endret."))
    return redirect("mottak:ssb_feedback", pk=pk)
