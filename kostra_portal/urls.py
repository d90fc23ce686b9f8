from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from mottak.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/rq/", include("django_rq.urls")),
    path("admin/", admin.site.urls),
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("mottak.urls")),
]
