"""No Docker engine runs here, so the deployment files are checked by reading them."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _volume_targets(service):
    return [str(v).split(":")[1] for v in service.get("volumes", [])]


def test_compose_has_the_production_services():
    services = _compose()["services"]
    assert {"postgres", "redis", "web", "worker", "scheduler"} <= set(services)


def test_postgres_keeps_its_data_in_a_volume():
    compose = _compose()
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    assert "pgdata" in compose["volumes"]


def test_redis_persists_queued_jobs_with_aof():
    command = _compose()["services"]["redis"]["command"]
    assert "--appendonly" in command
    assert command[command.index("--appendonly") + 1] == "yes"


def test_private_key_is_mounted_into_the_worker_only():
    services = _compose()["services"]
    for name, service in services.items():
        private_mounted = "/keys/private" in _volume_targets(service)
        assert private_mounted == (name == "worker"), name
        env = service.get("environment", {})
        assert ("PRIVATE_KEYS_DIR" in env) == (name == "worker"), name


def test_commands_of_web_worker_and_scheduler():
    services = _compose()["services"]
    assert services["web"]["command"][0] == "gunicorn"
    assert "kostra_portal.wsgi:application" in services["web"]["command"]
    # One worker service scaled to N does every job, deliveries first, and outlives a Redis
    # restart (run_worker); the scheduler enqueues each periodic job once per period.
    assert services["worker"]["command"] == [
        "python", "manage.py", "run_worker", "deliveries", "periodic", "bulk", "default"
    ]  # fmt: skip
    assert "replicas" not in services["worker"].get("deploy", {}), "scale with --scale worker=N"
    assert services["worker"].get("container_name") is None, "a fixed name prevents scaling"
    assert services["scheduler"]["command"] == ["python", "manage.py", "run_scheduler"]
    for name in ("web", "worker", "scheduler"):
        assert services[name]["restart"] == "unless-stopped", name


def test_make_run_starts_the_same_worker_and_scheduler():
    procs = dict(
        line.split(": ", 1) for line in (ROOT / "Procfile.dev").read_text().splitlines() if line
    )
    assert "manage.py run_worker deliveries periodic bulk default" in procs["worker"]
    assert "manage.py run_scheduler" in procs["scheduler"]


def test_secrets_come_from_files_not_inline_values():
    compose = _compose()
    env = compose["services"]["web"]["environment"]
    assert env["SECRET_KEY_FILE"].startswith("/run/secrets/")
    assert "SECRET_KEY" not in env
    assert compose["secrets"]["secret_key"]["file"].startswith("./secrets/")


def test_static_files_are_served_by_whitenoise():
    from django.conf import settings

    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
    assert "collectstatic" in (ROOT / "Dockerfile").read_text()


def test_web_serves_the_exports_the_worker_writes():
    services = _compose()["services"]
    env = _compose()["x-app"]["environment"]
    export_dir = env["EXPORT_DIR"]
    assert f"exports:{export_dir}" in services["worker"]["volumes"]
    assert f"exports:{export_dir}:ro" in services["web"]["volumes"]
    assert services["worker"]["environment"]["EXPORT_KEYS_DIR"] in _volume_targets(
        services["worker"]
    )


def test_named_volumes_are_writable_by_the_image_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for target in ("/data/media", "/data/exports"):
        assert target in dockerfile.split("chown kostra:kostra", 1)[1].splitlines()[0]
