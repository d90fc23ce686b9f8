from django.core.management.base import BaseCommand

from mottak.services.keys import key_pair_generate, public_key_ids


class Command(BaseCommand):
    help = "Create a local development key pair unless one exists (use --force for another)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Generate a new key pair anyway.")

    def handle(self, *args, force: bool = False, **options):
        existing = public_key_ids()
        if existing and not force:
            self.stdout.write(f"Key pair already present: {', '.join(existing)}")
            return
        key_id = key_pair_generate()
        self.stdout.write(f"Generated key pair {key_id}.")
