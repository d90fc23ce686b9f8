"""Feedback lists (feillister): SSB asks a kommune about its data, the kommune answers.

Life of a list: staff create it (draft) from a delivery's findings and/or free text, send it
(sent; the kommune is e-mailed), the kommune answers every item and returns it (returned),
staff accept the answers (closed once every item is accepted). Staff may send an answer back,
which reopens the list for the kommune. Outstanding lists are reminded at a cadence.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kontroll.personvern import mask_text
from mottak.errors import MottakError
from mottak.models import User
from mottak.models.ssb import (
    FeedbackAnswer,
    FeedbackItem,
    FeedbackList,
    FeedbackListState,
    FeedbackReminder,
)
from mottak.selectors.file_status import FindingRef, latest_delivery_findings
from mottak.services.audit import audit_log
from mottak.services.feedback_selection import (
    feedback_returned_notify,
    feedback_sent_back_notify,
    findings_on_lines,
    rule_question,
)
from mottak.services.reminders import reminder_recipients

# Days between reminders of an outstanding list, and days after sending before the first one
# when the list has no explicit answer date.
FEEDBACK_REMINDER_CADENCE_DAYS = 7
FEEDBACK_DEFAULT_ANSWER_DAYS = 14


@dataclass(frozen=True)
class FeedbackItemSpec:
    question: str
    rule: str = ""
    line: int | None = None
    journal_number: str = ""


def _require_staff(user: User) -> None:
    if not user.is_staff:
        raise MottakError(_("Bare SSB kan gjøre dette."), code="not_staff")


@transaction.atomic
def feedback_list_create(
    *,
    kommune_nr: str,
    skjema: str,
    aar: int,
    title: str,
    items: list[FeedbackItemSpec],
    created_by: User,
    now: datetime,
    message: str = "",
    delivery_id: int | None = None,
    answer_by: date | None = None,
) -> FeedbackList:
    """Create a draft list with its items. Needs at least one non-empty question."""
    _require_staff(created_by)
    # Free text never keeps an id or DUF number (kontroll.personvern).
    title, message = mask_text(title), mask_text(message)
    items = [i for i in items if i.question.strip()]
    if not items:
        raise MottakError(_("En feilliste må ha minst ett spørsmål."), code="no_items")
    feedback_list = FeedbackList.objects.create(
        kommune_nr=kommune_nr,
        skjema=skjema,
        aar=aar,
        title=title.strip() or _("Spørsmål fra SSB"),
        message=message,
        delivery_id=delivery_id,
        answer_by=answer_by,
        created_at=now,
        created_by=created_by,
    )
    FeedbackItem.objects.bulk_create(
        FeedbackItem(
            feedback_list=feedback_list,
            position=n,
            rule=spec.rule,
            line=spec.line,
            journal_number=spec.journal_number,
            question=mask_text(spec.question.strip()),
        )
        for n, spec in enumerate(items, start=1)
    )
    audit_log(
        action="feedback.created",
        actor=created_by,
        kommune_nr=kommune_nr,
        obj=feedback_list,
        data={"skjema": skjema, "aar": aar, "items": len(items)},
        now=now,
    )
    return feedback_list


def finding_question(finding: FindingRef) -> str:
    """The question asked about one finding; names the line and journal number, no values."""
    where = []
    if finding.line:
        where.append(_("linje %(n)s") % {"n": finding.line})
    if finding.journal_number:
        where.append(_("journalnummer %(j)s") % {"j": finding.journal_number})
    place = f" ({', '.join(where)})" if where else ""
    return _("Kontroll %(rule)s%(place)s: %(message)s Er verdien riktig?") % {
        "rule": finding.rule,
        "place": place,
        "message": finding.message,
    }


def feedback_list_create_from_form(
    *,
    kommune_nr: str,
    skjema: str,
    aar: int,
    title: str,
    message: str,
    questions: list[str],
    finding_keys: list[str],
    created_by: User,
    now: datetime,
    rules: list[str] | None = None,
    lines: list[int] | None = None,
) -> FeedbackList:
    """A draft list from the latest delivery's findings plus free-text questions.

    Findings are chosen by rule (one question per rule naming its lines), by the lines of
    single findings (one question per finding), or by finding key; nothing is chosen unless
    asked for.
    """
    delivery_pk, findings = latest_delivery_findings(kommune_nr=kommune_nr, aar=aar, skjema=skjema)
    wanted = set(finding_keys)
    by_rule = [r for r in dict.fromkeys(rules or []) if any(f.rule == r for f in findings)]
    singles = findings_on_lines(findings, lines or []) + [
        f for f in dict.fromkeys(findings) if f.key in wanted
    ]
    singles = [f for f in dict.fromkeys(singles) if f.rule not in by_rule]
    items = (
        [
            FeedbackItemSpec(
                question=rule_question(rule, [f for f in findings if f.rule == rule]), rule=rule
            )
            for rule in by_rule
        ]
        + [
            FeedbackItemSpec(
                question=finding_question(f),
                rule=f.rule,
                line=f.line,
                journal_number=f.journal_number,
            )
            for f in singles
        ]
        + [FeedbackItemSpec(question=q) for q in questions]
    )
    chosen = by_rule or singles
    return feedback_list_create(
        kommune_nr=kommune_nr,
        skjema=skjema,
        aar=aar,
        title=title,
        message=message,
        items=items,
        created_by=created_by,
        now=now,
        delivery_id=delivery_pk if chosen else None,
    )


def _list_url(feedback_list: FeedbackList) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "mottak:feedback_answer", kwargs={"pk": feedback_list.pk}
    )


@transaction.atomic
def feedback_list_send(*, feedback_list: FeedbackList, sent_by: User, now: datetime) -> int:
    """Send a draft list to the kommune.

    Steps: check it is a draft, set state and answer date (default two weeks), write the audit
    event, e-mail the kommune's reporting contacts and users once the transaction commits.
    Returns the number of recipients.
    """
    _require_staff(sent_by)
    feedback_list = FeedbackList.objects.select_for_update().get(pk=feedback_list.pk)
    if feedback_list.state != FeedbackListState.DRAFT:
        raise MottakError(_("Feillisten er allerede sendt."), code="already_sent")
    feedback_list.state = FeedbackListState.SENT
    feedback_list.sent_at = now
    if feedback_list.answer_by is None:
        feedback_list.answer_by = timezone.localdate(now) + timedelta(
            days=FEEDBACK_DEFAULT_ANSWER_DAYS
        )
    feedback_list.save(update_fields=["state", "sent_at", "answer_by"])
    recipients = reminder_recipients(kommune_nr=feedback_list.kommune_nr)
    audit_log(
        action="feedback.sent",
        actor=sent_by,
        kommune_nr=feedback_list.kommune_nr,
        obj=feedback_list,
        data={"recipients": len(recipients), "answer_by": feedback_list.answer_by.isoformat()},
        now=now,
    )
    subject = _("Spørsmål fra SSB om %(skjema)s %(aar)s") % {
        "skjema": feedback_list.skjema,
        "aar": feedback_list.aar,
    }
    body = _(
        "SSB har spørsmål om leveringen av skjema %(skjema)s for %(aar)s fra kommune "
        "%(kommune)s.\n\n%(title)s\n\nSvar innen %(frist)s her: %(url)s\n"
    ) % {
        "skjema": feedback_list.skjema,
        "aar": feedback_list.aar,
        "kommune": feedback_list.kommune_nr,
        "title": feedback_list.title,
        "frist": feedback_list.answer_by.strftime("%d.%m.%Y"),
        "url": _list_url(feedback_list),
    }
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, body, None, recipients, fail_silently=False)
        )
    return len(recipients)


@transaction.atomic
def feedback_item_answer(
    *, item: FeedbackItem, answer: str, explanation: str, user: User, now: datetime
) -> FeedbackItem:
    """The kommune answers one item. "Correct" needs an explanation."""
    # Read the list's state from the database, not from a possibly stale related object.
    feedback_list = FeedbackList.objects.select_for_update().get(pk=item.feedback_list_id)
    if not user.can_act_for(feedback_list.kommune_nr):
        raise MottakError(_("Du kan ikke svare for denne kommunen."), code="forbidden")
    if not feedback_list.is_open_for_answers:
        raise MottakError(_("Feillisten er ikke åpen for svar."), code="not_open")
    if answer not in FeedbackAnswer.values:
        raise MottakError(_("Velg et svar."), code="no_answer")
    if answer == FeedbackAnswer.CORRECT and not explanation.strip():
        raise MottakError(_("Forklar hvorfor verdien er riktig."), code="explanation_required")
    item.answer = answer
    item.explanation = mask_text(explanation.strip())
    item.answered_at = now
    item.answered_by = user
    item.accepted_at = None
    item.accepted_by = None
    item.save()
    return item


@transaction.atomic
def feedback_list_return(*, feedback_list: FeedbackList, user: User, now: datetime) -> None:
    """The kommune returns the list to SSB; every item must be answered."""
    feedback_list = FeedbackList.objects.select_for_update().get(pk=feedback_list.pk)
    if not user.can_act_for(feedback_list.kommune_nr):
        raise MottakError(_("Du kan ikke svare for denne kommunen."), code="forbidden")
    if not feedback_list.is_open_for_answers:
        raise MottakError(_("Feillisten er ikke åpen for svar."), code="not_open")
    unanswered = feedback_list.items.filter(answer="").count()
    if unanswered:
        raise MottakError(_("%(n)s spørsmål mangler svar.") % {"n": unanswered}, code="unanswered")
    feedback_list.state = FeedbackListState.RETURNED
    feedback_list.returned_at = now
    feedback_list.returned_by = user
    feedback_list.save(update_fields=["state", "returned_at", "returned_by"])
    audit_log(
        action="feedback.returned",
        actor=user,
        kommune_nr=feedback_list.kommune_nr,
        obj=feedback_list,
        data={
            "answers": {str(i.position): i.answer for i in feedback_list.items.order_by("position")}
        },
        now=now,
    )
    feedback_returned_notify(feedback_list=feedback_list)


@transaction.atomic
def feedback_item_accept(*, item: FeedbackItem, user: User, now: datetime) -> FeedbackList:
    """Staff accept one answer; the list is closed when every answer is accepted."""
    _require_staff(user)
    feedback_list = FeedbackList.objects.select_for_update().get(pk=item.feedback_list_id)
    if feedback_list.state != FeedbackListState.RETURNED:
        raise MottakError(_("Feillisten er ikke besvart ennå."), code="not_returned")
    item.accepted_at = now
    item.accepted_by = user
    item.save(update_fields=["accepted_at", "accepted_by"])
    audit_log(
        action="feedback.answer_accepted",
        actor=user,
        kommune_nr=feedback_list.kommune_nr,
        obj=feedback_list,
        data={"item": item.position, "answer": item.answer},
        now=now,
    )
    if not feedback_list.items.filter(accepted_at__isnull=True).exists():
        feedback_list.state = FeedbackListState.CLOSED
        feedback_list.closed_at = now
        feedback_list.save(update_fields=["state", "closed_at"])
        audit_log(
            action="feedback.closed",
            actor=user,
            kommune_nr=feedback_list.kommune_nr,
            obj=feedback_list,
            now=now,
        )
    return feedback_list


@transaction.atomic
def feedback_item_send_back(
    *, item: FeedbackItem, user: User, now: datetime, reason: str
) -> FeedbackList:
    """Staff do not accept an answer: the list goes back to the kommune with a reason."""
    _require_staff(user)
    feedback_list = FeedbackList.objects.select_for_update().get(pk=item.feedback_list_id)
    if feedback_list.state != FeedbackListState.RETURNED:
        raise MottakError(_("Feillisten er ikke besvart ennå."), code="not_returned")
    if not reason.strip():
        raise MottakError(_("Skriv hvorfor svaret ikke godtas."), code="reason_required")
    item.question = f"{item.question}\n\n{_('SSB:')} {mask_text(reason.strip())}"
    item.answer = ""
    item.answered_at = None
    item.accepted_at = None
    item.save()
    feedback_list.state = FeedbackListState.SENT
    feedback_list.returned_at = None
    feedback_list.save(update_fields=["state", "returned_at"])
    audit_log(
        action="feedback.answer_sent_back",
        actor=user,
        kommune_nr=feedback_list.kommune_nr,
        obj=feedback_list,
        data={"item": item.position},
        now=now,
    )
    feedback_sent_back_notify(
        feedback_list=feedback_list, position=item.position, reason=reason.strip()
    )
    return feedback_list


def _reminder_due(feedback_list: FeedbackList, today: date) -> bool:
    """Due once the answer date has passed, then every FEEDBACK_REMINDER_CADENCE_DAYS days."""
    if feedback_list.answer_by is None or today <= feedback_list.answer_by:
        return False
    last = feedback_list.reminders.order_by("-sent_on").first()
    return last is None or (today - last.sent_on).days >= FEEDBACK_REMINDER_CADENCE_DAYS


def feedback_reminders_send_due(*, now: datetime, dry_run: bool = False) -> list[dict]:
    """Remind kommuner of lists still outstanding after their answer date.

    Steps: for each sent (not returned) list past its answer date, skip it if reminded within
    the cadence; otherwise record a FeedbackReminder for today (unique per list and day, so a
    second run the same day sends nothing) and e-mail the kommune. After a pause, each list
    gets one reminder, not one per missed day. Returns what was (or would be) sent.
    """
    today = timezone.localdate(now)
    sent: list[dict] = []
    outstanding = FeedbackList.objects.filter(state=FeedbackListState.SENT).order_by("pk")
    for feedback_list in outstanding:
        if not _reminder_due(feedback_list, today):
            continue
        recipients = reminder_recipients(kommune_nr=feedback_list.kommune_nr)
        entry = {
            "feedback_list": feedback_list.pk,
            "kommune": feedback_list.kommune_nr,
            "skjema": feedback_list.skjema,
            "aar": feedback_list.aar,
            "to": recipients,
        }
        if dry_run:
            sent.append(entry)
            continue
        try:
            with transaction.atomic():
                FeedbackReminder.objects.create(
                    feedback_list=feedback_list, sent_on=today, sent_at=now, recipients=recipients
                )
                audit_log(
                    action="feedback.reminded",
                    kommune_nr=feedback_list.kommune_nr,
                    obj=feedback_list,
                    data={"recipients": len(recipients)},
                    now=now,
                )
        except IntegrityError:
            continue  # another run got there first today
        answer_by = feedback_list.answer_by
        assert answer_by is not None  # _reminder_due is true only with an answer date
        if recipients:
            send_mail(
                _("Påminnelse: ubesvarte spørsmål fra SSB om %(skjema)s %(aar)s")
                % {"skjema": feedback_list.skjema, "aar": feedback_list.aar},
                _(
                    "SSB venter fortsatt på svar på feillisten «%(title)s» (svarfrist "
                    "%(frist)s).\n\nSvar her: %(url)s\n"
                )
                % {
                    "title": feedback_list.title,
                    "frist": answer_by.strftime("%d.%m.%Y"),
                    "url": _list_url(feedback_list),
                },
                None,
                recipients,
            )
        sent.append(entry)
    return sent
