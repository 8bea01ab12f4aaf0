"""Values derived from an immutable object, computed once and kept on the object.

A segmented Document or a passage alignment never changes, so a value computed
from it (the credit lines of an article, the incidence matrix of an alignment)
can live in the object's own dictionary, as :func:`functools.cached_property`
keeps its values, and leaves with the object. Modules of a higher layer use
:func:`kept` for values the object's own class cannot know about.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

__all__ = ["kept"]

T = TypeVar("T")


def kept(obj: object, name: str, make: Callable[[], T]) -> T:
    """``make()`` computed once for ``obj`` and kept in its instance dictionary under ``name``.

    Parameters
    ----------
    obj : object
        An immutable object with an instance dictionary (a frozen dataclass).
    name : str
        The key, unique to the caller (prefix it with the module's name).
    make : callable
        Computes the value from ``obj``; called at most once per object.

    Returns
    -------
    object
        The kept value; callers that hand it out should not let it be changed.
    """
    memo = vars(obj)
    if name not in memo:
        memo[name] = make()
    return memo[name]
