"""Session lifetime (ASVS 3.3): 12 hours absolute for all, 30 minutes idle for staff.
Times are passed in (the rule) or the middleware's clock is patched; no sleeps."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from mottak.services import sessions
from tests.factories import UserFactory

T0 = datetime(2027, 1, 10, 8, 0, tzinfo=UTC)


def session_at(login: datetime, seen: datetime | None = None) -> dict:
    return {sessions.LOGIN_AT: login.timestamp(), sessions.SEEN_AT: (seen or login).timestamp()}


@pytest.mark.parametrize(
    ("is_staff", "seen_after", "now_after", "expired"),
    [
        (False, timedelta(0), timedelta(hours=11, minutes=59), False),
        (False, timedelta(hours=11), timedelta(hours=12, minutes=1), True),  # absolute
        (False, timedelta(0), timedelta(hours=2), False),  # kommune users have no idle limit
        (True, timedelta(0), timedelta(minutes=29), False),
        (True, timedelta(0), timedelta(minutes=31), True),  # idle
        (True, timedelta(hours=11, minutes=50), timedelta(hours=12, minutes=1), True),
    ],
)
def test_session_expiry_rule(settings, is_staff, seen_after, now_after, expired):
    settings.SESSION_ABSOLUTE_SECONDS = 12 * 3600
    settings.STAFF_SESSION_IDLE_SECONDS = 30 * 60
    user = UserFactory.build(is_staff=is_staff)
    session = session_at(T0, T0 + seen_after)
    assert sessions.session_expired(session=session, user=user, now=T0 + now_after) is expired


@pytest.fixture
def clock(monkeypatch):
    """The middleware's clock, moved by the test."""
    state = {"now": T0}
    monkeypatch.setattr(sessions, "session_clock", lambda: state["now"])
    return state


def test_kommune_user_is_logged_out_after_twelve_hours(client, kontakt_bergen, clock):
    client.force_login(kontakt_bergen)
    assert client.get("/profil/").status_code == 200
    clock["now"] = T0 + timedelta(hours=6)
    assert client.get("/profil/").status_code == 200  # activity does not extend the limit
    clock["now"] = T0 + timedelta(hours=12, seconds=1)
    response = client.get("/profil/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_staff_idle_for_thirty_minutes_is_logged_out(client, staff, clock):
    client.force_login(staff)
    clock["now"] = T0 + timedelta(minutes=29)
    assert client.get("/paminnelser/").status_code == 200
    clock["now"] = T0 + timedelta(minutes=58)  # 29 minutes after the last request
    assert client.get("/paminnelser/").status_code == 200
    clock["now"] = T0 + timedelta(minutes=89)
    assert client.get("/paminnelser/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_expired_api_session_gets_json_401(client, staff, clock):
    client.force_login(staff)
    clock["now"] = T0 + timedelta(hours=1)
    response = client.get("/api/v1/deliveries/1/")
    assert response.status_code == 401
    assert "utløpt" in response.json()["error"]


def test_session_cookie_lasts_no_longer_than_the_absolute_limit(settings):
    assert settings.SESSION_COOKIE_AGE <= settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600
    assert settings.STAFF_SESSION_IDLE_SECONDS == 30 * 60
