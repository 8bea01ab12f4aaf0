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
    assert [t.get_text() for t in ax.get_yticklabels()] == ["P1 one two …", "P2"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Outlet A", "b"]
    # a letter in every cell, so the chart reads without colour
    assert [t.get_text() for t in ax.texts] == ["Q", "P", "\u2013", "U"]
    colours = [matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in ax.patches]
    assert colours == [plots.STATUS_TINTS[s].upper() for s in ("quoted", "partial", "omitted", "unmarked")]
    # categories never take an outlet colour
    assert not set(colours) & {c.upper() for c in plots.OUTLET_PALETTE}
    assert [p.get_hatch() for p in ax.patches] == [None, "..", None, "///"]
    assert plots.chart_title(ax) == "Two passages"


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


def _many_outlets(n_outlets: int, per_outlet: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A selection and an outlet similarity table of ``n_outlets`` outlets; outlet k carries passages 1..k%6."""
    outlets = [f"Outlet {k:02d}" for k in range(1, n_outlets + 1)]
    rows = []
    for k, outlet in enumerate(outlets, start=1):
        for j in range(per_outlet):
            for p in range(1, 7):
                rows.append((f"P{p}", p, f"{outlet}-{j}", outlet, "quoted" if p <= k % 6 else "omitted"))
    selection = pd.DataFrame(rows, columns=["passage_id", "order", "article_id", "outlet", "status"])
    pairs = [(a, b) for i, a in enumerate(outlets) for b in outlets[i:]]
    # Outlet 01 and Outlet 02 are the most alike pair; every other pair 0.1
    values = [0.9 if {a, b} == {"Outlet 01", "Outlet 02"} else 0.1 for a, b in pairs]
    similarity = pd.DataFrame({"outlet_a": [a for a, _ in pairs], "outlet_b": [b for _, b in pairs],
                               "method": "shared_passages", "value": values, "n_pairs": 4})
    return selection, similarity


def test_selection_chart_of_50_outlets_shows_the_top_outlets_and_pools_the_rest():
    selection, _ = _many_outlets(50)
    ax = plots.selection_chart(selection, title="t", max_columns=6)
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert len(columns) == 6 and columns[-1] == "other 45 outlets"
    # the five outlets that carry the most passages (k % 6 == 5: outlets 5, 11, 17, 23, 29), by name
    assert columns[:5] == ["Outlet 05", "Outlet 11", "Outlet 17", "Outlet 23", "Outlet 29"]
    assert len(ax.texts) == 6 * 6
    figure = ax.get_figure()
    figure.canvas.draw()
    assert plots.clipped_texts(figure) == []


def test_selection_chart_with_many_passages_draws_those_carried_most_widely():
    rows = [(f"P{p}", p, a, a, "quoted" if p % 2 else "omitted") for p in range(1, 31) for a in ("x", "y")]
    selection = pd.DataFrame(rows, columns=["passage_id", "order", "article_id", "outlet", "status"])
    ax = plots.selection_chart(selection, title="t", max_passages=10)
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"P{p}" for p in range(1, 20, 2)]
    assert "10 passages carried most widely (of 30)" in " ".join(ax.get_figure().legends[0].get_title().get_text().split())


def test_heatmap_of_50_outlets_pools_all_but_the_most_alike():
    _, similarity = _many_outlets(50)
    ax = plots.similarity_heatmap(similarity, method="shared_passages", title="t", max_items=8)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert len(names) == 8 and names[:2] == ["Outlet 01", "Outlet 02"] and names[-1] == "other 43 outlets"
    matrix = ax.images[0].get_array()
    assert matrix[0, 1] == pytest.approx(0.9)
    assert matrix[7, 7] == pytest.approx(0.1)  # pooled pairs of the other outlets
    assert len(ax.texts) == 0  # 8 cells in a row leave no room for printed values: the table has them
    figure = ax.get_figure()
    figure.canvas.draw()
    assert plots.clipped_texts(figure) == []


def test_similarity_heatmap_rejects_unknown_method_and_handles_no_pairs():
    with pytest.raises(ValueError, match="valid methods in the table: shared_passages, tfidf_cosine"):
        plots.similarity_heatmap(SIMILARITY, method="jaccard", title="x")
    ax = plots.similarity_heatmap(SIMILARITY.iloc[0:0], method="shared_passages", title="None")
    assert [t.get_text() for t in ax.texts] == ["No pair of articles to compare"]
    with pytest.raises(ValueError, match="article_a and article_b"):
        plots.similarity_heatmap(SIMILARITY.rename(columns={"article_a": "x"}), method="shared_passages", title="x")


def test_status_colours_are_not_outlet_colours():
    # one colour meaning per chart family: the selection statuses never borrow an outlet colour
    from analysis.present.plots import outlet_colors

    outlets = set(outlet_colors([f"Outlet {i:02d}" for i in range(1, 9)]).values())
    assert not set(plots.STATUS_COLORS.values()) & outlets
