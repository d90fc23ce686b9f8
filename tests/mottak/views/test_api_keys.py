"""API keys: hashed, shown once, named, expiring; deleted on deactivation by every path;
throttled bad keys and uploads."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mottak.models import ApiKey
from mottak.services.api_keys import api_key_create, api_key_hash

KEY_RE = re.compile(r'<code id="new-token"[^>]*>([0-9a-f]+)</code>')


def api(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_key_is_stored_only_as_a_hash(kontakt_bergen):
    key, raw = api_key_create(user=kontakt_bergen, name="Fagsystem", now=timezone.now())
    stored = ApiKey.objects.filter(pk=key.pk).values().get()
    assert raw not in [str(v) for v in stored.values()]
    assert stored["key_hash"] == api_key_hash(raw) and stored["name"] == "Fagsystem"


def test_profile_uses_post_redirect_get_and_shows_the_key_once(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    response = client.post(reverse("mottak:profile"), {"action": "create", "name": "Socio"})
    assert response.status_code == 302
    page = client.get(reverse("mottak:profile")).content.decode()
    assert "«Socio»" in page
    raw = KEY_RE.search(page).group(1)
    assert "Authorization: Token &lt;" in page  # the real header
    assert "erstatter den gamle" in page  # a new key replaces the old one
    again = client.get(reverse("mottak:profile")).content.decode()  # a reload
    assert not KEY_RE.search(again)
    assert ApiKey.objects.filter(user=kontakt_bergen).count() == 1
    assert ApiKey.objects.get(user=kontakt_bergen).key_hash == api_key_hash(raw)
    assert api(raw).get("/api/v1/deliveries/999/").status_code == 404  # authenticated


def test_new_key_replaces_the_old(kontakt_bergen):
    _k, old = api_key_create(user=kontakt_bergen, name="a", now=timezone.now())
    _k, new = api_key_create(user=kontakt_bergen, name="b", now=timezone.now())
    assert api(old).get("/api/v1/deliveries/999/").status_code == 401
    assert api(new).get("/api/v1/deliveries/999/").status_code == 404


def test_expired_key_is_refused(kontakt_bergen, settings):
    assert settings.API_KEY_VALID_DAYS == 365
    long_ago = timezone.now() - timedelta(days=366)
    _key, raw = api_key_create(user=kontakt_bergen, name="gammel", now=long_ago)
    response = api(raw).get("/api/v1/deliveries/999/")
    assert response.status_code == 401
    assert response.json() == {"error": "Mangler eller ugyldig token."}


def test_inactive_users_key_is_refused_even_if_left_in_the_db(kontakt_bergen):
    _key, raw = api_key_create(user=kontakt_bergen, name="x", now=timezone.now())
    type(kontakt_bergen).objects.filter(pk=kontakt_bergen.pk).update(is_active=False)
    assert api(raw).get("/api/v1/deliveries/999/").status_code == 401


def test_admin_deactivation_deletes_keys(client, staff, kontakt_bergen, api_key_for):
    api_key_for(kontakt_bergen)
    client.force_login(staff)
    client.post(
        reverse("admin:mottak_user_changelist"),
        {"action": "deactivate", "_selected_action": [kontakt_bergen.pk]},
    )
    kontakt_bergen.refresh_from_db()
    assert kontakt_bergen.is_active is False
    assert not ApiKey.objects.filter(user=kontakt_bergen).exists()


def test_admin_change_form_deactivation_deletes_keys(client, staff, kontakt_bergen, api_key_for):
    from mottak.admin.accounts import UserAdmin
    from mottak.models import User

    api_key_for(kontakt_bergen)
    kontakt_bergen.is_active = False
    request = Client().request().wsgi_request
    request.user = staff
    UserAdmin(User, None).save_model(request, kontakt_bergen, form=None, change=True)
    assert not ApiKey.objects.filter(user=kontakt_bergen).exists()


def test_api_token_command_prints_a_usable_key(kontakt_bergen, capsys):
    call_command("api_token", "kari")
    raw = capsys.readouterr().out.strip()
    assert re.fullmatch(r"[0-9a-f]{40}", raw)
    assert api(raw).get("/api/v1/deliveries/999/").status_code == 404


def test_bad_keys_are_throttled_per_ip_even_for_a_right_key(kontakt_bergen, settings):
    _key, raw = api_key_create(user=kontakt_bergen, name="x", now=timezone.now())
    for _ in range(10):
        assert api("feil").get("/api/v1/deliveries/999/").status_code == 401
    response = api("feil").get("/api/v1/deliveries/999/")
    assert response.status_code == 429
    assert "For mange forespørsler" in response.json()["error"]
    assert int(response["Retry-After"]) >= 1
    assert api(raw).get("/api/v1/deliveries/999/").status_code == 429  # guessing stops
    other_ip = APIClient(REMOTE_ADDR="10.0.0.9")
    other_ip.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert other_ip.get("/api/v1/deliveries/999/").status_code == 404


@pytest.mark.usefixtures("media_root")
def test_uploads_are_throttled_per_user_per_minute(kontakt_bergen, outsider, settings):
    from rest_framework.settings import api_settings

    rates = api_settings.DEFAULT_THROTTLE_RATES
    assert rates["upload"] == "30/min" and rates["bad_token"] == "10/min"
    _key, raw = api_key_create(user=kontakt_bergen, name="x", now=timezone.now())
    client = api(raw)
    for _ in range(30):  # refused for lack of a file, but counted
        assert client.post("/api/v1/deliveries/", {}).status_code == 400
    response = client.post("/api/v1/deliveries/", {})
    assert response.status_code == 429
    assert "Prøv igjen om" in response.json()["error"]
    _key, other = api_key_create(user=outsider, name="x", now=timezone.now())
    assert api(other).post("/api/v1/deliveries/", {}).status_code == 400  # per user


def test_key_use_is_remembered_and_shown(client, kontakt_bergen):
    key, raw = api_key_create(user=kontakt_bergen, name="x", now=timezone.now())
    assert api(raw).get("/api/v1/deliveries/999/").status_code == 404
    key.refresh_from_db()
    assert key.last_used_at is not None
    client.force_login(kontakt_bergen)
    assert "Sist brukt" in client.get(reverse("mottak:profile")).content.decode()


def test_user_created_in_admin_must_change_password_and_gets_mail(client, staff):
    from django.core import mail

    from mottak.models import User

    client.force_login(staff)
    client.post(
        reverse("admin:mottak_user_add"),
        {
            "username": "nye",
            "password1": "et-langt-passord-123",
            "password2": "et-langt-passord-123",
            "usable_password": "true",
        },
    )
    user = User.objects.get(username="nye")
    assert user.must_change_password is True
    assert mail.outbox == []  # no address yet: nothing to send


def test_throttles_let_requests_through_while_their_cache_is_down(kontakt_bergen, monkeypatch):
    """With CACHE_URL the counters are in Redis; a Redis outage must not refuse deliveries."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    from mottak import api_auth

    class DownCache:
        def get(self, *args, **kwargs):
            raise RedisConnectionError("Redis is down")

        set = get

    monkeypatch.setattr(api_auth.SimpleRateThrottle, "cache", DownCache())
    _key, raw = api_key_create(user=kontakt_bergen, name="x", now=timezone.now())
    # Refused for lack of a file (400), not by the throttle and not with a server error.
    assert api(raw).post("/api/v1/deliveries/", {}).status_code == 400
    assert api("wrong-key").get("/api/v1/deliveries/999/").status_code == 401
