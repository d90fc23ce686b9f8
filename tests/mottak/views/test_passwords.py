"""Passwords: validators on /brukere/, change and reset with Django's views, temporary
passwords changed at first login, e-mail to the new user, logout elsewhere on change."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mottak.models import AuditEvent, User

NEW = "et-helt-nytt-langt-passord-42"


def create(client, **fields):
    body = {
        "action": "create",
        "username": "nora",
        "email": "nora@bergen.test",
        "role": "nav",
        "password": "et-langt-passord-123",
        **fields,
    }
    return client.post(reverse("mottak:users"), body, follow=True)


@pytest.mark.parametrize("password", ["a", "12345678901234", "password123", "nora-bergen"])
def test_contact_cannot_set_a_weak_password(client, kontakt_bergen, password):
    client.force_login(kontakt_bergen)
    response = create(client, password=password, username="nora-bergen")
    assert not User.objects.filter(username="nora-bergen").exists()
    assert response.context["messages"]  # Django's validator message is shown
    assert len(mail.outbox) == 0


def test_contact_cannot_use_an_invalid_username(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    create(client, username="nora bergen<script>")
    assert not User.objects.filter(username__startswith="nora").exists()


def test_new_user_must_change_password_and_gets_an_email(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    create(client)
    nora = User.objects.get(username="nora")
    assert nora.must_change_password is True
    assert [m.to for m in mail.outbox] == [["nora@bergen.test"]]
    body = mail.outbox[0].body
    assert "nora" in body and "et-langt-passord-123" not in body  # never the password
    assert reverse("login") in body and reverse("password_reset") in body


def test_temporary_password_must_be_changed_before_anything_else(db):
    nora = User.objects.create_user("nora", password="et-langt-passord-123", kommune_nr="4601")
    nora.must_change_password = True
    nora.save()
    client = Client()
    client.post(reverse("login"), {"username": "nora", "password": "et-langt-passord-123"})
    response = client.get(reverse("mottak:status"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("password_change"))
    assert client.get("/api/v1/deliveries/1/").status_code == 403
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "et-langt-passord-123",
            "new_password1": NEW,
            "new_password2": NEW,
        },
    )
    assert response.status_code == 302
    nora.refresh_from_db()
    assert nora.must_change_password is False and nora.check_password(NEW)
    assert client.get(reverse("mottak:status")).status_code == 200
    assert AuditEvent.objects.filter(action="user.password_changed", actor=nora).exists()


def test_password_change_refuses_weak_passwords(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    response = client.post(
        reverse("password_change"),
        {"old_password": "passord", "new_password1": "a", "new_password2": "a"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]  # Django's validators
    assert "Dette passordet er for vanlig." in response.content.decode()


def test_password_change_logs_out_other_sessions_and_keeps_this_one(kontakt_bergen):
    here, elsewhere = Client(), Client()
    here.force_login(kontakt_bergen)
    elsewhere.force_login(kontakt_bergen)
    here.post(
        reverse("password_change"),
        {"old_password": "passord", "new_password1": NEW, "new_password2": NEW},
    )
    assert here.get(reverse("mottak:profile")).status_code == 200
    response = elsewhere.get(reverse("mottak:profile"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_forgotten_password_reset_by_email(client, kontakt_bergen):
    login_page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in login_page
    client.post(reverse("password_reset"), {"email": kontakt_bergen.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/passord/nytt/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "Velg nytt passord" in form.content.decode()
    response = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    kontakt_bergen.refresh_from_db()
    assert kontakt_bergen.check_password(NEW)
    # The link works once.
    assert "ugyldig" in client.get(link, follow=True).content.decode()


def test_reset_for_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "ingen@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_profile_links_to_password_change(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    assert reverse("password_change") in client.get(reverse("mottak:profile")).content.decode()


def test_staff_set_password_in_admin_is_temporary(client, staff, kontakt_bergen):
    client.force_login(staff)
    url = reverse("admin:auth_user_password_change", args=[kontakt_bergen.pk])
    client.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    kontakt_bergen.refresh_from_db()
    assert kontakt_bergen.check_password(NEW)
    assert kontakt_bergen.must_change_password is True


def test_short_password_message_is_norwegian_and_asks_for_twelve(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    response = client.post(
        reverse("password_change"),
        {"old_password": "passord", "new_password1": "kort-Pass9", "new_password2": "kort-Pass9"},
    )
    assert "Passordet er for kort. Det må ha minst 12 tegn." in response.content.decode()
