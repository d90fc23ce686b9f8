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
from mottak.services.calendar import (
    SKJEMA_ORDER,
    eform_received_kommuner,
    format_day,
    obligation_kommuner,
    oslo_date,
)

logger = logging.getLogger(__name__)

# States of M4's form status (mottak.selectors.deliveries) that mean "do not remind":
# an accepted delivery (with or without warnings), a declaration of no participants, or a
# delivery that is still being received/checked or held in a freeze window (its verdict will
# come; if it is rejected, the next run reminds). A kommune whose only delivery was rejected or
# failed, or that lacks one of its declared parts, has not delivered and is reminded.
SETTLED_STATES = frozenset(
    {
        "accepted",
        "accepted_with_warnings",
        "no_participants",
        "received",
        "checking",
        "held",
    }
)


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

    def as_dict(self) -> dict:
        """The shape printed by `send_reminders --format json`."""
        return {
            "kommune": self.kommune_nr,
            "skjema": self.skjema,
            "aar": self.aar,
            "kind": self.kind,
            "to": list(self.to),
        }


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

    Steps, per reminder: claim the day's slot by inserting the log row (a concurrent run that
    already claimed it makes the insert fail, and this run skips it); send the e-mail in the
    same transaction, so a failed send leaves no row and the next run tries again.
    """
    due = reminder_due_list(now=now)
    if dry_run:
        return due
    sent: list[DueReminder] = []
    if not due:
        return sent
    # One mail connection for the whole run (hundreds of reminders on a busy day).
    with mailers["default"] as connection:
        for item in due:
            try:
                with transaction.atomic():
                    _log_and_send(
                        item=item, now=now, manual=False, sent_by=None, connection=connection
                    )
            except IntegrityError:
                continue  # another run sent this one today
            except Exception:
                logger.exception(
                    "Reminder to kommune %s for %s %s failed",
                    item.kommune_nr,
                    item.skjema,
                    item.aar,
                )
                continue
            sent.append(item)
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
    )
    with transaction.atomic():
        return _log_and_send(item=item, now=now, manual=True, sent_by=sent_by)


def _log_and_send(
    *, item: DueReminder, now: datetime, manual: bool, sent_by: User | None, connection=None
) -> Reminder:
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
    subject, body = reminder_email_render(item=item)
    message = EmailMessage(subject=subject, body=body, to=item.to)
    if connection is None:
        message.send()
    elif connection.send_messages([message]) != 1:
        raise RuntimeError("the mail backend did not send the reminder")
    return reminder


def reminder_email_render(*, item: DueReminder) -> tuple[str, str]:
    """Subject and body, in Norwegian bokmål, of one reminder."""
    kommune = Kommune.objects.valid_in(item.aar).filter(nummer=item.kommune_nr).first()
    navn = f"{item.kommune_nr} {kommune.navn}" if kommune else item.kommune_nr
    form = RoundForm.objects.select_related("round").get(round__aar=item.aar, skjema=item.skjema)
    site = settings.SITE_URL.rstrip("/")
    with translation.override("nb"):
        values = {
            "kommune": navn,
            "skjema": item.skjema,
            "aar": item.aar,
            "frist": format_day(item.deadline_on),
            "cutoff": format_day(form.round.correction_cutoff_on),
            "lenke": site + reverse("mottak:home"),
            "paminnelser": site + reverse("mottak:reminders"),
        }
        if item.kind == Reminder.Kind.BEFORE_DEADLINE:
            subject = _("KOSTRA: skjema %(skjema)s for %(aar)s har frist %(frist)s") % values
            first = (
                _(
                    "SSB har ennå ikke mottatt skjema %(skjema)s for statistikkåret %(aar)s fra "
                    "%(kommune)s. Fristen er %(frist)s."
                )
                % values
            )
        else:
            subject = _("KOSTRA: skjema %(skjema)s for %(aar)s er ikke levert") % values
            first = (
                _(
                    "SSB har ikke mottatt godkjent skjema %(skjema)s for statistikkåret "
                    "%(aar)s fra %(kommune)s. Fristen var %(frist)s. Lever så snart som mulig; "
                    "siste frist for rettinger er %(cutoff)s."
                )
                % values
            )
        how = (
            _("Skjemaet leveres som e-skjema.")
            if not form.takes_files
            else _("Lever i KOSTRA-mottak: %(lenke)s") % values
        )
        lines = [
            _("Til KOSTRA-kontakten i %(kommune)s") % values,
            "",
            first,
            "",
            how,
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
