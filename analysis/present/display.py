"""Tables and sentences for the reports: one house style for every table.

:func:`table` turns a DataFrame into an HTML table that reads like a printed
one: human column labels (from ``docs/column-labels.csv``, a table kept beside
the data dictionary and tested against it), no row numbers and no empty header
row for an index name, text left-aligned and wrapped, numbers right-aligned in
tabular figures with their unit in the header, undefined values shown as
"n/a", and tables with many columns split into several that repeat the key
columns. Every cell carries its column label (``data-label``), so the report
stylesheet (analysis/templates/offline) can stack each row into a card on a
phone without hiding a column.

:func:`extremes` and :func:`join_names` write titles that name every outlet
tied for the highest or lowest value, compared at the precision shown.

References
----------
Wong, D. M. (2010). *The Wall Street Journal Guide to Information Graphics*.
    Norton. (Tables: align numbers right, text left; units in the header.)
Few, S. (2012). *Show Me the Numbers*, 2nd ed. Analytics Press, ch. 8-9.
W3C (2018). Web Content Accessibility Guidelines 2.1, success criterion 1.4.3
    (contrast) and 1.4.10 (reflow: content readable at 320 CSS px without
    scrolling in two dimensions).
"""

from __future__ import annotations

import csv
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.core import paths, records
from analysis.core.prose import join_names  # re-exported: notebooks call tables.join_names

#: The label table: column, label, unit, format (one row per column name of the package's tables).
LABELS_FILE = paths.COLUMN_LABELS
#: Formats a label row may name; ``offset`` is a count where -1 means "none".
FORMATS = ("text", "count", "offset", "decimal1", "decimal2", "percent", "bool")
#: What an undefined value (None, NaN, -1 offset) reads as.
MISSING = "n/a"
#: Prefixes of the per-voice metric columns and how their labels read.
VOICE_PREFIXES = {"own_voice_": "own voice", "quoted_": "quoted speech"}
#: More value columns than this and a table is split into several.
MAX_COLUMNS = 8


@dataclass(frozen=True)
class Label:
    """How one column is shown: its header, its unit and its number format."""

    label: str
    unit: str = ""
    format: str = "text"

    @property
    def header(self) -> str:
        """The header text, with the unit in brackets when there is one."""
        return f"{self.label} ({self.unit})" if self.unit else self.label


@dataclass(frozen=True)
class HTMLTable:
    """HTML that Jupyter and nbconvert display as is (``_repr_html_``)."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


@lru_cache(maxsize=4)
def load_labels(path: Path = LABELS_FILE) -> dict[str, Label]:
    """Read the label table: column name -> :class:`Label`.

    Raises
    ------
    ValueError
        A row has an unknown format, an empty label or a repeated column;
        the message names the file and the line.
    """
    labels: dict[str, Label] = {}
    with open(path, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        if reader.fieldnames != ["column", "label", "unit", "format"]:
            raise ValueError(f"{path}: the header must be column,label,unit,format, not {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            name, fmt = row["column"].strip(), row["format"].strip()
            if fmt not in FORMATS:
                raise ValueError(f"{path}, line {line}: format {fmt!r} is not one of {', '.join(FORMATS)}")
            if not name or not row["label"].strip():
                raise ValueError(f"{path}, line {line}: empty column name or label")
            if name in labels:
                raise ValueError(f"{path}, line {line}: column {name!r} is listed twice")
            labels[name] = Label(row["label"].strip(), row["unit"].strip(), fmt)
    return labels


def label_for(column: object, labels: Mapping[str, Label] | None = None) -> Label:
    """The :class:`Label` of a column name.

    A name in the label table gets its row; ``own_voice_X`` and ``quoted_X``
    get X's label followed by the voice ("Mean tone, own voice"); any other
    name is shown with spaces for underscores, its first letter capitalised.
    """
    table = load_labels() if labels is None else labels
    name = str(column)
    if name in table:
        return table[name]
    for prefix, voice in VOICE_PREFIXES.items():
        base = name.removeprefix(prefix)
        if base != name and base in table:
            found = table[base]
            return Label(f"{found.label}, {voice}", found.unit, found.format)
    text = name.replace("_", " ").strip()
    return Label(text[:1].upper() + text[1:])


def is_missing(value: object, fmt: str = "text") -> bool:
    """True for what :func:`analysis.core.records.is_missing` calls missing, NaT, a blank,
    "None" or "nan" text and (in an ``offset`` column) -1: what a table shows as missing."""
    if records.is_missing(value) or value is pd.NaT:
        return True
    if isinstance(value, str):
        return value.strip() in ("", "None", "nan")
    return fmt == "offset" and value == -1


def format_value(value: object, fmt: str) -> str:
    """One cell as text: numbers in the column's format, thousands separated.

    >>> format_value(0.564, "percent"), format_value(1234, "count"), format_value(None, "count")
    ('56%', '1,234', 'n/a')
    """
    if is_missing(value, fmt):
        return MISSING
    if isinstance(value, bool) or fmt == "bool":
        return "yes" if bool(value) else "no"
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value) or MISSING
    if fmt in ("count", "offset") and isinstance(value, (int, float)):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if fmt == "percent" and isinstance(value, (int, float)):
        return f"{value:.0%}"
    if fmt in ("decimal1", "decimal2") and isinstance(value, (int, float)):
        return f"{value:,.{fmt[-1]}f}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _flat_name(column: object, labels: Mapping[str, Label]) -> tuple[str, str]:
    """(header, format) of a column; a tuple column (MultiIndex) is joined with ", "."""
    if isinstance(column, tuple):
        parts = [label_for(part, labels) for part in column if str(part) != ""]
        formats = [p.format for p in parts if p.format != "text"]
        units = [p.unit for p in parts if p.unit]
        text = ", ".join(p.label for p in parts)
        header = f"{text} ({units[-1]})" if units else text
        return header, formats[-1] if formats else "text"
    found = label_for(column, labels)
    return found.header, found.format


def _is_numeric(values: pd.Series, fmt: str) -> bool:
    if fmt in ("count", "offset", "decimal1", "decimal2", "percent"):
        return True
    return fmt == "text" and pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with a meaningful index turned into columns and a plain index dropped.

    A RangeIndex (row numbers, with gaps after filtering) is dropped; a named
    index or MultiIndex becomes leading columns, so no empty header row is left.
    """
    out = df.copy()
    if isinstance(out.index, pd.RangeIndex) or (out.index.names == [None] and pd.api.types.is_integer_dtype(out.index)):
        return out.reset_index(drop=True)
    names = [name if name is not None else "item" for name in out.index.names]
    out.index = out.index.set_names(names)
    return out.reset_index()


def table(
    df: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    formats: Mapping[str, str] | None = None,
    keys: Sequence[str] | None = None,
    caption: str | None = None,
    max_columns: int = MAX_COLUMNS,
    empty: str = "No rows.",
) -> HTMLTable:
    """A DataFrame as a report table in the house style.

    Parameters
    ----------
    df : DataFrame
        The rows to show. A named index becomes the leading column(s); row
        numbers are dropped. MultiIndex columns are joined ("Sentences with the
        frame, own voice").
    labels : mapping, optional
        Header text for some columns, overriding the label table.
    formats : mapping, optional
        Number format for some columns (one of :data:`FORMATS`).
    keys : sequence of str, optional
        Columns repeated in every part when the table is split; default: the
        former index columns, else the leading text columns.
    caption : str, optional
        A caption above the table.
    max_columns : int
        More non-key columns than this and the table is split into parts of at
        most ``max_columns`` columns each, each part repeating the keys.
    empty : str
        What is shown instead of a table with no rows.

    Returns
    -------
    HTMLTable
        HTML with ``class="report-table"``; every cell carries its column's
        label in ``data-label`` and numbers the class ``num``.
    """
    if max_columns < 1:
        raise ValueError(f"max_columns must be at least 1, not {max_columns}")
    had_index = not (isinstance(df.index, pd.RangeIndex) or (df.index.names == [None] and pd.api.types.is_integer_dtype(df.index)))
    index_columns = [str(n) if n is not None else "item" for n in df.index.names] if had_index else []
    data = tidy(df)
    data.columns = [c if isinstance(c, tuple) else str(c) for c in data.columns]
    # tidy() turns MultiIndex columns' index names into tuples padded with "": undo for key columns
    data.columns = [c[0] if isinstance(c, tuple) and all(str(p) == "" for p in c[1:]) else c for c in data.columns]
    if data.empty:
        return HTMLTable(f'<p class="report-empty">{html.escape(empty)}</p>')
    table_labels = load_labels()
    columns: list[tuple[object, str, str]] = []
    for column in data.columns:
        header, fmt = _flat_name(column, table_labels)
        if labels and str(column) in labels:
            header = labels[str(column)]
        if formats and str(column) in formats:
            fmt = formats[str(column)]
            if fmt not in FORMATS:
                raise ValueError(f"format {fmt!r} of column {column!r} is not one of {', '.join(FORMATS)}")
        columns.append((column, header, fmt))
    if keys is None:
        keys = index_columns or [c for c, _, f in columns[:1] if f == "text"]
    key_set = {str(k) for k in keys}
    key_cols = [c for c in columns if str(c[0]) in key_set]
    value_cols = [c for c in columns if str(c[0]) not in key_set]
    parts = [value_cols[i:i + max_columns] for i in range(0, len(value_cols), max_columns)] or [[]]
    html_parts = [_html_table(data, key_cols + part, caption if i == 0 else None) for i, part in enumerate(parts)]
    return HTMLTable("\n".join(html_parts))


def _html_table(data: pd.DataFrame, columns: list[tuple[object, str, str]], caption: str | None) -> str:
    numeric = {str(c): _is_numeric(data[c], f) for c, _, f in columns}
    head = "".join(
        f'<th scope="col" class="{"num" if numeric[str(c)] else "text"}">{html.escape(h)}</th>'
        for c, h, _ in columns
    )
    body_rows = []
    for _, row in data.iterrows():
        cells = []
        for c, h, f in columns:
            kind = "num" if numeric[str(c)] else "text"
            value = row[c]
            text = html.escape(format_value(value, f))
            missing = " missing" if is_missing(value, f) else ""
            cells.append(f'<td class="{kind}{missing}" data-label="{html.escape(h, quote=True)}">{text}</td>')
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f'<div class="report-table-wrap"><table class="report-table">{caption_html}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body_rows)}</tbody></table></div>"
    )


def _verb(names: Sequence[object]) -> str:
    return "has" if len(names) == 1 else "have"


def extremes(
    values: pd.Series,
    *,
    measure: str,
    fmt: str = ".1f",
    scale: float = 1.0,
    suffix: str = "",
    group: str = "outlets",
) -> str:
    """One sentence naming every entry tied for the highest and for the lowest value.

    Values are compared as they are printed (after ``scale`` and ``fmt``), so
    two outlets shown as 56 are tied even when one is 55.6 and one 56.2.

    Parameters
    ----------
    values : Series
        Scores indexed by outlet (or another name); undefined values are left out.
    measure : str
        Name of the score as it reads in the sentence.
    fmt : str
        Number format of the printed values.
    scale : float
        Factor applied before printing (100 for a share printed as a percentage).
    suffix : str
        Text after each number ("%").
    group : str
        Plural noun for the entries ("outlets").

    Returns
    -------
    str
        e.g. "B and C have the highest share of negative sentences (56%); A the lowest (20%)".
    """
    defined = pd.to_numeric(values, errors="coerce").dropna()
    if defined.empty:
        return f"No {group[:-1] if group.endswith('s') else group} has a defined {measure}"
    shown = {str(name): f"{value * scale:{fmt}}" for name, value in defined.items()}
    rounded = pd.Series({name: float(text.replace(",", "")) for name, text in shown.items()})
    if len(rounded) == 1:
        name = rounded.index[0]
        return f"Only {name} has a defined {measure} ({shown[name]}{suffix})"
    high, low = rounded.max(), rounded.min()
    if high == low:
        return f"All {len(rounded)} {group} have the same {measure} ({shown[rounded.index[0]]}{suffix})"
    top = sorted(n for n, v in rounded.items() if v == high)
    bottom = sorted(n for n, v in rounded.items() if v == low)
    top_text = shown[top[0]] + suffix
    bottom_text = shown[bottom[0]] + suffix
    tie_note = "all" if len(bottom) > 2 and len(bottom) == len(rounded) - len(top) else ""
    lowest = f"the other {len(bottom)} the lowest" if tie_note else f"{join_names(bottom)} the lowest"
    return f"{join_names(top)} {_verb(top)} the highest {measure} ({top_text}); {lowest} ({bottom_text})"


#: Characters that Markdown reads as markup; escaped with a backslash by :func:`md`.
MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|~"


def md(text: object) -> str:
    """Text from a story (an outlet name, a title) made safe to put into Markdown.

    HTML is escaped (``<script>`` shows as text, never runs) and every character
    Markdown reads as markup is escaped with a backslash, so ``*Daily*`` stays
    ``*Daily*``, not italics.
    """
    escaped = html.escape(str(text), quote=False)
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in escaped)


def count_words(n: int, noun: str, plural: str | None = None) -> str:
    """"1 article", "5 articles": a count with its noun in the right number."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"
