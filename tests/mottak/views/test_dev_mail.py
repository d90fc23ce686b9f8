"""/ssb/epost/: the development mail files, for staff, with DEBUG only."""

import datetime as dt
import random

import pytest
from django.core import mail
from django.urls import reverse

from kontroll.samples import synthetic_fnr

URL = "/ssb/epost/"
FNR = synthetic_fnr(random.Random(1), dt.date(1970, 1, 1), male=True)


@pytest.fixture
def mail_files(settings, tmp_path):
    """Two messages written by Django's file backend into a temporary var/mail/."""
    settings.MAIL_FILE_DIR = tmp_path
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    mail.send_mail("Kvittering K2020-4601-000001", f"Mottatt. Fnr {FNR}.", None, ["a@k.test"])
    mail.send_mail("Kontroll ferdig", "Godkjent.", None, ["b@k.test"])
    return tmp_path


def test_url_is_the_one_documented():
    assert reverse("mottak:ssb_dev_mail") == URL


def test_staff_see_the_mails_with_debug(client, staff, mail_files, settings):
    settings.DEBUG = True
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert "Kvittering K2020-4601-000001" in page and "Kontroll ferdig" in page
    assert "a@k.test" in page and "Godkjent." in page
    assert FNR not in page and "[skjult]" in page  # id numbers are masked even here


def test_newest_first(client, staff, mail_files, settings):
    settings.DEBUG = True
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert page.index("Kontroll ferdig") < page.index("Kvittering")


@pytest.mark.parametrize("who", ["kontakt_bergen", "outsider"])
def test_others_get_404(client, request, who, mail_files, settings):
    settings.DEBUG = True
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client, mail_files, settings):
    settings.DEBUG = True
    assert client.get(URL).status_code == 302


def test_without_debug_even_staff_get_404(client, staff, mail_files, settings):
    settings.DEBUG = False
    client.force_login(staff)
    assert client.get(URL).status_code == 404


def test_no_folder_yet_shows_an_empty_list(client, staff, settings, tmp_path):
    settings.DEBUG = True
    settings.MAIL_FILE_DIR = tmp_path / "absent"
    client.force_login(staff)
    assert "Ingen e-post er skrevet ennå." in client.get(URL).content.decode()
