"""Typed shapes of the machine API's answers, for the OpenAPI schema (drf-spectacular).

They describe the JSON the views already return (see docs/api.md); the views build their
answers from the selectors, these serializers only document them.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

SEVERITIES = ["FATAL", "ERROR", "WARNING", "INFO"]
DELIVERY_STATES = ["received", "checking", "accepted", "rejected", "failed"]
FORM_STATES = [
    "not_delivered", "received", "checking", "held", "rejected", "failed", "parts_missing",
    "accepted", "accepted_with_warnings", "no_participants",
]  # fmt: skip
RECEPTION_STATES = ["open", "not_open", "closed", "no_round"]
# A form of the status answer: a file form's state, or an e-form's.
ANY_FORM_STATES = [*FORM_STATES, "eform_received", "not_applicable"]


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="Norsk melding som kan vises til brukeren.")


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="Kontrollens id i SSBs katalog, f.eks. «012».")
    severity = serializers.ChoiceField(choices=SEVERITIES, help_text="FATAL og ERROR avviser.")
    line = serializers.IntegerField(allow_null=True, help_text="Linjenummer i filen (1 = første).")
    journal_number = serializers.CharField(allow_blank=True)
    caseworker = serializers.CharField(allow_blank=True)
    # DRF's metaclass takes declared fields out of the class, so this does not shadow
    # Serializer.fields at run time; the stubs cannot say so.
    fields = serializers.ListField(  # type: ignore[assignment]
        child=serializers.CharField(), help_text="Feltnavn."
    )
    message = serializers.CharField(help_text="Norsk melding; aldri fødselsnummer eller DUF.")
    values = serializers.DictField(help_text="Feltverdiene meldingen gjelder (maskert).")


class RuleSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    severity = serializers.ChoiceField(choices=SEVERITIES)
    title = serializers.CharField()


class CountsSerializer(serializers.Serializer):
    FATAL = serializers.IntegerField()
    ERROR = serializers.IntegerField()
    WARNING = serializers.IntegerField()
    INFO = serializers.IntegerField()


class DiagnosisSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=[
            "other_skjema",
            "other_year",
            "already_encrypted",
            "encrypted_other",
            "compressed",
            "binary",
        ]  # fmt: skip
    )
    message = serializers.CharField(help_text="Norsk forklaring, f.eks. «Filen ser ut som …».")
    message_id = serializers.CharField(
        required=False, help_text="Meldingens id i kontrollens meldingskatalog (bokmål og engelsk)."
    )
    template = serializers.CharField()
    values = serializers.DictField()


class SummarySerializer(serializers.Serializer):
    skjema = serializers.CharField()
    aar = serializers.IntegerField()
    kommune = serializers.CharField()
    bydel = serializers.CharField(allow_null=True)
    records = serializers.IntegerField(help_text="Antall poster i filen.")
    accepted = serializers.BooleanField()
    summary = serializers.DictField(
        child=RuleSummarySerializer(), help_text="Funn per kontroll (nøkkel: kontrollens id)."
    )
    statistics = serializers.DictField(help_text="Summer og fordelinger fra kontrollen.")
    counts = CountsSerializer(help_text="Antall funn per alvorlighet.")
    diagnosis = DiagnosisSerializer(
        required=False, help_text="Bare når filen ser ut til å være feil fil (se docs/api.md)."
    )


class DeliveryStatusSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=DELIVERY_STATES)
    accepted = serializers.BooleanField(allow_null=True, help_text="null til kontrollen er ferdig.")
    message = serializers.CharField(
        help_text="Norsk melding: dom, eller hvorfor filen holdes tilbake i en frysperiode."
    )
    findings = FindingSerializer(many=True)
    summary = SummarySerializer(help_text="Tomt objekt til kontrollen er ferdig.")


@extend_schema_field(OpenApiTypes.BINARY)
class BinaryFileField(serializers.FileField):
    """A file part of multipart/form-data: a binary string in the schema."""


# "del" is a Python keyword, so the upload's fields are given as a dict.
DeliveryUploadSerializer = type(
    "DeliveryUploadSerializer",
    (serializers.Serializer,),
    {
        "skjema": serializers.ChoiceField(choices=["11F", "11CF"]),
        "aar": serializers.IntegerField(help_text="Statistikkåret."),
        "del": serializers.CharField(
            required=False,
            allow_blank=True,
            help_text="Delen (f.eks. «nav», Oslo: bydelsnummer «05»); tom = hele skjemaet. "
            "Delen må være meldt, eller meldes med declare_part=true.",
        ),
        "file": BinaryFileField(help_text="Den krypterte konvolutten (docs/envelope.md)."),
        "check_only": serializers.BooleanField(
            required=False,
            default=False,
            help_text="true: bare kontroll; filen teller ikke som levering og erstatter ingenting.",
        ),
        "declare_part": serializers.BooleanField(
            required=False,
            default=False,
            help_text="true: meld delen i «del» nå hvis den ikke er meldt (ellers avvises den).",
        ),
    },
)


class DeliveryAcceptedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    receipt = serializers.CharField(help_text="Kvitteringsnummer, f.eks. K2020-4601-000017.")
    status_url = serializers.URLField(help_text="Hent status her til state er endelig.")


class DeliveryListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    receipt = serializers.CharField()
    skjema = serializers.CharField()
    aar = serializers.IntegerField()
    part = serializers.CharField(allow_blank=True)
    state = serializers.ChoiceField(choices=DELIVERY_STATES)
    accepted = serializers.BooleanField(allow_null=True)
    with_warnings = serializers.BooleanField()
    check_only = serializers.BooleanField()
    late = serializers.BooleanField()
    held_until = serializers.DateTimeField(allow_null=True)
    withdrawn = serializers.BooleanField()
    received_at = serializers.DateTimeField()
    counts = serializers.BooleanField(help_text="true for leveransen som gjelder for skjemaet.")
    status_url = serializers.URLField()


class DeliveryListSerializer(serializers.Serializer):
    deliveries = DeliveryListItemSerializer(many=True)


class EffectiveSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    receipt = serializers.CharField()
    part = serializers.CharField(allow_blank=True)
    received_at = serializers.DateTimeField()
    with_warnings = serializers.BooleanField()


class PartStateSerializer(serializers.Serializer):
    part = serializers.CharField()
    state = serializers.ChoiceField(choices=FORM_STATES)


class NoParticipantsSerializer(serializers.Serializer):
    receipt = serializers.CharField(allow_blank=True)
    declared_at = serializers.DateTimeField()


class FormStateSerializer(serializers.Serializer):
    skjema = serializers.CharField()
    takes_files = serializers.BooleanField(help_text="false: leveres som e-skjema.")
    deadline = serializers.DateField(allow_null=True)
    state = serializers.ChoiceField(choices=ANY_FORM_STATES, allow_null=True)
    effective = EffectiveSerializer(many=True, help_text="Leveransen(e) som gjelder nå.")
    parts = PartStateSerializer(many=True)
    parts_missing = serializers.ListField(child=serializers.CharField())
    no_participants = NoParticipantsSerializer(allow_null=True)


class ReceptionSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=RECEPTION_STATES)
    message = serializers.CharField(allow_blank=True)
    opens_on = serializers.DateField(allow_null=True)
    correction_cutoff_on = serializers.DateField(allow_null=True)


class YearStatusSerializer(serializers.Serializer):
    kommune = serializers.CharField()
    aar = serializers.IntegerField()
    reception = ReceptionSerializer()
    forms = FormStateSerializer(many=True)


class PartsRequestSerializer(serializers.Serializer):
    skjema = serializers.ChoiceField(choices=["11F", "11CF"])
    aar = serializers.IntegerField()
    deler = serializers.CharField(
        allow_blank=True, help_text="Delene, skilt med komma («nav, flyktning»); tom = samlet."
    )


class PartsAnswerSerializer(serializers.Serializer):
    skjema = serializers.CharField()
    aar = serializers.IntegerField()
    parts = serializers.ListField(child=serializers.CharField())
    message = serializers.CharField(
        allow_blank=True, help_text="Hva som skjer med en godkjent samlet fil, hvis noen."
    )


class NoParticipantsRequestSerializer(serializers.Serializer):
    aar = serializers.IntegerField()
    bekreft = serializers.BooleanField(help_text="Må være true.")


class NoParticipantsAnswerSerializer(serializers.Serializer):
    receipt = serializers.CharField()
    aar = serializers.IntegerField()
    skjema = serializers.CharField()
    declared_at = serializers.DateTimeField()
