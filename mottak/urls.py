from django.urls import path

from mottak.views import home

app_name = "mottak"

urlpatterns = [
    path("", home.home, name="home"),
]
