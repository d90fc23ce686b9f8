"""Server time of SSB's staff pages for a full round. Run by hand; prints figures.

    .venv/bin/python bench/ssb_pages_bench.py                  # 2,000 deliveries, SQLite
    .venv/bin/python bench/ssb_pages_bench.py --deliveries 4000 --runs 5
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kostra_ssb .venv/bin/python \
        bench/ssb_pages_bench.py                               # an empty PostgreSQL database

Builds the 2020 round in a fresh database (a temporary SQLite file unless DATABASE_URL is
set; the database is flushed first, so never point it at data you keep): every kommune valid
in 2020 (356), `--deliveries` deliveries of 11F and 11CF spread over them in every verdict
(accepted, with warnings, rejected with findings, replacements, late ones, a few pending),
declared parts for Oslo, e-form receipts for 7, 7B and 12 and NAV figures. Then requests
each staff page through Django's test client as a staff user and prints the median and
worst server time and the number of SQL queries. The target is under 0.5 s per page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
OSLO = ZoneInfo("Europe/Oslo")


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DEBUG", "true")
    if not os.environ.get("DATABASE_URL") and not os.environ.get("VAR_DIR"):
        os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="kostra-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kostra_portal.settings")
    import django

    django.setup()


def _build(n_deliveries: int) -> None:
    from django.core.management import call_command

    from mottak.models import (
        DeclaredPart,
        Delivery,
        Finding,
        Kommune,
        NavCount,
        NavImport,
        ObligationMark,
        Report,
        User,
    )
    from mottak.services.calendar import reporting_round_create_standard
    from mottak.services.reference import reference_data_load

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    reference_data_load()
    reporting_round_create_standard(aar=2020)
    staff = User.objects.create_user("bench-ssb", password="x", is_staff=True)
    numbers = list(
        Kommune.objects.valid_in(2020).order_by("nummer").values_list("nummer", flat=True)
    )
    start = datetime(2021, 1, 5, 9, tzinfo=OSLO)
    deliveries, verdicts = [], []
    for i in range(n_deliveries):
        nr = numbers[i % len(numbers)]
        skjema = "11F" if (i // len(numbers)) % 2 == 0 else "11CF"
        state = ("accepted", "accepted", "rejected", "accepted", "received")[i % 5]
        at = start + timedelta(hours=(i * 7) % (24 * 20))
        deliveries.append(
            Delivery(
                kommune_nr=nr,
                skjema=skjema,
                aar=2020,
                part="nav" if nr == "0301" and skjema == "11F" else "",
                state=state,
                state_changed_at=at,
                ciphertext=f"bench/{i}.kostra",
                sha256=f"{i:064d}",
                size=1000,
                key_id="bench",
                receipt=f"K2020-{nr}-B{i:06d}",
                received_at=at,
                accepted={"accepted": True, "rejected": False}.get(state),
                with_warnings=i % 3 == 0,
                records=50 + i % 400,
            )
        )
        verdicts.append(state)
    Delivery.objects.bulk_create(deliveries, batch_size=500)
    reports = [
        Report(delivery=d, created_at=d.received_at, accepted=d.accepted, records=d.records)
        for d in Delivery.objects.filter(state__in=["accepted", "rejected"])
    ]
    Report.objects.bulk_create(reports, batch_size=500)
    findings = []
    for n, report in enumerate(Report.objects.all()):
        for k in range(n % 4):
            findings.append(
                Finding(
                    report=report,
                    rule=("005A", "012", "030", "036")[k],
                    severity="WARNING" if report.accepted else "ERROR",
                    line=k + 1,
                    journal_number=f"J{k}",
                    message="bench",
                )
            )
    Finding.objects.bulk_create(findings, batch_size=1000)
    DeclaredPart.objects.create(
        kommune_nr="0301", skjema="11F", aar=2020, part="nav", declared_by=staff, declared_at=start
    )
    marks = [
        ObligationMark(
            kommune_nr=nr,
            skjema=skjema,
            aar=2020,
            kind="eform_received",
            marked_at=start + timedelta(days=40),
            received_at=start + timedelta(days=30 + n % 20),
        )
        for n, nr in enumerate(numbers)
        for skjema in ("7", "7B", "12")
        if n % 4
    ]
    ObligationMark.objects.bulk_create(marks)
    nav = NavImport.objects.create(aar=2020, uploaded_at=start, uploaded_by=staff)
    NavCount.objects.bulk_create(
        NavCount(nav_import=nav, kommune_nr=nr, participants=n % 30) for n, nr in enumerate(numbers)
    )


PAGES = [
    "/ssb/oversikt/2020/",
    "/ssb/oversikt/2020/?skjema=7",
    "/ssb/oversikt/2020/?sort=nummer&sent=on",
    "/ssb/oversikt/2020.csv",
    "/ssb/oversikt/2020.xlsx",
    "/ssb/kommune/2020/0301/",
    "/ssb/inntak/2020/?dato=2021-02-20",
    "/ssb/feil/2020/11F/",
    "/ssb/nav/2020/",
    "/ssb/feillister/",
    "/ssb/revisjonslogg/",
    "/ssb/kommunenummer/",
]


def _measure(runs: int) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mottak.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="bench-ssb"))
    worst_all = 0.0
    print(f"{'page':45} {'median s':>9} {'worst s':>8} {'queries':>8}")
    for url in PAGES:
        times = []
        queries = 0
        for _ in range(runs):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - t0)
            queries = len(ctx.captured_queries)
            assert response.status_code == 200, (url, response.status_code)
        worst_all = max(worst_all, max(times))
        print(f"{url:45} {statistics.median(times):9.3f} {max(times):8.3f} {queries:8d}")
    print(f"worst page: {worst_all:.3f} s (target < 0.5 s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    _setup()
    from django.conf import settings

    t0 = time.perf_counter()
    _build(args.deliveries)
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    print(f"built {args.deliveries} deliveries in {time.perf_counter() - t0:.1f} s")
    return _measure(args.runs)


if __name__ == "__main__":
    raise SystemExit(main())
