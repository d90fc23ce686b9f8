"""Machine API v1, added for a real integration (issue 14): the kommune's delivery list, the
state of each form for a year, declared parts and "ingen deltakere". The answers are built
from the same selectors and services as the kommune's pages.

- GET  /api/v1/deliveries/?aar=          -> {"deliveries": [...]}   (see mottak.api)
- GET  /api/v1/status/<aar>/             -> {"kommune", "aar", "reception", "forms": [...]}
- POST /api/v1/parts/                    -> {"skjema", "aar", "parts", "message"}
- POST /api/v1/no-participants/          -> {"receipt", "aar", "skjema", "declared_at"}
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from mottak.api import _Base
from mottak.api_schema import (
    ErrorSerializer,
    NoParticipantsAnswerSerializer,
    NoParticipantsRequestSerializer,
    PartsAnswerSerializer,
    PartsRequestSerializer,
    YearStatusSerializer,
)
from mottak.errors import MottakError
from mottak.selectors.deliveries import (
    declared_parts_dict,
    delivery_list,
    effective_deliveries_list,
    kommune_year_status_list,
    parts_declaration_consequence,
)
from mottak.selectors.reception import reception_get
from mottak.services import deliveries as services


def _kommune(request) -> str:
    if not request.user.kommune_nr:
        raise MottakError(_("Brukeren hører ikke til en kommune."), code="forbidden")
    kommune_nr: str = request.user.kommune_nr
    return kommune_nr


def _error(err: MottakError) -> Response:
    return Response({"error": err.message}, status=400)


def _effective(d) -> dict:
    return {
        "id": d.pk,
        "receipt": d.receipt,
        "part": d.part,
        "received_at": d.received_at,
        "with_warnings": d.with_warnings,
    }


def delivery_list_answer(request) -> dict:
    """GET /api/v1/deliveries/?aar=: every delivery of the token user's kommune."""
    nr = request.user.kommune_nr
    if not nr:
        return {"deliveries": []}
    raw = str(request.query_params.get("aar", ""))
    aar = int(raw) if raw.isdigit() else None
    deliveries = list(delivery_list(kommune_nr=nr, aar=aar)[:1000])
    counting: set[int] = set()
    for year in {d.aar for d in deliveries}:
        for row in kommune_year_status_list(kommune_nr=nr, aar=year):
            if row.status is not None:
                counting |= {e.pk for e in effective_deliveries_list(row.status)}
    return {
        "deliveries": [
            {
                "id": d.pk,
                "receipt": d.receipt,
                "skjema": d.skjema,
                "aar": d.aar,
                "part": d.part,
                "state": str(d.state),
                "accepted": d.accepted,
                "with_warnings": d.with_warnings,
                "check_only": d.check_only,
                "late": d.late,
                "held_until": d.held_until,
                "withdrawn": d.withdrawn_at is not None,
                "received_at": d.received_at,
                "counts": d.pk in counting,
                "status_url": request.build_absolute_uri(
                    reverse("mottak:api_delivery", args=[d.pk])
                ),
            }
            for d in deliveries
        ]
    }


def _form(row) -> dict:
    status_ = row.status
    if row.not_applicable:
        state = "not_applicable"
    elif status_ is not None:
        state = str(status_.state)
    elif not row.takes_files:
        state = "eform_received" if row.eform_received else "not_delivered"
    else:
        state = None
    declaration = status_.no_participants if status_ is not None else None
    return {
        "skjema": row.skjema,
        "takes_files": row.takes_files,
        "deadline": row.deadline,
        "state": state,
        "effective": [_effective(d) for d in effective_deliveries_list(status_)]
        if status_ is not None
        else [],
        "parts": [{"part": p.part, "state": str(p.state)} for p in status_.parts if p.part]
        if status_ is not None
        else [],
        "parts_missing": list(status_.parts_missing) if status_ is not None else [],
        "no_participants": {
            "receipt": declaration.receipt,
            "declared_at": declaration.declared_at,
        }
        if declaration is not None
        else None,
    }


class YearStatusView(_Base):
    @extend_schema(
        summary="Status for hvert skjema i et statistikkår",
        description="Mottakets tilstand for året (åpent, ikke åpnet, stengt) og hvert skjemas "
        "status, frist og leveransen som gjelder.",
        responses={
            200: OpenApiResponse(YearStatusSerializer, description="Året for kommunen."),
            400: OpenApiResponse(ErrorSerializer, description="Brukeren har ingen kommune."),
            401: OpenApiResponse(ErrorSerializer, description="Mangler eller ugyldig token."),
        },
    )
    def get(self, request, aar: int):
        try:
            nr = _kommune(request)
        except MottakError as err:
            return _error(err)
        reception = reception_get(kommune_nr=nr, aar=aar, now=timezone.now())
        return Response(
            {
                "kommune": nr,
                "aar": aar,
                "reception": {
                    "state": str(reception.state),
                    "message": reception.message,
                    "opens_on": reception.opens_on,
                    "correction_cutoff_on": reception.correction_cutoff_on,
                },
                "forms": [_form(row) for row in kommune_year_status_list(kommune_nr=nr, aar=aar)],
            }
        )


class PartsView(_Base):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        summary="Meld deler (eller samlet levering)",
        description="Erstatter delene skjemaet leveres i; tom liste betyr samlet. Minst to "
        "deler. `message` sier hva som skjer med en godkjent samlet fil.",
        request=PartsRequestSerializer,
        responses={
            200: OpenApiResponse(PartsAnswerSerializer, description="Delene som er meldt nå."),
            400: OpenApiResponse(ErrorSerializer, description="Avvist; ingenting endret."),
            401: OpenApiResponse(ErrorSerializer, description="Mangler eller ugyldig token."),
        },
    )
    def post(self, request):
        skjema = str(request.data.get("skjema", ""))
        aar = str(request.data.get("aar", ""))
        raw = request.data.get("deler", "")
        parts = raw if isinstance(raw, list) else str(raw).replace(";", ",").split(",")
        try:
            nr = _kommune(request)
            if not aar.isdigit():
                raise MottakError(_("Ugyldig statistikkår."), code="aar")
            services.parts_declare(
                user=request.user, kommune_nr=nr, skjema=skjema, aar=int(aar),
                parts=[str(p) for p in parts], now=timezone.now(),
            )  # fmt: skip
        except MottakError as err:
            return _error(err)
        return Response(
            {
                "skjema": skjema,
                "aar": int(aar),
                "parts": declared_parts_dict(kommune_nr=nr, aar=int(aar)).get(skjema, []),
                "message": parts_declaration_consequence(
                    kommune_nr=nr, skjema=skjema, aar=int(aar)
                ),
            }
        )


class NoParticipantsView(_Base):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        summary="Erklær ingen deltakere (11CF)",
        description="Bare kommunens KOSTRA-kontakt. Avvises mens en godkjent 11CF-fil gjelder. "
        "En senere 11CF-levering erstatter erklæringen.",
        request=NoParticipantsRequestSerializer,
        responses={
            201: OpenApiResponse(
                NoParticipantsAnswerSerializer, description="Registrert, med kvitteringsnummer."
            ),
            400: OpenApiResponse(ErrorSerializer, description="Avvist; ingenting registrert."),
            401: OpenApiResponse(ErrorSerializer, description="Mangler eller ugyldig token."),
        },
    )
    def post(self, request):
        aar = str(request.data.get("aar", ""))
        confirmed = str(request.data.get("bekreft", "")).lower() in ("1", "true")
        try:
            nr = _kommune(request)
            if not aar.isdigit():
                raise MottakError(_("Ugyldig statistikkår."), code="aar")
            decl = services.no_participants_declare(
                user=request.user, kommune_nr=nr, aar=int(aar), now=timezone.now(),
                confirmed=confirmed,
            )  # fmt: skip
        except MottakError as err:
            return _error(err)
        return Response(
            {
                "receipt": decl.receipt,
                "aar": decl.aar,
                "skjema": decl.skjema,
                "declared_at": decl.declared_at,
            },
            status=status.HTTP_201_CREATED,
        )
