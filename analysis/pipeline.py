"""The per-article pipeline: one typed analysis of each article that every analyzer reads.

:func:`analyse_article` segments an article (:mod:`analysis.text`), finds its quotes
and reported speech (:mod:`analysis.speech`) and splits its words by voice; the
:class:`ArticleAnalysis` it returns computes the rest on first use (voice layout,
word keys, sentence tones, stance markers) and keeps it, so that the metrics table, the
frames table, the annotations and the batch all read the same values. It has every
attribute the framing tables read (:class:`analysis.framing.analysed.AnalysedArticle`);
a layer a run leaves out can be preset instead of computed (:meth:`ArticleAnalysis.with_presets`).
:func:`analyse_story` does this for every article of a story, optionally counting
text reused from a common source without quotation marks as quoted speech.

This module sits above the text, speech, framing and comparison layers and below
evaluation, presentation and scale (docs/design.md, "Architecture").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from analysis.framing.keys import WordKeys
from analysis.framing.stance import StanceMarker, find_stance_markers
from analysis.framing.tone import sentence_compounds
from analysis.io.corpus import Article, Story
from analysis.speech.quotes import Quote, extract_quotes
from analysis.speech.voice import VoiceLayout, VoiceSplit, split_voices, voice_layout
from analysis.text.document import Document, make_document
from analysis.text.readability import ReadabilityCounts, unscorable_reason

__all__ = ["ArticleAnalysis", "analyse_article", "analyse_story"]


PRESET_FREE: tuple[str, ...] = ("layout", "word_keys", "unscored_reason")
"""Values computed on first use that depend on neither preset (the article, its
document and quotes only); :meth:`ArticleAnalysis.with_presets` hands them to the copy."""


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
    preset_tones : tuple of float, optional
        Sentence tones to use instead of computing them (e.g. zeros when a
        batch run leaves the tone layer out); None computes them on first use.
    preset_stance : tuple of StanceMarker, optional
        Stance markers to use instead of finding them (e.g. none when a batch
        run leaves the stance layer out); None finds them on first use.
    """

    article: Article
    document: Document
    quotes: tuple[Quote, ...]
    voices: VoiceSplit
    reused: tuple[Quote, ...] = ()
    preset_tones: tuple[float, ...] | None = field(default=None, repr=False)
    preset_stance: tuple[StanceMarker, ...] | None = field(default=None, repr=False)

    def with_presets(
        self,
        tones: tuple[float, ...] | None = None,
        stance: tuple[StanceMarker, ...] | None = None,
    ) -> ArticleAnalysis:
        """A copy that uses these sentence tones and/or stance markers instead of computing them.

        Parameters
        ----------
        tones : tuple of float, optional
            One compound score per sentence; None keeps this analysis's setting.
        stance : tuple of StanceMarker, optional
            None keeps this analysis's setting.

        Returns
        -------
        ArticleAnalysis
            The copy keeps the values already computed that presets do not
            change (:data:`PRESET_FREE`: voice layout, word keys, the language
            check); sentence tones and stance are computed again on first use
            unless preset.

        Raises
        ------
        ValueError
            When ``tones`` does not have one score per sentence.
        """
        if tones is not None and len(tones) != self.document.n_sentences:
            raise ValueError(f"{len(tones)} preset tones for {self.document.n_sentences} sentences")
        copy = replace(
            self,
            preset_tones=tones if tones is not None else self.preset_tones,
            preset_stance=stance if stance is not None else self.preset_stance,
        )
        kept = vars(self)
        # the cached_property values live in the instance dictionary, as on the original
        vars(copy).update({name: kept[name] for name in PRESET_FREE if name in kept})
        return copy

    @property
    def counts(self) -> ReadabilityCounts:
        """Readability counts over the whole article."""
        return self.voices.counts["all"]

    @cached_property
    def layout(self) -> VoiceLayout:
        """Word voices and per-sentence voice shares (computed on first use)."""
        return voice_layout(self.document, self.quotes + self.reused)

    @cached_property
    def word_keys(self) -> WordKeys:
        """The document's word keys by match mode, shared by frames, stance and gender references."""
        return WordKeys(self.document)

    @cached_property
    def sentence_tones(self) -> tuple[float, ...]:
        """VADER compound score of each sentence (:mod:`analysis.framing.tone`), unless preset."""
        if self.preset_tones is not None:
            return self.preset_tones
        return sentence_compounds(self.document)

    @cached_property
    def unscored_reason(self) -> str | None:
        """Why English readability, tone and stance are not computed (another
        language, see :func:`analysis.text.readability.unscorable_reason`), or None."""
        return unscorable_reason(self.document.word_texts, self.article.language)

    @cached_property
    def stance(self) -> tuple[StanceMarker, ...]:
        """Hedges, boosters, evaluative words and scare quotes (:mod:`analysis.framing.stance`), unless preset."""
        if self.preset_stance is not None:
            return self.preset_stance
        return find_stance_markers(self.document, self.quotes, self.layout, word_keys=self.word_keys)


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
