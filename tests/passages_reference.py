"""The comparison's alignment one word at a time: the exact reference for the array path.

:func:`analysis.compare.passages.find_passages` keeps every per-word structure
in NumPy arrays so that a story of thousands of articles fits in memory. This
module is the same method written plainly, with a dict or a set entry per
shared word (how the package computed it before the array path), so that
tests can compare the two on small random stories: every passage, occurrence
and carried word must be the same.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from analysis.compare.passages import (
    MAX_CHANGED_WORDS,
    MAX_SEED_REPEATS,
    MIN_ANCHOR_WORDS,
    MIN_SINGLE_SOURCE_WORDS,
    AlignedArticle,
    CarriedWords,
    Occurrence,
    Passage,
    PassageAlignment,
    _star_seeds,
)
from analysis.compare.shingles import MAX_ATTRIBUTION_WORDS, SHINGLE_SIZE, TokenStream, _ragged, build_stream, hashed_shingles
from analysis.speech.quotes import DOUBLE_MARKS, SINGLE_MARKS, SPEECH_KINDS

_QUOTE_CHARS = frozenset(DOUBLE_MARKS + SINGLE_MARKS)
_TRAILING_PUNCT = ".,;:!?\u2026)"
_SPACE_RE = re.compile(r"\s+")
_GAP_STEPS = ((1, 1), (0, 1), (1, 0), (2, 2), (1, 2), (2, 1), (0, 2), (2, 0))


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


def reference_find_passages(
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
            stream=build_stream(_full(a.document), a.quotes, max_attribution_words),
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
        s, e = _full(art.document).word_bounds[w]
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
    stream, bounds = art.stream, _full(art.document).word_bounds
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
    stream, doc = art.stream, _full(art.document)
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




def reference_shared_words(alignment: PassageAlignment, article_id: str) -> tuple[set[int], set[int]]:
    """Word indices of an article inside shared passages: all, and those outside quotes."""
    art = alignment.article(article_id)
    words: set[int] = set()
    unmarked: set[int] = set()
    bounds = _full(art.document).word_bounds
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



def _full(doc):
    """The full Document (a compact one rebuilt)."""
    from analysis.compare.compact import full_document

    return full_document(doc)
