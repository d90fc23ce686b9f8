"""Server-rendered SVG chart of deliveries per day against the deadline (no JavaScript)."""

from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 760
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 16, 40
DEADLINE_LABEL_WIDTH = 100  # "Frist 15.01.2021" at 12px, with a margin


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if value <= step * 4:
            return step * 4
    return value


def intake_chart_svg(
    *,
    days: list[tuple[date, int]],
    deadline: date | None,
    total: int,
    title: str,
    chart_id: str,
    on: date | None = None,
) -> SafeString:
    """Bars: deliveries per day. Line: cumulative share of kommuner (right axis, 0-100 %).

    A dashed vertical line marks the deadline. The chart is an image with a title and a text
    description; the page shows the same figures in a table for screen readers.
    """
    n = max(len(days), 1)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    y_max = _nice_max(max((c for _d, c in days), default=0) or 1)
    delivered = sum(c for _d, c in days)
    # The same count as the table's "delivered": the series holds every counted delivery.
    desc = _("%(delivered)s av %(total)s kommuner levert i perioden %(start)s til %(end)s.") % {
        "delivered": delivered,
        "total": total,
        "start": days[0][0].strftime("%d.%m.%Y") if days else "",
        "end": days[-1][0].strftime("%d.%m.%Y") if days else "",
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    # Horizontal grid and left axis labels (deliveries per day).
    for k in range(5):
        value = y_max * k // 4
        y = TOP + plot_h - plot_h * k / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">{value}</text>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT + 6}" y="{y + 4:.1f}" class="axis">{25 * k} %</text>'
        )
    cumulative = 0
    points = []
    label_every = max(1, -(-n // 8))  # at most about eight date labels
    for i, (day, count) in enumerate(days):
        x = LEFT + i * slot
        h = plot_h * count / y_max
        if count:
            parts.append(
                f'<rect x="{x + slot * 0.15:.1f}" y="{TOP + plot_h - h:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{h:.1f}" class="bar">'
                f"<title>{day:%d.%m}: {count}</title></rect>"
            )
        cumulative += count
        share = cumulative / total if total else 0
        if on is None or day <= on:  # the share is known up to the chosen day
            points.append(f"{x + slot / 2:.1f},{TOP + plot_h - plot_h * share:.1f}")
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'class="axis">{day:%d.%m.%Y}</text>'
            )
    if points:
        parts.append(f'<polyline points="{" ".join(points)}" class="cumulative"/>')
    if deadline and days and days[0][0] <= deadline <= days[-1][0]:
        i = (deadline - days[0][0]).days
        x = LEFT + (i + 1) * slot
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{TOP + plot_h}" class="deadline"/>'
        )
        # Near the right edge the label goes to the left of the line, so it is not clipped.
        frist = escape(_("Frist"))
        right_side = x + 4 + DEADLINE_LABEL_WIDTH <= WIDTH - RIGHT
        anchor = "start" if right_side else "end"
        label_x = x + 4 if right_side else x - 4
        parts.append(
            f'<text x="{label_x:.1f}" y="{TOP + 12}" text-anchor="{anchor}" '
            f'class="deadline-label">{frist} {deadline:%d.%m.%Y}</text>'
        )
    # Outside the f-string: xgettext does not look inside f-strings.
    legend = _("Søyler: leveranser per dag. Linje: andel kommuner levert (høyre akse).")
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}" class="axis">{escape(legend)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
