"""Charts for per-outlet metric tables: one outlet palette, bar-chart helpers.

Every helper takes a tidy DataFrame, draws on a matplotlib Axes and returns it.
Helpers never modify the caller's DataFrame and never call ``plt.show()``;
the notebook (or :func:`to_image`) decides how a figure is displayed.

The outlet palette is defined once, here. Colours are assigned to outlets in
sorted order, so "Outlet A" has the same colour in every chart and notebook.
Categories that are not outlets (forms of speech, statuses of a passage) get
their own colours (:data:`CATEGORY_PALETTE`, the light tints of the selection
chart), never an outlet's.

Every chart is :data:`CHART_WIDTH` inches wide and grows in height with the
number of outlets and categories: bars run horizontally, named on the left,
each carrying its value. :func:`to_image` raises any text below
:func:`min_font_pt`, so that no text is shown below :data:`MIN_FONT_PX` CSS px
on a desktop or a 390 px phone, and records the smallest size in the PNG.
Charts of many outlets show the top :data:`TOP_N` and pool the rest as "other".

References
----------
Okabe, M. & Ito, K. (2008). Color Universal Design (CUD).
Cairo, A. (2016). *The Truthful Art*. New Riders, ch. 9 (bars, labels on the bars).
"""

from __future__ import annotations

import io
import math
import struct
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from analysis.compare.passages import STATUS_COLORS, STATUS_LABELS, STATUS_TINTS
from analysis.core.errors import unknown_option

if TYPE_CHECKING:  # imported lazily at run time: importing pyplot is slow
    from IPython.display import Image
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure

#: Okabe & Ito's colour-blind-safe palette, reordered so that the colours with the
#: most contrast against a white background come first (yellow is last but one).
#: Reference: Okabe, M. & Ito, K. (2008), "Color Universal Design (CUD): how to make
#: figures and presentations that are friendly to colorblind people".
OUTLET_PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)

#: Hatch patterns that tell outlets apart once colours repeat: outlets 1-8 are
#: plain, 9-16 get the second pattern, and so on (the sequence itself cycles too).
HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "++")

#: Display name and unit of the metric columns charted by the notebooks.
MEASURE_LABELS: Mapping[str, tuple[str, str]] = {
    "flesch_reading_ease": ("Flesch Reading Ease", "score, 0-100; higher = easier"),
    "flesch_kincaid_grade": ("Flesch-Kincaid", "US school grade"),
    "gunning_fog": ("Gunning Fog", "US school grade"),
    "smog_index": ("SMOG", "US school grade"),
    "coleman_liau_index": ("Coleman-Liau", "US school grade"),
    "automated_readability_index": ("ARI", "US school grade"),
    "dale_chall_readability_score": ("Dale-Chall", "score; higher = harder"),
    "n_words": ("Words", "count"),
    "n_sentences": ("Sentences", "count"),
    "words_per_sentence": ("Words per sentence", "words"),
    "syllables_per_word": ("Syllables per word", "syllables"),
    "polysyllable_share": ("Words of 3+ syllables", "share of words"),
    "mtld": ("MTLD lexical diversity", "words per factor"),
}


def outlet_colors(outlets: Iterable[object]) -> dict[str, str]:
    """Map each outlet name to its colour from :data:`OUTLET_PALETTE`.

    Outlets are de-duplicated and sorted, then given palette colours in order, so
    the mapping depends only on the set of outlets, never on row order.

    Parameters
    ----------
    outlets : iterable
        Outlet names (converted with ``str``); duplicates are allowed.

    Returns
    -------
    dict of str to str
        Outlet name -> hex colour.

    Notes
    -----
    Beyond ``len(OUTLET_PALETTE)`` outlets the colours repeat from the start
    (outlet 9 gets the first colour again). :func:`outlet_hatches` gives the
    repeated outlets a hatch pattern so that bars stay distinguishable.
    """
    names = sorted({str(outlet) for outlet in outlets})
    return {name: OUTLET_PALETTE[i % len(OUTLET_PALETTE)] for i, name in enumerate(names)}


def outlet_hatches(outlets: Iterable[object]) -> dict[str, str]:
    """Map each outlet name to a hatch pattern: plain until the palette repeats.

    Uses the same sorted order as :func:`outlet_colors`; outlet ``i`` (0-based)
    gets ``HATCHES[(i // len(OUTLET_PALETTE)) % len(HATCHES)]``.
    """
    names = sorted({str(outlet) for outlet in outlets})
    size = len(OUTLET_PALETTE)
    return {name: HATCHES[(i // size) % len(HATCHES)] for i, name in enumerate(names)}


def measure_label(column: str, *, unit: bool = False) -> str:
    """Human-readable name of a metric column, optionally with its unit in brackets.

    Unknown columns are returned with underscores replaced by spaces.
    """
    name, unit_text = MEASURE_LABELS.get(column, (column.replace("_", " "), ""))
    if unit and unit_text:
        return f"{name} ({unit_text})"
    return name


def _require_columns(df: pd.DataFrame, columns: Iterable[str]) -> None:
    missing = [column for column in columns if column not in df.columns]
    if missing:
        raise ValueError(
            f"column(s) {missing} not in the table; available columns: {list(map(str, df.columns))}"
        )


#: Width of every chart, in inches (shown at 100 CSS px an inch: 440 px on a desktop). Narrow on
#: purpose: on a 390 px phone the report shows a chart 320 px wide, and a chart drawn for that
#: width loses little when shrunk to it, so its text stays readable.
CHART_WIDTH: float = 4.4
#: Smallest text size drawn, in points (10.5 pt at 100 px an inch is 14.6 CSS px on a desktop).
MIN_FONT_PT: float = 10.5
#: Width, in CSS px, a report gives a chart on a 390 px phone (measured in Chromium).
PHONE_IMAGE_PX: float = 320.0
#: Smallest text a reader must read, in CSS px (the report's browser tests check it).
MIN_FONT_PX: float = 10.0
#: Height of one bar row and of one group heading row, in inches.
ROW_INCHES: float = 0.3
#: Charts of many outlets show this many at most; the rest are pooled as "other".
TOP_N: int = 8

#: Colours of categories that are not outlets (forms of speech, verb classes, voices...):
#: a ramp of greys (with hatches from the fourth on), so that no category is mistaken for an outlet.
CATEGORY_PALETTE: tuple[str, ...] = ("#3D3D3D", "#9E9E9E", "#D9D9D9", "#6B6B6B", "#BDBDBD")
CATEGORY_HATCHES: tuple[str, ...] = ("", "", "", "//", "..")

#: Selection-chart cells: light tints (the side-by-side view highlights text in the same tints),
#: a letter in each cell, and a hatch for copy without quotation marks, so the chart reads
#: without colour and never uses an outlet colour.
SELECTION_LETTERS: Mapping[str, str] = {"quoted": "Q", "unmarked": "U", "partial": "P", "omitted": "\u2013"}
SELECTION_HATCHES: Mapping[str, str] = {"quoted": "", "unmarked": "///", "partial": "..", "omitted": ""}


def min_font_pt(width_inches: float) -> float:
    """Smallest text size, in points, for a chart ``width_inches`` wide.

    A report shows a chart at 100 CSS px an inch and shrinks it to the width of a phone
    (:data:`PHONE_IMAGE_PX`); text must stay at least :data:`MIN_FONT_PX` there.

    >>> min_font_pt(4.4)
    10.5
    >>> round(min_font_pt(8.0), 1)
    18.9
    """
    shrink = min(1.0, PHONE_IMAGE_PX / (100.0 * width_inches))
    needed = MIN_FONT_PX * 72.0 / (100.0 * shrink) * 1.05  # 5% to spare for rounding in the browser
    return max(MIN_FONT_PT, round(needed, 1))


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    size = {"font.size": MIN_FONT_PT, "axes.titlesize": MIN_FONT_PT + 1, "axes.labelsize": MIN_FONT_PT,
            "xtick.labelsize": MIN_FONT_PT, "ytick.labelsize": MIN_FONT_PT, "legend.fontsize": MIN_FONT_PT,
            "legend.title_fontsize": MIN_FONT_PT}
    with plt.rc_context(size):
        _, new_ax = plt.subplots(figsize=figsize, layout="constrained")
    return new_ax


def _wrap_title(ax: Axes, title: str) -> str:
    """The title wrapped to the chart's width (about 9 characters an inch at the title size)."""
    width_inches = ax.get_figure(root=True).get_figwidth()
    return textwrap.fill(title, width=max(28, int(width_inches * 9)))


def _set_title(ax: Axes, title: str) -> None:
    """State the finding above the chart, aligned with the figure's left edge (never cut off)."""
    figure = ax.get_figure(root=True)
    figure.suptitle(_wrap_title(ax, title), x=0.02, ha="left", fontsize=MIN_FONT_PT + 1, fontweight="bold")


def chart_title(ax: Axes) -> str:
    """The title of the chart holding ``ax``, on one line."""
    figure = ax.get_figure(root=True)
    text = ax.get_title(loc="left") or figure.get_suptitle()
    return " ".join(text.split())


def _title_lines(title: str, width: float = CHART_WIDTH) -> int:
    return len(textwrap.wrap(title, width=max(28, int(width * 9)))) or 1


def _label_axes(ax: Axes, title: str, xlabel: str | None, ylabel: str) -> None:
    """Set the wrapped title and labels, aligned with the figure's left edge so none is cut off.

    ``xlabel`` (what the bars measure) goes under the chart across the whole figure.
    """
    _set_title(ax, title)
    if xlabel:
        ax.get_figure(root=True).supxlabel(textwrap.fill(xlabel, width=44), x=0.02, ha="left",
                                           fontsize=MIN_FONT_PT)
    if ylabel:
        ax.set_ylabel(textwrap.fill(ylabel, width=44))
    ax.spines[["top", "right"]].set_visible(False)


def value_label(ax: Axes) -> str:
    """What the values of the chart holding ``ax`` measure (its axis or figure label), on one line."""
    figure = ax.get_figure(root=True)
    text = ax.get_xlabel() or ax.get_ylabel() or figure.get_supxlabel()
    return " ".join(text.split())


def _format_value(value: float, fmt: str) -> str:
    return "n/a" if pd.isna(value) else format(value, fmt)


def _draw_bars(
    ax: Axes,
    positions: Sequence[float],
    values: Sequence[float],
    *,
    colors: Sequence[str],
    hatches: Sequence[str],
    label: str,
    fmt: str,
    height: float = 0.8,
) -> BarContainer:
    """Draw one horizontal bar per value and print each value at the end of its bar.

    Parameters
    ----------
    ax : Axes
        Axes to draw on.
    positions : sequence of float
        Y position of each bar.
    values : sequence of float
        Bar lengths; undefined values are drawn at 0 and labelled "n/a".
    colors, hatches : sequence of str
        Fill colour and hatch pattern of each bar ("" for no hatch).
    label : str
        Label of the bar series (the group it belongs to).
    fmt : str
        Format of the printed values.
    height : float
        Bar thickness.

    Returns
    -------
    BarContainer
        The bars drawn.
    """
    bars = ax.barh(
        positions,
        [0.0 if pd.isna(v) else v for v in values],
        height=height,
        color=list(colors),
        edgecolor=["#1F1F1F" if c.upper() in ("#FFFFFF", "#D9D9D9") else "white" for c in colors],
        linewidth=0.6,
        label=label,
    )
    for patch, hatch in zip(bars.patches, hatches):
        patch.set_hatch(hatch or None)
    ax.bar_label(bars, labels=[_format_value(v, fmt) for v in values], padding=3, fontsize=MIN_FONT_PT)
    return bars


class _Bars(NamedTuple):
    """One series of bars: its label, the name of each bar, positions and lengths."""

    label: str
    outlets: Sequence[str]
    positions: Sequence[float]
    values: Sequence[float]


def _horizontal_bar_chart(
    ax: Axes | None,
    series: Sequence[_Bars],
    colors: Mapping[str, str],
    hatches: Mapping[str, str],
    *,
    title: str,
    value_label: str,
    fmt: str,
    headings: Sequence[tuple[float, str]] = (),
    height: float = 0.8,
) -> Axes:
    """Draw bar series as horizontal bars named on the left, each bar in its name's style.

    Parameters
    ----------
    ax : Axes, optional
        Axes to draw on; a new figure :data:`CHART_WIDTH` wide is created when None.
    series : sequence of _Bars
        The bars, drawn in order; ``outlets`` names each bar (its tick label and colour).
    colors, hatches : mapping
        Name -> fill colour and hatch.
    title : str
        The finding, wrapped to the chart's width.
    value_label : str
        What the bar lengths measure, with the unit (label of the value axis).
    fmt : str
        Format of the value printed at the end of each bar.
    headings : sequence of (float, str)
        Group headings: y position and text, drawn in bold above each group.
    height : float
        Bar thickness.

    Returns
    -------
    Axes
        Rows read from the top; the value axis has no ticks (every bar carries its value).
    """
    n_rows = sum(len(s.positions) for s in series) + len(headings)
    ax = _new_axes(ax, (CHART_WIDTH, 1.0 + 0.22 * _title_lines(title) + ROW_INCHES * max(n_rows, 1)))
    ticks: dict[float, str] = {}
    for bars in series:
        _draw_bars(ax, bars.positions, bars.values, colors=[colors[n] for n in bars.outlets],
                   hatches=[hatches.get(n, "") for n in bars.outlets], label=bars.label, fmt=fmt, height=height)
        ticks.update({float(p): textwrap.fill(n, 22) for p, n in zip(bars.positions, bars.outlets)})
    import matplotlib.transforms as mtransforms

    blend = mtransforms.blended_transform_factory(ax.transAxes, ax.transData)
    for y, text in headings:
        ax.text(0.0, y, text, transform=blend, ha="left", va="center", fontweight="bold", fontsize=MIN_FONT_PT)
    positions = sorted(ticks)
    ax.set_yticks(positions, [ticks[p] for p in positions])
    top = min([p for p in positions] + [y for y, _ in headings], default=0.0)
    bottom = max([p for p in positions] + [y for y, _ in headings], default=0.0)
    ax.set_ylim(bottom + 0.6, top - 0.6)
    ax.tick_params(axis="y", length=0)
    ax.tick_params(axis="x", which="both", bottom=False, labelbottom=False)
    ax.margins(x=0.18)
    ax.set_xlim(left=0)
    _label_axes(ax, title, value_label, "")
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    return ax


def bar_by_outlet(
    df: pd.DataFrame,
    value: str,
    *,
    title: str,
    outlet: str = "outlet",
    ylabel: str | None = None,
    fmt: str = ".1f",
    ax: Axes | None = None,
) -> Axes:
    """One horizontal bar per row of a per-outlet table, coloured with the outlet palette.

    Parameters
    ----------
    df : DataFrame
        Tidy table with one row per outlet (e.g. ``metrics_table(story, by="outlet")``).
    value : str
        Column to chart.
    title : str
        Chart title; state the finding (computed by the caller).
    outlet : str
        Column holding the outlet names.
    ylabel : str, optional
        What the bars measure, with the unit (shown under the bars); defaults to the
        measure name with its unit.
    fmt : str
        Format of the value printed on each bar; undefined values print "n/a".
    ax : Axes, optional
        Axes to draw on; a new figure is created when omitted.

    Returns
    -------
    Axes
        Outlets top to bottom in sorted order, named on the left; the chart is
        :data:`CHART_WIDTH` wide and grows in height with the number of outlets.
    """
    _require_columns(df, [outlet, value])
    data = df[[outlet, value]].sort_values(outlet, key=lambda s: s.astype(str))
    names = data[outlet].astype(str).tolist()
    series = _Bars(measure_label(value), names, list(range(len(names))),
                   pd.to_numeric(data[value], errors="coerce").tolist())
    label = ylabel if ylabel is not None else measure_label(value, unit=True)
    return _horizontal_bar_chart(ax, [series], outlet_colors(names), outlet_hatches(names),
                                 title=title, value_label=label, fmt=fmt)


def grouped_bars(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    ylabel: str,
    hue: str = "outlet",
    xlabel: str | None = None,
    fmt: str = ".1f",
    ax: Axes | None = None,
) -> Axes:
    """Grouped bars from a tidy (long) table: one block per ``x``, one horizontal bar per ``hue``.

    Each block is headed by its group name and holds one bar per ``hue`` value,
    named on the left (no legend to look up). Outlets keep the outlet palette;
    a ``hue`` other than the outlet column gets :data:`CATEGORY_PALETTE`.

    Parameters
    ----------
    df : DataFrame
        Long table, one row per (x, hue) pair, e.g. columns measure, outlet, value.
    x : str
        Column naming the groups (kept in order of first appearance; metric column
        names are shown with :func:`measure_label`).
    y : str
        Column with the bar lengths.
    ylabel : str
        What the bars measure, including the unit.
    hue : str
        Column naming the bars within a group.
    xlabel : str, optional
        What the groups are; added to the value label as "by ...".
    title, fmt, ax
        As in :func:`bar_by_outlet`.

    Returns
    -------
    Axes
        One bar container per group, labelled with the group name.
    """
    _require_columns(df, [x, y, hue])
    data = df[[x, y, hue]]
    groups = list(dict.fromkeys(data[x].tolist()))
    names = sorted({str(name) for name in data[hue]})
    if hue == "outlet":
        colors, hatches = outlet_colors(names), outlet_hatches(names)
    else:
        colors = {n: CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)] for i, n in enumerate(names)}
        hatches = {n: CATEGORY_HATCHES[i % len(CATEGORY_HATCHES)] for i, n in enumerate(names)}
    series, headings = [], []
    row = 0
    for group in groups:
        rows = data[data[x] == group]
        lookup = dict(zip(rows[hue].astype(str).tolist(), pd.to_numeric(rows[y], errors="coerce").tolist()))
        headings.append((float(row), measure_label(str(group))))
        positions = [float(row + 1 + i) for i in range(len(names))]
        series.append(_Bars(measure_label(str(group)), names, positions, [lookup.get(n, math.nan) for n in names]))
        row += len(names) + 1
    label = ylabel if not xlabel else f"{ylabel}, by {xlabel[:1].lower()}{xlabel[1:]}"
    return _horizontal_bar_chart(ax, series, colors, hatches, title=title, value_label=label, fmt=fmt,
                                 headings=headings)


def finding(values: pd.Series, *, measure: str, fmt: str = ".1f") -> str:
    """One sentence naming every entry tied for the highest and for the lowest value.

    Values are compared as printed (``fmt``), so two outlets shown as 56 are tied;
    see :func:`analysis.present.display.extremes`.

    Parameters
    ----------
    values : Series
        Scores indexed by outlet; undefined (NaN) scores are left out.
    measure : str
        Name of the score as it should read in the sentence.
    fmt : str
        Number format.

    Returns
    -------
    str
        e.g. "Outlet A has the highest Flesch Reading Ease (64.2); Outlet C the lowest (51.0)".
    """
    from analysis.present.display import extremes

    return extremes(values, measure=measure, fmt=fmt)


def most_often_highest(
    df: pd.DataFrame, *, value: str, group: str = "outlet", across: str = "measure"
) -> tuple[list[str], int, int]:
    """Which group has the highest ``value`` in the most ``across`` categories.

    Parameters
    ----------
    df : DataFrame
        Long table, e.g. columns outlet, measure, grade.
    value : str
        Column compared within each category; undefined (NaN) values are left out.
    group : str
        Column naming the competitors (outlets).
    across : str
        Column naming the categories (measures).

    Returns
    -------
    (leaders, wins, total) : tuple of (list of str, int, int)
        The group(s) with the most first places (several when tied, sorted), their
        number of first places (a tie within a category counts for each tied
        group) and the number of categories with a defined value.
        ``([], 0, 0)`` when no value is defined.
    """
    _require_columns(df, [group, across, value])
    data = pd.DataFrame(
        {
            group: df[group].astype(str),
            across: df[across],
            value: pd.to_numeric(df[value], errors="coerce"),
        }
    ).dropna(subset=[value])
    if data.empty:
        return [], 0, 0
    top = data[data[value] == data.groupby(across)[value].transform("max")]
    wins = top[group].value_counts()
    best = int(wins.max())
    return sorted(wins[wins == best].index), best, int(data[across].nunique())


def describe(ax: Axes) -> str:
    """Text alternative for a bar chart, built from what was drawn on ``ax``.

    Lists the title, the axis label and every bar's value (as printed on the
    bar), grouped by series, each bar named by its tick label. Suitable as the
    ``alt`` text of the chart image.
    """
    title = chart_title(ax)
    parts = [f"Bar chart: {title}."] if title else ["Bar chart."]
    measure = value_label(ax)
    if measure:
        parts.append(f"Values are {measure}.")
    for container in ax.containers:
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        axis = ax.yaxis if horizontal else ax.xaxis
        ticks = {round(float(t), 6): " ".join(lab.get_text().split())
                 for t, lab in zip(axis.get_ticklocs(), axis.get_ticklabels())}
        printed = _printed_labels(ax, container) or [
            format(value, "g") for value in getattr(container, "datavalues", [])
        ]
        names = []
        for patch in getattr(container, "patches", []):
            centre = patch.get_y() + patch.get_height() / 2 if horizontal else patch.get_x() + patch.get_width() / 2
            names.append(ticks.get(round(centre, 6), ""))
        name = container.get_label() or ""
        pairs = ", ".join(f"{tick} {value}".strip() for tick, value in zip(names, printed))
        parts.append(f"{name}: {pairs}." if name and not name.startswith("_") else f"{pairs}.")
    return " ".join(parts)


def _printed_labels(ax: Axes, container: object) -> list[str]:
    """The bar_label texts attached to one bar container, in bar order."""
    patches = getattr(container, "patches", [])
    horizontal = getattr(container, "orientation", "vertical") == "horizontal"
    texts = [t for t in ax.texts if getattr(t, "xy", None) is not None]
    labels = []
    for patch in patches:
        if horizontal:
            centre, coordinate = patch.get_y() + patch.get_height() / 2, 1
        else:
            centre, coordinate = patch.get_x() + patch.get_width() / 2, 0
        match = next((t.get_text() for t in texts if math.isclose(t.xy[coordinate], centre)), None)
        if match is None:
            return []
        labels.append(match)
    return labels


def draw_literally(figure: Figure) -> None:
    """Make every text of ``figure`` draw as the characters it holds, never as a formula.

    Matplotlib reads text between two dollar signs as mathematical notation ("costs $5
    million and $3 million" would be set in italics without its dollars, and ``$\\frac{$``
    stops the drawing with an error). Chart labels carry corpus text (outlet names, titles,
    passages, codebook labels), so every Text artist of the figure is switched to literal
    drawing; :func:`to_image` calls this before and after the figure is laid out.
    """
    from matplotlib.text import Text

    for artist in figure.findobj(Text):
        artist.set_parse_math(False)


def visible_texts(figure: Figure) -> list:
    """Every Text of ``figure`` that is drawn and holds something to read.

    Tick labels count only for the ticks inside the axis's view (matplotlib keeps
    labels of ticks outside it, which it does not draw).
    """
    from matplotlib.axis import Axis
    from matplotlib.text import Text

    undrawn = set()
    for axis in figure.findobj(Axis):
        ticks = axis.get_major_ticks() + axis.get_minor_ticks()
        drawn = getattr(axis, "_update_ticks", lambda: ticks)()
        for tick in ticks:
            if tick not in drawn:
                undrawn.update({id(tick.label1), id(tick.label2)})
    return [t for t in figure.findobj(Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in undrawn]


def enforce_min_font(figure: Figure, minimum: float | None = None) -> float:
    """Raise every text of ``figure`` below ``minimum`` points to it; return the smallest size drawn.

    ``minimum`` defaults to :func:`min_font_pt` of the figure's width, so the text
    stays at least :data:`MIN_FONT_PX` CSS px when a report shrinks the chart to a phone.
    """
    floor = min_font_pt(figure.get_figwidth()) if minimum is None else minimum
    sizes = []
    for text in visible_texts(figure):
        if text.get_fontsize() < floor:
            text.set_fontsize(floor)
        sizes.append(text.get_fontsize())
    return min(sizes, default=floor)


def clipped_texts(figure: Figure) -> list[str]:
    """Texts of a drawn ``figure`` that reach outside it (cut off in the image)."""
    renderer = figure.canvas.get_renderer()
    box = figure.bbox
    out = []
    for text in visible_texts(figure):
        extent = text.get_window_extent(renderer)
        if extent.x0 < box.x0 - 1 or extent.x1 > box.x1 + 1 or extent.y0 < box.y0 - 1 or extent.y1 > box.y1 + 1:
            out.append(text.get_text())
    return out


#: PNG text keys a chart carries: its smallest text in points and its width in inches (the
#: report's browser tests compute the size each text is shown at from them).
FONT_KEY, WIDTH_KEY = "min_font_pt", "width_in"


def to_image(ax: Axes, alt: str | None = None, *, dpi: int = 200) -> Image:
    """Render the figure holding ``ax`` as a PNG image with alt text, and close it.

    Before drawing, every text below :func:`min_font_pt` is raised to it; the PNG
    records the smallest text size and the figure width (:data:`FONT_KEY`,
    :data:`WIDTH_KEY`).

    Parameters
    ----------
    ax : Axes
        Any Axes of the figure to render.
    alt : str, optional
        Text alternative; defaults to :func:`describe`.
    dpi : int
        Resolution; the image is displayed at 100 dpi so it stays sharp on
        high-density screens.

    Returns
    -------
    IPython.display.Image
        Displayed inline in a notebook and embedded (base64) in HTML reports.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image

    figure = ax.get_figure(root=True)
    text = describe(ax) if alt is None else alt
    buffer = io.BytesIO()
    try:
        with plt.rc_context({"text.parse_math": False}):  # tick labels are made while drawing
            draw_literally(figure)
            figure.canvas.draw()
            smallest = enforce_min_font(figure)
            draw_literally(figure)
            figure.canvas.draw()
            smallest = min(smallest, enforce_min_font(figure))
            metadata = {FONT_KEY: f"{smallest:g}", WIDTH_KEY: f"{figure.get_figwidth():g}"}
            figure.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata=metadata)
    finally:
        plt.close(figure)
    png = buffer.getvalue()
    width, _ = struct.unpack(">II", png[16:24])
    return Image(data=png, format="png", alt=text, width=round(width * 100 / dpi))


def png_text(png: bytes) -> dict[str, str]:
    """The text chunks (tEXt) of a PNG: key -> value."""
    found, at = {}, 8
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        if kind == b"tEXt":
            key, _, value = png[at + 8:at + 8 + length].partition(b"\0")
            found[key.decode("latin-1")] = value.decode("latin-1")
        if kind == b"IEND":
            break
        at += 12 + length
    return found


def _shorten(text: str, words: int) -> str:
    parts = str(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


#: When the cells of several articles are pooled, the status shown is the most common one;
#: a tie goes to the first of this order (the strongest use of the passage).
_STATUS_ORDER = ("quoted", "unmarked", "partial", "omitted")


def _majority(statuses: Iterable[str]) -> str:
    counts: dict[str, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    rank = {s: i for i, s in enumerate(_STATUS_ORDER)}
    return min(counts, key=lambda s: (-counts[s], rank.get(s, len(rank)))) if counts else "omitted"


def other_label(n: int, noun: str = "outlets") -> str:
    """Name of the column or row that pools the entries left out of a top-N chart."""
    return f"other {n} {noun}" if n != 1 else f"1 other {noun[:-1] if noun.endswith('s') else noun}"


def _selection_grid(
    data: pd.DataFrame, column_labels: Mapping[str, str], max_columns: int
) -> tuple[list[str], dict[tuple[str, str], str], str]:
    """Columns of the selection chart and the status of each (passage, column) cell.

    Up to ``max_columns`` articles: one column per article. More: one column per
    outlet (the status most of its articles give the passage), the outlets that
    carry the most passages first, and beyond ``max_columns - 1`` outlets the
    rest pooled in one column.
    """
    articles = list(dict.fromkeys(data["article_id"].tolist()))
    if len(articles) <= max_columns or "outlet" not in data.columns:
        names = [str(column_labels.get(a, a)) for a in articles]
        cells = {(r.passage_id, str(column_labels.get(r.article_id, r.article_id))): str(r.status)
                 for r in data.itertuples(index=False)}
        return names, cells, "article"
    outlet = data["outlet"].astype(str)
    kept = (data["status"].astype(str) != "omitted").groupby(outlet).mean()
    ranked = sorted(kept.index, key=lambda o: (-kept[o], o))
    shown = ranked if len(ranked) <= max_columns else ranked[: max_columns - 1]
    rest = [o for o in ranked if o not in shown]
    column = outlet.where(outlet.isin(shown), other_label(len(rest)))
    cells = {
        (pid, col): _majority(rows.astype(str))
        for (pid, col), rows in data["status"].groupby([data["passage_id"], column])
    }
    return shown + ([other_label(len(rest))] if rest else []), cells, "outlet"


def selection_chart(
    selection: pd.DataFrame,
    *,
    title: str,
    passage_text: Mapping[str, str] | None = None,
    column_labels: Mapping[str, str] | None = None,
    label_words: int = 4,
    max_columns: int = 6,
    max_passages: int = 15,
    ax: Axes | None = None,
) -> Axes:
    """Passage × article grid: how each article carried each passage of the source.

    Parameters
    ----------
    selection : DataFrame
        Tidy table with columns ``passage_id``, ``order``, ``article_id``, ``status``
        (and ``outlet``) (``analysis.compare.passages.selection_frame``); rows follow
        ``order`` (source order).
    title : str
        Chart title; state the finding (computed by the caller).
    passage_text : mapping, optional
        passage_id -> text; the first ``label_words`` words label each row.
    column_labels : mapping, optional
        article_id -> column label (default: the article_id).
    label_words : int
        Words of passage text shown per row label.
    max_columns : int
        Up to this many articles, one column each; more, one column per outlet (the
        status most of its articles give the passage), at most ``max_columns``
        columns, the last pooling the outlets that carry the fewest passages.
    max_passages : int
        More passages than this and only the ``max_passages`` carried by the most
        columns are drawn (in source order); the axis label says so.
    ax : Axes, optional
        Axes to draw on; a new figure is created when omitted.

    Returns
    -------
    Axes
        Each cell is tinted by status (the tints of the side-by-side view, never an
        outlet colour), holds the status's letter (:data:`SELECTION_LETTERS`) and,
        for copy without quotation marks, a hatch, so it reads without colour too.
    """
    _require_columns(selection, ["passage_id", "order", "article_id", "status"])
    keep = [c for c in ("passage_id", "order", "article_id", "status", "outlet") if c in selection.columns]
    data = selection[keep]
    columns, cells, unit = _selection_grid(data, column_labels or {}, max(1, max_columns))
    passages = data.drop_duplicates("passage_id").sort_values("order", kind="stable")["passage_id"].tolist()
    n_all = len(passages)
    if n_all > max_passages:
        reach = {p: sum(cells.get((p, c), "omitted") != "omitted" for c in columns) for p in passages}
        chosen = set(sorted(passages, key=lambda p: (-reach[p], passages.index(p)))[:max_passages])
        passages = [p for p in passages if p in chosen]
    texts = passage_text or {}
    row_labels = [textwrap.fill(f"{pid} {_shorten(texts[pid], label_words)}" if pid in texts else str(pid), 24)
                  for pid in passages]
    column_text = [textwrap.fill(str(c), 16) for c in columns]
    head = 0.16 * max([len(line) for c in column_text for line in c.splitlines()] or [1]) * 0.62 + 0.3
    height = 1.5 + 0.22 * _title_lines(title) + head + 0.34 * max(len(passages), 1) + 0.95
    ax = _new_axes(ax, (CHART_WIDTH, height))
    from matplotlib.patches import Patch, Rectangle

    for y, pid in enumerate(passages):
        for x, col in enumerate(columns):
            status = cells.get((pid, col), "omitted")
            ax.add_patch(Rectangle((x, y), 1, 1, facecolor=STATUS_TINTS.get(status, "#FFFFFF"),
                                   edgecolor="white", linewidth=2, hatch=SELECTION_HATCHES.get(status) or None))
            ax.text(x + 0.5, y + 0.5, SELECTION_LETTERS.get(status, status), ha="center", va="center",
                    fontsize=MIN_FONT_PT, color="#1F1F1F", fontweight="bold" if status != "omitted" else "normal")
    ax.set_xlim(0, max(len(columns), 1))
    ax.set_ylim(max(len(passages), 1), 0)
    ax.set_xticks([x + 0.5 for x in range(len(columns))], column_text, rotation=90)
    ax.xaxis.tick_top()
    ax.set_yticks([y + 0.5 for y in range(len(passages))], row_labels)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    _set_title(ax, title)
    notes = ["Rows: passages of the source, in source order."]
    if len(passages) < n_all:
        notes = [f"Rows: the {len(passages)} passages carried most widely (of {n_all}), in source order."]
    if unit == "outlet":
        notes.append("Each cell: how most of the outlet's articles carry the passage.")
    handles = [Patch(facecolor=STATUS_TINTS[s], edgecolor="#8C8C8C", hatch=SELECTION_HATCHES.get(s) or None,
                     label=f"{SELECTION_LETTERS[s]}  {STATUS_LABELS[s]}") for s in _STATUS_ORDER]
    ax.get_figure(root=True).legend(handles=handles, frameon=False, loc="outside lower left", ncols=1,
                                    handlelength=1.4, title=textwrap.fill(" ".join(notes), 44),
                                    alignment="left")
    return ax


def _pair_columns(similarity: pd.DataFrame) -> tuple[str, str]:
    for a, b in (("article_a", "article_b"), ("outlet_a", "outlet_b")):
        if a in similarity.columns and b in similarity.columns:
            return a, b
    raise ValueError(
        "the table needs columns article_a and article_b (or outlet_a and outlet_b); "
        f"available columns: {list(map(str, similarity.columns))}"
    )


def _pooled_matrix(
    rows: pd.DataFrame, a_col: str, b_col: str, max_items: int
) -> tuple[list[str], list[list[float]], int]:
    """Item × item matrix of a similarity table, the items beyond ``max_items - 1`` pooled.

    Items are kept by their highest similarity to another item (ties by name);
    a pooled cell is the mean of its pairs, weighted by ``n_pairs`` where the
    table has it. Returns the item names, the matrix and how many were pooled.
    """
    import numpy as np

    ids = list(dict.fromkeys(rows[a_col].astype(str).tolist() + rows[b_col].astype(str).tolist()))
    values = pd.to_numeric(rows["value"], errors="coerce")
    weights = pd.to_numeric(rows["n_pairs"], errors="coerce").fillna(0) if "n_pairs" in rows else pd.Series(1.0, index=rows.index)
    a, b = rows[a_col].astype(str), rows[b_col].astype(str)
    n_pooled = 0
    if len(ids) > max_items:
        off = values.where(a != b)
        best = pd.concat([off.groupby(a).max(), off.groupby(b).max()]).groupby(level=0).max().reindex(ids)
        ranked = sorted(ids, key=lambda i: (-(best[i] if pd.notna(best[i]) else -1.0), i))
        kept = ranked[: max_items - 1]
        n_pooled = len(ids) - len(kept)
        other = other_label(n_pooled)
        a = a.where(a.isin(kept), other)
        b = b.where(b.isin(kept), other)
        ids = kept + [other]
    index = {item: i for i, item in enumerate(ids)}
    total = np.zeros((len(ids), len(ids)))
    weight = np.zeros((len(ids), len(ids)))
    for x, y, v, w in zip(a, b, values, weights):
        if pd.isna(v) or w <= 0:
            continue
        i, j = index[x], index[y]
        total[i, j] += v * w
        weight[i, j] += w
        if i != j:
            total[j, i] += v * w
            weight[j, i] += w
    with np.errstate(invalid="ignore", divide="ignore"):
        matrix = np.where(weight > 0, total / np.where(weight > 0, weight, 1), np.nan)
    return ids, matrix.tolist(), n_pooled


def similarity_heatmap(
    similarity: pd.DataFrame,
    *,
    method: str,
    title: str,
    labels: Mapping[str, str] | None = None,
    fmt: str = ".2f",
    max_items: int = TOP_N,
    ax: Axes | None = None,
) -> Axes:
    """Article × article (or outlet × outlet) heatmap of one similarity method.

    Parameters
    ----------
    similarity : DataFrame
        Tidy table with columns ``article_a``, ``article_b``, ``method``, ``value``
        (``analysis.compare.similarity.similarity_frame``), or ``outlet_a``,
        ``outlet_b``, ``method``, ``value``, ``n_pairs``
        (``analysis.compare.similarity.outlet_similarity``, where an outlet's
        pairs with itself fill the diagonal).
    method : str
        The method to draw (one of the values in ``method``).
    title : str
        Chart title; state the finding (computed by the caller).
    labels : mapping, optional
        id -> axis label.
    fmt : str
        Format of the values printed in the cells (when they fit); undefined values print "n/a".
    max_items : int
        More articles or outlets than this and the ``max_items - 1`` most similar to
        another one are drawn, the rest pooled as "other" (pair means weighted by
        ``n_pairs``).
    ax : Axes, optional

    Returns
    -------
    Axes
        Values run from 0 (white) to 1 (dark blue); undefined cells are grey.
    """
    _require_columns(similarity, ["method", "value"])
    a_col, b_col = _pair_columns(similarity)
    methods = sorted(set(similarity["method"].astype(str)))
    if methods and method not in methods:
        raise ValueError(unknown_option("method", method, methods, plural="methods in the table"))
    data = similarity[similarity["method"].astype(str) == method]
    if data.empty:  # fewer than two articles: nothing to draw
        ax = _new_axes(ax, (CHART_WIDTH, 1.6))
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No pair of articles to compare", ha="center", va="center", transform=ax.transAxes)
        _set_title(ax, title)
        return ax
    ids, matrix, n_pooled = _pooled_matrix(data, a_col, b_col, max(2, max_items))
    names = [str((labels or {}).get(i, i)) for i in ids]
    label_chars = max(len(line) for n in names for line in textwrap.wrap(n, 18) or [""])
    grid = CHART_WIDTH - 0.45 - 0.085 * min(label_chars, 18)
    cell = grid / len(ids)
    height = 0.5 + 0.22 * _title_lines(title) + 0.085 * min(label_chars, 18) + grid + 0.8
    ax = _new_axes(ax, (CHART_WIDTH, height))
    import numpy as np

    import matplotlib

    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="#E0E0E0")
    image = ax.imshow(np.ma.masked_invalid(np.array(matrix, dtype=float)), cmap=cmap, vmin=0.0, vmax=1.0)
    ax.set_xticks(range(len(ids)), [textwrap.fill(n, 18) for n in names], rotation=90)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(ids)), [textwrap.fill(n, 18) for n in names])
    ax.tick_params(length=0)
    if cell >= 0.42:  # room for "0.00" at the smallest text size
        for i in range(len(ids)):
            for j in range(len(ids)):
                value = matrix[i][j]
                if i == j and pd.isna(value):
                    continue
                ax.text(j, i, _format_value(value, fmt), ha="center", va="center", fontsize=MIN_FONT_PT,
                        color="white" if not pd.isna(value) and value > 0.6 else "#1F1F1F")
    what = "Similarity, 0 (nothing in common) to 1"
    if a_col.startswith("outlet"):
        what += "; diagonal: articles of one outlet"
    if n_pooled:
        what += f"; {other_label(n_pooled)} pooled"
    ax.get_figure(root=True).colorbar(image, ax=ax, orientation="horizontal", location="bottom", fraction=0.05,
                                      pad=0.03, label=textwrap.fill(what, 44))
    _set_title(ax, title)
    return ax
