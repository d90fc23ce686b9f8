"""Production-mode smoke test: docker-compose.yml's processes, outside Docker, one delivery.

    .venv/bin/python -m tests.smoke.run            # run by .ci/run after the test suite

Steps (see tests/smoke/stack.py for how compose's services are translated to this host):
1. a fresh PostgreSQL database and a redis-server (compose's `redis` command) of the run's own;
2. a key pair made as an operator would (`manage.py dev_keys`, private half only in the
   worker's key directory); the Dockerfile's collectstatic step (must succeed);
3. compose's `migrate` command; a kommune account, the 2020 round with an exception keeping it
   open, and its API token (`manage.py api_token`);
4. check that no private key is readable by `web` (its mounts, paths and settings);
5. start `web` (gunicorn, DEBUG off), `worker` and `scheduler` with compose's commands;
6. encrypt a sample 11F file with krypter/kostra_krypter.py against the portal's key endpoint,
   post it to the API and poll its status_url until a verdict; it must be "accepted";
7. check every process still runs; always stop them, drop the database and remove the files.

Fails (exit 1) with a clear message and the log of every process when any step breaks.
Environment: SMOKE_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/),
SMOKE_WEB_PORT and SMOKE_REDIS_PORT (default: free ports), SMOKE_DB_PREFIX (default
kostra_smoke), SMOKE_TIMEOUT (seconds to wait for the verdict, default 60).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.smoke.proxy import proxy_start
from tests.smoke.stack import (
    ROOT,
    ComposeStack,
    StackError,
    Translation,
    dockerfile_env,
    free_port,
    stop_on_signals,
    workdir,
)

FINAL_STATES = ("accepted", "rejected", "failed")
KOMMUNE = "4601"
AAR = 2020

BOOTSTRAP = """
from datetime import timedelta
from django.utils import timezone
from mottak.models import Role, User
from mottak.services.calendar import (
    deadline_exception_grant, reporting_round_create_standard, round_get,
)
now = timezone.now()
if round_get(aar={aar}) is None:
    reporting_round_create_standard(aar={aar})
for skjema in ("11F", "11CF"):
    deadline_exception_grant(kommune_nr="{kommune}", skjema=skjema, aar={aar},
        expires_at=now + timedelta(days=1), reason="smoke test", granted_by=None, now=now)
for username in {usernames!r}:
    User.objects.get_or_create(username=username,
        defaults=dict(kommune_nr="{kommune}", role=Role.KOSTRA_KONTAKT))
"""


def translation(prefix: str) -> Translation:
    # Clients talk to the stand-in TLS proxy (tests/smoke/proxy.py), which forwards to web.
    proxy_port = int(os.environ.get("SMOKE_WEB_PORT") or free_port())
    web_port = free_port()
    return Translation(
        workdir=workdir(f"{prefix}-"),
        postgres_url=os.environ.get("SMOKE_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/"),
        database=f"{os.environ.get('SMOKE_DB_PREFIX', 'kostra_smoke')}_{uuid.uuid4().hex[:8]}",
        redis_port=int(os.environ.get("SMOKE_REDIS_PORT") or free_port()),
        web_port=web_port,
        variables={
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{proxy_port}",
            "EMAIL_HOST": "127.0.0.1",
        },
    )


def step(message: str) -> None:
    print(f"[smoke] {message}", flush=True)


def prepare(stack: ComposeStack, *, usernames: list[str]) -> dict[str, str]:
    """Database, Redis, keys, static files, migrations, accounts. Returns username -> token."""
    step(f"database {stack.t.database}, redis-server on 127.0.0.1:{stack.t.redis_port}")
    stack.database_create()
    stack.redis_start()
    stack.run("worker", ["python", "manage.py", "dev_keys"])
    build_env, command = _collectstatic()
    step("collectstatic (the Dockerfile's build step)")
    # A build sees only the Dockerfile's ENV and the step's own variables, no compose ones.
    base = stack.service("web").env
    env = {k: base[k] for k in ("PATH", "HOME", "LANG", "VAR_DIR")}
    env |= dockerfile_env() | build_env | {"STATIC_ROOT": str(stack.t.static_root)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    if done.returncode != 0:
        raise StackError("collectstatic failed:\n" + done.stderr.decode(errors="replace"))
    step("migrate (compose's migrate service)")
    stack.run("migrate", timeout=300)
    code = BOOTSTRAP.format(aar=AAR, kommune=KOMMUNE, usernames=usernames)
    stack.run("web", ["python", "manage.py", "shell", "-c", code])
    return {
        name: stack.run("web", ["python", "manage.py", "api_token", name]).strip()
        for name in usernames
    }


def _collectstatic() -> tuple[dict[str, str], list[str]]:
    from tests.smoke.stack import dockerfile_collectstatic

    env, command = dockerfile_collectstatic()
    if "DATABASE_URL" in env and env["DATABASE_URL"].startswith("sqlite:"):
        env["DATABASE_URL"] = "sqlite:///:memory:"
    return env, command


def check_web_has_no_private_key(stack: ComposeStack) -> None:
    found = stack.private_keys_readable_by("web")
    if found:
        raise StackError(f"web can read private keys: {', '.join(map(str, found))}")
    if "PRIVATE_KEYS_DIR" not in stack.service("worker").env:
        raise StackError("the worker is not given PRIVATE_KEYS_DIR")
    for name in ("web", "worker", "scheduler"):
        debug = stack.settings_of(name, "DEBUG")["DEBUG"]
        if debug != "False":
            raise StackError(f"{name} runs with DEBUG={debug}")
    step("web is given no private key; the worker is; DEBUG is off everywhere")


def start_services(stack: ComposeStack, *, workers: int = 1) -> dict[str, list]:
    procs = {"web": [stack.start("web")], "worker": [], "scheduler": [stack.start("scheduler")]}
    for i in range(workers):
        procs["worker"].append(stack.start("worker", instance=i + 1))
    base = stack.t.variables["SITE_URL"]
    proxy_start(listen_port=urlsplit(base).port or 80, upstream_port=stack.t.web_port)
    deadline = time.monotonic() + 60
    while True:
        for group in procs.values():
            for proc in group:
                if proc.popen.poll() is not None:
                    raise StackError(f"{proc.name} exited with {proc.popen.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/api/v1/keys/", timeout=5) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise StackError("web did not answer /api/v1/keys/ within 60 s")
        time.sleep(0.3)
    step(f"web, {workers} worker(s) and scheduler running; portal on {base}")
    return procs


def encrypt_with_krypter(stack: ComposeStack, plaintext: bytes, *, skjema: str = "11F") -> bytes:
    """kostra_krypter.py as a kommune runs it, against the portal's key endpoint."""
    folder = stack.t.workdir / "krypter"
    folder.mkdir(exist_ok=True)
    source, target = folder / "uttrekk.txt", folder / "uttrekk.kostra"
    source.write_bytes(plaintext)  # synthetic records only
    try:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "krypter" / "kostra_krypter.py"),
                "--key",
                f"{stack.t.variables['SITE_URL']}/api/v1/keys/",
                "--skjema",
                skjema,
                "--aar",
                str(AAR),
                "--kommune",
                KOMMUNE,
                str(source),
                str(target),
            ],
            check=True,
            capture_output=True,
        )
        return target.read_bytes()
    except subprocess.CalledProcessError as err:
        raise StackError(
            "kostra_krypter.py failed: " + err.stderr.decode(errors="replace")
        ) from err
    finally:
        source.unlink(missing_ok=True)


def post_delivery(base: str, token: str, envelope: bytes, *, skjema: str = "11F") -> dict:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in (("skjema", skjema), ("aar", str(AAR))):
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    body = (
        "".join(parts).encode()
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="uttrekk.kostra"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
    )
    body += envelope + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        f"{base}/api/v1/deliveries/",
        data=body,
        method="POST",
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = json.loads(response.read())
            status = response.status
    except urllib.error.HTTPError as err:
        raise StackError(f"POST /api/v1/deliveries/ -> {err.code}: {err.read()[:500]!r}") from err
    if status != 202 or "status_url" not in payload:
        raise StackError(f"POST /api/v1/deliveries/ -> {status}: {payload}")
    return payload


def get_status(url: str, token: str) -> dict:
    # The portal names https URLs (the proxy said TLS); the loopback stand-in speaks http.
    url = url.replace("https://", "http://", 1)
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def wait_for_verdict(url: str, token: str, *, timeout: float, procs: dict) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        status = get_status(url, token)
        if status["state"] in FINAL_STATES:
            return status
        for group in procs.values():
            for proc in group:
                if proc.popen.poll() is not None:
                    raise StackError(f"{proc.name} exited with {proc.popen.returncode}")
        if time.monotonic() > deadline:
            raise StackError(f"no verdict within {timeout:.0f} s; last status {status['state']}")
        time.sleep(0.5)


def smoke(stack: ComposeStack, *, timeout: float) -> None:
    from kontroll.samples import generate_file

    tokens = prepare(stack, usernames=["smoke-4601"])
    check_web_has_no_private_key(stack)
    procs = start_services(stack)
    envelope = encrypt_with_krypter(stack, generate_file("11F", AAR, KOMMUNE, n=200, seed=1))
    receipt = post_delivery(stack.t.variables["SITE_URL"], tokens["smoke-4601"], envelope)
    step(f"delivered {receipt['receipt']}; polling {receipt['status_url']}")
    status = wait_for_verdict(
        receipt["status_url"], tokens["smoke-4601"], timeout=timeout, procs=procs
    )
    if status["state"] != "accepted":
        raise StackError(f"a valid sample file got {status['state']}: {status.get('message')}")
    step(f"verdict: {status['state']} ({status['summary'].get('records')} records)")
    for group in procs.values():
        for proc in group:
            if proc.popen.poll() is not None:
                raise StackError(f"{proc.name} exited with {proc.popen.returncode}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("SMOKE_TIMEOUT", 60)))
    parser.add_argument("--keep", action="store_true", help="keep the run's files (logs)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    stop_on_signals(budget_seconds=300 + args.timeout)  # the smoke itself takes about 20 s
    stack = ComposeStack(translation("kostra-smoke"))
    ok = False
    try:
        smoke(stack, timeout=args.timeout)
        ok = True
    except (StackError, OSError, subprocess.SubprocessError) as err:
        print(f"[smoke] FAILED: {err}", file=sys.stderr)
    except KeyboardInterrupt:
        print("[smoke] interrupted", file=sys.stderr)
    finally:
        stack.close()
        if not ok:
            print(stack.logs(), file=sys.stderr)
        if not args.keep:
            shutil.rmtree(stack.t.workdir, ignore_errors=True)
    elapsed = time.monotonic() - started
    step(f"{'passed' if ok else 'FAILED'} in {elapsed:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
