"""Statistics summary of an 11F file (økonomisk sosialhjelp), like the one SSB's program prints.

Number of recipients, the totals of BIDRAG and LAAN (blank or non-numeric counted as 0), and
recipients by age group, by number of months with assistance (months holding their own month
code) and by total amount (BIDRAG + LAAN). Every group is listed, also when its count is 0,
so reports of different files line up. Ages follow the year's derivation (T5 in 2020, T6
from 2021); an age that cannot be derived is counted in its own group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from kontroll.columns import ages_2021, ints0, spans
from kontroll.context import Context
from kontroll.i18n import N_
from kontroll.records import FileData
from kontroll.registry import statistics
from kontroll.rules.sosialhjelp import ages_2020
from kontroll.statistics.common import AGE_UNKNOWN, AMOUNT_NONE, MONTH_GROUPS, MONTHS_NONE

SKJEMA = "11F"

AGE_GROUPS: tuple[tuple[str, int, int], ...] = (
    (N_("Under 18 år"), 0, 17),
    (N_("18-24 år"), 18, 24),
    (N_("25-29 år"), 25, 29),
    (N_("30-39 år"), 30, 39),
    (N_("40-49 år"), 40, 49),
    (N_("50-66 år"), 50, 66),
    (N_("67 år og over"), 67, 10_000),
)


AMOUNT_GROUPS: tuple[tuple[str, int, int], ...] = (
    (N_("1-9 999 kr"), 1, 9_999),
    (N_("10 000-49 999 kr"), 10_000, 49_999),
    (N_("50 000-99 999 kr"), 50_000, 99_999),
    (N_("100 000-199 999 kr"), 100_000, 199_999),
    (N_("200 000 kr og over"), 200_000, 2**40),
)


def _table(
    values: Iterable[int], groups: tuple[tuple[str, int, int], ...], other: str
) -> list[dict[str, Any]]:
    """Counts per group; values outside every group (unknown age, 0 months) go to ``other``."""
    counts = dict.fromkeys([label for label, _, _ in groups] + [other], 0)
    for value, n in Counter(values).items():
        for label, low, high in groups:
            if low <= value <= high:
                counts[label] += n
                break
        else:
            counts[other] += n
    return [{"group": label, "count": count} for label, count in counts.items()]


def _month_count(span: str) -> int:
    return sum(1 for m in range(12) if span[2 * m : 2 * m + 2] == f"{m + 1:02d}")


@statistics(SKJEMA)
def sosialhjelp_statistics(file: FileData, ctx: Context) -> dict[str, Any]:
    """Recipients, totals and the three distributions of an 11F file."""
    aar = ctx.aar
    if aar == 2020:
        ages = ages_2020(file)  # shared with the rules (005-007, 022)
    else:
        ages = ages_2021(file, aar)
    months_col = spans(file, "STMND_1", "STMND_12")
    table = {v: _month_count(v) for v in set(months_col)}
    bidrag, laan = ints0(file, "BIDRAG"), ints0(file, "LAAN")
    return {
        "recipients": len(file),
        "bidrag_total": sum(bidrag),
        "laan_total": sum(laan),
        "by_age": _table(ages, AGE_GROUPS, AGE_UNKNOWN),
        "by_months": _table(map(table.__getitem__, months_col), MONTH_GROUPS, MONTHS_NONE),
        "by_amount": _table(map(int.__add__, bidrag, laan), AMOUNT_GROUPS, AMOUNT_NONE),
    }
