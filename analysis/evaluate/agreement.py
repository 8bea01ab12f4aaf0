"""Agreement between coders: Krippendorff's alpha.

Used by the lesson: students code sentences for frames by hand, then measure
how far they agree with each other and with the tool. Alpha handles any
number of coders, missing codes and four levels of measurement.

alpha = 1 - D_o / D_e, the observed disagreement over the disagreement
expected by chance. Higher = more agreement: 1 is perfect agreement, 0 is what
chance alone would give, negative is systematic disagreement. Krippendorff
(2004, p. 241) suggests relying on variables with alpha >= 0.800 and drawing
only tentative conclusions from 0.667 to 0.800.

References
----------
Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
University of Pennsylvania, Annenberg School for Communication, Departmental
Papers 43. Krippendorff, K. (2004). *Content Analysis: An Introduction to Its
Methodology* (2nd ed.). Sage.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence

import pandas as pd

from analysis.core.errors import unknown_option
from analysis.core.records import is_missing

__all__ = ["LEVELS", "krippendorff_alpha", "alpha_from_frame"]

LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")
"""Levels of measurement (Krippendorff 2011, section C.3)."""


def _coincidences(units: Iterable[Sequence[Hashable]]) -> dict[tuple[Hashable, Hashable], float]:
    """Coincidence matrix o_ck: each pairable unit adds 1/(m_u - 1) per ordered pair."""
    o: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for values in units:
        present = [v for v in values if not is_missing(v)]
        m = len(present)
        if m < 2:
            continue  # a unit coded once (or never) cannot be compared
        for i, c in enumerate(present):
            for j, k in enumerate(present):
                if i != j:
                    o[(c, k)] += 1.0 / (m - 1)
    return o


def _delta(level: str, n_c: Mapping[Hashable, float], ordered: list[Hashable]):
    if level == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if level == "interval":
        return lambda c, k: float(c - k) ** 2  # type: ignore[operator]
    if level == "ratio":
        return lambda c, k: 0.0 if c == k else (float(c - k) / float(c + k)) ** 2  # type: ignore[operator]
    rank = {v: i for i, v in enumerate(ordered)}
    cumulative = [0.0]
    for v in ordered:
        cumulative.append(cumulative[-1] + n_c[v])

    def ordinal(c: Hashable, k: Hashable) -> float:
        a, b = sorted((rank[c], rank[k]))
        between = cumulative[b + 1] - cumulative[a]
        return (between - (n_c[c] + n_c[k]) / 2.0) ** 2

    return ordinal


def krippendorff_alpha(units: Iterable[Sequence[Hashable]], level: str = "nominal") -> float:
    """Krippendorff's alpha for units coded by several coders.

    Parameters
    ----------
    units : iterable of sequences
        One sequence per unit (e.g. per sentence) holding each coder's value;
        ``None`` or NaN where a coder gave no value.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement; ordinal, interval and ratio need values that
        sort (and, for interval and ratio, numbers).

    Returns
    -------
    float
        Alpha; NaN when it is undefined (fewer than two pairable values, or
        every value identical so no disagreement is possible by chance).

    Raises
    ------
    ValueError
        For an unknown level, listing the valid ones.

    Examples
    --------
    >>> round(krippendorff_alpha([["a", "a"], ["b", "b"], ["a", "b"]]), 3)
    0.444
    """
    if level not in LEVELS:
        raise ValueError(unknown_option("level", level, LEVELS))
    o = _coincidences(units)
    n_c: Counter[Hashable] = Counter()
    for (c, _k), value in o.items():
        n_c[c] += value
    n = sum(n_c.values())
    if n <= 1 or len(n_c) < 2:
        return float("nan")
    ordered = sorted(n_c)
    delta = _delta(level, n_c, ordered)
    observed = sum(value * delta(c, k) for (c, k), value in o.items() if c != k)
    expected = sum(n_c[c] * n_c[k] * delta(c, k) for c in ordered for k in ordered if c != k)
    if expected == 0:
        return float("nan")
    return 1.0 - (n - 1) * observed / expected


def alpha_from_frame(
    df: pd.DataFrame,
    *,
    unit: str = "unit",
    coder: str = "coder",
    value: str = "value",
    level: str = "nominal",
) -> float:
    """Krippendorff's alpha from a tidy table with one row per unit × coder.

    Parameters
    ----------
    df : DataFrame
        Columns ``unit``, ``coder`` and ``value`` (names configurable). A
        coder who did not code a unit has no row (or a missing value).
    level : str
        See :func:`krippendorff_alpha`.

    Returns
    -------
    float
    """
    missing = [c for c in (unit, coder, value) if c not in df.columns]
    if missing:
        raise ValueError(f"missing columns: {', '.join(missing)}")
    units = [group[value].tolist() for _, group in df.groupby(unit, sort=False)]
    return krippendorff_alpha(units, level=level)
