"""What the framing tables read of an analysed article, as a typed interface.

The table builders of this layer (frames, tone, stance, salience, actors and
gender) take analysed articles made by :func:`analysis.pipeline.analyse_article`,
a layer above that they cannot import. :class:`AnalysedArticle` names the
attributes they read; :class:`analysis.pipeline.ArticleAnalysis` has every one
of them, so no table guesses at an attribute that may be missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from analysis.framing.keys import WordKeys
    from analysis.framing.stance import StanceMarker
    from analysis.io.corpus import Article
    from analysis.speech.quotes import Quote
    from analysis.speech.voice import VoiceLayout
    from analysis.text.document import Document

__all__ = ["AnalysedArticle"]


@runtime_checkable
class AnalysedArticle(Protocol):
    """One article with its segmentation, quotes and per-article layers.

    Attributes
    ----------
    article : Article
    document : Document
    quotes : tuple of Quote
        Quotes and reported speech of the article.
    layout : VoiceLayout
        Word voices and sentence weights (quoted speech, plus any text the
        analysis counts as quoted).
    word_keys : WordKeys
        The document's word keys per match mode, shared by every analyzer.
    sentence_tones : tuple of float
        Compound tone of each sentence (:func:`analysis.framing.tone.sentence_compounds`).
    stance : tuple of StanceMarker
        Stance markers (:func:`analysis.framing.stance.find_stance_markers`).
    unscored_reason : str or None
        Why English-only scores are left empty (another language), or None.
    """

    @property
    def article(self) -> Article: ...

    @property
    def document(self) -> Document: ...

    @property
    def quotes(self) -> tuple[Quote, ...]: ...

    @property
    def layout(self) -> VoiceLayout: ...

    @property
    def word_keys(self) -> WordKeys: ...

    @property
    def sentence_tones(self) -> tuple[float, ...]: ...

    @property
    def stance(self) -> tuple[StanceMarker, ...]: ...

    @property
    def unscored_reason(self) -> str | None: ...
