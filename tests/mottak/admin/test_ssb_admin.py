"""Admin for SSB's side: lists render, history is read-only, actions call the services."""

import pytest
from django.urls import reverse

from mottak.models import AuditEvent, Delivery
from mottak.models.ssb import FeedbackList, FeedbackListState
from mottak.services import feedback as svc
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import (  # noqa: F401 - fixtures
    deliveries_2020,
    kommuner_2020,
    round_2020_std,
)


@pytest.mark.parametrize(
    "model",
    ["feedbacklist", "navimport", "statisticsexport", "delivery", "auditevent"],
)
def test_changelists_render(admin_client_staff, deliveries_2020, model):  # noqa: F811
    response = admin_client_staff.get(reverse(f"admin:mottak_{model}_changelist"))
    assert response.status_code == 200


@pytest.fixture
def admin_client_staff(client, staff):
    client.force_login(staff)
    return client


def test_delivery_history_cannot_be_changed_in_admin(admin_client_staff, deliveries_2020):  # noqa: F811
    delivery = Delivery.objects.first()
    url = reverse("admin:mottak_delivery_change", args=[delivery.pk])
    page = admin_client_staff.get(url).content.decode()
    assert 'name="_save"' not in page
    assert admin_client_staff.get(reverse("admin:mottak_delivery_add")).status_code == 403


def test_withdraw_action_uses_the_service_with_the_reason(admin_client_staff, deliveries_2020):  # noqa: F811
    delivery = Delivery.objects.get(kommune_nr="4602")
    admin_client_staff.post(
        reverse("admin:mottak_delivery_changelist"),
        {"action": "withdraw", "_selected_action": [delivery.pk], "reason": "Dobbel levering"},
    )
    delivery.refresh_from_db()
    assert delivery.withdrawn_reason == "Dobbel levering"
    assert AuditEvent.objects.filter(action="delivery.withdrawn", object_id=str(delivery.pk))


def test_withdraw_action_without_reason_changes_nothing(admin_client_staff, deliveries_2020):  # noqa: F811
    delivery = Delivery.objects.get(kommune_nr="4602")
    admin_client_staff.post(
        reverse("admin:mottak_delivery_changelist"),
        {"action": "withdraw", "_selected_action": [delivery.pk], "reason": ""},
    )
    delivery.refresh_from_db()
    assert delivery.withdrawn_at is None


def test_rerun_action(admin_client_staff, deliveries_2020, django_capture_on_commit_callbacks):  # noqa: F811
    delivery = Delivery.objects.get(kommune_nr="4602")
    with django_capture_on_commit_callbacks(execute=False):
        admin_client_staff.post(
            reverse("admin:mottak_delivery_changelist"),
            {"action": "rerun_control", "_selected_action": [delivery.pk], "reason": ""},
        )
    delivery.refresh_from_db()
    assert delivery.state == "received"


def test_rerun_action_refuses_a_withdrawn_delivery_as_the_staff_page_does(
    admin_client_staff,
    deliveries_2020,  # noqa: F811
):
    from mottak.services.deliveries import _rerun_refusal

    delivery = Delivery.objects.get(kommune_nr="4602")
    Delivery.objects.filter(pk=delivery.pk).update(withdrawn_at=delivery.received_at)
    delivery.refresh_from_db()
    response = admin_client_staff.post(
        reverse("admin:mottak_delivery_changelist"),
        {"action": "rerun_control", "_selected_action": [delivery.pk], "reason": ""},
        follow=True,
    )
    delivery.refresh_from_db()
    assert delivery.state == "accepted" and delivery.reruns == 0
    shown = [str(m) for m in response.context["messages"]]
    assert f"{delivery.receipt}: {_rerun_refusal(delivery).message}" in shown
    assert "0 leveranser kontrolleres på nytt." in shown


def test_send_feedback_lists_action(admin_client_staff, staff, kontakt_bergen):
    fl = svc.feedback_list_create(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        title="T",
        items=[svc.FeedbackItemSpec("Q")],
        created_by=staff,
        now=oslo(2021, 2, 1),
    )
    admin_client_staff.post(
        reverse("admin:mottak_feedbacklist_changelist"),
        {"action": "send_lists", "_selected_action": [fl.pk]},
    )
    fl.refresh_from_db()
    assert fl.state == FeedbackListState.SENT
    # Sent: its questions are now history and read-only.
    page = admin_client_staff.get(reverse("admin:mottak_feedbacklist_change", args=[fl.pk]))
    assert 'name="items-0-question"' not in page.content.decode()
    assert FeedbackList.objects.count() == 1
