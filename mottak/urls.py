from django.urls import path

from mottak import urls_deliveries, urls_ssb
from mottak.views import calendar, home, kontroller

app_name = "mottak"

urlpatterns = [
    path("", home.home, name="home"),
    path("paminnelser/", calendar.reminders, name="reminders"),
    path("kontroller/", kontroller.kontroller, name="kontroller"),
    *urls_ssb.urlpatterns,
    *urls_deliveries.urlpatterns,
]
