"""URLs of SSB's staff pages (/ssb/...) and the kommune's feedback lists (/feillister/...)."""

from django.urls import path, register_converter

from mottak.views import dev_mail, feedback, ssb, ssb_accounts, ssb_eforms, ssb_feedback_extra


class KommuneNrConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KommuneNrConverter, "knr")

urlpatterns = [
    path("ssb/", ssb.ssb_home, name="ssb_home"),
    path("ssb/oversikt/<int:aar>/", ssb.overview, name="ssb_overview"),
    path("ssb/oversikt/<int:aar>.csv", ssb.overview_csv, name="ssb_overview_csv"),
    path("ssb/oversikt/<int:aar>.xlsx", ssb.overview_xlsx, name="ssb_overview_xlsx"),
    path("ssb/kommune/<int:aar>/<knr:nummer>/", ssb.kommune_page, name="ssb_kommune"),
    path(
        "ssb/kommune/<int:aar>/<knr:nummer>/handling/",
        ssb.kommune_action,
        name="ssb_kommune_action",
    ),
    path("ssb/inntak/<int:aar>/", ssb.intake, name="ssb_intake"),
    path("ssb/feil/<int:aar>/<str:skjema>/", ssb.errors, name="ssb_errors"),
    path("ssb/nav/<int:aar>/", ssb.nav, name="ssb_nav"),
    path("ssb/nav/<int:aar>/bekreft/", ssb.nav_confirm, name="ssb_nav_confirm"),
    path("ssb/feillister/", ssb.feedback_index, name="ssb_feedback_index"),
    path(
        "ssb/feillister/ny/<int:aar>/<knr:nummer>/<str:skjema>/",
        ssb.feedback_create,
        name="ssb_feedback_create",
    ),
    path("ssb/feillister/<int:pk>/", ssb.feedback_detail, name="ssb_feedback"),
    path("ssb/feillister/<int:pk>/send/", ssb.feedback_send, name="ssb_feedback_send"),
    path(
        "ssb/feillister/<int:pk>/svarfrist/",
        ssb_feedback_extra.feedback_answer_by,
        name="ssb_feedback_answer_by",
    ),
    path(
        "ssb/feillister/<int:pk>/svar/<int:item_pk>/",
        ssb.feedback_item_decide,
        name="ssb_feedback_decide",
    ),
    path("ssb/e-skjema/<int:aar>/", ssb_eforms.eform_import, name="ssb_eform_import"),
    path(
        "ssb/e-skjema/<int:aar>/bekreft/",
        ssb_eforms.eform_import_confirm,
        name="ssb_eform_import_confirm",
    ),
    path("ssb/e-skjema/<int:aar>/marker/", ssb_eforms.eform_mark, name="ssb_eform_mark"),
    path(
        "ssb/kommunenummer/",
        ssb_accounts.invalid_kommune_accounts,
        name="ssb_invalid_accounts",
    ),
    path("ssb/revisjonslogg/", ssb.audit_log_view, name="ssb_audit"),
    path("ssb/uttrekk/", ssb.exports, name="ssb_exports"),
    path("ssb/uttrekk/<int:pk>/fil/", ssb.export_download, name="ssb_export_download"),
    path("ssb/epost/", dev_mail.dev_mail, name="ssb_dev_mail"),
    path("feillister/", feedback.feedback_lists, name="feedback_lists"),
    path("feillister/<int:pk>/", feedback.feedback_answer, name="feedback_answer"),
]
