"""Run the control program on a plaintext file, as SSB's own program does.

A thin wrapper around the standalone checker :mod:`kontroll.cli` (``python -m kontroll``):
the same options, JSON and exit codes, and the same ``kontroll.run_control`` the worker uses,
so the portal, this command and the downloadable checker can never disagree. Exit code 0 when
the file is accepted, 1 when not, 2 on a usage error.
"""

import sys

from django.core.management.base import BaseCommand

from kontroll import cli


class Command(BaseCommand):
    help = "Kontroller en KOSTRA-fil (11F eller 11CF) for et statistikkår og en kommune."

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        sys.exit(cli.run(options, stdout=self.stdout, stderr=self.stderr))

    def run_from_argv(self, argv):
        # `manage.py kontroll eksempel ...` writes a sample file, as `python -m kontroll eksempel`.
        if argv[2:3] == ["eksempel"]:
            sys.exit(cli.main(argv[2:]))
        super().run_from_argv(argv)
