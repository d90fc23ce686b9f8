from django.core.management.base import BaseCommand

from mottak.services.reference import reference_data_load


class Command(BaseCommand):
    help = "Load kommuner (2020-2026) and Oslo's bydeler into the database (idempotent)."

    def handle(self, *args, **options):
        kommuner, bydeler = reference_data_load()
        self.stdout.write(f"Loaded {kommuner} kommune rows and {bydeler} bydeler.")
