"""Charts for per-outlet metric tables: one outlet palette, bar-chart helpers.

Every helper takes a tidy DataFrame, draws on a matplotlib Axes and returns it.
Helpers never modify the caller's DataFrame and never call ``plt.show()``;
the notebook (or :func:`to_image`) decides how a figure is displayed.

The outlet palette is defined once, here. Colours are assigned to outlets in
sorted order, so "Outlet A" has the same colour in every chart and notebook.
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


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=figsize, layout="constrained")
    return new_ax


def _label_axes(ax: Axes, title: str, xlabel: str | None, ylabel: str) -> None:
    """Set wrapped title and axis labels, so long findings are never cut off."""
    width_inches = ax.get_figure(root=True).get_figwidth()
    ax.set_title(textwrap.fill(title, width=max(30, int(width_inches * 8.5))), loc="left")
    if xlabel:
        ax.set_xlabel(xlabel)
    ax.set_ylabel(textwrap.fill(ylabel, width=32))
    ax.margins(y=0.12)
    ax.spines[["top", "right"]].set_visible(False)


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
    width: float = 0.8,
    fontsize: float | None = None,
) -> BarContainer:
    """Draw one bar per value in the outlet style and print each value above its bar.

    Parameters
    ----------
    ax : Axes
        Axes to draw on.
    positions : sequence of float
        X position of each bar.
    values : sequence of float
        Bar heights; undefined values are drawn at height 0 and labelled "n/a".
    colors, hatches : sequence of str
        Fill colour and hatch pattern of each bar ("" for no hatch).
    label : str
        Label of the bar series (shown in a legend).
    fmt : str
        Format of the printed values.
    width : float
        Bar width.
    fontsize : float, optional
        Size of the printed values; matplotlib's default when omitted.

    Returns
    -------
    BarContainer
        The bars drawn.
    """
    bars = ax.bar(
        positions,
        [0.0 if pd.isna(v) else v for v in values],
        width=width,
        color=list(colors),
        edgecolor="white",
        label=label,
    )
    for patch, hatch in zip(bars.patches, hatches):
        patch.set_hatch(hatch or None)
    text_style = {} if fontsize is None else {"fontsize": fontsize}
    ax.bar_label(bars, labels=[_format_value(v, fmt) for v in values], padding=2, **text_style)
    return bars


class _Bars(NamedTuple):
    """One series of bars: its legend label, the outlet of each bar, positions and heights."""

    label: str
    outlets: Sequence[str]
    positions: Sequence[float]
    values: Sequence[float]


def _outlet_bar_chart(
    ax: Axes | None,
    figsize: tuple[float, float],
    outlets: Sequence[str],
    series: Sequence[_Bars],
    ticks: Sequence[str],
    *,
    title: str,
    xlabel: str | None,
    ylabel: str,
    fmt: str,
    width: float = 0.8,
    fontsize: float | None = None,
) -> Axes:
    """Draw bar series in the outlet style (colour and hatch of each bar's outlet), label the groups and axes.

    Parameters
    ----------
    ax : Axes, optional
        Axes to draw on; a new figure of ``figsize`` is created when None.
    figsize : (float, float)
        Size of a new figure, in inches.
    outlets : sequence of str
        Every outlet of the chart (the colours depend on the whole set).
    series : sequence of _Bars
        The bars, drawn in order (see :func:`_draw_bars`).
    ticks : sequence of str
        Label of each group, at x positions 0, 1, 2, ...
    title, xlabel, ylabel : str
        Passed to :func:`_label_axes`.
    fmt, width, fontsize
        Passed to :func:`_draw_bars`.

    Returns
    -------
    Axes
    """
    colors = outlet_colors(outlets)
    hatches = outlet_hatches(outlets)
    ax = _new_axes(ax, figsize)
    for bars in series:
        _draw_bars(
            ax,
            bars.positions,
            bars.values,
            colors=[colors[n] for n in bars.outlets],
            hatches=[hatches[n] for n in bars.outlets],
            label=bars.label,
            fmt=fmt,
            width=width,
            fontsize=fontsize,
        )
    ax.set_xticks(range(len(ticks)), ticks)
    _label_axes(ax, title, xlabel, ylabel)
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
    """One bar per row of a per-outlet table, coloured with the outlet palette.

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
        Y-axis label; defaults to the measure name with its unit.
    fmt : str
        Format of the value printed on each bar; undefined values print "n/a".
    ax : Axes, optional
        Axes to draw on; a new figure is created when omitted.

    Returns
    -------
    Axes
    """
    _require_columns(df, [outlet, value])
    data = df[[outlet, value]].sort_values(outlet, key=lambda s: s.astype(str))
    names = data[outlet].astype(str).tolist()
    series = _Bars(measure_label(value), names, range(len(names)), pd.to_numeric(data[value], errors="coerce").tolist())
    return _outlet_bar_chart(
        ax, (max(5.0, 1.2 * len(names) + 2.5), 4.0), names, [series], names,
        title=title, xlabel="Outlet", ylabel=ylabel if ylabel is not None else measure_label(value, unit=True), fmt=fmt,
    )


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
    """Grouped bars from a tidy (long) table: one group per ``x``, one bar per ``hue``.

    Parameters
    ----------
    df : DataFrame
        Long table, one row per (x, hue) pair, e.g. columns measure, outlet, value.
    x : str
        Column naming the groups along the x axis (kept in order of first appearance;
        metric column names are shown with :func:`measure_label`).
    y : str
        Column with the bar heights.
    ylabel : str
        Y-axis label including the unit.
    hue : str
        Column naming the bars within a group, coloured with the outlet palette.
    xlabel : str, optional
        X-axis label; none when omitted.
    title, fmt, ax
        As in :func:`bar_by_outlet`.

    Returns
    -------
    Axes
        With a legend of the ``hue`` values.
    """
    _require_columns(df, [x, y, hue])
    data = df[[x, y, hue]]
    groups = list(dict.fromkeys(data[x].tolist()))
    names = sorted({str(name) for name in data[hue]})
    width = 0.8 / max(len(names), 1)
    series = []
    for i, name in enumerate(names):
        rows = data[data[hue].astype(str) == name]
        lookup = dict(zip(rows[x].tolist(), pd.to_numeric(rows[y], errors="coerce").tolist()))
        positions = [g + (i - (len(names) - 1) / 2) * width for g in range(len(groups))]
        series.append(_Bars(name, [name] * len(groups), positions, [lookup.get(g, math.nan) for g in groups]))
    ax = _outlet_bar_chart(
        ax, (max(7.0, 0.5 * len(groups) * max(len(names), 1) + 3.0), 4.0), names, series,
        [measure_label(str(g)) for g in groups], title=title, xlabel=xlabel, ylabel=ylabel, fmt=fmt,
        width=width, fontsize=8,
    )
    if names:
        ax.legend(
            title=hue.replace("_", " ").capitalize(),
            frameon=False,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
        )
    return ax


def finding(values: pd.Series, *, measure: str, fmt: str = ".1f") -> str:
    """One sentence naming the highest and lowest entries of ``values``.

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
    defined = pd.to_numeric(values, errors="coerce").dropna().sort_values(kind="stable")
    if defined.empty:
        return f"No outlet has a defined {measure}"
    if len(defined) == 1:
        return f"Only {defined.index[0]} has a defined {measure} ({defined.iloc[0]:{fmt}})"
    low, high = defined.index[0], defined.index[-1]
    if defined.iloc[0] == defined.iloc[-1]:
        return f"All outlets have the same {measure} ({defined.iloc[0]:{fmt}})"
    return (
        f"{high} has the highest {measure} ({defined.iloc[-1]:{fmt}}); "
        f"{low} the lowest ({defined.iloc[0]:{fmt}})"
    )


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

    Lists the title, the axis labels and every bar's value (as printed on the
    bar), grouped by series. Suitable as the ``alt`` text of the chart image.
    """
    title = " ".join(ax.get_title(loc="left").split())
    parts = [f"Bar chart: {title}."] if title else ["Bar chart."]
    ylabel = " ".join(ax.get_ylabel().split())
    if ylabel:
        parts.append(f"Values are {ylabel}.")
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    for container in ax.containers:
        printed = _printed_labels(ax, container) or [
            format(value, "g") for value in getattr(container, "datavalues", [])
        ]
        name = container.get_label() or ""
        pairs = ", ".join(f"{tick} {value}" for tick, value in zip(ticks, printed))
        parts.append(f"{name}: {pairs}." if name and not name.startswith("_") else f"{pairs}.")
    return " ".join(parts)


def _printed_labels(ax: Axes, container: object) -> list[str]:
    """The bar_label texts attached to one bar container, in bar order."""
    patches = getattr(container, "patches", [])
    texts = [t for t in ax.texts if getattr(t, "xy", None) is not None]
    labels = []
    for patch in patches:
        centre = patch.get_x() + patch.get_width() / 2
        match = next((t.get_text() for t in texts if math.isclose(t.xy[0], centre)), None)
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


def to_image(ax: Axes, alt: str | None = None, *, dpi: int = 200) -> Image:
    """Render the figure holding ``ax`` as a PNG image with alt text, and close it.

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
            draw_literally(figure)
            figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    finally:
        plt.close(figure)
    png = buffer.getvalue()
    width, _ = struct.unpack(">II", png[16:24])
    return Image(data=png, format="png", alt=text, width=round(width * 100 / dpi))




def _shorten(text: str, words: int) -> str:
    parts = str(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def selection_chart(
    selection: pd.DataFrame,
    *,
    title: str,
    passage_text: Mapping[str, str] | None = None,
    column_labels: Mapping[str, str] | None = None,
    label_words: int = 7,
    ax: Axes | None = None,
) -> Axes:
    """Passage × article grid: how each article carried each passage of the source.

    Parameters
    ----------
    selection : DataFrame
        Tidy table with columns ``passage_id``, ``order``, ``article_id``, ``status``
        (``analysis.compare.passages.selection_frame``); rows follow ``order`` (source order).
    title : str
        Chart title; state the finding (computed by the caller).
    passage_text : mapping, optional
        passage_id -> text; the first ``label_words`` words label each row.
    column_labels : mapping, optional
        article_id -> column label (default: the article_id).
    label_words : int
        Words of passage text shown per row label.
    ax : Axes, optional
        Axes to draw on; a new figure is created when omitted.

    Returns
    -------
    Axes
        Each cell is coloured by status (:data:`STATUS_COLORS`) and names it in words,
        so the chart reads without colour too.
    """
    _require_columns(selection, ["passage_id", "order", "article_id", "status"])
    data = selection[["passage_id", "order", "article_id", "status"]]
    passages = data.drop_duplicates("passage_id").sort_values("order", kind="stable")["passage_id"].tolist()
    articles = list(dict.fromkeys(data["article_id"].tolist()))
    labels = column_labels or {}
    texts = passage_text or {}
    ax = _new_axes(ax, (max(6.0, 1.6 * len(articles) + 4.5), max(2.5, 0.45 * len(passages) + 1.6)))
    from matplotlib.patches import Patch, Rectangle

    lookup = {(r.passage_id, r.article_id): str(r.status) for r in data.itertuples(index=False)}
    short = {"quoted": "quoted", "unmarked": "unmarked", "partial": "partial", "omitted": "—"}
    for y, pid in enumerate(passages):
        for x, aid in enumerate(articles):
            status = lookup.get((pid, aid), "omitted")
            ax.add_patch(Rectangle((x, y), 1, 1, facecolor=STATUS_COLORS.get(status, "#FFFFFF"),
                                   edgecolor="white", linewidth=2))
            dark = status in ("quoted", "unmarked")
            ax.text(x + 0.5, y + 0.5, short.get(status, status), ha="center", va="center",
                    fontsize=8, color="white" if dark else "#333333")
    ax.set_xlim(0, max(len(articles), 1))
    ax.set_ylim(max(len(passages), 1), 0)
    ax.set_xticks([x + 0.5 for x in range(len(articles))],
                  [textwrap.fill(str(labels.get(a, a)), 14) for a in articles])
    ax.xaxis.tick_top()
    ax.set_yticks(
        [y + 0.5 for y in range(len(passages))],
        [f"{pid}  {_shorten(texts[pid], label_words)}" if pid in texts else str(pid) for pid in passages],
        fontsize=8,
    )
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    width_inches = ax.get_figure(root=True).get_figwidth()
    ax.set_title(textwrap.fill(title, width=max(30, int(width_inches * 8.5))), loc="left", pad=12)
    ax.set_ylabel("Passage of the source, in source order")
    handles = [Patch(facecolor=STATUS_COLORS[s], label=STATUS_LABELS[s]) for s in STATUS_COLORS]
    ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return ax


def similarity_heatmap(
    similarity: pd.DataFrame,
    *,
    method: str,
    title: str,
    labels: Mapping[str, str] | None = None,
    fmt: str = ".2f",
    ax: Axes | None = None,
) -> Axes:
    """Article × article heatmap of one similarity method, with the value in each cell.

    Parameters
    ----------
    similarity : DataFrame
        Tidy table with columns ``article_a``, ``article_b``, ``method``, ``value``
        (``analysis.compare.similarity.similarity_frame``), one row per unordered pair.
    method : str
        The method to draw (one of the values in ``method``).
    title : str
        Chart title; state the finding (computed by the caller).
    labels : mapping, optional
        article_id -> axis label.
    fmt : str
        Format of the printed values; undefined values print "n/a".
    ax : Axes, optional

    Returns
    -------
    Axes
        Values run from 0 (white) to 1 (dark blue); the diagonal and undefined
        values are grey.
    """
    _require_columns(similarity, ["article_a", "article_b", "method", "value"])
    methods = sorted(set(similarity["method"].astype(str)))
    if methods and method not in methods:
        raise ValueError(unknown_option("method", method, methods, plural="methods in the table"))
    data = similarity[similarity["method"].astype(str) == method]
    ids = list(dict.fromkeys(data["article_a"].tolist() + data["article_b"].tolist()))
    if not ids:  # fewer than two articles: nothing to draw
        ax = _new_axes(ax, (4.5, 2.0))
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No pair of articles to compare", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(textwrap.fill(title, width=40), loc="left")
        return ax
    index = {a: i for i, a in enumerate(ids)}
    matrix = [[math.nan] * len(ids) for _ in ids]
    for r in data.itertuples(index=False):
        value = float(r.value) if pd.notna(r.value) else math.nan
        matrix[index[r.article_a]][index[r.article_b]] = value
        matrix[index[r.article_b]][index[r.article_a]] = value
    ax = _new_axes(ax, (max(4.5, 0.9 * len(ids) + 3.0), max(3.5, 0.8 * len(ids) + 2.0)))
    import numpy as np

    import matplotlib

    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="#EEEEEE")
    image = ax.imshow(np.ma.masked_invalid(np.array(matrix, dtype=float)), cmap=cmap, vmin=0.0, vmax=1.0)
    names = [str((labels or {}).get(a, a)) for a in ids]
    ax.set_xticks(range(len(ids)), [textwrap.fill(n, 12) for n in names], fontsize=8)
    ax.set_yticks(range(len(ids)), names, fontsize=8)
    for i in range(len(ids)):
        for j in range(len(ids)):
            if i == j:
                continue
            value = matrix[i][j]
            ax.text(j, i, _format_value(value, fmt), ha="center", va="center", fontsize=8,
                    color="white" if not pd.isna(value) and value > 0.6 else "#222222")
    ax.get_figure(root=True).colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="similarity (0-1)")
    width_inches = ax.get_figure(root=True).get_figwidth()
    ax.set_title(textwrap.fill(title, width=max(30, int(width_inches * 8.5))), loc="left")
    return ax
