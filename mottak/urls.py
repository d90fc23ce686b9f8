from django.urls import path

from mottak.views import calendar, home

app_name = "mottak"

urlpatterns = [
    path("", home.home, name="home"),
    path("paminnelser/", calendar.reminders, name="reminders"),
]
