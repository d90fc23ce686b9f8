"""The translation of docker-compose.yml's services to a host without containers.

The smoke test itself (tests/smoke/run.py) runs from .ci/run; these check, without starting
anything, that it runs compose's own commands with compose's environment.
"""

from pathlib import Path

import pytest

from tests.smoke.stack import (
    ComposeStack,
    Translation,
    dockerfile_collectstatic,
    interpolate,
    load_compose,
)


@pytest.fixture
def stack(tmp_path: Path) -> ComposeStack:
    return ComposeStack(
        Translation(
            workdir=tmp_path,
            postgres_url="postgres://postgres:pw@127.0.0.1:5433/",
            database="kostra_smoke_x",
            redis_port=6399,
            web_port=8149,
            variables={"SITE_URL": "http://127.0.0.1:8149"},
        )
    )


def test_runs_exactly_the_compose_commands(stack):
    compose = load_compose()["services"]
    assert stack.service("worker").command == compose["worker"]["command"]
    assert stack.service("scheduler").command == compose["scheduler"]["command"]
    web = stack.service("web").command
    assert web[0] == "gunicorn"
    assert len(web) == len(compose["web"]["command"])
    assert "127.0.0.1:8149" in web and not any("0.0.0.0" in arg for arg in web)


def test_service_hosts_point_at_the_runs_own_servers(stack):
    env = stack.service("worker").env
    assert env["DATABASE_URL"] == "postgres://postgres@127.0.0.1:5433/kostra_smoke_x"
    assert env["REDIS_URL"] == "redis://127.0.0.1:6399/0"
    assert env["SITE_URL"] == "http://127.0.0.1:8149"
    assert "DEBUG" not in env


def test_secrets_become_files_of_the_run(stack, tmp_path):
    env = stack.service("web").env
    assert Path(env["SECRET_KEY_FILE"]).parent == tmp_path / "secrets"
    assert len(Path(env["SECRET_KEY_FILE"]).read_text()) > 40
    assert Path(env["DATABASE_PASSWORD_FILE"]).read_text() == "pw"


def test_only_the_worker_gets_the_private_key_directory(stack):
    web, worker = stack.service("web"), stack.service("worker")
    assert "PRIVATE_KEYS_DIR" not in web.env
    assert "/keys/private" not in web.mounts
    assert Path(worker.env["PRIVATE_KEYS_DIR"]) == worker.mounts["/keys/private"]
    assert web.mounts["/keys/public"] == worker.mounts["/keys/public"]
    assert web.env["MEDIA_ROOT"] == worker.env["MEDIA_ROOT"]


def test_no_variable_of_the_calling_shell_reaches_a_service(stack, monkeypatch):
    monkeypatch.setenv("DEBUG", "true")
    monkeypatch.setenv("PRIVATE_KEYS_DIR", "/somewhere")
    env = stack.service("web").env
    assert "DEBUG" not in env and "PRIVATE_KEYS_DIR" not in env


def test_private_key_scan_finds_a_key_in_a_mounted_directory(stack):
    spec = stack.service("web")
    key = spec.mounts["/keys/public"] / "stray.pem"
    key.write_bytes(b"-----BEGIN PRIVATE KEY-----\nMII...\n")
    stack.settings_of = lambda name, *names: {"PRIVATE_KEYS_DIR": "/nonexistent"}
    assert stack.private_keys_readable_by("web") == [key]


def test_interpolation_takes_given_variables_then_defaults():
    assert interpolate("${A:-x}-${B:-y}", {"A": "1"}) == "1-y"
    assert interpolate("${C}", {}) == ""


def test_dockerfile_collectstatic_step_must_succeed():
    env, command = dockerfile_collectstatic()
    assert command[:3] == ["python", "manage.py", "collectstatic"]
    assert env["SECRET_KEY"] == "build-only"
    dockerfile = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text()
    assert "|| true" not in dockerfile


def test_keys_and_secrets_stay_out_of_the_image():
    lines = (Path(__file__).resolve().parents[2] / ".dockerignore").read_text().split()
    ignored = {line.rstrip("/") for line in lines}
    assert {"keys", "secrets", "var", ".venv"} <= ignored
