import xml.etree.ElementTree as ET
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from validation.report.charts import series_svg
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
