from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MottakConfig(AppConfig):
    name = "mottak"
    verbose_name = _("KOSTRA-mottak")
    default_auto_field = "django.db.models.BigAutoField"
