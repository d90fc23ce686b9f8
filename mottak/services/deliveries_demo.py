"""Demo deliveries for a local portal (2020): Bergen accepted with warnings, Oslo rejected.

Only run by `manage.py demo_data` on a development machine. The files are synthetic
(kontroll.samples), encrypted like a municipality would, and controlled by the real control
program; this command runs where the private key is (a local machine), unlike the web process.
"""

from dataclasses import dataclass
from datetime import datetime

from mottak.models import Delivery, User
from mottak.services.deliveries import submission_create, submission_run_control
from mottak.services.keys import public_keys_list, rsa_public_key_load


@dataclass(frozen=True)
class DemoDelivery:
    username: str
    kommune_nr: str
    skjema: str
    mode: str  # "warnings" or "errors"


DEMO_DELIVERIES = [
    DemoDelivery("demo-4601", "4601", "11F", "warnings"),
    DemoDelivery("demo-0301", "0301", "11F", "errors"),
]


def _demo_file(item: DemoDelivery) -> bytes:
    from kontroll import samples

    if item.mode == "errors":
        return samples.generate_file(
            item.skjema, 2020, item.kommune_nr, n=120, seed=20, mode="random"
        )
    records = samples.generate_records(item.skjema, 2020, item.kommune_nr, n=120, seed=21)
    # A few implausible contributions (rule 036 warns): accepted, with warnings.
    for index in (3, 40, 77):
        records[index] = samples.set_field(records[index], item.skjema, 2020, "BIDRAG", "9")
    return samples.encode_file(records)


def deliveries_demo_create(*, now: datetime) -> list[Delivery]:
    """Create and control the demo deliveries that do not exist yet; idempotent.

    Needs the portal's key pair (both halves: this runs on a developer's machine)."""
    from io import BytesIO

    from krypter.kostra_krypter import encrypt

    current = next((k for k in public_keys_list() if k.current), None)
    if current is None:
        return []  # no key pair yet: `manage.py dev_keys` (make run does it first)
    public_key = rsa_public_key_load(current.pem.encode("ascii"))
    created = []
    for item in DEMO_DELIVERIES:
        user = User.objects.filter(username=item.username).first()
        if user is None:
            continue
        if Delivery.objects.filter(
            uploaded_by=user, kommune_nr=item.kommune_nr, skjema=item.skjema, aar=2020
        ).exists():
            continue
        data = encrypt(
            _demo_file(item), public_key, skjema=item.skjema, aar=2020, kommune=item.kommune_nr
        )
        delivery = submission_create(
            user=user,
            kommune_nr=item.kommune_nr,
            skjema=item.skjema,
            aar=2020,
            file=BytesIO(data),
            enqueue=False,
            now=now,
        )
        submission_run_control(delivery_id=delivery.pk, now=now)
        delivery.refresh_from_db()
        created.append(delivery)
    return created
