from django.core.management.base import BaseCommand
from django.utils import timezone

from mottak.services.calendar import calendar_demo_create
from mottak.services.demo import DEMO_PASSWORD, demo_accounts_create
from mottak.services.ssb_demo import ssb_demo_deliveries_create


class Command(BaseCommand):
    help = "Create the demo accounts (and demo data) for a local portal. Idempotent."

    def handle(self, *args, **options):
        accounts = demo_accounts_create()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<12} {account.description}")
        calendar = calendar_demo_create(now=timezone.now())
        self.stdout.write(
            "Reporting rounds 2020, 2021, 2026; 2020 kept open for 4601 and 0301 for a year "
            f"({calendar['contacts']} new contact addresses)."
        )
        demo = ssb_demo_deliveries_create(now=timezone.now())
        self.stdout.write(
            f"Demo deliveries for 2020 (SSB overview): {demo['deliveries']} new "
            "(existing ones are kept)."
        )
        from mottak.services.deliveries_demo import deliveries_demo_create

        deliveries = deliveries_demo_create(now=timezone.now())
        self.stdout.write(
            "Demo deliveries for 2020: "
            + (", ".join(f"{d.receipt} {d.verdict}" for d in deliveries) or "already present")
        )
