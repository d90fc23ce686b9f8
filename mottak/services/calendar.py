"""The reporting calendar: judging deliveries against the round, exceptions, obligations.

Time is always an argument. Calendar days are days in Europe/Oslo: a round opens at 00:00 on
`opens_on`; a deadline and the correction cutoff last until 24:00 on their day; freeze windows
are exact instants, start inclusive and end exclusive.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from kontroll.personvern import mask_text
from mottak.errors import MottakError
from mottak.models import (
    Channel,
    DeadlineException,
    FreezeWindow,
    Kommune,
    KommuneContact,
    ObligationMark,
    ReportingRound,
    RoundForm,
    Skjema,
    User,
)
from mottak.services.audit import audit_log

OSLO = ZoneInfo("Europe/Oslo")

FILE_SKJEMA = (Skjema.F11, Skjema.CF11)
# The catalogue's order (11F, 11CF, 7, 7B, 12), for lists shown to people.
SKJEMA_ORDER = {skjema: i for i, skjema in enumerate(Skjema.values)}


def round_forms_sorted(forms) -> list[RoundForm]:
    """Forms by statistics year (newest first), deadline, then catalogue order."""
    return sorted(
        forms, key=lambda f: (-f.round.aar, f.deadline_on, SKJEMA_ORDER.get(f.skjema, 99))
    )


def day_start(day: date) -> datetime:
    """00:00 in Oslo on `day`, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=OSLO)


def day_end(day: date) -> datetime:
    """The first instant after `day` in Oslo (exclusive end of the day)."""
    return day_start(day + timedelta(days=1))


def oslo_date(moment: datetime) -> date:
    return moment.astimezone(OSLO).date()


def format_day(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")  # "4. januar 2027", "January 4, 2027"


def format_moment(moment: datetime) -> str:
    return formats.date_format(moment.astimezone(OSLO), "j. F Y \\k\\l. H:i")


@dataclass(frozen=True)
class DeliveryJudgement:
    """How the calendar treats one delivery received at a given time.

    `refused`: not taken in at all, `message` says why. `late`: taken in after the form's
    deadline. `held_until`: taken in during a freeze window; control runs when it closes.
    `code` names the outcome for callers and tests (the message is for people).
    """

    refused: bool
    message: str
    late: bool = False
    held_until: datetime | None = None
    code: str = ""


def round_get(*, aar: int) -> ReportingRound | None:
    return ReportingRound.objects.filter(aar=aar).first()


def round_form_get(*, aar: int, skjema: str) -> RoundForm | None:
    return RoundForm.objects.select_related("round").filter(round__aar=aar, skjema=skjema).first()


def deadline_exception_active(
    *, kommune_nr: str, skjema: str, aar: int, at: datetime
) -> DeadlineException | None:
    """The exception (latest expiry) that lets this kommune deliver at `at`, if any."""
    return (
        DeadlineException.objects.filter(
            kommune_nr=kommune_nr, skjema=skjema, aar=aar, expires_at__gt=at
        )
        .order_by("-expires_at")
        .first()
    )


def freeze_window_at(*, round: ReportingRound, at: datetime) -> tuple[datetime, str] | None:
    """(end, text) of the freeze period containing `at`; back-to-back windows are joined."""
    windows = list(round.freeze_windows.all())
    current = [w for w in windows if w.starts_at <= at < w.ends_at]
    if not current:
        return None
    end = max(w.ends_at for w in current)
    texts = [w.text for w in current if w.text]
    extended = True
    while extended:
        extended = False
        for w in windows:
            if w.starts_at <= end < w.ends_at:
                end = w.ends_at
                extended = True
    return end, " ".join(texts)


def round_judge_delivery(
    *, kommune_nr: str, skjema: str, aar: int, received_at: datetime
) -> DeliveryJudgement:
    """Judge a file delivery against the round of its statistics year.

    Steps, in order:
    1. no round for the year, a form not in it, or a form taken only as e-form: refused;
    2. before the round opens: refused;
    3. after the correction cutoff without an unexpired exception: refused;
    4. inside a freeze window: taken in and held until the window ends (late if past deadline);
    5. otherwise taken in, marked late when after the form's deadline.
    """
    form = round_form_get(aar=aar, skjema=skjema)
    if form is None:
        if round_get(aar=aar) is None:
            return DeliveryJudgement(
                refused=True,
                code="no_round",
                message=_("Mottaket for statistikkåret %(aar)s er ikke satt opp.") % {"aar": aar},
            )
        return DeliveryJudgement(
            refused=True,
            code="form_not_in_round",
            message=_("Skjema %(skjema)s skal ikke leveres for statistikkåret %(aar)s.")
            % {"skjema": skjema, "aar": aar},
        )
    if not form.takes_files:
        return DeliveryJudgement(
            refused=True,
            code="eform_only",
            message=_(
                "Skjema %(skjema)s for %(aar)s leveres som e-skjema, ikke som fil i portalen."
            )
            % {"skjema": skjema, "aar": aar},
        )
    rnd = form.round
    if received_at < day_start(rnd.opens_on):
        return DeliveryJudgement(
            refused=True,
            code="not_open",
            message=_("Mottaket for statistikkåret %(aar)s åpner %(dato)s.")
            % {"aar": aar, "dato": format_day(rnd.opens_on)},
        )
    late = received_at >= day_end(form.deadline_on)
    if received_at >= day_end(rnd.correction_cutoff_on):
        exception = deadline_exception_active(
            kommune_nr=kommune_nr, skjema=skjema, aar=aar, at=received_at
        )
        if exception is None:
            return DeliveryJudgement(
                refused=True,
                code="after_cutoff",
                late=True,
                message=_(
                    "Fristen for rettinger for statistikkåret %(aar)s gikk ut %(dato)s. "
                    "Kontakt SSB hvis kommunen likevel må levere."
                )
                % {"aar": aar, "dato": format_day(rnd.correction_cutoff_on)},
            )
    freeze = freeze_window_at(round=rnd, at=received_at)
    if freeze is not None:
        held_until, text = freeze
        message = _(
            "Leveransen er tatt imot, men kontrolleres først når frysperioden slutter %(tid)s."
        ) % {"tid": format_moment(held_until)}
        if text:
            message = f"{message} {text}"
        return DeliveryJudgement(
            refused=False, code="held", late=late, held_until=held_until, message=message
        )
    if late:
        return DeliveryJudgement(
            refused=False,
            code="late",
            late=True,
            message=_("Leveransen er tatt imot etter fristen %(dato)s.")
            % {"dato": format_day(form.deadline_on)},
        )
    return DeliveryJudgement(refused=False, code="on_time", message=_("Leveransen er tatt imot."))


# Standard rounds ---------------------------------------------------------------------------


def _forms_for_year(aar: int) -> list[tuple[str, str]]:
    """Forms and channels of a statistics year: 11F file only from 2020; 11CF file or e-form
    in 2020 and file only from 2021; 7, 7B and 12 are e-forms."""
    forms: list[tuple[str, str]] = [
        (Skjema.F11, Channel.FILE),
        (Skjema.CF11, Channel.FILE_OR_EFORM if aar <= 2020 else Channel.FILE),
        (Skjema.S7, Channel.EFORM),
        (Skjema.S7B, Channel.EFORM),
        (Skjema.S12, Channel.EFORM),
    ]
    return forms


@transaction.atomic
def reporting_round_create_standard(
    *, aar: int, created_by: User | None = None, now: datetime | None = None
) -> ReportingRound:
    """Create the round of `aar` with the dates of SSB's letter in the following year;
    idempotent. The one implementation behind the admin action and the demo data.

    Opens 4 January; 11F and 11CF due 15 January; 7, 7B and 12 due 17 February; preliminary
    publication 15 March; correction cutoff 30 April; final publication 15 June; a freeze
    window the seven days before each publication. An existing round is left as staff edited
    it; only missing forms and, when the round has none, the two freeze windows are added.
    A new round is audited (`reporting_round.created`).
    """
    y = aar + 1
    rnd, created = ReportingRound.objects.get_or_create(
        aar=aar,
        defaults={
            "opens_on": date(y, 1, 4),
            "preliminary_publication_on": date(y, 3, 15),
            "correction_cutoff_on": date(y, 4, 30),
            "final_publication_on": date(y, 6, 15),
        },
    )
    for skjema, channel in _forms_for_year(aar):
        deadline = date(y, 1, 15) if skjema in FILE_SKJEMA else date(y, 2, 17)
        RoundForm.objects.get_or_create(
            round=rnd, skjema=skjema, defaults={"channel": channel, "deadline_on": deadline}
        )
    if not rnd.freeze_windows.exists():
        for publication in (rnd.preliminary_publication_on, rnd.final_publication_on):
            FreezeWindow.objects.create(
                round=rnd,
                starts_at=day_start(publication - timedelta(days=7)),
                ends_at=day_start(publication),
                text=_(
                    "SSB klargjør publiseringen %(dato)s. Leveranser tas imot, men kontrolleres "
                    "når publiseringen er klar."
                )
                % {"dato": format_day(publication)},
            )
    if created:
        audit_log(
            action="reporting_round.created",
            actor=created_by,
            obj=rnd,
            now=now,
            data={"aar": aar, "standard": True, "opens_on": rnd.opens_on.isoformat()},
        )
    return rnd


# Exceptions and obligations ---------------------------------------------------------------


def deadline_exception_grant(
    *,
    kommune_nr: str,
    skjema: str,
    aar: int,
    expires_at: datetime,
    reason: str,
    granted_by: User | None,
    now: datetime,
) -> DeadlineException:
    """Let a kommune deliver one form after the correction cutoff until `expires_at`; audited."""
    if not reason.strip():
        raise MottakError(_("Et unntak må ha en begrunnelse."), code="reason_required")
    if expires_at <= now:
        raise MottakError(_("Unntaket må gjelde til et tidspunkt fram i tid."), code="expired")
    exception = DeadlineException.objects.create(
        kommune_nr=kommune_nr,
        skjema=skjema,
        aar=aar,
        expires_at=expires_at,
        reason=mask_text(reason),
        granted_by=granted_by,
        granted_at=now,
    )
    deadline_exception_log(exception=exception, actor=granted_by, now=now, action="granted")
    return exception


def deadline_exception_log(
    *, exception: DeadlineException, actor: User | None, now: datetime, action: str
) -> None:
    audit_log(
        action=f"deadline_exception.{action}",
        actor=actor,
        kommune_nr=exception.kommune_nr,
        obj=exception,
        now=now,
        data={
            "skjema": exception.skjema,
            "aar": exception.aar,
            "expires_at": exception.expires_at.isoformat(),
            "reason": exception.reason,
        },
    )


def obligation_mark(
    *,
    kommune_nr: str,
    skjema: str,
    aar: int,
    kind: str,
    note: str = "",
    marked_by: User | None,
    now: datetime,
    received_at: datetime | None = None,
) -> ObligationMark:
    """Mark an obligation as not applicable, or an e-form as received by SSB (at
    `received_at`, SSB's receipt time; unknown when None); audited."""
    note = mask_text(note)
    mark, _created = ObligationMark.objects.update_or_create(
        kommune_nr=kommune_nr,
        skjema=skjema,
        aar=aar,
        kind=kind,
        defaults={
            "note": note,
            "marked_by": marked_by,
            "marked_at": now,
            "received_at": received_at,
        },
    )
    data = {"skjema": skjema, "aar": aar, "note": note}
    if received_at is not None:
        data["received_at"] = received_at.isoformat()
    audit_log(
        action=f"obligation.{kind}",
        actor=marked_by,
        kommune_nr=kommune_nr,
        obj=mark,
        now=now,
        data=data,
    )
    return mark


def obligation_kommuner(*, aar: int, skjema: str) -> list[str]:
    """Numbers of the kommuner that must deliver `skjema` for `aar` (valid that year, not
    marked not applicable)."""
    excused = set(
        ObligationMark.objects.filter(
            aar=aar, skjema=skjema, kind=ObligationMark.Kind.NOT_APPLICABLE
        ).values_list("kommune_nr", flat=True)
    )
    numbers = Kommune.objects.valid_in(aar).values_list("nummer", flat=True).distinct()
    return sorted(n for n in numbers if n not in excused)


def eform_received_kommuner(*, aar: int, skjema: str, at: datetime | None = None) -> set[str]:
    """Kommuner whose e-form `skjema` counts as received (by `at`, when given)."""
    return {
        nr
        for (nr, s), received in eform_receipts_get(aar=aar).items()
        if s == skjema and (at is None or received <= at)
    }


def eform_receipts_get(*, aar: int) -> dict[tuple[str, str], datetime]:
    """(kommune_nr, skjema) -> when the e-form counts as received, for every e-form mark:
    SSB's receipt time, or when the mark was made if it has none (a mark is never dated
    before it was made). The one definition used by status, lateness, intake and reminders."""
    marks = ObligationMark.objects.filter(aar=aar, kind=ObligationMark.Kind.EFORM_RECEIVED)
    return {
        (nr, skjema): received or marked
        for nr, skjema, received, marked in marks.values_list(
            "kommune_nr", "skjema", "received_at", "marked_at"
        )
    }


# Contacts -----------------------------------------------------------------------------------


def kommune_contacts_for(*, kommune_nr: str) -> QuerySet[KommuneContact]:
    return KommuneContact.objects.filter(kommune_nr=kommune_nr)


@transaction.atomic
def kommune_contacts_import(
    *, csv_text: str, imported_by: User | None, now: datetime, replace: bool = False
) -> tuple[int, int]:
    """Import contact addresses from CSV with columns `kommunenummer`, `epost` (and optional
    `navn`); `;` or `,` separated. Returns (created, updated).

    With `replace`, each kommune named in the file keeps only the addresses in the file.
    A bad row stops the whole import with a Norwegian message naming the line; nothing is saved.
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from mottak.services.kommune_validity import kommune_nr_validator

    sample = csv_text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(csv_text), delimiter=delimiter)
    fields = {(f or "").strip().lower() for f in reader.fieldnames or []}
    if not {"kommunenummer", "epost"} <= fields:
        raise MottakError(
            _("CSV-filen må ha kolonnene «kommunenummer» og «epost»."), code="csv_columns"
        )
    rows: list[tuple[str, str, str]] = []
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        nr, email = row.get("kommunenummer", ""), row.get("epost", "")
        if not nr and not email:
            continue
        if len(nr) == 3 and nr.isdigit():
            nr = "0" + nr
        if not (len(nr) == 4 and nr.isdigit()):
            raise MottakError(
                _("Linje %(linje)s: «%(nr)s» er ikke et kommunenummer.")
                % {"linje": line, "nr": nr},
                code="csv_kommune",
            )
        try:
            kommune_nr_validator(nr)
        except ValidationError as err:
            raise MottakError(
                _("Linje %(linje)s: %(feil)s") % {"linje": line, "feil": err.messages[0]},
                code="csv_kommune",
            ) from None
        try:
            validate_email(email)
        except ValidationError:
            raise MottakError(
                _("Linje %(linje)s: «%(epost)s» er ikke en gyldig e-postadresse.")
                % {"linje": line, "epost": email},
                code="csv_email",
            ) from None
        rows.append((nr, email.lower(), row.get("navn", "")))
    if replace:
        for nr in {r[0] for r in rows}:
            keep = [r[1] for r in rows if r[0] == nr]
            KommuneContact.objects.filter(kommune_nr=nr).exclude(email__in=keep).delete()
    created = updated = 0
    for nr, email, name in rows:
        _obj, was_created = KommuneContact.objects.update_or_create(
            kommune_nr=nr,
            email=email,
            defaults={"name": name},
            create_defaults={"name": name, "created_at": now},
        )
        created += was_created
        updated += not was_created
    audit_log(
        action="kommune_contacts.imported",
        actor=imported_by,
        now=now,
        data={"created": created, "updated": updated, "replace": replace},
    )
    return created, updated


# Reads for pages --------------------------------------------------------------------------


@dataclass(frozen=True)
class FormDeadline:
    aar: int
    skjema: str
    channel_label: str
    deadline_on: date
    correction_cutoff_on: date
    open_until: datetime | None  # a deadline exception's expiry, when one is active


def round_calendar_for_kommune(*, kommune_nr: str, now: datetime) -> list[FormDeadline]:
    """Forms of the rounds still open to this kommune at `now` (cutoff not passed, or an
    unexpired exception), with their deadlines; for the municipality's pages."""
    today = oslo_date(now)
    rows: list[FormDeadline] = []
    for form in round_forms_sorted(RoundForm.objects.select_related("round")):
        rnd = form.round
        exception = deadline_exception_active(
            kommune_nr=kommune_nr, skjema=form.skjema, aar=rnd.aar, at=now
        )
        if today > rnd.correction_cutoff_on and exception is None:
            continue
        rows.append(
            FormDeadline(
                aar=rnd.aar,
                skjema=form.skjema,
                channel_label=str(form.get_channel_display()),
                deadline_on=form.deadline_on,
                correction_cutoff_on=rnd.correction_cutoff_on,
                open_until=exception.expires_at if exception else None,
            )
        )
    return rows


# Demo data ----------------------------------------------------------------------------------

DEMO_ROUNDS = (2020, 2021, 2026)
DEMO_KOMMUNER = ("4601", "0301")
DEMO_EXCEPTION_REASON = "Demo: runden 2020 holdes åpen for demokommunene i ett år."


@transaction.atomic
def calendar_demo_create(*, now: datetime) -> dict[str, int]:
    """Rounds for 2020, 2021 and 2026, a synthetic contact address for every kommune, and
    exceptions that keep the 2020 round open for the demo kommuner for a year from `now`.

    Idempotent: a rerun renews the demo exceptions' expiry and adds nothing twice.
    """
    for aar in DEMO_ROUNDS:
        reporting_round_create_standard(aar=aar)
    contacts = 0
    for nr in Kommune.objects.values_list("nummer", flat=True).distinct():
        _obj, created = KommuneContact.objects.get_or_create(
            kommune_nr=nr,
            email=f"postmottak@{nr}.kommune.test",
            defaults={"name": "Postmottak", "created_at": now},
        )
        contacts += created
    exceptions = 0
    for nr in DEMO_KOMMUNER:
        for skjema in FILE_SKJEMA:
            exception, _created = DeadlineException.objects.update_or_create(
                kommune_nr=nr,
                skjema=skjema,
                aar=2020,
                reason=DEMO_EXCEPTION_REASON,
                defaults={"expires_at": now + timedelta(days=365), "granted_at": now},
            )
            deadline_exception_log(exception=exception, actor=None, now=now, action="granted")
            exceptions += 1
    return {"rounds": len(DEMO_ROUNDS), "contacts": contacts, "exceptions": exceptions}
