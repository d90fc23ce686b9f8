from django.core.management.base import BaseCommand

from mottak.services.demo import DEMO_PASSWORD, demo_accounts_create


class Command(BaseCommand):
    help = "Create the demo accounts (and demo data) for a local portal. Idempotent."

    def handle(self, *args, **options):
        accounts = demo_accounts_create()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<12} {account.description}")
