from django.urls import path

from mottak import urls_deliveries, urls_ssb
from mottak.views import calendar, home

app_name = "mottak"

urlpatterns = [
    path("", home.home, name="home"),
    path("paminnelser/", calendar.reminders, name="reminders"),
    *urls_ssb.urlpatterns,
    *urls_deliveries.urlpatterns,
]
