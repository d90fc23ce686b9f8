"""Profile (API tokens) and the KOSTRA contact's management of the kommune's users."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from mottak.errors import MottakError
from mottak.http import AuthenticatedHttpRequest
from mottak.models import Role, User
from mottak.services import accounts as services

# The clear key between the POST that makes it and the GET that shows it (once).
_NEW_KEY = "mottak_new_api_key"


@never_cache
@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Password change link and the API key. Keys are made with POST-redirect-GET: the POST
    puts the clear key in the session, the next GET shows it once and forgets it, so a
    reload never makes a new key."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            request.session[_NEW_KEY] = services.api_token_create(
                user=request.user,
                now=timezone.now(),
                name=request.POST.get("name", "")[:100],
                # is_verified() is put on the user at run time by django_otp's OTPMiddleware.
                otp_verified=request.user.is_verified(),  # type: ignore[attr-defined]
            )
        elif action == "revoke":
            services.api_token_revoke(user=request.user, now=timezone.now())
            messages.success(request, _("API-nøkkelen er trukket tilbake."))
        return redirect("mottak:profile")
    return render(
        request,
        "mottak/accounts/profile.html",
        {
            "api_key": services.api_token_get(user=request.user),
            "new_token": request.session.pop(_NEW_KEY, None),
            "now": timezone.now(),
        },
    )


@login_required
def users(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = request.user
    if actor.is_staff or actor.role != Role.KOSTRA_KONTAKT or not actor.kommune_nr:
        raise Http404
    if request.method == "POST":
        now = timezone.now()
        try:
            if request.POST.get("action") == "create":
                services.kommune_user_create(
                    actor=actor,
                    username=request.POST.get("username", ""),
                    email=request.POST.get("email", ""),
                    first_name=request.POST.get("first_name", ""),
                    last_name=request.POST.get("last_name", ""),
                    role=request.POST.get("role", ""),
                    bydel=request.POST.get("bydel", ""),
                    password=request.POST.get("password", ""),
                    now=now,
                )
                messages.success(request, _("Brukeren er opprettet."))
            else:
                user_pk = request.POST.get("user")
                target = (
                    User.objects.filter(pk=user_pk, kommune_nr=actor.kommune_nr).first()
                    if user_pk is not None
                    else None
                )
                if target is None:
                    raise Http404
                services.kommune_user_set_active(
                    actor=actor,
                    user=target,
                    active=request.POST.get("action") == "activate",
                    now=now,
                )
                messages.success(request, _("Brukeren er oppdatert."))
        except MottakError as err:
            messages.error(request, err.message)
        return redirect("mottak:users")
    return render(
        request,
        "mottak/accounts/users.html",
        {
            "users": User.objects.filter(kommune_nr=actor.kommune_nr, is_staff=False).order_by(
                "username"
            ),
            "roles": Role.choices,
        },
    )
