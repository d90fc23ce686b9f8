from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MottakConfig(AppConfig):
    name = "mottak"
    verbose_name = _("KOSTRA-mottak")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        # Django's own login hook (every login path: portal, admin, the OTP form): start the
        # session's absolute lifetime there.
        user_logged_in.connect(_session_login_mark, dispatch_uid="mottak_session_login_mark")


def _session_login_mark(sender, request, user, **kwargs):
    from mottak.services.sessions import session_clock, session_login_mark

    if request is not None and hasattr(request, "session"):
        session_login_mark(session=request.session, now=session_clock())
