"""URLs of the municipality's delivery pages and the machine API (v1)."""

from django.urls import path

from mottak import api, api_more
from mottak.views import accounts, api_docs, deliveries
from mottak.views.kontroller import local_check_csp

urlpatterns = [
    path("levering/", deliveries.status_page, name="status"),
    path("levering/last-opp/", local_check_csp(deliveries.upload), name="upload"),
    path("levering/deler/", deliveries.parts_declare, name="parts_declare"),
    path("levering/ingen-deltakere/", deliveries.no_participants, name="no_participants"),
    path("levering/<int:pk>/", deliveries.delivery_detail, name="delivery"),
    path("levering/<int:pk>/status.json", deliveries.delivery_status_json, name="delivery_json"),
    path("levering/<int:pk>/rapport/", deliveries.report, name="report"),
    path("levering/<int:pk>/rapport.csv", deliveries.report_csv, name="report_csv"),
    path("nokler/", deliveries.keys_page, name="keys"),
    path("nokler/<str:key_id>.pem", deliveries.key_pem, name="key_pem"),
    path("krypter/kostra_krypter.py", deliveries.krypter_download, name="krypter"),
    path("profil/", accounts.profile, name="profile"),
    path("brukere/", accounts.users, name="users"),
    path("api/v1/keys/", api.KeysView.as_view(), name="api_keys"),
    path("api/v1/deliveries/", api.DeliveryCreateView.as_view(), name="api_deliveries"),
    path("api/v1/deliveries/<int:pk>/", api.DeliveryStatusView.as_view(), name="api_delivery"),
    path("api/v1/schema/", api.SchemaView.as_view(), name="api_schema"),
    path("api/v1/status/<int:aar>/", api_more.YearStatusView.as_view(), name="api_status"),
    path("api/v1/parts/", api_more.PartsView.as_view(), name="api_parts"),
    path(
        "api/v1/no-participants/",
        api_more.NoParticipantsView.as_view(),
        name="api_no_participants",
    ),
    path("api/", api_docs.api_docs, name="api_docs"),
]
