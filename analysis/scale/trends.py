"""Metrics by outlet over time, pooled from per-article rows (a batch's output).

A batch (:mod:`analysis.scale.batch`) writes one row per article. To chart an outlet
month by month, the rows of its articles in each month are pooled the way the
``metrics --by outlet`` rows are (docs/design.md, "outlet figures"): counts are
added up and the ratio is taken of the sums, never the average of article
ratios, so a 2,000-word article weighs four times a 500-word one.

Pooled columns (:data:`TREND_COLUMNS`), for each outlet and period:

n_articles, n_words
    Articles and words in the period.
quote_density
    ``sum(n_quoted_words) / sum(n_words)``. Higher = more of the text is quoted speech.
quotes_per_100_words
    ``100 * sum(n_quotes) / sum(n_words)``.
hedges_per_1k_words, boosters_per_1k_words, evaluative_per_1k_words
    ``1000 * sum(n_hedges) / sum(n_words)`` (and likewise), over the articles
    scored as English. Higher = more hedging (boosting, evaluative wording).
tone_mean
    Mean VADER compound score of every sentence of the period's English
    articles: ``sum(tone_mean * n_sentences) / sum(n_sentences)``, the same
    pooled mean as an outlet row. Higher = more positive wording; -1 to 1.
tone_negative_share
    Share of those sentences that read negative (compound <= -0.05).

Deviations
----------
Articles without a ``published`` date are left out of every period (and
counted in :func:`undated`). An article's month is the first ten characters
of its ``published`` field read as an ISO date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.present.plots import outlet_colors

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["PERIODS", "TREND_COLUMNS", "line_by_outlet", "pooled_by_period", "undated"]

PERIODS: dict[str, str] = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}
"""Valid ``period`` values and their pandas period codes."""

TREND_COLUMNS: tuple[str, ...] = (
    "outlet", "period", "n_articles", "n_words", "quote_density", "quotes_per_100_words",
    "hedges_per_1k_words", "boosters_per_1k_words", "evaluative_per_1k_words", "tone_mean",
    "tone_negative_share",
)
"""Columns of :func:`pooled_by_period`. Key: (outlet, period)."""

_RATES = {"hedges_per_1k_words": "n_hedges", "boosters_per_1k_words": "n_boosters",
          "evaluative_per_1k_words": "n_evaluative"}


def _dated(metrics: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    df = metrics.copy()
    if "published" not in df.columns:
        if articles is None:
            raise ValueError("no 'published' column: pass the articles table (it holds the dates)")
        df = df.merge(articles[["article_id", "published"]], on="article_id", how="left", validate="one_to_one")
    df["published"] = pd.to_datetime(df["published"].astype("string").str[:10], format="%Y-%m-%d", errors="coerce")
    return df


def undated(metrics: pd.DataFrame, articles: pd.DataFrame | None = None) -> int:
    """Number of articles without a usable ``published`` date (left out of the trends)."""
    return int(_dated(metrics, articles)["published"].isna().sum())


def _ratio(num: pd.Series, den: pd.Series, scale: float = 1.0) -> pd.Series:
    return (scale * num / den.where(den > 0)).astype("float64")


def pooled_by_period(
    metrics: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    period: str | None = "month",
) -> pd.DataFrame:
    """Pool per-article metrics by outlet and period (see the module notes).

    Parameters
    ----------
    metrics : pandas.DataFrame
        One row per article: the ``metrics`` columns (e.g. a batch's metrics dataset).
    articles : pandas.DataFrame, optional
        ``article_id`` and ``published`` (the batch's articles dataset), when
        ``metrics`` has no ``published`` column.
    period : {"week", "month", "quarter", "year"} or None, default "month"
        None pools all dates: one row per outlet, dated or not.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TREND_COLUMNS`, sorted by outlet then period; ``period``
        is a pandas Period (None when ``period`` is None). Undefined ratios are NaN.

    Raises
    ------
    ValueError
        For an unknown period, listing the valid ones; no dates to group by.
    """
    if period is not None and period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; valid periods: {', '.join(PERIODS)}")
    if period is None:
        df = metrics.copy()
        df["period"] = None
    else:
        df = _dated(metrics, articles)
        df = df[df["published"].notna()].copy()
        df["period"] = df["published"].dt.to_period(PERIODS[period])
    scored = df["tone_mean"].notna()
    df["_tone_sum"] = (df["tone_mean"] * df["n_sentences"]).where(scored, 0.0)
    df["_neg_sum"] = (df["tone_negative_share"] * df["n_sentences"]).where(scored, 0.0)
    df["_scored_sentences"] = df["n_sentences"].where(scored, 0)
    df["_scored_words"] = df["n_words"].where(df["n_hedges"].notna(), 0)
    sums = ["n_words", "n_quoted_words", "n_quotes", "_tone_sum", "_neg_sum", "_scored_sentences",
            "_scored_words", *_RATES.values()]
    keys = ["outlet", "period"]
    grouped = df.groupby(keys, sort=True, dropna=False)
    pooled = grouped[sums].sum(min_count=0)
    pooled["n_articles"] = grouped.size()
    pooled = pooled.reset_index()
    out = pd.DataFrame({
        "outlet": pooled["outlet"], "period": pooled["period"],
        "n_articles": pooled["n_articles"].astype("int64"), "n_words": pooled["n_words"].astype("int64"),
        "quote_density": _ratio(pooled["n_quoted_words"], pooled["n_words"]),
        "quotes_per_100_words": _ratio(pooled["n_quotes"], pooled["n_words"], 100.0),
    })
    for column, count in _RATES.items():
        out[column] = _ratio(pooled[count], pooled["_scored_words"], 1000.0)
    out["tone_mean"] = _ratio(pooled["_tone_sum"], pooled["_scored_sentences"])
    out["tone_negative_share"] = _ratio(pooled["_neg_sum"], pooled["_scored_sentences"])
    return out[list(TREND_COLUMNS)]


def line_by_outlet(trend: pd.DataFrame, measure: str, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """One line per outlet of ``measure`` over the periods of ``trend`` (outlet palette).

    Parameters
    ----------
    trend : pandas.DataFrame
        From :func:`pooled_by_period` (not modified).
    measure : str
        A column of :data:`TREND_COLUMNS` after ``n_articles``.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        For a measure that is not a trend column, listing the valid ones.
    """
    valid = TREND_COLUMNS[3:]
    if measure not in valid:
        raise ValueError(f"unknown measure {measure!r}; valid measures: {', '.join(valid)}")
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.6))
    colors = outlet_colors(trend["outlet"])
    for outlet, rows in trend.groupby("outlet", sort=True):
        x = rows["period"].dt.to_timestamp() if hasattr(rows["period"], "dt") else rows["period"]
        ax.plot(x, rows[measure], label=str(outlet), color=colors[str(outlet)], linewidth=1.6)
    ax.set_title(title or measure.replace("_", " "))
    ax.set_ylabel(measure.replace("_", " "))
    ax.legend(frameon=False, fontsize="small", ncols=min(3, trend["outlet"].nunique()) or 1)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
