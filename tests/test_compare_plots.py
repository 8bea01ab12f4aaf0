"""Tests for the comparison charts in analysis.present.plots: selection grid and similarity heatmap."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.present import plots  # noqa: E402

SELECTION = pd.DataFrame({
    "passage_id": ["P2", "P2", "P1", "P1"],
    "order": [2, 2, 1, 1],
    "article_id": ["a", "b", "a", "b"],
    "status": ["omitted", "unmarked", "quoted", "partial"],
})
SIMILARITY = pd.DataFrame({
    "article_a": ["a", "a", "b", "a", "a", "b"],
    "article_b": ["b", "c", "c", "b", "c", "c"],
    "method": ["shared_passages"] * 3 + ["tfidf_cosine"] * 3,
    "value": [0.5, float("nan"), 0.25, 0.9, 0.8, 0.7],
})


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_status_colours_cover_every_status():
    from analysis.compare.passages import STATUSES

    assert set(plots.STATUS_COLORS) == set(STATUSES) == set(plots.STATUS_TINTS) == set(plots.STATUS_LABELS)


def test_selection_chart_rows_in_source_order_with_status_words():
    before = SELECTION.copy()
    ax = plots.selection_chart(SELECTION, title="Two passages", passage_text={"P1": "one two three four"},
                               column_labels={"a": "Outlet A"}, label_words=2)
    pd.testing.assert_frame_equal(SELECTION, before)  # input untouched
    assert [t.get_text() for t in ax.get_yticklabels()] == ["P1  one two …", "P2"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Outlet A", "b"]
    assert [t.get_text() for t in ax.texts] == ["quoted", "partial", "—", "unmarked"]
    colours = [matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in ax.patches]
    assert colours == [plots.STATUS_COLORS[s].upper() for s in ("quoted", "partial", "omitted", "unmarked")]
    assert ax.get_title(loc="left") == "Two passages"


def test_selection_chart_empty_and_missing_columns():
    ax = plots.selection_chart(SELECTION.iloc[0:0], title="Nothing")
    assert len(ax.texts) == 0
    with pytest.raises(ValueError, match="status"):
        plots.selection_chart(SELECTION.drop(columns="status"), title="x")


def test_similarity_heatmap_values_and_blank_diagonal():
    before = SIMILARITY.copy()
    ax = plots.similarity_heatmap(SIMILARITY, method="shared_passages", title="Alike", labels={"a": "Outlet A"})
    pd.testing.assert_frame_equal(SIMILARITY, before)
    texts = sorted(t.get_text() for t in ax.texts)
    # 3 articles: 6 off-diagonal cells, each pair printed twice; the undefined pair prints n/a
    assert texts == sorted(["0.50", "0.50", "n/a", "n/a", "0.25", "0.25"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Outlet A", "b", "c"]


def test_similarity_heatmap_rejects_unknown_method_and_handles_no_pairs():
    with pytest.raises(ValueError, match="valid methods in the table: shared_passages, tfidf_cosine"):
        plots.similarity_heatmap(SIMILARITY, method="jaccard", title="x")
    ax = plots.similarity_heatmap(SIMILARITY.iloc[0:0], method="shared_passages", title="None")
    assert [t.get_text() for t in ax.texts] == ["No pair of articles to compare"]
