"""Stance markers: hedges, boosters, evaluative words and scare quotes, by voice.

How sure and how judgmental a text sounds, counted from word lists that are data
files (``analysis/data/lexicons/``, each with its provenance):

hedge
    A word or phrase that holds back full commitment ("may", "perhaps",
    "reportedly", "some say"; Hyland 2005).
booster
    A word or phrase of certainty or insistence ("clearly", "must", "never",
    "the vast majority"; Hyland 2005).
evaluative
    A loaded or judging word ("courageous", "shameful", "scandal"), labelled
    ``positive`` or ``negative`` (after Martin & White 2005).
scare_quote
    A quoted word or term that is not speech (the quote extractor's ``name``
    spans, :mod:`analysis.speech.quotes`; no second finder), written in lower case:
    the outlet keeps its distance from the word ("the promised "savings"").
    Quoted names in Title Case ("Man Up") are kept apart as ``quoted_name``
    and are not counted as stance.

Per article (or outlet) and voice, for each marker: ``n_<marker>`` and
``<marker>_per_1k_words = 1000 * n / words of the voice``. Higher = more of
that stance. A marker's voice is the voice of its first word; scare quotes are
always in the own voice. Undefined values (a voice without words) are NaN.

A capitalised lexicon word inside a sentence (not its first word, not after an
opening quotation mark or dash) is skipped: "May" there is the month, not the
modal.

References
----------
Hyland, K. (2005). *Metadiscourse: Exploring Interaction in Writing*. London:
Continuum.
Martin, J. R., & White, P. R. R. (2005). *The Language of Evaluation:
Appraisal in English*. Basingstoke: Palgrave Macmillan.

Lexicons (version 2): about 110 hedges and 75 boosters after the categories
and lists of Hyland (2005, Appendix), and 95 evaluative words; each file says
where each group comes from and what was left out on purpose. A term may carry
a context rule (the codebook format, ``analysis/data/codebooks/README.md``):
"may" after "you" is permission, not a hedge; "could not" is past inability;
"simply" after "would" means "just"; "make sure" is a task; "I don't know" is
not a booster; "show"/"demonstrate" boost only before "that"/"how".

Deviations
----------
Hyland classifies each occurrence by reading its context; a word list with
rules that read one or two neighbouring words cannot, so "could" of past
ability ("she could swim") still counts as a hedge and "must" of obligation
as a booster (the project counts insistence as boosting; Hyland counts only
epistemic "must"). The golden tests (``tests/fixtures/framing/``) measure the
agreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.framing.analysed import AnalysedArticle
from analysis.core.columns import VOICE_PREFIXES
from analysis.core.errors import unknown_option
from analysis.framing.keys import WordKeys
from analysis.framing.lexicons import Lexicon, packaged_lexicon
from analysis.framing.matcher import find_cue_lists
from analysis.framing.rules import capitalised_inside
from analysis.speech.quotes import Quote
from analysis.speech.voice import VOICES, VoiceLayout, voice_layout
from analysis.text.document import Document, word_spans

__all__ = [
    "LEXICON_LAYERS",
    "MARKER_LAYERS",
    "STANCE_COLUMNS",
    "STANCE_MARKER_COLUMNS",
    "StanceMarker",
    "default_lexicons",
    "find_stance_markers",
    "is_scare_quote",
    "stance_columns",
    "stance_markers_frame",
]

LEXICON_LAYERS: dict[str, str] = {"hedge": "hedges", "booster": "boosters", "evaluative": "evaluative"}
"""Marker layer -> packaged lexicon name."""

MARKER_LAYERS: tuple[str, ...] = ("hedge", "booster", "evaluative", "scare_quote")
"""Markers counted in the stance columns, in column order."""

_COLUMN_STEM = {"hedge": "hedges", "booster": "boosters", "evaluative": "evaluative", "scare_quote": "scare_quotes"}

STANCE_COLUMNS: tuple[str, ...] = tuple(
    c for layer in MARKER_LAYERS for c in (f"n_{_COLUMN_STEM[layer]}", f"{_COLUMN_STEM[layer]}_per_1k_words")
)
"""Stance columns of the metrics table (prefixed ``own_voice_`` and ``quoted_`` for the voices)."""

STANCE_MARKER_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "layer", "label", "term", "text", "start", "end", "sentence", "voice",
)
"""Columns of :func:`stance_markers_frame`. Key: (article_id, layer, start)."""



@dataclass(frozen=True)
class StanceMarker:
    """One stance marker in an article.

    Attributes
    ----------
    layer : str
        ``hedge``, ``booster``, ``evaluative``, ``scare_quote`` or ``quoted_name``.
    label : str
        The lexicon group (``hedges``, ``boosters``, ``positive``, ``negative``)
        or, for quotes, the layer.
    term : str
        The lexicon entry that matched (the quoted text for quotes).
    start, end : int
        Body offsets.
    text : str
        ``body[start:end]``.
    sentence : int
        Index of the sentence holding it (-1 if none).
    voice : str
        ``own`` or ``quoted``.
    """

    layer: str
    label: str
    term: str
    start: int
    end: int
    text: str
    sentence: int
    voice: str


def default_lexicons() -> dict[str, Lexicon]:
    """The packaged hedge, booster and evaluative lexicons, by marker layer."""
    return {layer: packaged_lexicon(name) for layer, name in LEXICON_LAYERS.items()}


def is_scare_quote(text: str) -> bool:
    """True for a quoted ``name`` span that is a scare quote, not a Title Case name.

    A span is a quoted name when every word of it starts with a capital letter
    or a digit ("Man Up", "Safe Streets Now"); otherwise a scare quote ("real",
    "savings", "efficiency drive").
    """
    words = [text[s.start : s.end] for s in word_spans(text)]
    if not words:
        return False
    return not all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _sentence_of(doc: Document, offset: int) -> int:
    for i, s in enumerate(doc.sentences):
        if s.start <= offset < s.end:
            return i
    return -1


def find_stance_markers(
    doc: Document,
    quotes: Sequence[Quote],
    layout: VoiceLayout | None = None,
    lexicons: Mapping[str, Lexicon] | None = None,
    word_keys: WordKeys | None = None,
) -> tuple[StanceMarker, ...]:
    """Find hedges, boosters, evaluative words and scare quotes in one article.

    Each lexicon's terms are matched by :func:`analysis.framing.matcher.find_cue_lists`
    through the lexicon's cue index (built once per lexicon), one pass over
    the document's words per lexicon.

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote
        The article's quotes (voices; ``name`` spans become scare quotes or quoted names).
    layout : VoiceLayout, optional
        Computed from ``quotes`` when omitted.
    lexicons : mapping, optional
        Marker layer (``hedge``, ``booster``, ``evaluative``) -> Lexicon;
        :func:`default_lexicons` by default. A layer left out is not searched.
    word_keys : WordKeys, optional
        The document's word keys by match mode, shared with other analyzers;
        computed here when omitted.

    Returns
    -------
    tuple of StanceMarker
        Sorted by start offset, then layer.
    """
    layout = layout or voice_layout(doc, quotes)
    lexicons = default_lexicons() if lexicons is None else lexicons
    word_keys = word_keys if word_keys is not None else WordKeys(doc)
    out: list[StanceMarker] = []
    sentence_words = doc.sentence_words
    for layer, lexicon in lexicons.items():
        if layer not in LEXICON_LAYERS:
            raise ValueError(unknown_option("stance layer", layer, LEXICON_LAYERS))
        keys = word_keys(lexicon.match)  # computed once per document and mode
        found = find_cue_lists(doc, lexicon.cue_index, layout, lexicon.match, keys)
        for group, matches in zip(lexicon.terms, found):
            for m in matches:
                if capitalised_inside(doc, m.first_word, sentence_words[m.sentence][0]):
                    continue
                out.append(StanceMarker(layer, group, m.cue, m.start, m.end, m.text, m.sentence, m.voice))
    for q in quotes:
        if q.kind != "name":
            continue
        layer = "scare_quote" if is_scare_quote(q.text) else "quoted_name"
        out.append(StanceMarker(layer, layer, q.text, q.start, q.end, q.text, _sentence_of(doc, q.start), "own"))
    out.sort(key=lambda m: (m.start, m.layer))
    return tuple(out)


def stance_columns(analyses: Iterable[AnalysedArticle]) -> dict[str, float]:
    """Stance columns for one article or the pooled articles of an outlet.

    Parameters
    ----------
    analyses : iterable of AnalysedArticle
        Their stance markers, over the words of each voice of their layouts.

    Returns
    -------
    dict
        :data:`STANCE_COLUMNS` for ``all``, then prefixed ``own_voice_`` and
        ``quoted_``. Counts are integers; rates are NaN when the voice has no words.
    """
    counts = {(v, layer): 0 for v in VOICES for layer in MARKER_LAYERS}
    words = dict.fromkeys(VOICES, 0)
    for a in analyses:
        layout = a.layout
        for v in VOICES:
            words[v] += layout.n_words[v]
        for m in a.stance:
            if m.layer not in MARKER_LAYERS:
                continue
            counts[("all", m.layer)] += 1
            counts[(m.voice, m.layer)] += 1
    out: dict[str, float] = {}
    for v in VOICES:
        for layer in MARKER_LAYERS:
            stem = _COLUMN_STEM[layer]
            n = counts[(v, layer)]
            out[f"{VOICE_PREFIXES[v]}n_{stem}"] = n
            out[f"{VOICE_PREFIXES[v]}{stem}_per_1k_words"] = 1000 * n / words[v] if words[v] else float("nan")
    return out


def stance_markers_frame(analyses: Iterable[AnalysedArticle]) -> pd.DataFrame:
    """Every stance marker, one row each: the evidence behind the stance columns.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`STANCE_MARKER_COLUMNS`.
    """
    rows = []
    for a in analyses:
        for m in a.stance:
            rows.append({
                "article_id": a.article.article_id, "outlet": a.article.outlet, "layer": m.layer,
                "label": m.label, "term": m.term, "text": m.text, "start": m.start, "end": m.end,
                "sentence": m.sentence, "voice": m.voice,
            })
    return pd.DataFrame(rows, columns=list(STANCE_MARKER_COLUMNS))

