"""Password change and reset ("Glemt passord"): Django's own views with the portal's
templates (templates/registration/). After either, `password_changed` clears a temporary
password flag; Django keeps the current session and ends every other one (the session's
auth hash changes with the password)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils import timezone

from mottak.services.accounts import password_changed


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(user=form.user, now=timezone.now())
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done_page.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_new.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(user=form.user, now=timezone.now())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_finished.html"
