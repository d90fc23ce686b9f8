"""Feedback lists chosen by rule or by line, the answer date, and the e-mails when a list
is returned or an answer sent back."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from mottak.errors import MottakError
from mottak.models import AuditEvent, KommuneContact
from mottak.models.ssb import FeedbackListState
from mottak.services import feedback as svc
from mottak.services.feedback_selection import feedback_answer_by_set, parse_lines
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import deliver

NOW = oslo(2021, 2, 1, 10)
FINDINGS = [
    ("005A", "WARNING", 4),
    ("005A", "WARNING", 4),  # the same finding twice (two fields of one rule)
    ("005A", "WARNING", 9),
    ("012", "WARNING", 9),
    ("030", "WARNING", 11),
]


def make(staff, **kw):
    deliver("4601", "11F", "accepted", NOW, records=20, warnings=True, findings=FINDINGS)
    return svc.feedback_list_create_from_form(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        title="",
        message="",
        questions=kw.pop("questions", []),
        finding_keys=kw.pop("finding_keys", []),
        created_by=staff,
        now=NOW,
        **kw,
    )


def test_by_rule_gives_one_question_per_rule_naming_its_lines(staff):
    fl = make(staff, rules=["005A"])
    [item] = fl.items.all()
    assert item.rule == "005A"
    assert "3 ganger" in item.question and "linje 4, 9" in item.question


def test_by_line_gives_one_question_per_distinct_finding(staff):
    fl = make(staff, lines=[9, 11])
    assert sorted((i.rule, i.line) for i in fl.items.all()) == [
        ("005A", 9),
        ("012", 9),
        ("030", 11),
    ]


def test_a_finding_key_ticked_once_gives_one_question(staff):
    fl = make(staff, finding_keys=["005A|4|J4"])
    assert fl.items.count() == 1


def test_nothing_chosen_and_no_question_is_refused(staff):
    with pytest.raises(MottakError):
        make(staff)


def test_parse_lines():
    assert parse_lines("3, 9 14-16") == [3, 9, 14, 15, 16]
    with pytest.raises(MottakError):
        parse_lines("3, x")


@pytest.fixture
def sent(staff, kontakt_bergen, django_capture_on_commit_callbacks):
    staff.email = "siri@ssb.test"
    staff.save()
    KommuneContact.objects.create(kommune_nr="4601", email="post@4601.test", created_at=NOW)
    fl = svc.feedback_list_create(
        kommune_nr="4601",
        skjema="11F",
        aar=2020,
        title="Spørsmål",
        items=[svc.FeedbackItemSpec("Stemmer det?")],
        created_by=staff,
        now=NOW,
    )
    with django_capture_on_commit_callbacks(execute=True):
        svc.feedback_list_send(feedback_list=fl, sent_by=staff, now=NOW)
    mail.outbox.clear()
    fl.refresh_from_db()
    return fl


def test_staff_are_told_when_a_list_is_returned_and_kommune_when_sent_back(
    sent, kontakt_bergen, staff, django_capture_on_commit_callbacks
):
    item = sent.items.get()
    svc.feedback_item_answer(
        item=item, answer="will_correct", explanation="", user=kontakt_bergen, now=NOW
    )
    with django_capture_on_commit_callbacks(execute=True):
        svc.feedback_list_return(feedback_list=sent, user=kontakt_bergen, now=NOW)
    [to_staff] = mail.outbox
    assert to_staff.to == ["siri@ssb.test"] and "besvart" in to_staff.body
    item.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        svc.feedback_item_send_back(item=item, user=staff, now=NOW, reason="Når kommer filen?")
    to_kommune = mail.outbox[1]
    assert "post@4601.test" in to_kommune.to and "Når kommer filen?" in to_kommune.body


def test_staff_set_the_answer_date_audited_not_in_the_past(sent, staff):
    feedback_answer_by_set(feedback_list=sent, answer_by=date(2021, 3, 1), user=staff, now=NOW)
    sent.refresh_from_db()
    assert sent.answer_by == date(2021, 3, 1)
    assert AuditEvent.objects.filter(action="feedback.answer_by_changed").count() == 1
    with pytest.raises(MottakError):
        feedback_answer_by_set(feedback_list=sent, answer_by=date(2021, 1, 1), user=staff, now=NOW)


def test_staff_index_shows_overdue_lists_and_answer_date_form(client, sent, staff, outsider):
    sent.answer_by = date(2020, 1, 1)
    sent.save()
    client.force_login(staff)
    html = client.get(reverse("mottak:ssb_feedback_index")).content.decode()
    assert 'id="overdue-lists"' in html and "passert svarfristen" in html
    assert sent.state == FeedbackListState.SENT
    url = reverse("mottak:ssb_feedback_answer_by", args=[sent.pk])
    client.post(url, {"answer_by": "2099-01-31"})
    sent.refresh_from_db()
    assert sent.answer_by == date(2099, 1, 31)
    client.force_login(outsider)
    assert client.post(url, {"answer_by": "2099-02-01"}).status_code == 404
