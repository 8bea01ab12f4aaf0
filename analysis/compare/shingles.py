"""Word shingles: normalised token streams and an index of shared word n-grams.

Reused text is found the way plagiarism and text-reuse detectors find it: cut
every article into overlapping runs of ``k`` words ("shingles"), index them,
and look up which shingles occur in more than one article (Broder 1997). The
index is built once over all articles, so finding shared text costs time in
proportion to the number of words, never to the number of article pairs.

Definitions
-----------
normalised token
    A word (project word rule, :mod:`analysis.text.document`) case-folded, with Unicode
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
    the :class:`~analysis.text.document.Document`, so offsets map back to the body.

Two indexes
-----------
:func:`shingle_index` keeps every shingle as a tuple of words in a dict: simple
and exact, the reference. :func:`hashed_shingles` is what the comparison uses:
each token becomes an integer, each shingle a 64-bit polynomial hash of its
``k`` integers (Karp & Rabin 1987), and one stable sort of the hashes groups
equal shingles. Hits are NumPy arrays (16 bytes a word instead of a tuple and a
list entry), nothing is kept per pair of articles, and every group is checked
word for word, so a hash collision can never join two different shingles.

References
----------
Broder, A. Z. (1997). On the resemblance and containment of documents.
*Compression and Complexity of Sequences 1997*, 21-29.
Karp, R. M. & Rabin, M. O. (1987). Efficient randomized pattern-matching
algorithms. *IBM Journal of Research and Development* 31(2), 249-260.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from analysis.speech.quotes import SPEECH_KINDS, Quote
from analysis.text.document import Document
from analysis.text.words import ALL_APOSTROPHES, HYPHENS, word_key

__all__ = [
    "MAX_ATTRIBUTION_WORDS",
    "SHINGLE_SIZE",
    "ShingleGroups",
    "TokenStream",
    "build_stream",
    "hashed_shingles",
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


@lru_cache(maxsize=1 << 16)
def normalise_token(word: str) -> str:
    """Normalise one word for matching: NFKC, case-folded, no apostrophes or hyphens.

    Results are cached (a story repeats its words), so a large story normalises
    each distinct word once.

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
    return word_key(word, form="NFKC", casefold=True, apostrophes=ALL_APOSTROPHES, apostrophe="", remove=HYPHENS)


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
        The article's quotes (:func:`analysis.speech.quotes.extract_quotes`); ``name``
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
    n = doc.n_words
    bounds = np.asarray(doc.word_bounds, dtype=np.int64).reshape(-1, 2)
    if spans:
        # the last quote starting at or before a word holds it when it also ends after it
        q_start = np.asarray([s for s, _ in spans], dtype=np.int64)
        q_end = np.asarray([e for _, e in spans], dtype=np.int64)
        at = np.searchsorted(q_start, bounds[:, 0], side="right") - 1
        inside = (at >= 0) & (bounds[:, 1] <= q_end[np.maximum(at, 0)])
    else:
        inside = np.zeros(n, dtype=bool)
    skip: set[int] = set()
    if max_attribution_words and len(spans) > 1:
        word_starts = bounds[:, 0].tolist()
        for (_, prev_end), (next_start, _) in zip(spans, spans[1:]):
            between = _words_between(doc, word_starts, prev_end, next_start)
            if len(between) <= max_attribution_words:
                skip.update(between)
    if not skip:
        return TokenStream(
            article_id=doc.article_id,
            tokens=tuple(map(normalise_token, doc.word_texts)),
            word_index=tuple(range(n)),
            quoted=tuple(inside.tolist()),
        )
    keep = [i for i in range(n) if i not in skip]
    texts = doc.word_texts
    return TokenStream(
        article_id=doc.article_id,
        tokens=tuple(normalise_token(texts[i]) for i in keep),
        word_index=tuple(keep),
        quoted=tuple(inside[keep].tolist()),
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


_HASH_BASE = np.uint64(0x100000001B3)  # an odd 64-bit multiplier (the FNV prime)


@dataclass(frozen=True)
class ShingleGroups:
    """Shingles found two or more times, as arrays (the result of :func:`hashed_shingles`).

    Attributes
    ----------
    n_shingles : int
        Distinct shingles indexed (found once or more).
    stream, position : numpy.ndarray
        One entry per hit of a repeated shingle: stream number and position,
        grouped by shingle, each group in stream order, then position order.
    offsets : numpy.ndarray
        Group ``g`` is ``stream[offsets[g]:offsets[g + 1]]`` (and the same of
        ``position``); groups in the order of their first hit.
    """

    n_shingles: int
    stream: np.ndarray
    position: np.ndarray
    offsets: np.ndarray

    @property
    def n_groups(self) -> int:
        """Shingles found two or more times (in one stream or several)."""
        return len(self.offsets) - 1

    def hits(self, g: int) -> list[tuple[int, int]]:
        """The ``(stream, position)`` hits of group ``g``, as :func:`shingle_index` lists them."""
        a, b = self.offsets[g], self.offsets[g + 1]
        return list(zip(self.stream[a:b].tolist(), self.position[a:b].tolist()))


def _token_ids(streams: Sequence[TokenStream]) -> tuple[np.ndarray, np.ndarray]:
    """All tokens as integers (one id per distinct token) and each stream's start in that array."""
    vocab: dict[str, int] = {}
    ids: list[int] = []
    starts = [0]
    for stream in streams:
        ids.extend(vocab.setdefault(t, len(vocab)) for t in stream.tokens)
        starts.append(len(ids))
    return np.asarray(ids, dtype=np.uint64), np.asarray(starts, dtype=np.int64)


def _ragged(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Concatenated ranges ``starts[g] .. starts[g] + sizes[g] - 1``."""
    sizes = np.asarray(sizes, dtype=np.int64)
    ends = np.cumsum(sizes)
    return np.repeat(np.asarray(starts, dtype=np.int64) - (ends - sizes), sizes) + np.arange(int(ends[-1]) if len(ends) else 0)


def hashed_shingles(streams: Sequence[TokenStream], k: int = SHINGLE_SIZE) -> ShingleGroups:
    """Group the hits of every ``k``-word shingle found two or more times, by hashing.

    Gives the same groups as the entries of :func:`shingle_index` with two or
    more hits, in the same order, with memory and time in proportion to the
    number of words (see the module notes).

    Parameters
    ----------
    streams : sequence of TokenStream
    k : int, default :data:`SHINGLE_SIZE`

    Returns
    -------
    ShingleGroups
    """
    if k < 1:
        raise ValueError(f"shingle size k must be 1 or more, not {k}")
    ids, starts = _token_ids(streams)
    lengths = np.diff(starts)
    n_windows = np.maximum(lengths - k + 1, 0)
    empty = ShingleGroups(0, np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(1, np.int64))
    total = int(n_windows.sum())
    if total == 0:
        return empty
    stream_no = np.repeat(np.arange(len(streams), dtype=np.int64), n_windows)
    position = np.arange(total, dtype=np.int64) - (np.cumsum(n_windows) - n_windows)[stream_no]
    at = starts[:-1][stream_no] + position  # index of the shingle's first token in ids
    h = np.zeros(total, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(k):
            h = h * _HASH_BASE + ids[at + t] + np.uint64(1)
    order = np.argsort(h, kind="stable")  # stable: hits of one hash stay in (stream, position) order
    hs = h[order]
    cut = np.flatnonzero(hs[1:] != hs[:-1]) + 1
    g_start = np.concatenate(([0], cut))
    g_end = np.concatenate((cut, [total]))
    n_distinct = len(g_start)
    many = g_end - g_start >= 2
    g_start, g_end = g_start[many], g_end[many]
    groups: list[np.ndarray] = []
    sizes = g_end - g_start
    members = order[_ragged(g_start, sizes)]
    # check word for word: a group whose hits are not all the same words is split by its words
    window = ids[at[members][:, None] + np.arange(k)[None, :]]
    lead = np.repeat(np.cumsum(sizes) - sizes, sizes)
    bad_hit = (window != window[lead]).any(axis=1)
    bounds = np.concatenate(([0], np.cumsum(sizes)))
    if bad_hit.any():
        bad_groups = set(np.unique(np.searchsorted(bounds, np.flatnonzero(bad_hit), side="right") - 1).tolist())
    else:
        bad_groups = set()
    out_hits: list[np.ndarray] = []
    out_sizes: list[int] = []
    extra = 0
    for g in range(len(sizes)):
        chunk = members[bounds[g] : bounds[g + 1]]
        if g not in bad_groups:
            out_hits.append(chunk)
            out_sizes.append(len(chunk))
            continue
        split: dict[tuple[int, ...], list[int]] = {}
        for m in chunk.tolist():
            split.setdefault(tuple(ids[at[m] : at[m] + k].tolist()), []).append(m)
        extra += len(split) - 1
        for part in split.values():
            if len(part) >= 2:
                out_hits.append(np.asarray(part, dtype=np.int64))
                out_sizes.append(len(part))
    if not out_hits:
        return ShingleGroups(n_distinct + extra, empty.stream, empty.position, empty.offsets)
    hits = np.concatenate(out_hits)
    offsets = np.concatenate(([0], np.cumsum(out_sizes))).astype(np.int64)
    # groups in the order of their first hit (the insertion order of shingle_index)
    first_hit = hits[offsets[:-1]]
    rank = np.argsort(first_hit, kind="stable")
    sizes_arr = np.diff(offsets)[rank]
    starts_sorted = offsets[:-1][rank]
    hits = hits[_ragged(starts_sorted, sizes_arr)]
    offsets = np.concatenate(([0], np.cumsum(sizes_arr))).astype(np.int64)
    return ShingleGroups(n_distinct + extra, stream_no[hits], position[hits], offsets)
