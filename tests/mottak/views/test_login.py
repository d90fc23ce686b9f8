import pytest


@pytest.mark.django_db
def test_kommune_user_logs_in_and_sees_their_kommune(client, kontakt_bergen):
    response = client.post("/logg-inn/", {"username": "kari", "password": "passord"}, follow=True)
    assert response.status_code == 200
    assert response.context["user"] == kontakt_bergen
    assert "4601" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_user_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


@pytest.mark.django_db
def test_staff_reaches_admin_and_queue_dashboard(client, staff):
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/rq/").status_code == 200


@pytest.mark.django_db
def test_kommune_user_cannot_reach_admin(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    response = client.get("/admin/")
    assert response.status_code == 302
