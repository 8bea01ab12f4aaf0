"""Names joined into prose, for titles and sentences computed from the data.

A title that names only the first of several tied outlets hides a tie; the
helpers here name every one, the same way in every layer.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["join_names"]


def join_names(names: Iterable[object]) -> str:
    """Names as a list in prose: "A", "A and B", "A, B and C".

    Parameters
    ----------
    names : iterable
        The names, in the order they are to be read; each is shown with ``str``.

    Returns
    -------
    str
        The empty string for no names.
    """
    items = [str(n) for n in names]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
