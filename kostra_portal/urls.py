from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from mottak.views import passwords
from mottak.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/rq/", include("django_rq.urls")),
    path("admin/", admin.site.urls),
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("passord/endre/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path(
        "passord/endret/", passwords.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("passord/glemt/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passord/glemt/sendt/",
        passwords.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passord/nytt/<uidb64>/<token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passord/nytt/ferdig/",
        passwords.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("mottak.urls")),
]
