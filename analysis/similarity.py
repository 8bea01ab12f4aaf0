"""How alike two articles are: shared passages and TF-IDF cosine similarity.

Two measures, both from 0 (nothing in common) to 1, for every pair of articles:

shared_passages
    Source words both articles carry (from :mod:`analysis.passages`), divided
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

References
----------
Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text
retrieval. *Information Processing & Management* 24(5), 513-523.

Deviations
----------
Terms are case-folded words (:func:`analysis.distinctive.term_of`) without
stemming. English function words ("the", "and", "we":
``analysis/data/function_words.txt``) are left out by default, so that two
English texts do not look alike merely for sharing them. The IDF is computed
over the articles compared, so adding an article changes every pair's value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .distinctive import term_of
from .errors import InputError
from .passages import PassageAlignment

__all__ = [
    "load_function_words",
    "SIMILARITY_COLUMNS",
    "SIMILARITY_METHODS",
    "passage_overlap",
    "similarity_frame",
    "similarity_matrix",
    "tfidf_cosine",
]

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


def passage_overlap(alignment: PassageAlignment) -> pd.DataFrame:
    """Shared-passage similarity of every pair of articles (see the module notes).

    Returns
    -------
    DataFrame
        Columns :data:`SIMILARITY_COLUMNS`, ``method`` = ``shared_passages``;
        NaN when either article has no words.
    """
    ids = [a.article_id for a in alignment.articles]
    index = {a: i for i, a in enumerate(ids)}
    shared = np.zeros((len(ids), len(ids)))
    for p in alignment.passages:
        if p.origin != "shared":
            continue
        carriers = list(p.carried.items())
        for x, (a, words_a) in enumerate(carriers):
            for b, words_b in carriers[x + 1 :]:
                n = len(words_a & words_b)
                shared[index[a], index[b]] += n
                shared[index[b], index[a]] += n
    sizes = np.array([a.document.n_words for a in alignment.articles], dtype=float)
    shorter = np.minimum.outer(sizes, sizes)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(shorter > 0, shared / np.where(shorter > 0, shorter, 1), np.nan)
    return _pairs(ids, value, "shared_passages")


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


def similarity_frame(
    alignment: PassageAlignment,
    methods: Sequence[str] = SIMILARITY_METHODS,
    exclude: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every pair of articles under each method, in one tidy table.

    Parameters
    ----------
    alignment : PassageAlignment
        From :func:`analysis.passages.find_passages` (its articles are compared).
    methods : sequence of str
        Any of :data:`SIMILARITY_METHODS`.
    exclude : iterable of str, optional
        Terms left out of the TF-IDF vectors; default :func:`load_function_words`,
        ``()`` keeps every word.

    Returns
    -------
    DataFrame
        Columns :data:`SIMILARITY_COLUMNS`, methods in the order given.
    """
    unknown = [m for m in methods if m not in SIMILARITY_METHODS]
    if unknown:
        raise ValueError(f"unknown method {unknown[0]!r}; valid options: {', '.join(SIMILARITY_METHODS)}")
    frames = []
    for m in methods:
        if m == "shared_passages":
            frames.append(passage_overlap(alignment))
        else:
            drop = load_function_words() if exclude is None else {term_of(w) for w in exclude}
            terms = {
                a.article_id: [t for t in map(term_of, a.document.word_texts) if t not in drop]
                for a in alignment.articles
            }
            frames.append(tfidf_cosine(terms))
    if not frames:
        return pd.DataFrame(columns=list(SIMILARITY_COLUMNS))
    return pd.concat(frames, ignore_index=True)
