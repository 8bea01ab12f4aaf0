"""Tidy tables of quotes and speakers for a story.

:func:`quotes_frame` has one row per quoted span; :func:`speakers_frame` one
row per article and speaker, plus the people an article names but never
quotes. Both are built from :class:`analysis.metrics.ArticleAnalysis` objects,
so the numbers are the same ones the metrics table aggregates.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from . import __version__
from .people import find_name_mentions
from .quotes import SPEECH_KINDS

__all__ = ["QUOTE_COLUMNS", "SPEAKER_COLUMNS", "quotes_frame", "speakers_frame"]

QUOTE_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "quote_id", "start", "end", "text", "n_words", "kind",
    "speaker", "verb", "verb_class", "paragraph", "closed", "package_version", "corpus_sha256",
)
"""Columns of :func:`quotes_frame`. Key: (article_id, start)."""

SPEAKER_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "speaker", "speaker_type", "quoted", "n_quotes", "n_quote_spans",
    "n_words", "quoted_word_share", "verbs", "verb_classes", "package_version", "corpus_sha256",
)
"""Columns of :func:`speakers_frame`. Key: (article_id, speaker)."""


def quotes_frame(analyses: Sequence, corpus_sha256: str = "") -> pd.DataFrame:
    """One row per quoted span, in article and reading order.

    Parameters
    ----------
    analyses : sequence of ArticleAnalysis
    corpus_sha256 : str
        Fingerprint of the corpus, carried into every row.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_COLUMNS`. ``start``/``end`` are offsets into the
        article body, quotation marks excluded; ``text`` is ``body[start:end]``.
    """
    rows = []
    for a in analyses:
        for q in a.quotes:
            rows.append({
                "article_id": a.article.article_id, "outlet": a.article.outlet,
                "quote_id": q.quote_id, "start": q.start, "end": q.end, "text": q.text,
                "n_words": q.n_words, "kind": q.kind, "speaker": q.speaker, "verb": q.verb,
                "verb_class": q.verb_class, "paragraph": q.paragraph, "closed": q.closed,
                "package_version": __version__, "corpus_sha256": corpus_sha256,
            })
    return pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))


def speakers_frame(analyses: Sequence, corpus_sha256: str = "") -> pd.DataFrame:
    """Who speaks in each article and how much; and who is named but not quoted.

    Parameters
    ----------
    analyses : sequence of ArticleAnalysis
    corpus_sha256 : str

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SPEAKER_COLUMNS`: ``n_quotes`` counts quote ids (a quote
        split by its attribution counts once), ``n_quote_spans`` the spans,
        ``n_words`` the quoted words, ``quoted_word_share`` the speaker's share
        of the article's quoted words (NaN when the article quotes nobody),
        ``verbs`` the attribution verbs in order of first use ("; "-joined),
        ``speaker_type`` ``person`` or ``source`` (documents, organisations,
        offices; ``unknown`` when no speaker could be found). People named in
        the article who never speak have ``quoted`` False and zero counts.
    """
    rows = []
    for a in analyses:
        speech = [q for q in a.quotes if q.kind in SPEECH_KINDS]
        total = sum(q.n_words for q in speech)
        names = [q for q in a.quotes if q.kind == "name"]
        mentions = find_name_mentions(a.document, exclude=[(q.start, q.end) for q in names])
        people = {m.canonical for m in mentions if m.kind == "person"}
        by_speaker: dict[str, list] = {}  # speakers in order of first quote
        for q in speech:
            by_speaker.setdefault(q.speaker, []).append(q)
        order = list(by_speaker)
        for speaker, mine in by_speaker.items():
            verbs: list[str] = []
            classes: list[str] = []
            for q in mine:
                if q.verb and q.verb not in verbs:
                    verbs.append(q.verb)
                    classes.append(q.verb_class)
            n_words = sum(q.n_words for q in mine)
            rows.append({
                "article_id": a.article.article_id, "outlet": a.article.outlet,
                "speaker": speaker,
                "speaker_type": "unknown" if not speaker else ("person" if speaker in people else "source"),
                "quoted": True, "n_quotes": len({q.quote_id for q in mine}), "n_quote_spans": len(mine),
                "n_words": n_words, "quoted_word_share": n_words / total if total else float("nan"),
                "verbs": "; ".join(verbs), "verb_classes": "; ".join(classes),
                "package_version": __version__, "corpus_sha256": corpus_sha256,
            })
        seen: set[str] = set(order)
        for m in mentions:
            if m.kind == "person" and m.canonical not in seen:
                seen.add(m.canonical)
                rows.append({
                    "article_id": a.article.article_id, "outlet": a.article.outlet,
                    "speaker": m.canonical, "speaker_type": "person", "quoted": False,
                    "n_quotes": 0, "n_quote_spans": 0, "n_words": 0,
                    "quoted_word_share": 0.0 if total else float("nan"),
                    "verbs": "", "verb_classes": "",
                    "package_version": __version__, "corpus_sha256": corpus_sha256,
                })
    return pd.DataFrame(rows, columns=list(SPEAKER_COLUMNS))
