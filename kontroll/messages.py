# ruff: noqa: E501
"""The texts of kontroll's findings and rule titles: one id, bokmål and English.

Rules never hold a sentence: they name a message id (``T("11F.003.1")``) and give its values
(``.format(found=..., expected=...)``). A finding carries the id and the values (``params``);
the sentence is rendered when it is shown, in bokmål or English (:func:`render`), so stored
reports hold no rendered sentence and a translation can change without touching stored data.

* ``T(id)`` gives the bokmål template as a :class:`Text` (a ``str``), whose ``.format(**params)``
  gives a :class:`Message`: the rendered bokmål (a ``str``, so a rule can use it as text) that
  remembers its id and params.
* A param may itself be a Text or Message (e.g. "blank", " i {aar}"); it is stored as
  ``{"message_id": ..., "params": {...}}`` and rendered in the same language.
* Ids: ``<skjema>.<rule>.title`` for a rule's title, ``<skjema>.<rule>.<n>`` for its messages,
  ``<skjema>.<helper>.<n>`` for a helper shared by several rules, ``common.<helper>.<n>``.

Labels of the reports themselves (headings, statistics groups) are short fixed texts, keyed by
their bokmål text in :data:`LABELS`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("nb", "en")
_LANG_INDEX = {"nb": 0, "en": 1}


class Text(str):
    """A catalogued bokmål template; ``.format(**params)`` gives a :class:`Message`."""

    id: str

    def __new__(cls, message_id: str) -> Text:
        obj = super().__new__(cls, MESSAGES[message_id][0])
        obj.id = message_id
        return obj

    def format(self, *args: object, **params: Any) -> Message:
        if args:
            raise TypeError("kontroll messages take named values only")
        return Message(self.id, params)


class Message(str):
    """A rendered bokmål message that remembers its id and params."""

    id: str
    params: dict[str, Any]

    def __new__(cls, message_id: str, params: Mapping[str, Any]) -> Message:
        stored = stored_params(params)
        obj = super().__new__(cls, render(message_id, stored, "nb"))
        obj.id = message_id
        obj.params = stored
        return obj


def T(message_id: str) -> Text:  # noqa: N802 - reads like gettext's _()
    """The message ``message_id`` (bokmål template; see the module docstring)."""
    return Text(message_id)


def joined(first: str, second: str) -> Message:
    """Two messages as one ("{first} {second}"), each rendered in the language shown."""
    return T("common.joined.1").format(first=first, second=second)


def stored_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` as JSON: Text/Message values become ``{"message_id", "params"}``."""
    result: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, Message):
            result[key] = {"message_id": value.id, "params": value.params}
        elif isinstance(value, Text):
            result[key] = {"message_id": value.id, "params": {}}
        elif isinstance(value, str | int | float | bool) or value is None:
            result[key] = value
        elif isinstance(value, Mapping):  # already stored (a nested message)
            result[key] = dict(value)
        else:
            result[key] = str(value)
    return result


def render(message_id: str, params: Mapping[str, Any], lang: str = "nb") -> str:
    """The sentence of ``message_id`` with its stored ``params`` in ``lang`` ("nb" or "en").

    An unknown language gives bokmål; an unknown id (a finding stored by another version)
    gives the id and the values, never an error.
    """
    entry = MESSAGES.get(message_id)
    if entry is None:
        values = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"[{message_id}] {values}".strip()
    template = entry[_LANG_INDEX.get(lang, 0)]
    resolved = {
        key: render(value["message_id"], value.get("params", {}), lang)
        if isinstance(value, Mapping) and "message_id" in value
        else value
        for key, value in params.items()
    }
    return template.format(**resolved)


def placeholders(template: str) -> set[str]:
    """The names of ``{...}`` placeholders in ``template``."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang``: a Message or Text (e.g. a rule title) by its id, a report label
    by :data:`LABELS`; any other text as it is."""
    if isinstance(text, Message):
        return text if lang == "nb" else render(text.id, text.params, lang)
    if isinstance(text, Text):
        return text if lang == "nb" else render(text.id, {}, lang)
    if lang == "en":
        return LABELS.get(text, text)
    return text


MESSAGES: dict[str, tuple[str, str]] = {
    # --- common ------------------------------------------------------------------------------------
    "common.shown.1": (
        "blank",
        "blank",
    ),
    "common.record_length_hits.1": (
        "Filen inneholder ingen poster. Hver post skal være {length} tegn lang og avsluttes med linjeskift.",
        "The file contains no records. Each record must be {length} characters long and end with a line break.",
    ),
    "common.length_message.1": (
        "Posten er {found} tegn lang, men skal være nøyaktig {length} tegn (tomme posisjoner fylles med mellomrom). Kontrollen stopper her.",
        "The record is {found} characters long but must be exactly {length} characters (empty positions are filled with spaces). The control stops here.",
    ),
    "common.length_message.2": (
        "Linjen ser ut til å være lagret som UTF-8 (æ, ø, å eller et byte order mark tar to eller flere byte), men formatet krever ISO-8859-1 med én byte per tegn. Lagre filen som ISO-8859-1 (Latin-1).",
        "The line appears to be saved as UTF-8 (æ, ø, å or a byte order mark take two or more bytes), but the format requires ISO-8859-1 with one byte per character. Save the file as ISO-8859-1 (Latin-1).",
    ),
    "common.length_message.3": (
        "Linjen inneholder tabulatortegn; bruk mellomrom.",
        "The line contains tab characters; use spaces.",
    ),
    "common.length_message.4": (
        "Linjen inneholder binære data eller kontrolltegn; er dette riktig fil, og er den en ren tekstfil?",
        "The line contains binary data or control characters; is this the right file, and is it a plain text file?",
    ),
    "common.problems.1": (
        "Feltet er obligatorisk og mangler verdi.",
        "The field is mandatory and has no value.",
    ),
    "common.problems.2": (
        "Feltet er et tallfelt og skal bare inneholde sifre.",
        "The field is numeric and may only contain digits.",
    ),
    "common.problems.3": (
        "Feltet skal være en dato på formen {pattern}.",
        "The field must be a date of the form {pattern}.",
    ),
    "common.problems.4": (
        "Gyldige koder er: {codes}.",
        "Valid codes are: {codes}.",
    ),
    "common.description_hit.1": (
        "Feltet {name} (felt nr. {number}, posisjon {pos}) har verdien «{value}». {reason}",
        "The field {name} (field no. {number}, position {pos}) has the value «{value}». {reason}",
    ),
    "common.joined.1": (
        "{first} {second}",
        "{first} {second}",
    ),
    # --- 11F ---------------------------------------------------------------------------------------
    "11F.fail_code.1": (
        "{what} mangler eller har ugyldig kode: fant «{value}», gyldige koder er {codes}. Feltet er obligatorisk.",
        "{what} is missing or has an invalid code: found «{value}», valid codes are {codes}. The field is mandatory.",
    ),
    "11F.000.title": (
        "Kontroll 00 Vedlegg og «har mottakere»",
        "Control 00 Attachment and «has recipients»",
    ),
    "11F.000.1": (
        "Det er oppgitt at kommunen har mottakere av økonomisk sosialhjelp i {aar}, men filen er tom. Lever filen med mottakerne, eller endre svaret til at kommunen ikke har mottakere.",
        "The kommune has stated that it has recipients of financial social assistance in {aar}, but the file is empty. Deliver the file with the recipients, or change the answer to say that the kommune has no recipients.",
    ),
    "11F.000.2": (
        "Kommunen har oppgitt at den ikke har mottakere av økonomisk sosialhjelp i {aar}, og filen er tom som den skal være.",
        "The kommune has stated that it has no recipients of financial social assistance in {aar}, and the file is empty as it should be.",
    ),
    "11F.000.3": (
        "Det er oppgitt at kommunen ikke har mottakere av økonomisk sosialhjelp i {aar}, men filen som er levert, har innhold. Lever en tom fil (ett mellomrom), eller endre svaret til at kommunen har mottakere.",
        "The kommune has stated that it has no recipients of financial social assistance in {aar}, but the delivered file has content. Deliver an empty file (one space), or change the answer to say that the kommune has recipients.",
    ),
    "11F.001.title": (
        "Kontroll 01 Recordlengde",
        "Control 01 Record length",
    ),
    "11F.002.title": (
        "Kontroll 02 Filbeskrivelse",
        "Control 02 File description",
    ),
    "11F.003.title": (
        "Kontroll 03 Kommunenummer",
        "Control 03 Kommune number",
    ),
    "11F.003.1": (
        "Kommunenummeret i posten er «{found}», men filen leveres for kommune {expected}.",
        "The kommune number in the record is «{found}», but the file is delivered for kommune {expected}.",
    ),
    "11F.003B.title": (
        "Kontroll 03 Bydelsnummer",
        "Control 03 District number",
    ),
    "11F.003B.1": (
        "en bydel i Oslo, 01-15",
        "an Oslo district, 01-15",
    ),
    "11F.003B.2": (
        "blankt (to mellomrom)",
        "blank (two spaces)",
    ),
    "11F.003B.3": (
        "Bydelsnummeret i posten er «{found}»; forventet {expected}.",
        "The district number in the record is «{found}»; expected {expected}.",
    ),
    "11F.004.title": (
        "Kontroll 04 Oppgaveår",
        "Control 04 Reporting year",
    ),
    "11F.004.1": (
        "Oppgaveåret (VERSION) i posten er «{found}», men skal være «{expected}» for statistikkåret {aar}.",
        "The reporting year (VERSION) in the record is «{found}», but must be «{expected}» for the statistics year {aar}.",
    ),
    "11F.004A.title": (
        "Kontroll 04A Fødselsdato",
        "Control 04A Date of birth",
    ),
    "11F.004A.1": (
        "Fødselsdatoen (FODSELSDATO) mangler eller er ugyldig: fant «{found}», forventet en dato på formen DDMMÅÅÅÅ.",
        "The date of birth (FODSELSDATO) is missing or invalid: found «{found}», expected a date of the form DDMMYYYY.",
    ),
    "11F.005.title": (
        "Kontroll 05 Fødselsnummer",
        "Control 05 National identity number",
    ),
    "11F.005.1": (
        "Fødselsnummeret mangler eller er ugyldig ({what}). Feltet skal ha mottakerens 11-sifrede fødselsnummer eller D-nummer, med mindre mottakeren er utenlandsk statsborger uten slikt nummer.",
        "The national identity number is missing or invalid ({what}). The field must hold the recipient's 11-digit national identity number or D number, unless the recipient is a foreign national without such a number.",
    ),
    "11F.005.2": (
        "blankt",
        "blank",
    ),
    "11F.005.3": (
        "feil dato eller kontrollsiffer",
        "wrong date or check digit",
    ),
    "11F.005A.title": (
        "Kontroll 05A Fødselsnummer, dubletter",
        "Control 05A National identity number, duplicates",
    ),
    "11F.005A.1": (
        "Fødselsnummeret i journal {journal} finnes også i journal {others}; hver mottaker skal bare ha én post.",
        "The national identity number in case {journal} is also in case {others}; each recipient may have only one record.",
    ),
    "11F.005B.title": (
        "Kontroll 05B Journalnummer, dubletter",
        "Control 05B Case number, duplicates",
    ),
    "11F.005B.1": (
        "Journalnummeret «{journal}» forekommer {n} ganger i filen; hvert journalnummer skal bare brukes én gang.",
        "The case number «{journal}» occurs {n} times in the file; each case number may be used only once.",
    ),
    "11F.006.title": (
        "Kontroll 06 Alder under 18 år",
        "Control 06 Age under 18",
    ),
    "11F.006.1": (
        "Alderen kan ikke beregnes fordi fødselsnummeret mangler eller er ugyldig; kontrollen regner da mottakeren som under 18 år.",
        "The age cannot be derived because the national identity number is missing or invalid; the control then counts the recipient as under 18.",
    ),
    "11F.006.2": (
        "Mottakeren er {age} år, altså under 18 år. Kontroller at det stemmer.",
        "The recipient is {age} years old, that is under 18. Check that this is correct.",
    ),
    "11F.007.title": (
        "Kontroll 07 Alder 96 år eller eldre",
        "Control 07 Age 96 or older",
    ),
    "11F.007.1": (
        "Mottakeren er {age} år ifølge fødselsnummeret, altså {limit} år eller eldre. Kontroller fødselsnummeret.",
        "The recipient is {age} years old according to the national identity number, that is {limit} or older. Check the national identity number.",
    ),
    "11F.008.title": (
        "Kontroll 08 Kjønn",
        "Control 08 Sex",
    ),
    "11F.008.1": (
        "Mottakerens kjønn",
        "The recipient's sex",
    ),
    "11F.009.title": (
        "Kontroll 09 Sivilstand",
        "Control 09 Marital status",
    ),
    "11F.009.1": (
        "Mottakerens sivilstand ved siste kontakt",
        "The recipient's marital status at the last contact",
    ),
    "11F.010.title": (
        "Kontroll 10 Forsørgerplikt for barn under 18 år",
        "Control 10 Children under 18 to support",
    ),
    "11F.010.1": (
        "Om mottakeren har barn under 18 år i husholdningen",
        "Whether the recipient has children under 18 in the household",
    ),
    "11F.011.title": (
        "Kontroll 11 Barn under 18 år, antall mangler",
        "Control 11 Children under 18, number missing",
    ),
    "11F.011.1": (
        "Det er krysset av for barn under 18 år i husholdningen, men antall barn (ANTBU18) er «{found}». Antallet må oppgis når det er barn.",
        "Children under 18 in the household are ticked, but the number of children (ANTBU18) is «{found}». The number must be given when there are children.",
    ),
    "11F.012.title": (
        "Kontroll 12 Antall barn, men ikke krysset av for barn",
        "Control 12 Number of children, but children not ticked",
    ),
    "11F.012.1": (
        "Antall barn under 18 år er oppgitt til {n}, men BU18 er «{bu18}», ikke 1 (ja, barn i husholdningen).",
        "The number of children under 18 is given as {n}, but BU18 is «{bu18}», not 1 (yes, children in the household).",
    ),
    "11F.013.title": (
        "Kontroll 13 Mange barn under 18 år",
        "Control 13 Many children under 18",
    ),
    "11F.013.1": (
        "Antall barn under 18 år i husholdningen er {n}. Kontroller at tallet er riktig.",
        "The number of children under 18 in the household is {n}. Check that the number is correct.",
    ),
    "11F.014.title": (
        "Kontroll 14 Viktigste kilde til livsopphold",
        "Control 14 Main source of income",
    ),
    "11F.014.1": (
        "Viktigste kilde til livsopphold ved siste kontakt",
        "The main source of income at the last contact",
    ),
    "11F.vklo_arbsit.1": (
        "Viktigste kilde til livsopphold er {vklo} ({name}), men arbeidssituasjonen (ARBSIT) er «{found}». Forventet en av: {allowed}.",
        "The main source of income is {vklo} ({name}), but the work situation (ARBSIT) is «{found}». Expected one of: {allowed}.",
    ),
    "11F.vklo_title.1": (
        "Kontroll {n} Viktigste kilde til livsopphold {code} og arbeidssituasjon",
        "Control {n} Main source of income {code} and work situation",
    ),
    "11F.020B.title": (
        "Kontroll 20B Viktigste kilde til livsopphold 3 og trygdesituasjon",
        "Control 20B Main source of income 3 and social security situation",
    ),
    "11F.020.title": (
        "Kontroll 20 Viktigste kilde til livsopphold 3 og trygdesituasjon",
        "Control 20 Main source of income 3 and social security situation",
    ),
    "11F.020.1": (
        "Viktigste kilde til livsopphold er trygd/pensjon (3), men trygdesituasjonen (TRYGDESIT) er «{found}». Forventet en av: {allowed}.",
        "The main source of income is social security/pension (3), but the social security situation (TRYGDESIT) is «{found}». Expected one of: {allowed}.",
    ),
    "11F.020A.title": (
        "Kontroll 20A Trygdesituasjon når hovedinntekten ikke er trygd",
        "Control 20A Social security situation when the main income is not social security",
    ),
    "11F.020A.1": (
        "Viktigste kilde til livsopphold er ikke trygd/pensjon (VKLO «{vklo}»), men trygdesituasjonen (TRYGDESIT) er «{found}». Forventet 12 (ingen trygd).",
        "The main source of income is not social security/pension (VKLO «{vklo}»), but the social security situation (TRYGDESIT) is «{found}». Expected 12 (no social security).",
    ),
    "11F.022.title": (
        "Kontroll 22 Trygdesituasjon",
        "Control 22 Social security situation",
    ),
    "11F.022.1": (
        "Trygdesituasjonen ved siste kontakt",
        "The social security situation at the last contact",
    ),
    "11F.023A.title": (
        "Kontroll 23A Alderspensjon og alder",
        "Control 23A Old-age pension and age",
    ),
    "11F.022.old_age_pension_young.title": (
        "Kontroll 22 Alderspensjon og alder",
        "Control 22 Old-age pension and age",
    ),
    "11F.022.2": (
        "Mottakeren har alderspensjon, men alderen kan ikke beregnes fordi fødselsnummeret mangler eller er ugyldig.",
        "The recipient has an old-age pension, but the age cannot be derived because the national identity number is missing or invalid.",
    ),
    "11F.022.3": (
        "Mottakeren har alderspensjon, men er bare {age} år (kontrollen slår ut ved {limit} år eller yngre). Kontroller trygdesituasjon og fødselsnummer.",
        "The recipient has an old-age pension but is only {age} years old (the control fires at {limit} or younger). Check the social security situation and the national identity number.",
    ),
    "11F.023B.title": (
        "Kontroll 23B Overgangsstønad uten barn",
        "Control 23B Transitional benefit without children",
    ),
    "11F.023.title": (
        "Kontroll 23 Overgangsstønad uten barn",
        "Control 23 Transitional benefit without children",
    ),
    "11F.023.1": (
        "overgangsstønad",
        "transitional benefit",
    ),
    "11F.without_children.1": (
        "Mottakeren har {benefit} (TRYGDESIT {code}), men det er ikke oppgitt barn under 18 år i husholdningen (BU18 «{bu18}», ANTBU18 «{antbu18}»).",
        "The recipient has {benefit} (TRYGDESIT {code}), but no children under 18 in the household are given (BU18 «{bu18}», ANTBU18 «{antbu18}»).",
    ),
    "11F.023C.title": (
        "Kontroll 23C Barnetrygd uten barn",
        "Control 23C Child benefit without children",
    ),
    "11F.023B.child_benefit_without_children.title": (
        "Kontroll 23B Barnetrygd uten barn",
        "Control 23B Child benefit without children",
    ),
    "11F.023B.1": (
        "barnetrygd",
        "child benefit",
    ),
    "11F.024.title": (
        "Kontroll 24 Uføretrygd/alderspensjon og arbeidssituasjon",
        "Control 24 Disability/old-age pension and work situation",
    ),
    "11F.024.1": (
        "ikke oppgitt",
        "not given",
    ),
    "11F.024.2": (
        "Mottakeren har {pension} (TRYGDESIT {code}), men arbeidssituasjonen er «{found}» ({name}). Forventet en av: {allowed}.",
        "The recipient has {pension} (TRYGDESIT {code}), but the work situation is «{found}» ({name}). Expected one of: {allowed}.",
    ),
    "11F.024B.title": (
        "Kontroll 24B Arbeidsavklaringspenger og arbeidssituasjon",
        "Control 24B Work assessment allowance and work situation",
    ),
    "11F.024B.1": (
        "Mottakeren har arbeidsavklaringspenger (TRYGDESIT 11), men er registrert som arbeidsledig, ikke registrert hos NAV (ARBSIT 08).",
        "The recipient has work assessment allowance (TRYGDESIT 11), but is registered as unemployed, not registered with NAV (ARBSIT 08).",
    ),
    "11F.025.title": (
        "Kontroll 25 Arbeidssituasjon",
        "Control 25 Work situation",
    ),
    "11F.025.1": (
        "Arbeidssituasjonen ved siste kontakt",
        "The work situation at the last contact",
    ),
    "11F.026.title": (
        "Kontroll 26 Stønadsmåneder",
        "Control 26 Months with assistance",
    ),
    "11F.026.1": (
        "Det er ikke krysset av for noen måned med stønad (bidrag «{bidrag}», lån «{laan}»). Minst én stønadsmåned må oppgis.",
        "No month with assistance is ticked (contribution «{bidrag}», loan «{laan}»). At least one month with assistance must be given.",
    ),
    "11F.027.title": (
        "Kontroll 27 Stønadssum mangler",
        "Control 27 Amount of assistance missing",
    ),
    "11F.027.1": (
        "Årlig stønad mangler eller inneholder annet enn sifre (bidrag «{bidrag}», lån «{laan}»). Bidrag eller lån må oppgis.",
        "The annual assistance is missing or contains other than digits (contribution «{bidrag}», loan «{laan}»). A contribution or a loan must be given.",
    ),
    "11F.028.title": (
        "Kontroll 28 Stønadsmåneder uten stønadssum",
        "Control 28 Months with assistance but no amount",
    ),
    "11F.028.1": (
        "Det er oppgitt stønadsmåneder, men ingen stønadssum (bidrag «{bidrag}», lån «{laan}»).",
        "Months with assistance are given, but no amount (contribution «{bidrag}», loan «{laan}»).",
    ),
    "11F.029.title": (
        "Kontroll 29 Stønadssum uten stønadsmåneder",
        "Control 29 Amount of assistance but no months",
    ),
    "11F.029.1": (
        "Det er utbetalt stønad (bidrag «{bidrag}», lån «{laan}»), men ikke krysset av for noen stønadsmåned.",
        "Assistance has been paid (contribution «{bidrag}», loan «{laan}»), but no month with assistance is ticked.",
    ),
    "11F.030.title": (
        "Kontroll 30 Stor stønadssum",
        "Control 30 Large amount of assistance",
    ),
    "11F.030.1": (
        "Samlet stønad er {total} kr (bidrag «{bidrag}», lån «{laan}»), som er over SSBs kontrollgrense på {limit} kr. Kontroller beløpene.",
        "The total assistance is NOK {total} (contribution «{bidrag}», loan «{laan}»), which is above SSB's control limit of NOK {limit}. Check the amounts.",
    ),
    "11F.031.title": (
        "Kontroll 31 Liten stønadssum",
        "Control 31 Small amount of assistance",
    ),
    "11F.031.1": (
        "Samlet stønad er {total} kr (bidrag «{bidrag}», lån «{laan}»), som er lik eller under SSBs kontrollgrense på {limit} kr. Kontroller beløpene.",
        "The total assistance is NOK {total} (contribution «{bidrag}», loan «{laan}»), which is at or below SSB's control limit of NOK {limit}. Check the amounts.",
    ),
    "11F.032.title": (
        "Kontroll 32 Økonomisk rådgivning",
        "Control 32 Financial counselling",
    ),
    "11F.032.1": (
        "Om økonomisk rådgivning er gitt",
        "Whether financial counselling was given",
    ),
    "11F.033.title": (
        "Kontroll 33 Individuell plan",
        "Control 33 Individual plan",
    ),
    "11F.033.1": (
        "Om mottakeren har fått individuell plan",
        "Whether the recipient has been given an individual plan",
    ),
    "11F.035.title": (
        "Kontroll 35 Boligsituasjon",
        "Control 35 Housing situation",
    ),
    "11F.035.1": (
        "Mottakerens boligsituasjon",
        "The recipient's housing situation",
    ),
    "11F.monthly_mismatch.1": (
        "Summen av månedsbeløpene ({monthly} kr) er ikke lik årsbeløpet i {field} ({total} kr). De skal stemme overens.",
        "The sum of the monthly amounts (NOK {monthly}) does not equal the annual amount in {field} (NOK {total}). They must agree.",
    ),
    "11F.036.title": (
        "Kontroll 36 Bidrag per måned og årsbidrag",
        "Control 36 Contribution per month and annual contribution",
    ),
    "11F.037.title": (
        "Kontroll 37 Lån per måned og årslån",
        "Control 37 Loan per month and annual loan",
    ),
    "11F.038.title": (
        "Kontroll 38 DUF-nummer",
        "Control 38 DUF number",
    ),
    "11F.038.1": (
        "Fødselsnummeret mangler eller er ugyldig, og DUF-nummeret «{duf}» er ikke gyldig. Oppgi mottakerens 12-sifrede DUF-nummer når fødselsnummer mangler.",
        "The national identity number is missing or invalid, and the DUF number «{duf}» is not valid. Give the recipient's 12-digit DUF number when the national identity number is missing.",
    ),
    "11F.039.title": (
        "Kontroll 39 Vilkår etter sosialtjenesteloven",
        "Control 39 Conditions under the Social Services Act",
    ),
    "11F.039.1": (
        "Om det er stilt vilkår for mottakeren etter sosialtjenesteloven",
        "Whether conditions were set for the recipient under the Social Services Act",
    ),
    "11F.040.title": (
        "Kontroll 40 Vilkår for ektefelle/samboer",
        "Control 40 Conditions for spouse/cohabitant",
    ),
    "11F.040.1": (
        "Om det er stilt vilkår for ektefelle/samboer",
        "Whether conditions were set for the spouse/cohabitant",
    ),
    "11F.payment_date.1": (
        "Det er stilt vilkår, men {what} (format {pattern}) er «{found}». Datoen må oppgis når det er stilt vilkår.",
        "Conditions were set, but {what} (format {pattern}) is «{found}». The date must be given when conditions were set.",
    ),
    "11F.041.title": (
        "Kontroll 41 Dato for utbetalingsvedtak",
        "Control 41 Date of the payment decision",
    ),
    "11F.041.1": (
        "datoen for utbetalingsvedtaket",
        "the date of the payment decision",
    ),
    "11F.042.title": (
        "Kontroll 42 Til og med-dato for utbetalingsvedtak",
        "Control 42 End date of the payment decision",
    ),
    "11F.042.1": (
        "til og med-datoen for utbetalingsvedtaket",
        "the end date of the payment decision",
    ),
    "11F.043.title": (
        "Kontroll 43 Type vilkår",
        "Control 43 Kind of conditions",
    ),
    "11F.043.1": (
        "Det er stilt vilkår for mottakeren (VILKARSOSLOV 1), men ikke krysset av for hvilke vilkår. Minst ett vilkår må oppgis.",
        "Conditions were set for the recipient (VILKARSOSLOV 1), but the kind of conditions is not ticked. At least one condition must be given.",
    ),
    # --- 11CF --------------------------------------------------------------------------------------
    "11CF.000.title": (
        "Kontroll 00 Erklæring om deltakere stemmer med levert fil",
        "Control 00 Declaration of participants agrees with the delivered file",
    ),
    "11CF.000.1": (
        "Det er oppgitt at kommunen har deltakere i kvalifiseringsprogrammet, men filen som er levert, er tom. Lever filen med deltakerne, eller endre svaret til at kommunen ikke har deltakere.",
        "The kommune has stated that it has participants in the qualification programme, but the delivered file is empty. Deliver the file with the participants, or change the answer to say that the kommune has no participants.",
    ),
    "11CF.000.2": (
        "Det er oppgitt at kommunen ikke har deltakere i kvalifiseringsprogrammet i {aar}, og en tom fil er mottatt. Leveransen er godkjent.",
        "The kommune has stated that it has no participants in the qualification programme in {aar}, and an empty file was received. The delivery is accepted.",
    ),
    "11CF.000.3": (
        "Det er oppgitt at kommunen ikke har deltakere i kvalifiseringsprogrammet i {aar}, men filen som er levert, har innhold. Lever en tom fil (en kryptert tom fil for kvalifiseringsstønad kan lastes ned fra SSBs side for KOSTRA-rapportering, under kontrollprogrammer), eller endre svaret til at kommunen har deltakere.",
        "The kommune has stated that it has no participants in the qualification programme in {aar}, but the delivered file has content. Deliver an empty file (an encrypted empty file for qualification benefit can be downloaded from SSB's page for KOSTRA reporting, under control programs), or change the answer to say that the kommune has participants.",
    ),
    "11CF.001.title": (
        "Kontroll 01 Postlengde",
        "Control 01 Record length",
    ),
    "11CF.002.title": (
        "Kontroll 02 Filbeskrivelse",
        "Control 02 File description",
    ),
    "11CF.002.1": (
        "Feltet {name} (posisjon {pos}) er obligatorisk, men er blankt.",
        "The field {name} (position {pos}) is mandatory but blank.",
    ),
    "11CF.file_description_2022.1": (
        "Feltet {name} (posisjon {pos}) har verdien «{value}», som ikke er en gyldig kode.",
        "The field {name} (position {pos}) has the value «{value}», which is not a valid code.",
    ),
    "11CF.003.title": (
        "Kontroll 03 Kommunenummer",
        "Control 03 Kommune number",
    ),
    "11CF.003.1": (
        "Kommunenummeret i posten er {found}, men filen leveres for kommune {expected}.",
        "The kommune number in the record is {found}, but the file is delivered for kommune {expected}.",
    ),
    "11CF.003B.title": (
        "Kontroll 03B Bydelsnummer",
        "Control 03 District number",
    ),
    "11CF.003B.1": (
        "et bydelsnummer fra 01 til 15",
        "a district number from 01 to 15",
    ),
    "11CF.003B.2": (
        "«00»",
        "«00»",
    ),
    "11CF.003B.3": (
        "blankt (bare Oslo oppgir bydel)",
        "blank (only Oslo gives a district)",
    ),
    "11CF.003B.4": (
        "Bydelsnummeret er {found}, forventet {expected}.",
        "The district number is {found}, expected {expected}.",
    ),
    "11CF.004.title": (
        "Kontroll 04 Rapporteringsår",
        "Control 04 Reporting year",
    ),
    "11CF.004.1": (
        "Rapporteringsåret (VERSION) er {found}, forventet «{expected}» for statistikkåret {aar}.",
        "The reporting year (VERSION) is {found}, expected «{expected}» for the statistics year {aar}.",
    ),
    "11CF.004A.title": (
        "Kontroll 04A Fødselsdato",
        "Control 04A Date of birth",
    ),
    "11CF.004A.1": (
        "Fødselsdatoen {found} mangler eller er ugyldig; den skal oppgis som DDMMÅÅÅÅ.",
        "The date of birth {found} is missing or invalid; it must be given as DDMMYYYY.",
    ),
    "11CF.005.title": (
        "Kontroll 05 Fødselsnummer",
        "Control 05 National identity number",
    ),
    "11CF.005.1": (
        "Fødselsnummer mangler.",
        "The national identity number is missing.",
    ),
    "11CF.005.2": (
        "Fødselsnummeret er ugyldig (feil lengde, tegn eller kontrollsiffer).",
        "The national identity number is invalid (wrong length, characters or check digit).",
    ),
    "11CF.005.3": (
        "Feltet skal inneholde deltakerens fødselsnummer eller D-nummer med 11 sifre, med mindre deltakeren er utenlandsk statsborger uten slikt nummer.",
        "The field must hold the participant's 11-digit national identity number or D number, unless the participant is a foreign national without such a number.",
    ),
    "11CF.005A.title": (
        "Kontroll 05A Dubletter, fødselsnummer",
        "Control 05A Duplicates, national identity number",
    ),
    "11CF.005A.1": (
        "Deltakeren i journal «{own}» har samme fødselsnummer{status} som journal {others}. Hver deltaker skal bare rapporteres én gang.",
        "The participant in case «{own}» has the same national identity number{status} as case {others}. Each participant may be reported only once.",
    ),
    "11CF.005A.2": (
        " og status",
        " and status",
    ),
    "11CF.005B.title": (
        "Kontroll 05B Dubletter, journalnummer",
        "Control 05B Duplicates, case number",
    ),
    "11CF.005B.1": (
        "Journalnummeret {journal} forekommer {count} ganger i filen; hvert journalnummer skal bare forekomme én gang.",
        "The case number {journal} occurs {count} times in the file; each case number may occur only once.",
    ),
    "11CF.006.title": (
        "Kontroll 06 Alder under 18 år",
        "Control 06 Age under 18",
    ),
    "11CF.006.1": (
        "Alderen kan ikke utledes av fødselsnummeret, og deltakeren regnes derfor som under 18 år. Kontroller fødselsnummeret.",
        "The age cannot be derived from the national identity number, so the participant is counted as under 18. Check the national identity number.",
    ),
    "11CF.006.2": (
        "Deltakeren er {age} år, altså under 18 år. Kontroller fødselsnummeret.",
        "The participant is {age} years old, that is under 18. Check the national identity number.",
    ),
    "11CF.007.title": (
        "Kontroll 07 Alder over grensen",
        "Control 07 Age above the limit",
    ),
    "11CF.007.1": (
        "Deltakeren er {age} år; kontrollgrensen er {limit} år eller eldre. Kontroller fødselsnummeret.",
        "The participant is {age} years old; the control limit is {limit} or older. Check the national identity number.",
    ),
    "11CF.008.title": (
        "Kontroll 08 Kjønn",
        "Control 08 Sex",
    ),
    "11CF.008.1": (
        "Kjønn er {found}, forventet 1 (mann) eller 2 (kvinne). Feltet er obligatorisk.",
        "Sex is {found}, expected 1 (male) or 2 (female). The field is mandatory.",
    ),
    "11CF.009.title": (
        "Kontroll 09 Sivilstand",
        "Control 09 Marital status",
    ),
    "11CF.009.1": (
        "Sivilstand er {found}, forventet 1 (ugift), 2 (gift), 3 (samboer), 4 (skilt/separert) eller 5 (enke/enkemann). Feltet skal fylles ut.",
        "Marital status is {found}, expected 1 (unmarried), 2 (married), 3 (cohabitant), 4 (divorced/separated) or 5 (widow/widower). The field must be filled in.",
    ),
    "11CF.010.title": (
        "Kontroll 10 Forsørgerplikt for barn under 18 år",
        "Control 10 Children under 18 to support",
    ),
    "11CF.010.1": (
        "Det er ikke oppgitt om deltakeren har barn under 18 år som bor i husholdningen: fant {found}, forventet 1 (ja) eller 2 (nei). Feltet er obligatorisk.",
        "It is not stated whether the participant has children under 18 living in the household: found {found}, expected 1 (yes) or 2 (no). The field is mandatory.",
    ),
    "11CF.011.title": (
        "Kontroll 11 Barn under 18 år, antall mangler",
        "Control 11 Children under 18, number missing",
    ),
    "11CF.011.1": (
        "Det er oppgitt at deltakeren har barn under 18 år, men antall barn er {found}. Antallet må fylles ut når det er krysset av for barn.",
        "The participant is stated to have children under 18, but the number of children is {found}. The number must be filled in when children are ticked.",
    ),
    "11CF.012.title": (
        "Kontroll 12 Antall barn under 18 år uten avkrysning for barn",
        "Control 12 Number of children under 18 without children ticked",
    ),
    "11CF.012.1": (
        "Antall barn under 18 år er {count}, men det er ikke krysset av for at deltakeren har barn under 18 år i husholdningen (BU18 er {bu18}, forventet 1).",
        "The number of children under 18 is {count}, but it is not ticked that the participant has children under 18 in the household (BU18 is {bu18}, expected 1).",
    ),
    "11CF.013.title": (
        "Kontroll 13 Mange barn under 18 år",
        "Control 13 Many children under 18",
    ),
    "11CF.013.1": (
        "Antall barn under 18 år i husholdningen er {count}, som er {limit} eller flere. Kontroller at antallet er riktig.",
        "The number of children under 18 in the household is {count}, which is {limit} or more. Check that the number is correct.",
    ),
    "11CF.date_hits.1": (
        "{what} er {found}, som mangler eller ikke er en gyldig dato ({pattern}). Feltet er obligatorisk.",
        "{what} is {found}, which is missing or not a valid date ({pattern}). The field is mandatory.",
    ),
    "11CF.date_hits.2": (
        "{what} er {found}, som er mer enn 4 år før rapporteringsåret {aar}.",
        "{what} is {found}, which is more than 4 years before the reporting year {aar}.",
    ),
    "11CF.date_hits.3": (
        "{what} er {found}, som er etter utgangen av rapporteringsåret {aar}.",
        "{what} is {found}, which is after the end of the reporting year {aar}.",
    ),
    "11CF.014.title": (
        "Kontroll 14 Dato for registrert søknad",
        "Control 14 Date the application was registered",
    ),
    "11CF.014.1": (
        "Datoen søknaden ble registrert ved NAV-kontoret",
        "The date the application was registered at the NAV office",
    ),
    "11CF.015.title": (
        "Kontroll 15 Dato for fattet vedtak",
        "Control 15 Date of the decision",
    ),
    "11CF.015.1": (
        "Datoen for vedtaket om program",
        "The date of the decision on the programme",
    ),
    "11CF.016.title": (
        "Kontroll 16 Dato for oppstart av program",
        "Control 16 Start date of the programme",
    ),
    "11CF.016.1": (
        "Datoen deltakeren begynte i programmet",
        "The date the participant started the programme",
    ),
    "11CF.019.title": (
        "Kontroll 19 Kvalifiseringsprogram i annen kommune",
        "Control 19 Qualification programme in another kommune",
    ),
    "11CF.019.1": (
        "Det er ikke svart riktig på om deltakeren kom fra kvalifiseringsprogram i en annen kommune: fant {found}, forventet 1 (ja) eller 2 (nei). Feltet er obligatorisk.",
        "The question whether the participant came from a qualification programme in another kommune is not answered correctly: found {found}, expected 1 (yes) or 2 (no). The field is mandatory.",
    ),
    "11CF.020.title": (
        "Kontroll 20 Kommunenummer for tidligere program",
        "Control 20 Kommune number of the previous programme",
    ),
    "11CF.020.1": (
        "Deltakeren kom fra kvalifiseringsprogram i en annen kommune (KVP_KOMM er 1), men kommunenummeret for den kommunen er {found}, som mangler eller ikke er et gyldig kommunenummer i {aar}.",
        "The participant came from a qualification programme in another kommune (KVP_KOMM is 1), but the kommune number of that kommune is {found}, which is missing or not a valid kommune number in {aar}.",
    ),
    "11CF.020A.title": (
        "Kontroll 20A Kvalifiseringsprogram i annen bydel",
        "Control 20A Qualification programme in another district",
    ),
    "11CF.020A.1": (
        "Det er ikke svart riktig på om deltakeren kom fra kvalifiseringsprogram i en annen bydel: fant {found}, forventet 1 (ja) eller 2 (nei). Feltet er obligatorisk for Oslo.",
        "The question whether the participant came from a qualification programme in another district is not answered correctly: found {found}, expected 1 (yes) or 2 (no). The field is mandatory for Oslo.",
    ),
    "11CF.021.title": (
        "Kontroll 21 Økonomisk sosialhjelp før søknad",
        "Control 21 Financial social assistance before the application",
    ),
    "11CF.021.1": (
        "Deltakeren hadde økonomisk sosialhjelp de siste to månedene før søknaden, men typen er {found}, forventet 2 (hovedkilde til livsopphold) eller 3 (supplerende).",
        "The participant had financial social assistance in the last two months before the application, but the type is {found}, expected 2 (main source of income) or 3 (supplementary).",
    ),
    "11CF.026.title": (
        "Kontroll 26 Annen støtte i perioden med kvalifiseringsstønad",
        "Control 26 Other support during the period with qualification benefit",
    ),
    "11CF.026.1": (
        "Det er ikke svart riktig på om deltakeren i {aar} også fikk økonomisk sosialhjelp, kommunal bostøtte eller Husbankens bostøtte: fant {found}, forventet 1 (ja) eller 2 (nei). Feltet er obligatorisk.",
        "The question whether the participant in {aar} also received financial social assistance, municipal housing allowance or the Housing Bank's housing allowance is not answered correctly: found {found}, expected 1 (yes) or 2 (no). The field is mandatory.",
    ),
    "11CF.027.title": (
        "Kontroll 27 Hvilken annen støtte",
        "Control 27 Which other support",
    ),
    "11CF.027.1": (
        "Det er oppgitt at deltakeren fikk annen støtte (KVP_MED_ASTONAD er 1), men ingen av støttetypene er krysset av med gyldig kode: {values}.",
        "The participant is stated to have received other support (KVP_MED_ASTONAD is 1), but none of the kinds of support is ticked with a valid code: {values}.",
    ),
    "11CF.027.2": (
        "Det er oppgitt at deltakeren ikke fikk annen støtte (KVP_MED_ASTONAD er 2), men støttetyper er krysset av: {values}.",
        "The participant is stated not to have received other support (KVP_MED_ASTONAD is 2), but kinds of support are ticked: {values}.",
    ),
    "11CF.028.title": (
        "Kontroll 28 Måneder med kvalifiseringsstønad",
        "Control 28 Months with qualification benefit",
    ),
    "11CF.028.1": (
        "Ingen måneder med utbetalt kvalifiseringsstønad er krysset av for {aar} (stønadsbeløp {amount}). Feltene er obligatoriske.",
        "No months with qualification benefit paid are ticked for {aar} (benefit amount {amount}). The fields are mandatory.",
    ),
    "11CF.029.title": (
        "Kontroll 29 Kvalifiseringsstønad mangler",
        "Control 29 Qualification benefit missing",
    ),
    "11CF.029.1": (
        "Stønadsbeløpet for året er {found}; det mangler eller inneholder annet enn sifre. Forventet et beløp i hele kroner.",
        "The benefit amount for the year is {found}; it is missing or contains other than digits. Expected an amount in whole kroner.",
    ),
    "11CF.029.2": (
        "Stønadsbeløpet for året er {found}, men deltakeren er fortsatt i program (status 1). Forventet et beløp større enn 0 i hele kroner.",
        "The benefit amount for the year is {found}, but the participant is still in the programme (status 1). Expected an amount greater than 0 in whole kroner.",
    ),
    "11CF.030.title": (
        "Kontroll 30 Måneder uten stønadsbeløp",
        "Control 30 Months without benefit amount",
    ),
    "11CF.030.1": (
        "Det er krysset av for måneder med kvalifiseringsstønad, men stønadsbeløpet er {found}. Forventet et beløp i hele kroner.",
        "Months with qualification benefit are ticked, but the benefit amount is {found}. Expected an amount in whole kroner.",
    ),
    "11CF.031.title": (
        "Kontroll 31 Stønadsbeløp uten måneder",
        "Control 31 Benefit amount without months",
    ),
    "11CF.031.1": (
        "Deltakeren fikk {amount} kroner i kvalifiseringsstønad i {aar}, men ingen måneder med stønad er krysset av. Månedene skal fylles ut.",
        "The participant received NOK {amount} in qualification benefit in {aar}, but no months with benefit are ticked. The months must be filled in.",
    ),
    "11CF.032.title": (
        "Kontroll 32 Stønadsbeløp over SSBs kontrollgrense",
        "Control 32 Benefit amount above SSB's control limit",
    ),
    "11CF.032.1": (
        "Stønadsbeløpet {amount} kroner er over SSBs kontrollgrense på {limit} kroner. Kontroller beløpet.",
        "The benefit amount of NOK {amount} is above SSB's control limit of NOK {limit}. Check the amount.",
    ),
    "11CF.033.title": (
        "Kontroll 33 Stønadsbeløp under SSBs kontrollgrense",
        "Control 33 Benefit amount below SSB's control limit",
    ),
    "11CF.033.1": (
        "Stønadsbeløpet {amount} kroner er under SSBs kontrollgrense på {limit} kroner. Kontroller beløpet.",
        "The benefit amount of NOK {amount} is below SSB's control limit of NOK {limit}. Check the amount.",
    ),
    "11CF.036.title": (
        "Kontroll 36 Status for deltakelsen per 31.12.",
        "Control 36 Status of the participation at 31 December",
    ),
    "11CF.036.1": (
        "Status for deltakelsen i kvalifiseringsprogrammet per 31.12.{aar} er {found}. Gyldige koder: {valid}. Feltet er obligatorisk.",
        "The status of the participation in the qualification programme at 31.12.{aar} is {found}. Valid codes: {valid}. The field is mandatory.",
    ),
    "11CF.037.title": (
        "Kontroll 37 Dato for avsluttet program",
        "Control 37 Date the programme ended",
    ),
    "11CF.037.1": (
        " i {aar}",
        " in {aar}",
    ),
    "11CF.037.2": (
        "Avslutningsdatoen er {found}, men skal være blank når status ikke er 3, 4 eller 5 (status er {status}).",
        "The end date is {found}, but must be blank when the status is not 3, 4 or 5 (the status is {status}).",
    ),
    "11CF.037.3": (
        "Datoen deltakeren avsluttet programmet er {found}. Den må fylles ut med en gyldig dato{within} når status per 31.12.{aar} er en av: {codes}.",
        "The date the participant ended the programme is {found}. It must be filled in with a valid date{within} when the status at 31.12.{aar} is one of: {codes}.",
    ),
    "11CF.038.title": (
        "Kontroll 38 Situasjon etter fullført program",
        "Control 38 Situation after the completed programme",
    ),
    "11CF.038.1": (
        "Deltakerens situasjon rett etter avsluttet program må fylles ut når status er «{status}», men ingen av svaralternativene er krysset av med gyldig kode.",
        "The participant's situation right after the ended programme must be filled in when the status is «{status}», but none of the answers is ticked with a valid code.",
    ),
    "11CF.039.title": (
        "Kontroll 39 Viktigste inntektskilde etter fullført program",
        "Control 39 Main source of income after the completed programme",
    ),
    "11CF.039.1": (
        "Deltakerens viktigste kilde til livsopphold rett etter fullført program må fylles ut når status er 3: fant {found}, forventet en av kodene {codes}.",
        "The participant's main source of income right after the completed programme must be filled in when the status is 3: found {found}, expected one of the codes {codes}.",
    ),
    # --- diagnose: what a wrong file most likely is ------------------------------------------------
    "diagnose.already_encrypted.1": (
        "Filen er allerede kryptert for KOSTRA-mottaket (kryptert to ganger). Last opp den ukrypterte filen fra fagsystemet; portalen krypterer den selv.",
        "The file is already encrypted for the KOSTRA reception (encrypted twice). Upload the unencrypted file from the case-handling system; the portal encrypts it itself.",
    ),
    "diagnose.encrypted_other.1": (
        "Filen er kryptert (PGP) og kan ikke leses. Last opp den ukrypterte filen fra fagsystemet; portalen krypterer den selv.",
        "The file is encrypted (PGP) and cannot be read. Upload the unencrypted file from the case-handling system; the portal encrypts it itself.",
    ),
    "diagnose.compressed.1": (
        "Filen er komprimert (zip eller gzip). Pakk den ut og last opp tekstfilen.",
        "The file is compressed (zip or gzip). Unpack it and upload the text file.",
    ),
    "diagnose.binary.1": (
        "Filen ser ikke ut som en tekstfil (den kan være kryptert eller et regneark). Last opp uttrekket som ren tekst med faste posisjoner.",
        "The file does not look like a text file (it may be encrypted or a spreadsheet). Upload the extract as plain text with fixed positions.",
    ),
    "diagnose.other_skjema.1": (
        "Filen ser ut som skjema {other} (postene har {length} tegn, som i {other} for {years}), men er levert som skjema {skjema} {aar}, der postene skal ha {expected} tegn. Velg riktig skjema.",
        "The file looks like form {other} (the records have {length} characters, as in {other} for {years}), but was delivered as form {skjema} {aar}, whose records must have {expected} characters. Choose the right form.",
    ),
    "diagnose.other_year.1": (
        "Filen ser ut som skjema {skjema} for statistikkåret {years} (postene har {length} tegn), men for {aar} skal postene ha {expected} tegn. Velg riktig statistikkår, eller lag uttrekket etter filbeskrivelsen for {aar}.",
        "The file looks like form {skjema} for the statistics year {years} (the records have {length} characters), but for {aar} the records must have {expected} characters. Choose the right statistics year, or make the extract after the file description for {aar}.",
    ),
}

# Labels of the text and HTML reports and of the statistics summary, bokmål -> English.
LABELS: dict[str, str] = {
    "Antall mottakere": "Number of recipients",
    "Antall deltakere": "Number of participants",
    "Sum bidrag (kr)": "Total contributions (NOK)",
    "Sum lån (kr)": "Total loans (NOK)",
    "Sum stønad (kr)": "Total benefit (NOK)",
    "Etter alder": "By age",
    "Etter antall måneder med stønad": "By number of months with assistance",
    "Etter samlet stønad": "By total assistance",
    "Filen er godkjent.": "The file is accepted.",
    "Filen er IKKE godkjent.": "The file is NOT accepted.",
    "Kontrollen ble stoppet av en kritisk feil (FATAL).": "The control was stopped by a critical error (FATAL).",
    "Oppsummering per kontroll:": "Summary per control:",
    "Funn:": "Findings:",
    "Ingen funn.": "No findings.",
    "Statistikk:": "Statistics:",
    "Kontrollrapport for skjema {skjema}, statistikkår {aar}, kommune {where}": "Control report for skjema {skjema}, statistics year {aar}, kommune {where}",
    "Antall poster: {n}": "Number of records: {n}",
    "filen": "the file",
    "linje {n}": "line {n}",
    "journalnr. {j}": "case no. {j}",
    "saksbehandler {s}": "caseworker {s}",
    "Kontrollrapport for skjema {skjema}, statistikkår {aar}": "Control report for skjema {skjema}, statistics year {aar}",
    "Kontroll": "Control",
    "Alvorlighet": "Severity",
    "Antall": "Count",
    "Tittel": "Title",
    "Linje": "Line",
    "Journalnummer": "Case number",
    "Saksbehandler": "Caseworker",
    "Melding": "Message",
    "Felt": "Fields",
    "Kritisk feil": "Fatal error",
    "Feil": "Error",
    "Advarsel": "Warning",
    "Info": "Info",
    "Tall": "Figure",
    "Verdi": "Value",
    "bydel {bydel}": "district {bydel}",
    "Kommune": "Kommune",
    "Antall poster": "Number of records",
    "Oppsummering per kontroll": "Summary per control",
    "Funn": "Findings",
    "Statistikk": "Statistics",
    "Gruppe": "Group",
    "Alder kan ikke utledes av fødselsnummeret": "Age cannot be derived from the national identity number",
    "Ingen måneder oppgitt": "No months given",
    "0 kr eller uoppgitt": "NOK 0 or not given",
    "1 måned": "1 month",
    "2-3 måneder": "2-3 months",
    "4-6 måneder": "4-6 months",
    "7-9 måneder": "7-9 months",
    "10-11 måneder": "10-11 months",
    "12 måneder": "12 months",
    "Under 18 år": "Under 18",
    "18-24 år": "18-24 years",
    "25-29 år": "25-29 years",
    "30-39 år": "30-39 years",
    "40-49 år": "40-49 years",
    "50-66 år": "50-66 years",
    "67 år og over": "67 and over",
    "1-9 999 kr": "NOK 1-9,999",
    "10 000-49 999 kr": "NOK 10,000-49,999",
    "50 000-99 999 kr": "NOK 50,000-99,999",
    "100 000-199 999 kr": "NOK 100,000-199,999",
    "200 000 kr og over": "NOK 200,000 and over",
    "Under 20 år": "Under 20",
    "20-24 år": "20-24 years",
    "1-7 999 kr": "NOK 1-7,999",
    "8 000-49 999 kr": "NOK 8,000-49,999",
    "100 000-149 999 kr": "NOK 100,000-149,999",
    "150 000 kr og over": "NOK 150,000 and over",
}
