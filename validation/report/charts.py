"""Small inline SVG charts of a series: one point per fact, its interval as a whisker, each point
a link to its fact. Drawn by hand: a few dozen elements each, no plotting library needed."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from validation.report.series import Series

WIDTH, HEIGHT = 360, 170
LEFT, RIGHT, TOP, BOTTOM = 58, 14, 14, 34


def _fmt(x: Decimal) -> str:
    """A value as a short label: 96.92, 1200, 0.5."""
    if x.is_infinite():
        return "∞"
    text = f"{x:.4g}" if abs(x) < 10000 else f"{x:.0f}"
    return text.rstrip("0").rstrip(".") if "." in text and "e" not in text else text


def series_svg(series: Series, href: dict[str, str]) -> Markup:
    """The series as an SVG element; ``href`` maps a fact id to the link of its row."""
    points = series.points
    finite = [v for p in points for v in (p.low, p.high) if v.is_finite()]
    low = min([Decimal(0), *finite])
    high = max(finite) if finite else Decimal(1)
    if high <= low:
        high = low + 1
    span = high - low
    top_value = high + span * Decimal("0.08")  # room above the highest end, and for open ends

    def y(v: Decimal) -> float:
        v = min(v, top_value)
        return TOP + float((top_value - v) / (top_value - low)) * (HEIGHT - TOP - BOTTOM)

    periods = list(dict.fromkeys(p.period for p in points))
    step = (WIDTH - LEFT - RIGHT) / max(len(periods), 1)

    def x(period: str, nth: int, of: int) -> float:
        base = LEFT + step * (periods.index(period) + 0.5)
        return base + (nth - (of - 1) / 2) * 10

    label = f"{series.entity[0]} {series.metric[0]} ({series.metric[1]}), {series.unit}"
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>']
    axis_y = HEIGHT - BOTTOM
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{axis_y}"/>'
                 f'<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}"/>')
    for tick in (low, (low + high) / 2, high):
        ty = y(tick)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}"/>'
                     f'<text class="tick" x="{LEFT - 4}" y="{ty + 3:.1f}" text-anchor="end">'
                     f'{escape(_fmt(tick))}</text>')
    for period in periods:
        parts.append(f'<text class="tick" x="{x(period, 0, 1):.1f}" y="{axis_y + 14}" '
                     f'text-anchor="middle">{escape(period)}</text>')
    parts.append(f'<text class="unit" x="4" y="{TOP - 2}">{escape(series.unit)}</text>')
    for period in periods:
        same = [p for p in points if p.period == period]
        for nth, p in enumerate(same):
            px = x(period, nth, len(same))
            mid = p.low if p.high.is_infinite() else (p.low + p.high) / 2
            shape = "actual" if p.status == "actual" else "planned"
            title = (f"{p.fact_id}: {p.text} ({p.period}, {p.status}), "
                     f"[{_fmt(p.low)}, {_fmt(p.high)}] {series.unit}")
            parts.append(
                f'<a href="#{escape(href.get(p.fact_id, ""))}" class="point {shape}" '
                f'data-fact="{escape(p.fact_id)}"><title>{escape(title)}</title>'
                f'<line class="whisker" x1="{px:.1f}" y1="{y(p.low):.1f}" x2="{px:.1f}" '
                f'y2="{y(p.high):.1f}"/>'
                f'<circle cx="{px:.1f}" cy="{y(mid):.1f}" r="4.5"/></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
