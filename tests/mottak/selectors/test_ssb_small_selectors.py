"""The audit log filter and the feedback list selectors."""

from datetime import date

from mottak.models.ssb import FeedbackListState
from mottak.selectors.audit import audit_event_list
from mottak.selectors.feedback import (
    feedback_counts_get,
    feedback_list_list,
    feedback_lists_for_kommune,
)
from mottak.services import feedback as svc
from mottak.services.audit import audit_log
from tests.calendar_fixtures import oslo


def test_audit_filter_by_kommune_action_prefix_user_and_local_days(staff, kontakt_bergen):
    audit_log(action="feedback.sent", kommune_nr="4601", actor=staff, now=oslo(2021, 2, 1, 0, 30))
    audit_log(
        action="feedback.returned",
        kommune_nr="4601",
        actor=kontakt_bergen,
        now=oslo(2021, 2, 2, 23, 30),
    )
    audit_log(action="delivery.received", kommune_nr="5001", now=oslo(2021, 2, 3, 9))

    def actions(**kw):
        return [e.action for e in audit_event_list(**kw)]

    assert actions(kommune_nr="4601") == ["feedback.returned", "feedback.sent"]
    assert actions(action="feedback.") == ["feedback.returned", "feedback.sent"]
    assert actions(actor="kari") == ["feedback.returned"]
    # Days are Oslo days: 00:30 on 1 February is 23:30 UTC the day before.
    assert actions(fra=date(2021, 2, 1), til=date(2021, 2, 1)) == ["feedback.sent"]
    assert actions(fra=date(2021, 2, 2)) == ["delivery.received", "feedback.returned"]


def test_feedback_lists_with_answer_counts_and_kommune_view(staff, kontakt_bergen):
    now = oslo(2021, 2, 1)
    draft = svc.feedback_list_create(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        title="Utkast",
        items=[svc.FeedbackItemSpec("A")],
        created_by=staff,
        now=now,
    )
    sent = svc.feedback_list_create(
        kommune_nr="4601",
        skjema="11CF",
        aar=2020,
        title="Sendt",
        items=[svc.FeedbackItemSpec("B"), svc.FeedbackItemSpec("C")],
        created_by=staff,
        now=now,
    )
    svc.feedback_list_send(feedback_list=sent, sent_by=staff, now=now)
    svc.feedback_item_answer(
        item=sent.items.first(), answer="will_correct", explanation="", user=kontakt_bergen, now=now
    )
    row = feedback_list_list().get(pk=sent.pk)
    assert (row.n_items, row.n_answered, row.n_accepted) == (2, 1, 0)
    assert [fl.pk for fl in feedback_list_list(state=FeedbackListState.DRAFT)] == [draft.pk]
    assert [fl.pk for fl in feedback_lists_for_kommune(kommune_nr="4601")] == [sent.pk]
    assert list(feedback_lists_for_kommune(kommune_nr="5001")) == []
    counts = feedback_counts_get(aar=2020)
    assert (counts.sent, counts.outstanding, counts.drafts) == (1, 1, 1)
    assert feedback_counts_get(aar=2021).sent == 0


def test_audit_data_filter_renders_pairs():
    from mottak.templatetags.ssb_tags import audit_data

    assert audit_data({"receipt": "R1", "receipts": ["A", "B"], "answers": {"1": "correct"}}) == (
        "receipt: R1; receipts: A, B; answers: 1=correct"
    )
    assert audit_data({}) == ""
