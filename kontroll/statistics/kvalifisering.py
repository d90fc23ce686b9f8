"""Statistics summary of an 11CF file (kvalifiseringsstønad), like the one SSB's program prints.

Number of participants and total benefit (KVP_STONAD, blank or non-numeric counted as 0), and
participants by age group, by number of months with benefit and by amount. Every group is
listed, also when its count is 0, so reports of different files line up.

Decisions (catalogue 11CF.md section 7): the 2020-2022 programs counted ages 45-66 in the
"50-66" group (overlapping "40-49") and counted months as month fields with a positive number;
we use the current program's groups (50-66) and count months holding their own month code in
every year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from kontroll.context import Context
from kontroll.i18n import N_
from kontroll.records import FileData
from kontroll.registry import statistics
from kontroll.rules.kvalifisering_data import SKJEMA, ages, amounts, month_counts
from kontroll.statistics.common import AGE_UNKNOWN, AMOUNT_NONE, MONTH_GROUPS, MONTHS_NONE

AGE_GROUPS: tuple[tuple[str, int, int], ...] = (
    (N_("Under 20 år"), 0, 19),
    (N_("20-24 år"), 20, 24),
    (N_("25-29 år"), 25, 29),
    (N_("30-39 år"), 30, 39),
    (N_("40-49 år"), 40, 49),
    (N_("50-66 år"), 50, 66),
    (N_("67 år og over"), 67, 10_000),
)


AMOUNT_GROUPS: tuple[tuple[str, int, int], ...] = (
    (N_("1-7 999 kr"), 1, 7_999),
    (N_("8 000-49 999 kr"), 8_000, 49_999),
    (N_("50 000-99 999 kr"), 50_000, 99_999),
    (N_("100 000-149 999 kr"), 100_000, 149_999),
    (N_("150 000 kr og over"), 150_000, 2**31),
)


def _group(value: int | None, groups: tuple[tuple[str, int, int], ...], other: str) -> str:
    if value is not None:
        for label, low, high in groups:
            if low <= value <= high:
                return label
    return other


def _table(
    values: Sequence[int | None], groups: tuple[tuple[str, int, int], ...], other: str
) -> list[dict[str, Any]]:
    counts = dict.fromkeys([label for label, _, _ in groups] + [other], 0)
    for value, count in Counter(values).items():  # few distinct ages and month counts
        counts[_group(value, groups, other)] += count
    return [{"group": label, "count": count} for label, count in counts.items()]


@statistics(SKJEMA)
def kvalifisering_statistics(file: FileData, ctx: Context) -> dict[str, Any]:
    """Participants, total benefit and the three distributions of an 11CF file."""
    sums = [0 if n is None else n for n in amounts(file)]
    return {
        "participants": len(file),
        "benefit_total": sum(sums),
        "by_age": _table(ages(file, ctx.aar), AGE_GROUPS, AGE_UNKNOWN),
        "by_months": _table(month_counts(file), MONTH_GROUPS, MONTHS_NONE),
        "by_amount": _table(sums, AMOUNT_GROUPS, AMOUNT_NONE),
    }
