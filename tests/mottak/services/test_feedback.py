"""Feedback lists: create from findings or text, send, answer, return, accept, remind."""

from datetime import date

import pytest
from django.core import mail

from mottak.errors import MottakError
from mottak.models import AuditEvent, KommuneContact
from mottak.models.ssb import FeedbackList, FeedbackListState, FeedbackReminder
from mottak.selectors.feedback import feedback_counts_get
from mottak.services import feedback as svc
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import deliver

NOW = oslo(2021, 2, 1, 10)


@pytest.fixture
def draft(staff, kontakt_bergen):
    return svc.feedback_list_create(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        title="Spørsmål om stønadslengde",
        items=[svc.FeedbackItemSpec("Er 12 måneder riktig?"), svc.FeedbackItemSpec("Og beløpet?")],
        created_by=staff,
        now=NOW,
    )


@pytest.fixture
def sent(draft, staff, django_capture_on_commit_callbacks):
    KommuneContact.objects.create(
        kommune_nr="4601", email="postmottak@4601.kommune.test", created_at=NOW
    )
    with django_capture_on_commit_callbacks(execute=True):
        svc.feedback_list_send(feedback_list=draft, sent_by=staff, now=NOW)
    draft.refresh_from_db()
    return draft


def test_create_from_chosen_findings_and_free_text(staff):
    delivery = deliver(
        "4601",
        "11F",
        "accepted",
        NOW,
        records=3,
        warnings=True,
        findings=[("005A", "WARNING", 4), ("012", "WARNING", 9)],
    )
    fl = svc.feedback_list_create_from_form(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        title="",
        message="",
        questions=["Hvorfor færre mottakere enn i fjor?"],
        finding_keys=["005A|4|J4"],
        created_by=staff,
        now=NOW,
    )
    items = list(fl.items.all())
    assert [(i.position, i.rule, i.line, i.journal_number) for i in items] == [
        (1, "005A", 4, "J4"),
        (2, "", None, ""),
    ]
    assert "005A" in items[0].question and "linje 4" in items[0].question
    assert fl.delivery_id == delivery.pk
    assert fl.state == FeedbackListState.DRAFT
    assert fl.title  # a default title when none is given


def test_a_list_needs_a_question(staff):
    with pytest.raises(MottakError) as exc:
        svc.feedback_list_create(
            kommune_nr="4601",
            skjema="11F",
            aar=2020,
            title="x",
            items=[svc.FeedbackItemSpec("  ")],
            created_by=staff,
            now=NOW,
        )
    assert exc.value.code == "no_items"
    assert not FeedbackList.objects.exists()


def test_only_staff_create_lists(kontakt_bergen):
    with pytest.raises(MottakError):
        svc.feedback_list_create(
            kommune_nr="4601",
            skjema="11F",
            aar=2020,
            title="x",
            items=[svc.FeedbackItemSpec("q")],
            created_by=kontakt_bergen,
            now=NOW,
        )


def test_send_mails_the_kommune_and_sets_answer_date(sent):
    assert sent.state == FeedbackListState.SENT
    assert sent.answer_by == date(2021, 2, 15)
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"postmottak@4601.kommune.test", "kari@example.test"}
    assert "11F" in mail.outbox[0].subject
    assert f"/feillister/{sent.pk}/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="feedback.sent", kommune_nr="4601").exists()


def test_cannot_send_twice(sent, staff):
    with pytest.raises(MottakError):
        svc.feedback_list_send(feedback_list=sent, sent_by=staff, now=NOW)


def test_kommune_answers_returns_and_staff_accept_until_closed(sent, kontakt_bergen, staff):
    first, second = sent.items.all()
    svc.feedback_item_answer(
        item=first,
        answer="correct",
        explanation="Vedtak om forlengelse.",
        user=kontakt_bergen,
        now=NOW,
    )
    with pytest.raises(MottakError) as exc:
        svc.feedback_list_return(feedback_list=sent, user=kontakt_bergen, now=NOW)
    assert exc.value.code == "unanswered"
    svc.feedback_item_answer(
        item=second, answer="will_correct", explanation="", user=kontakt_bergen, now=NOW
    )
    svc.feedback_list_return(feedback_list=sent, user=kontakt_bergen, now=NOW)
    sent.refresh_from_db()
    assert sent.state == FeedbackListState.RETURNED and sent.returned_by == kontakt_bergen
    assert feedback_counts_get().returned == 1

    svc.feedback_item_accept(item=first, user=staff, now=NOW)
    sent.refresh_from_db()
    assert sent.state == FeedbackListState.RETURNED
    svc.feedback_item_accept(item=second, user=staff, now=NOW)
    sent.refresh_from_db()
    assert sent.state == FeedbackListState.CLOSED
    counts = feedback_counts_get()
    assert (counts.sent, counts.outstanding, counts.returned, counts.closed) == (1, 0, 0, 1)


def test_correct_needs_an_explanation(sent, kontakt_bergen):
    item = sent.items.first()
    with pytest.raises(MottakError) as exc:
        svc.feedback_item_answer(
            item=item, answer="correct", explanation=" ", user=kontakt_bergen, now=NOW
        )
    assert exc.value.code == "explanation_required"


def test_another_kommune_cannot_answer(sent, outsider):
    with pytest.raises(MottakError):
        svc.feedback_item_answer(
            item=sent.items.first(),
            answer="will_correct",
            explanation="",
            user=outsider,
            now=NOW,
        )


def test_draft_cannot_be_answered(draft, kontakt_bergen):
    with pytest.raises(MottakError) as exc:
        svc.feedback_item_answer(
            item=draft.items.first(),
            answer="will_correct",
            explanation="",
            user=kontakt_bergen,
            now=NOW,
        )
    assert exc.value.code == "not_open"


def test_staff_send_an_answer_back(sent, kontakt_bergen, staff):
    for item in sent.items.all():
        svc.feedback_item_answer(
            item=item, answer="will_correct", explanation="", user=kontakt_bergen, now=NOW
        )
    svc.feedback_list_return(feedback_list=sent, user=kontakt_bergen, now=NOW)
    item = sent.items.first()
    svc.feedback_item_send_back(item=item, user=staff, now=NOW, reason="Når kommer filen?")
    sent.refresh_from_db()
    item.refresh_from_db()
    assert sent.state == FeedbackListState.SENT
    assert item.answer == "" and "Når kommer filen?" in item.question


def test_reminders_after_answer_date_at_a_cadence_and_idempotent(sent):
    mail.outbox.clear()
    assert svc.feedback_reminders_send_due(now=oslo(2021, 2, 15, 8)) == []  # on the date
    first = svc.feedback_reminders_send_due(now=oslo(2021, 2, 16, 8))
    assert [r["kommune"] for r in first] == ["4601"]
    assert svc.feedback_reminders_send_due(now=oslo(2021, 2, 16, 18)) == []  # same day
    # Skipped for two weeks: one reminder, not one per missed day.
    assert len(svc.feedback_reminders_send_due(now=oslo(2021, 3, 2, 8))) == 1
    assert svc.feedback_reminders_send_due(now=oslo(2021, 3, 3, 8)) == []
    assert FeedbackReminder.objects.count() == 2
    assert len(mail.outbox) == 2
    assert "Påminnelse" in mail.outbox[0].subject


def test_dry_run_sends_nothing(sent):
    mail.outbox.clear()
    assert len(svc.feedback_reminders_send_due(now=oslo(2021, 2, 20), dry_run=True)) == 1
    assert not FeedbackReminder.objects.exists() and mail.outbox == []


def test_returned_lists_are_not_reminded(sent, kontakt_bergen):
    for item in sent.items.all():
        svc.feedback_item_answer(
            item=item, answer="will_correct", explanation="", user=kontakt_bergen, now=NOW
        )
    svc.feedback_list_return(feedback_list=sent, user=kontakt_bergen, now=NOW)
    assert svc.feedback_reminders_send_due(now=oslo(2021, 3, 1)) == []
