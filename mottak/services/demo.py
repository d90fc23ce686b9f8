"""Demo data for a local portal: accounts a newcomer can log in with.

Only ever run by `make run` / `manage.py demo_data` on a development machine.
"""

from dataclasses import dataclass

from django.db import transaction

from mottak.models import Role, User

DEMO_PASSWORD = "kostra-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    description: str


DEMO_ACCOUNTS = [
    DemoAccount("demo-4601", "KOSTRA-kontakt, Bergen (4601)"),
    DemoAccount("demo-0301", "KOSTRA-kontakt, Oslo (0301)"),
    DemoAccount("demo-ssb", "SSB-ansatt (admin)"),
]


@transaction.atomic
def demo_accounts_create(*, password: str = DEMO_PASSWORD) -> list[DemoAccount]:
    """Create (or reset) the demo accounts; idempotent."""
    for nr, name in (("4601", "Bergen"), ("0301", "Oslo")):
        user, _ = User.objects.get_or_create(username=f"demo-{nr}")
        user.kommune_nr = nr
        user.role = Role.KOSTRA_KONTAKT
        user.first_name = "Demo"
        user.last_name = f"KOSTRA-kontakt {name}"
        user.email = f"demo-{nr}@kommune.test"
        user.is_staff = False
        user.set_password(password)
        user.save()
    staff, _ = User.objects.get_or_create(username="demo-ssb")
    staff.is_staff = True
    staff.is_superuser = True
    staff.first_name = "Demo"
    staff.last_name = "SSB"
    staff.email = "demo-ssb@ssb.test"
    staff.set_password(password)
    staff.save()
    return DEMO_ACCOUNTS
