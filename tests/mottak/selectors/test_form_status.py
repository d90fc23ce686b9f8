"""form_status_get / form_status_list: the effective delivery and the state of each form."""

from datetime import timedelta
from itertools import count

import pytest

from mottak.models import DeclaredPart, Delivery, NoParticipantsDeclaration
from mottak.selectors.deliveries import (
    FormState,
    form_status_get,
    form_status_list,
    latest_findings_list,
    latest_report_get,
)
from tests.delivery_fixtures import JAN_10

_n = count(1)


def deliver(state, *, minutes=0, nr="4601", skjema="11F", part="", warnings=False, **kw):
    at = JAN_10 + timedelta(minutes=minutes)
    return Delivery.objects.create(
        kommune_nr=nr,
        skjema=skjema,
        aar=2020,
        part=part,
        state=state,
        state_changed_at=at,
        ciphertext="leveranser/x.kostra",
        sha256="0" * 64,
        size=1,
        key_id="k",
        receipt=f"R{next(_n)}",
        received_at=at,
        accepted={"accepted": True, "rejected": False}.get(state),
        with_warnings=warnings,
        **kw,
    )


def status(**kw):
    return form_status_get(kommune_nr="4601", skjema=kw.pop("skjema", "11F"), aar=2020, now=JAN_10)


@pytest.mark.django_db
def test_not_delivered_without_deliveries():
    s = status()
    assert s.state == FormState.NOT_DELIVERED and s.effective is None and s.latest is None


@pytest.mark.django_db
def test_latest_accepted_is_effective_and_later_rejection_does_not_undo_it():
    first = deliver("accepted", minutes=1)
    second = deliver("accepted", minutes=2, warnings=True)
    deliver("rejected", minutes=3)
    s = status()
    assert s.effective == second and s.state == FormState.ACCEPTED_WITH_WARNINGS
    assert s.latest.state == "rejected"
    assert first != s.effective


@pytest.mark.django_db
def test_withdrawn_and_check_only_deliveries_do_not_count():
    older = deliver("accepted", minutes=1)
    deliver("accepted", minutes=2, withdrawn_at=JAN_10)
    deliver("accepted", minutes=3, check_only=True)
    assert status().effective == older


@pytest.mark.django_db
def test_only_rejected_or_failed_is_not_delivered():
    deliver("failed", minutes=1)
    assert status().state == FormState.FAILED
    deliver("rejected", minutes=2)
    assert status().state == FormState.REJECTED
    assert not status().delivered


@pytest.mark.django_db
def test_pending_and_held_states():
    d = deliver("held", minutes=1, held_until=JAN_10 + timedelta(days=1))
    assert status().state == FormState.HELD and not status().delivered
    d.held_until = None
    d.state = "checking"
    d.save()
    assert status().state == FormState.CHECKING


@pytest.mark.django_db
def test_declared_parts_complete_only_when_every_part_is_accepted(kontakt_bergen):
    for part in ("nav", "flyktning"):
        DeclaredPart.objects.create(
            kommune_nr="4601", skjema="11F", aar=2020, part=part, declared_at=JAN_10
        )
    deliver("accepted", minutes=1, part="nav")
    s = status()
    assert s.state == FormState.PARTS_MISSING and s.parts_missing == ["flyktning"]
    deliver("checking", minutes=2, part="flyktning")
    assert status().state == FormState.CHECKING
    deliver("accepted", minutes=3, part="flyktning", warnings=True)
    s = status()
    assert s.state == FormState.ACCEPTED_WITH_WARNINGS and s.parts_missing == []
    assert [p.part for p in s.parts] == ["flyktning", "nav"]


@pytest.mark.django_db
def test_no_participants_counts_as_delivered_until_withdrawn_by_upload():
    decl = NoParticipantsDeclaration.objects.create(
        kommune_nr="4601", skjema="11CF", aar=2020, declared_at=JAN_10
    )
    assert status(skjema="11CF").state == FormState.NO_PARTICIPANTS
    assert status(skjema="11CF").delivered
    decl.withdrawn_at = JAN_10
    decl.save()
    deliver("rejected", minutes=1, skjema="11CF")
    assert status(skjema="11CF").state == FormState.REJECTED


@pytest.mark.django_db
def test_list_covers_every_kommune_of_the_year_and_every_form(reference_data):
    deliver("accepted", minutes=1)
    statuses = form_status_list(aar=2020, now=JAN_10)
    by_key = {(s.kommune_nr, s.skjema): s.state for s in statuses}
    assert by_key[("4601", "11F")] == FormState.ACCEPTED
    assert by_key[("4601", "11CF")] == FormState.NOT_DELIVERED
    assert by_key[("0301", "11F")] == FormState.NOT_DELIVERED
    assert len({s.kommune_nr for s in statuses}) > 300
    only_11f = form_status_list(aar=2020, skjema="11F", now=JAN_10)
    assert {s.skjema for s in only_11f} == {"11F"}


@pytest.mark.django_db
def test_latest_report_and_findings_per_kommune():
    from mottak.models import Finding, Report

    old = deliver("rejected", minutes=1)
    new = deliver("accepted", minutes=2)
    for d, rule in ((old, "012"), (new, "030")):
        r = Report.objects.create(delivery=d, created_at=JAN_10, accepted=d.accepted)
        Finding.objects.create(report=r, rule=rule, severity="WARNING", line=1, message="m")
    delivery, findings = latest_report_get(kommune_nr="4601", aar=2020, skjema="11F")
    assert delivery == new and [f.rule for f in findings] == ["030"]
    [(nr, rows)] = latest_findings_list(aar=2020, skjema="11F")
    assert nr == "4601" and [f.rule for f in rows] == ["030"]
