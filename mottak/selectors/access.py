"""Need-to-know inside a kommune (issue 10): who may see and deliver what. The one place
views, the API and services ask.

Policy:
- SSB staff see and act for every kommune.
- The kommune's KOSTRA contact sees and manages everything of the kommune (users, declared
  parts, "no participants").
- An Oslo bydel user (kommune 0301 with `bydel` set, not the contact) sees and delivers only
  their own bydel: deliveries whose part or bydel is theirs, and delivers only as that part.
- A NAV office or refugee office user (role `nav` / `flyktning`) sees the whole-form
  deliveries and those of their own part; delivers the whole form, or - once the kommune has
  declared parts for the form and year - only their own part. Their own part is named by
  their role (`nav`, `flyktning`): the contact declares the parts under those names. They
  cannot change the declared parts.
- Anyone else, and anything outside a user's part, is treated as not existing (404).
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from mottak.models import DeclaredPart, Delivery, Role, User
from mottak.models.reference import OSLO


def user_own_part(user: User) -> str:
    """The part a municipal user is limited to; "" for staff and KOSTRA contacts."""
    if user.is_staff or user.role == Role.KOSTRA_KONTAKT:
        return ""
    if user.kommune_nr == OSLO and user.bydel:
        return user.bydel
    if user.role in (Role.NAV, Role.FLYKTNING):
        return str(user.role)
    return ""


def _is_bydel_user(user: User) -> bool:
    """An Oslo user tied to a bydel; the KOSTRA contact is never limited to one."""
    return (
        not user.is_staff
        and user.role != Role.KOSTRA_KONTAKT
        and user.kommune_nr == OSLO
        and bool(user.bydel)
    )


def kommune_manage_allowed(*, user: User, kommune_nr: str) -> bool:
    """Staff, or the kommune's own KOSTRA contact (not a bydel-limited one)."""
    if user.is_staff:
        return True
    return (
        user.is_active
        and user.role == Role.KOSTRA_KONTAKT
        and bool(user.kommune_nr)
        and user.kommune_nr == kommune_nr
    )


def delivery_visible_q(user: User) -> Q | None:
    """The filter of deliveries `user` may see; None when they may see none."""
    if user.is_staff:
        return Q()
    if not user.kommune_nr:
        return None
    q = Q(kommune_nr=user.kommune_nr)
    part = user_own_part(user)
    if _is_bydel_user(user):
        return q & (Q(part=part) | Q(bydel=part))
    if part:
        return q & Q(part__in=["", part])
    return q


def deliveries_visible(user: User) -> QuerySet[Delivery]:
    q = delivery_visible_q(user)
    return Delivery.objects.none() if q is None else Delivery.objects.filter(q)


def delivery_get_visible(*, user: User, pk: int) -> Delivery | None:
    return (
        deliveries_visible(user).select_related("uploaded_by", "withdrawn_by").filter(pk=pk).first()
    )


def parts_declared(*, kommune_nr: str, skjema: str, aar: int) -> list[str]:
    return list(
        DeclaredPart.objects.filter(kommune_nr=kommune_nr, skjema=skjema, aar=aar).values_list(
            "part", flat=True
        )
    )


def delivery_refusal(
    *, user: User, kommune_nr: str, skjema: str, aar: int, part: str
) -> str | None:
    """Why `user` may not deliver this kommune's form as `part` ("" = whole); None if they may."""
    if not user.can_act_for(kommune_nr):
        return _("Du kan ikke levere for denne kommunen.")
    own = user_own_part(user)
    if not own:
        return None
    if _is_bydel_user(user):
        if part != own:
            return _("Du kan bare levere for din egen bydel (%(b)s).") % {"b": own}
        return None
    declared = parts_declared(kommune_nr=kommune_nr, skjema=skjema, aar=aar)
    if declared and part != own:
        return _(
            "Kommunen har meldt at skjemaet leveres i deler. Du kan bare levere delen «%(p)s»."
        ) % {"p": own}
    if not declared and part not in ("", own):
        return _("Du kan levere hele skjemaet eller delen «%(p)s».") % {"p": own}
    return None
