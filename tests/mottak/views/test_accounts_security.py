"""Login throttling (django-axes) and password hashing (argon2) for the municipal accounts."""


def test_login_is_locked_after_repeated_failures(client, kontakt_bergen, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/logg-inn/", {"username": "kari", "password": "feil"})
    response = client.post("/logg-inn/", {"username": "kari", "password": "passord"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2_outside_tests(settings, kontakt_bergen):
    # tests/conftest.py swaps in MD5 for speed; the settings module itself lists argon2 first.
    from kostra_portal import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    kontakt_bergen.set_password("et-langt-passord")
    assert kontakt_bergen.password.startswith("argon2$")
    assert kontakt_bergen.check_password("et-langt-passord")
