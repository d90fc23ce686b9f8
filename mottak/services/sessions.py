"""Session lifetime (ASVS 3.3): an absolute limit for everyone, an idle limit for staff.

The session remembers when the user logged in and when they were last seen; the rule is
`session_expired`, which takes the time as an argument.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

LOGIN_AT = "mottak_login_at"
SEEN_AT = "mottak_seen_at"


def session_clock() -> datetime:
    """The middleware's clock (tests patch this function, never sleep)."""
    return timezone.now()


def session_login_mark(*, session, now: datetime) -> None:
    """Called when a user logs in (also when staff confirm the second factor)."""
    session[LOGIN_AT] = now.timestamp()
    session[SEEN_AT] = now.timestamp()


def _stamp(session, key: str) -> datetime | None:
    value = session.get(key)
    if not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def session_expired(*, session, user, now: datetime) -> bool:
    """True when the session is past SESSION_ABSOLUTE_SECONDS since login, or (staff) past
    STAFF_SESSION_IDLE_SECONDS since its last request. A session without a login mark (one
    that predates this rule) counts from now."""
    login_at = _stamp(session, LOGIN_AT)
    if login_at is not None and now - login_at > timedelta(
        seconds=settings.SESSION_ABSOLUTE_SECONDS
    ):
        return True
    seen_at = _stamp(session, SEEN_AT)
    if user.is_staff and seen_at is not None:
        return now - seen_at > timedelta(seconds=settings.STAFF_SESSION_IDLE_SECONDS)
    return False


def session_touch(*, session, user, now: datetime) -> None:
    """Remember the request; the last-seen mark is only needed (and written) for staff."""
    if LOGIN_AT not in session:
        session_login_mark(session=session, now=now)
    elif user.is_staff:
        session[SEEN_AT] = now.timestamp()
