"""CSV cells a spreadsheet cannot run as formulas.

A CSV file opened in a spreadsheet program turns a cell that begins with ``=``, ``+``,
``-`` or ``@`` into a formula, and some programs also treat a leading tab or carriage
return that way ("CSV injection"). Corpus text reaches the CSV tables unchanged (outlet
names, titles, quoted text, speakers), so an article titled ``=HYPERLINK(...)`` would run
in the analyst's spreadsheet. Following OWASP's advice, such a text cell is written with a
leading apostrophe (``'=1+1``), which spreadsheets show as text and which a reader of the
CSV can strip. Numbers are never changed: a negative number in a numeric column stays a
number.

References
----------
OWASP Foundation. "CSV Injection". https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import pandas as pd

__all__ = ["FORMULA_TRIGGERS", "neutralise_cell", "neutralise_formulas"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """The cell as a spreadsheet would show it as text: a text starting with a formula
    trigger gains a leading apostrophe; anything else (numbers, None, other text) is
    returned unchanged.

    >>> neutralise_cell("=1+1"), neutralise_cell("-2+3"), neutralise_cell(-2), neutralise_cell("BBC")
    ("'=1+1", "'-2+3", -2, 'BBC')
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` in which every text cell that a spreadsheet would run is
    neutralised by :func:`neutralise_cell`; column names are neutralised the same way.
    Numeric, boolean and date columns are left as they are. The input is not modified.
    """
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype):
            if series.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_TRIGGERS)).any():
                out[column] = series.map(neutralise_cell).astype(series.dtype)
    out.columns = [neutralise_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out
