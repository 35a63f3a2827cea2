"""Small inline SVG charts of a series, drawn by hand (a few dozen elements each, no plotting
library): periods on a real time scale, each point the figure as printed with a bar spanning
the period it covers and a whisker spanning the interval the figure allows, values on round
ticks, axes titled, each point a link to its fact and labelled with the printed figure where
the label has room.

:func:`lay_out_chart` computes every position; :func:`series_svg` only draws them, so that the
geometry (points of a period kept apart, labels clear of each other) is tested without parsing
SVG.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from markupsafe import Markup, escape

from validation.report.scales import (
    TimeScale,
    ValueScale,
    nice_step,
    nice_ticks,
    period_span,
    text_width,
    tick_label,
    time_ticks,
)
from validation.report.series import Point, Series

WIDTH, HEIGHT = 370, 230
#: Margins around the plot: the left one grows with the widest value label.
RIGHT, TOP, BOTTOM, MIN_LEFT = 14, 28, 42, 34
#: Font size of ticks and labels, in pixels (as in report.css).
FONT = 10
RADIUS = 4.5
#: Distance between the centres of points of the same period, set side by side.
DODGE = 2 * RADIUS + 2
#: Room inside the plot's left and right edges, so that no point sits on an axis.
INSET = 10
#: Where an open-ended whisker's arrow ends: in the room above the highest tick.
ARROW_TOP = TOP - 14
#: Value ticks at most.
VALUE_TICKS = 6
TIME_TICKS = 7

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class PlacedPoint:
    """A point as drawn: its centre, its whisker from ``y_low`` to ``y_high`` (``open_up``: no
    upper end, drawn as an arrow), and the span of its period from ``x_start`` to ``x_end``."""

    point: Point
    x: float
    y: float
    y_low: float
    y_high: float
    open_up: bool
    open_down: bool
    x_start: float
    x_end: float
    span: tuple[date, date]


@dataclass(frozen=True)
class Label:
    """A text at ``x``, ``y`` (its baseline), anchored ``anchor``, occupying ``box``."""

    text: str
    x: float
    y: float
    anchor: str
    box: Box


@dataclass(frozen=True)
class ChartLayout:
    """Everything a chart draws, in SVG coordinates."""

    left: float
    values: ValueScale
    value_ticks: list[tuple[float, str]]  # y and label
    time: TimeScale
    time_ticks: list[float]  # x of each round date
    time_labels: list[tuple[float, str]]  # x (centre) and text
    points: list[PlacedPoint]
    labels: list[Label | None]  # one per point, None where none fits
    unit_title: Label
    time_title: Label

    @property
    def plot(self) -> Box:
        return (self.left, self.values.top, WIDTH - RIGHT, self.values.bottom)


def _label(text: str, x: float, baseline: float, anchor: str) -> Label:
    width = text_width(text, FONT)
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    box = (x0 - 1, baseline - FONT * 0.85, x0 + width + 1, baseline + FONT * 0.25)
    return Label(text, x, baseline, anchor, box)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(inner: Box, outer: Box) -> bool:
    return outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]


def lay_out_chart(series: Series) -> ChartLayout:
    points = series.points
    spans = [period_span(p.period) for p in points]

    # Values: round ticks from zero (or the lowest value below it) to the highest finite end.
    finite = [v for p in points for v in (p.low, p.high, p.value) if v is not None and v.is_finite()]
    low = min([Decimal(0), *finite])
    high = max([*finite, low])
    ticks = nice_ticks(low, high, VALUE_TICKS)
    step = nice_step(low, high, VALUE_TICKS)
    labels = [tick_label(t, step) for t in ticks]
    left = max(MIN_LEFT, max(text_width(t, FONT) for t in labels) + 10)
    values = ValueScale(ticks[0], ticks[-1], HEIGHT - BOTTOM, TOP)

    # Time: round dates from before the first period starts to after the last one ends.
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    axis = time_ticks(start, end, TIME_TICKS)
    time = TimeScale(axis.days[0], axis.days[-1], left + INSET, WIDTH - RIGHT - INSET)
    time_labels = [((time.x(a) + time.x(b)) / 2, text) for a, b, text in axis.labels()]

    def y(v: Decimal) -> float:
        return values.y(min(max(v, values.low), values.high))

    # Points: at the printed value (else the middle of the interval), at the middle of the
    # period; points of one period set side by side, kept inside the plot.
    centres = [(time.x(s) + time.x(e)) / 2 for s, e in spans]
    xs = list(centres)
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(points):
        groups.setdefault(p.period, []).append(i)
    lo_x, hi_x = left + RADIUS + 1, WIDTH - RIGHT - RADIUS - 1
    for members in groups.values():
        gap = min(DODGE, (hi_x - lo_x) / max(len(members) - 1, 1))
        first = centres[members[0]] - gap * (len(members) - 1) / 2
        first = min(max(first, lo_x), hi_x - gap * (len(members) - 1))
        for n, i in enumerate(members):
            xs[i] = first + gap * n
    placed = []
    for p, x, (s, e) in zip(points, xs, spans, strict=True):
        open_up, open_down = p.high.is_infinite(), p.low.is_infinite()
        if p.value is not None and p.low <= p.value <= p.high:
            at = p.value
        elif open_up and open_down:
            at = Decimal(0)
        elif open_up or open_down:
            at = p.low if open_up else p.high
        else:
            at = (p.low + p.high) / 2
        placed.append(PlacedPoint(
            p, x, y(at), values.bottom if open_down else y(p.low), ARROW_TOP if open_up else y(p.high),
            open_up, open_down, time.x(s), time.x(e), (s, e)))

    unit_title = _label(f"unit: {series.unit}" if series.unit else "value", 4, 12, "start")
    time_title = _label("period", WIDTH - RIGHT, HEIGHT - 4, "end")
    return ChartLayout(left, values, [(values.y(t), text) for t, text in zip(ticks, labels, strict=True)],
                       time, [time.x(d) for d in axis.days], time_labels, placed,
                       _place_labels(placed, left, unit_title), unit_title, time_title)


def _place_labels(points: list[PlacedPoint], left: float, title: Label) -> list[Label | None]:
    """Each point's printed figure beside it: above its whisker, below it, right or left of the
    point, whichever first stays inside the plot and clear of every point, whisker and label
    already placed; none where nothing fits (the point's tooltip still says it)."""
    area: Box = (left + 1, 1, WIDTH - 1, HEIGHT - BOTTOM - 1)
    taken: list[Box] = [title.box]
    for p in points:
        taken.append((p.x - RADIUS, p.y - RADIUS, p.x + RADIUS, p.y + RADIUS))
        taken.append((p.x - 1.5, min(p.y_high, p.y_low), p.x + 1.5, max(p.y_high, p.y_low)))
    found: list[Label | None] = []
    for p in points:
        if not p.point.text:
            found.append(None)
            continue
        top, bottom = min(p.y - RADIUS, p.y_high), max(p.y + RADIUS, p.y_low)
        candidates = (
            _label(p.point.text, p.x, top - 4, "middle"),
            _label(p.point.text, p.x, bottom + 4 + FONT * 0.85, "middle"),
            _label(p.point.text, p.x + RADIUS + 3, p.y + FONT * 0.35, "start"),
            _label(p.point.text, p.x - RADIUS - 3, p.y + FONT * 0.35, "end"),
        )
        chosen = next((c for c in candidates if _inside(c.box, area)
                       and not any(_overlaps(c.box, t) for t in taken)), None)
        if chosen is not None:
            taken.append(chosen.box)
        found.append(chosen)
    return found


def _f(x: float) -> str:
    return f"{x:.1f}"


def _line(cls: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line class="{cls}" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}"/>'


def _value_text(x: Decimal) -> str:
    if x.is_infinite():
        return "∞" if x > 0 else "-∞"
    return format(x.normalize(), "f") if x == x.to_integral_value() or abs(x) < 10**6 else f"{x:.6g}"


def series_svg(series: Series, href: dict[str, str]) -> Markup:
    """The series as an SVG element; ``href`` maps a fact id to the link of its row."""
    chart = lay_out_chart(series)
    x0, y_top, x1, y_bottom = chart.plot
    title = f"{series.entity[0]} {series.metric[0]} ({series.metric[1]}), {series.unit}"
    desc = "; ".join(f"{p.period}: {p.text}" for p in series.points)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
             f'<desc>{escape(desc)}</desc>']
    for y, text in chart.value_ticks:
        parts.append(_line("grid", x0, y, x1, y)
                     + f'<text class="tick value" x="{_f(x0 - 5)}" y="{_f(y + 3.5)}" '
                     f'text-anchor="end">{escape(text)}</text>')
    for x in chart.time_ticks:
        parts.append(_line("grid time", x, y_top, x, y_bottom) + _line("axis", x, y_bottom, x, y_bottom + 4))
    for x, text in chart.time_labels:
        parts.append(f'<text class="tick time" x="{_f(x)}" y="{_f(y_bottom + 15)}" '
                     f'text-anchor="middle">{escape(text)}</text>')
    if chart.values.low < 0 < chart.values.high:
        zero = chart.values.y(Decimal(0))
        parts.append(_line("zero", x0, zero, x1, zero))
    parts.append(_line("axis", x0, y_top, x0, y_bottom) + _line("axis", x0, y_bottom, x1, y_bottom))
    for t in (chart.unit_title, chart.time_title):
        parts.append(f'<text class="axis-title" x="{_f(t.x)}" y="{_f(t.y)}" '
                     f'text-anchor="{t.anchor}">{escape(t.text)}</text>')
    for p in chart.points:  # the spans first, under every point
        parts.append(_line("span", p.x_start, p.y, p.x_end, p.y)
                     + _line("span-end", p.x_start, p.y - 3, p.x_start, p.y + 3)
                     + _line("span-end", p.x_end, p.y - 3, p.x_end, p.y + 3))
    for p, label in zip(chart.points, chart.labels, strict=True):
        point = p.point
        shape = "actual" if point.status == "actual" else "planned"
        tip = (f"{point.fact_id}: {point.text} ({point.period}, {point.status}), "
               f"[{_value_text(point.low)}, {_value_text(point.high)}] {series.unit}")
        whisker = _line("whisker", p.x, p.y_low, p.x, p.y_high)
        for end, is_open, direction in ((p.y_high, p.open_up, -1), (p.y_low, p.open_down, 1)):
            if is_open:
                whisker += (f'<path class="arrow" d="M{_f(p.x - 4)},{_f(end - direction * 6)} '
                            f'L{_f(p.x)},{_f(end)} L{_f(p.x + 4)},{_f(end - direction * 6)} Z"/>')
            elif p.y_low - p.y_high > 2 * RADIUS:
                whisker += _line("cap", p.x - 3, end, p.x + 3, end)
        text = (f'<text class="label" x="{_f(label.x)}" y="{_f(label.y)}" text-anchor="{label.anchor}">'
                f'{escape(label.text)}</text>') if label else ""
        parts.append(
            f'<a href="#{escape(href.get(point.fact_id, ""))}" class="point {shape}" '
            f'data-fact="{escape(point.fact_id)}"><title>{escape(tip)}</title>{whisker}'
            f'<circle cx="{_f(p.x)}" cy="{_f(p.y)}" r="{RADIUS}"/>{text}</a>')
    parts.append("</svg>")
    return Markup("".join(parts))
