"""Compact article text for comparing large stories: the body and word offsets, nothing per word.

A :class:`~analysis.text.document.Document` keeps a tuple per word (its offsets
and its text), about 100 KB for a news article: ten thousand of them are a
gigabyte. The comparison needs of an article only its body, its word offsets
and its token stream, so :func:`analysis.compare.story.segment_story` keeps a
:class:`CompactDocument` per article of a large story instead: the same body,
the word offsets as two 32-bit integer arrays (8 bytes a word), and the full
Document rebuilt from the body when something asks for more. The rebuilt
Document is the one :func:`~analysis.text.document.make_document` gives (it
depends on the body only), so every result is the same either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from analysis.text.document import Document, make_document

__all__ = ["CompactDocument", "full_document", "word_offsets", "word_texts"]

_REBUILT = 32
"""Rebuilt Documents kept (the most recently used): enough for per-article loops that come back."""


class CompactDocument:
    """An article's body and word offsets, standing in for its Document.

    ``article_id``, ``body``, ``n_words``, ``word_starts`` and ``word_ends`` are
    held; every other attribute of :class:`~analysis.text.document.Document`
    (``word_bounds``, ``word_texts``, ``sentences``, ``text()`` ...) is read from
    the Document rebuilt from the body (:meth:`full`, the last few cached).

    Parameters
    ----------
    doc : Document
        The article's Document (not kept).
    """

    __slots__ = ("article_id", "body", "word_starts", "word_ends")

    def __init__(self, doc: Document) -> None:
        bounds = np.asarray(doc.word_bounds, dtype=np.int64).reshape(-1, 2)
        self.article_id = doc.article_id
        self.body = doc.body
        self.word_starts = bounds[:, 0].astype(np.int32)
        self.word_ends = bounds[:, 1].astype(np.int32)

    @property
    def n_words(self) -> int:
        """Number of words."""
        return len(self.word_starts)

    def full(self) -> Document:
        """The full Document of the body (rebuilt; the most recent few are cached)."""
        return _rebuild(self.body, self.article_id)

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.full(), name)

    def __repr__(self) -> str:
        return f"CompactDocument({self.article_id!r}, {self.n_words} words)"


@lru_cache(maxsize=_REBUILT)
def _rebuild(body: str, article_id: str) -> Document:
    return make_document(body, article_id)


def full_document(doc: Document | CompactDocument) -> Document:
    """The full Document of ``doc`` (itself when it is one)."""
    return doc.full() if isinstance(doc, CompactDocument) else doc


def word_offsets(doc: Document | CompactDocument) -> tuple[np.ndarray, np.ndarray]:
    """Body offsets (starts, ends) of every word of ``doc``, as integer arrays."""
    if isinstance(doc, CompactDocument):
        return doc.word_starts, doc.word_ends
    bounds = np.asarray(doc.word_bounds, dtype=np.int64).reshape(-1, 2)
    return bounds[:, 0], bounds[:, 1]


def word_texts(doc: Document | CompactDocument) -> Sequence[str]:
    """The words of ``doc`` as written (``Document.word_texts``), without rebuilding a Document."""
    if isinstance(doc, CompactDocument):
        body = doc.body
        return [body[s:e] for s, e in zip(doc.word_starts.tolist(), doc.word_ends.tolist())]
    return doc.word_texts
