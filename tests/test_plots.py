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
    assert plots.chart_title(ax) == "Outlet A reads easiest"
    # horizontal bars, named on the left, top to bottom in sorted order
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Outlet A", "Outlet B", "Outlet C"]
    bars = ax.containers[0]
    assert [p.get_width() for p in bars] == pytest.approx([50.4, 0.0, 48.7])
    assert [p.get_y() + p.get_height() / 2 for p in bars] == [0, 1, 2]
    assert ax.yaxis_inverted()
    assert [_rgb(p.get_facecolor()) for p in bars] == ["#0072B2", "#E69F00", "#009E73"]
    assert [t.get_text() for t in ax.texts] == ["50.4", "n/a", "48.7"]
    assert "0-100" in plots.value_label(ax)


def test_bar_by_outlet_draws_on_a_given_axes_and_accepts_a_label(by_outlet):
    _, ax = plt.subplots()
    returned = plots.bar_by_outlet(by_outlet, "n_sentences", title="t", ylabel="Sentences (count)", ax=ax)
    assert returned is ax
    assert plots.value_label(ax) == "Sentences (count)"  # what the bars measure, under the bars


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
    shown = ax.get_figure().get_suptitle()
    assert "\n" in shown and " ".join(shown.split()) == title


# --- grouped_bars -----------------------------------------------------------


def test_grouped_bars_does_not_mutate_input(grades):
    before = grades.copy(deep=True)
    plots.grouped_bars(grades, x="measure", y="grade", title="t", ylabel="US school grade")
    pd.testing.assert_frame_equal(grades, before)


def test_grouped_bars_one_series_per_outlet_in_group_order(grades):
    ax = plots.grouped_bars(grades, x="measure", y="grade", title="t", ylabel="US school grade")
    # one block per group, headed by its name, one bar per outlet named on the left (no legend)
    assert [c.get_label() for c in ax.containers] == ["Gunning Fog", "SMOG", "ari"]
    assert [t.get_text() for t in ax.texts if not hasattr(t, "xy")] == ["Gunning Fog", "SMOG", "ari"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Outlet A", "Outlet B"] * 3
    fog, smog, ari = ax.containers
    assert [p.get_width() for p in fog] == pytest.approx([14.2, 15.0])
    assert [p.get_width() for p in ari] == pytest.approx([12.0, 0.0])
    for block in ax.containers:
        assert [_rgb(p.get_facecolor()) for p in block] == ["#0072B2", "#E69F00"]
    assert plots.value_label(ax) == "US school grade"
    assert ax.get_legend() is None


def test_grouped_bars_of_categories_never_use_an_outlet_colour():
    forms = pd.DataFrame({"voice": ["own", "own", "quoted", "quoted"], "form": ["direct", "reported"] * 2,
                          "n": [1, 2, 3, 4]})
    ax = plots.grouped_bars(forms, x="voice", y="n", hue="form", title="t", ylabel="count")
    colours = {_rgb(p.get_facecolor()) for c in ax.containers for p in c}
    assert len(colours) == 2 and not colours & OKABE_ITO


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
        ({"A": 50.0, "B": 50.0}, "All 2 outlets have the same FRE (50.0)"),
        ({"A": 50.44, "B": 45.47, "C": 48.71}, "A has the highest FRE (50.4); B the lowest (45.5)"),
        # ties at the printed precision are named, never hidden
        ({"A": 50.44, "B": 50.41, "C": 48.71}, "A and B have the highest FRE (50.4); C the lowest (48.7)"),
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
    assert "Gunning Fog: Outlet A 14.2, Outlet B 15.0." in text
    assert "ari: Outlet A 12.0, Outlet B n/a." in text


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


# --- text size, cut-off text and many outlets --------------------------------


def _drawn_charts(n_outlets: int):
    names = [f"Outlet {i:02d} with a long name" for i in range(1, n_outlets + 1)]
    by = pd.DataFrame({"outlet": names, "v": range(n_outlets)})
    long = pd.DataFrame({"group": ["direct quote"] * n_outlets + ["reported speech"] * n_outlets,
                         "outlet": names * 2, "n": list(range(2 * n_outlets))})
    title = "Outlet 01 with a long name has the highest value of something measured in this story (12)"
    return [plots.bar_by_outlet(by, "v", title=title, ylabel="Quoted speech (% of the outlet's words)"),
            plots.grouped_bars(long, x="group", y="n", title=title, ylabel="Attributed statements (count)",
                               xlabel="Form of speech")]


@pytest.mark.parametrize("n_outlets", [3, 5, 12])
def test_charts_keep_their_width_grow_in_height_and_cut_no_text(n_outlets):
    for ax in _drawn_charts(n_outlets):
        figure = ax.get_figure()
        assert figure.get_figwidth() == plots.CHART_WIDTH
        figure.canvas.draw()
        assert plots.clipped_texts(figure) == []
        assert figure.get_figheight() > plots.ROW_INCHES * n_outlets


def test_min_font_pt_keeps_text_at_10_px_on_a_phone():
    # a chart W inches wide is shown at 100 px an inch, shrunk to 320 px on a 390 px phone
    for width in (3.0, 4.4, 6.0, 9.0):
        shown_px = plots.min_font_pt(width) / 72 * 100 * min(1.0, 320 / (100 * width))
        assert shown_px >= 10.0
    assert plots.min_font_pt(4.4) == plots.MIN_FONT_PT


def test_to_image_raises_small_text_and_records_its_size_in_the_png():
    fig, ax = plt.subplots(figsize=(8.0, 3.0))
    ax.text(0.5, 0.5, "tiny", fontsize=5)
    ax.set_title("a title")
    image = plots.to_image(ax, alt="x", dpi=50)
    found = plots.png_text(image.data)
    assert float(found[plots.WIDTH_KEY]) == 8.0
    # 8 inches shrink to 320 px on a phone (factor 0.4): 10 px there needs 18 pt and more
    assert float(found[plots.FONT_KEY]) == plots.min_font_pt(8.0) >= 18.0


def test_clipped_texts_finds_a_label_outside_the_figure():
    fig, ax = plt.subplots(figsize=(3, 2), layout="constrained")
    ax.text(2.5, 0.5, "far outside", transform=ax.transAxes).set_in_layout(False)
    fig.canvas.draw()
    assert plots.clipped_texts(fig) == ["far outside"]
