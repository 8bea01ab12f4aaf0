"""Corpus text in a chart is drawn as the characters it holds, never as a formula.

Matplotlib reads text between two dollar signs as mathematical notation. A title with
two prices would be typeset as a formula and ``$\\frac{$`` stops the drawing with a
ParseException, which made ``report`` fail on a corpus text containing ``$$``.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analysis.present import plots  # noqa: E402

HOSTILE = ["costs $5 million and $3 million", "$$", r"$\frac{$", "$x^2_{a}$", r"\$ {} ^ _ \\", "a$b$c$"]

#: Text made of the characters mathtext treats specially, and a few plain ones.
label_text = st.text(alphabet="$\\^_{}ab 1", min_size=1, max_size=12).filter(lambda t: t.strip())


def _math_texts(figure) -> list[str]:
    """Texts of ``figure`` that matplotlib would typeset as mathematics."""
    return [t.get_text() for t in figure.findobj(Text) if t._preprocess_math(t.get_text())[1]]


def _charts(outlets: list[str], title: str) -> list:
    """One Axes of each chart kind, with ``outlets`` as labels and ``title`` as title."""
    by_outlet = pd.DataFrame({"outlet": outlets, "value": range(1, len(outlets) + 1)})
    long = pd.DataFrame({"measure": [title] * len(outlets), "outlet": outlets, "value": range(len(outlets))})
    ids = [f"a{i}" for i in range(len(outlets))]
    selection = pd.DataFrame({"passage_id": ["P1"] * len(ids), "order": [0] * len(ids), "article_id": ids,
                              "status": ["quoted"] * len(ids)})
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    similarity = pd.DataFrame({"article_a": [a for a, _ in pairs], "article_b": [b for _, b in pairs],
                               "method": "tfidf_cosine", "value": 0.5})
    labels = dict(zip(ids, outlets))
    return [
        plots.bar_by_outlet(by_outlet, "value", title=title, ylabel=title),
        plots.grouped_bars(long, x="measure", y="value", title=title, ylabel=title, xlabel=title),
        plots.selection_chart(selection, title=title, passage_text={"P1": title}, column_labels=labels),
        plots.similarity_heatmap(similarity, method="tfidf_cosine", title=title, labels=labels),
    ]


def test_without_the_guard_matplotlib_fails_on_such_text():
    # the control: the failure the guard prevents is real in this matplotlib
    fig, ax = plt.subplots()
    ax.set_title(r"$\frac{$")
    try:
        with pytest.raises(ValueError):
            fig.canvas.draw()
    finally:
        plt.close(fig)


@pytest.mark.slow
@pytest.mark.parametrize("text", HOSTILE)
def test_every_chart_renders_hostile_text_literally(text):
    for ax in _charts([text, text + " 2"], text):
        figure = ax.get_figure(root=True)
        plots.draw_literally(figure)
        with plt.rc_context({"text.parse_math": False}):
            figure.canvas.draw()
        plots.draw_literally(figure)
        assert _math_texts(figure) == []
        image = plots.to_image(ax, dpi=40)
        assert image.data[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outlets=st.lists(label_text, min_size=2, max_size=3, unique=True), title=label_text)
def test_random_text_with_math_characters_through_every_chart_label(outlets, title):
    for ax in _charts(outlets, title):
        plots.to_image(ax, dpi=40)  # raises on text drawn as a formula that does not parse
    assert plt.get_fignums() == []  # every figure was closed
