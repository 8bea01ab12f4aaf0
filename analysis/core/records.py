"""Missing values and JSON-ready records.

A table cell is *missing* when it is None, a float NaN (NumPy's ``float64``
included, a subclass of ``float``) or pandas' ``NA``. JSON has no NaN, so a
record written as JSON carries ``null`` for every missing value and plain
Python numbers for NumPy scalars (:func:`to_plain`, :func:`plain_records`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

__all__ = ["is_missing", "plain_records", "to_plain"]


def is_missing(value: object) -> bool:
    """True when ``value`` is None, a float NaN or ``pd.NA``.

    Parameters
    ----------
    value : object
        One cell or field.

    Returns
    -------
    bool
        False for everything else, the empty string and ``pd.NaT`` included.

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing(pd.NA), is_missing(0.0), is_missing("")
    (True, True, True, False, False)
    """
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def to_plain(value: object) -> object:
    """A value made ready for JSON: missing values become None, NumPy scalars Python ones.

    Dicts, lists and tuples are cleaned item by item (a tuple becomes a list).

    Parameters
    ----------
    value : object
        One cell, field or nested structure.

    Returns
    -------
    object
        None for a missing value (see :func:`is_missing`), the Python value of a
        NumPy scalar (itself cleaned: a NumPy NaN becomes None), the cleaned
        container, or ``value`` unchanged.

    Examples
    --------
    >>> to_plain({"a": float("nan"), "b": [1, (2, float("nan"))], "c": "x"})
    {'a': None, 'b': [1, [2, None]], 'c': 'x'}
    """
    if is_missing(value):
        return None
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if hasattr(value, "item"):  # a NumPy scalar
        return to_plain(value.item())
    return value


def plain_records(df: pd.DataFrame, columns: Sequence[str] | None = None) -> list[dict[str, object]]:
    """The rows of a table as JSON-ready dicts (see :func:`to_plain`).

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    columns : sequence of str, optional
        The columns to keep, in this order; all by default.

    Returns
    -------
    list of dict
        One dict per row, column name to cleaned value.
    """
    data = df if columns is None else df[list(columns)]
    return [{k: to_plain(v) for k, v in row.items()} for row in data.to_dict(orient="records")]
