import itertools
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validation.report.charts import HEIGHT, RADIUS, WIDTH, lay_out_chart, series_svg
from validation.report.series import Point, Series

SVG = "{http://www.w3.org/2000/svg}"


def series_of(points):
    return Series("zone", "members", ("园区", "Zone"), ("会员<数>", "Members & co"), "家", points)


def point(fact_id, period, low, high, status="actual"):
    return Point(fact_id, period, period, Decimal(low), Decimal(high), f"{low}家", status)


def test_each_point_links_to_its_fact_and_the_chart_is_well_formed_xml():
    svg = series_svg(series_of([point("F1", "2023", "361", "361"), point("F2", "2024", "400", "Infinity"),
                                point("F3", "2024", "10", "20", "target")]),
                     {"F1": "row-facts-F1", "F2": "row-facts-F2", "F3": "row-facts-F3"})
    root = ET.fromstring(str(svg))
    links = root.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == ["#row-facts-F1", "#row-facts-F2", "#row-facts-F3"]
    assert [a.get("class") for a in links] == ["point actual", "point actual", "point planned"]
    assert "会员&lt;数&gt;" in str(svg) and "Members &amp; co" in str(svg)


def test_an_open_end_is_drawn_to_the_top_of_the_chart():
    svg = series_svg(series_of([point("F1", "2023", "50", "60"), point("F2", "2024", "60", "Infinity")]), {})
    whiskers = ET.fromstring(str(svg)).findall(f".//{SVG}line[@class='whisker']")
    tops = [float(w.get("y2")) for w in whiskers]
    assert tops[1] < tops[0] and tops[1] >= 0


@given(st.lists(st.tuples(st.sampled_from(["2021", "2022", "2023/2024", "2025-06"]),
                          st.decimals(0, 10**12, places=2), st.decimals(0, 10**6, places=2)),
                min_size=1, max_size=8))
def test_any_series_draws_inside_the_canvas(raw):
    points = [point(f"F{i}", period, low, low + extra) for i, (period, low, extra) in enumerate(raw)]
    root = ET.fromstring(str(series_svg(series_of(points), {})))
    width, height = float(root.get("width")), float(root.get("height"))
    for circle in root.iter(f"{SVG}circle"):
        assert 0 <= float(circle.get("cx")) <= width and 0 <= float(circle.get("cy")) <= height
    assert len(root.findall(f"{SVG}a")) == len(points)


# The time axis, value ticks, points of one period, labels -------------------------------------

def circles(svg):
    return [(float(c.get("cx")), float(c.get("cy"))) for c in ET.fromstring(str(svg)).iter(f"{SVG}circle")]


def texts(svg, cls):
    return [t.text for t in ET.fromstring(str(svg)).iter(f"{SVG}text") if t.get("class") == cls]


def test_periods_stand_on_a_real_time_scale_at_their_midpoints():
    """2020 → 2024-12 is about nine times 2024-12 → 2025: evenly spaced periods would be 1:1."""
    layout = lay_out_chart(series_of([point("F1", "2020", "1", "1"), point("F2", "2024-12", "2", "2"),
                                      point("F3", "2025", "3", "3")]))
    x = [p.x for p in layout.points]
    time = layout.time
    assert x[0] == pytest.approx((time.x(date(2020, 1, 1)) + time.x(date(2021, 1, 1))) / 2)
    assert x[1] == pytest.approx((time.x(date(2024, 12, 1)) + time.x(date(2025, 1, 1))) / 2)
    assert (x[1] - x[0]) / (x[2] - x[1]) == pytest.approx(
        (date(2024, 12, 16) - date(2020, 7, 2)).days / (date(2025, 7, 2) - date(2024, 12, 16)).days, rel=0.02)


def test_a_period_is_drawn_as_its_span():
    series = series_of([point("F1", "2024-12", "777", "777"), point("F2", "2025", "800", "800"),
                        point("F3", "2022/2024", "700", "700")])
    svg, layout = series_svg(series, {}), lay_out_chart(series)
    spans = [(float(line.get("x1")), float(line.get("x2")))
             for line in ET.fromstring(str(svg)).iter(f"{SVG}line") if line.get("class") == "span"]
    time = layout.time
    year = time.x(date(2026, 1, 1)) - time.x(date(2025, 1, 1))
    assert spans[1] == pytest.approx((time.x(date(2025, 1, 1)), time.x(date(2026, 1, 1))), abs=0.06)
    assert spans[0][1] - spans[0][0] == pytest.approx(year * 31 / 365, abs=0.2)  # December
    assert spans[2][1] - spans[2][0] == pytest.approx(3 * year, abs=1)  # three years


def test_ticks_are_round_values_and_round_dates_and_the_axes_are_titled():
    svg = series_svg(series_of([point("F1", "2024-01", "388", "388"), point("F2", "2024-12", "777", "777"),
                                point("F3", "2026-02", "777", "777")]), {})
    assert texts(svg, "tick value") == ["0", "200", "400", "600", "800"]
    assert texts(svg, "tick time") == ["2024", "2025", "2026"]  # each year named under its span
    assert texts(svg, "axis-title") == ["unit: 家", "period"]
    short = series_svg(series_of([point("F1", "2024-12", "5433", "5433"),
                                  point("F2", "2025-03", "5500", "5500")]), {})
    assert texts(short, "tick value") == ["0", "2,000", "4,000", "6,000"]
    assert texts(short, "tick time") == ["Dec 2024", "2025", "Feb", "Mar", "Apr"]


def test_points_of_one_period_stand_apart_and_keep_readable_labels():
    svg = series_svg(series_of([point("F1", "2022/2024", "3", "3"), point("F2", "2022/2024", "3", "3"),
                                point("F3", "2022/2024", "3", "3"), point("F4", "2025", "1", "1")]), {})
    xs = sorted(x for x, _ in circles(svg)[:3])
    assert all(b - a >= 2 * RADIUS for a, b in itertools.pairwise(xs))
    assert texts(svg, "label").count("3家") == 3  # every label found room


def test_a_point_stands_at_the_printed_figure_its_whisker_spanning_the_interval():
    near = Point("F1", "2024", "2024", Decimal(40), Decimal(50), "近50家", "actual", Decimal(50))
    layout = lay_out_chart(series_of([near, point("F2", "2025", "10", "10")]))
    (p, _) = layout.points
    assert p.y == pytest.approx(layout.values.y(Decimal(50)))
    assert p.y_low == pytest.approx(layout.values.y(Decimal(40))) and p.y_high == p.y


def test_labels_are_escaped():
    hostile = [replace(point("F1", "2023", "1", "1"), text="<b>1</b>"),
               replace(point("F2", "2024", "2", "2"), text="2&")]
    svg = str(series_svg(series_of(hostile), {}))
    assert "<b>" not in svg and "&lt;b&gt;1&lt;/b&gt;" in svg and "2&amp;" in svg


@given(st.lists(st.tuples(st.sampled_from(["2021", "2022", "2023/2024", "2025-06", "2024-12", "2019/2025"]),
                          st.decimals(0, 10**6, places=1), st.decimals(0, 10**3, places=1),
                          st.sampled_from(["361家", "突破27亿元", "近50家", "5433个", "3"])),
                min_size=1, max_size=10))
def test_labels_stay_inside_the_chart_and_clear_of_each_other_and_of_the_points(raw):
    points = [Point(f"F{i}", period, period, low, low + extra, text, "actual")
              for i, (period, low, extra, text) in enumerate(raw)]
    layout = lay_out_chart(series_of(points))
    boxes = [label.box for label in layout.labels if label is not None]
    for box in boxes:
        assert layout.left <= box[0] and box[2] <= WIDTH and 0 <= box[1] and box[3] <= HEIGHT
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        for p in layout.points:
            assert not (a[0] < p.x + RADIUS and p.x - RADIUS < a[2] and a[1] < p.y + RADIUS
                        and p.y - RADIUS < a[3]), (a, p.x, p.y)
    by_period: dict[str, list[float]] = {}
    for p in layout.points:
        by_period.setdefault(p.point.period, []).append(p.x)
    for xs in by_period.values():
        xs.sort()
        assert all(b - a >= 2 * RADIUS for a, b in itertools.pairwise(xs))
