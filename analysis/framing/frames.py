"""Frame scores: how much of an article carries each codebook frame, by voice.

To frame is to select some aspects of a reality and make them more salient in a
text (Entman 1993). A codebook (:mod:`analysis.framing.codebook`) lists, for each frame,
literal cue words and phrases; this module finds them in an article and counts
them per voice (``all``, ``own``, ``quoted``, and ``reported`` within ``own``), so a frame can be seen to be the
outlet's own or only its sources'. Every score comes with the matched spans
(:func:`frame_cues`), so a reader can go from a number to the words.

Scores, for one article (or the pooled articles of an outlet), frame and voice:

n_cues
    Cue matches whose first word is in that voice. Within one frame, cues do
    not overlap (the longest cue wins at each word).
cues_per_1k_words
    ``1000 * n_cues / n_words`` of that voice. Higher = the frame's vocabulary
    is denser in that voice. NaN when the voice has no words.
sentence_share
    Share of the voice's sentences that carry the frame, by the proportional
    sentence rule: a sentence carries the frame in a voice when a cue sits in
    that voice's words; it then adds its weight in that voice (1 for ``all``,
    its share of own or quoted words otherwise) to the numerator, and the
    denominator is the voice's (fractional) sentence count. Higher = the frame
    runs through more of the text. NaN when the voice has no sentences.

An article not scored as English (its ``language`` field names another
language, or too few of its words are dictionary or common English words:
``ArticleAnalysis.unscored_reason``, as for readability, tone and stance) gets
no frame scores: NaN ``cues_per_1k_words`` and ``sentence_share`` and an
``n_cues`` of 0, since English cue lists say nothing about it. ``n_cues`` is
0 rather than NaN so that it stays an integer count and outlet rows remain the
sum of their article rows; read it with the NaN ratios, which say the frame
was not measured, not that it is absent. Outlet rows pool only the articles
scored as English (an outlet with none gets the same empty row). The cues
found in such an article are still listed (:func:`frame_cues_frame`, the
annotations export) as evidence, but count toward no score.

References
----------
Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm.
*Journal of Communication* 43(4), 51-58.
Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: a content
analysis of press and television news. *Journal of Communication* 50(2), 93-109.

Deviations
----------
Semetko and Valkenburg coded whole stories by reading, answering yes/no
questions. Here a frame is detected from cue words, sentence by sentence: a
dictionary method, fast and transparent, that misses frames expressed without
the listed words and counts cue words used in another sense. The golden tests
(``tests/fixtures/framing/``) measure how often it agrees with a reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis import __version__
from analysis.core.columns import BY_OPTIONS
from analysis.core.errors import unknown_option
from analysis.framing.analysed import AnalysedArticle
from analysis.framing.codebook import Codebook
from analysis.framing.keys import WordKeys
from analysis.framing.matcher import CueMatch, find_cue_lists
from analysis.text.document import Document
from analysis.speech.voice import REPORTED_VOICE, VOICES, VOICES_WITH_REPORTED, VoiceLayout, reported_word_mask

__all__ = [
    "BY_OPTIONS",
    "FRAME_COLUMNS",
    "FRAME_CUE_COLUMNS",
    "FrameCounts",
    "FrameCue",
    "frame_counts",
    "frame_cues",
    "frame_cues_frame",
    "frame_scores",
    "frames_table",
]

"""Valid values of ``by`` in :func:`frames_table`."""

FRAME_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "codebook", "frame", "voice", "n_cues", "cues_per_1k_words",
    "sentence_share", "package_version", "corpus_sha256",
)
"""Columns of :func:`frames_table`. Key: (article_id or outlet, codebook, frame, voice)."""

FRAME_CUE_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "codebook", "frame", "cue", "text", "start", "end", "sentence", "voice",
)
"""Columns of :func:`frame_cues_frame`: one row per matched cue. Key: (article_id, codebook, frame, start)."""


@dataclass(frozen=True)
class FrameCue:
    """One cue of one frame found in an article.

    Attributes
    ----------
    codebook, frame : str
        Codebook id and frame id.
    match : CueMatch
        Where the cue sits (offsets, text, sentence, voice).
    """

    codebook: str
    frame: str
    match: CueMatch


@dataclass(frozen=True)
class FrameCounts:
    """Counts behind one frame's scores in one voice (they pool by addition).

    Attributes
    ----------
    n_cues : int
    n_words : int
        Words of the voice.
    n_sentences : float
        Sentences of the voice (fractional for own and quoted).
    sentences_with_frame : float
        Sum of the voice weights of the sentences that carry the frame in that voice.
    """

    n_cues: int = 0
    n_words: int = 0
    n_sentences: float = 0.0
    sentences_with_frame: float = 0.0

    def __add__(self, other: FrameCounts) -> FrameCounts:
        return FrameCounts(
            self.n_cues + other.n_cues,
            self.n_words + other.n_words,
            self.n_sentences + other.n_sentences,
            self.sentences_with_frame + other.sentences_with_frame,
        )


def frame_cues(
    doc: Document,
    codebook: Codebook,
    layout: VoiceLayout | None = None,
    keys: Sequence[str] | None = None,
    word_keys: WordKeys | None = None,
) -> list[FrameCue]:
    """Find every cue of every frame of a codebook in one article.

    Parameters
    ----------
    doc : Document
    codebook : Codebook
    layout : VoiceLayout, optional
        Gives each cue its voice (:func:`analysis.speech.voice.voice_layout`);
        without it every cue is ``own``.
    keys : sequence of str, optional
        The document's word keys for the codebook's match mode, if already known.
    word_keys : WordKeys, optional
        The document's word keys by match mode, computed once and shared with
        other analyzers (used when ``keys`` is not given).

    Returns
    -------
    list of FrameCue
        Frame by frame (codebook order), each in reading order.
    """
    if keys is None:
        keys = (word_keys if word_keys is not None else WordKeys(doc))(codebook.match)
    out: list[FrameCue] = []
    found = find_cue_lists(doc, codebook.cue_index, layout, codebook.match, keys)
    for frame, matches in zip(codebook.frames, found):
        out.extend(FrameCue(codebook.name, frame.id, m) for m in matches)
    return out


@dataclass(frozen=True)
class ReportedLayout:
    """Which words are reported speech, and how much of each sentence they hold.

    Attributes
    ----------
    reported : tuple of bool
        One flag per word (:func:`analysis.speech.voice.reported_word_mask`).
    sentence_share : tuple of float
        For each sentence, reported words / words.
    n_words : int
    n_sentences : float
        Fractional (proportional rule).
    """

    reported: tuple[bool, ...]
    sentence_share: tuple[float, ...]
    n_words: int
    n_sentences: float


def reported_layout(doc: Document, quotes: Sequence, layout: VoiceLayout | None = None) -> ReportedLayout:
    """The reported-speech words of an article and their share of each sentence.

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote
        With reported rows (kinds ``indirect``, ``mixed``); without them the layout is empty.
    layout : VoiceLayout, optional
        The article's quoted-word flags, if already computed.
    """
    mask = reported_word_mask(doc, quotes, layout.quoted if layout is not None else None)
    shares = tuple((sum(mask[a:b]) / (b - a)) if b > a else 0.0 for a, b in doc.sentence_words)
    return ReportedLayout(tuple(mask), shares, sum(mask), sum(shares))


def frame_counts(
    cues: Iterable[FrameCue],
    layout: VoiceLayout,
    codebook: Codebook,
    reported: ReportedLayout | None = None,
) -> dict[tuple[str, str], FrameCounts]:
    """Counts per (frame, voice) for one article, from its cues.

    Parameters
    ----------
    cues : iterable of FrameCue
        Cues of this codebook in this article (:func:`frame_cues`).
    layout : VoiceLayout
    codebook : Codebook
    reported : ReportedLayout, optional
        Adds the voice ``reported`` (a part of ``own``): cues whose first word
        is reported speech, over the reported words and sentences.

    Returns
    -------
    dict
        (frame id, voice) -> :class:`FrameCounts`, for every frame and voice.
    """
    by_frame: dict[str, list[CueMatch]] = {f.id: [] for f in codebook.frames}
    for c in cues:
        if c.codebook == codebook.name and c.frame in by_frame:
            by_frame[c.frame].append(c.match)
    out: dict[tuple[str, str], FrameCounts] = {}
    for frame_id, matches in by_frame.items():
        for voice in VOICES:
            mine = [m for m in matches if voice == "all" or m.voice == voice]
            sentences = {m.sentence for m in mine}
            weight = sum(layout.sentence_weight(s, voice) for s in sentences)
            out[(frame_id, voice)] = FrameCounts(
                n_cues=len(mine),
                n_words=layout.n_words[voice],
                n_sentences=layout.n_sentences[voice],
                sentences_with_frame=weight,
            )
        if reported is not None:
            mine = [m for m in matches if m.voice == "own" and reported.reported[m.first_word]]
            out[(frame_id, REPORTED_VOICE)] = FrameCounts(
                n_cues=len(mine),
                n_words=reported.n_words,
                n_sentences=reported.n_sentences,
                sentences_with_frame=sum(reported.sentence_share[s] for s in {m.sentence for m in mine}),
            )
    return out


def frame_scores(counts: FrameCounts) -> dict[str, float]:
    """``n_cues``, ``cues_per_1k_words`` and ``sentence_share`` from counts.

    Higher = the frame is more present. Undefined ratios (no words, no
    sentences in the voice) are NaN, never 0.

    Formula: ``cues_per_1k_words = 1000 * n_cues / n_words``;
    ``sentence_share = sentences_with_frame / n_sentences``.
    """
    return {
        "n_cues": counts.n_cues,
        "cues_per_1k_words": 1000 * counts.n_cues / counts.n_words if counts.n_words else float("nan"),
        "sentence_share": (
            counts.sentences_with_frame / counts.n_sentences if counts.n_sentences else float("nan")
        ),
    }


def _article_counts(
    a: AnalysedArticle, codebooks: Sequence[Codebook]
) -> list[tuple[Codebook, dict[tuple[str, str], FrameCounts]]]:
    layout = a.layout
    reported = reported_layout(a.document, a.quotes, layout)
    out = []
    for book in codebooks:
        cues = frame_cues(a.document, book, layout, word_keys=a.word_keys)  # keys: once per document and mode
        out.append((book, frame_counts(cues, layout, book, reported)))
    return out


def frames_table(
    analyses: Iterable[AnalysedArticle],
    codebooks: Sequence[Codebook],
    corpus_sha256: str = "",
    by: str = "article",
) -> pd.DataFrame:
    """One row per article (or outlet) × codebook × frame × voice.

    Parameters
    ----------
    analyses : iterable of AnalysedArticle
        From :func:`analysis.pipeline.analyse_story`.
    codebooks : sequence of Codebook
        E.g. :func:`analysis.framing.codebook.load_codebooks`.
    corpus_sha256 : str
        Carried into every row.
    by : {"article", "outlet"}
        Outlet rows pool counts across the outlet's articles (never averages),
        leaving out articles not scored as English.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FRAME_COLUMNS`; ``voice`` is ``all``, ``own``,
        ``quoted`` or ``reported`` (the part of ``own`` that reports what a
        source said: own = narration + reported, so a frame carried by
        paraphrased sources can be told from the outlet's narration by
        subtracting ``n_cues``); ``article_id`` is empty for outlet rows. An article not
        scored as English (``unscored_reason`` is set) has NaN
        ``cues_per_1k_words`` and ``sentence_share`` and ``n_cues`` 0.

    Raises
    ------
    ValueError
        For an unknown ``by``, listing the valid options.
    """
    if by not in BY_OPTIONS:
        raise ValueError(unknown_option("by=", by, BY_OPTIONS, plural="options"))
    groups: dict[tuple[str | None, str], dict[tuple[str, str, str], FrameCounts]] = {}
    order: list[tuple[str | None, str]] = []
    for a in analyses:
        key = (a.article.article_id if by == "article" else None, a.article.outlet)
        if key not in groups:
            groups[key] = {}
            order.append(key)
        pooled = groups[key]
        if a.unscored_reason is not None:
            continue  # not English: its row stays empty (NaN ratios, 0 cues), its outlet skips it
        for book, counts in _article_counts(a, codebooks):
            for (frame_id, voice), c in counts.items():
                k = (book.name, frame_id, voice)
                pooled[k] = pooled.get(k, FrameCounts()) + c
    if by == "outlet":
        order.sort(key=lambda k: k[1])
    rows = []
    for key in order:
        article_id, outlet = key
        for book in codebooks:
            for frame in book.frames:
                for voice in VOICES_WITH_REPORTED:
                    c = groups[key].get((book.name, frame.id, voice), FrameCounts())
                    rows.append({
                        "article_id": article_id, "outlet": outlet, "codebook": book.name,
                        "frame": frame.id, "voice": voice, **frame_scores(c),
                        "package_version": __version__, "corpus_sha256": corpus_sha256,
                    })
    df = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    return df.astype({"n_cues": "int64", "cues_per_1k_words": "float64", "sentence_share": "float64"})


def frame_cues_frame(analyses: Iterable[AnalysedArticle], codebooks: Sequence[Codebook]) -> pd.DataFrame:
    """Every matched cue, one row each: the evidence behind :func:`frames_table`.

    Cues of an article not scored as English are listed too, although
    :func:`frames_table` counts none of them.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FRAME_CUE_COLUMNS`; ``text`` is ``body[start:end]``.
    """
    rows = []
    for a in analyses:
        for book in codebooks:
            for c in frame_cues(a.document, book, a.layout, word_keys=a.word_keys):
                m = c.match
                rows.append({
                    "article_id": a.article.article_id, "outlet": a.article.outlet,
                    "codebook": c.codebook, "frame": c.frame, "cue": m.cue, "text": m.text,
                    "start": m.start, "end": m.end, "sentence": m.sentence, "voice": m.voice,
                })
    return pd.DataFrame(rows, columns=list(FRAME_CUE_COLUMNS))
