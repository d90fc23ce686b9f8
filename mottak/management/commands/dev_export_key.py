from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mottak.services.keys import key_pair_generate


class Command(BaseCommand):
    help = (
        "Development only: create a staff export key pair unless one exists, the public key "
        "in EXPORT_KEYS_DIR and the private key in VAR_DIR/keys/export-private."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Generate another key pair.")

    def handle(self, *args, force: bool = False, **options):
        # In production the private key never exists on the portal's machines (see README).
        if not settings.DEBUG:
            raise CommandError("dev_export_key is for development (DEBUG=true) only.")
        public_dir = settings.EXPORT_KEYS_DIR
        existing = sorted(public_dir.glob("*.pem")) if public_dir.exists() else []
        if existing and not force:
            self.stdout.write(f"Export key already present: {existing[-1].name}")
            return
        private_dir = settings.VAR_DIR / "keys" / "export-private"
        key_id = key_pair_generate(public_dir=public_dir, private_dir=private_dir)
        self.stdout.write(
            f"Generated export key {key_id}; private key in {private_dir} (development only)."
        )
