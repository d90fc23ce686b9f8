"""Control rules 014-039 for skjema 11CF: the qualification programme itself.

Dates of the application, decision and start (014-016), the previous programme (019-020A),
benefits before and during the programme (021-027), months and amount of benefit (028-033)
and the status at 31 December (036-039). See :mod:`kontroll.rules.kvalifisering` for the
conventions.
"""

from __future__ import annotations

import datetime as dt

from kontroll.context import Context
from kontroll.findings import Severity
from kontroll.i18n import N_
from kontroll.registry import Hit, Record, RuleResult, rule
from kontroll.rules.common import codes_text, int0, parse_date, shown, to_int
from kontroll.rules.kvalifisering_data import (
    ALL_YEARS,
    AMOUNT_MAX,
    AMOUNT_MIN,
    AVSL_FIELDS,
    COMPLETED_STATUS,
    ENDED_STATUS,
    INCOME_AFTER,
    KVP_MED_FIELDS,
    KVP_OSLO_CODES,
    MONTH_FIELDS,
    OSLO,
    SKJEMA,
    STATUS_CODES,
    YES_NO,
    YTELSE_TYPE,
    blank,
    date_pattern,
    has_months,
    kommnr_codes,
    severities,
)

ERROR = Severity.ERROR
WARNING = Severity.WARNING

# --- 014-016: dates ---------------------------------------------------------------------------


def _version_year(rec: Record) -> int | None:
    """VERSION as a year with century (2023 onwards), None when it is not a number."""
    year = to_int(rec["VERSION"])
    if year is None:
        return None
    return year + 2000 if 1 <= year <= 99 else year


def _date_problem(
    rec: Record, ctx: Context, name: str, *, start: bool = False
) -> str | None:
    """014-016: why the date in ``name`` is not accepted, or None.

    2020-2021: it must be a date. From 2022 records of Oslo (KOMMUNE_NR 0301) are skipped, and
    the date may not be more than four years older than VERSION (2022: two-digit years; the
    comparison is skipped when VERSION is not a number, which 004 reports). 016 from 2024:
    not more than four years before the statistics year and not after it.
    """
    aar = ctx.aar
    if aar >= 2022 and rec["KOMMUNE_NR"] == OSLO:
        return None
    day = parse_date(rec[name], date_pattern(aar))
    if day is None:
        return "invalid"
    if aar == 2021 or aar == 2020:
        return None
    if start and aar >= 2024:
        if aar - day.year > 4:
            return "old"
        return "future" if day.year > aar else None
    if aar == 2022:
        version = to_int(rec["VERSION"])
        return "old" if version is not None and version - day.year % 100 > 4 else None
    version_year = _version_year(rec)
    return "old" if version_year is not None and version_year - day.year > 4 else None


def _date_hit(rec: Record, ctx: Context, name: str, what: str, problem: str) -> Hit:
    value = rec[name]
    pattern = "DDMMÅÅÅÅ" if ctx.aar >= 2025 else "DDMMÅÅ"
    if problem == "invalid":
        text = N_("{what} er «{found}», som mangler eller ikke er en gyldig dato ({pattern}). "
                  "Feltet er obligatorisk.")  # fmt: skip
    elif problem == "old":
        text = N_(
            "{what} er «{found}», som er mer enn 4 år før rapporteringsåret {aar}."
        )
    else:
        text = N_(
            "{what} er «{found}», som er etter utgangen av rapporteringsåret {aar}."
        )
    message = text.format(what=what, found=shown(value), pattern=pattern, aar=ctx.aar)
    return Hit(message, {name: value, "problem": problem})


@rule("014", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("REG_DATO",),
      title=N_("Dato for registrert søknad"))  # fmt: skip
def registreringsdato(rec: Record, ctx: Context) -> RuleResult:
    """REG_DATO is not a date, or (from 2022, not Oslo) more than 4 years before VERSION."""
    problem = _date_problem(rec, ctx, "REG_DATO")
    if problem is None:
        return None
    return _date_hit(rec, ctx, "REG_DATO", N_("Datoen søknaden ble registrert ved NAV-kontoret"),
                     problem)  # fmt: skip


@rule("015", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("VEDTAK_DATO",),
      title=N_("Dato for fattet vedtak"))  # fmt: skip
def vedtaksdato(rec: Record, ctx: Context) -> RuleResult:
    """VEDTAK_DATO is not a date, or (from 2022, not Oslo) more than 4 years before VERSION."""
    problem = _date_problem(rec, ctx, "VEDTAK_DATO")
    if problem is None:
        return None
    return _date_hit(
        rec, ctx, "VEDTAK_DATO", N_("Datoen for vedtaket om program"), problem
    )


@rule("016", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("BEGYNT_DATO",),
      title=N_("Dato for oppstart av program"))  # fmt: skip
def begyntdato(rec: Record, ctx: Context) -> RuleResult:
    """BEGYNT_DATO is not a date, or (not Oslo) too old: 2022-2023 more than 4 years before
    VERSION, from 2024 more than 4 years before the statistics year or after it."""
    problem = _date_problem(rec, ctx, "BEGYNT_DATO", start=True)
    if problem is None:
        return None
    return _date_hit(rec, ctx, "BEGYNT_DATO", N_("Datoen deltakeren begynte i programmet"),
                     problem)  # fmt: skip


# --- 019-021: before the programme ----------------------------------------------------------------


@rule("019", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("KVP_KOMM",),
      title=N_("Kvalifiseringsprogram i annen kommune"))  # fmt: skip
def kvp_annen_kommune(rec: Record, ctx: Context) -> RuleResult:
    """KVP_KOMM is not 1 or 2 (2020 also accepted 0 and blank)."""
    value = rec["KVP_KOMM"]
    if value in YES_NO[ctx.aar]:
        return None
    return Hit(N_("Det er ikke svart riktig på om deltakeren kom fra kvalifiseringsprogram i "
                  "en annen kommune: fant «{found}», forventet 1 (ja) eller 2 (nei). Feltet er "
                  "obligatorisk.").format(found=shown(value)), {"KVP_KOMM": value})  # fmt: skip


@rule("020", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS,
      fields=("KVP_KOMM", "KOMMNR_KVP_KOMM"), title=N_("Kommunenummer for tidligere program"))  # fmt: skip
def kvp_kommunenummer(rec: Record, ctx: Context) -> RuleResult:
    """KVP_KOMM = 1 and KOMMNR_KVP_KOMM is not a kommunenummer of the year's code list (2020
    also 0000 and blank; 9999 only from 2025)."""
    if rec["KVP_KOMM"] != "1":
        return None
    value = rec["KOMMNR_KVP_KOMM"]
    if value in kommnr_codes(ctx.aar):
        return None
    return Hit(N_("Deltakeren kom fra kvalifiseringsprogram i en annen kommune (KVP_KOMM er 1), "
                  "men kommunenummeret for den kommunen er «{found}», som mangler eller ikke er "
                  "et gyldig kommunenummer i {aar}.").format(found=shown(value), aar=ctx.aar),
               {"KOMMNR_KVP_KOMM": value, "KVP_KOMM": "1"})  # fmt: skip


@rule("020A", skjema=SKJEMA, severity=WARNING, years=range(2020, 2023),
      fields=("KOMMUNE_NR", "KVP_OSLO"), title=N_("Kvalifiseringsprogram i annen bydel"))  # fmt: skip
def kvp_annen_bydel(rec: Record, ctx: Context) -> RuleResult:
    """For Oslo records (KOMMUNE_NR 0301) KVP_OSLO is not 1 or 2 (2020 also accepted 0)."""
    if rec["KOMMUNE_NR"] != OSLO:
        return None
    value = rec["KVP_OSLO"]
    if value in KVP_OSLO_CODES[ctx.aar]:
        return None
    return Hit(N_("Det er ikke svart riktig på om deltakeren kom fra kvalifiseringsprogram i "
                  "en annen bydel: fant «{found}», forventet 1 (ja) eller 2 (nei). Feltet er "
                  "obligatorisk for Oslo.").format(found=shown(value)), {"KVP_OSLO": value})  # fmt: skip


@rule("021", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS,
      fields=("YTELSE_SOSHJELP", "YTELSE_TYPE_SOSHJ"),
      title=N_("Økonomisk sosialhjelp før søknad"))  # fmt: skip
def sosialhjelp_for_soknad(rec: Record, ctx: Context) -> RuleResult:
    """YTELSE_SOSHJELP = 1 and YTELSE_TYPE_SOSHJ is not 2 or 3 (2020 also accepted 0 and blank)."""
    if rec["YTELSE_SOSHJELP"] != "1":
        return None
    value = rec["YTELSE_TYPE_SOSHJ"]
    if value in YTELSE_TYPE[ctx.aar]:
        return None
    return Hit(N_("Deltakeren hadde økonomisk sosialhjelp de siste to månedene før søknaden, "
                  "men typen er «{found}», forventet 2 (hovedkilde til livsopphold) eller 3 "
                  "(supplerende).").format(found=shown(value)),
               {"YTELSE_TYPE_SOSHJ": value})  # fmt: skip


# --- 026-027: other support during the programme ---------------------------------------------------


@rule("026", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("KVP_MED_ASTONAD",),
      title=N_("Annen støtte i perioden med kvalifiseringsstønad"))  # fmt: skip
def annen_stotte(rec: Record, ctx: Context) -> RuleResult:
    """KVP_MED_ASTONAD is not 1 or 2 (2020 also accepted 0 and blank)."""
    value = rec["KVP_MED_ASTONAD"]
    if value in YES_NO[ctx.aar]:
        return None
    return Hit(N_("Det er ikke svart riktig på om deltakeren i {aar} også fikk økonomisk "
                  "sosialhjelp, kommunal bostøtte eller Husbankens bostøtte: fant «{found}», "
                  "forventet 1 (ja) eller 2 (nei). Feltet er obligatorisk.").format(
                      aar=ctx.aar, found=shown(value)), {"KVP_MED_ASTONAD": value})  # fmt: skip


@rule("027", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS,
      fields=("KVP_MED_ASTONAD", "KVP_MED_KOMMBOS", "KVP_MED_HUSBANK", "KVP_MED_SOSHJ_ENGANG",
              "KVP_MED_SOSHJ_PGM", "KVP_MED_SOSHJ_SUP"),
      title=N_("Hvilken annen støtte"))  # fmt: skip
def hvilken_stotte(rec: Record, ctx: Context) -> RuleResult:
    """(a) KVP_MED_ASTONAD = 1 and none of the five support fields holds its code (2020 also 0
    or blank); (b) = 2 and one of them is ticked (until 2022 anything but blank or 0)."""
    answer, aar = rec["KVP_MED_ASTONAD"], ctx.aar
    fields = KVP_MED_FIELDS[aar]
    if answer == "1":
        for name, code in fields:
            value = rec[name]
            if value == code or (aar == 2020 and (value == "0" or value == " ")):
                return None
        text = N_("Det er oppgitt at deltakeren fikk annen støtte (KVP_MED_ASTONAD er 1), men "
                  "ingen av støttetypene er krysset av med gyldig kode: {values}.")  # fmt: skip
    elif answer == "2":
        for name, code in fields:
            value = rec[name]
            if (value == code) if aar >= 2023 else not (blank(value) or value == "0"):
                break
        else:
            return None
        text = N_("Det er oppgitt at deltakeren ikke fikk annen støtte (KVP_MED_ASTONAD er 2), "
                  "men støttetyper er krysset av: {values}.")  # fmt: skip
    else:
        return None
    values = {name: rec[name] for name, _ in fields}
    listed = ", ".join(f"{name} = «{value}»" for name, value in values.items())
    return Hit(text.format(values=listed), {"KVP_MED_ASTONAD": answer, **values},
               fields=("KVP_MED_ASTONAD", *values))  # fmt: skip


# --- 028-033: months and amount ----------------------------------------------------------------------

_MONTH_NAMES = tuple(name for name, _ in MONTH_FIELDS)


@rule("028", skjema=SKJEMA, severity=severities({2020: ERROR, 2021: WARNING}), years=ALL_YEARS,
      fields=_MONTH_NAMES, title=N_("Måneder med kvalifiseringsstønad"))  # fmt: skip
def maaneder_mangler(rec: Record, ctx: Context) -> RuleResult:
    """No month with benefit is ticked (catalogue 5.5); from 2021 not checked for STATUS 2."""
    if ctx.aar >= 2021 and rec["STATUS"] == "2":
        return None
    if has_months(rec, ctx.aar):
        return None
    amount = rec["KVP_STONAD"]
    return Hit(N_("Ingen måneder med utbetalt kvalifiseringsstønad er krysset av for {aar} "
                  "(stønadsbeløp «{amount}»). Feltene er obligatoriske.").format(
                      aar=ctx.aar, amount=shown(amount)), {"KVP_STONAD": amount})  # fmt: skip


@rule("029", skjema=SKJEMA, severity=WARNING, years=ALL_YEARS, fields=("KVP_STONAD",),
      title=N_("Kvalifiseringsstønad mangler"))  # fmt: skip
def stonad_mangler(rec: Record, ctx: Context) -> RuleResult:
    """2020-2022: KVP_STONAD is not a number; from 2023: STATUS = 1 and int0(KVP_STONAD) <= 0."""
    value = rec["KVP_STONAD"]
    if ctx.aar <= 2022:
        if to_int(value) is not None:
            return None
    elif rec["STATUS"] != "1" or int0(value) > 0:
        return None
    return Hit(N_("Stønadsbeløpet for året er «{found}»; det mangler eller inneholder annet "
                  "enn sifre. Forventet et beløp i hele kroner.").format(found=shown(value)),
               {"KVP_STONAD": value})  # fmt: skip


@rule("030", skjema=SKJEMA, severity=WARNING, years=ALL_YEARS,
      fields=("KVP_STONAD", *_MONTH_NAMES), title=N_("Måneder uten stønadsbeløp"))  # fmt: skip
def maaneder_uten_belop(rec: Record, ctx: Context) -> RuleResult:
    """Months are ticked but KVP_STONAD is missing: 2020-2022 not a number, from 2023 blank
    (and STATUS not 2)."""
    value, aar = rec["KVP_STONAD"], ctx.aar
    if aar <= 2022:
        if to_int(value) is not None:
            return None
    elif rec["STATUS"] == "2" or not blank(value):
        return None
    if not has_months(rec, aar):
        return None
    return Hit(N_("Det er krysset av for måneder med kvalifiseringsstønad, men stønadsbeløpet "
                  "er «{found}». Forventet et beløp i hele kroner.").format(found=shown(value)),
               {"KVP_STONAD": value})  # fmt: skip


@rule("031", skjema=SKJEMA, severity=WARNING, years=ALL_YEARS,
      fields=("KVP_STONAD", *_MONTH_NAMES), title=N_("Stønadsbeløp uten måneder"))  # fmt: skip
def belop_uten_maaneder(rec: Record, ctx: Context) -> RuleResult:
    """int0(KVP_STONAD) > 0 and no month is ticked; from 2023 only for STATUS 1."""
    amount = int0(rec["KVP_STONAD"])
    if amount <= 0 or (ctx.aar >= 2023 and rec["STATUS"] != "1"):
        return None
    if has_months(rec, ctx.aar):
        return None
    return Hit(N_("Deltakeren fikk {amount} kroner i kvalifiseringsstønad i {aar}, men ingen "
                  "måneder med stønad er krysset av. Månedene skal fylles ut.").format(
                      amount=amount, aar=ctx.aar), {"KVP_STONAD": amount})  # fmt: skip


@rule("032", skjema=SKJEMA, severity=WARNING, years=ALL_YEARS, fields=("KVP_STONAD",),
      title=N_("Stønadsbeløp over SSBs kontrollgrense"))  # fmt: skip
def belop_over_grense(rec: Record, ctx: Context) -> RuleResult:
    """KVP_STONAD is a number above the limit: 235 000 (2020-2021), 600 000 (from 2022)."""
    amount = to_int(rec["KVP_STONAD"])
    limit = AMOUNT_MAX[ctx.aar]
    if amount is None or amount <= limit:
        return None
    return Hit(N_("Stønadsbeløpet {amount} kroner er over SSBs kontrollgrense på {limit} "
                  "kroner. Kontroller beløpet.").format(amount=amount, limit=limit),
               {"KVP_STONAD": amount, "limit": limit})  # fmt: skip


@rule("033", skjema=SKJEMA, severity=WARNING, years=range(2020, 2022), fields=("KVP_STONAD",),
      title=N_("Stønadsbeløp under SSBs kontrollgrense"))  # fmt: skip
def belop_under_grense(rec: Record, ctx: Context) -> RuleResult:
    """KVP_STONAD is a number below 8 000 (0 and negative included, blank not)."""
    amount = to_int(rec["KVP_STONAD"])
    if amount is None or amount >= AMOUNT_MIN:
        return None
    return Hit(N_("Stønadsbeløpet {amount} kroner er under SSBs kontrollgrense på {limit} "
                  "kroner. Kontroller beløpet.").format(amount=amount, limit=AMOUNT_MIN),
               {"KVP_STONAD": amount, "limit": AMOUNT_MIN})  # fmt: skip


# --- 036-039: status at 31 December ------------------------------------------------------------------


@rule("036", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("STATUS",),
      title=N_("Status for deltakelsen per 31.12."))  # fmt: skip
def status(rec: Record, ctx: Context) -> RuleResult:
    """STATUS is not a status code of the year: 1-6 (2020 also 0 and blank), 1-7 from 2023."""
    value = rec["STATUS"]
    codes = STATUS_CODES[ctx.aar]
    if value in codes:
        return None
    valid = codes_text(SKJEMA, ctx.aar, "STATUS", sorted(c for c in codes if c.strip()))
    return Hit(N_("Status for deltakelsen i kvalifiseringsprogrammet per 31.12.{aar} er "
                  "«{found}». Gyldige koder: {valid}. Feltet er obligatorisk.").format(
                      aar=ctx.aar, found=shown(value), valid=valid), {"STATUS": value})  # fmt: skip


def _real_date(value: str, pattern: str) -> dt.date | None:
    """A date that exists in the calendar (no clamping of 31.04 to 30.04)."""
    day = parse_date(value, pattern)
    if day is None or day.day != int(value[0:2]):
        return None
    return day


@rule("037", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS, fields=("STATUS", "AVSL_DATO"),
      title=N_("Dato for avsluttet program"))  # fmt: skip
def avslutningsdato(rec: Record, ctx: Context) -> RuleResult:
    """For an ended programme (STATUS 3, 4, 5; from 2023 also 7) AVSL_DATO is a date (from 2024
    a real date within the statistics year); 2022 also: other statuses leave it blank."""
    code, value, aar = rec["STATUS"], rec["AVSL_DATO"], ctx.aar
    ended = ENDED_STATUS[aar]
    if code not in ended:
        if aar == 2022 and value != "      ":
            return Hit(N_("Avslutningsdatoen er «{found}», men skal være blank når status "
                          "ikke er 3, 4 eller 5 (status er «{status}»).").format(
                              found=value, status=shown(code)),
                       {"AVSL_DATO": value, "STATUS": code})  # fmt: skip
        return None
    pattern = date_pattern(aar)
    if aar >= 2024:
        day = _real_date(value, pattern)
        if day is not None and day.year == aar:
            return None
    elif parse_date(value, pattern) is not None:
        return None
    codes = codes_text(SKJEMA, aar, "STATUS", sorted(ended))
    return Hit(N_("Datoen deltakeren avsluttet programmet er «{found}». Den må fylles ut med en "
                  "gyldig dato{within} når status per 31.12.{aar} er en av: {codes}.").format(
                      found=shown(value), aar=aar, codes=codes,
                      within=N_(" i {aar}").format(aar=aar) if aar >= 2024 else ""),
               {"AVSL_DATO": value, "STATUS": code})  # fmt: skip


@rule("038", skjema=SKJEMA, severity=ERROR, years=ALL_YEARS,
      fields=("STATUS", "AVSL_ORDINAERTARB", "AVSL_ARBLONNSTILS", "AVSL_ARBMARK", "AVSL_SKOLE",
              "AVSL_ANNET"), title=N_("Situasjon etter fullført program"))  # fmt: skip
def situasjon_etter_program(rec: Record, ctx: Context) -> RuleResult:
    """STATUS 3 (from 2023 also 7) and none of the ten situation fields holds its code (2020
    also 00 or blank)."""
    code, aar = rec["STATUS"], ctx.aar
    if code not in COMPLETED_STATUS[aar]:
        return None
    fields = AVSL_FIELDS[aar]
    for name, own in fields:
        value = rec[name]
        if value == own or (aar == 2020 and (value == "00" or value == "  ")):
            return None
    names = tuple(name for name, _ in fields)
    return Hit(N_("Deltakerens situasjon rett etter avsluttet program må fylles ut når status "
                  "er «{status}», men ingen av svaralternativene er krysset av med gyldig kode.")
               .format(status=code), {"STATUS": code, **{n: rec[n] for n in names}},
               fields=("STATUS", *names))  # fmt: skip


@rule("039", skjema=SKJEMA, severity=ERROR, years=range(2021, 2027),
      fields=("STATUS", "AVSL_VIKTIGSTE_INNTEKT"),
      title=N_("Viktigste inntektskilde etter fullført program"))  # fmt: skip
def inntekt_etter_program(rec: Record, ctx: Context) -> RuleResult:
    """STATUS 3 and AVSL_VIKTIGSTE_INNTEKT is not one of its ten codes."""
    if rec["STATUS"] != "3":
        return None
    value = rec["AVSL_VIKTIGSTE_INNTEKT"]
    if value in INCOME_AFTER:
        return None
    return Hit(N_("Deltakerens viktigste kilde til livsopphold rett etter fullført program må "
                  "fylles ut når status er 3: fant «{found}», forventet en av kodene "
                  "{codes}.").format(found=shown(value), codes=", ".join(sorted(INCOME_AFTER))),
               {"AVSL_VIKTIGSTE_INNTEKT": value, "STATUS": "3"})  # fmt: skip
