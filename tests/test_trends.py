"""Tests for analysis.scale.trends: per-article rows pooled by outlet and period."""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest

from analysis.core import paths
from analysis.scale import trends
from analysis.io.corpus import load_story
from analysis.metrics import metrics_table
from analysis.present.plots import outlet_colors

matplotlib.use("Agg")


def _row(article_id, outlet, published, n_words, n_quoted, n_quotes, n_sentences, tone, negative, hedges):
    return {
        "article_id": article_id, "outlet": outlet, "published": published, "n_words": n_words,
        "n_quoted_words": n_quoted, "n_quotes": n_quotes, "n_sentences": n_sentences, "tone_mean": tone,
        "tone_negative_share": negative, "n_hedges": hedges, "n_boosters": 0 if hedges == hedges else hedges,
        "n_evaluative": 0 if hedges == hedges else hedges,
    }


NAN = float("nan")
# hand-made rows: two January articles of A (a short and a long one), one February article
# of A, one A article in French (no tone or stance: NaN), one undated article of B
ROWS = pd.DataFrame([
    _row("a1", "A", "2024-01-03", 100, 10, 1, 2, 0.5, 0.0, 1),
    _row("a2", "A", "2024-01-20T08:00:00", 300, 90, 3, 6, -0.5, 0.5, 2),
    _row("a3", "A", "2024-02-01", 200, 0, 0, 4, 0.25, 0.25, 0),
    _row("a4", "A", "2024-01-15", 50, 50, 1, 1, NAN, NAN, NAN),
    _row("b1", "B", None, 80, 8, 1, 4, 0.0, 0.0, 0),
])


def test_months_pool_counts_not_article_scores():
    got = trends.pooled_by_period(ROWS, period="month")
    assert list(got.columns) == list(trends.TREND_COLUMNS)
    assert list(got["outlet"]) == ["A", "A"]
    assert [str(p) for p in got["period"]] == ["2024-01", "2024-02"]
    jan, feb = got.iloc[0], got.iloc[1]
    assert (jan["n_articles"], jan["n_words"]) == (3, 450)
    # (10 + 90 + 50) / 450, not the mean of 0.1, 0.3 and 1.0
    assert jan["quote_density"] == pytest.approx(150 / 450)
    assert jan["quotes_per_100_words"] == pytest.approx(100 * 5 / 450)
    # the French article has no stance counts: its 50 words leave the denominator too
    assert jan["hedges_per_1k_words"] == pytest.approx(1000 * 3 / 400)
    # sentence-weighted: (2 * 0.5 + 6 * -0.5) / 8, not (0.5 - 0.5) / 2
    assert jan["tone_mean"] == pytest.approx(-0.25)
    assert jan["tone_negative_share"] == pytest.approx(3 / 8)
    assert feb["quote_density"] == 0.0 and feb["tone_mean"] == pytest.approx(0.25)
    assert trends.undated(ROWS) == 1


def test_period_none_pools_every_article_of_an_outlet():
    got = trends.pooled_by_period(ROWS, period=None).set_index("outlet")
    assert got.loc["B", "n_articles"] == 1 and got.loc["A", "n_articles"] == 4
    assert got.loc["A", "quote_density"] == pytest.approx(150 / 650)


@pytest.mark.parametrize("period,expected", [("week", 3), ("quarter", 1), ("year", 1)])
def test_other_periods(period, expected):
    assert len(trends.pooled_by_period(ROWS, period=period)) == expected


def test_pooling_the_whole_story_gives_the_outlet_rows_of_the_metrics_table():
    story = load_story(paths.DEFAULT_STORY)
    by_article = metrics_table(story)
    by_outlet = metrics_table(story, by="outlet").set_index("outlet")
    got = trends.pooled_by_period(by_article, period=None).set_index("outlet")
    for column in ("n_words", "quote_density", "quotes_per_100_words", "hedges_per_1k_words",
                   "boosters_per_1k_words", "evaluative_per_1k_words", "tone_mean", "tone_negative_share"):
        assert list(got[column]) == pytest.approx(list(by_outlet[column])), column


def test_dates_from_the_articles_table():
    metrics = ROWS.drop(columns="published")
    articles = ROWS[["article_id", "published"]]
    pd.testing.assert_frame_equal(trends.pooled_by_period(metrics, articles), trends.pooled_by_period(ROWS))
    with pytest.raises(ValueError, match="pass the articles table"):
        trends.pooled_by_period(metrics)


def test_empty_and_invalid():
    assert trends.pooled_by_period(ROWS.iloc[:0]).empty
    with pytest.raises(ValueError, match="valid periods: week, month, quarter, year"):
        trends.pooled_by_period(ROWS, period="day")
    nowords = ROWS.assign(n_words=0, n_quoted_words=0)
    assert math.isnan(trends.pooled_by_period(nowords).iloc[0]["quote_density"])


def test_line_by_outlet_draws_one_line_per_outlet_in_its_colour():
    rows = pd.concat([ROWS, ROWS.assign(outlet="C", article_id=lambda d: d["article_id"] + "c")])
    trend = trends.pooled_by_period(rows)
    before = trend.copy()
    ax = trends.line_by_outlet(trend, "quote_density")
    colors = outlet_colors(trend["outlet"])
    assert [line.get_label() for line in ax.get_lines()] == ["A", "C"]
    assert [line.get_color() for line in ax.get_lines()] == [colors["A"], colors["C"]]
    assert list(ax.get_lines()[0].get_ydata()) == pytest.approx(list(trend.loc[trend["outlet"] == "A", "quote_density"]))
    pd.testing.assert_frame_equal(trend, before)
    with pytest.raises(ValueError, match="valid measures: n_words, quote_density"):
        trends.line_by_outlet(trend, "outlet")
    import matplotlib.pyplot as plt

    plt.close("all")
