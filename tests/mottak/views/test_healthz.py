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
