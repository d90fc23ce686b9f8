"""django-axes' lockout: a Norwegian page in the portal's layout saying how long; JSON for
scripts."""


def lock(client, settings, **extra):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post("/logg-inn/", {"username": "kari", "password": "feil"}, **extra)
    return client.post("/logg-inn/", {"username": "kari", "password": "passord"}, **extra)


def test_lockout_page_is_norwegian_and_says_how_long(client, kontakt_bergen, settings):
    settings.AXES_COOLOFF_TIME = 30 / 60
    response = lock(client, settings)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Prøv igjen om 30 minutter." in html
    assert 'class="site-header"' in html  # the portal's layout
    assert "Account locked" not in html
    assert "_auth_user_id" not in client.session


def test_lockout_duration_follows_the_setting(client, kontakt_bergen, settings):
    settings.AXES_COOLOFF_TIME = 1 / 60
    assert "om 1 minutt." in lock(client, settings).content.decode()


def test_lockout_answers_json_to_scripts(client, kontakt_bergen, settings):
    settings.AXES_COOLOFF_TIME = 0.25
    response = lock(client, settings, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert response.json()["minutes"] == 15
    assert "15 minutter" in response.json()["error"]
