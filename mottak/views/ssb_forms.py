"""Forms of SSB's staff pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mottak.states import CellState


class OverviewFilterForm(forms.Form):
    q = forms.CharField(label=_("Søk på navn eller nummer"), required=False, max_length=100)
    # Choices depend on the year; the view fills the widgets. Unknown values match nothing.
    fylke = forms.CharField(label=_("Fylke"), required=False, widget=forms.Select)
    skjema = forms.CharField(label=_("Skjema"), required=False, widget=forms.Select)
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statuser"))] + [(s, CellState.LABELS[s]) for s in CellState.ORDER],
    )
    sent = forms.BooleanField(label=_("Bare levert for sent"), required=False)
    sort = forms.ChoiceField(
        label=_("Sortering"),
        required=False,
        choices=[("worst", _("Verst først")), ("nummer", _("Kommunenummer"))],
    )


class NavUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-fil fra NAV"),
        help_text=_("Kolonnene «kommune» og «deltakere», skilt med semikolon eller komma."),
    )
    tolerance_absolute = forms.IntegerField(
        label=_("Toleranse (antall deltakere)"), min_value=0, initial=2
    )
    tolerance_percent = forms.IntegerField(
        label=_("Toleranse (prosent)"), min_value=0, max_value=100, initial=10
    )
    # No default: staff say explicitly whether the file is the whole set or an update.
    mode = forms.ChoiceField(
        label=_("Hva skal filen gjøre?"),
        widget=forms.RadioSelect,
        choices=[
            (
                "replace",
                _("Erstatte alle NAV-tall for året (kommuner som ikke er i filen fjernes)"),
            ),
            ("update", _("Oppdatere bare kommunene i filen (de andre beholdes)")),
        ],
    )


class FeedbackCreateForm(forms.Form):
    title = forms.CharField(label=_("Tittel"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Melding til kommunen"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    questions = forms.CharField(
        label=_("Egne spørsmål (ett per linje)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def clean_questions(self) -> list[str]:
        return [q.strip() for q in self.cleaned_data["questions"].splitlines() if q.strip()]


class FeedbackAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Svar"), widget=forms.RadioSelect, choices=[])
    explanation = forms.CharField(
        label=_("Forklaring"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AuditFilterForm(forms.Form):
    kommune_nr = forms.CharField(label=_("Kommunenummer"), required=False, max_length=4)
    action = forms.CharField(label=_("Handling"), required=False, max_length=64)
    actor = forms.CharField(label=_("Utført av (brukernavn)"), required=False, max_length=150)
    fra = forms.DateField(
        label=_("Fra dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    til = forms.DateField(
        label=_("Til og med dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ExceptionForm(forms.Form):
    """Staff grant a kommune leave to deliver after the correction cutoff (M5's service)."""

    until = forms.DateField(
        label=_("Åpent til og med"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Begrunnelse"), max_length=500)

    def expires_at(self):
        """The end of the chosen day in Oslo (the exception lasts the whole day)."""
        from mottak.services.calendar import day_end

        return day_end(self.cleaned_data["until"])


class ExportForm(forms.Form):
    skjema = forms.ChoiceField(label=_("Skjema"), choices=[("11F", "11F"), ("11CF", "11CF")])
    aar = forms.IntegerField(label=_("Statistikkår"), min_value=2020, max_value=2100)
