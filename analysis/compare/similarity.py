"""How alike two articles are: shared passages and TF-IDF cosine similarity.

Two measures, both from 0 (nothing in common) to 1, for every pair of articles:

shared_passages
    Source words both articles carry (from :mod:`analysis.compare.passages`), divided
    by the word count of the shorter article. Higher = more of the shorter
    article is text it shares with the other (0.4: 40% of its words). Counts
    reuse only: two articles can tell the same story in their own words and
    score 0.
tfidf_cosine
    Cosine of the angle between the two articles' TF-IDF vectors: raw term
    counts weighted by the smoothed inverse document frequency
    ``idf(t) = ln((1 + N) / (1 + df(t))) + 1`` over the N articles compared,
    each vector scaled to unit length. Higher = the two use the same words in
    similar proportions, wherever they got them (Salton & Buckley 1988).

At scale
--------
A story of thousands of articles has millions of pairs: no one reads them, and
a dense N x N matrix does not fit in memory. So :func:`similarity_frame` lists
every pair only up to :data:`ALL_PAIRS_MAX` articles; beyond that it lists, for
every article, its :data:`NEIGHBOURS` most similar articles under each method
(each pair once). Up to :data:`EXACT_MAX` articles the neighbours come from the
exact matrices; beyond that from sparse vectors (:func:`top_neighbours`):
candidates are found through each article's heaviest terms in posting lists cut
to the heaviest entries (bounded candidate lists, as in the pruned inverted
indexes of Anh & Moffat 2006), and every candidate's value is computed exactly;
a neighbour whose only shared terms are light in both articles can be missed.
:func:`outlet_similarity` pools the article pairs of every pair of outlets
exactly, from column sums, without listing the pairs.

References
----------
Anh, V. N. & Moffat, A. (2006). Pruned query evaluation using pre-computed
impacts. *SIGIR 2006*, 372-379.
Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text
retrieval. *Information Processing & Management* 24(5), 513-523.

Deviations
----------
Terms are case-folded words (:func:`analysis.compare.distinctive.term_of`) without
stemming. English function words ("the", "and", "we":
``analysis/data/function_words.txt``) are left out by default, so that two
English texts do not look alike merely for sharing them. The IDF is computed
over the articles compared, so adding an article changes every pair's value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.compare.compact import word_texts
from analysis.compare.distinctive import term_of
from analysis.core.errors import InputError, unknown_option
from analysis.core.memo import kept
from analysis.compare.passages import CarriedWords, PassageAlignment

__all__ = [
    "ALL_PAIRS_MAX",
    "EXACT_MAX",
    "NEIGHBOURS",
    "OUTLET_SIMILARITY_COLUMNS",
    "SIMILARITY_COLUMNS",
    "SIMILARITY_METHODS",
    "article_terms",
    "load_function_words",
    "outlet_similarity",
    "passage_incidence",
    "passage_overlap",
    "similarity_frame",
    "similarity_matrix",
    "tfidf_cosine",
    "tfidf_vectors",
    "top_neighbours",
]


ALL_PAIRS_MAX: int = 45
"""Up to this many articles, the similarity table lists every pair (45 articles: 990 pairs)."""

NEIGHBOURS: int = 5
"""Above :data:`ALL_PAIRS_MAX` articles: most similar articles listed per article and method."""

EXACT_MAX: int = 300
"""Up to this many articles the neighbours come from the exact matrices; above, from sparse vectors."""

OUTLET_SIMILARITY_COLUMNS: tuple[str, ...] = ("outlet_a", "outlet_b", "method", "value", "n_pairs")
"""Columns of :func:`outlet_similarity`: one row per pair of outlets (an outlet with itself included)."""

SIMILARITY_METHODS: tuple[str, ...] = ("shared_passages", "tfidf_cosine")
"""Valid values of ``method``."""

SIMILARITY_COLUMNS: tuple[str, ...] = ("article_a", "article_b", "method", "value")
"""Columns of the similarity tables: one row per pair of articles (a before b in input order)."""


def load_function_words(path: str | Path | None = None) -> frozenset[str]:
    """Load a stopword list: one word per line, ``#`` comments (default: the packaged function words).

    Raises
    ------
    InputError
        When the file cannot be read.
    """
    if path is None:
        return _default_function_words()
    p = Path(path)
    try:
        return _parse_words(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(p, f"cannot read word list: {exc.strerror}") from None


@lru_cache(maxsize=1)
def _default_function_words() -> frozenset[str]:
    ref = resources.files("analysis").joinpath("data/function_words.txt")
    return _parse_words(ref.read_text(encoding="utf-8"))


def _parse_words(text: str) -> frozenset[str]:
    return frozenset(
        term_of(line.strip()) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def _pairs(ids: Sequence[str], matrix: np.ndarray, method: str) -> pd.DataFrame:
    rows = [
        (ids[i], ids[j], method, float(matrix[i, j]))
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
    ]
    return pd.DataFrame(rows, columns=list(SIMILARITY_COLUMNS))


def passage_incidence(alignment: PassageAlignment) -> sparse.csr_matrix:
    """Which article carries which source word of a shared passage (a sparse 0/1 matrix).

    Built once per alignment and kept with it (similarity and outlet similarity
    both read it); treat it as read-only.

    Returns
    -------
    scipy.sparse.csr_matrix
        One row per article (input order), one column per source word of a
        passage of origin ``shared``; 1 where the article carries it.
    """
    return kept(alignment, "similarity.incidence", lambda: _incidence(alignment))


def _incidence(alignment: PassageAlignment) -> sparse.csr_matrix:
    index = {a.article_id: i for i, a in enumerate(alignment.articles)}
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    start = 0
    for p in alignment.passages:
        if p.origin != "shared":
            continue
        carried = p.carried
        if isinstance(carried, CarriedWords):
            ids, offsets, positions = carried.arrays()
            rows.append(np.repeat(np.asarray([index[a] for a in ids], dtype=np.int64), np.diff(offsets)))
            cols.append(start + positions.astype(np.int64))
        else:
            for a, words in carried.items():
                rows.append(np.full(len(words), index[a], dtype=np.int64))
                cols.append(start + np.asarray(sorted(words), dtype=np.int64))
        start += p.n_words
    r = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    data = np.ones(len(r), dtype=np.float64)
    return sparse.csr_matrix((data, (r, c)), shape=(len(index), start))


def _word_counts(alignment: PassageAlignment) -> np.ndarray:
    return np.array([a.document.n_words for a in alignment.articles], dtype=float)


def _overlap_matrix(alignment: PassageAlignment) -> np.ndarray:
    """Shared source words of every pair / words of the shorter article (dense; exact)."""
    m = passage_incidence(alignment)
    shared = (m @ m.T).toarray()
    sizes = _word_counts(alignment)
    shorter = np.minimum.outer(sizes, sizes)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(shorter > 0, shared / np.where(shorter > 0, shorter, 1), np.nan)


def passage_overlap(alignment: PassageAlignment) -> pd.DataFrame:
    """Shared-passage similarity of every pair of articles (see the module notes).

    Returns
    -------
    DataFrame
        Columns :data:`SIMILARITY_COLUMNS`, ``method`` = ``shared_passages``;
        NaN when either article has no words.
    """
    ids = [a.article_id for a in alignment.articles]
    return _pairs(ids, _overlap_matrix(alignment), "shared_passages")


def similarity_matrix(terms: Mapping[str, Sequence[str]]) -> np.ndarray:
    """TF-IDF cosine similarity matrix of documents given as term lists.

    Parameters
    ----------
    terms : mapping
        Document id -> its terms in order.

    Returns
    -------
    numpy.ndarray
        Square, symmetric; 1 on the diagonal for a document with terms, NaN in
        the rows and columns of documents without any.
    """
    docs = list(terms)
    counts = [Counter(terms[d]) for d in docs]
    vocab = sorted(set().union(*counts)) if counts else []
    col = {t: i for i, t in enumerate(vocab)}
    n = len(docs)
    dtype = np.float64 if n * max(len(vocab), 1) <= 25_000_000 else np.float32
    tf = np.zeros((n, len(vocab)), dtype=dtype)
    for i, c in enumerate(counts):
        for t, k in c.items():
            tf[i, col[t]] = k
    df = (tf > 0).sum(axis=0)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    x = tf * idf.astype(dtype)
    norms = np.linalg.norm(x, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = x / np.where(norms > 0, norms, 1)[:, None]
    sim = (x @ x.T).astype(np.float64)
    empty = norms == 0
    sim[empty, :] = np.nan
    sim[:, empty] = np.nan
    return np.clip(sim, -1.0, 1.0)


def tfidf_cosine(terms: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """TF-IDF cosine similarity of every pair of documents (see the module notes).

    Parameters
    ----------
    terms : mapping
        Article id -> its terms (e.g. case-folded words).

    Returns
    -------
    DataFrame
        Columns :data:`SIMILARITY_COLUMNS`, ``method`` = ``tfidf_cosine``.
    """
    return _pairs(list(terms), similarity_matrix(terms), "tfidf_cosine")


def article_terms(alignment: PassageAlignment, exclude: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Each article's terms for TF-IDF: case-folded words, function words left out by default."""
    if exclude is None:  # the default: computed once per alignment (similarity and outlet similarity)
        return kept(alignment, "similarity.terms", lambda: _terms(alignment, load_function_words()))
    return _terms(alignment, {term_of(w) for w in exclude})


def _terms(alignment: PassageAlignment, drop: Collection[str]) -> dict[str, list[str]]:
    return {
        a.article_id: [t for t in map(term_of, word_texts(a.document)) if t not in drop]
        for a in alignment.articles
    }


def tfidf_vectors(terms: Mapping[str, Sequence[str]]) -> sparse.csr_matrix:
    """Unit-length TF-IDF vectors as a sparse matrix (the weighting of :func:`similarity_matrix`).

    Returns
    -------
    scipy.sparse.csr_matrix
        One row per document, in the mapping's order; an empty document is a row of zeros.
    """
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for d in terms:
        indices.extend(vocab.setdefault(t, len(vocab)) for t in terms[d])
        indptr.append(len(indices))
    n = len(indptr) - 1
    x = sparse.csr_matrix(
        (np.ones(len(indices)), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(n, len(vocab)),
    )
    x.sum_duplicates()
    df = np.bincount(x.indices, minlength=len(vocab))
    idf = np.log((1 + n) / (1 + df)) + 1.0
    x = sparse.csr_matrix(x.multiply(idf[None, :]))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    scale = np.where(norms > 0, 1 / np.where(norms > 0, norms, 1), 0.0)
    return sparse.csr_matrix(sparse.diags(scale) @ x)


def _keep_heaviest(x: sparse.csr_matrix, per_row: int) -> sparse.csr_matrix:
    """The ``per_row`` largest entries of every row (ties: lower column first)."""
    x = sparse.csr_matrix(x)
    x.sort_indices()
    row = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    order = np.lexsort((x.indices, -x.data, row))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - np.repeat(x.indptr[:-1], np.diff(x.indptr))
    keep = rank < per_row
    return sparse.csr_matrix((x.data[keep], (row[keep], x.indices[keep])), shape=x.shape)


def _row_dots(x: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """Exact dot products of rows ``i[t]`` and ``j[t]`` of ``x``, ``chunk`` pairs at a time (bounded memory)."""
    out = np.empty(len(i))
    for lo in range(0, len(i), chunk):
        a, b = x[i[lo : lo + chunk]], x[j[lo : lo + chunk]]
        out[lo : lo + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def top_neighbours(
    x: sparse.csr_matrix,
    k: int = NEIGHBOURS,
    *,
    query_terms: int = 32,
    posting_limit: int = 64,
    candidates: int = 32,
    block: int = 2048,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``k`` rows with the largest dot product with each row, from sparse vectors.

    Candidates of row ``i`` are the rows met through its ``query_terms``
    heaviest entries, in posting lists cut to the ``posting_limit`` heaviest
    rows per column; the ``candidates`` best by partial dot product are scored
    exactly, and the ``k`` best kept (ties: lower row first). Work and memory
    grow with the number of rows times these bounds, never with rows squared.
    With bounds at least the number of rows and columns the result is exact.

    Parameters
    ----------
    x : scipy.sparse.csr_matrix
        One row per item, non-negative weights.
    k : int
    query_terms, posting_limit, candidates, block : int
        Bounds of the candidate lists; rows processed at once.

    Returns
    -------
    tuple of numpy.ndarray
        ``row``, ``neighbour``, ``value``: up to ``k`` entries per row with a
        positive dot product, by row, then value (highest first).
    """
    if k < 1:
        raise ValueError(f"k must be 1 or more, not {k}")
    n = x.shape[0]
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    if n < 2 or x.nnz == 0:
        return empty
    query = _keep_heaviest(x, query_terms)
    posting = _keep_heaviest(sparse.csr_matrix(x.T), posting_limit).T.tocsr()
    rows_out, nbr_out, val_out = [], [], []
    for lo in range(0, n, block):
        partial = sparse.csr_matrix(query[lo : lo + block] @ posting.T)
        coo = partial.tocoo()
        r, c = coo.row + lo, coo.col
        keep = (r != c) & (coo.data > 0)
        r, c, v = r[keep], c[keep], coo.data[keep]
        order = np.lexsort((c, -v, r))
        r, c = r[order], c[order]
        first = np.searchsorted(r, r, side="left")
        keep = np.arange(len(r)) - first < candidates
        r, c = r[keep], c[keep]
        exact = _row_dots(x, r, c)
        order = np.lexsort((c, -exact, r))
        r, c, exact = r[order], c[order], exact[order]
        first = np.searchsorted(r, r, side="left")
        keep = (np.arange(len(r)) - first < k) & (exact > 0)
        rows_out.append(r[keep])
        nbr_out.append(c[keep])
        val_out.append(exact[keep])
    return np.concatenate(rows_out), np.concatenate(nbr_out), np.concatenate(val_out)


def _pair_rows(
    ids: Sequence[str], row: np.ndarray, nbr: np.ndarray, value: np.ndarray, method: str,
) -> pd.DataFrame:
    """Neighbour entries as unordered pairs (a before b in input order), each once, in pair order."""
    a, b = np.minimum(row, nbr), np.maximum(row, nbr)
    key = a.astype(np.int64) * len(ids) + b
    _, first = np.unique(key, return_index=True)
    a, b, v = a[first], b[first], value[first]
    return pd.DataFrame({
        "article_a": [ids[t] for t in a.tolist()],
        "article_b": [ids[t] for t in b.tolist()],
        "method": method,
        "value": v.astype(float),
    }, columns=list(SIMILARITY_COLUMNS))


def _dense_neighbours(matrix: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top-k entries of every row of a dense similarity matrix (the exact path)."""
    n = len(matrix)
    m = np.where(np.isnan(matrix), -np.inf, matrix).astype(float)
    np.fill_diagonal(m, -np.inf)
    rows, nbrs, vals = [], [], []
    for i in range(n):
        order = np.lexsort((np.arange(n), -m[i]))[:k]
        order = order[m[i, order] > 0]
        rows.append(np.full(len(order), i))
        nbrs.append(order)
        vals.append(matrix[i, order])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    return np.concatenate(rows), np.concatenate(nbrs), np.concatenate(vals)


def similarity_frame(
    alignment: PassageAlignment,
    methods: Sequence[str] = SIMILARITY_METHODS,
    exclude: Iterable[str] | None = None,
    neighbours: int | None = None,
    exact: bool | None = None,
) -> pd.DataFrame:
    """Pairs of articles under each method, in one tidy table sized for a reader.

    Parameters
    ----------
    alignment : PassageAlignment
        From :func:`analysis.compare.passages.find_passages` (its articles are compared).
    methods : sequence of str
        Any of :data:`SIMILARITY_METHODS`.
    exclude : iterable of str, optional
        Terms left out of the TF-IDF vectors; default :func:`load_function_words`,
        ``()`` keeps every word.
    neighbours : int, optional
        List each article's ``neighbours`` most similar articles (each pair once)
        instead of every pair. Default: every pair up to :data:`ALL_PAIRS_MAX`
        articles, else :data:`NEIGHBOURS`.
    exact : bool, optional
        Find neighbours from the exact matrices (True) or sparse vectors with
        bounded candidate lists (False). Default: exact up to :data:`EXACT_MAX` articles.

    Returns
    -------
    DataFrame
        Columns :data:`SIMILARITY_COLUMNS`, methods in the order given, pairs in
        input order. Every value is exact; only which pairs are listed depends
        on the options.
    """
    unknown = [m for m in methods if m not in SIMILARITY_METHODS]
    if unknown:
        raise ValueError(unknown_option("method", unknown[0], SIMILARITY_METHODS, plural="options"))
    if neighbours is not None and neighbours < 1:
        raise ValueError(f"neighbours must be 1 or more, not {neighbours}")
    n = len(alignment.articles)
    all_pairs = neighbours is None and n <= ALL_PAIRS_MAX
    k = neighbours or NEIGHBOURS
    use_exact = n <= EXACT_MAX if exact is None else exact
    ids = [a.article_id for a in alignment.articles]
    frames = []
    for m in methods:
        if m == "shared_passages":
            if all_pairs:
                frames.append(passage_overlap(alignment))
            elif use_exact:
                frames.append(_pair_rows(ids, *_dense_neighbours(_overlap_matrix(alignment), k), m))
            else:
                frames.append(_overlap_neighbours(alignment, ids, k))
        else:
            terms = article_terms(alignment, exclude)
            if all_pairs:
                frames.append(tfidf_cosine(terms))
            elif use_exact:
                frames.append(_pair_rows(ids, *_dense_neighbours(similarity_matrix(terms), k), m))
            else:
                row, nbr, value = top_neighbours(tfidf_vectors(terms), k)
                frames.append(_pair_rows(ids, row, nbr, np.clip(value, -1.0, 1.0), m))
    if not frames:
        return pd.DataFrame(columns=list(SIMILARITY_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def _overlap_neighbours(alignment: PassageAlignment, ids: Sequence[str], k: int) -> pd.DataFrame:
    """Shared-passage neighbours from the sparse incidence matrix (candidates weighted by rarity)."""
    m = passage_incidence(alignment)
    sizes = _word_counts(alignment)
    n = m.shape[0]
    carriers = np.bincount(m.indices, minlength=m.shape[1])
    weighted = sparse.csr_matrix(m.multiply(np.log((1 + n) / (1 + carriers)) + 1.0))
    row, nbr, _ = top_neighbours(weighted, max(k, 16))
    shared = _row_dots(m, row, nbr)
    shorter = np.minimum(sizes[row], sizes[nbr])
    value = np.where(shorter > 0, shared / np.where(shorter > 0, shorter, 1), np.nan)
    order = np.lexsort((nbr, -np.nan_to_num(value, nan=-1.0), row))
    row, nbr, value = row[order], nbr[order], value[order]
    first = np.searchsorted(row, row, side="left")
    keep = (np.arange(len(row)) - first < k) & (value > 0)
    return _pair_rows(ids, row[keep], nbr[keep], value[keep], "shared_passages")


def outlet_similarity(
    alignment: PassageAlignment,
    methods: Sequence[str] = SIMILARITY_METHODS,
    exclude: Iterable[str] | None = None,
    include_sources: bool = False,
) -> pd.DataFrame:
    """Similarity of every pair of outlets, pooled over their article pairs, without listing them.

    For outlets A and B (A = B allowed: pairs of two different articles of one
    outlet), over every pair of an article of A and an article of B:

    shared_passages
        Shared source words of all the pairs / words of the shorter article of
        all the pairs (pooled, not averaged): 0.4 = 40% of the shorter
        articles' words are text the two carry in common.
    tfidf_cosine
        Mean TF-IDF cosine of the pairs (articles without terms left out).

    Both come from sums over the outlets' articles (the sum of unit vectors;
    per source word, how many articles carry it; sorted word counts), so the
    cost grows with the number of articles, not of pairs.

    Returns
    -------
    DataFrame
        Columns :data:`OUTLET_SIMILARITY_COLUMNS`, outlets in first-seen order,
        ``outlet_a`` <= ``outlet_b`` in that order; ``n_pairs`` counts the
        article pairs pooled; value NaN when there are none.
    """
    unknown = [m for m in methods if m not in SIMILARITY_METHODS]
    if unknown:
        raise ValueError(unknown_option("method", unknown[0], SIMILARITY_METHODS, plural="options"))
    arts = [(n, a) for n, a in enumerate(alignment.articles) if include_sources or a.role != "source"]
    outlets: list[str] = list(dict.fromkeys(a.outlet for _, a in arts))
    members = {o: np.array([n for n, a in arts if a.outlet == o], dtype=np.int64) for o in outlets}
    rows = []
    for m in methods:
        if m == "shared_passages":
            inc = passage_incidence(alignment)
            sizes = _word_counts(alignment)
            counts = {o: np.asarray(inc[members[o]].sum(axis=0)).ravel() for o in outlets}
            carried = np.asarray(inc.sum(axis=1)).ravel()
            sorted_sizes = {o: np.sort(sizes[members[o]]) for o in outlets}
            for x, oa in enumerate(outlets):
                for ob in outlets[x:]:
                    shared = float(counts[oa] @ counts[ob])
                    shorter = _sum_of_minima(sorted_sizes[oa], sorted_sizes[ob])
                    n_pairs = len(members[oa]) * len(members[ob])
                    if oa == ob:  # ordered pairs of two different articles; counted once each
                        shared -= float(carried[members[oa]].sum())
                        shorter -= float(sizes[members[oa]].sum())
                        n_pairs = len(members[oa]) * (len(members[oa]) - 1) // 2
                    value = shared / shorter if shorter > 0 else float("nan")
                    rows.append((oa, ob, m, value, n_pairs))
        else:
            x_vec = tfidf_vectors(article_terms(alignment, exclude))
            nonempty = np.asarray((x_vec != 0).sum(axis=1)).ravel() > 0
            sums = {o: np.asarray(x_vec[members[o]].sum(axis=0)).ravel() for o in outlets}
            sizes_ne = {o: int(nonempty[members[o]].sum()) for o in outlets}
            for x, oa in enumerate(outlets):
                for ob in outlets[x:]:
                    total = float(sums[oa] @ sums[ob])
                    n_ordered = sizes_ne[oa] * sizes_ne[ob]
                    if oa == ob:  # ordered pairs of two different articles: leave out each with itself
                        total -= sizes_ne[oa]
                        n_ordered -= sizes_ne[oa]
                    value = min(1.0, max(0.0, total / n_ordered)) if n_ordered else float("nan")
                    n_pairs = n_ordered // 2 if oa == ob else n_ordered
                    rows.append((oa, ob, m, value, n_pairs))
    return pd.DataFrame(rows, columns=list(OUTLET_SIMILARITY_COLUMNS)).astype({"n_pairs": "int64"})


def _sum_of_minima(a: np.ndarray, b: np.ndarray) -> float:
    """Sum of min(x, y) over every x of sorted ``a`` and y of sorted ``b``."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    prefix = np.concatenate(([0.0], np.cumsum(b)))
    at = np.searchsorted(b, a, side="left")  # b[:at] < x
    return float((prefix[at] + a * (len(b) - at)).sum())
