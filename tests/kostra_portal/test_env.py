import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from kostra_portal.env import envbool, envint, envlist, envsecret


def test_envbool_reads_true_and_false(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert envbool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert envbool("FLAG", True) is False


def test_envbool_rejects_garbage(monkeypatch):
    monkeypatch.setenv("FLAG", "kanskje")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        envbool("FLAG", False)


def test_envint_rejects_non_integer(monkeypatch):
    monkeypatch.setenv("N", "ti")
    with pytest.raises(ImproperlyConfigured, match="N must be an integer"):
        envint("N", 1)
    monkeypatch.setenv("N", "10")
    assert envint("N", 1) == 10


def test_envlist_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.test, b.test,,")
    assert envlist("HOSTS", []) == ["a.test", "b.test"]


def test_envsecret_prefers_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    monkeypatch.setenv("TOKEN", "from-env")
    monkeypatch.setenv("TOKEN_FILE", str(secret))
    assert envsecret("TOKEN") == "from-file"


def test_envsecret_missing_file_fails_loudly(monkeypatch, tmp_path):
    monkeypatch.setenv("TOKEN_FILE", str(tmp_path / "nope"))
    with pytest.raises(ImproperlyConfigured, match="TOKEN_FILE"):
        envsecret("TOKEN")


def test_envfile_gives_defaults_and_the_environment_wins(monkeypatch, tmp_path):
    from kostra_portal.env import envfile_load

    path = tmp_path / "local.env"
    path.write_text("# written by make setup\n\nKOSTRA_T_A=true\nKOSTRA_T_B = x=y \n")
    monkeypatch.setenv("KOSTRA_T_B", "from the environment")
    monkeypatch.delenv("KOSTRA_T_A", raising=False)
    assert envfile_load(path) == ["KOSTRA_T_A"]
    assert os.environ["KOSTRA_T_A"] == "true"
    assert os.environ["KOSTRA_T_B"] == "from the environment"
    monkeypatch.delenv("KOSTRA_T_A")


def test_envfile_missing_sets_nothing_and_garbage_is_refused(tmp_path):
    from kostra_portal.env import envfile_load

    assert envfile_load(tmp_path / "absent.env") == []
    (tmp_path / "bad.env").write_text("DEBUG true\n")
    with pytest.raises(ImproperlyConfigured, match="bad.env:1"):
        envfile_load(tmp_path / "bad.env")
