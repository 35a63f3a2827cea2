from tests.conftest import REPO
from validation.corpus import load_corpus
from validation.report.model import build_report
from validation.report.series import build_series


def test_series_are_metrics_with_more_than_one_period_in_period_order():
    data = build_report(REPO)
    members = {s.key: s for s in data.series}["hunan_big_data_exchange.exchange_members"]
    assert [p.order for p in members.points] == sorted(p.order for p in members.points)
    assert len({p.period for p in members.points}) == len(members.points) == 3
    assert all(len({p.period for p in s.points}) > 1 for s in data.series)


def test_values_are_shown_in_the_unit_of_the_latest_point():
    corpus = load_corpus(REPO)
    series = build_series(corpus, {"entities": {}, "metrics": {}})
    turnover = {s.key: s for s in series}["hunan_big_data_exchange.exchange_cumulative_turnover"]
    latest = turnover.points[-1]
    facts = dict(corpus.tables["facts"].rows())
    row = next(r for r in facts.values() if r["fact_id"] == latest.fact_id)
    assert turnover.unit == row["unit"]
    assert str(latest.low.normalize()) in (row["value"], str(float(row["value"])))
