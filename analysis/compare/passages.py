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
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
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
    document : Document
    quotes : tuple of Quote
    stream : TokenStream
    """

    article_id: str
    outlet: str
    role: str
    document: Document
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


def _grow(
    ta: Sequence[str], tb: Sequence[str], qa: Sequence[bool], qb: Sequence[bool],
    i: int, j: int, k: int, max_changed: int, min_anchor: int,
) -> list[tuple[int, int, int]]:
    """Grow the seed at ``(i, j)`` into aligned blocks ``(i, j, length)``.

    Exact blocks and blocks of substituted words (same length on both sides)
    are returned; inserted or deleted words are stepped over, not aligned.
    Growing stops where either article passes into or out of quotation marks,
    so that attribution next to a quote ("…," the letter said) never becomes
    part of a passage; a seed that straddles such a boundary is not grown.
    """
    na, nb = len(ta), len(tb)
    if not (_uniform(qa, i, i + k) and _uniform(qb, j, j + k)):
        return []
    s_i, s_j = i, j
    while s_i > 0 and s_j > 0 and ta[s_i - 1] == tb[s_j - 1] and qa[s_i - 1] == qa[s_i] and qb[s_j - 1] == qb[s_j]:
        s_i -= 1
        s_j -= 1
    e_i, e_j = i + k, j + k
    while e_i < na and e_j < nb and ta[e_i] == tb[e_j] and qa[e_i] == qa[e_i - 1] and qb[e_j] == qb[e_j - 1]:
        e_i += 1
        e_j += 1
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
                    and _uniform(qa, e_i - 1, ni + need) and _uniform(qb, e_j - 1, nj + need):
                break
        else:
            break
        if g == h:
            blocks.append((e_i, e_j, g))
        e_i, e_j = ni, nj
        while e_i < na and e_j < nb and ta[e_i] == tb[e_j] and qa[e_i] == qa[e_i - 1] and qb[e_j] == qb[e_j - 1]:
            e_i += 1
            e_j += 1
        blocks.append((ni, nj, e_i - ni))
    # to the left
    while True:
        for g, h, need in steps:
            ni, nj = s_i - g, s_j - h  # exclusive ends of the block before the gap
            if ni - need >= 0 and nj - need >= 0 and ta[ni - need : ni] == tb[nj - need : nj] \
                    and _uniform(qa, ni - need, s_i + 1) and _uniform(qb, nj - need, s_j + 1):
                break
        else:
            break
        if g == h:
            blocks.append((ni, nj, g))
        b_i, b_j = ni, nj
        while b_i > 0 and b_j > 0 and ta[b_i - 1] == tb[b_j - 1] and qa[b_i - 1] == qa[b_i] and qb[b_j - 1] == qb[b_j]:
            b_i -= 1
            b_j -= 1
        blocks.append((b_i, b_j, ni - b_i))
        s_i, s_j = b_i, b_j
    return blocks


def _align_pair(
    a: TokenStream, b: TokenStream, seeds: list[tuple[int, int]],
    k: int, max_changed: int, min_anchor: int,
) -> list[tuple[int, int, int]]:
    """Aligned blocks of two streams, grown from their shared shingles."""
    covered: set[tuple[int, int]] = set()
    blocks: list[tuple[int, int, int]] = []
    for i, j in sorted(seeds):
        if (i, j) in covered:
            continue
        for bi, bj, length in _grow(a.tokens, b.tokens, a.quoted, b.quoted, i, j, k, max_changed, min_anchor):
            covered.update((bi + t, bj + t) for t in range(length))
            blocks.append((bi, bj, length))
    return blocks


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
        ``document`` and ``quotes`` attributes).
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
    """
    if k < 1 or max_changed < 0 or min_anchor < 1 or min_single_source_words < 1 or max_repeats < 1:
        raise ValueError(
            "k, min_anchor, min_single_source_words and max_repeats must be 1 or more "
            "and max_changed 0 or more"
        )
    arts = tuple(
        AlignedArticle(
            article_id=a.article.article_id,
            outlet=a.article.outlet,
            role=a.article.role,
            document=a.document,
            quotes=tuple(a.quotes),
            stream=build_stream(a.document, a.quotes, max_attribution_words),
        )
        for a in analyses
    )
    streams = [a.stream for a in arts]
    base = np.concatenate(([0], np.cumsum([len(s) for s in streams]))).astype(np.int64)

    # 1-2: seeds from the hashed shingle index, paired star-wise, grown into blocks
    repeated = hashed_shingles(streams, k)
    seed_a, seed_b, seed_i, seed_j, n_stop = _star_seeds(repeated, max_repeats)
    edges_x: list[np.ndarray] = []
    edges_y: list[np.ndarray] = []
    pair_cut = np.flatnonzero((seed_a[1:] != seed_a[:-1]) | (seed_b[1:] != seed_b[:-1])) + 1
    bounds = np.concatenate(([0], pair_cut, [len(seed_a)])) if len(seed_a) else np.zeros(1, np.int64)
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        a, b = int(seed_a[lo]), int(seed_b[lo])
        pair_seeds = list(zip(seed_i[lo:hi].tolist(), seed_j[lo:hi].tolist()))
        blocks = _align_pair(streams[a], streams[b], pair_seeds, k, max_changed, min_anchor)
        if blocks:
            bi, bj, length = np.asarray(blocks, dtype=np.int64).T
            offs = _ragged(np.zeros(len(length), np.int64), length)
            edges_x.append(np.repeat(base[a] + bi, length) + offs)
            edges_y.append(np.repeat(base[b] + bj, length) + offs)
    n_pairs = len(bounds) - 1

    # 3: source words (clusters); pos_cluster[a][position] = cluster id
    pos_cluster, n_clusters = _clusters(edges_x, edges_y, base)
    kinds = ["shared"] * n_clusters

    # 6: single-source quotes and short quoted fragments
    has_source = any(a.role == "source" for a in arts)
    speaker = "" if has_source else _source_speaker(arts, pos_cluster)
    if speaker:
        _attach_fragments(arts, pos_cluster, kinds, speaker, min_anchor, min_single_source_words)
    for n, a in enumerate(arts):
        if a.role == "source":
            for p in range(len(a.stream)):
                if p not in pos_cluster[n]:
                    pos_cluster[n][p] = len(kinds)
                    kinds.append("source_only")

    # 4-5: passages (chains of adjacent source words), then their source order
    sequences = [sorted(pc.items()) for pc in pos_cluster]
    del pos_cluster  # a dict entry per shared word: free it before the passages are built
    adjacent = _adjacent(sequences, kinds, {n for n, a in enumerate(arts) if a.role == "source"}, max_changed)
    reference = _reference_article(arts, sequences)
    key = _first_seen(sequences, len(kinds), reference)
    chains = _chains(kinds, adjacent, key)
    groups = [chains[i] for i in _passage_order(chains, sequences, key, reference, has_source, max_changed)]
    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for n, seq in enumerate(sequences):
        for p, c in seq:
            members[c].append((n, p))
    del sequences
    passages = []
    counters = {True: 0, False: 0}
    for order, group in enumerate(groups, start=1):
        p = _make_passage(order, group, kinds, members, arts, max_changed, bool(speaker))
        counters[p.in_source] += 1
        prefix = "P" if p.in_source else "X"
        passages.append(replace(p, passage_id=f"{prefix}{counters[p.in_source]}"))
    return PassageAlignment(
        articles=arts,
        passages=tuple(passages),
        source_speaker=speaker,
        reference=arts[reference].article_id if reference is not None else "",
        stats={
            "n_shingles": repeated.n_shingles,
            "n_shared_shingles": repeated.n_groups,
            "n_pairs": n_pairs,
            "n_seeds": len(seed_a),
            "n_stop_shingles": n_stop,
        },
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


def _clusters(
    edges_x: list[np.ndarray], edges_y: list[np.ndarray], base: np.ndarray,
) -> tuple[list[dict[int, int]], int]:
    """Source words: connected components of the aligned word positions (step 3).

    Clusters are numbered in the order of their first word position over all
    streams (the smallest global position of each component), as a union-find
    taking the smaller root would number them.

    Returns
    -------
    tuple
        pos_cluster (per stream: position -> cluster id) and the number of clusters.
    """
    n_streams = len(base) - 1
    if not edges_x:
        return [{} for _ in range(n_streams)], 0
    x = np.concatenate(edges_x)
    y = np.concatenate(edges_y)
    nodes = np.unique(np.concatenate((x, y)))
    xs, ys = np.searchsorted(nodes, x), np.searchsorted(nodes, y)
    graph = coo_matrix((np.ones(len(xs), dtype=np.int8), (xs, ys)), shape=(len(nodes), len(nodes)))
    n_comp, label = connected_components(graph, directed=False)
    first_node = np.full(n_comp, len(nodes), dtype=np.int64)
    np.minimum.at(first_node, label, np.arange(len(nodes)))
    rank = np.empty(n_comp, dtype=np.int64)
    rank[np.argsort(first_node)] = np.arange(n_comp)
    cluster = rank[label]
    owner = np.searchsorted(base, nodes, side="right") - 1
    local = nodes - base[owner]
    cut = np.searchsorted(owner, np.arange(n_streams + 1))
    pos_cluster = [
        dict(zip(local[cut[n] : cut[n + 1]].tolist(), cluster[cut[n] : cut[n + 1]].tolist()))
        for n in range(n_streams)
    ]
    return pos_cluster, n_comp


def _quote_speakers(art: AlignedArticle) -> list[str]:
    """Speaker (case-folded) of the speech quote holding each stream position ('' when none)."""
    spans = sorted((q.start, q.end, q.speaker) for q in art.quotes if q.kind in SPEECH_KINDS)
    starts = [s for s, _, _ in spans]
    out = []
    for w in art.stream.word_index:
        s, e = art.document.word_bounds[w]
        i = bisect_right(starts, s) - 1
        inside = i >= 0 and spans[i][0] <= s and e <= spans[i][1]
        out.append(spans[i][2].casefold() if inside else "")
    return out


def _source_speaker(arts: Sequence[AlignedArticle], pos_cluster: list[dict[int, int]]) -> str:
    """The speaker quoted in the most shared words (case-folded), '' when none."""
    votes: Counter[str] = Counter()
    for n, a in enumerate(arts):
        for p, who in enumerate(_quote_speakers(a)):
            if who and p in pos_cluster[n]:
                votes[who] += 1
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
    arts: Sequence[AlignedArticle], pos_cluster: list[dict[int, int]], kinds: list[str],
    speaker: str, min_anchor: int, min_single: int,
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
        if a.role == "source":
            free_runs.append([])
            continue
        pc = pos_cluster[n]
        free_runs.append(_runs([p for p, who in enumerate(_quote_speakers(a)) if who == speaker and p not in pc]))
    wanted = {
        arts[n].stream.tokens[run[0] : run[0] + min_anchor]
        for n, runs in enumerate(free_runs) for run in runs if len(run) >= min_anchor
    }
    # index the shared word runs of min_anchor words, only those some quoted run starts with
    trigram: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    if wanted:
        for n, a in enumerate(arts):
            toks, pc = a.stream.tokens, pos_cluster[n]
            for p in range(len(toks) - min_anchor + 1):
                words = toks[p : p + min_anchor]
                if words in wanted and all(p + t in pc for t in range(min_anchor)):
                    trigram[words].append((n, p))
    loose: dict[tuple[str, ...], list[tuple[int, list[int]]]] = defaultdict(list)
    for n, a in enumerate(arts):
        if a.role == "source":
            continue
        toks, pc = a.stream.tokens, pos_cluster[n]
        for run in free_runs[n]:
            words = tuple(toks[p] for p in run)
            match = None
            if len(run) >= min_anchor:
                found = set()
                for m, q in trigram.get(words[:min_anchor], ()):
                    if m == n:
                        continue
                    seq = tuple(pos_cluster[m].get(q + t, -1) for t in range(len(run)))
                    if -1 not in seq and arts[m].stream.tokens[q : q + len(run)] == words:
                        found.add(seq)
                if len(found) == 1:
                    match = found.pop()
            if match is not None:
                for p, c in zip(run, match):
                    pc[p] = c
            else:
                loose[words].append((n, run))
    for words, runs in loose.items():
        shared = len({n for n, _ in runs}) > 1
        if not shared and len(words) < min_single:
            continue
        start = len(kinds)
        kinds.extend(["shared" if shared else "single_source"] * len(words))
        for n, run in runs:
            for t, p in enumerate(run):
                pos_cluster[n][p] = start + t


def _adjacent(
    sequences: list[list[tuple[int, int]]], kinds: list[str], sources: set[int], max_changed: int,
) -> set[tuple[int, int]]:
    """Pairs of source words that follow each other (within max_changed words) in some article.

    A ``role: source`` document joins its own words only where nobody reused
    them: its adjacency says nothing about how articles grouped the text.
    """
    pairs: set[tuple[int, int]] = set()
    for n, seq in enumerate(sequences):
        for (p, c), (q, d) in zip(seq, seq[1:]):
            if q - p <= 1 + max_changed and c != d:
                if n not in sources or kinds[c] == kinds[d] == "source_only":
                    pairs.add((c, d))
    return pairs


def _reference_article(arts: Sequence[AlignedArticle], sequences: list[list[tuple[int, int]]]) -> int | None:
    sources = [n for n, a in enumerate(arts) if a.role == "source" and sequences[n]]
    if sources:
        return sources[0]
    best = max(range(len(arts)), key=lambda n: (len(sequences[n]), -n), default=None)
    if best is None or not sequences[best]:
        return None
    return best


def _first_seen(sequences: list[list[tuple[int, int]]], n_clusters: int, reference: int | None) -> list[tuple[int, int, int]]:
    """Sort key of every source word: where the reference, else the first article, carries it."""
    first: dict[int, tuple[int, int, int]] = {}
    for n, seq in enumerate(sequences):
        for rank, (_, c) in enumerate(seq):
            k = (0 if n == reference else 1, n, rank)
            if c not in first or k < first[c]:
                first[c] = k
    return [first.get(c, (2, 0, c)) for c in range(n_clusters)]


def _chains(kinds: list[str], adjacent: set[tuple[int, int]], key: list[tuple[int, int, int]]) -> list[list[int]]:
    """Passages: maximal chains of source words that follow each other without branching.

    A chain goes on from a word to the next while the word has exactly one
    adjacent successor, that successor exactly one adjacent predecessor, and
    both are of the same origin. Where articles continue the source
    differently (one skips a sentence the others carry), passages split.
    """
    n_clusters = len(kinds)
    succ: dict[int, list[int]] = defaultdict(list)
    pred: dict[int, list[int]] = defaultdict(list)
    for c, d in sorted(adjacent):
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
    chains: list[list[int]], sequences: list[list[tuple[int, int]]], key: list[tuple[int, int, int]],
    reference: int | None, authoritative: bool, max_changed: int,
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
    pid: dict[int, int] = {c: i for i, chain in enumerate(chains) for c in chain}
    votes: dict[tuple[int, int], int] = defaultdict(int)
    for n, seq in enumerate(sequences):
        boost = 10**6 if authoritative and n == reference else 1
        runs: list[list[int]] = []  # [passage, first position, last position]
        for p, c in seq:
            if runs and runs[-1][0] == pid[c]:
                runs[-1][2] = p
            else:
                runs.append([pid[c], p, p])
        seen: set[tuple[int, int]] = set()
        for (a, _, a_end), (b, b_start, _) in zip(runs, runs[1:]):
            if a != b and (a, b) not in seen:
                seen.add((a, b))
                votes[(a, b)] += (3 if b_start - a_end <= 1 + max_changed else 1) * boost
    succ: list[dict[int, int]] = [dict() for _ in chains]
    in_weight = [0] * len(chains)
    for (a, b), w in votes.items():
        if w > votes.get((b, a), 0):
            succ[a][b] = w
            in_weight[b] += w
    pkey = [key[chain[0]] for chain in chains]
    done = [False] * len(chains)
    ready = [(pkey[i], i) for i in range(len(chains)) if in_weight[i] == 0]
    heapq.heapify(ready)
    stuck = [(in_weight[i], pkey[i], i) for i in range(len(chains))]
    heapq.heapify(stuck)
    order: list[int] = []
    while len(order) < len(chains):
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


def _occurrences(art: AlignedArticle, positions: list[tuple[int, int]], max_changed: int) -> list[Occurrence]:
    """Group an article's (position, cluster) pairs of one passage into occurrences."""
    positions = sorted(positions)
    groups: list[list[tuple[int, int]]] = []
    for p, c in positions:
        if groups and p - groups[-1][-1][0] <= 1 + max_changed:
            groups[-1].append((p, c))
        else:
            groups.append([(p, c)])
    stream, bounds = art.stream, art.document.word_bounds
    word_index, quoted = stream.word_index, stream.quoted
    out = []
    for g in groups:
        p0, p1 = g[0][0], g[-1][0]
        segments: list[list[int]] = []  # [start, end, quoted, last word index]
        for w, q in zip(word_index[p0 : p1 + 1], quoted[p0 : p1 + 1]):
            if segments and segments[-1][2] == q and segments[-1][3] == w - 1:
                last = segments[-1]
                last[1] = bounds[w][1]
                last[3] = w
            else:
                s, e = bounds[w]
                segments.append([s, e, q, w])
        out.append(Occurrence(
            article_id=art.article_id,
            start=bounds[word_index[p0]][0],
            end=bounds[word_index[p1]][1],
            n_words=p1 - p0 + 1,
            n_quoted_words=sum(quoted[p0 : p1 + 1]),
            n_carried=len({c for _, c in g}),
            segments=tuple((s, e, bool(q)) for s, e, q, _ in segments),
        ))
    return out


def _piece_text(art: AlignedArticle, p0: int, p1: int) -> str:
    """Body text of stream positions p0..p1, attribution and quotation marks removed."""
    stream, doc = art.stream, art.document
    marks = {q.open_mark for q in art.quotes} | {q.close_mark for q in art.quotes}
    pieces = []
    words = [stream.word_index[p] for p in range(p0, p1 + 1)]
    for run in _runs(words):
        s = doc.word_bounds[run[0]][0]
        e = doc.word_bounds[run[-1]][1]
        while e < len(doc.body) and (doc.body[e] in _TRAILING_PUNCT):
            e += 1
        chars = [ch for i, ch in enumerate(doc.body[s:e], start=s) if i not in marks or ch not in _QUOTE_CHARS]
        pieces.append("".join(chars))
    return _SPACE_RE.sub(" ", " ".join(pieces)).strip()


def _make_passage(
    order: int, group: list[int], kinds: list[str], members: Mapping[int, list[tuple[int, int]]],
    arts: Sequence[AlignedArticle], max_changed: int, require_quoted: bool,
) -> Passage:
    by_article: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for c in group:
        for n, p in members[c]:
            by_article[n].append((p, c))
    # text: read greedily from the article carrying the longest run at each point
    where: dict[int, dict[int, list[int]]] = {}
    for c in group:
        at = where[c] = {}
        for n, p in members[c]:
            if n in at:
                at[n].append(p)
            else:
                at[n] = [p]
    pieces = []
    t = 0
    while t < len(group):
        best = None
        carriers = sorted(where[group[t]].items())
        any_source = any(arts[n].role == "source" for n, _ in carriers)
        for n, starts in carriers:
            if best is not None and best[4] == len(group) - t and (best[0][0] or not any_source):
                break  # nothing after can beat it: as long as can be, and no source document to prefer
            for p in starts:
                length, cur = 1, p
                while t + length < len(group):
                    nxt = [q for q in where[group[t + length]].get(n, ()) if cur < q <= cur + 1 + max_changed]
                    if not nxt:
                        break
                    cur = min(nxt)
                    length += 1
                score = (arts[n].role == "source", length, -n)
                if best is None or score > best[0]:
                    best = (score, n, p, cur, length)
        _, n, p, cur, length = best
        pieces.append(_piece_text(arts[n], p, cur))
        t += length
    index = {c: t for t, c in enumerate(group)}
    occurrences: list[Occurrence] = []
    carried_ids: list[str] = []
    carried_positions: list[list[int]] = []
    for n in sorted(by_article):
        occurrences.extend(_occurrences(arts[n], by_article[n], max_changed))
        carried_ids.append(arts[n].article_id)
        carried_positions.append(sorted({index[c] for _, c in by_article[n]}))
    outlets = {arts[n].outlet for n in by_article if arts[n].role != "source"}
    origin = kinds[group[0]]
    if origin != "shared":
        in_source = True
    elif any(a.role == "source" for a in arts):
        in_source = any(arts[n].role == "source" for n in by_article)
    else:
        in_source = len(outlets) >= 2 and (not require_quoted or any(o.quoted for o in occurrences))
    return Passage(
        passage_id=f"P{order}",
        order=order,
        text=" ".join(pieces),
        n_words=len(group),
        origin=origin,
        in_source=in_source,
        n_outlets=len(outlets),
        occurrences=tuple(occurrences),
        carried=CarriedWords(carried_ids, carried_positions),
    )


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


def _shared_words(alignment: PassageAlignment, article_id: str) -> tuple[set[int], set[int]]:
    """Word indices of an article inside shared passages: all, and those outside quotes."""
    art = alignment.article(article_id)
    words: set[int] = set()
    unmarked: set[int] = set()
    bounds = art.document.word_bounds
    starts = [s for s, _ in bounds]
    for p, o in alignment.occurrences_by_article[article_id]:
        if p.origin == "shared":
            for s, e, quoted in o.segments:
                lo = bisect_right(starts, s - 1)
                for w in range(lo, len(bounds)):
                    if bounds[w][1] > e:
                        break
                    words.add(w)
                    if not quoted:
                        unmarked.add(w)
    return words, unmarked


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
    for a in alignment.articles:
        shared, unmarked = _shared_words(alignment, a.article_id)
        n = a.document.n_words
        rows.append({
            "article_id": a.article_id,
            "outlet": a.outlet,
            "role": a.role,
            "n_words": n,
            "n_shared_words": len(shared),
            "shared_share": len(shared) / n if n else float("nan"),
            "n_unmarked_words": len(unmarked),
            "unmarked_share": len(unmarked) / n if n else float("nan"),
        })
    return pd.DataFrame(rows, columns=list(SHARE_COLUMNS))


def unmarked_frame(alignment: PassageAlignment) -> pd.DataFrame:
    """Shared text an article reproduces outside quotation marks.

    One row per occurrence of a shared passage in an article (not a
    ``role: source`` document) where fewer than half the words are quoted
    (columns: :data:`UNMARKED_COLUMNS`); ``text`` is ``body[start:end]``;
    ``in_source`` is False for shared text outside the reconstructed source.
    """
    rows = []
    for p in alignment.passages:
        if p.origin != "shared":
            continue
        for o in p.occurrences:
            a = alignment.article(o.article_id)
            if a.role == "source" or o.quoted:
                continue
            rows.append({
                "article_id": a.article_id,
                "outlet": a.outlet,
                "passage_id": p.passage_id,
                "in_source": p.in_source,
                "start": o.start,
                "end": o.end,
                "n_words": o.n_words,
                "n_quoted_words": o.n_quoted_words,
                "text": a.document.body[o.start : o.end],
            })
    return pd.DataFrame(rows, columns=list(UNMARKED_COLUMNS)).astype(
        {"in_source": "bool", "start": "int64", "end": "int64", "n_words": "int64", "n_quoted_words": "int64"}
    )


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
