"""Run the control rules of one skjema and statistics year over a file.

Steps of :func:`run_control`:

1. Check the arguments: the skjema and year must have a layout and rules, the kommune must be
   valid in the statistics year and the bydel must be an Oslo district (usage errors, raised
   as :class:`kontroll.errors.KontrollUsageError` subclasses with a Norwegian message - they
   say nothing about the file, so they are not findings).
2. Read the physical lines (ISO-8859-1, any line ending) and drop blank lines.
3. Run the rules in catalogue order: file rules before the first record rule (000, 001, 002),
   then every record rule record by record, then the remaining file rules (005A, 005B). A
   FATAL finding stops the checks after the stage it occurred in.
4. Unless stopped, compute the statistics summary.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from kontroll import kommuner
from kontroll.context import Context
from kontroll.errors import (
    InvalidBydel,
    InvalidKommune,
    UnsupportedSkjema,
    UnsupportedYear,
)
from kontroll.findings import Finding, Severity
from kontroll.i18n import N_
from kontroll.layout import available_years, load_layout
from kontroll.messages import Message, Text, render, stored_params
from kontroll.personvern import MASK, PERSONAL_FIELDS, mask_text, mask_value
from kontroll.reader import JAVA_WHITESPACE, read_lines
from kontroll.records import FileData
from kontroll.registry import Hit, Rule, rules_for, skjemaer, statistics_for
from kontroll.report import Report, RuleInfo
from kontroll.strided import distinct_keys

_EMPTY: dict[str, Any] = {}


def run_control(
    *,
    skjema: str,
    aar: int,
    data: bytes,
    kommune: str,
    bydel: str | None = None,
    has_participants: bool = True,
) -> Report:
    """Check ``data`` (the file's bytes) as skjema ``skjema`` for statistics year ``aar``."""
    rules = applicable_rules(skjema, aar)
    bydel = check_delivery(kommune, aar, bydel)
    ctx = Context(
        skjema=skjema,
        aar=aar,
        kommune=kommune,
        bydel=bydel,
        has_participants=has_participants,
    )
    layout = load_layout(skjema, aar)
    # 2020-2022 (Java) drop lines of only whitespace; 2023 onwards (Kotlin) only empty lines.
    lines = read_lines(data, drop_whitespace_lines=aar <= 2022)
    file = FileData(data, lines, layout)
    findings: list[Finding] = []
    stopped = False
    stop_requested = False
    for stage in _stages(rules):
        if stage[0].scope == "file":
            for r in stage:
                sev = r.severity_for(aar)
                stop_requested = _collect(findings, r, sev, r.fn(file, ctx), file)
        else:
            _run_record_rules(stage, file, ctx, findings)
        if stop_requested or any(f.severity is Severity.FATAL for f in findings):
            stopped = True
            break
    stats: dict[str, Any] = {}
    if not stopped:
        fn = statistics_for(skjema)
        if fn is not None:
            stats = fn(file, ctx)
    _PREPARED.clear()
    # By line, and within a line in catalogue order (file-level findings first).
    rank = {r.id: i for i, r in enumerate(rules)}
    findings.sort(key=lambda f: (0 if f.line is None else f.line, rank.get(f.rule, 0)))
    return Report(
        skjema=skjema,
        aar=aar,
        kommune=kommune,
        bydel=bydel,
        records=len(lines),
        findings=findings,
        rules=[RuleInfo(r.id, r.title, r.severity_for(aar)) for r in rules],
        statistics=stats,
        stopped=stopped,
    )


def check_delivery(kommune: str, aar: int, bydel: str | None) -> str | None:
    """Check the kommune (valid in ``aar``) and bydel (Oslo only); the bydel, None if blank.

    Raises InvalidKommune / InvalidBydel with a Norwegian message.
    """
    _check_kommune(kommune, aar)
    return _check_bydel(kommune, bydel)


def applicable_rules(skjema: str, aar: int) -> list[Rule]:
    """The rules of ``skjema`` in ``aar``, in catalogue order; raises UnsupportedSkjema /
    UnsupportedYear (Norwegian message) when the skjema or year has no layout or rules."""
    if skjema not in skjemaer():
        known = ", ".join(sorted(skjemaer()))
        raise UnsupportedSkjema(
            N_("Skjema «{skjema}» støttes ikke av kontrollprogrammet (støttet: {known}).").format(
                skjema=skjema, known=known
            )
        )
    rules = rules_for(skjema, aar)
    if not rules or aar not in available_years(skjema):
        years = ", ".join(str(y) for y in available_years(skjema) if rules_for(skjema, y))
        raise UnsupportedYear(
            N_("Skjema {skjema} kan ikke kontrolleres for statistikkåret {aar} "
               "(støttede år: {years}).").format(skjema=skjema, aar=aar, years=years)
        )  # fmt: skip
    return rules


def _check_kommune(kommune: str, aar: int) -> None:
    if len(kommune) != 4 or not kommune.isascii() or not kommune.isdigit():
        raise InvalidKommune(
            N_("Kommunenummeret «{kommune}» er ugyldig; det skal være fire sifre.").format(
                kommune=kommune
            )
        )
    if kommuner.kommune_is_valid(kommune, aar):
        return
    periods = kommuner.kommune_years(kommune)
    if not periods:
        raise InvalidKommune(
            N_("Kommunenummeret {kommune} finnes ikke i kommunelisten.").format(kommune=kommune)
        )
    spans = ", ".join(f"{fra}-{til if til is not None else ''}" for fra, til in periods)
    raise InvalidKommune(
        N_("Kommunenummeret {kommune} er ikke gyldig i statistikkåret {aar}; det var i bruk "
           "i statistikkårene {spans} (kommunesammenslåing eller ny kommuneinndeling). Lever "
           "for kommunenummeret som gjaldt i {aar}.").format(kommune=kommune, aar=aar, spans=spans)
    )  # fmt: skip


def _check_bydel(kommune: str, bydel: str | None) -> str | None:
    if bydel is None or not bydel.strip():
        return None
    if kommune != kommuner.OSLO:
        raise InvalidBydel(
            N_("Bydel {bydel} er oppgitt for kommune {kommune}; bare Oslo (0301) leverer per "
               "bydel.").format(bydel=bydel, kommune=kommune)
        )  # fmt: skip
    if bydel not in kommuner.bydeler():
        raise InvalidBydel(
            N_("Bydel «{bydel}» er ikke en bydel i Oslo (gyldige: 01-15).").format(bydel=bydel)
        )
    return bydel


def _stages(rules: list[Rule]) -> list[list[Rule]]:
    """File rules before the first record rule, all record rules, the remaining file rules."""
    before: list[Rule] = []
    record: list[Rule] = []
    after: list[Rule] = []
    for r in rules:
        if r.scope == "record":
            record.append(r)
        elif record:
            after.append(r)
        else:
            before.append(r)
    stages = [[r] for r in before]
    if record:
        stages.append(record)
    stages.extend([r] for r in after)
    return stages


def _run_record_rules(
    rules: list[Rule], file: FileData, ctx: Context, findings: list[Finding]
) -> None:
    shared: dict[tuple[str, ...], set[str]] = {}
    for r in rules:
        if r.inputs is not None:
            _run_columnwise(r, file, ctx, findings, shared)
            if len(shared) > 1:  # keep only the most recent set: rules sharing inputs are adjacent
                for names in list(shared)[:-1]:
                    del shared[names]
    calls = [(r, r.fn, r.severity_for(ctx.aar)) for r in rules if r.inputs is None]
    if not calls:
        return
    split = file.layout.split
    numbers = file.numbers
    for index, text in enumerate(file.texts):
        rec = split(text)
        for r, fn, sev in calls:
            result = fn(rec, ctx)
            if result is not None:
                _add(findings, r, sev, result, numbers[index], _identity(rec))


def _keys(file: FileData, names: tuple[str, ...]) -> list[str]:
    """One string key per record for the values of fields ``names``.

    Each run of adjacent fields is one slice; several runs are concatenated. Strings are
    cheaper to build and hash than tuples, and the fields' fixed widths make the key
    decodable: :func:`_key_values` cuts it back into the values. (Record rules only run when
    001, which is FATAL, found every record to be exactly the record length.)
    """
    if len(names) == 1:
        return file.column(names[0])
    keys: list[str] | None = None
    for start, end in _runs(file, names):
        col = list(map(itemgetter(slice(start, end)), file.texts))
        keys = col if keys is None else list(map(operator.add, keys, col))
    return keys or []


def _runs(file: FileData, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each run of adjacent fields among ``names``, in the order of ``names``."""
    runs: list[tuple[int, int]] = []
    for name in names:
        f = file.layout.fields[name]
        if runs and runs[-1][1] == f.start:
            runs[-1] = (runs[-1][0], f.end)
        else:
            runs.append((f.start, f.end))
    return runs


def _key_values(file: FileData, names: tuple[str, ...], key: str) -> dict[str, str]:
    """The field values (name -> raw value) a key of :func:`_keys` was built from."""
    values = {}
    offset = 0
    for name in names:
        size = file.layout.fields[name].size
        values[name] = key[offset : offset + size]
        offset += size
    return values


def _run_columnwise(
    r: Rule,
    file: FileData,
    ctx: Context,
    findings: list[Finding],
    shared: dict[tuple[str, ...], set[str]],
) -> None:
    """Run a record rule with declared inputs once per distinct combination of its inputs.

    ``shared`` holds the distinct keys of the most recent input fields, for the rules of one
    stage. The key of each record is only built when some combination fails.
    """
    names = r.inputs or ()
    fn = r.fn
    # Rules reading the same fields (015-019 and 021 all read VKLO and ARBSIT) share the
    # distinct keys.
    if names not in shared:
        shared[names] = _distinct(file, names)
    distinct = {key: fn(_key_values(file, names, key), ctx) for key in shared[names]}
    failing = {}
    for key, result in distinct.items():
        if result is not None:
            failing[key] = result if isinstance(result, Hit) else tuple(result)
    if not failing:
        return
    sev = r.severity_for(ctx.aar)
    numbers = file.numbers
    for index, key in enumerate(_keys(file, names)):
        result = failing.get(key)
        if result is not None:
            _add(findings, r, sev, result, numbers[index], file.identity(index))


def _distinct(file: FileData, names: tuple[str, ...]) -> set[str]:
    """The distinct keys (see :func:`_keys`) of fields ``names``: from the raw bytes when
    :func:`kontroll.strided.distinct_keys` can, without a key per record."""
    if not names:
        return set()  # no inputs: no combinations, as before
    unique = distinct_keys(file, names)
    return unique if unique is not None else set(_keys(file, names))


def _identity(rec: dict[str, str] | None) -> tuple[str, str]:
    if rec is None:
        return "", ""
    return (
        rec.get("PERSON_JOURNALNR", "").strip(JAVA_WHITESPACE),
        rec.get("SAKSBEHANDLER", "").strip(JAVA_WHITESPACE),
    )


def _add(
    findings: list[Finding],
    r: Rule,
    sev: Severity,
    result: Hit | Iterable[Hit],
    line: int | None,
    identity: tuple[str, str],
) -> None:
    hits = (result,) if isinstance(result, Hit) else result
    journal, caseworker = identity
    for hit in hits:
        message, message_id, params, values = _prepared(hit)
        findings.append(
            Finding(
                rule=r.id,
                severity=sev if hit.severity is None else hit.severity,
                line=line,
                journal_number=mask_text(journal),
                caseworker=mask_text(caseworker),
                fields=hit.fields if hit.fields is not None else r.fields,
                message=message,
                values=values,
                message_id=message_id,
                params=params,
            )
        )


# A hit of a record rule is shared by every record with the same values; its message is
# masked and rendered once. Keyed by the hit object, alive while the run holds its results.
_PREPARED: dict[int, tuple[Hit, tuple[str, str, dict[str, Any], dict[str, Any]]]] = {}


def _prepared(hit: Hit) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
    """(bokmål message, message id, params, values) of ``hit``, with id and DUF numbers masked
    (:mod:`kontroll.personvern`): the values of the personal fields wherever they appear, and
    any id-like run of digits elsewhere."""
    cached = _PREPARED.get(id(hit))
    if cached is not None and cached[0] is hit:
        return cached[1]
    raw = hit.values or {}
    secrets = tuple(
        v.strip(JAVA_WHITESPACE)
        for k, v in raw.items()
        # Six characters at least: shorter values could not identify anyone, and replacing
        # them everywhere would garble the message.
        if k in PERSONAL_FIELDS and isinstance(v, str) and len(v.strip(JAVA_WHITESPACE)) >= 6
    )
    values = {k: _masked(k, v, secrets) for k, v in raw.items()}
    msg = hit.message
    if isinstance(msg, Message | Text):
        stored = stored_params(getattr(msg, "params", {}))
        params = {k: _masked(k, v, secrets) for k, v in stored.items()}
        prepared = (render(msg.id, params, "nb"), msg.id, params, values)
    else:
        prepared = (_masked("", str(msg), secrets), "", {}, values)
    if len(_PREPARED) > 10_000:
        _PREPARED.clear()
    _PREPARED[id(hit)] = (hit, prepared)
    return prepared


def _masked(key: str, value: Any, secrets: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        text = mask_value(key, value)
        for secret in secrets:
            text = text.replace(secret, MASK)
        return text
    if isinstance(value, dict):
        return {k: _masked(k, v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(key, v, secrets) for v in value]
    return value


def _collect(
    findings: list[Finding],
    r: Rule,
    sev: Severity,
    hits: Iterable[Hit] | None,
    file: FileData,
) -> bool:
    """Add a file rule's hits; True when one of them asks to stop the checks."""
    if hits is None:
        return False
    stop = False
    for hit in (hits,) if isinstance(hits, Hit) else hits:
        stop = stop or hit.stop
        if hit.index is not None:
            _add(findings, r, sev, hit, file.numbers[hit.index], file.identity(hit.index))
        else:
            _add(findings, r, sev, hit, hit.line, ("", ""))
    return stop
