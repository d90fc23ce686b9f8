"""No id or DUF number in stored reports: through the real pipeline (envelope, upload, worker
service, kontroll) for both skjema and every year, the stored findings, the report page, the
CSV and the API hold none. mottak masks where it stores a report (defence in depth: kontroll
masks too), and in the free text users store."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kontroll.personvern import mask_text
from kontroll.samples import generate_records, set_field
from mottak.models import Delivery, Finding
from mottak.services import deliveries as svc
from mottak.services import feedback as feedback_svc
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import envelope, finding_make, kontroll_available, report_make, upload

pytestmark = [
    pytest.mark.usefixtures("media_root", "round_2020"),
    pytest.mark.skipif(not kontroll_available(), reason="kontroll.run_control is not merged"),
]

ID = "12087949328"  # passes the id check digits (the example)
YEARS = range(2020, 2027)


def _file(skjema: str, aar: int, kommune: str, changes: list[dict]) -> bytes:
    records = generate_records(skjema, aar, kommune, None, n=len(changes) + 2, seed=3)
    for n, fields in enumerate(changes):
        for name, value in fields.items():
            records[n] = set_field(records[n], skjema, aar, name, value)
    return "".join(r + "\r\n" for r in records).encode("iso-8859-1")


def _control(user, keys, skjema, aar, data, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(
        svc, "control_job_push", lambda *, delivery_id, job_id, at_front=False: None
    )
    delivery = svc.submission_create(
        user=user,
        kommune_nr=user.kommune_nr,
        skjema=skjema,
        aar=aar,
        file=upload(envelope(keys, data, skjema=skjema, aar=aar, kommune=user.kommune_nr)),
        check_only=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        svc.submission_run_control(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery


def _outputs(client, delivery) -> dict[str, str]:
    """Everything a user can read of the report, and the stored rows."""
    rows = list(Finding.objects.filter(report__delivery=delivery).values())
    return {
        "rows": json.dumps(rows, default=str, ensure_ascii=False),
        "summary": json.dumps(delivery.report.summary, ensure_ascii=False),
        "page": client.get(reverse("mottak:report", args=[delivery.pk])).content.decode(),
        "csv": client.get(reverse("mottak:report_csv", args=[delivery.pk])).content.decode(),
        "api": client.get(reverse("mottak:api_delivery", args=[delivery.pk])).content.decode(),
    }


def _assert_no_ids(outputs: dict[str, str]) -> None:
    for where, text in outputs.items():
        assert ID not in text, where
        assert mask_text(text) == text, f"an id or DUF number in {where}"


@pytest.mark.parametrize("aar", YEARS)
def test_11f_id_in_duf_field_is_never_stored_or_shown(
    client, kontakt_bergen, portal_keys, aar, django_capture_on_commit_callbacks, monkeypatch
):
    data = _file("11F", aar, "4601", [{"PERSON_FODSELSNR": " " * 11, "PERSON_DUF": ID}])
    delivery = _control(
        kontakt_bergen, portal_keys, "11F", aar, data,
        django_capture_on_commit_callbacks, monkeypatch,
    )  # fmt: skip
    assert delivery.report is not None
    rules = set(Finding.objects.filter(report__delivery=delivery).values_list("rule", flat=True))
    assert rules, "the record with an id in PERSON_DUF gives findings"
    client.force_login(kontakt_bergen)
    _assert_no_ids(_outputs(client, delivery))


@pytest.mark.parametrize("aar", YEARS)
@pytest.mark.parametrize("skjema, kommune", [("11F", "4601"), ("11CF", "4601")])
def test_id_typed_into_journal_and_caseworker_fields_is_never_stored_or_shown(
    client, kontakt_bergen, portal_keys, skjema, kommune, aar,
    django_capture_on_commit_callbacks, monkeypatch,
):  # fmt: skip
    # The fields are narrower than an id: the id spills over into the next field, as a
    # careless export would; and a record with a broken id makes the id rules speak.
    changes = [
        {"PERSON_JOURNALNR": ID[:8], "PERSON_FODSELSNR": ID[8:] + " " * 8},
        {"SAKSBEHANDLER": ID[:10]},
        {"PERSON_FODSELSNR": ID[:10] + "0"},
    ]
    data = _file(skjema, aar, kommune, changes)
    delivery = _control(
        kontakt_bergen, portal_keys, skjema, aar, data,
        django_capture_on_commit_callbacks, monkeypatch,
    )  # fmt: skip
    client.force_login(kontakt_bergen)
    _assert_no_ids(_outputs(client, delivery))


@pytest.mark.parametrize("skjema", ["11F", "11CF"])
def test_mottak_masks_what_kontroll_left_in(
    client, kontakt_bergen, portal_keys, skjema, monkeypatch, django_capture_on_commit_callbacks
):
    """Defence in depth: even a control program that echoes ids stores none."""
    leaky = [
        finding_make(
            rule="038",
            severity="WARNING",
            line=1,
            journal_number=f"J{ID}",
            caseworker=ID,
            fields=["PERSON_DUF"],
            message=f"DUF-nummeret «{ID}» er ikke gyldig",
            values={"PERSON_DUF": ID, "PERSON_JOURNALNR": f"x{ID}", "TALL": int(ID)},
        )
    ]
    monkeypatch.setattr(svc, "kontroll_run", lambda **kw: report_make(findings=leaky, records=1))
    delivery = _control(
        kontakt_bergen, portal_keys, skjema, 2020, b"x\r\n",
        django_capture_on_commit_callbacks, monkeypatch,
    )  # fmt: skip
    stored = Finding.objects.get(report__delivery=delivery)
    assert stored.message == "DUF-nummeret «[skjult]» er ikke gyldig"
    assert stored.values == {"PERSON_DUF": "[skjult]", "PERSON_JOURNALNR": "x[skjult]",
                             "TALL": "[skjult]"}  # fmt: skip
    assert (stored.journal_number, stored.caseworker) == ("J[skjult]", "[skjult]")
    client.force_login(kontakt_bergen)
    outputs = _outputs(client, delivery)
    _assert_no_ids(outputs)
    rows = list(csv.reader(io.StringIO(outputs["csv"].lstrip("\ufeff")), delimiter=";"))
    assert rows[1][3] == "J[skjult]"


def test_free_text_users_store_is_masked(kontakt_bergen, staff, portal_keys):
    from mottak.models import FeedbackItem, FeedbackList
    from mottak.services.calendar import deadline_exception_grant, obligation_mark

    now = timezone.now()
    fl = feedback_svc.feedback_list_create(
        kommune_nr="4601", skjema="11F", aar=2020, title=f"Om {ID}",
        items=[feedback_svc.FeedbackItemSpec(question=f"Gjelder {ID}?")],
        created_by=staff, now=now, message=f"Se {ID}",
    )  # fmt: skip
    fl = FeedbackList.objects.get(pk=fl.pk)
    assert ID not in fl.title + fl.message
    item = FeedbackItem.objects.get(feedback_list=fl)
    assert item.question == "Gjelder [skjult]?"
    feedback_svc.feedback_list_send(feedback_list=fl, sent_by=staff, now=now)
    from django.db import transaction

    with transaction.atomic():
        feedback_svc.feedback_item_answer(
            item=item, answer="correct", explanation=f"Det er {ID}", user=kontakt_bergen, now=now
        )
    item.refresh_from_db()
    assert item.explanation == "Det er [skjult]"
    exception = deadline_exception_grant(
        kommune_nr="4601", skjema="11F", aar=2020, expires_at=now + timedelta(days=1),
        reason=f"Ringte om {ID}", granted_by=staff, now=now,
    )  # fmt: skip
    exception.refresh_from_db()
    assert exception.reason == "Ringte om [skjult]"
    mark = obligation_mark(
        kommune_nr="4601", skjema="11CF", aar=2020, kind="not_applicable",
        note=ID, marked_by=staff, now=now,
    )  # fmt: skip
    mark.refresh_from_db()
    assert mark.note == "[skjult]"
    delivery = Delivery.objects.create(
        kommune_nr="4601", skjema="11F", aar=2020, state_changed_at=now, sha256="0" * 64,
        size=1, key_id="k", receipt="K1", received_at=now,
    )  # fmt: skip
    svc.delivery_withdraw(delivery=delivery, user=staff, reason=f"Feil {ID}", now=now)
    delivery.refresh_from_db()
    assert delivery.withdrawn_reason == "Feil [skjult]"
