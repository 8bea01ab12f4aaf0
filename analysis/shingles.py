"""Word shingles: normalised token streams and an index of shared word n-grams.

Reused text is found the way plagiarism and text-reuse detectors find it: cut
every article into overlapping runs of ``k`` words ("shingles"), index them,
and look up which shingles occur in more than one article (Broder 1997). The
index is built once over all articles, so finding shared text costs time in
proportion to the number of words, never to the number of article pairs.

Definitions
-----------
normalised token
    A word (project word rule, :mod:`analysis.text`) case-folded, with Unicode
    compatibility forms folded (NFKC), apostrophes and inner hyphens removed:
    "It’s" and "it's" are both ``its``, "co-workers" is ``coworkers``.
    Punctuation, quotation marks and dashes are never part of a word, so they
    cannot stop a match.
stream
    An article's normalised tokens in reading order, minus attribution that
    sits between two quoted parts: when at most :data:`MAX_ATTRIBUTION_WORDS`
    words lie outside quotation marks between the end of one speech quote and
    the start of the next (``"…regret," the letter continues. "Nonetheless…"``),
    those words are left out of the stream, so the two quoted parts read as
    one run of the source. Each stream position keeps the index of its word in
    the :class:`~analysis.text.Document`, so offsets map back to the body.

References
----------
Broder, A. Z. (1997). On the resemblance and containment of documents.
*Compression and Complexity of Sequences 1997*, 21-29.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .quotes import SPEECH_KINDS, Quote
from .text import Document

__all__ = [
    "MAX_ATTRIBUTION_WORDS",
    "SHINGLE_SIZE",
    "TokenStream",
    "build_stream",
    "normalise_token",
    "shared_shingles",
    "shingle_index",
]

SHINGLE_SIZE: int = 5
"""Words per shingle. Five words rarely repeat by chance in news text yet
survive short quotations; plagiarism detectors use 3 to 8."""

MAX_ATTRIBUTION_WORDS: int = 6
"""Longest run of words between two quoted parts that is skipped as attribution
("the letter continues", "according to the statement", "she told reporters")."""

_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc\u2032`")
_HYPHENS = str.maketrans("", "", "-\u2010\u2011")


def normalise_token(word: str) -> str:
    """Normalise one word for matching: NFKC, case-folded, no apostrophes or hyphens.

    Parameters
    ----------
    word : str
        A word as written in the body.

    Returns
    -------
    str

    Examples
    --------
    >>> normalise_token("It’s"), normalise_token("CO-WORKERS"), normalise_token("#AskMoreOfHim")
    ('its', 'coworkers', '#askmoreofhim')
    """
    text = unicodedata.normalize("NFKC", word).casefold()
    return text.translate(_APOSTROPHES).translate(_HYPHENS)


@dataclass(frozen=True)
class TokenStream:
    """One article's normalised tokens with the way back to its body.

    Attributes
    ----------
    article_id : str
    tokens : tuple of str
        Normalised tokens in reading order, attribution between quotes left out.
    word_index : tuple of int
        For each stream position, the index of its word in the Document.
    quoted : tuple of bool
        For each stream position, True when the word lies inside a speech
        quote (kind ``full`` or ``partial``).
    skipped : tuple of int
        Word indices left out as attribution between two quoted parts.
    """

    article_id: str
    tokens: tuple[str, ...]
    word_index: tuple[int, ...]
    quoted: tuple[bool, ...]
    skipped: tuple[int, ...] = ()

    def __len__(self) -> int:
        return len(self.tokens)


def _speech_spans(quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    return sorted((q.start, q.end) for q in quotes if q.kind in SPEECH_KINDS)


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def build_stream(
    doc: Document,
    quotes: Sequence[Quote] = (),
    max_attribution_words: int = MAX_ATTRIBUTION_WORDS,
) -> TokenStream:
    """Build an article's token stream (see the module notes for the rules).

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote
        The article's quotes (:func:`analysis.quotes.extract_quotes`); ``name``
        spans are ignored. Without quotes nothing is skipped.
    max_attribution_words : int, default :data:`MAX_ATTRIBUTION_WORDS`
        Longest run of unquoted words between two quotes that is skipped;
        0 skips nothing.

    Returns
    -------
    TokenStream
    """
    if max_attribution_words < 0:
        raise ValueError(f"max_attribution_words must be 0 or more, not {max_attribution_words}")
    spans = _speech_spans(quotes)
    quote_starts = [s for s, _ in spans]
    word_starts = [s for s, _ in doc.word_bounds]
    inside = [_inside(spans, quote_starts, s, e) for s, e in doc.word_bounds]
    skip: set[int] = set()
    if max_attribution_words:
        for (_, prev_end), (next_start, _) in zip(spans, spans[1:]):
            between = _words_between(doc, word_starts, prev_end, next_start)
            if len(between) <= max_attribution_words:
                skip.update(between)
    keep = [i for i in range(doc.n_words) if i not in skip]
    return TokenStream(
        article_id=doc.article_id,
        tokens=tuple(normalise_token(doc.word_texts[i]) for i in keep),
        word_index=tuple(keep),
        quoted=tuple(inside[i] for i in keep),
        skipped=tuple(sorted(skip)),
    )


def _words_between(doc: Document, word_starts: list[int], start: int, end: int) -> list[int]:
    """Indices of the words lying wholly inside ``[start, end)``."""
    out = []
    for i in range(bisect_left(word_starts, start), doc.n_words):
        s, e = doc.word_bounds[i]
        if e > end:
            break
        out.append(i)
    return out


def shingle_index(streams: Sequence[TokenStream], k: int = SHINGLE_SIZE) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Index every ``k``-word shingle of every stream.

    Parameters
    ----------
    streams : sequence of TokenStream
    k : int, default :data:`SHINGLE_SIZE`

    Returns
    -------
    dict
        Shingle (tuple of ``k`` tokens) -> list of ``(stream number, position)``
        in stream order, then position order.
    """
    if k < 1:
        raise ValueError(f"shingle size k must be 1 or more, not {k}")
    index: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for n, stream in enumerate(streams):
        toks = stream.tokens
        for i in range(len(toks) - k + 1):
            index.setdefault(toks[i : i + k], []).append((n, i))
    return index


def shared_shingles(
    index: dict[tuple[str, ...], list[tuple[int, int]]],
) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Keep the shingles that occur in two or more different streams."""
    return {
        key: hits for key, hits in index.items()
        if len(hits) > 1 and any(h[0] != hits[0][0] for h in hits)
    }
