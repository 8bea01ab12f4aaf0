"""Per-article and per-outlet metric tables, aggregated from one Document each.

:func:`metrics_table` is what the ``metrics`` command prints and what the
notebooks chart. Every row carries ``package_version`` and ``corpus_sha256``
so an exported table says which code and which corpus produced it.

Outlet rows pool counts across the outlet's articles and apply the formulas
to the pooled counts (design notes, "outlet figures"); they are never averages
of article scores. MTLD, which is not a ratio of counts, is computed over the
outlet's words in article order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from . import __version__
from .corpus import Article, Story
from .readability import READABILITY_COLUMNS, ReadabilityCounts, counts_from_words, readability_scores
from .text import Document, make_document

__all__ = [
    "BY_OPTIONS",
    "ArticleAnalysis",
    "analyse_article",
    "analyse_story",
    "metrics_table",
]

BY_OPTIONS: tuple[str, ...] = ("article", "outlet")
"""Valid values of ``by`` in :func:`metrics_table`."""

ID_COLUMNS: tuple[str, ...] = ("article_id", "outlet")
COUNT_COLUMNS: tuple[str, ...] = ("n_articles", "n_paragraphs", "n_sentences", "n_words")
PROVENANCE_COLUMNS: tuple[str, ...] = ("package_version", "corpus_sha256")


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything computed for one article, before aggregation.

    Attributes
    ----------
    article : Article
    document : Document
    counts : ReadabilityCounts
        Counts over all words and sentences of the article.
    """

    article: Article
    document: Document
    counts: ReadabilityCounts


def analyse_article(article: Article) -> ArticleAnalysis:
    """Segment one article and take its readability counts.

    Parameters
    ----------
    article : Article

    Returns
    -------
    ArticleAnalysis
    """
    doc = make_document(article.body, article.article_id)
    counts = counts_from_words(doc.word_texts, doc.n_sentences)
    return ArticleAnalysis(article=article, document=doc, counts=counts)


def analyse_story(story: Story) -> list[ArticleAnalysis]:
    """Analyse every article of a loaded story, in file order."""
    return [analyse_article(a) for a in story.articles]


def _row(
    article_id: str | None,
    outlet: str,
    analyses: Sequence[ArticleAnalysis],
    corpus_sha256: str,
) -> dict[str, object]:
    counts = sum((a.counts for a in analyses), ReadabilityCounts())
    words: list[str] = [w for a in analyses for w in a.document.word_texts]
    row: dict[str, object] = {"article_id": article_id, "outlet": outlet}
    row["n_articles"] = len(analyses)
    row["n_paragraphs"] = sum(len(a.document.paragraphs) for a in analyses)
    row["n_sentences"] = sum(a.document.n_sentences for a in analyses)
    row["n_words"] = sum(a.document.n_words for a in analyses)
    row.update(readability_scores(counts, words))
    row["package_version"] = __version__
    row["corpus_sha256"] = corpus_sha256
    return row


def metrics_table(
    story: Story,
    by: str = "article",
    analyses: Iterable[ArticleAnalysis] | None = None,
) -> pd.DataFrame:
    """Build the metrics table for a story, one row per article or per outlet.

    Parameters
    ----------
    story : Story
        A loaded story (see :func:`analysis.corpus.load_story`).
    by : {"article", "outlet"}, default "article"
        Row unit. Outlet rows pool counts across the outlet's articles.
    analyses : iterable of ArticleAnalysis, optional
        Reuse analyses already computed for ``story``.

    Returns
    -------
    pandas.DataFrame
        Columns: ``article_id`` (empty for outlet rows), ``outlet``,
        ``n_articles``, ``n_paragraphs``, ``n_sentences``, ``n_words``, the
        readability columns (:data:`analysis.readability.READABILITY_COLUMNS`),
        ``package_version``, ``corpus_sha256``. Undefined scores are NaN.
        Key: ``article_id`` (by article) or ``outlet`` (by outlet).

    Raises
    ------
    ValueError
        For an unknown ``by``, listing the valid options.
    """
    if by not in BY_OPTIONS:
        raise ValueError(f"unknown by={by!r}; valid options: {', '.join(BY_OPTIONS)}")
    items = list(analyses) if analyses is not None else analyse_story(story)
    if by == "article":
        rows = [_row(a.article.article_id, a.article.outlet, [a], story.corpus_sha256) for a in items]
    else:
        groups: dict[str, list[ArticleAnalysis]] = {}
        for a in items:
            groups.setdefault(a.article.outlet, []).append(a)
        rows = [_row(None, outlet, groups[outlet], story.corpus_sha256) for outlet in sorted(groups)]
    columns = list(ID_COLUMNS + COUNT_COLUMNS + tuple(READABILITY_COLUMNS) + PROVENANCE_COLUMNS)
    return pd.DataFrame(rows, columns=columns)
