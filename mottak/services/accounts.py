"""Accounts managed by the kommune's KOSTRA contact, and API tokens."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from mottak.errors import MottakError
from mottak.models import Role, User
from mottak.services.audit import audit_log


def _require_contact(actor: User) -> None:
    if actor.is_staff:
        return
    if not actor.kommune_nr or actor.role != Role.KOSTRA_KONTAKT:
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
    with transaction.atomic():
        user = User(
            username=username.strip(),
            email=email.strip(),
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            kommune_nr=actor.kommune_nr,
            bydel=bydel if actor.kommune_nr == "0301" else "",
            role=role,
        )
        user.set_password(password)
        user.save()
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
            Token.objects.filter(user=user).delete()
        audit_log(
            action="user.activated" if active else "user.deactivated",
            actor=actor,
            kommune_nr=user.kommune_nr,
            obj=user,
            data={"username": user.username},
            now=now,
        )
    return user


def api_token_create(*, user: User, now: datetime) -> Token:
    """A new API token for `user` (replaces the old one)."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        audit_log(action="token.created", actor=user, kommune_nr=user.kommune_nr, now=now)
    return token


def api_token_revoke(*, user: User, now: datetime) -> None:
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        audit_log(action="token.revoked", actor=user, kommune_nr=user.kommune_nr, now=now)
