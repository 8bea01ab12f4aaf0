"""Keyword in context (KWIC): every use of a word or phrase, with its surroundings.

A concordance lines up each occurrence of a search term with the text on its
left and right, so the way outlets use the same word can be read side by side
(Luhn 1960). Matching uses the project's words (:mod:`analysis.text.document`) compared
as in the shared-passage search (:func:`analysis.compare.shingles.normalise_token`):
case, curly or straight apostrophes and inner hyphens do not matter, so
"its" finds "It’s". A query word ending in ``*`` matches any word that starts
with it ("accountab*" finds "accountable" and "accountability").

References
----------
Luhn, H. P. (1960). Key word-in-context index for technical literature.
*American Documentation* 11(4), 288-295.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from analysis.compare.shingles import normalise_token
from analysis.compare.compact import full_document
from analysis.text.document import word_spans

__all__ = ["KWIC_COLUMNS", "concordance"]

KWIC_COLUMNS: tuple[str, ...] = ("outlet", "article_id", "start", "end", "left", "keyword", "right")
"""Columns of :func:`concordance`: one row per match; ``start``/``end`` are body offsets."""

_SPACE_RE = re.compile(r"\s+")


def _query_words(query: str) -> list[str]:
    words = [query[s:e] + ("*" if query[e : e + 1] == "*" else "") for s, e in word_spans(query)]
    return [normalise_token(w.rstrip("*")) + ("*" if w.endswith("*") else "") for w in words]


def _matches(word: str, pattern: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _items(articles: Sequence[object]) -> list[tuple[str, str, object]]:
    """(article_id, outlet, document) for ArticleAnalysis or AlignedArticle records."""
    out = []
    for a in articles:
        if hasattr(a, "article"):
            out.append((a.article.article_id, a.article.outlet, a.document))
        else:
            out.append((a.article_id, a.outlet, a.document))
    return out


def concordance(articles: Sequence[object], query: str, width: int = 40) -> pd.DataFrame:
    """KWIC lines for a word or phrase in every article, grouped by outlet.

    Parameters
    ----------
    articles : sequence
        ArticleAnalysis records (:func:`analysis.pipeline.analyse_story`) or the
        ``articles`` of a :class:`~analysis.compare.passages.PassageAlignment`.
    query : str
        One or more words; a trailing ``*`` on a word matches any ending.
    width : int, default 40
        Characters of context on each side (whitespace collapsed).

    Returns
    -------
    DataFrame
        Columns :data:`KWIC_COLUMNS`, sorted by outlet, article and position.
        ``keyword`` is the text as written, from the first to the last matched word.

    Raises
    ------
    ValueError
        For a query without any word, or a negative width.
    """
    pattern = _query_words(query)
    if not pattern:
        raise ValueError(f"the query {query!r} holds no word to search for")
    if width < 0:
        raise ValueError(f"width must be 0 or more, not {width}")
    rows = []
    k = len(pattern)
    for article_id, outlet, doc in _items(articles):
        doc = full_document(doc)
        words = [normalise_token(w) for w in doc.word_texts]
        body = doc.body
        for i in range(len(words) - k + 1):
            if all(_matches(words[i + t], pattern[t]) for t in range(k)):
                start, end = doc.word_bounds[i][0], doc.word_bounds[i + k - 1][1]
                left = _SPACE_RE.sub(" ", body[max(0, start - width) : start])
                right = _SPACE_RE.sub(" ", body[end : end + width])
                rows.append((outlet, article_id, start, end, left, body[start:end], right))
    df = pd.DataFrame(rows, columns=list(KWIC_COLUMNS))
    return df.sort_values(["outlet", "article_id", "start"], kind="stable").reset_index(drop=True)
