"""Accounts managed by the kommune's KOSTRA contact, passwords, and API tokens."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from mottak.errors import MottakError
from mottak.models import ApiKey, Role, User
from mottak.selectors.access import kommune_manage_allowed
from mottak.services.api_keys import api_key_create, api_key_revoke, api_keys_delete_for_user
from mottak.services.audit import audit_log


def _validation_message(err: ValidationError) -> str:
    return " ".join(str(m) for m in err.messages)


def password_validate(*, password: str, user: User) -> None:
    """Django's AUTH_PASSWORD_VALIDATORS, as a MottakError with their (translated) messages."""
    try:
        validate_password(password, user=user)
    except ValidationError as err:
        raise MottakError(_validation_message(err), code="password") from err


def _username_validate(username: str) -> None:
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as err:
        raise MottakError(_validation_message(err), code="username") from err


def new_user_email_send(*, user: User) -> None:
    """Tell a new user their username and that the temporary password must be changed. The
    password itself is never mailed: the person who created the account hands it over."""
    if not user.email:
        return
    context = {
        "user": user,
        "login_url": settings.SITE_URL.rstrip("/") + reverse("login"),
        "reset_url": settings.SITE_URL.rstrip("/") + reverse("password_reset"),
    }
    send_mail(
        subject=_("Du har fått en bruker i KOSTRA-mottaket"),
        message=render_to_string("registration/new_user_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def password_changed(*, user: User, now: datetime) -> None:
    """After a password change or reset: the temporary-password flag is cleared and the
    change audited. (Other sessions end by themselves: Django's session hash changes.)"""
    with transaction.atomic():
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        audit_log(action="user.password_changed", actor=user, kommune_nr=user.kommune_nr, now=now)


def user_deactivated(*, user: User) -> None:
    """What follows a deactivation on every path (service, /brukere/, admin): no API keys."""
    api_keys_delete_for_user(user=user)


def _require_contact(actor: User) -> None:
    if not kommune_manage_allowed(user=actor, kommune_nr=actor.kommune_nr):
        raise MottakError(
            _("Bare kommunens KOSTRA-kontakt kan administrere brukere."), code="forbidden"
        )


def kommune_user_create(
    *,
    actor: User,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    role: str,
    bydel: str = "",
    password: str,
    now: datetime,
) -> User:
    """The KOSTRA contact creates a user of their own kommune."""
    _require_contact(actor)
    if role not in Role.values:
        raise MottakError(_("Ukjent rolle."), code="role")
    if not username.strip() or User.objects.filter(username__iexact=username.strip()).exists():
        raise MottakError(_("Brukernavnet er tatt eller tomt."), code="username")
    _username_validate(username.strip())
    with transaction.atomic():
        user = User(
            username=username.strip(),
            email=email.strip(),
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            kommune_nr=actor.kommune_nr,
            bydel=bydel if actor.kommune_nr == "0301" else "",
            role=role,
            must_change_password=True,
        )
        password_validate(password=password, user=user)
        user.set_password(password)
        user.save()
        new_user_email_send(user=user)
        audit_log(
            action="user.created",
            actor=actor,
            kommune_nr=actor.kommune_nr,
            obj=user,
            data={"username": user.username, "role": role},
            now=now,
        )
    return user


def kommune_user_set_active(*, actor: User, user: User, active: bool, now: datetime) -> User:
    """Deactivate (or reactivate) a user of the contact's own kommune."""
    _require_contact(actor)
    if user.kommune_nr != actor.kommune_nr or user.is_staff:
        raise MottakError(_("Brukeren hører ikke til din kommune."), code="forbidden")
    if user.pk == actor.pk:
        raise MottakError(_("Du kan ikke deaktivere deg selv."), code="self")
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            user_deactivated(user=user)
        audit_log(
            action="user.activated" if active else "user.deactivated",
            actor=actor,
            kommune_nr=user.kommune_nr,
            obj=user,
            data={"username": user.username},
            now=now,
        )
    return user


def api_token_create(
    *, user: User, now: datetime, name: str = "", otp_verified: bool = False
) -> str:
    """A new API key for `user` (replaces the old one); the clear key, to be shown once."""
    _key, raw = api_key_create(
        user=user, name=name or _("API-nøkkel"), now=now, otp_verified=otp_verified
    )
    return raw


def api_token_revoke(*, user: User, now: datetime) -> None:
    api_key_revoke(user=user, now=now)


def api_token_get(*, user: User) -> ApiKey | None:
    return ApiKey.objects.filter(user=user).first()
