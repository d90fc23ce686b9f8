"""Audit without holes: refused uploads with their reason code, admin changes to users, and
the export's real finish time."""

import pytest
from django.urls import reverse

from mottak.errors import MottakError
from mottak.models import AuditEvent, StatisticsExport
from mottak.services import deliveries as svc
from mottak.services.ssb_export import statistics_export_build
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, upload
from tests.factories import UserFactory


@pytest.mark.usefixtures("media_root", "round_2020")
def test_refused_upload_is_audited_with_its_reason_code(kontakt_bergen, portal_keys):
    with pytest.raises(MottakError):
        svc.submission_create(
            user=kontakt_bergen,
            kommune_nr="4601",
            skjema="11F",
            aar=2020,
            file=upload(b"not an envelope"),
            now=JAN_10,
        )
    with pytest.raises(MottakError):
        svc.submission_create(
            user=kontakt_bergen,
            kommune_nr="4601",
            skjema="11F",
            aar=2020,
            file=upload(envelope(portal_keys, b"X\r\n")),
            now=JAN_10.replace(day=1),  # before the round opens on 4 January
        )
    events = AuditEvent.objects.filter(action="delivery.refused").order_by("id")
    assert [e.actor for e in events] == [kontakt_bergen, kontakt_bergen]
    codes = [e.data["code"] for e in events]
    assert codes[1] == "refused" and codes[0] and codes[0] != "refused"
    assert all(e.kommune_nr == "4601" for e in events)


def test_admin_change_of_kommune_role_and_active_is_audited(admin_client):
    user = UserFactory(username="kari", kommune_nr="4601", role="kontakt")
    url = reverse("admin:mottak_user_change", args=[user.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("password", "groups", "user_permissions", "last_login")
    }
    data.pop("date_joined", None)
    data.update(
        kommune_nr="0301",
        role="nav",
        is_active="",
        date_joined_0="2021-01-01",
        date_joined_1="10:00:00",
    )
    data = {k: v for k, v in data.items() if v != ""}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="user.changed")
    assert event.data["changed"]["kommune_nr"] == ["4601", "0301"]
    assert event.data["changed"]["role"] == ["kontakt", "nav"]
    assert event.data["changed"]["is_active"] == [True, False]
    assert event.kommune_nr == "0301"


def test_admin_user_list_has_a_proper_name_header(admin_client):
    html = admin_client.get(reverse("admin:mottak_user_changelist")).content.decode()
    assert "Get full name" not in html and "GET FULL NAME" not in html


def test_export_finish_time_is_taken_after_the_build(staff, settings, tmp_path, monkeypatch):
    from django.utils import timezone

    from tests.calendar_fixtures import oslo

    settings.EXPORT_KEYS_DIR = tmp_path / "none"  # no key: the build fails, still finished
    export = StatisticsExport.objects.create(
        skjema="11F", aar=2020, requested_by=staff, created_at=oslo(2021, 3, 1)
    )
    moments = iter([oslo(2021, 3, 1, 10), oslo(2021, 3, 1, 10, 7)])
    monkeypatch.setattr(timezone, "now", lambda: next(moments))
    export = statistics_export_build(export_id=export.pk)
    assert export.finished_at == oslo(2021, 3, 1, 10, 7)
    event = AuditEvent.objects.get(action="export.failed")
    assert event.created_at == oslo(2021, 3, 1, 10, 7)
