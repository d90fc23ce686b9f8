"""Reference data: kommuner and bydeler, loaded from the copies in kontroll/data/."""

import csv
from pathlib import Path

from django.db import transaction

from mottak.models import Bydel, Kommune

DATA_DIR = Path(__file__).resolve().parents[2] / "kontroll" / "data"


@transaction.atomic
def reference_data_load(*, data_dir: Path = DATA_DIR) -> tuple[int, int]:
    """Create or update every kommune row and bydel; return (kommuner, bydeler) counts.

    Idempotent: rows are matched on (nummer, gyldig_fra) and bydel nummer.
    """
    kommuner = 0
    with (data_dir / "kommuner.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            Kommune.objects.update_or_create(
                nummer=row["kommunenummer"],
                gyldig_fra=int(row["gyldig_fra"]),
                defaults={
                    "navn": row["navn"],
                    "fylke": row["fylke"],
                    "orgnr": row["orgnr"],
                    "gyldig_til": int(row["gyldig_til"]) if row["gyldig_til"] else None,
                },
            )
            kommuner += 1
    bydeler = 0
    with (data_dir / "oslo_bydeler.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            Bydel.objects.update_or_create(nummer=row["bydel"], defaults={"navn": row["navn"]})
            bydeler += 1
    return kommuner, bydeler


def kommune_get(*, nummer: str, aar: int) -> Kommune | None:
    return Kommune.objects.valid_in(aar).filter(nummer=nummer).first()
