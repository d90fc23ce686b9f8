"""Staff see the round's dates, the exceptions and the reminder log in admin, and act there
through the same services."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mottak.models import (
    AuditEvent,
    DeadlineException,
    Kommune,
    KommuneContact,
    Reminder,
    RoundForm,
)
from mottak.services.calendar import reporting_round_create_standard
from tests.calendar_fixtures import oslo


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def round_2020(db):
    return reporting_round_create_standard(aar=2020)


def test_round_list_shows_dates_deadlines_and_freeze_windows(staff_client, round_2020):
    page = staff_client.get(reverse("admin:mottak_reportinground_changelist")).content.decode()
    assert "4. januar 2021" in page
    assert "30. april 2021" in page
    assert "15. juni 2021" in page
    assert "11F: 15.01.2021" in page
    assert "7B: 17.02.2021" in page
    assert "2021-03-08 00:00" in page


def test_round_change_page_edits_dates_and_windows(staff_client, round_2020):
    page = staff_client.get(
        reverse("admin:mottak_reportinground_change", args=[round_2020.pk])
    ).content.decode()
    assert "Frysperioder" in page or "frysperiode" in page.lower()
    assert "SSB klargjør publiseringen" in page


def test_exception_granted_in_admin_is_audited_and_listed(staff_client, staff, round_2020):
    response = staff_client.post(
        reverse("admin:mottak_deadlineexception_add"),
        {
            "kommune_nr": "5001",
            "skjema": "11F",
            "aar": "2020",
            "expires_at_0": "2030-06-01",
            "expires_at_1": "12:00:00",
            "reason": "Nytt fagsystem",
        },
    )
    assert response.status_code == 302
    exception = DeadlineException.objects.get()
    assert exception.granted_by == staff
    assert exception.kommune_nr == "5001"
    event = AuditEvent.objects.get(action="deadline_exception.granted")
    assert event.actor == staff and event.data["reason"] == "Nytt fagsystem"
    listing = staff_client.get(reverse("admin:mottak_deadlineexception_changelist"))
    assert "Nytt fagsystem" in listing.content.decode()

    staff_client.post(
        reverse("admin:mottak_deadlineexception_delete", args=[exception.pk]), {"post": "yes"}
    )
    assert not DeadlineException.objects.exists()
    assert AuditEvent.objects.filter(action="deadline_exception.revoked", actor=staff).exists()


def test_exception_without_reason_is_refused_in_admin(staff_client, round_2020):
    response = staff_client.post(
        reverse("admin:mottak_deadlineexception_add"),
        {
            "kommune_nr": "5001",
            "skjema": "11F",
            "aar": "2020",
            "expires_at_0": "2030-06-01",
            "expires_at_1": "12:00:00",
            "reason": "",
        },
    )
    assert response.status_code == 200
    assert not DeadlineException.objects.exists()


def test_reminder_log_is_visible_and_read_only(staff_client, round_2020):
    Reminder.objects.create(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        kind="overdue",
        deadline_on=date(2021, 1, 15),
        sent_on=date(2021, 1, 16),
        sent_at=oslo(2021, 1, 16, 8),
        recipients=["postmottak@4601.kommune.test"],
    )
    page = staff_client.get(reverse("admin:mottak_reminder_changelist")).content.decode()
    assert "postmottak@4601.kommune.test" in page
    assert "Etter frist" in page
    assert staff_client.get(reverse("admin:mottak_reminder_add")).status_code == 403


def test_send_now_from_admin_calls_the_service(staff_client, staff, db):
    today = timezone.localdate()
    # A round stretched around today, as admin acts at the real clock.
    rnd = reporting_round_create_standard(aar=today.year - 1)
    rnd.opens_on = date(today.year - 1, 1, 1)
    rnd.correction_cutoff_on = date(today.year + 1, 12, 31)
    rnd.save()
    RoundForm.objects.filter(round=rnd).update(deadline_on=date(today.year + 1, 1, 1))
    Kommune.objects.create(nummer="4601", navn="Bergen", fylke="Vestland", gyldig_fra=2020)
    KommuneContact.objects.create(
        kommune_nr="4601", email="postmottak@4601.kommune.test", created_at=timezone.now()
    )
    response = staff_client.post(
        reverse("admin:mottak_reminder_send_now"),
        {"kommune_nr": "4601", "skjema": "11F", "aar": str(today.year - 1)},
    )
    assert response.status_code == 302
    reminder = Reminder.objects.get()
    assert reminder.manual and reminder.sent_by == staff
    assert mail.outbox[0].to == ["postmottak@4601.kommune.test"]

    # The action on the log calls the same service: "send now" twice the same day sends once.
    response = staff_client.post(
        reverse("admin:mottak_reminder_changelist"),
        {"action": "send_again_now", "_selected_action": [reminder.pk]},
        follow=True,
    )
    assert Reminder.objects.filter(manual=True).count() == 1
    assert len(mail.outbox) == 1
    assert "allerede fått en påminnelse" in response.content.decode()


def test_send_now_shows_the_services_refusal(staff_client, round_2020):
    response = staff_client.post(
        reverse("admin:mottak_reminder_send_now"),
        {"kommune_nr": "4601", "skjema": "11F", "aar": "2020"},
        follow=True,
    )
    assert "ikke åpen for påminnelser" in response.content.decode()
    assert not Reminder.objects.exists()


def test_contacts_imported_from_csv_in_admin(staff_client, staff):
    KommuneContact.objects.create(
        kommune_nr="4601", email="old@bergen.test", created_at=timezone.now()
    )
    csv = "kommunenummer;epost;navn\n4601;kostra@bergen.test;Kari\n301;kostra@oslo.test;\n"
    response = staff_client.post(
        reverse("admin:mottak_kommunecontact_import"),
        {"file": SimpleUploadedFile("k.csv", csv.encode()), "replace": "on"},
    )
    assert response.status_code == 302
    assert sorted(KommuneContact.objects.values_list("kommune_nr", "email")) == [
        ("0301", "kostra@oslo.test"),
        ("4601", "kostra@bergen.test"),
    ]
    assert AuditEvent.objects.filter(action="kommune_contacts.imported", actor=staff).exists()


def test_contact_import_with_a_bad_row_saves_nothing(staff_client):
    csv = "kommunenummer,epost\n4601,kostra@bergen.test\n4601,ikke-en-adresse\n"
    response = staff_client.post(
        reverse("admin:mottak_kommunecontact_import"),
        {"file": SimpleUploadedFile("k.csv", csv.encode())},
    )
    assert response.status_code == 200
    assert "Linje 3" in response.content.decode()
    assert not KommuneContact.objects.exists()


def test_municipal_user_cannot_reach_calendar_admin(client, kontakt_bergen):
    client.force_login(kontakt_bergen)
    response = client.get(reverse("admin:mottak_reminder_changelist"))
    assert response.status_code == 302
    assert "/login" in response["Location"]


def _round_post_data(rnd) -> dict:
    data = {
        "aar": rnd.aar,
        "opens_on": rnd.opens_on.isoformat(),
        "preliminary_publication_on": rnd.preliminary_publication_on.isoformat(),
        "correction_cutoff_on": rnd.correction_cutoff_on.isoformat(),
        "final_publication_on": rnd.final_publication_on.isoformat(),
        "remind_days_before": rnd.remind_days_before,
        "overdue_every_days": rnd.overdue_every_days,
    }
    forms = list(rnd.forms.order_by("pk"))
    data.update(
        {
            "forms-TOTAL_FORMS": len(forms),
            "forms-INITIAL_FORMS": len(forms),
            "forms-MIN_NUM_FORMS": 0,
            "forms-MAX_NUM_FORMS": 1000,
        }
    )
    for i, f in enumerate(forms):
        data.update(
            {
                f"forms-{i}-id": f.pk,
                f"forms-{i}-round": rnd.pk,
                f"forms-{i}-skjema": f.skjema,
                f"forms-{i}-channel": f.channel,
                f"forms-{i}-deadline_on": f.deadline_on.isoformat(),
            }
        )
    windows = list(rnd.freeze_windows.order_by("pk"))
    data.update(
        {
            "freeze_windows-TOTAL_FORMS": len(windows),
            "freeze_windows-INITIAL_FORMS": len(windows),
            "freeze_windows-MIN_NUM_FORMS": 0,
            "freeze_windows-MAX_NUM_FORMS": 1000,
        }
    )
    for i, w in enumerate(windows):
        start, end = timezone.localtime(w.starts_at), timezone.localtime(w.ends_at)
        data.update(
            {
                f"freeze_windows-{i}-id": w.pk,
                f"freeze_windows-{i}-round": rnd.pk,
                f"freeze_windows-{i}-starts_at_0": start.date().isoformat(),
                f"freeze_windows-{i}-starts_at_1": start.strftime("%H:%M:%S"),
                f"freeze_windows-{i}-ends_at_0": end.date().isoformat(),
                f"freeze_windows-{i}-ends_at_1": end.strftime("%H:%M:%S"),
                f"freeze_windows-{i}-text": w.text,
            }
        )
    return data


def test_staff_shift_a_deadline_in_admin_and_it_is_audited(staff_client, staff, round_2020):
    from mottak.services.calendar import round_judge_delivery

    data = _round_post_data(round_2020)
    data["correction_cutoff_on"] = "2021-05-03"  # 30 April 2021 was a Friday: just an example
    index = next(i for i in range(5) if data[f"forms-{i}-skjema"] == "11F")
    data[f"forms-{index}-deadline_on"] = "2021-01-18"
    response = staff_client.post(
        reverse("admin:mottak_reportinground_change", args=[round_2020.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    round_2020.refresh_from_db()
    assert round_2020.correction_cutoff_on == date(2021, 5, 3)
    assert not round_judge_delivery(
        kommune_nr="4601", skjema="11F", aar=2020, received_at=oslo(2021, 1, 18, 12)
    ).late
    event = AuditEvent.objects.get(action="reporting_round.changed")
    assert event.actor == staff
    assert "correction_cutoff_on" in event.data["changed"]
    assert "forms:deadline_on" in event.data["changed"]
    assert event.data["forms"]["11F"] == "2021-01-18"


def test_staff_mark_not_applicable_and_eform_received_in_admin(staff_client, staff, round_2020):
    from mottak.models import ObligationMark
    from mottak.services.calendar import eform_received_kommuner, obligation_kommuner

    Kommune.objects.create(nummer="4601", navn="Bergen", fylke="Vestland", gyldig_fra=2020)
    Kommune.objects.create(nummer="0301", navn="Oslo", fylke="Oslo", gyldig_fra=2020)
    for data in (
        {"kommune_nr": "4601", "skjema": "11CF", "aar": "2020", "kind": "not_applicable"},
        {"kommune_nr": "0301", "skjema": "7", "aar": "2020", "kind": "eform_received"},
    ):
        response = staff_client.post(reverse("admin:mottak_obligationmark_add"), data)
        assert response.status_code == 302
    assert obligation_kommuner(aar=2020, skjema="11CF") == ["0301"]
    assert eform_received_kommuner(aar=2020, skjema="7") == {"0301"}
    assert ObligationMark.objects.filter(marked_by=staff).count() == 2
    assert AuditEvent.objects.filter(action="obligation.not_applicable", actor=staff).exists()
    assert AuditEvent.objects.filter(action="obligation.eform_received", kommune_nr="0301")

    mark = ObligationMark.objects.get(kind="not_applicable")
    staff_client.post(
        reverse("admin:mottak_obligationmark_delete", args=[mark.pk]), {"post": "yes"}
    )
    assert obligation_kommuner(aar=2020, skjema="11CF") == ["0301", "4601"]
    assert AuditEvent.objects.filter(action="obligation.not_applicable.removed").exists()


def test_round_dates_out_of_order_are_refused_with_a_message(staff_client, round_2020):
    data = _round_post_data(round_2020)
    data["correction_cutoff_on"] = "2021-01-10"  # before the 11F deadline and before 15 March
    data["final_publication_on"] = "2021-03-01"  # before the preliminary publication
    response = staff_client.post(
        reverse("admin:mottak_reportinground_change", args=[round_2020.pk]), data
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Datoene må komme i rekkefølge" in page
    round_2020.refresh_from_db()
    assert round_2020.correction_cutoff_on == date(2021, 4, 30)

    data = _round_post_data(round_2020)
    index = next(i for i in range(5) if data[f"forms-{i}-skjema"] == "11F")
    data[f"forms-{index}-deadline_on"] = "2021-05-02"  # after the cutoff
    response = staff_client.post(
        reverse("admin:mottak_reportinground_change", args=[round_2020.pk]), data
    )
    assert response.status_code == 200
    assert "Fristen må være mellom åpningen og siste frist for rettinger." in (
        response.content.decode()
    )
    assert not AuditEvent.objects.filter(action="reporting_round.changed").exists()


def test_admin_creates_the_standard_round_for_a_year(staff_client, db):
    from mottak.models import AuditEvent, FreezeWindow, ReportingRound

    url = reverse("admin:mottak_reportinground_standard")
    assert (
        "standard"
        in staff_client.get(reverse("admin:mottak_reportinground_changelist")).content.decode()
    )
    response = staff_client.post(url, {"aar": "2027"})
    assert response.status_code == 302
    rnd = ReportingRound.objects.get(aar=2027)
    assert (rnd.opens_on, rnd.preliminary_publication_on) == (date(2028, 1, 4), date(2028, 3, 15))
    assert (rnd.correction_cutoff_on, rnd.final_publication_on) == (
        date(2028, 4, 30),
        date(2028, 6, 15),
    )
    deadlines = dict(rnd.forms.values_list("skjema", "deadline_on"))
    assert deadlines == {
        "11F": date(2028, 1, 15),
        "11CF": date(2028, 1, 15),
        "7": date(2028, 2, 17),
        "7B": date(2028, 2, 17),
        "12": date(2028, 2, 17),
    }
    windows = [
        (timezone.localtime(w.starts_at).date(), timezone.localtime(w.ends_at).date())
        for w in FreezeWindow.objects.filter(round=rnd)
    ]
    assert windows == [(date(2028, 3, 8), date(2028, 3, 15)), (date(2028, 6, 8), date(2028, 6, 15))]
    assert AuditEvent.objects.filter(action="reporting_round.created").count() == 1
    # Again: nothing is overwritten.
    rnd.opens_on = date(2028, 1, 5)
    rnd.save()
    staff_client.post(url, {"aar": "2027"})
    rnd.refresh_from_db()
    assert rnd.opens_on == date(2028, 1, 5)
