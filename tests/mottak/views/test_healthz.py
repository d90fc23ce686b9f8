import pytest
from redis.exceptions import ConnectionError as RedisConnectionError


@pytest.mark.django_db
def test_healthz_is_ok_when_database_and_redis_answer(client, redis_conn):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["redis"]["ok"] is True


@pytest.mark.django_db
def test_healthz_is_503_with_clear_body_when_redis_is_down(client, monkeypatch):
    class DeadRedis:
        def ping(self):
            raise RedisConnectionError("Connection refused")

    monkeypatch.setattr("mottak.services.health.get_redis", lambda: DeadRedis())
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["redis"] == {"ok": False, "error": "ConnectionError"}
    assert body["database"]["ok"] is True
    assert "svarer ikke" in body["message"]


@pytest.mark.django_db
def test_healthz_is_503_when_redis_server_is_unreachable(client, settings):
    # A real connection attempt to a socket nobody listens on, not a mock.
    import django_rq

    original = settings.RQ_QUEUES["default"]["URL"]
    settings.RQ_QUEUES["default"]["URL"] = "unix:///nonexistent/redis.sock"
    try:
        response = client.get("/healthz")
    finally:
        settings.RQ_QUEUES["default"]["URL"] = original
        django_rq.get_connection("default")
    assert response.status_code == 503
    assert response.json()["redis"]["ok"] is False


REMOTE = {"REMOTE_ADDR": "203.0.113.5"}


@pytest.mark.django_db
def test_anonymous_remote_caller_gets_only_the_status(client, redis_conn):
    response = client.get("/healthz", **REMOTE)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_anonymous_remote_caller_gets_status_and_message_when_down(client, monkeypatch):
    class DeadRedis:
        def ping(self):
            raise RedisConnectionError("Connection refused")

    monkeypatch.setattr("mottak.services.health.get_redis", lambda: DeadRedis())
    response = client.get("/healthz", **REMOTE)
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "message": "En eller flere tjenester svarer ikke.",
    }


@pytest.mark.django_db
def test_local_request_relayed_by_a_proxy_gets_only_the_status(client, redis_conn):
    response = client.get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_staff_get_details_from_anywhere(client, staff, redis_conn):
    client.force_login(staff)
    body = client.get("/healthz", **REMOTE).json()
    assert body["database"]["ok"] is True and "redis" in body


@pytest.mark.django_db
def test_kommune_user_gets_only_the_status(client, kontakt_bergen, redis_conn):
    client.force_login(kontakt_bergen)
    assert client.get("/healthz", **REMOTE).json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("addr", ["127.0.0.1", "::1"])
def test_local_probe_gets_details(client, redis_conn, addr):
    body = client.get("/healthz", REMOTE_ADDR=addr).json()
    assert body["status"] == "ok" and body["redis"]["ok"] is True
