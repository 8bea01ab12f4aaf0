"""Word keys: the form in which cue words and a text's words are compared.

A word's key in the ``stem`` match mode is its Snowball stem (NLTK's
``SnowballStemmer("english")``, Porter 2001), lower-cased, with ’ read as ';
in the ``exact`` mode it is the word lower-cased, as written. A phrase's keys
are the keys of its words, cut by the project's word rule
(:func:`analysis.text.document.word_spans`); the placeholder ``<number>``
stands for any word made of digits.

A document's keys are computed once per match mode and kept by a
:class:`WordKeys` holder, which the frames, stance and actor analyzers of one
article share (:attr:`analysis.pipeline.ArticleAnalysis.word_keys`).

References
----------
Porter, M. F. (2001). Snowball: A language for stemming algorithms.
https://snowballstem.org/
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer

from analysis.core.errors import unknown_option
from analysis.text.document import Document, word_spans
from analysis.text.words import word_key

__all__ = [
    "MATCH_MODES",
    "NUMBER_PLACEHOLDER",
    "NUMBER_RE",
    "WordKeys",
    "check_mode",
    "document_keys",
    "fold_word",
    "phrase_keys",
    "stem_word",
]

MATCH_MODES: tuple[str, ...] = ("stem", "exact")
"""How cue words are compared with the text's words."""

NUMBER_PLACEHOLDER = "<number>"
"""A phrase word that matches any word made of digits (with inner , or .)."""

NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
"""A word made of digits, with inner ``,`` or ``.`` (what :data:`NUMBER_PLACEHOLDER` matches)."""

_STEMMER = SnowballStemmer("english")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """A word lower-cased, with ’ and ʼ read as ' (the key of the ``exact`` mode).

    The common key of :func:`analysis.text.words.word_key`, without options.

    Parameters
    ----------
    word : str

    Returns
    -------
    str
    """
    return word_key(word)


@lru_cache(maxsize=65536)
def stem_word(word: str) -> str:
    """Snowball stem of a word, lower-cased, with ’ read as ' ("men’s" -> "men").

    Parameters
    ----------
    word : str

    Returns
    -------
    str
    """
    return _STEMMER.stem(fold_word(word))


def _key(word: str, mode: str) -> str:
    if mode == "stem":
        return stem_word(word)
    return fold_word(word)


@lru_cache(maxsize=16384)
def phrase_keys(phrase: str, mode: str) -> tuple[str, ...]:
    """The word keys of a cue phrase (``<number>`` kept as itself).

    Parameters
    ----------
    phrase : str
        A word or phrase as written in a codebook or lexicon.
    mode : {"stem", "exact"}

    Returns
    -------
    tuple of str
        One key per word, in order; empty for a phrase without a word.
    """
    keys: list[str] = []
    for part in phrase.split():
        if part == NUMBER_PLACEHOLDER:
            keys.append(NUMBER_PLACEHOLDER)
            continue
        for s in word_spans(part):
            keys.append(_key(part[s.start : s.end], mode))
    return tuple(keys)


def check_mode(mode: str) -> None:
    """Raise ValueError for a match mode not in :data:`MATCH_MODES`.

    Parameters
    ----------
    mode : str

    Raises
    ------
    ValueError
        Naming the valid modes.
    """
    if mode not in MATCH_MODES:
        raise ValueError(unknown_option("match mode", mode, MATCH_MODES))


def document_keys(doc: Document, mode: str) -> tuple[str, ...]:
    """Word keys of a document for ``mode``, one per word.

    Each call computes them; :class:`WordKeys` keeps them for reuse across
    several :func:`analysis.framing.matcher.find_cues` calls.

    Parameters
    ----------
    doc : Document
    mode : {"stem", "exact"}

    Returns
    -------
    tuple of str

    Raises
    ------
    ValueError
        For an unknown ``mode``.
    """
    check_mode(mode)
    if mode == "stem":
        return tuple(map(stem_word, doc.word_texts))
    return tuple(map(fold_word, doc.word_texts))


class WordKeys:
    """The word keys of one document in each match mode, computed on first use and kept.

    One holder per article lets its frames, stance markers and gender
    references share the keys; it lives as long as whoever holds it (an
    :class:`analysis.pipeline.ArticleAnalysis`), so nothing is kept after the
    article is done with.

    Parameters
    ----------
    document : Document
    """

    __slots__ = ("document", "_by_mode")

    def __init__(self, document: Document) -> None:
        self.document = document
        self._by_mode: dict[str, tuple[str, ...]] = {}

    def __call__(self, mode: str) -> tuple[str, ...]:
        """The document's word keys for ``mode`` (:func:`document_keys`, computed once).

        Raises
        ------
        ValueError
            For an unknown ``mode``.
        """
        keys = self._by_mode.get(mode)
        if keys is None:
            keys = self._by_mode[mode] = document_keys(self.document, mode)
        return keys

    def __repr__(self) -> str:
        return f"WordKeys({self.document.article_id!r}, modes={sorted(self._by_mode)})"
