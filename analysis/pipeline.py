"""The per-article pipeline: one typed analysis of each article that every analyzer reads.

:func:`analyse_article` segments an article (:mod:`analysis.text`), finds its quotes
and reported speech (:mod:`analysis.speech`) and splits its words by voice; the
:class:`ArticleAnalysis` it returns computes the rest on first use (voice layout,
sentence tones, stance markers) and keeps it, so that the metrics table, the frames
table, the annotations and the batch all read the same values.
:func:`analyse_story` does this for every article of a story, optionally counting
text reused from a common source without quotation marks as quoted speech.

This module sits above the text, speech, framing and comparison layers and below
evaluation, presentation and scale (docs/design.md, "Architecture").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from analysis.framing.codebook import VoiceLayout, voice_layout
from analysis.framing.stance import StanceMarker, find_stance_markers
from analysis.framing.tone import sentence_compounds
from analysis.io.corpus import Article, Story
from analysis.speech.quotes import Quote, extract_quotes
from analysis.speech.voice import VoiceSplit, split_voices
from analysis.text.document import Document, make_document
from analysis.text.readability import ReadabilityCounts, unscorable_reason

__all__ = ["ArticleAnalysis", "analyse_article", "analyse_story"]


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything computed for one article, before aggregation.

    Attributes
    ----------
    article : Article
    document : Document
    quotes : tuple of Quote
    voices : VoiceSplit
        Words, sentences and readability counts by voice.
    reused : tuple of Quote
        Text reused from the common source without quotation marks, when the
        analysis treats it as quoted speech (see :func:`analyse_story`);
        empty otherwise. It counts in the quoted voice, not in the quote counts.
    """

    article: Article
    document: Document
    quotes: tuple[Quote, ...]
    voices: VoiceSplit
    reused: tuple[Quote, ...] = ()

    @property
    def counts(self) -> ReadabilityCounts:
        """Readability counts over the whole article."""
        return self.voices.counts["all"]

    @cached_property
    def layout(self) -> VoiceLayout:
        """Word voices and per-sentence voice shares (computed on first use)."""
        return voice_layout(self.document, self.quotes + self.reused)

    @cached_property
    def sentence_tones(self) -> tuple[float, ...]:
        """VADER compound score of each sentence (:mod:`analysis.framing.tone`)."""
        return sentence_compounds(self.document)

    @cached_property
    def unscored_reason(self) -> str | None:
        """Why English readability, tone and stance are not computed (another
        language, see :func:`analysis.text.readability.unscorable_reason`), or None."""
        return unscorable_reason(self.document.word_texts, self.article.language)

    @cached_property
    def stance(self) -> tuple[StanceMarker, ...]:
        """Hedges, boosters, evaluative words and scare quotes (:mod:`analysis.framing.stance`)."""
        return find_stance_markers(self.document, self.quotes, self.layout)


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
    quotes = extract_quotes(doc, reported=True)
    return ArticleAnalysis(article=article, document=doc, quotes=quotes, voices=split_voices(doc, quotes))


def analyse_story(story: Story, unmarked_as_quoted: bool = False) -> list[ArticleAnalysis]:
    """Analyse every article of a loaded story, in file order.

    Parameters
    ----------
    story : Story
    unmarked_as_quoted : bool, default False
        Text an article shares with other outlets' articles but prints without
        quotation marks (unmarked reuse of a common source, found by
        :func:`analysis.compare.passages.find_passages`) counts as quoted speech instead
        of the outlet's own voice. By the quote rules it is own voice; with this
        option the own-voice readability, tone, stance and frame figures
        measure only what the outlet wrote itself. Quote counts are unchanged.

    Returns
    -------
    list of ArticleAnalysis
    """
    analyses = [analyse_article(a) for a in story.articles]
    if not unmarked_as_quoted or len(analyses) < 2:
        return analyses
    from analysis.compare.passages import find_passages, reuse_as_quotes, unmarked_ranges

    alignment = find_passages(analyses)
    out = []
    for a in analyses:
        ranges = unmarked_ranges(alignment, a.article.article_id)
        if not ranges:
            out.append(a)
            continue
        reused = reuse_as_quotes(a.document, ranges, alignment.source_speaker)
        voices = split_voices(a.document, a.quotes + reused)
        out.append(ArticleAnalysis(a.article, a.document, a.quotes, voices, reused))
    return out
