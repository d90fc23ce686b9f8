"""Peak memory of the web process while it takes in a 50 MB envelope. Run by hand; prints figures.

    .venv/bin/python bench/upload_memory_bench.py               # 50 MB envelope, port 8101
    .venv/bin/python bench/upload_memory_bench.py --mb 20 --port 8101

Sets up a throw-away portal (SQLite and keys in a temporary VAR_DIR, DEBUG on, no Redis: the
control job cannot be queued, which the upload tolerates), starts gunicorn with one sync
worker on 127.0.0.1, encrypts a file of random bytes with kostra_krypter and streams it to
POST /api/v1/deliveries/ (check only) from this process. It prints the worker's peak resident
set size (VmHWM in /proc) after a warm-up request and after the upload: the difference is what
the upload costs. A web process that reads the whole file and slices copies grows by several
times the file's size; one that streams grows by little more than a chunk.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout


def _hwm_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def _worker_pid(master: int) -> int:
    for _ in range(200):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def _wait_ready(port: int) -> None:
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/v1/keys/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the portal did not start")


def _post_streamed(port: int, token: str, path: Path) -> tuple[int, dict]:
    boundary = uuid.uuid4().hex
    fields = {"skjema": "11F", "aar": "2020", "check_only": "1"}
    head = (
        b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        )
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.kostra"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
    )
    tail = f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.putrequest("POST", "/api/v1/deliveries/")
    conn.putheader("Authorization", f"Token {token}")
    conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    conn.putheader("Content-Length", str(len(head) + path.stat().st_size + len(tail)))
    conn.endheaders()
    conn.send(head)
    with path.open("rb") as fh:
        while chunk := fh.read(256 * 1024):
            conn.send(chunk)
    conn.send(tail)
    response = conn.getresponse()
    return response.status, json.loads(response.read() or b"{}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50, help="envelope size in MiB (default 50)")
    parser.add_argument("--port", type=int, default=8101)
    args = parser.parse_args()

    from krypter import kostra_krypter

    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp)
        env = {**os.environ, "DEBUG": "true", "VAR_DIR": str(var), "AXES_ENABLED": "false"}
        env.pop("DATABASE_URL", None)
        env["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens: enqueue fails quietly
        _manage(env, "migrate", "--noinput")
        _manage(env, "dev_keys")
        _manage(env, "shell", "-c", (
            "from mottak.models import User; "
            "User.objects.create_user('bench', password='x', kommune_nr='4601', role='kontakt')"
        ))  # fmt: skip
        token = _manage(env, "api_token", "bench").strip()
        pem = next((var / "keys" / "public").glob("*.pem"))
        public_key = kostra_krypter.load_public_key(str(pem))
        size = args.mb * 1024 * 1024 - 2048  # envelope just under the limit
        plaintext = os.urandom(size)
        sealed = kostra_krypter.encrypt(plaintext, public_key, skjema="11F", aar=2020,
                                        kommune="4601")  # fmt: skip
        del plaintext
        path = var / "upload.kostra"
        path.write_bytes(sealed)
        del sealed

        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "kostra_portal.wsgi:application",
             "--bind", f"127.0.0.1:{args.port}", "--workers", "1", "--timeout", "600"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_ready(args.port)
            worker = _worker_pid(server.pid)
            before = _hwm_kib(worker)
            started = time.perf_counter()
            status, reply = _post_streamed(args.port, token, path)
            seconds = time.perf_counter() - started
            after = _hwm_kib(worker)
        finally:
            server.terminate()
            server.wait(timeout=30)
    envelope_mib = path.stat().st_size / 2**20 if path.exists() else size / 2**20
    print(f"envelope:               {envelope_mib:.1f} MiB")
    print(f"answer:                 HTTP {status} {reply}")
    print(f"upload time:            {seconds:.2f} s")
    print(f"web worker peak before: {before / 1024:.1f} MiB")
    print(f"web worker peak after:  {after / 1024:.1f} MiB")
    print(f"growth:                 {(after - before) / 1024:.1f} MiB")
    return 0 if status == 202 else 1


if __name__ == "__main__":
    raise SystemExit(main())
