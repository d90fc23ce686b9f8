"""STAFF_REQUIRE_OTP: staff reach admin only after confirming a TOTP code."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def device(staff):
    return TOTPDevice.objects.create(user=staff, name="mobil", confirmed=True)


def login(client, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "siri", "password": "passord", **extra},
    )


def test_admin_without_otp_setting_needs_only_password(client, staff, settings):
    settings.STAFF_REQUIRE_OTP = False
    response = login(client)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_admin_with_otp_setting_refuses_password_alone(client, staff, device, settings):
    settings.STAFF_REQUIRE_OTP = True
    response = login(client)
    assert response.status_code == 200  # the form again, with an error
    client.force_login(staff)  # a password-only session is not enough either
    assert client.get("/admin/").status_code == 302


def test_admin_with_otp_setting_accepts_valid_code(client, staff, device, settings):
    settings.STAFF_REQUIRE_OTP = True
    code = str(totp(device.bin_key)).zfill(6)
    response = login(client, otp_device=device.persistent_id, otp_token=code)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
