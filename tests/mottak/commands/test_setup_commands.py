from io import StringIO

import pytest
from django.core.management import call_command

from mottak.models import Bydel, Kommune, User


@pytest.mark.django_db
def test_load_reference_data_loads_every_year_and_is_idempotent():
    call_command("load_reference_data", stdout=StringIO())
    call_command("load_reference_data", stdout=StringIO())
    assert Kommune.objects.count() == 480
    assert Bydel.objects.count() == 15
    # Counts per year from shared/data/SOURCES.md.
    assert Kommune.objects.valid_in(2020).count() == 356
    assert Kommune.objects.valid_in(2024).count() == 357
    # Halden: 3001 until 2023, 3101 from 2024.
    assert Kommune.objects.valid_in(2023).filter(nummer="3001").exists()
    assert not Kommune.objects.valid_in(2024).filter(nummer="3001").exists()
    assert Kommune.objects.valid_in(2024).get(nummer="3101").navn == "Halden"


@pytest.mark.django_db
def test_demo_data_creates_the_demo_logins(settings, tmp_path):
    # No portal key: the checkout's own var/keys (after `make run`) must not change the test.
    settings.PUBLIC_KEYS_DIR = tmp_path / "public"
    settings.PRIVATE_KEYS_DIR = tmp_path / "private"
    out = StringIO()
    call_command("demo_data", stdout=out)
    bergen = User.objects.get(username="demo-4601")
    assert bergen.kommune_nr == "4601" and bergen.role == "kontakt" and not bergen.is_staff
    assert User.objects.get(username="demo-0301").kommune_nr == "0301"
    ssb = User.objects.get(username="demo-ssb")
    assert ssb.is_staff and ssb.check_password("kostra-demo")
    assert "demo-ssb" in out.getvalue()


def test_dev_keys_creates_one_pair_and_keeps_it(settings, tmp_path):
    settings.PUBLIC_KEYS_DIR = tmp_path / "pub"
    settings.PRIVATE_KEYS_DIR = tmp_path / "priv"
    call_command("dev_keys", stdout=StringIO())
    call_command("dev_keys", stdout=StringIO())
    public = list((tmp_path / "pub").glob("*.pem"))
    private = list((tmp_path / "priv").glob("*.pem"))
    assert len(public) == 1 and len(private) == 1
    assert public[0].stem == private[0].stem
    assert (private[0].stat().st_mode & 0o777) == 0o600
