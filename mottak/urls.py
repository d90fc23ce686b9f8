from django.urls import path

from mottak import views

app_name = "mottak"

urlpatterns = [
    path("", views.home, name="home"),
]
