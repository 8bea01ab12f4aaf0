"""Per-article and per-outlet metric tables, aggregated from one Document each.

:func:`metrics_table` is what the ``metrics`` command prints and what the
notebooks chart. Every row carries ``package_version`` and ``corpus_sha256``
so an exported table says which code and which corpus produced it.

Outlet rows pool counts across the outlet's articles and apply the formulas
to the pooled counts (docs/design.md, "outlet figures"); they are never averages
of article scores. MTLD, which is not a ratio of counts, is computed over the
outlet's words in article order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis import __version__
from analysis.core.columns import BY_OPTIONS, VOICE_PREFIXES, VOICES
from analysis.core.errors import unknown_option
from analysis.framing.stance import STANCE_COLUMNS, stance_columns
from analysis.framing.tone import TONE_COLUMNS, tone_columns
from analysis.io.corpus import Story
from analysis.pipeline import ArticleAnalysis, analyse_article, analyse_story
from analysis.speech.quotes import REPORTED_KINDS, SPEECH_KINDS
from analysis.text.readability import READABILITY_COLUMNS, SMOG, ReadabilityCounts, readability_scores

__all__ = [
    "BY_OPTIONS",
    "metric_columns",
    "ArticleAnalysis",
    "analyse_article",
    "analyse_story",
    "metrics_table",
]
# ArticleAnalysis, analyse_article and analyse_story live in analysis.pipeline; they are
# named here too because notebooks and scripts have always called metrics.analyse_story.

logger = logging.getLogger(__name__)

ID_COLUMNS: tuple[str, ...] = ("article_id", "outlet")
COUNT_COLUMNS: tuple[str, ...] = ("n_articles", "n_paragraphs", "n_sentences", "n_words")
QUOTE_COLUMNS: tuple[str, ...] = (
    "n_quotes", "n_quote_groups", "n_quoted_words", "quote_density", "quotes_per_100_words",
    "own_voice_share", "own_voice_n_words", "own_voice_n_sentences", "quoted_n_sentences",
    "n_reported", "n_reported_words", "reported_word_share", "reported_n_sentences", "reported_speech_share",
)
PROVENANCE_COLUMNS: tuple[str, ...] = ("package_version", "corpus_sha256")


def metric_columns() -> list[str]:
    """All columns of :func:`metrics_table`, in order."""
    readability = [VOICE_PREFIXES[v] + c for v in VOICES for c in READABILITY_COLUMNS]
    tone_stance = [VOICE_PREFIXES[v] + c for v in VOICES for c in TONE_COLUMNS + STANCE_COLUMNS]
    return list(ID_COLUMNS + COUNT_COLUMNS + QUOTE_COLUMNS) + readability + tone_stance + list(PROVENANCE_COLUMNS)


def _row(
    article_id: str | None,
    outlet: str,
    analyses: Sequence[ArticleAnalysis],
    corpus_sha256: str,
) -> dict[str, object]:
    row: dict[str, object] = {"article_id": article_id, "outlet": outlet}
    row["n_articles"] = len(analyses)
    row["n_paragraphs"] = sum(len(a.document.paragraphs) for a in analyses)
    row["n_sentences"] = sum(a.document.n_sentences for a in analyses)
    n_words = sum(a.document.n_words for a in analyses)
    row["n_words"] = n_words
    speech = [q for a in analyses for q in a.quotes if q.kind in SPEECH_KINDS]
    n_quoted = sum(len(a.voices.words["quoted"]) for a in analyses)
    row["n_quotes"] = len(speech)
    row["n_quote_groups"] = sum(
        len({q.quote_id for q in a.quotes if q.kind in SPEECH_KINDS}) for a in analyses
    )
    row["n_quoted_words"] = n_quoted
    row["quote_density"] = _ratio(n_quoted, n_words)
    row["quotes_per_100_words"] = _ratio(100 * len(speech), n_words)
    row["own_voice_share"] = _ratio(n_words - n_quoted, n_words)
    row["own_voice_n_words"] = n_words - n_quoted
    row["own_voice_n_sentences"] = sum(a.voices.n_sentences["own"] for a in analyses)
    row["quoted_n_sentences"] = sum(a.voices.n_sentences["quoted"] for a in analyses)
    # reported speech: a part of the own voice (the outlet's words about what a source said)
    n_reported = sum(1 for a in analyses for q in a.quotes if q.kind in REPORTED_KINDS)
    n_reported_words = sum(len(a.voices.words.get("reported", ())) for a in analyses)
    row["n_reported"] = n_reported
    row["n_reported_words"] = n_reported_words
    row["reported_word_share"] = _ratio(n_reported_words, n_words)
    row["reported_n_sentences"] = sum(a.voices.n_sentences.get("reported", 0.0) for a in analyses)
    row["reported_speech_share"] = _ratio(n_reported, n_reported + row["n_quote_groups"])
    # English-only scores pool the articles scored as English (another language: empty)
    scored = [a for a in analyses if a.unscored_reason is None]
    for voice, prefix in VOICE_PREFIXES.items():
        counts = sum((a.voices.counts[voice] for a in scored), ReadabilityCounts())
        words = [w for a in scored for w in a.voices.words[voice]]
        for key, value in readability_scores(counts, words, warn=False).items():
            row[prefix + key] = value
    row.update(tone_columns(scored))
    row.update(stance_columns(scored))
    if analyses and not scored:
        for voice, prefix in VOICE_PREFIXES.items():
            for key in TONE_COLUMNS + STANCE_COLUMNS:
                row[prefix + key] = float("nan")
    row["package_version"] = __version__
    row["corpus_sha256"] = corpus_sha256
    return row


def metrics_table(
    story: Story,
    by: str = "article",
    analyses: Iterable[ArticleAnalysis] | None = None,
    unmarked_as_quoted: bool = False,
) -> pd.DataFrame:
    """Build the metrics table for a story, one row per article or per outlet.

    Parameters
    ----------
    story : Story
        A loaded story (see :func:`analysis.io.corpus.load_story`).
    by : {"article", "outlet"}, default "article"
        Row unit. Outlet rows pool counts across the outlet's articles.
    analyses : iterable of ArticleAnalysis, optional
        Reuse analyses already computed for ``story``.
    unmarked_as_quoted : bool, default False
        Count text reused from the common source without quotation marks as
        quoted speech (see :func:`analyse_story`); ignored when ``analyses``
        are given.

    Returns
    -------
    pandas.DataFrame
        Columns (:func:`metric_columns`): ``article_id`` (empty for outlet
        rows), ``outlet``, ``n_articles``, ``n_paragraphs``, ``n_sentences``,
        ``n_words``; the quote columns ``n_quotes`` (speech spans),
        ``n_quote_groups`` (distinct quote ids), ``n_quoted_words``,
        ``quote_density`` (quoted words / words), ``quotes_per_100_words``,
        ``own_voice_share``, ``own_voice_n_words``, ``own_voice_n_sentences``
        and ``quoted_n_sentences`` (fractional, proportional rule);
        ``n_reported`` (reported-speech clauses, kinds ``indirect`` and
        ``mixed``), ``n_reported_words`` (their words outside quotation
        marks), ``reported_word_share`` (those / words), ``reported_n_sentences``
        (fractional) and ``reported_speech_share`` (reported clauses / (quote
        groups + reported clauses): how much of the attributed speech is
        paraphrased rather than quoted). Reported words stay in the own-voice
        columns (the outlet wrote them); the
        readability columns (:data:`analysis.text.readability.READABILITY_COLUMNS`)
        for the whole text, then again prefixed ``own_voice_`` and ``quoted_``;
        the tone columns (:data:`analysis.framing.tone.TONE_COLUMNS`) and stance
        columns (:data:`analysis.framing.stance.STANCE_COLUMNS`), likewise for each
        voice; ``package_version``, ``corpus_sha256``. Undefined values are NaN.
        An article not scored as English (its ``language`` field, or its
        vocabulary: :func:`analysis.text.readability.unscorable_reason`) has empty
        readability, tone and stance columns, is left out of its outlet's
        pooled figures, and is named in a logged warning.
        Key: ``article_id`` (by article) or ``outlet`` (by outlet).

    Raises
    ------
    ValueError
        For an unknown ``by``, listing the valid options.
    """
    if by not in BY_OPTIONS:
        raise ValueError(unknown_option("by=", by, BY_OPTIONS, plural="options"))
    items = list(analyses) if analyses is not None else analyse_story(story, unmarked_as_quoted)
    if by == "article":
        rows = [_row(a.article.article_id, a.article.outlet, [a], story.corpus_sha256) for a in items]
    else:
        groups: dict[str, list[ArticleAnalysis]] = {}
        for a in items:
            groups.setdefault(a.article.outlet, []).append(a)
        rows = [_row(None, outlet, groups[outlet], story.corpus_sha256) for outlet in sorted(groups)]
    table = pd.DataFrame(rows, columns=metric_columns())
    short = table[table["n_sentences"] < SMOG["min_reliable_sentences"]]
    if len(short):
        key = "article_id" if by == "article" else "outlet"
        listed = ", ".join(f"{k} ({n})" for k, n in zip(short[key], short["n_sentences"]))
        logger.warning(
            "SMOG index is unreliable below %d sentences (own-voice and quoted parts have fewer "
            "still): %s",
            SMOG["min_reliable_sentences"],
            listed,
        )
    unscored = [(a.article.article_id, a.unscored_reason) for a in items if a.unscored_reason]
    if unscored:
        logger.warning(
            "readability, tone and stance columns left empty for articles not scored as English: %s",
            "; ".join(f"{aid} ({why})" for aid, why in unscored),
        )
    return table


def _ratio(num: float, den: float) -> float:
    """``num / den``, NaN when ``den`` is zero (an undefined share is not 0)."""
    return num / den if den else float("nan")
