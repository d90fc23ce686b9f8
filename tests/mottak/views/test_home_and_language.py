import pytest
from django.conf import settings


@pytest.mark.django_db
def test_kommune_user_lands_on_the_status_page(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/levering/"


@pytest.mark.django_db
def test_staff_lands_on_ssb_overview(client, staff):
    client.force_login(staff)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ssb/"


@pytest.mark.django_db
def test_user_without_kommune_is_told_what_to_do(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="ny", kommune_nr="", role=""))
    response = client.get("/")
    assert response.status_code == 200
    assert "ikke knyttet til en kommune" in response.content.decode()


@pytest.mark.django_db
def test_pages_are_bokmaal_even_for_an_english_browser(client):
    response = client.get("/logg-inn/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nb"
    assert "Brukernavn" in response.content.decode()


@pytest.mark.django_db
def test_user_can_switch_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/logg-inn/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get("/logg-inn/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    client.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    assert client.get("/logg-inn/")["Content-Language"] == "nb"
