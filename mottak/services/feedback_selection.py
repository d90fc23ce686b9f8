"""Feedback lists: choosing what to ask (by rule, with counts, or by the lines of single
findings), the answer date, and telling the other side when a list changes hands.

Kept apart from `mottak.services.feedback` (the list's life cycle), which calls in here.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mottak.errors import MottakError
from mottak.models import User
from mottak.models.ssb import FeedbackList, FeedbackListState
from mottak.selectors.file_status import FindingRef
from mottak.services.audit import audit_log
from mottak.services.reminders import reminder_recipients

MAX_LINES_NAMED = 30


@dataclass(frozen=True)
class RuleCount:
    rule: str
    severity_label: str
    findings: int
    lines: int


def finding_rule_counts(findings: list[FindingRef]) -> list[RuleCount]:
    """Per rule in the latest delivery: the number of findings and of distinct lines."""
    by_rule: dict[str, list[FindingRef]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    return [
        RuleCount(
            rule=rule,
            severity_label=found[0].severity_label,
            findings=len(found),
            lines=len({f.line for f in found if f.line}),
        )
        for rule, found in sorted(by_rule.items())
    ]


def rule_question(rule: str, findings: list[FindingRef]) -> str:
    """One question about every finding of a rule: names the lines (at most 30) and the
    message once; never a record's values."""
    lines = sorted({f.line for f in findings if f.line})
    named = ", ".join(str(n) for n in lines[:MAX_LINES_NAMED])
    if len(lines) > MAX_LINES_NAMED:
        named += " " + _("og %(n)s til") % {"n": len(lines) - MAX_LINES_NAMED}
    where = _(" (linje %(linjer)s)") % {"linjer": named} if named else ""
    return _(
        "Kontroll %(rule)s slår ut %(n)s ganger%(where)s: %(message)s Er verdiene riktige?"
    ) % {"rule": rule, "n": len(findings), "where": where, "message": findings[0].message}


def findings_on_lines(findings: list[FindingRef], lines: list[int]) -> list[FindingRef]:
    """The findings on the chosen lines, one per rule, line and journal number."""
    wanted = set(lines)
    seen: set[str] = set()
    chosen = []
    for f in findings:
        if f.line in wanted and f.key not in seen:
            seen.add(f.key)
            chosen.append(f)
    return chosen


def parse_lines(text: str) -> list[int]:
    """Line numbers from "3, 9 14-16"; a bad token is an error, not silently dropped."""
    lines: list[int] = []
    for token in text.replace(",", " ").split():
        first, _dash, last = token.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise MottakError(
                _("«%(t)s» er ikke et linjenummer.") % {"t": token[:20]}, code="lines"
            )
        start, end = int(first), int(last or first)
        if end < start or end - start > 1000:
            raise MottakError(_("Ugyldig linjeintervall %(t)s.") % {"t": token}, code="lines")
        lines.extend(range(start, end + 1))
    return lines


@transaction.atomic
def feedback_answer_by_set(
    *, feedback_list: FeedbackList, answer_by: date, user: User, now: datetime
) -> FeedbackList:
    """Staff set the answer date of a draft or sent list; not in the past; audited."""
    if not user.is_staff:
        raise MottakError(_("Bare SSB kan gjøre dette."), code="not_staff")
    feedback_list = FeedbackList.objects.select_for_update().get(pk=feedback_list.pk)
    if feedback_list.state not in (FeedbackListState.DRAFT, FeedbackListState.SENT):
        raise MottakError(_("Svarfristen kan bare endres før kommunen har svart."), code="not_open")
    if answer_by < timezone.localdate(now):
        raise MottakError(_("Svarfristen kan ikke være i fortiden."), code="past")
    old = feedback_list.answer_by
    feedback_list.answer_by = answer_by
    feedback_list.save(update_fields=["answer_by"])
    audit_log(
        action="feedback.answer_by_changed",
        actor=user,
        kommune_nr=feedback_list.kommune_nr,
        obj=feedback_list,
        data={"from": old.isoformat() if old else None, "to": answer_by.isoformat()},
        now=now,
    )
    return feedback_list


def _url(name: str, pk: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs={"pk": pk})


def feedback_returned_notify(*, feedback_list: FeedbackList) -> None:
    """E-mail the staff member who made the list that the kommune has answered (after
    commit). Nobody to tell when the creator has no address."""
    creator = feedback_list.created_by
    if creator is None or not creator.email:
        return
    subject = _("Feilliste besvart: %(nr)s %(skjema)s %(aar)s") % {
        "nr": feedback_list.kommune_nr,
        "skjema": feedback_list.skjema,
        "aar": feedback_list.aar,
    }
    body = _("Kommune %(nr)s har besvart feillisten «%(title)s».\n\nSe svarene: %(url)s\n") % {
        "nr": feedback_list.kommune_nr,
        "title": feedback_list.title,
        "url": _url("mottak:ssb_feedback", feedback_list.pk),
    }
    to = [creator.email]
    transaction.on_commit(lambda: send_mail(subject, body, None, to))


def feedback_sent_back_notify(*, feedback_list: FeedbackList, position: int, reason: str) -> None:
    """E-mail the kommune that SSB sent an answer back, with the reason (after commit)."""
    recipients = reminder_recipients(kommune_nr=feedback_list.kommune_nr)
    if not recipients:
        return
    subject = _("SSB trenger et nytt svar: %(skjema)s %(aar)s") % {
        "skjema": feedback_list.skjema,
        "aar": feedback_list.aar,
    }
    body = _(
        "SSB har sendt tilbake svaret på spørsmål %(n)s i feillisten «%(title)s».\n\n"
        "Begrunnelse: %(reason)s\n\nSvar innen %(frist)s her: %(url)s\n"
    ) % {
        "n": position,
        "title": feedback_list.title,
        "reason": reason,
        "frist": feedback_list.answer_by.strftime("%d.%m.%Y") if feedback_list.answer_by else "-",
        "url": _url("mottak:feedback_answer", feedback_list.pk),
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
