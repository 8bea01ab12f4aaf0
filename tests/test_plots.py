"""Outlet palette and chart helpers (drawn with the Agg backend, no display)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.present import plots  # noqa: E402

# Okabe & Ito (2008), as published (hex values of the eight colours)
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def by_outlet() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": ["Outlet C", "Outlet A", "Outlet B"],
            "flesch_reading_ease": [48.7, 50.4, math.nan],
            "n_sentences": [26, 24, 20],
        }
    )


@pytest.fixture
def grades() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": ["Outlet A", "Outlet B", "Outlet A", "Outlet B", "Outlet A", "Outlet B"],
            "measure": ["gunning_fog", "gunning_fog", "smog_index", "smog_index", "ari", "ari"],
            "grade": [14.2, 15.0, 13.5, 14.0, 12.0, math.nan],
        }
    )


def _rgb(color) -> str:
    return mcolors.to_hex(color, keep_alpha=False).upper()


# --- palette ----------------------------------------------------------------


def test_palette_is_okabe_ito_without_repeats():
    assert set(plots.OUTLET_PALETTE) == OKABE_ITO
    assert len(plots.OUTLET_PALETTE) == len(OKABE_ITO)


@pytest.mark.parametrize(
    ("outlets", "expected"),
    [
        ([], {}),
        (["Outlet A"], {"Outlet A": "#0072B2"}),
        (["B", "A"], {"A": "#0072B2", "B": "#E69F00"}),
        (["B", "A", "B", "A"], {"A": "#0072B2", "B": "#E69F00"}),
        ([2, 1], {"1": "#0072B2", "2": "#E69F00"}),
    ],
)
def test_outlet_colors_follow_sorted_order(outlets, expected):
    assert plots.outlet_colors(outlets) == expected


def test_outlet_colors_do_not_depend_on_input_order():
    names = ["Zeta", "Alpha", "Mu", "Beta"]
    assert plots.outlet_colors(names) == plots.outlet_colors(reversed(names))


def test_outlet_colors_cycle_beyond_the_palette_and_hatches_tell_repeats_apart():
    names = [f"Outlet {i:02d}" for i in range(1, 11)]  # 10 outlets, 8 colours
    colors = plots.outlet_colors(names)
    hatches = plots.outlet_hatches(names)
    assert colors["Outlet 09"] == colors["Outlet 01"] == "#0072B2"
    assert colors["Outlet 10"] == colors["Outlet 02"]
    assert len(set(colors.values())) == 8
    assert {hatches[n] for n in names[:8]} == {""}
    assert hatches["Outlet 09"] == hatches["Outlet 10"] != ""
    assert len({(colors[n], hatches[n]) for n in names}) == 10


# --- bar_by_outlet ----------------------------------------------------------


def test_bar_by_outlet_does_not_mutate_input(by_outlet):
    before = by_outlet.copy(deep=True)
    plots.bar_by_outlet(by_outlet, "flesch_reading_ease", title="t")
    pd.testing.assert_frame_equal(by_outlet, before)


def test_bar_by_outlet_draws_one_bar_per_outlet_in_palette_colours(by_outlet):
    ax = plots.bar_by_outlet(by_outlet, "flesch_reading_ease", title="Outlet A reads easiest")
    assert ax.get_title(loc="left") == "Outlet A reads easiest"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Outlet A", "Outlet B", "Outlet C"]
    bars = ax.containers[0]
    assert [p.get_height() for p in bars] == pytest.approx([50.4, 0.0, 48.7])
    assert [_rgb(p.get_facecolor()) for p in bars] == ["#0072B2", "#E69F00", "#009E73"]
    assert [t.get_text() for t in ax.texts] == ["50.4", "n/a", "48.7"]
    assert "0-100" in ax.get_ylabel() and ax.get_xlabel() == "Outlet"


def test_bar_by_outlet_draws_on_a_given_axes_and_accepts_a_label(by_outlet):
    _, ax = plt.subplots()
    returned = plots.bar_by_outlet(by_outlet, "n_sentences", title="t", ylabel="Sentences (count)", ax=ax)
    assert returned is ax
    assert ax.get_ylabel() == "Sentences (count)"


def test_bar_by_outlet_on_an_empty_table_draws_nothing(by_outlet):
    ax = plots.bar_by_outlet(by_outlet.iloc[0:0], "flesch_reading_ease", title="t")
    assert len(ax.containers[0]) == 0


@pytest.mark.parametrize(
    ("value", "outlet"),
    [("no_such_column", "outlet"), ("flesch_reading_ease", "source")],
)
def test_bar_by_outlet_unknown_column_lists_valid_ones(by_outlet, value, outlet):
    with pytest.raises(ValueError, match=r"available columns: \['outlet', 'flesch_reading_ease', 'n_sentences'\]"):
        plots.bar_by_outlet(by_outlet, value, title="t", outlet=outlet)


def test_long_titles_are_wrapped_not_cut(by_outlet):
    title = "Outlet A has the highest Flesch Reading Ease of the three outlets in this story by far"
    ax = plots.bar_by_outlet(by_outlet, "flesch_reading_ease", title=title)
    shown = ax.get_title(loc="left")
    assert "\n" in shown and " ".join(shown.split()) == title


# --- grouped_bars -----------------------------------------------------------


def test_grouped_bars_does_not_mutate_input(grades):
    before = grades.copy(deep=True)
    plots.grouped_bars(grades, x="measure", y="grade", title="t", ylabel="US school grade")
    pd.testing.assert_frame_equal(grades, before)


def test_grouped_bars_one_series_per_outlet_in_group_order(grades):
    ax = plots.grouped_bars(grades, x="measure", y="grade", title="t", ylabel="US school grade")
    assert [c.get_label() for c in ax.containers] == ["Outlet A", "Outlet B"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Gunning Fog", "SMOG", "ari"]
    a, b = ax.containers
    assert [p.get_height() for p in a] == pytest.approx([14.2, 13.5, 12.0])
    assert [p.get_height() for p in b] == pytest.approx([15.0, 14.0, 0.0])
    assert {_rgb(p.get_facecolor()) for p in a} == {"#0072B2"}
    assert {_rgb(p.get_facecolor()) for p in b} == {"#E69F00"}
    assert ax.get_ylabel() == "US school grade"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Outlet A", "Outlet B"]


def test_grouped_bars_unknown_column_lists_valid_ones(grades):
    with pytest.raises(ValueError, match="available columns"):
        plots.grouped_bars(grades, x="formula", y="grade", title="t", ylabel="u")


# --- findings and text alternatives -----------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, "No outlet has a defined FRE"),
        ({"A": math.nan}, "No outlet has a defined FRE"),
        ({"A": 50.0, "B": math.nan}, "Only A has a defined FRE (50.0)"),
        ({"A": 50.0, "B": 50.0}, "All outlets have the same FRE (50.0)"),
        ({"A": 50.44, "B": 45.47, "C": 48.71}, "A has the highest FRE (50.4); B the lowest (45.5)"),
    ],
)
def test_finding_names_highest_and_lowest(values, expected):
    assert plots.finding(pd.Series(values, dtype=float), measure="FRE") == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], ([], 0, 0)),
        ([("A", "m1", math.nan)], ([], 0, 0)),
        ([("A", "m1", 1.0), ("B", "m1", 2.0), ("A", "m2", 3.0), ("B", "m2", 1.0), ("B", "m3", 5.0)], (["B"], 2, 3)),
        ([("A", "m1", 1.0), ("B", "m1", 2.0), ("A", "m2", 3.0), ("B", "m2", 1.0)], (["A", "B"], 1, 2)),
        ([("A", "m1", 2.0), ("B", "m1", 2.0)], (["A", "B"], 1, 1)),
    ],
)
def test_most_often_highest(rows, expected):
    df = pd.DataFrame(rows, columns=["outlet", "measure", "grade"])
    before = df.copy()
    assert plots.most_often_highest(df, value="grade") == expected
    pd.testing.assert_frame_equal(df, before)


def test_describe_lists_every_bar_value(grades):
    ax = plots.grouped_bars(grades, x="measure", y="grade", title="B is hardest", ylabel="US school grade")
    text = plots.describe(ax)
    assert text.startswith("Bar chart: B is hardest. Values are US school grade.")
    assert "Outlet A: Gunning Fog 14.2, SMOG 13.5, ari 12.0." in text
    assert "Outlet B: Gunning Fog 15.0, SMOG 14.0, ari n/a." in text


def test_to_image_embeds_png_with_alt_text_and_closes_the_figure(by_outlet):
    ax = plots.bar_by_outlet(by_outlet, "flesch_reading_ease", title="t")
    figure = ax.get_figure()
    image = plots.to_image(ax, dpi=100)
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"
    data, metadata = image._repr_png_()
    assert metadata["alt"] == plots.describe(ax)
    assert metadata["width"] == image.width > 100
    assert not plt.fignum_exists(figure.number)


def test_to_image_uses_the_given_alt_text(by_outlet):
    ax = plots.bar_by_outlet(by_outlet, "flesch_reading_ease", title="t")
    assert plots.to_image(ax, alt="Three bars").alt == "Three bars"


@pytest.mark.parametrize(
    ("column", "unit", "expected"),
    [
        ("flesch_reading_ease", False, "Flesch Reading Ease"),
        ("smog_index", True, "SMOG (US school grade)"),
        ("not_a_measure", True, "not a measure"),
        ("", False, ""),
    ],
)
def test_measure_label(column, unit, expected):
    assert plots.measure_label(column, unit=unit) == expected
