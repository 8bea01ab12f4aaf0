"""Shared passages: the text several articles reuse, and what each article kept.

News articles built on one document (an open letter, a press release, a court
ruling) reuse its sentences, inside quotation marks or not. This module finds
that reused text without a copy of the document, reconstructs the document
from the passages two or more outlets carry, and says for every passage how
each article carried it (Entman 1993: to frame is to *select* some aspects of
a perceived reality and make them more salient).

Method
------
1. **Shingles.** Every article becomes a stream of normalised tokens
   (:mod:`analysis.compare.shingles`: case, punctuation, quotation marks and dashes
   normalised away; attribution between two quoted parts left out). All
   5-word shingles of all articles go into one index; a shingle found in two
   or more articles is a *seed*. A shingle an article repeats more than
   ``max_repeats`` (:data:`MAX_SEED_REPEATS`, 8) times is a *stop-shingle* in
   that article and seeds nothing there (as text-reuse detectors drop
   n-grams too frequent to be evidence of reuse; Smith, Cordell & Dillon
   2013): each of its occurrences would pair with every occurrence in the
   other article, making the work quadratic in the length of repetitive
   text. Growing still runs through such text from any other seed.
2. **Growing.** Each seed is grown in both directions along the two articles
   while the words agree, stepping over up to ``max_changed`` (2) changed,
   inserted or deleted words when enough agreeing words follow (two after
   substituted words, ``min_anchor`` = 3 after inserted or deleted ones).
   Growing stops where either article passes into or out of quotation marks,
   so attribution next to a quote never joins a passage. Seeds are paired
   star-wise (every article holding a shingle with the first article holding
   it), so no pair of articles is ever compared word by word and the cost
   grows with the amount of shared text, not with the number of pairs.
3. **Source words.** Aligned word positions are merged (union-find) into
   *source words*: one source word is the same word of the source as carried
   by every article that carries it.
4. **Passages.** A passage is a maximal chain of source words that follow
   each other (within ``max_changed`` words) in some article, without
   branching: where one article continues the source differently from
   another (it skips a sentence the others carry), passages split. Its
   *text* is read from the article(s) carrying it, quotation marks removed.
   (A ``role: source`` document's own word order does not chain passages:
   the passages show how the articles grouped the text.)
5. **Source order.** Each article votes that each passage it carries comes
   before the next one it carries (3 votes when adjacent, 1 otherwise); only
   the majority direction between two passages is kept and passages are taken
   in topological order, the reference's order first (the ``role: source``
   document, which outvotes every article, or else the article carrying the
   most shared text). Conflicts left are broken at the passage with the
   fewest votes against it (Eades, Lin & Smyth 1993).
6. **Single-source quotes.** Without a source document, the speaker most often
   quoted in shared text is taken to be the source ("the letter"). Quoted
   words attributed to that speaker that no other article carries join the
   reconstruction as *single-source* passages (runs of at least
   ``min_single_source_words`` words). Quoted fragments too short to share a
   shingle ("some may question") are first looked up, word for word, in the
   shared passages.
7. **Reconstructed source.** With a ``role: source`` document, the source is
   that document: every passage it carries, including text nobody reused
   (``source_only``). Without one, it is made of the passages carried by two
   or more outlets and the single-source quotes; when the story quotes its
   source at all, a shared passage must be quoted by at least one article to
   count (two outlets opening with the same five words of their own, "A group
   of Hollywood men", share text but not a source). Other shared passages are
   kept with ids ``X1``, ``X2``, ….

Per article and passage
-----------------------
coverage
    Share of the passage's source words the article carries.
quoted_share
    Share of the article's words inside the passage (its occurrence, inserted
    words included, attribution between quotes excluded) that lie inside
    quotation marks (speech quotes of kind ``full`` or ``partial``).
status
    ``omitted`` (coverage 0); ``partial`` (coverage below
    :data:`FULL_COVERAGE`: the article carries a fragment); ``quoted``
    (quoted_share at least :data:`QUOTED_SHARE`); otherwise ``unmarked``: the
    article reproduces the passage outside quotation marks, in what the quote
    rules count as its own voice.

References
----------
Broder, A. Z. (1997). On the resemblance and containment of documents.
*Compression and Complexity of Sequences 1997*, 21-29.
Eades, P., Lin, X. & Smyth, W. F. (1993). A fast and effective heuristic for
the feedback arc set problem. *Information Processing Letters* 47(6), 319-323.
Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm.
*Journal of Communication* 43(4), 51-58.
Smith, D. A., Cordell, R. & Dillon, E. M. (2013). Infectious texts: modeling
text reuse in nineteenth-century newspapers. *IEEE BigData 2013*, 86-94.

Deviations
----------
Passages are read in one direction only (no reordering inside a passage); an
article that carries the same passage twice is reported with two occurrences.
Text made only of one sentence repeated many times shares no passage with
another article, however alike the two are (every shingle is a stop-shingle).
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import groupby
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from analysis.core.errors import unknown_option
from analysis.speech.quotes import DOUBLE_MARKS, SINGLE_MARKS, SPEECH_KINDS, Quote
from analysis.compare.shingles import (
    MAX_ATTRIBUTION_WORDS,
    SHINGLE_SIZE,
    ShingleGroups,
    TokenStream,
    _ragged,
    build_stream,
    hashed_shingles,
)
from analysis.compare.compact import CompactDocument, full_document, word_offsets
from analysis.text.document import Document

__all__ = [
    "AlignedArticle",
    "CarriedWords",
    "FULL_COVERAGE",
    "ORIGINS",
    "Occurrence",
    "PASSAGE_COLUMNS",
    "Passage",
    "PassageAlignment",
    "QUOTED_SHARE",
    "SELECTION_COLUMNS",
    "SHARE_COLUMNS",
    "STATUSES",
    "STATUS_COLORS",
    "STATUS_LABELS",
    "STATUS_TINTS",
    "UNMARKED_COLUMNS",
    "article_shares",
    "find_passages",
    "passage_fields",
    "passages_frame",
    "reuse_as_quotes",
    "selection_frame",
    "unmarked_frame",
    "unmarked_ranges",
]

STATUSES: tuple[str, ...] = ("quoted", "unmarked", "partial", "omitted")
"""How an article carries a passage (see the module notes)."""

#: Colours of the selection statuses (:data:`STATUSES`): the edge of a passage marked in
#: the side-by-side view. They are darker shades of :data:`STATUS_TINTS`, not outlet
#: colours (outlets keep Okabe & Ito's palette, so a colour names one kind of thing per
#: chart family); quoted and unmarked also differ by line style (unmarked is dotted), so
#: colour-blind readers can tell them apart.
STATUS_COLORS: Mapping[str, str] = {
    "quoted": "#3B6E8F",  # slate blue
    "unmarked": "#A0522D",  # sienna
    "partial": "#7FA7C0",  # pale slate
    "omitted": "#BBBBBB",  # grey
}

#: Light tints of :data:`STATUS_COLORS` for highlighting text (black text stays readable).
STATUS_TINTS: Mapping[str, str] = {
    "quoted": "#CCE3F0",
    "unmarked": "#F7D7C2",
    "partial": "#DDF0FA",
    "omitted": "#F5F5F5",
}

#: What each status means, for legends.
STATUS_LABELS: Mapping[str, str] = {
    "quoted": "quoted (in quotation marks)",
    "unmarked": "copied without quotation marks",
    "partial": "part of it only",
    "omitted": "left out",
}

ORIGINS: tuple[str, ...] = ("shared", "single_source", "source_only")
"""Where a passage comes from: carried by two or more articles; quoted from the
source by one article only; text of a ``role: source`` document nobody reused."""

QUOTED_SHARE: float = 0.5
"""An occurrence is quoted when at least this share of its words is inside quotation marks."""

FULL_COVERAGE: float = 0.5
"""An article carrying less than this share of a passage's words carries it ``partial``."""

MAX_CHANGED_WORDS: int = 2
"""Changed, inserted or deleted words stepped over inside a passage (at each step)."""

MIN_ANCHOR_WORDS: int = 3
"""Agreeing words needed after inserted or deleted words for a passage to go on;
one fewer after substituted words (the same number of words changed on both sides)."""

MAX_SEED_REPEATS: int = 8
"""A shingle found more than this many times in one article does not seed from that
article (a stop-shingle there: a refrain or boilerplate, not a passage)."""

MIN_SINGLE_SOURCE_WORDS: int = 3
"""Shortest quoted run attributed to the source that joins the reconstruction alone."""

PASSAGE_COLUMNS: tuple[str, ...] = (
    "passage_id", "order", "text", "n_words", "origin", "single_source", "in_source",
    "n_articles", "n_outlets", "article_ids",
)
SELECTION_COLUMNS: tuple[str, ...] = (
    "passage_id", "order", "article_id", "outlet", "status", "coverage", "n_words",
    "n_quoted_words", "quoted_share", "start", "end",
)
SHARE_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "role", "n_words", "n_shared_words", "shared_share",
    "n_unmarked_words", "unmarked_share",
)
UNMARKED_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "passage_id", "in_source", "start", "end", "n_words", "n_quoted_words", "text",
)

_QUOTE_CHARS = frozenset(DOUBLE_MARKS + SINGLE_MARKS)
_TRAILING_PUNCT = ".,;:!?\u2026)"
_SPACE_RE = re.compile(r"\s+")
# steps over changed words, cheapest first: (words skipped in a, words skipped in b)
_GAP_STEPS = ((1, 1), (0, 1), (1, 0), (2, 2), (1, 2), (2, 1), (0, 2), (2, 0))


@dataclass(frozen=True)
class AlignedArticle:
    """One article as the alignment sees it.

    Attributes
    ----------
    article_id, outlet, role : str
    document : Document or CompactDocument
        The article's text (a :class:`~analysis.compare.compact.CompactDocument` on a
        large story: the body and word offsets, the full Document rebuilt when asked).
    quotes : tuple of Quote
    stream : TokenStream
    """

    article_id: str
    outlet: str
    role: str
    document: Document | CompactDocument
    quotes: tuple[Quote, ...]
    stream: TokenStream


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where one article carries (part of) a passage.

    Attributes
    ----------
    article_id : str
    start, end : int
        Body offsets from the first to the last carried word (attribution
        between quoted parts, when skipped, lies inside).
    n_words : int
        Words of the occurrence (inserted words counted, skipped attribution not).
    n_quoted_words : int
        Of those, words inside speech quotes.
    n_carried : int
        Source words of the passage this occurrence carries.
    segments : tuple of (int, int, bool)
        Body ranges of runs of words in one voice, ``(start, end, quoted)``,
        attribution left out: what to highlight.
    """

    article_id: str
    start: int
    end: int
    n_words: int
    n_quoted_words: int
    n_carried: int
    segments: tuple[tuple[int, int, bool], ...] = ()

    @property
    def quoted(self) -> bool:
        """True when at least :data:`QUOTED_SHARE` of the words are quoted."""
        return self.n_words > 0 and self.n_quoted_words >= QUOTED_SHARE * self.n_words


class CarriedWords(Mapping[str, frozenset[int]]):
    """Which source words of one passage each article carries, stored as arrays.

    A read-only mapping article_id -> frozenset of positions (0-based, in the
    passage), in article order. A passage of a wire story is carried by
    thousands of articles, so the positions are kept in one integer array
    with offsets (4 bytes a word) and each frozenset is made when asked for.

    Parameters
    ----------
    article_ids : sequence of str
        The carrying articles, each once.
    positions : sequence of sequence of int
        For each of them, the positions it carries.
    """

    __slots__ = ("_ids", "_offsets", "_positions")

    def __init__(self, article_ids: Sequence[str], positions: Sequence[Sequence[int]]) -> None:
        if len(article_ids) != len(positions):
            raise ValueError("article_ids and positions must have the same length")
        self._ids = tuple(article_ids)
        sizes = np.fromiter((len(p) for p in positions), dtype=np.int64, count=len(positions))
        self._offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        self._positions = np.fromiter(
            (q for p in positions for q in p), dtype=np.int32, count=int(self._offsets[-1])
        )

    @classmethod
    def from_arrays(cls, article_ids: Sequence[str], offsets: np.ndarray, positions: np.ndarray) -> "CarriedWords":
        """Build from arrays: article ``i`` carries ``positions[offsets[i]:offsets[i + 1]]``."""
        self = cls.__new__(cls)
        self._ids = tuple(article_ids)
        self._offsets = np.asarray(offsets, dtype=np.int64)
        self._positions = np.asarray(positions, dtype=np.int32)
        if len(self._offsets) != len(self._ids) + 1:
            raise ValueError("offsets must have one more entry than article_ids")
        return self

    def arrays(self) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        """``(article_ids, offsets, positions)``: article ``i`` carries ``positions[offsets[i]:offsets[i + 1]]``.

        The arrays are the ones held (read-only by convention).
        """
        return self._ids, self._offsets, self._positions

    def _words(self, i: int) -> frozenset[int]:
        return frozenset(self._positions[self._offsets[i] : self._offsets[i + 1]].tolist())

    def __getitem__(self, article_id: str) -> frozenset[int]:
        try:
            i = self._ids.index(article_id)
        except ValueError:
            raise KeyError(article_id) from None
        return self._words(i)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    def items(self) -> list[tuple[str, frozenset[int]]]:  # type: ignore[override]
        """``(article_id, positions)`` pairs in article order (one pass, no look-ups)."""
        return [(a, self._words(i)) for i, a in enumerate(self._ids)]

    def values(self) -> list[frozenset[int]]:  # type: ignore[override]
        """The positions of each carrying article, in article order."""
        return [self._words(i) for i in range(len(self._ids))]

    def sizes(self) -> dict[str, int]:
        """article_id -> number of source words it carries (without making the sets)."""
        return dict(zip(self._ids, np.diff(self._offsets).tolist()))

    def __repr__(self) -> str:
        return f"CarriedWords({dict(self.items())!r})"


@dataclass(frozen=True)
class Passage:
    """One passage of the reconstructed source.

    Attributes
    ----------
    passage_id : str
        ``P1``, ``P2``, … in source order for passages of the reconstructed
        source; ``X1``, ``X2``, … for text shared outside it (e.g. two outlets
        writing the same five-word phrase in their own voice).
    order : int
        1-based position in source order.
    text : str
        The passage as carried (quotation marks removed, whitespace collapsed).
    n_words : int
        Source words in the passage.
    origin : str
        One of :data:`ORIGINS`.
    in_source : bool
        Part of the reconstructed source: carried by two or more outlets, by a
        ``role: source`` document, or a single-source quote.
    n_outlets : int
        Outlets (``role: article``) carrying any of it.
    occurrences : tuple of Occurrence
        Every place an article carries it, in article order.
    carried : Mapping
        article_id -> positions (0-based, in the passage) of the source words
        that article carries.
    """

    passage_id: str
    order: int
    text: str
    n_words: int
    origin: str
    in_source: bool
    n_outlets: int
    occurrences: tuple[Occurrence, ...]
    carried: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @property
    def single_source(self) -> bool:
        """True for a quote of the source that only one outlet carries."""
        return self.origin == "single_source"

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Articles carrying any of the passage, in article order."""
        return tuple(self.carried)


@dataclass(frozen=True)
class PassageAlignment:
    """The result of :func:`find_passages`.

    Attributes
    ----------
    articles : tuple of AlignedArticle
        In input order.
    passages : tuple of Passage
        In source order.
    source_speaker : str
        The speaker taken to be the common source ("" when none or when a
        ``role: source`` document is present).
    reference : str
        article_id of the article whose order laid out the source ("" when none).
    stats : Mapping
        Work done: ``n_shingles`` indexed, ``n_shared_shingles``, ``n_pairs`` of
        articles whose seeds were grown (out of n(n-1)/2 possible), ``n_seeds``,
        ``n_stop_shingles`` (shingles some article repeats too often to seed).
    """

    articles: tuple[AlignedArticle, ...]
    passages: tuple[Passage, ...]
    source_speaker: str = ""
    reference: str = ""
    stats: Mapping[str, int] = field(default_factory=dict)

    @cached_property
    def _by_id(self) -> dict[str, AlignedArticle]:
        return {a.article_id: a for a in self.articles}

    @cached_property
    def occurrences_by_article(self) -> Mapping[str, tuple[tuple[Passage, Occurrence], ...]]:
        """article_id -> every ``(passage, occurrence)`` of that article, in source order.

        Built once, so that per-article tables read each article's occurrences
        instead of scanning every passage (which made them quadratic).
        """
        out: dict[str, list[tuple[Passage, Occurrence]]] = {a.article_id: [] for a in self.articles}
        for p in self.passages:
            for o in p.occurrences:
                out[o.article_id].append((p, o))
        return {k: tuple(v) for k, v in out.items()}

    def article(self, article_id: str) -> AlignedArticle:
        """The aligned article with this id."""
        try:
            return self._by_id[article_id]
        except KeyError:
            valid = [a.article_id for a in self.articles]
            raise ValueError(unknown_option("article_id", article_id, valid, plural="")) from None


# ----------------------------------------------------------------------------
# growing seeds into aligned runs


def _uniform(q: Sequence[bool], start: int, end: int) -> bool:
    """True when positions start..end-1 are all inside or all outside quotation marks."""
    first = q[start]
    return all(q[t] == first for t in range(start + 1, end))


def _voice_runs(q: Sequence[bool]) -> tuple[list[int], list[int]]:
    """For every position, where its run of one voice (inside or outside quotation marks) starts and ends.

    Returns
    -------
    tuple of list of int
        ``starts[p]`` (first position of the run holding p) and ``ends[p]`` (one past its last).
    """
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    for _, run in groupby(q):
        n = len(list(run))
        starts.extend([at] * n)
        ends.extend([at + n] * n)
        at += n
    return starts, ends


def _grow(
    ta: Sequence[str], tb: Sequence[str], qa: Sequence[bool], qb: Sequence[bool],
    i: int, j: int, k: int, max_changed: int, min_anchor: int,
    runs_a: tuple[list[int], list[int]] | None = None, runs_b: tuple[list[int], list[int]] | None = None,
) -> list[tuple[int, int, int]]:
    """Grow the seed at ``(i, j)`` into aligned blocks ``(i, j, length)``.

    Exact blocks and blocks of substituted words (same length on both sides)
    are returned; inserted or deleted words are stepped over, not aligned.
    Growing stops where either article passes into or out of quotation marks,
    so that attribution next to a quote ("…," the letter said) never becomes
    part of a passage; a seed that straddles such a boundary is not grown.
    ``runs_a``/``runs_b``: :func:`_voice_runs` of ``qa``/``qb`` when already known.
    """
    na, nb = len(ta), len(tb)
    sa, ea = runs_a if runs_a is not None else _voice_runs(qa)
    sb, eb = runs_b if runs_b is not None else _voice_runs(qb)
    # positions start..end-1 lie in one voice run
    if not ((k <= 1 or i + k <= ea[i]) and (k <= 1 or j + k <= eb[j])):
        return []

    def back(x: int, y: int) -> int:
        """Words before x and y that agree, each side staying in the voice run of x (of y)."""
        limit = min(x - sa[x], y - sb[y])
        t = 0
        while t < limit and ta[x - 1 - t] == tb[y - 1 - t]:
            t += 1
        return t

    def ahead(x: int, y: int) -> int:
        """Words from x and y on that agree, each side staying in the voice run of x - 1 (of y - 1)."""
        limit = min(ea[x - 1] - x, eb[y - 1] - y)
        t = 0
        while t < limit and ta[x + t] == tb[y + t]:
            t += 1
        return t

    t = back(i, j)
    s_i, s_j = i - t, j - t
    t = ahead(i + k, j + k)
    e_i, e_j = i + k + t, j + k + t
    blocks = [(s_i, s_j, e_i - s_i)]
    steps = [
        (g, h, max(1, min_anchor - 1) if g == h else min_anchor)
        for g, h in _GAP_STEPS if g <= max_changed and h <= max_changed
    ]
    # to the right
    while True:
        for g, h, need in steps:
            ni, nj = e_i + g, e_j + h
            if ni + need <= na and nj + need <= nb and ta[ni : ni + need] == tb[nj : nj + need] \
                    and ni + need <= ea[e_i - 1] and nj + need <= eb[e_j - 1]:
                break
        else:
            break
        if g == h:
            blocks.append((e_i, e_j, g))
        t = ahead(ni, nj)
        e_i, e_j = ni + t, nj + t
        blocks.append((ni, nj, t))
    # to the left
    while True:
        for g, h, need in steps:
            ni, nj = s_i - g, s_j - h  # exclusive ends of the block before the gap
            if ni - need >= 0 and nj - need >= 0 and ta[ni - need : ni] == tb[nj - need : nj] \
                    and sa[s_i] <= ni - need and sb[s_j] <= nj - need:
                break
        else:
            break
        if g == h:
            blocks.append((ni, nj, g))
        t = back(ni, nj)
        blocks.append((ni - t, nj - t, t))
        s_i, s_j = ni - t, nj - t
    return blocks


def _align_pair(
    a: TokenStream, b: TokenStream, seeds: list[tuple[int, int]],
    k: int, max_changed: int, min_anchor: int,
    runs_a: tuple[list[int], list[int]] | None = None, runs_b: tuple[list[int], list[int]] | None = None,
) -> list[tuple[int, int, int]]:
    """Aligned blocks of two streams, grown from their shared shingles.

    A seed lying on a block already found (the same diagonal, inside its
    range) is not grown again; blocks are kept per diagonal as ranges instead
    of a set entry per aligned word.
    """
    if runs_a is None:
        runs_a = _voice_runs(a.quoted)
    if runs_b is None:
        runs_b = _voice_runs(b.quoted)
    covered: dict[int, list[tuple[int, int]]] = {}
    blocks: list[tuple[int, int, int]] = []
    for i, j in sorted(seeds):
        ranges = covered.get(i - j)
        if ranges is not None and _on_block(ranges, i):
            continue
        for bi, bj, length in _grow(a.tokens, b.tokens, a.quoted, b.quoted, i, j, k, max_changed, min_anchor,
                                    runs_a, runs_b):
            if length:
                covered.setdefault(bi - bj, []).append((bi, bi + length))
            blocks.append((bi, bj, length))
    return blocks


def _on_block(ranges: list[tuple[int, int]], i: int) -> bool:
    """True when ``lo <= i < hi`` for one of the ranges (the latest first: seeds come in order)."""
    for lo, hi in reversed(ranges):
        if lo <= i < hi:
            return True
    return False


# ----------------------------------------------------------------------------
# the alignment


def find_passages(
    analyses: Sequence[object],
    k: int = SHINGLE_SIZE,
    max_changed: int = MAX_CHANGED_WORDS,
    min_anchor: int = MIN_ANCHOR_WORDS,
    max_attribution_words: int = MAX_ATTRIBUTION_WORDS,
    min_single_source_words: int = MIN_SINGLE_SOURCE_WORDS,
    max_repeats: int = MAX_SEED_REPEATS,
) -> PassageAlignment:
    """Find the passages two or more articles share and reconstruct their source.

    Parameters
    ----------
    analyses : sequence of ArticleAnalysis
        From :func:`analysis.pipeline.analyse_story` (anything with ``article``,
        ``document`` and ``quotes`` attributes; a ``stream`` attribute, when
        present, is used instead of building the token stream again).
    k : int, default 5
        Words per shingle.
    max_changed : int, default 2
        Changed, inserted or deleted words stepped over at once inside a passage.
    min_anchor : int, default 3
        Agreeing words needed after such a step.
    max_attribution_words : int, default 6
        Longest attribution between two quoted parts that is skipped.
    min_single_source_words : int, default 3
        Shortest single-source quote that joins the reconstruction.
    max_repeats : int, default 8
        A shingle found more times than this in one article seeds nothing in
        that article (a stop-shingle there).

    Returns
    -------
    PassageAlignment
        Passages in source order; see the module notes for the method.

    Notes
    -----
    Every structure with an entry per shared word (which source word each
    stream position is, the members of each source word) is a NumPy array, so
    memory grows by a few bytes per word; Python objects are made per passage
    and per occurrence only.
    """
    if k < 1 or max_changed < 0 or min_anchor < 1 or min_single_source_words < 1 or max_repeats < 1:
        raise ValueError(
            "k, min_anchor, min_single_source_words and max_repeats must be 1 or more "
            "and max_changed 0 or more"
        )
    arts = tuple(_aligned(a, max_attribution_words) for a in analyses)
    streams = [a.stream for a in arts]
    base = np.concatenate(([0], np.cumsum([len(s) for s in streams]))).astype(np.int64)

    # 1-2: seeds from the hashed shingle index, paired star-wise, grown into blocks
    repeated = hashed_shingles(streams, k)
    seed_a, seed_b, seed_i, seed_j, n_stop = _star_seeds(repeated, max_repeats)
    pair_cut = np.flatnonzero((seed_a[1:] != seed_a[:-1]) | (seed_b[1:] != seed_b[:-1])) + 1
    bounds = np.concatenate(([0], pair_cut, [len(seed_a)])) if len(seed_a) else np.zeros(1, np.int64)
    seed_i_l, seed_j_l = seed_i.tolist(), seed_j.tolist()
    # blocks of every pair as (global position in a, global position in b, length), 8 bytes a number
    found = {name: array("q") for name in ("x", "y", "length")}
    runs_of: dict[int, tuple[list[int], list[int]]] = {}
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        a, b = int(seed_a[lo]), int(seed_b[lo])
        if a not in runs_of:
            runs_of = {a: _voice_runs(streams[a].quoted)}  # pairs come sorted by a: keep a's runs only
        pair_seeds = list(zip(seed_i_l[lo:hi], seed_j_l[lo:hi]))
        blocks = _align_pair(streams[a], streams[b], pair_seeds, k, max_changed, min_anchor,
                             runs_of[a], _voice_runs(streams[b].quoted))
        base_a, base_b = int(base[a]), int(base[b])
        for bi, bj, length in blocks:
            found["x"].append(base_a + bi)
            found["y"].append(base_b + bj)
            found["length"].append(length)
    edges_x: list[np.ndarray] = []
    edges_y: list[np.ndarray] = []
    if len(found["length"]):
        length = np.frombuffer(found["length"], dtype=np.int64)
        offs = _ragged(np.zeros(len(length), np.int64), length)
        edges_x.append(np.repeat(np.frombuffer(found["x"], dtype=np.int64), length) + offs)
        edges_y.append(np.repeat(np.frombuffer(found["y"], dtype=np.int64), length) + offs)
        del length, offs
    del found
    n_pairs = len(bounds) - 1
    stats = {
        "n_shingles": repeated.n_shingles,
        "n_shared_shingles": repeated.n_groups,
        "n_pairs": n_pairs,
        "n_seeds": len(seed_a),
        "n_stop_shingles": n_stop,
    }
    del repeated, seed_a, seed_b, seed_i, seed_j, seed_i_l, seed_j_l

    # 3: source words (clusters); cl[n][position] = cluster id, -1 for none
    cl, n_clusters = _clusters(edges_x, edges_y, base)
    del edges_x, edges_y
    kinds = ["shared"] * n_clusters

    # 6: single-source quotes and short quoted fragments
    has_source = any(a.role == "source" for a in arts)
    speakers = None if has_source else [_quote_speakers(a) for a in arts]
    speaker = "" if speakers is None else _source_speaker(speakers, cl)
    if speaker:
        _attach_fragments(arts, cl, kinds, speakers, speaker, min_anchor, min_single_source_words)
    del speakers
    for n, a in enumerate(arts):
        if a.role == "source":
            missing = np.flatnonzero(cl[n] < 0)
            cl[n][missing] = len(kinds) + np.arange(len(missing))
            kinds.extend(["source_only"] * len(missing))

    # 4-5: passages (chains of adjacent source words), then their source order
    pos = [np.flatnonzero(c >= 0) for c in cl]
    clu = [c[p] for c, p in zip(cl, pos)]
    del cl  # an entry per stream word: free it before the passages are built
    origin_code = {o: i for i, o in enumerate(ORIGINS)}
    kind_code = np.asarray([origin_code[x] for x in kinds], dtype=np.int8)
    sources = {n for n, a in enumerate(arts) if a.role == "source"}
    adj_c, adj_d = _adjacent(pos, clu, kind_code, sources, max_changed)
    reference = _reference_article(arts, pos)
    key = _first_seen(clu, len(kinds), reference)
    chains = _chains(kinds, adj_c, adj_d, key)
    del adj_c, adj_d
    groups = [chains[i] for i in _passage_order(chains, pos, clu, key, reference, has_source, max_changed)]
    members = _Members.build(pos, clu, len(kinds))
    del pos, clu
    words = _StreamWords.build(arts, base)
    passages = []
    counters = {True: 0, False: 0}
    for order, group in enumerate(groups, start=1):
        p = _make_passage(order, group, kinds, members, arts, words, max_changed, bool(speaker), has_source)
        counters[p.in_source] += 1
        prefix = "P" if p.in_source else "X"
        passages.append(replace(p, passage_id=f"{prefix}{counters[p.in_source]}"))
    return PassageAlignment(
        articles=arts,
        passages=tuple(passages),
        source_speaker=speaker,
        reference=arts[reference].article_id if reference is not None else "",
        stats=stats,
    )


def _aligned(a: object, max_attribution_words: int) -> AlignedArticle:
    """One analysed article as the alignment holds it (its stream built unless it has one)."""
    stream = getattr(a, "stream", None)
    if stream is None or max_attribution_words != MAX_ATTRIBUTION_WORDS:
        stream = build_stream(a.document, a.quotes, max_attribution_words)
    return AlignedArticle(
        article_id=a.article.article_id,
        outlet=a.article.outlet,
        role=a.article.role,
        document=a.document,
        quotes=tuple(a.quotes),
        stream=stream,
    )


def _star_seeds(groups: ShingleGroups, max_repeats: int) -> tuple[np.ndarray, ...]:
    """Seeds of every repeated shingle, paired star-wise with its first hit (step 1).

    A hit in a stream that holds the shingle more than ``max_repeats`` times is
    dropped (a stop-shingle there); each remaining hit in another stream than
    the group's first remaining hit becomes a seed ``(a, b, i, j)``: stream a
    at position i aligned with stream b at position j.

    Returns
    -------
    tuple
        Arrays seed_a, seed_b, seed_i, seed_j sorted by (a, b, i, j), and the
        number of stop-shingles.
    """
    empty = np.zeros(0, np.int64)
    if groups.n_groups == 0:
        return empty, empty, empty, empty, 0
    sizes = np.diff(groups.offsets)
    group = np.repeat(np.arange(groups.n_groups, dtype=np.int64), sizes)
    stream, position = groups.stream, groups.position
    # hits of one group in one stream are adjacent (stream order), so runs give the counts
    run_cut = np.flatnonzero((group[1:] != group[:-1]) | (stream[1:] != stream[:-1])) + 1
    run_start = np.concatenate(([0], run_cut))
    run_len = np.diff(np.concatenate((run_start, [len(group)])))
    count = np.repeat(run_len, run_len)
    stop = count > max_repeats
    stop_groups = np.unique(group[stop])
    n_stop = int(stop_groups.size)
    keep = ~stop
    group, stream, position = group[keep], stream[keep], position[keep]
    if group.size == 0:
        return empty, empty, empty, empty, n_stop
    first = np.flatnonzero(np.concatenate(([True], group[1:] != group[:-1])))
    size = np.diff(np.concatenate((first, [len(group)])))
    lead = np.repeat(first, size)
    seed = stream != stream[lead]
    a, i = stream[lead][seed], position[lead][seed]
    b, j = stream[seed], position[seed]
    order = np.lexsort((j, i, b, a))
    return a[order], b[order], i[order], j[order], n_stop


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of an integer array by one sort (faster than its hash path on large arrays)."""
    if values.size == 0:
        return values
    s = np.sort(values)
    return s[np.concatenate(([True], s[1:] != s[:-1]))]


def _clusters(
    edges_x: list[np.ndarray], edges_y: list[np.ndarray], base: np.ndarray,
) -> tuple[list[np.ndarray], int]:
    """Source words: connected components of the aligned word positions (step 3).

    Clusters are numbered in the order of their first word position over all
    streams (the smallest global position of each component), as a union-find
    taking the smaller root would number them.

    Returns
    -------
    tuple
        Per stream, an array giving each position's cluster id (-1: in none), and
        the number of clusters.
    """
    n_streams = len(base) - 1
    out = [np.full(int(base[n + 1] - base[n]), -1, dtype=np.int64) for n in range(n_streams)]
    if not edges_x:
        return out, 0
    x = np.concatenate(edges_x)
    y = np.concatenate(edges_y)
    nodes = _sorted_unique(np.concatenate((x, y)))
    xs, ys = np.searchsorted(nodes, x), np.searchsorted(nodes, y)
    del x, y
    graph = coo_matrix((np.ones(len(xs), dtype=np.int8), (xs, ys)), shape=(len(nodes), len(nodes)))
    del xs, ys
    n_comp, label = connected_components(graph, directed=False)
    del graph
    first_node = np.full(n_comp, len(nodes), dtype=np.int64)
    np.minimum.at(first_node, label, np.arange(len(nodes)))
    rank = np.empty(n_comp, dtype=np.int64)
    rank[np.argsort(first_node)] = np.arange(n_comp)
    cluster = rank[label]
    owner = np.searchsorted(base, nodes, side="right") - 1
    local = nodes - base[owner]
    cut = np.searchsorted(owner, np.arange(n_streams + 1))
    for n in range(n_streams):
        out[n][local[cut[n] : cut[n + 1]]] = cluster[cut[n] : cut[n + 1]]
    return out, n_comp


def _quote_speakers(art: AlignedArticle) -> np.ndarray:
    """Speaker (case-folded) of the speech quote holding each stream position ('' when none)."""
    spans = sorted((q.start, q.end, q.speaker) for q in art.quotes if q.kind in SPEECH_KINDS)
    n = len(art.stream)
    if not spans or n == 0:
        return np.full(n, "", dtype=object)
    starts, ends = _word_offsets(art)
    wi = np.asarray(art.stream.word_index, dtype=np.int64)
    s, e = starts[wi], ends[wi]
    q_start = np.asarray([x[0] for x in spans], dtype=np.int64)
    q_end = np.asarray([x[1] for x in spans], dtype=np.int64)
    who = np.asarray([x[2].casefold() for x in spans] + [""], dtype=object)
    i = np.searchsorted(q_start, s, side="right") - 1
    inside = (i >= 0) & (e <= q_end[np.maximum(i, 0)])
    return who[np.where(inside, i, len(spans))]


def _source_speaker(speakers: Sequence[np.ndarray], cl: Sequence[np.ndarray]) -> str:
    """The speaker quoted in the most shared words (case-folded), '' when none."""
    votes: Counter[str] = Counter()
    for who, c in zip(speakers, cl):
        if len(who):
            votes.update(who[(c >= 0) & (who != "")].tolist())
    if not votes:
        return ""
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _runs(positions: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for p in positions:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _attach_fragments(
    arts: Sequence[AlignedArticle], cl: list[np.ndarray], kinds: list[str],
    speakers: Sequence[np.ndarray], speaker: str, min_anchor: int, min_single: int,
) -> None:
    """Attach quoted runs of the source speaker that no shingle aligned.

    A run found word for word inside shared text joins those source words; the
    same run quoted by several articles becomes shared; any other run of at
    least ``min_single`` words becomes single-source.
    """
    # the quoted runs to place; an article's runs depend only on its own positions, which
    # only its own matches change, so they can all be listed before any is matched
    free_runs: list[list[list[int]]] = []
    for n, a in enumerate(arts):
        if a.role == "source" or not len(speakers[n]):
            free_runs.append([])
            continue
        free_runs.append(_runs(np.flatnonzero((speakers[n] == speaker) & (cl[n] < 0)).tolist()))
    wanted = {
        arts[n].stream.tokens[run[0] : run[0] + min_anchor]
        for n, runs in enumerate(free_runs) for run in runs if len(run) >= min_anchor
    }
    # index the shared word runs of min_anchor words, only those some quoted run starts with
    trigram: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    if wanted:
        for n, a in enumerate(arts):
            toks, shared = a.stream.tokens, cl[n] >= 0
            if len(toks) < min_anchor:
                continue
            whole = shared[: len(toks) - min_anchor + 1].copy()
            for t in range(1, min_anchor):
                whole &= shared[t : len(toks) - min_anchor + 1 + t]
            for p in np.flatnonzero(whole).tolist():
                words = toks[p : p + min_anchor]
                if words in wanted:
                    trigram[words].append((n, p))
    loose: dict[tuple[str, ...], list[tuple[int, list[int]]]] = defaultdict(list)
    for n, a in enumerate(arts):
        if a.role == "source":
            continue
        toks, pc = a.stream.tokens, cl[n]
        for run in free_runs[n]:
            words = tuple(toks[p] for p in run)
            match = None
            if len(run) >= min_anchor:
                found = set()
                for m, q in trigram.get(words[:min_anchor], ()):
                    if m == n or q + len(run) > len(cl[m]):
                        continue
                    seq = tuple(cl[m][q : q + len(run)].tolist())
                    if -1 not in seq and arts[m].stream.tokens[q : q + len(run)] == words:
                        found.add(seq)
                if len(found) == 1:
                    match = found.pop()
            if match is not None:
                pc[run] = match
            else:
                loose[words].append((n, run))
    for words, runs in loose.items():
        shared = len({n for n, _ in runs}) > 1
        if not shared and len(words) < min_single:
            continue
        start = len(kinds)
        kinds.extend(["shared" if shared else "single_source"] * len(words))
        for n, run in runs:
            cl[n][run] = start + np.arange(len(run))


def _adjacent(
    pos: Sequence[np.ndarray], clu: Sequence[np.ndarray], kind_code: np.ndarray, sources: set[int],
    max_changed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of source words that follow each other (within max_changed words) in some article.

    A ``role: source`` document joins its own words only where nobody reused
    them: its adjacency says nothing about how articles grouped the text.

    Returns
    -------
    tuple of numpy.ndarray
        The pairs ``(c, d)`` as two arrays, each pair once, sorted.
    """
    source_only = ORIGINS.index("source_only")
    xs, ys = [], []
    for n, (p, c) in enumerate(zip(pos, clu)):
        if len(p) < 2:
            continue
        ok = (p[1:] - p[:-1] <= 1 + max_changed) & (c[1:] != c[:-1])
        if n in sources:
            ok &= (kind_code[c[:-1]] == source_only) & (kind_code[c[1:]] == source_only)
        xs.append(c[:-1][ok])
        ys.append(c[1:][ok])
    n_clusters = len(kind_code)
    if not xs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pairs = _sorted_unique(np.concatenate(xs) * n_clusters + np.concatenate(ys))
    return pairs // n_clusters, pairs % n_clusters


def _reference_article(arts: Sequence[AlignedArticle], pos: Sequence[np.ndarray]) -> int | None:
    sources = [n for n, a in enumerate(arts) if a.role == "source" and len(pos[n])]
    if sources:
        return sources[0]
    best = max(range(len(arts)), key=lambda n: (len(pos[n]), -n), default=None)
    if best is None or not len(pos[best]):
        return None
    return best


def _first_seen(clu: Sequence[np.ndarray], n_clusters: int, reference: int | None) -> list[tuple[int, int, int]]:
    """Sort key of every source word: where the reference, else the first article, carries it.

    The key of source word c is the smallest ``(0 if n is the reference else 1, n, rank)``
    over the articles n carrying it, rank being its place among the shared words of n;
    ``(2, 0, c)`` when no article carries it.
    """
    flag = np.full(n_clusters, 2, dtype=np.int64)
    who = np.zeros(n_clusters, dtype=np.int64)
    rank = np.arange(n_clusters, dtype=np.int64)
    seen = np.zeros(n_clusters, dtype=bool)
    order = ([reference] if reference is not None else []) + [n for n in range(len(clu)) if n != reference]
    for n in order:
        if not len(clu[n]):
            continue
        u, first = np.unique(clu[n], return_index=True)
        new = ~seen[u]
        u = u[new]
        flag[u] = 0 if n == reference else 1
        who[u] = n
        rank[u] = first[new]
        seen[u] = True
    return list(zip(flag.tolist(), who.tolist(), rank.tolist()))


def _chains(
    kinds: list[str], adj_c: np.ndarray, adj_d: np.ndarray, key: list[tuple[int, int, int]],
) -> list[list[int]]:
    """Passages: maximal chains of source words that follow each other without branching.

    A chain goes on from a word to the next while the word has exactly one
    adjacent successor, that successor exactly one adjacent predecessor, and
    both are of the same origin. Where articles continue the source
    differently (one skips a sentence the others carry), passages split.
    ``adj_c``, ``adj_d``: the adjacent pairs, sorted (see :func:`_adjacent`).
    """
    n_clusters = len(kinds)
    succ: dict[int, list[int]] = defaultdict(list)
    pred: dict[int, list[int]] = defaultdict(list)
    for c, d in zip(adj_c.tolist(), adj_d.tolist()):
        succ[c].append(d)
        pred[d].append(c)
    visited = [False] * n_clusters
    chains: list[list[int]] = []

    def continues(c: int, d: int) -> bool:
        return len(succ[c]) == 1 and len(pred[d]) == 1 and kinds[c] == kinds[d]

    def walk(c: int) -> None:
        chain = [c]
        visited[c] = True
        while len(succ[c]) == 1:
            d = succ[c][0]
            if visited[d] or not continues(c, d):
                break
            chain.append(d)
            visited[d] = True
            c = d
        chains.append(chain)

    by_key = sorted(range(n_clusters), key=key.__getitem__)
    for c in by_key:
        if not visited[c] and not (len(pred[c]) == 1 and continues(pred[c][0], c)):
            walk(c)
    for c in by_key:  # what is left lies on cycles (text repeated within an article)
        if not visited[c]:
            walk(c)
    return chains


def _passage_order(
    chains: list[list[int]], pos: Sequence[np.ndarray], clu: Sequence[np.ndarray],
    key: list[tuple[int, int, int]], reference: int | None, authoritative: bool, max_changed: int,
) -> list[int]:
    """Order the passages as the source most probably ran (step 4 of the module notes).

    Every article votes that each passage it carries comes before the next one
    it carries: 3 votes when the two are adjacent, 1 when other text lies
    between them; a ``role: source`` reference outvotes all articles. Between
    two passages only the majority direction is kept. Passages are then taken
    in topological order (Kahn's algorithm), the reference article's order
    first among those whose predecessors are all placed; a remaining conflict
    is broken at the passage with the fewest votes against it (the greedy
    heuristic of Eades, Lin & Smyth 1993).
    """
    n_chains = len(chains)
    n_clusters = len(key)
    pid = np.zeros(n_clusters, dtype=np.int64)
    if chains:
        pid[np.concatenate([np.asarray(c, dtype=np.int64) for c in chains])] = np.repeat(
            np.arange(n_chains, dtype=np.int64), [len(c) for c in chains])
    vote_keys, vote_weights = [], []
    for n, (p, c) in enumerate(zip(pos, clu)):
        if len(p) < 2:
            continue
        boost = 10**6 if authoritative and n == reference else 1
        run_pid = pid[c]
        first = np.flatnonzero(np.concatenate(([True], run_pid[1:] != run_pid[:-1])))
        if len(first) < 2:
            continue
        last = np.concatenate((first[1:] - 1, [len(p) - 1]))
        a, b = run_pid[first[:-1]], run_pid[first[1:]]
        near = p[first[1:]] - p[last[:-1]] <= 1 + max_changed
        weight = np.where(near, 3, 1) * boost
        pair = a * n_chains + b
        _, once = np.unique(pair, return_index=True)  # each ordered pair voted once per article: its first
        vote_keys.append(pair[once])
        vote_weights.append(weight[once])
    succ: list[dict[int, int]] = [dict() for _ in chains]
    in_weight = [0] * n_chains
    if vote_keys:
        keys = np.concatenate(vote_keys)
        weights = np.concatenate(vote_weights).astype(np.int64)
        order_k = np.argsort(keys, kind="stable")
        keys, weights = keys[order_k], weights[order_k]
        cut = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        total = np.add.reduceat(weights, cut)
        keys = keys[cut]
        reverse = (keys % n_chains) * n_chains + keys // n_chains
        at = np.minimum(np.searchsorted(keys, reverse), len(keys) - 1)
        against = np.where(keys[at] == reverse, total[at], 0)
        win = total > against
        for pair, w in zip(keys[win].tolist(), total[win].tolist()):
            a, b = divmod(pair, n_chains)
            succ[a][b] = w
            in_weight[b] += w
    pkey = [key[chain[0]] for chain in chains]
    done = [False] * n_chains
    ready = [(pkey[i], i) for i in range(n_chains) if in_weight[i] == 0]
    heapq.heapify(ready)
    stuck = [(in_weight[i], pkey[i], i) for i in range(n_chains)]
    heapq.heapify(stuck)
    order: list[int] = []
    while len(order) < n_chains:
        while ready and done[ready[0][1]]:
            heapq.heappop(ready)
        if ready:
            i = heapq.heappop(ready)[1]
        else:
            while done[stuck[0][2]] or stuck[0][0] != in_weight[stuck[0][2]]:
                heapq.heappop(stuck)
            i = heapq.heappop(stuck)[2]
        done[i] = True
        order.append(i)
        for j, w in succ[i].items():
            if not done[j]:
                in_weight[j] -= w
                heapq.heappush(ready if in_weight[j] == 0 else stuck,
                               (pkey[j], j) if in_weight[j] == 0 else (in_weight[j], pkey[j], j))
    return order


@dataclass(frozen=True)
class _Members:
    """Which (article, stream position) pairs each source word is: arrays sorted by word, article, position."""

    article: np.ndarray
    position: np.ndarray
    offsets: np.ndarray

    @classmethod
    def build(cls, pos: Sequence[np.ndarray], clu: Sequence[np.ndarray], n_clusters: int) -> "_Members":
        if not pos or not sum(len(c) for c in clu):
            return cls(np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(n_clusters + 1, np.int64))
        c = np.concatenate(clu)
        order = np.argsort(c, kind="stable")  # articles in order, positions in order within each
        article = np.repeat(np.arange(len(pos), dtype=np.int32), [len(p) for p in pos])[order]
        position = np.concatenate(pos).astype(np.int32)[order]
        offsets = np.concatenate(([0], np.cumsum(np.bincount(c, minlength=n_clusters)))).astype(np.int64)
        return cls(article, position, offsets)


@dataclass(frozen=True)
class _StreamWords:
    """Every stream position of every article, concatenated: body offsets, voice and segment breaks.

    ``start``/``end``: body offsets of the position's word; ``quoted``;
    ``n_quoted[i]``: quoted positions before i (within all streams);
    ``n_breaks[i]``: positions before i that start a new run of one voice
    (the previous position is in the other voice or not the previous word).
    """

    base: np.ndarray
    start: np.ndarray
    end: np.ndarray
    quoted: np.ndarray
    n_quoted: np.ndarray
    n_breaks: np.ndarray

    @classmethod
    def build(cls, arts: Sequence[AlignedArticle], base: np.ndarray) -> "_StreamWords":
        starts, ends, quoted, breaks = [], [], [], []
        for a in arts:
            ws, we = _word_offsets(a)
            wi = np.asarray(a.stream.word_index, dtype=np.int64)
            q = np.asarray(a.stream.quoted, dtype=bool)
            starts.append(ws[wi].astype(np.int32))
            ends.append(we[wi].astype(np.int32))
            quoted.append(q)
            brk = np.ones(len(wi), dtype=bool)
            brk[1:] = (q[1:] != q[:-1]) | (wi[1:] != wi[:-1] + 1)
            breaks.append(brk)
        cat = (lambda xs, dt: np.concatenate(xs) if xs else np.zeros(0, dt))
        q = cat(quoted, bool)
        brk = cat(breaks, bool)
        return cls(
            base=base,
            start=cat(starts, np.int32),
            end=cat(ends, np.int32),
            quoted=q,
            n_quoted=np.concatenate(([0], np.cumsum(q, dtype=np.int32))).astype(np.int32),
            n_breaks=np.concatenate(([0], np.cumsum(brk, dtype=np.int32))).astype(np.int32),
        )


def _word_offsets(art: AlignedArticle) -> tuple[np.ndarray, np.ndarray]:
    """Body offsets (start, end) of every word of an article's document, as integer arrays."""
    return word_offsets(art.document)


def _piece_text(art: AlignedArticle, p0: int, p1: int, words: _StreamWords, n: int) -> str:
    """Body text of stream positions p0..p1, attribution and quotation marks removed."""
    stream, body = art.stream, art.document.body
    marks = {q.open_mark for q in art.quotes} | {q.close_mark for q in art.quotes}
    pieces = []
    at = int(words.base[n])
    first = p0
    for p in range(p0, p1 + 1):
        if p == p1 or stream.word_index[p + 1] != stream.word_index[p] + 1:
            s = int(words.start[at + first])
            e = int(words.end[at + p])
            while e < len(body) and (body[e] in _TRAILING_PUNCT):
                e += 1
            chars = [ch for i, ch in enumerate(body[s:e], start=s) if i not in marks or ch not in _QUOTE_CHARS]
            pieces.append("".join(chars))
            first = p + 1
    return _SPACE_RE.sub(" ", " ".join(pieces)).strip()


def _make_passage(
    order: int, group: list[int], kinds: list[str], members: _Members,
    arts: Sequence[AlignedArticle], words: _StreamWords, max_changed: int, require_quoted: bool,
    has_source: bool,
) -> Passage:
    n_len = len(group)
    g = np.asarray(group, dtype=np.int64)
    lo, hi = members.offsets[g], members.offsets[g + 1]
    sizes = hi - lo
    rows = _ragged(lo, sizes)
    rn = members.article[rows].astype(np.int64)  # in (t, article, position) order
    rp = members.position[rows].astype(np.int64)
    rt = np.repeat(np.arange(n_len, dtype=np.int64), sizes)
    # text: read greedily from the article carrying the longest run at each point
    t_off = np.concatenate(([0], np.cumsum(sizes))).tolist()
    rn_l, rp_l = rn.tolist(), rp.tolist()
    by_nt = np.lexsort((rp, rt, rn))
    nt_key = (rn[by_nt] * n_len + rt[by_nt]).tolist()
    nt_pos = rp[by_nt].tolist()

    def positions(n: int, t: int) -> list[int]:
        key = n * n_len + t
        i = bisect_left(nt_key, key)
        return nt_pos[i : bisect_right(nt_key, key, i)]

    pieces = []
    t = 0
    while t < n_len:
        best = None
        i, i_end = t_off[t], t_off[t + 1]
        any_source = has_source and any(arts[n].role == "source" for n in rn_l[i:i_end])
        while i < i_end:  # the carrying articles in order, each with its positions
            n, j = rn_l[i], i + 1
            while j < i_end and rn_l[j] == n:
                j += 1
            starts, i = rp_l[i:j], j
            if best is not None and best[4] == n_len - t and (best[0][0] or not any_source):
                break  # nothing after can beat it: as long as can be, and no source document to prefer
            for p in starts:
                length, cur = 1, p
                while t + length < n_len:
                    nxt = [q for q in positions(n, t + length) if cur < q <= cur + 1 + max_changed]
                    if not nxt:
                        break
                    cur = min(nxt)
                    length += 1
                score = (arts[n].role == "source", length, -n)
                if best is None or score > best[0]:
                    best = (score, n, p, cur, length)
        _, n, p, cur, length = best
        pieces.append(_piece_text(arts[n], p, cur, words, n))
        t += length
    # occurrences: an article's positions of the passage, split where more than max_changed words lie between
    by_np = np.lexsort((rt, rp, rn))
    sn, sp, st = rn[by_np], rp[by_np], rt[by_np]
    cut = np.ones(len(sn), dtype=bool)
    cut[1:] = (sn[1:] != sn[:-1]) | (sp[1:] - sp[:-1] > 1 + max_changed)
    first = np.flatnonzero(cut)
    last = np.concatenate((first[1:], [len(sn)])) - 1
    gid = np.cumsum(cut) - 1
    distinct = np.unique(gid * n_len + st)
    n_carried = np.bincount(distinct // n_len, minlength=len(first))
    occ_n = sn[first]
    g0 = words.base[occ_n] + sp[first]  # global positions of the first and last word
    g1 = words.base[occ_n] + sp[last]
    n_words = g1 - g0 + 1
    n_quoted = words.n_quoted[g1 + 1] - words.n_quoted[g0]
    extra_breaks = words.n_breaks[g1 + 1] - words.n_breaks[g0 + 1]
    occurrences: list[Occurrence] = []
    for n, a0, a1, nw, nq, nc, eb in zip(occ_n.tolist(), g0.tolist(), g1.tolist(), n_words.tolist(),
                                          n_quoted.tolist(), n_carried.tolist(), extra_breaks.tolist()):
        start, end = int(words.start[a0]), int(words.end[a1])
        if eb == 0:
            segments = ((start, end, bool(words.quoted[a0])),)
        else:
            cuts = [a0] + (a0 + 1 + np.flatnonzero(_breaks_between(words, a0, a1))).tolist() + [a1 + 1]
            segments = tuple(
                (int(words.start[x]), int(words.end[y - 1]), bool(words.quoted[x])) for x, y in zip(cuts, cuts[1:])
            )
        occurrences.append(Occurrence(
            article_id=arts[n].article_id, start=start, end=end, n_words=nw, n_quoted_words=nq,
            n_carried=nc, segments=segments,
        ))
    # which positions of the passage each article carries
    carried_key = np.unique(rn * n_len + rt)
    c_article, c_position = carried_key // n_len, carried_key % n_len
    c_first = np.flatnonzero(np.concatenate(([True], c_article[1:] != c_article[:-1])))
    carriers_n = c_article[c_first].tolist()
    carried = CarriedWords.from_arrays(
        [arts[n].article_id for n in carriers_n],
        np.concatenate((c_first, [len(c_article)])),
        c_position,
    )
    outlets = {arts[n].outlet for n in carriers_n if arts[n].role != "source"}
    origin = kinds[group[0]]
    if origin != "shared":
        in_source = True
    elif has_source:
        in_source = any(arts[n].role == "source" for n in carriers_n)
    else:
        in_source = len(outlets) >= 2 and (
            not require_quoted or bool(((n_words > 0) & (n_quoted >= QUOTED_SHARE * n_words)).any())
        )
    return Passage(
        passage_id=f"P{order}",
        order=order,
        text=" ".join(pieces),
        n_words=n_len,
        origin=origin,
        in_source=in_source,
        n_outlets=len(outlets),
        occurrences=tuple(occurrences),
        carried=carried,
    )


def _breaks_between(words: _StreamWords, a0: int, a1: int) -> np.ndarray:
    """Which global positions a0+1..a1 start a new run of one voice (see :class:`_StreamWords`)."""
    return np.diff(words.n_breaks[a0 + 1 : a1 + 2]) > 0


# ----------------------------------------------------------------------------
# tables


def passage_fields(p: Passage) -> dict[str, Any]:
    """The fields that describe a passage itself, shared by the passages table and the JSON report.

    Parameters
    ----------
    p : Passage

    Returns
    -------
    dict
        order, text, n_words, origin, single_source, in_source (in that order).
    """
    return {
        "order": p.order,
        "text": p.text,
        "n_words": p.n_words,
        "origin": p.origin,
        "single_source": p.single_source,
        "in_source": p.in_source,
    }


def passages_frame(alignment: PassageAlignment) -> pd.DataFrame:
    """One row per passage, in source order (columns: :data:`PASSAGE_COLUMNS`).

    ``article_ids`` lists the carrying articles, separated by ``;``.
    """
    rows = [
        {
            "passage_id": p.passage_id,
            **passage_fields(p),
            "n_articles": len(p.carried),
            "n_outlets": p.n_outlets,
            "article_ids": ";".join(p.article_ids),
        }
        for p in alignment.passages
    ]
    return pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS)).astype(
        {"order": "int64", "n_words": "int64", "single_source": "bool", "in_source": "bool",
         "n_articles": "int64", "n_outlets": "int64"}
    )


def _status(coverage: float, quoted_share: float) -> str:
    if coverage <= 0:
        return "omitted"
    if coverage < FULL_COVERAGE:
        return "partial"
    return "quoted" if quoted_share >= QUOTED_SHARE else "unmarked"


_SELECTION_DTYPES: Mapping[str, str] = {
    "order": "int64", "coverage": "float64", "n_words": "int64", "n_quoted_words": "int64",
    "quoted_share": "float64", "start": "Int64", "end": "Int64",
}


def selection_frame(alignment: PassageAlignment, include_sources: bool = False) -> pd.DataFrame:
    """How every article carries every passage of the reconstructed source.

    Parameters
    ----------
    alignment : PassageAlignment
    include_sources : bool, default False
        Also give rows for ``role: source`` documents.

    Returns
    -------
    DataFrame
        One row per (passage, article) for passages in the reconstructed source,
        in source order then article order (columns: :data:`SELECTION_COLUMNS`).
        ``status`` is one of :data:`STATUSES`; ``start``/``end`` give the largest
        occurrence (empty when omitted); ``quoted_share`` is NaN when omitted.
        Built column by column from NumPy arrays: the table has a row per
        passage and article, so per-row Python objects would dominate a large story.
    """
    arts = [a for a in alignment.articles if include_sources or a.role != "source"]
    kept = [p for p in alignment.passages if p.in_source]
    col = {a.article_id: j for j, a in enumerate(arts)}
    n_a = len(arts)
    total = n_a * len(kept)
    n_words = np.zeros(total, dtype=np.int64)
    n_quoted = np.zeros(total, dtype=np.int64)
    n_carried = np.zeros(total, dtype=np.int64)
    start = np.zeros(total, dtype=np.int64)
    end = np.zeros(total, dtype=np.int64)
    has_occ = np.zeros(total, dtype=bool)
    for row, p in enumerate(kept):
        base = row * n_a
        main: dict[int, Occurrence] = {}
        for o in p.occurrences:
            j = col.get(o.article_id)
            if j is None:
                continue
            n_words[base + j] += o.n_words
            n_quoted[base + j] += o.n_quoted_words
            best = main.get(j)
            if best is None or (o.n_carried, -o.start) > (best.n_carried, -best.start):
                main[j] = o  # the largest occurrence; ties: the earliest, then the first listed
        for j, o in main.items():
            has_occ[base + j] = True
            start[base + j] = o.start
            end[base + j] = o.end
        sizes = p.carried.sizes().items() if isinstance(p.carried, CarriedWords) else (
            (a, len(w)) for a, w in p.carried.items())
        for article_id, n in sizes:
            j = col.get(article_id)
            if j is not None:
                n_carried[base + j] = n
    size = np.repeat(np.asarray([p.n_words for p in kept], dtype=np.int64), n_a)
    coverage = np.where(size > 0, n_carried / np.where(size > 0, size, 1), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(n_words > 0, n_quoted / np.where(n_words > 0, n_words, 1), np.nan)
    quoted = np.where(n_words > 0, share, 0.0) >= QUOTED_SHARE
    codes = np.where(coverage <= 0, 3, np.where(coverage < FULL_COVERAGE, 2, np.where(quoted, 0, 1)))
    if total == 0:
        df = pd.DataFrame(columns=list(SELECTION_COLUMNS)).astype(_SELECTION_DTYPES)
        df["status"] = pd.Categorical(df["status"], categories=list(STATUSES))
        return df
    return pd.DataFrame({
        "passage_id": pd.array(np.repeat(np.asarray([p.passage_id for p in kept], dtype=object), n_a), dtype="str"),
        "order": np.repeat(np.asarray([p.order for p in kept], dtype=np.int64), n_a),
        "article_id": pd.array(np.tile(np.asarray([a.article_id for a in arts], dtype=object), len(kept)), dtype="str"),
        "outlet": pd.array(np.tile(np.asarray([a.outlet for a in arts], dtype=object), len(kept)), dtype="str"),
        "status": pd.Categorical.from_codes(codes.astype(np.int8), categories=list(STATUSES)),
        "coverage": coverage.astype("float64"),
        "n_words": n_words,
        "n_quoted_words": n_quoted,
        "quoted_share": share.astype("float64"),
        "start": pd.arrays.IntegerArray(start, ~has_occ),
        "end": pd.arrays.IntegerArray(end, ~has_occ),
    }, columns=list(SELECTION_COLUMNS))


def _shared_word_counts(alignment: PassageAlignment) -> tuple[np.ndarray, np.ndarray]:
    """Per article (input order): words inside shared passages, and those of them outside quotes.

    A word counts when it lies wholly inside a highlighted segment of an
    occurrence of a passage of origin ``shared``; each word once. All articles
    are done at once: their words laid end to end (each body offset moved by
    the lengths of the bodies before it, plus one), so one search finds every
    segment's words.
    """
    arts = alignment.articles
    number = {a.article_id: n for n, a in enumerate(arts)}
    seg = {name: array("q") for name in ("article", "start", "end", "quoted")}
    for p in alignment.passages:
        if p.origin != "shared":
            continue
        for o in p.occurrences:
            n = number[o.article_id]
            for s, e, quoted in o.segments:
                seg["article"].append(n)
                seg["start"].append(s)
                seg["end"].append(e)
                seg["quoted"].append(quoted)
    offsets = [word_offsets(a.document) for a in arts]
    n_words = np.asarray([len(w) for w, _ in offsets], dtype=np.int64)
    if not len(seg["article"]):
        return np.zeros(len(arts), np.int64), np.zeros(len(arts), np.int64)
    char_base = np.concatenate(([0], np.cumsum([len(a.document.body) + 1 for a in arts])))
    starts = np.concatenate([w.astype(np.int64) + char_base[n] for n, (w, _) in enumerate(offsets)])
    ends = np.concatenate([e.astype(np.int64) + char_base[n] for n, (_, e) in enumerate(offsets)])
    del offsets
    article = np.frombuffer(seg["article"], dtype=np.int64)
    s = np.frombuffer(seg["start"], dtype=np.int64) + char_base[article]
    e = np.frombuffer(seg["end"], dtype=np.int64) + char_base[article]
    unquoted = np.frombuffer(seg["quoted"], dtype=np.int64) == 0
    lo = np.searchsorted(starts, s, side="left")  # first word starting at or after s
    hi = np.maximum(lo, np.searchsorted(ends, e, side="right"))  # words ending by e
    word_base = np.concatenate(([0], np.cumsum(n_words)))
    return (_per_article(_covered(lo, hi, len(starts)), word_base),
            _per_article(_covered(lo[unquoted], hi[unquoted], len(starts)), word_base))


def _covered(lo: np.ndarray, hi: np.ndarray, n: int) -> np.ndarray:
    """Which of 0..n-1 lie in at least one range ``[lo[i], hi[i])`` (a boolean mask)."""
    depth = np.zeros(n + 1, dtype=np.int64)
    np.add.at(depth, lo, 1)
    np.add.at(depth, hi, -1)
    return np.cumsum(depth[:n]) > 0


def _per_article(mask: np.ndarray, word_base: np.ndarray) -> np.ndarray:
    """Number of True entries of each article's slice ``word_base[n]:word_base[n + 1]``."""
    total = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
    return total[word_base[1:]] - total[word_base[:-1]]


def article_shares(alignment: PassageAlignment) -> pd.DataFrame:
    """Per article: how much of its text is shared, and how much of that is unmarked.

    Returns
    -------
    DataFrame
        Columns :data:`SHARE_COLUMNS`. ``shared_share`` = words inside shared
        passages / all words (NaN for an article without words);
        ``unmarked_share`` = shared words outside quotation marks / all words.
        Higher ``unmarked_share`` = more of the article's "own voice" is reused text.
    """
    rows = []
    shared_counts, unmarked_counts = _shared_word_counts(alignment)
    for a, shared, unmarked in zip(alignment.articles, shared_counts.tolist(), unmarked_counts.tolist()):
        n = a.document.n_words
        rows.append({
            "article_id": a.article_id,
            "outlet": a.outlet,
            "role": a.role,
            "n_words": n,
            "n_shared_words": shared,
            "shared_share": shared / n if n else float("nan"),
            "n_unmarked_words": unmarked,
            "unmarked_share": unmarked / n if n else float("nan"),
        })
    return pd.DataFrame(rows, columns=list(SHARE_COLUMNS))


def unmarked_frame(alignment: PassageAlignment) -> pd.DataFrame:
    """Shared text an article reproduces outside quotation marks.

    One row per occurrence of a shared passage in an article (not a
    ``role: source`` document) where fewer than half the words are quoted
    (columns: :data:`UNMARKED_COLUMNS`); ``text`` is ``body[start:end]``;
    ``in_source`` is False for shared text outside the reconstructed source.
    """
    dtypes = {"in_source": "bool", "start": "int64", "end": "int64", "n_words": "int64", "n_quoted_words": "int64"}
    by_id = {a.article_id: a for a in alignment.articles}
    cols: dict[str, list[Any]] = {c: [] for c in UNMARKED_COLUMNS}
    for p in alignment.passages:
        if p.origin != "shared":
            continue
        for o in p.occurrences:
            a = by_id[o.article_id]
            if a.role == "source" or o.quoted:
                continue
            cols["article_id"].append(a.article_id)
            cols["outlet"].append(a.outlet)
            cols["passage_id"].append(p.passage_id)
            cols["in_source"].append(p.in_source)
            cols["start"].append(o.start)
            cols["end"].append(o.end)
            cols["n_words"].append(o.n_words)
            cols["n_quoted_words"].append(o.n_quoted_words)
            cols["text"].append(a.document.body[o.start : o.end])
    if not cols["article_id"]:
        return pd.DataFrame([], columns=list(UNMARKED_COLUMNS)).astype(dtypes)
    return pd.DataFrame(cols, columns=list(UNMARKED_COLUMNS)).astype(dtypes)


def unmarked_ranges(alignment: PassageAlignment, article_id: str) -> list[tuple[int, int]]:
    """Body ranges of an article's shared words that lie outside quotation marks.

    These are the ranges to count as quoted when reused text should not count
    as the outlet's own voice (pass them to :func:`reuse_as_quotes`).

    Returns
    -------
    list of (int, int)
        Sorted, non-overlapping ``(start, end)`` offsets.
    """
    ranges = set()
    for p, o in alignment.occurrences_by_article.get(article_id, ()):
        if p.origin == "shared":
            ranges.update((s, e) for s, e, quoted in o.segments if not quoted)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def reuse_as_quotes(
    doc: Document, ranges: Sequence[tuple[int, int]], speaker: str = ""
) -> tuple[Quote, ...]:
    """Quote records for reused text, so the voice split counts it as quoted.

    Unmarked reuse is in the outlet's own voice by the quote rules, so own-voice
    readability, tone and frames partly measure the source. To treat it as
    quoted speech instead::

        extra = reuse_as_quotes(doc, unmarked_ranges(alignment, doc.article_id), "the letter")
        split_voices(doc, tuple(quotes) + extra)

    Parameters
    ----------
    doc : Document
    ranges : sequence of (int, int)
        Body ranges outside any quote (from :func:`unmarked_ranges`).
    speaker : str
        Speaker to record (the source, e.g. "the letter").

    Returns
    -------
    tuple of Quote
        Kind ``full``, verb class ``none``, ``quote_id`` 0, marks -1 (none in the text).
    """
    doc = full_document(doc)
    starts = [s for s, _ in doc.word_bounds]
    ends = [e for _, e in doc.word_bounds]
    out = []
    for s, e in ranges:
        if not 0 <= s <= e <= len(doc.body):
            raise ValueError(f"range ({s}, {e}) is outside the body (0..{len(doc.body)})")
        # words starting at or after s that start before e and end by e: words are
        # ordered and never overlap, so they are one run, found by bisection
        lo = bisect_left(starts, s)
        n = max(0, min(bisect_left(starts, e), bisect_right(ends, e)) - lo)
        para = doc.paragraph_index(s)
        out.append(Quote(
            quote_id=0, start=s, end=e, text=doc.body[s:e], n_words=n, kind="full",
            speaker=speaker, verb="", verb_class="none", paragraph=-1 if para is None else para,
            closed=False,
        ))
    return tuple(out)
