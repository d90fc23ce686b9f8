"""Machine API v1 for case-handling systems. Fixed contract (see issue 4 and /api/v1/schema/):

- GET  /api/v1/keys/                 -> {"keys": [{"key_id", "pem", "fingerprint", ...}]}
- POST /api/v1/deliveries/ (multipart: skjema, aar, del?, file) -> 202 {"id", "receipt",
  "status_url"}; refused input -> 4xx {"error": "<Norwegian message>"}
- GET  <status_url>                  -> {"state", "accepted", "message", "findings", "summary"}

The views call the same services as the web pages. Another kommune's delivery is a 404.
"""

import math

from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, status
from rest_framework.exceptions import (
    AuthenticationFailed,
    NotAuthenticated,
    NotFound,
    ParseError,
    PermissionDenied,
    Throttled,
)
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from mottak.api_auth import UploadThrottle
from mottak.api_schema import (
    DeliveryAcceptedSerializer,
    DeliveryListSerializer,
    DeliveryStatusSerializer,
    DeliveryUploadSerializer,
    ErrorSerializer,
)
from mottak.errors import MottakError
from mottak.selectors.deliveries import delivery_get_for_user, delivery_status_dict
from mottak.services import deliveries as services
from mottak.services.keys import public_keys_list
from mottak.services.reads import report_read_log
from mottak.uploads import envelope_uploads_only, upload_refusal


def _error_handler(exc, context):
    """Every refusal as {"error": "<Norwegian message>"}."""
    if isinstance(exc, NotAuthenticated | AuthenticationFailed):
        return Response(
            {"error": _("Mangler eller ugyldig token.")},
            status=401,
            headers={"WWW-Authenticate": "Token"},
        )
    if isinstance(exc, Throttled):
        # Throttled.wait is set in DRF's __init__ but missing from djangorestframework-stubs.
        wait = max(1, math.ceil(exc.wait or 1))  # type: ignore[attr-defined]
        return Response(
            {"error": _("For mange forespørsler. Prøv igjen om %(s)s sekunder.") % {"s": wait}},
            status=429,
            headers={"Retry-After": str(wait)},
        )
    if isinstance(exc, NotFound):
        return Response({"error": _("Finnes ikke.")}, status=404)
    if isinstance(exc, PermissionDenied):
        return Response({"error": _("Ingen tilgang.")}, status=403)
    if isinstance(exc, ParseError):
        return Response({"error": _("Ugyldig forespørsel.")}, status=400)
    from rest_framework.views import exception_handler

    response = exception_handler(exc, context)
    if response is not None:
        detail = getattr(exc, "detail", "")
        response.data = {"error": str(detail) if detail else _("Ugyldig forespørsel.")}
    return response


class _Base(APIView):
    def get_exception_handler(self):
        return _error_handler

    def finalize_response(self, request, response, *args, **kwargs):
        # API answers carry receipts and findings: never stored by a cache or browser.
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response


class KeysView(_Base):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        summary="Aktive offentlige nøkler",
        responses=inline_serializer(
            "Keys",
            {
                "keys": inline_serializer(
                    "Key",
                    {
                        "key_id": serializers.CharField(),
                        "pem": serializers.CharField(),
                        "fingerprint": serializers.CharField(),
                        "bits": serializers.IntegerField(),
                        "current": serializers.BooleanField(),
                    },
                    many=True,
                )
            },
        ),
    )
    def get(self, request):
        return Response(
            {
                "keys": [
                    {
                        "key_id": k.key_id,
                        "pem": k.pem,
                        "fingerprint": k.fingerprint,
                        "bits": k.bits,
                        "current": k.current,
                    }
                    for k in public_keys_list()
                ]
            }
        )


class DeliveryCreateView(_Base):
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [UploadThrottle]

    def initial(self, request, *args, **kwargs):
        # Before authentication: session authentication's CSRF check reads the body.
        envelope_uploads_only(request._request)
        super().initial(request, *args, **kwargs)

    @extend_schema(
        summary="Kommunens leveranser",
        operation_id="deliveries_list",
        description="Alle leveranser for kommunen (alle versjoner, også bare kontroll), nyeste "
        "først; `counts` merker leveransen som gjelder.",
        parameters=[OpenApiParameter("aar", int, description="Statistikkår (valgfritt).")],
        responses={
            200: OpenApiResponse(DeliveryListSerializer, description="Leveransene."),
            401: OpenApiResponse(ErrorSerializer, description="Mangler eller ugyldig token."),
        },
    )
    def get(self, request):
        from mottak.api_more import delivery_list_answer

        return Response(delivery_list_answer(request))

    @extend_schema(
        summary="Lever en kryptert fil",
        request={"multipart/form-data": DeliveryUploadSerializer},
        responses={
            202: OpenApiResponse(
                DeliveryAcceptedSerializer,
                description="Tatt imot og lagret; kontrollen kjøres i bakgrunnen (eller når "
                "en frysperiode slutter).",
            ),
            400: OpenApiResponse(
                ErrorSerializer,
                description="Avvist, ingenting lagret: feil felt, konvolutt eller nøkkel, "
                "mottaket ikke åpent, fristen for rettinger passert, del ikke meldt.",
            ),
            401: OpenApiResponse(ErrorSerializer, description="Mangler eller ugyldig token."),
            413: OpenApiResponse(ErrorSerializer, description="Filen er for stor."),
            429: OpenApiResponse(
                ErrorSerializer, description="For mange opplastinger; prøv igjen om litt."
            ),
        },
    )
    def post(self, request):
        user = request.user
        file = request.FILES.get("file")
        aar = str(request.data.get("aar", ""))
        try:
            refusal = upload_refusal(request._request)
            if refusal is not None:
                raise refusal
            if file is None:
                raise MottakError(_("Feltet «file» mangler."), code="no_file")
            if not aar.isdigit():
                raise MottakError(_("Ugyldig statistikkår."), code="aar")
            if not user.kommune_nr:
                raise MottakError(_("Brukeren hører ikke til en kommune."), code="forbidden")
            delivery = services.submission_create(
                user=user,
                kommune_nr=user.kommune_nr,
                skjema=str(request.data.get("skjema", "")),
                aar=int(aar),
                part=str(request.data.get("del", "")),
                file=file,
                check_only=str(request.data.get("check_only", "")).lower() in ("1", "true"),
                declare_part=str(request.data.get("declare_part", "")).lower() in ("1", "true"),
            )
        except MottakError as err:
            code = 413 if err.code == "too_large" else 400
            return Response({"error": err.message}, status=code)
        url = request.build_absolute_uri(reverse("mottak:api_delivery", args=[delivery.pk]))
        return Response(
            {"id": delivery.pk, "receipt": delivery.receipt, "status_url": url},
            status=status.HTTP_202_ACCEPTED,
        )


class DeliveryStatusView(_Base):
    @extend_schema(
        summary="Status og kontrollresultat for en leveranse",
        responses={
            200: OpenApiResponse(
                DeliveryStatusSerializer,
                description="Status; `findings` og `summary` er fylt når state er endelig.",
            ),
            401: OpenApiResponse(ErrorSerializer, description="Mangler eller ugyldig token."),
            404: OpenApiResponse(
                ErrorSerializer, description="Finnes ikke (eller en annen kommunes leveranse)."
            ),
        },
    )
    def get(self, request, pk: int):
        delivery = delivery_get_for_user(user=request.user, pk=pk)
        if delivery is None:
            raise NotFound
        data = delivery_status_dict(delivery)
        if data["findings"] or data["summary"]:
            report_read_log(user=request.user, delivery=delivery, via="api")
        return Response(data)


class SchemaView(SpectacularAPIView):
    permission_classes = [AllowAny]
