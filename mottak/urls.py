from django.urls import path

from mottak import urls_deliveries, urls_ssb
from mottak.views import calendar, home, kontroller, verktoy

app_name = "mottak"

urlpatterns = [
    path("", home.home, name="home"),
    path("paminnelser/", calendar.reminders, name="reminders"),
    path("kontroller/", kontroller.kontroller, name="kontroller"),
    path("verktoy/", verktoy.checker_page, name="verktoy"),
    path("verktoy/kostra_kontroll.pyz", verktoy.checker_download, name="verktoy_checker"),
    *urls_ssb.urlpatterns,
    *urls_deliveries.urlpatterns,
]
