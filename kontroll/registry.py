"""Rule registry: every control rule is a small function registered with its catalogue id.

Writing a rule
--------------
::

    @rule("011", skjema="11F", severity=Severity.ERROR, years=since(2020),
          fields=("BU18", "ANTBU18"), title=N_("Barn under 18 år, antall mangler"))
    def children_without_count(rec: Record, ctx: Context) -> RuleResult:
        \"\"\"BU18 = 1 and int0(ANTBU18) <= 0.\"\"\"
        if rec["BU18"] == "1" and int0(rec["ANTBU18"]) <= 0:
            return Hit(N_("... {antall} ...").format(antall=...), {"ANTBU18": ...})
        return None

* ``severity`` is a :class:`Severity`, or ``{year it starts or changes: Severity}`` when it
  changes by year (see :func:`kontroll.years.by_year`: the last one holds for later years).
* ``years`` is a :class:`kontroll.years.Years`: ``since(2021)``, ``since(2020, until=2023)``,
  never a list ending at the last year we know - a new year with only its layout files runs
  every rule of the latest earlier year. Register a rule once; year differences are
  year-dependent data inside it (``ctx.aar``, ``by_year``), never copies.
* Rules run in the catalogue's order, which is the order of their ids as strings
  ("001" < "002" < "003" < "003B" < "004" ...).

Return protocol
---------------
* ``scope="record"`` (default): called as ``fn(rec, ctx)`` for every record, where ``rec`` is a
  ``dict[str, str]`` of raw, untrimmed field values keyed by field name (see
  :meth:`kontroll.layout.Layout.split`). Return ``None`` when the record passes, a :class:`Hit`
  for one finding, or an iterable of hits. The runner adds the line number, journal number
  and caseworker; ``Hit.index`` and ``Hit.line`` are ignored for record rules.
* ``inputs`` (record rules): every field the function reads. When given, the rule must be a
  pure function of those values and ``ctx``; the runner then calls it once per *distinct*
  combination of the input values over the whole file (a few hundred calls instead of one
  per record) and repeats its result for every record with that combination. This is what
  makes 100,000 records take about a second.
* ``scope="file"``: called once as ``fn(data, ctx)`` with a :class:`kontroll.records.FileData`
  (lines, line numbers, lazily split records, cached columns). Return an iterable of hits;
  set ``Hit.index`` to the 0-based record index a finding belongs to, or leave it None and
  optionally set ``Hit.line`` for a file-level finding (001 per line, 000).
* ``Hit.fields`` overrides the rule's ``fields`` for one finding (e.g. 002 names the field
  that failed); ``Hit.values`` holds the offending values - never a national id number.
* ``Hit.severity`` overrides the rule's severity for one finding; ``Hit.stop`` (file rules)
  ends the checks like a FATAL finding does, e.g. after an accepted "nothing to report".
* A FATAL finding stops all later rules. File rules registered before the first record rule
  run before the record loop; those registered after it run after the loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from kontroll.context import Context
from kontroll.findings import Severity
from kontroll.years import ByYear, Years

Record = dict[str, str]


class Hit(NamedTuple):
    """A rule's report of one failure; the runner turns it into a Finding."""

    message: str
    values: Mapping[str, Any] = {}
    fields: tuple[str, ...] | None = None
    # The record a file rule's finding belongs to. (Shadows tuple.index; the name is part of
    # the API every rule module uses.)
    index: int | None = None  # type: ignore[assignment]
    line: int | None = None
    # Overrides the rule's severity for this one finding (e.g. 000's confirming INFO).
    severity: Severity | None = None
    # File rules only: end the checks after this rule, as a FATAL finding would.
    stop: bool = False


RuleResult = Hit | Iterable[Hit] | None
RecordRuleFn = Callable[[Record, Context], RuleResult]
FileRuleFn = Callable[[Any, Context], Iterable[Hit]]
Scope = Literal["record", "file"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule. ``order`` is its position in the catalogue (registration order)."""

    id: str
    skjema: str
    years: Years
    severities: ByYear[Severity] | Severity
    fields: tuple[str, ...]
    title: str
    scope: Scope
    inputs: tuple[str, ...] | None
    fn: Callable[..., Any]
    order: int

    def severity_for(self, aar: int) -> Severity:
        if isinstance(self.severities, Severity):
            return self.severities
        return self.severities[aar]

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip()


_RULES: list[Rule] = []


def rule(
    rule_id: str,
    *,
    skjema: str,
    severity: Severity | Mapping[int, Severity] | ByYear[Severity],
    years: Years,
    fields: tuple[str, ...] = (),
    title: str = "",
    scope: Scope = "record",
    inputs: tuple[str, ...] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as control rule ``rule_id`` of ``skjema``."""
    if not isinstance(years, Years):
        raise TypeError(f"rule {rule_id}: years must be since(...), not {years!r}")
    severities: ByYear[Severity] | Severity
    if isinstance(severity, Severity | ByYear):
        severities = severity
    else:
        severities = ByYear(severity)
    if isinstance(severities, ByYear) and severities.first > years.first:
        raise ValueError(f"rule {rule_id}: no severity for {years.first}")

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        for existing in _RULES:
            same = existing.id == rule_id and existing.skjema == skjema
            if same and existing.years.overlaps(years):
                raise ValueError(f"rule {skjema}/{rule_id} registered twice for a year")
        _RULES.append(
            Rule(
                id=rule_id,
                skjema=skjema,
                years=years,
                severities=severities,
                fields=fields,
                title=title,
                scope=scope,
                inputs=inputs,
                fn=fn,
                order=len(_RULES),
            )
        )
        return fn

    return decorator


def rules_for(skjema: str, aar: int) -> list[Rule]:
    """The rules of ``skjema`` that apply in statistics year ``aar``, in catalogue order."""
    _load_rule_modules()
    # Catalogue ids sort in catalogue order ("003" < "003B" < "004" < "004A" < "005" ...).
    found = [r for r in _RULES if r.skjema == skjema and aar in r.years]
    return sorted(found, key=lambda r: (r.id, r.order))


def skjemaer() -> set[str]:
    """Every skjema that has at least one rule."""
    _load_rule_modules()
    return {r.skjema for r in _RULES}


# --- statistics summaries -------------------------------------------------------------------

StatisticsFn = Callable[[Any, Context], dict[str, Any]]
_STATISTICS: dict[str, StatisticsFn] = {}


def statistics(skjema: str) -> Callable[[StatisticsFn], StatisticsFn]:
    """Register ``fn(data: FileData, ctx) -> dict`` as the statistics summary of ``skjema``.

    It runs when no FATAL finding stopped the control and returns JSON-serialisable data
    (numbers, strings, lists, dicts), like the summary SSB's program prints.
    """

    def decorator(fn: StatisticsFn) -> StatisticsFn:
        _STATISTICS[skjema] = fn
        return fn

    return decorator


def statistics_for(skjema: str) -> StatisticsFn | None:
    _load_rule_modules()
    return _STATISTICS.get(skjema)


_loaded = False


def _load_rule_modules() -> None:
    """Import every module in kontroll.rules and kontroll.statistics so they register."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil

    import kontroll.rules
    import kontroll.statistics

    for package in (kontroll.rules, kontroll.statistics):
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            importlib.import_module(f"{package.__name__}.{info.name}")
