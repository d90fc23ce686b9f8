"""Reminders (purring): e-mail the kommuner that have not delivered a form.

Who is reminded, on Oslo calendar day D, for a form with deadline F in a round with correction
cutoff C (all in `reminder_due_list`):

- the kommune must deliver the form (valid in the statistics year, not marked not applicable);
- it has not delivered: see `settled_kommuner` for what counts as delivered;
- `before_deadline`: once, on the first run within the `remind_days_before` days up to and
  including F (never before the round opens);
- `overdue`: after F up to and including C, on the first run after F and then whenever the
  last overdue reminder is at least `overdue_every_days` days old.

Because every rule looks at the reminders already logged rather than at "is today day X", a
second run on the same day sends nothing, and a job skipped for a few days sends one reminder
per kommune and form on its next run, not one per missed day. A database constraint (one
scheduled reminder per kommune, form, kind and day) holds the line if two runs overlap.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mottak.errors import MottakError
from mottak.models import (
    Kommune,
    KommuneContact,
    Reminder,
    ReportingRound,
    RoundForm,
    User,
)
from mottak.services.audit import audit_log
from mottak.services.calendar import (
    SKJEMA_ORDER,
    eform_received_kommuner,
    format_day,
    obligation_kommuner,
    oslo_date,
)
from mottak.states import SETTLED

logger = logging.getLogger(__name__)

# Form states that mean "do not remind" (mottak.states.SETTLED): delivered, or a delivery
# held, received or being checked (its verdict will come; if it is rejected, the next run
# reminds). A kommune whose only delivery was rejected or failed, or that lacks one of its
# declared parts, has not delivered and is reminded.
SETTLED_STATES = SETTLED


class StatusUnavailable(Exception):
    """The delivery status cannot be read; reminding now could chase kommuner that delivered."""


@dataclass(frozen=True)
class DueReminder:
    kommune_nr: str
    skjema: str
    aar: int
    kind: str
    deadline_on: date
    to: list[str] = field(default_factory=list)
    # The form's delivery state (M4's status value: not_delivered, rejected, failed,
    # parts_missing; "" for an e-form or when unknown); chooses the e-mail's words.
    state: str = ""

    def as_dict(self) -> dict:
        """The shape printed by `send_reminders --format json`."""
        return {
            "kommune": self.kommune_nr,
            "skjema": self.skjema,
            "aar": self.aar,
            "kind": self.kind,
            "to": list(self.to),
        }


def file_states(*, aar: int, skjema: str) -> dict[str, str]:
    """M4's form state per kommune, for the reminder's text; empty when unreadable."""
    try:
        from mottak.selectors.deliveries import form_status_list

        return {
            s.kommune_nr: _state_value(s.state) for s in form_status_list(aar=aar, skjema=skjema)
        }
    except Exception:  # noqa: BLE001 - the text falls back to "not delivered"
        logger.exception("No delivery states for %s %s", skjema, aar)
        return {}


def file_settled_kommuner(*, aar: int, skjema: str) -> set[str]:
    """Kommuner whose file delivery of `skjema` for `aar` counts as delivered (M4's status)."""
    try:
        from mottak.selectors.deliveries import form_status_list
    except ImportError as err:
        raise StatusUnavailable("mottak.selectors.deliveries is missing") from err
    return {
        status.kommune_nr
        for status in form_status_list(aar=aar, skjema=skjema)
        if _state_value(status.state) in SETTLED_STATES
    }


def _state_value(state) -> str:
    return str(getattr(state, "value", state))


def settled_kommuner(*, form: RoundForm, at: datetime | None = None) -> set[str]:
    """Kommuner that have delivered `form`: an accepted (or still-checking) file delivery or a
    declaration of no participants, per M4's status; or, for forms taken as e-form, an
    "e-form received" mark registered by SSB staff, received by `at` when given."""
    aar = form.round.aar
    settled: set[str] = set()
    if form.takes_files:
        settled |= file_settled_kommuner(aar=aar, skjema=form.skjema)
    if form.takes_eform:
        settled |= eform_received_kommuner(aar=aar, skjema=form.skjema, at=at)
    return settled


def reminder_recipients(*, kommune_nr: str) -> list[str]:
    """SSB's register of contact addresses plus the kommune's active users, sorted, unique."""
    return _recipients_by_kommune([kommune_nr]).get(kommune_nr, [])


def _recipients_by_kommune(numbers: list[str]) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    contacts = KommuneContact.objects.filter(kommune_nr__in=numbers).values_list(
        "kommune_nr", "email"
    )
    users = (
        User.objects.filter(kommune_nr__in=numbers, is_active=True, is_staff=False)
        .exclude(email="")
        .values_list("kommune_nr", "email")
    )
    for nr, email in [*contacts, *users]:
        if email.strip():
            found.setdefault(nr, set()).add(email.strip().lower())
    return {nr: sorted(addresses) for nr, addresses in found.items()}


def _kind_on(*, form: RoundForm, today: date) -> str | None:
    rnd = form.round
    if today < rnd.opens_on or today > rnd.correction_cutoff_on:
        return None
    if form.deadline_on - timedelta(days=rnd.remind_days_before) <= today <= form.deadline_on:
        return Reminder.Kind.BEFORE_DEADLINE
    if today > form.deadline_on:
        return Reminder.Kind.OVERDUE
    return None


def _open_forms(today: date) -> list[RoundForm]:
    rounds = ReportingRound.objects.filter(opens_on__lte=today, correction_cutoff_on__gte=today)
    forms = RoundForm.objects.filter(round__in=rounds).select_related("round")
    return sorted(forms, key=lambda f: (f.round.aar, f.deadline_on, SKJEMA_ORDER.get(f.skjema, 99)))


def reminder_due_list(*, now: datetime) -> list[DueReminder]:
    """The reminders a scheduled run at `now` sends (see the module docstring).

    Steps, per form open for reminders today: the kommuner with an obligation whose last
    reminder of today's kind is old enough (none for a notice; `overdue_every_days` for an
    overdue one); of those, the ones that have not delivered (the delivery status is read only
    when someone is due by the calendar); and their addresses.
    """
    today = oslo_date(now)
    due: list[DueReminder] = []
    for form in _open_forms(today):
        kind = _kind_on(form=form, today=today)
        if kind is None:
            continue
        aar, skjema = form.round.aar, form.skjema
        last_sent = dict(
            Reminder.objects.filter(aar=aar, skjema=skjema, kind=kind)
            .values("kommune_nr")
            .annotate(last=Max("sent_on"))
            .values_list("kommune_nr", "last")
        )
        by_calendar = [
            nr
            for nr in obligation_kommuner(aar=aar, skjema=skjema)
            if _due_by_calendar(
                kind=kind, last=last_sent.get(nr), today=today, every=form.round.overdue_every_days
            )
        ]
        if not by_calendar:
            continue
        try:
            settled = settled_kommuner(form=form, at=now)
        except StatusUnavailable:
            # Never guess: without the status, nobody is reminded about this form.
            logger.error("No delivery status for %s %s: reminders skipped", skjema, aar)
            continue
        candidates = [nr for nr in by_calendar if nr not in settled]
        states = file_states(aar=aar, skjema=skjema) if candidates and form.takes_files else {}
        recipients = _recipients_by_kommune(candidates)
        for nr in candidates:
            to = recipients.get(nr, [])
            if not to:
                logger.warning("No reminder addresses for kommune %s", nr)
                continue
            due.append(
                DueReminder(
                    kommune_nr=nr,
                    skjema=skjema,
                    aar=aar,
                    kind=kind,
                    deadline_on=form.deadline_on,
                    to=to,
                    state=states.get(nr, ""),
                )
            )
    return due


def _due_by_calendar(*, kind: str, last: date | None, today: date, every: int) -> bool:
    if last is None:
        return True
    if kind == Reminder.Kind.BEFORE_DEADLINE:
        return False
    return (today - last).days >= every


def reminder_send_due(*, now: datetime, dry_run: bool = False) -> list[DueReminder]:
    """Send and log every reminder due at `now`; return those sent (or, dry run, due).

    One e-mail per kommune per run, listing all its outstanding forms. Steps, per kommune:
    in one transaction, claim each form's day slot by inserting its log row (a row another
    run already claimed fails its insert and that form is left out), audit each, then send
    the one e-mail; a failed send rolls the kommune's rows back and the next run tries again.
    """
    due = reminder_due_list(now=now)
    if dry_run:
        return due
    sent: list[DueReminder] = []
    if not due:
        return sent
    by_kommune: dict[str, list[DueReminder]] = {}
    for item in due:
        by_kommune.setdefault(item.kommune_nr, []).append(item)
    # One mail connection for the whole run (hundreds of reminders on a busy day).
    with mailers["default"] as connection:
        for nr, items in by_kommune.items():
            try:
                with transaction.atomic():
                    claimed = _log_and_send(
                        items=items, now=now, manual=False, sent_by=None, connection=connection
                    )
            except Exception:
                logger.exception("Reminder to kommune %s failed", nr)
                continue
            sent += [item for item, _reminder in claimed]
    return sent


def reminder_send_now(
    *, kommune_nr: str, skjema: str, aar: int, now: datetime, sent_by: User | None
) -> Reminder:
    """Staff's "send reminder now": the same checks and e-mail as the scheduled run, at once.

    Refused (MottakError) when the form is not in a round, the round is not open for reminders,
    the kommune has no obligation or has delivered, or no address is known.
    """
    form = RoundForm.objects.select_related("round").filter(round__aar=aar, skjema=skjema).first()
    if form is None:
        raise MottakError(
            _("Skjema %(skjema)s er ikke med i runden for %(aar)s.")
            % {"skjema": skjema, "aar": aar},
            code="form_not_in_round",
        )
    today = oslo_date(now)
    if not form.round.opens_on <= today <= form.round.correction_cutoff_on:
        raise MottakError(
            _("Runden for %(aar)s er ikke åpen for påminnelser nå.") % {"aar": aar},
            code="round_closed",
        )
    kind = Reminder.Kind.BEFORE_DEADLINE if today <= form.deadline_on else Reminder.Kind.OVERDUE
    if kommune_nr not in obligation_kommuner(aar=aar, skjema=skjema):
        raise MottakError(
            _("Kommune %(nr)s har ikke plikt til å levere skjema %(skjema)s for %(aar)s.")
            % {"nr": kommune_nr, "skjema": skjema, "aar": aar},
            code="no_obligation",
        )
    try:
        settled = settled_kommuner(form=form, at=now)
    except StatusUnavailable:
        raise MottakError(
            _("Leveransestatus kan ikke leses nå; påminnelsen er ikke sendt."),
            code="status_unavailable",
        ) from None
    if kommune_nr in settled:
        raise MottakError(
            _("Kommune %(nr)s har allerede levert skjema %(skjema)s for %(aar)s.")
            % {"nr": kommune_nr, "skjema": skjema, "aar": aar},
            code="delivered",
        )
    to = reminder_recipients(kommune_nr=kommune_nr)
    if not to:
        raise MottakError(
            _("Kommune %(nr)s har ingen e-postadresse for påminnelser.") % {"nr": kommune_nr},
            code="no_address",
        )
    item = DueReminder(
        kommune_nr=kommune_nr,
        skjema=skjema,
        aar=aar,
        kind=kind,
        deadline_on=form.deadline_on,
        to=to,
        state=file_states(aar=aar, skjema=skjema).get(kommune_nr, "") if form.takes_files else "",
    )
    if Reminder.objects.filter(
        kommune_nr=kommune_nr, skjema=skjema, aar=aar, manual=True, sent_on=today
    ).exists():
        raise MottakError(
            _("Kommune %(nr)s har allerede fått en påminnelse om skjema %(skjema)s i dag.")
            % {"nr": kommune_nr, "skjema": skjema},
            code="already_sent_today",
        )
    try:
        with transaction.atomic():
            [(_item, reminder)] = _log_and_send(items=[item], now=now, manual=True, sent_by=sent_by)
    except ValueError:  # nothing claimed: a concurrent click sent it
        raise MottakError(
            _("Kommune %(nr)s har allerede fått en påminnelse om skjema %(skjema)s i dag.")
            % {"nr": kommune_nr, "skjema": skjema},
            code="already_sent_today",
        ) from None
    return reminder


def _log_and_send(
    *,
    items: list[DueReminder],
    now: datetime,
    manual: bool,
    sent_by: User | None,
    connection=None,
) -> list[tuple[DueReminder, Reminder]]:
    """Log (and audit) each item whose slot is free, then send one e-mail about them all.
    Call inside a transaction: a failed send must undo the rows."""
    claimed: list[tuple[DueReminder, Reminder]] = []
    for item in items:
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    kommune_nr=item.kommune_nr,
                    skjema=item.skjema,
                    aar=item.aar,
                    kind=item.kind,
                    deadline_on=item.deadline_on,
                    sent_on=oslo_date(now),
                    sent_at=now,
                    recipients=item.to,
                    manual=manual,
                    sent_by=sent_by,
                )
        except IntegrityError:
            continue  # another run sent this one today
        audit_log(
            action="reminder.sent",
            actor=sent_by,
            kommune_nr=item.kommune_nr,
            obj=reminder,
            now=now,
            data={
                "skjema": item.skjema,
                "aar": item.aar,
                "kind": item.kind,
                "state": item.state,
                "manual": manual,
                "recipients": len(item.to),
            },
        )
        claimed.append((item, reminder))
    if not claimed:
        return claimed
    to = sorted({address for item, _r in claimed for address in item.to})
    subject, body = reminder_email_render_many(items=[item for item, _r in claimed])
    message = EmailMessage(subject=subject, body=body, to=to)
    if connection is None:
        message.send()
    elif connection.send_messages([message]) != 1:
        raise RuntimeError("the mail backend did not send the reminder")
    return claimed


def reminder_email_render(*, item: DueReminder) -> tuple[str, str]:
    """Subject and body, in Norwegian bokmål, of a reminder about one form."""
    return reminder_email_render_many(items=[item])


def _status_words(item: DueReminder) -> str:
    if item.state in ("rejected", "failed"):
        return _("avvist: filen dere leverte ble ikke godkjent i kontrollen; lever en rettet fil")
    if item.state == "parts_missing":
        return _("ikke komplett: en eller flere av delene dere har meldt, mangler godkjent fil")
    return _("ikke levert")


def _form_line(item: DueReminder, form: RoundForm, values: dict) -> list[str]:
    values = {
        **values,
        "skjema": item.skjema,
        "aar": item.aar,
        "frist": format_day(item.deadline_on),
    }
    values["cutoff"] = format_day(form.round.correction_cutoff_on)
    values["status"] = _status_words(item) if form.takes_files else _("ikke registrert mottatt")
    if item.kind == Reminder.Kind.BEFORE_DEADLINE:
        text = _("Skjema %(skjema)s for statistikkåret %(aar)s: %(status)s. Fristen er %(frist)s.")
    else:
        text = _(
            "Skjema %(skjema)s for statistikkåret %(aar)s: %(status)s. Fristen var %(frist)s. "
            "Lever så snart som mulig; siste frist for rettinger er %(cutoff)s."
        )
    lines = ["- " + text % values]
    if not form.takes_files:
        lines.append("  " + _("Skjemaet leveres som e-skjema, ikke i KOSTRA-mottak."))
    elif item.skjema == "11CF":
        lines.append(
            "  "
            + _(
                "Hadde kommunen ingen deltakere i kvalifiseringsprogrammet (KVP) i %(aar)s, "
                "melder dere «ingen deltakere» i KOSTRA-mottak i stedet for å levere en fil."
            )
            % values
        )
    return lines


def reminder_email_render_many(*, items: list[DueReminder]) -> tuple[str, str]:
    """Subject and body, in Norwegian bokmål, of one e-mail to one kommune listing every
    form it is reminded about in this run."""
    first_item = items[0]
    kommune = Kommune.objects.valid_in(first_item.aar).filter(nummer=first_item.kommune_nr).first()
    navn = f"{first_item.kommune_nr} {kommune.navn}" if kommune else first_item.kommune_nr
    forms = {
        (f.round.aar, f.skjema): f
        for f in RoundForm.objects.select_related("round").filter(
            round__aar__in={i.aar for i in items}
        )
    }
    site = settings.SITE_URL.rstrip("/")
    with translation.override("nb"):
        values = {
            "kommune": navn,
            "lenke": site + reverse("mottak:home"),
            "paminnelser": site + reverse("mottak:reminders"),
        }
        if len(items) == 1:
            one = {
                "skjema": first_item.skjema,
                "aar": first_item.aar,
                "frist": format_day(first_item.deadline_on),
            }
            if first_item.kind == Reminder.Kind.BEFORE_DEADLINE:
                subject = _("KOSTRA: skjema %(skjema)s for %(aar)s har frist %(frist)s") % one
            elif first_item.state in ("rejected", "failed"):
                subject = _("KOSTRA: skjema %(skjema)s for %(aar)s er avvist") % one
            else:
                subject = _("KOSTRA: skjema %(skjema)s for %(aar)s er ikke levert") % one
        else:
            subject = _("KOSTRA: påminnelse om skjema %(skjemaer)s") % {
                "skjemaer": ", ".join(f"{i.skjema} ({i.aar})" for i in items)
            }
        lines = [
            _("Til KOSTRA-kontakten i %(kommune)s") % values,
            "",
            _("SSB har ennå ikke mottatt godkjent levering av dette fra %(kommune)s:") % values,
            "",
        ]
        for item in items:
            lines += _form_line(item, forms[(item.aar, item.skjema)], values)
        lines += [
            "",
            _("Lever i KOSTRA-mottak: %(lenke)s") % values,
            _("Påminnelsene kommunen har fått: %(paminnelser)s") % values,
            "",
            _("Har dere levert i dag, kan dere se bort fra denne e-posten."),
            "",
            _("Vennlig hilsen"),
            _("Statistisk sentralbyrå"),
        ]
    return subject, "\n".join(str(line) for line in lines)


def reminder_list_for_kommune(*, kommune_nr: str, limit: int = 200) -> list[Reminder]:
    return list(Reminder.objects.filter(kommune_nr=kommune_nr)[:limit])
