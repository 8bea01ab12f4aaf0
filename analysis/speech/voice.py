"""Own voice, quoted speech and reported speech: whose words are these?

Every word of an article is either in quoted speech (inside a quote span of
kind ``full`` or ``partial``) or in the outlet's own voice (everything else,
quoted names and scare quotes included). Within the own voice, a word inside
the content of reported speech (a span of kind ``indirect`` or ``mixed``,
:mod:`analysis.speech.reported`) and outside quotation marks is **reported**: the
outlet's words about what a source said. So each word has exactly one label
(:func:`word_voices`): ``quoted``, ``reported`` or ``own`` (narration); and
the ``own`` figures of :class:`VoiceSplit` keep counting reported words,
because the outlet wrote them (decision per figure: README, "Voices").

Per-voice metrics use the proportional sentence rule (docs/design.md,
"voice"): a sentence counts toward each voice in proportion to its words in
that voice, so the "he said." that closes a quoted sentence does not become a
short own-voice sentence.

Formula: for a sentence of ``n`` words of which ``q`` are quoted and ``r``
reported, the quoted voice gets ``q / n`` of a sentence, the own voice
``(n - q) / n`` and, within it, the reported voice ``r / n``.
:class:`VoiceSplit` holds the words and readability counts by voice;
:class:`VoiceLayout` the word flags and sentence weights that per-voice
shares (frames, tone, stance, actors) use.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from analysis.core.columns import VOICES  # the voice labels of every per-voice table
from analysis.speech.quotes import REPORTED_KINDS, SPEECH_KINDS, Quote
from analysis.text.readability import ReadabilityCounts, counts_from_words
from analysis.text.document import Document

__all__ = [
    "REPORTED_VOICE",
    "VOICES",
    "VOICES_WITH_REPORTED",
    "VoiceLayout",
    "VoiceSplit",
    "quoted_word_mask",
    "reported_word_mask",
    "split_voices",
    "voice_layout",
    "word_voices",
]

REPORTED_VOICE = "reported"
"""The part of the own voice that reports what a source said."""

VOICES_WITH_REPORTED: tuple[str, ...] = VOICES + (REPORTED_VOICE,)
"""Voice labels of the tables that also show reported speech (frames, metrics)."""


@dataclass(frozen=True)
class VoiceSplit:
    """Words and counts of one article by voice.

    Attributes
    ----------
    words : dict
        Voice label -> the words in text order; ``reported`` words are also
        ``own`` words.
    n_sentences : dict
        Voice label -> sentence count (fractional for ``own``, ``quoted`` and
        ``reported``).
    counts : dict
        Voice label -> :class:`~analysis.text.readability.ReadabilityCounts`.
    """

    words: dict[str, tuple[str, ...]]
    n_sentences: dict[str, float]
    counts: dict[str, ReadabilityCounts]


def quoted_word_mask(doc: Document, quotes: Sequence[Quote]) -> list[bool]:
    """For each word of ``doc``, True when it lies inside a speech quote span.

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote
        Quotes of the same document; ``name`` spans are ignored.

    Returns
    -------
    list of bool
        One flag per word, in order.
    """
    return _span_mask(doc, sorted((q.start, q.end) for q in quotes if q.kind in SPEECH_KINDS))


def _span_mask(doc: Document, spans: list[tuple[int, int]]) -> list[bool]:
    """For each word, True when it lies inside one of the sorted ``spans``."""
    n = doc.n_words
    mask = [False] * n
    if not spans or not n:
        return mask
    # A word belongs to the last span starting at or before it, and is quoted
    # when it also ends inside that span. Words are in order and never overlap,
    # so each span's quoted words are one run: found by bisection, not word by word.
    word_starts = [s for s, _ in doc.word_bounds]
    word_ends = [e for _, e in doc.word_bounds]
    for k, (start, end) in enumerate(spans):
        first = bisect_left(word_starts, start)
        stop = bisect_left(word_starts, spans[k + 1][0]) if k + 1 < len(spans) else n
        stop = min(stop, bisect_right(word_ends, end))
        if stop > first:
            mask[first:stop] = [True] * (stop - first)
    return mask


def reported_word_mask(doc: Document, quotes: Sequence[Quote], quoted: Sequence[bool] | None = None) -> list[bool]:
    """For each word, True when it is reported speech: inside the content of an
    ``indirect`` or ``mixed`` span and not inside quotation marks.

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote
        Quotes of the same document, reported rows included
        (:func:`analysis.speech.quotes.extract_quotes` with ``reported=True``).
    quoted : sequence of bool, optional
        :func:`quoted_word_mask` of the same quotes, if already computed.

    Returns
    -------
    list of bool
    """
    spans = sorted((q.start, q.end) for q in quotes if q.kind in REPORTED_KINDS)
    if not spans:
        return [False] * doc.n_words
    # reported spans may nest in one another (a report inside a report): merge first
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    mask = _span_mask(doc, merged)
    quoted = quoted if quoted is not None else quoted_word_mask(doc, quotes)
    return [r and not q for r, q in zip(mask, quoted)]


def word_voices(doc: Document, quotes: Sequence[Quote]) -> list[str]:
    """The voice of each word: ``quoted``, ``reported`` or ``own`` (narration).

    Quoted wins over reported (a quoted fragment inside reported content is
    the source's own words).
    """
    quoted = quoted_word_mask(doc, quotes)
    reported = reported_word_mask(doc, quotes, quoted)
    return ["quoted" if q else "reported" if r else "own" for q, r in zip(quoted, reported)]


def split_voices(doc: Document, quotes: Sequence[Quote]) -> VoiceSplit:
    """Split an article's words and sentences into own voice and quoted speech.

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote

    Returns
    -------
    VoiceSplit
        ``all`` equals the whole article; ``own`` + ``quoted`` words and
        sentences add up to ``all``; ``reported`` is the part of ``own``
        inside reported-speech content (empty without reported rows). Its
        readability counts are not computed (reported content is pieces of
        the outlet's sentences: grade formulas say nothing about them), so
        ``counts["reported"]`` holds only words and sentences.
    """
    mask = quoted_word_mask(doc, quotes)
    has_reported = any(q.kind in REPORTED_KINDS for q in quotes)
    rmask = reported_word_mask(doc, quotes, mask) if has_reported else None
    own_sent = quoted_sent = reported_sent = 0.0
    for a, b in doc.sentence_words:
        n = b - a
        if n == 0:
            continue
        q = sum(mask[a:b])
        quoted_sent += q / n
        own_sent += (n - q) / n
        if rmask is not None:
            reported_sent += sum(rmask[a:b]) / n
    words = {
        "all": doc.word_texts,
        "own": tuple(w for w, m in zip(doc.word_texts, mask) if not m),
        "quoted": tuple(w for w, m in zip(doc.word_texts, mask) if m),
        "reported": tuple(w for w, m in zip(doc.word_texts, rmask) if m) if rmask is not None else (),
    }
    n_sentences = {"all": float(doc.n_sentences), "own": own_sent, "quoted": quoted_sent, "reported": reported_sent}
    own = counts_from_words(words["own"], own_sent)
    quoted = counts_from_words(words["quoted"], quoted_sent)
    # counts are additive; the whole-article sentence count is taken exactly
    counts = {
        "all": replace(own + quoted, n_sentences=n_sentences["all"]), "own": own, "quoted": quoted,
        "reported": ReadabilityCounts(n_sentences=reported_sent, n_words=len(words["reported"])),
    }
    return VoiceSplit(words=words, n_sentences=n_sentences, counts=counts)


@dataclass(frozen=True)
class VoiceLayout:
    """Which words are quoted speech, and how much of each sentence each voice owns.

    Attributes
    ----------
    quoted : tuple of bool
        One flag per word (True inside a ``full`` or ``partial`` quote).
    sentence_quoted_share : tuple of float
        For each sentence, quoted words / words (the proportional sentence rule).
    n_words : dict
        Voice (``all``, ``own``, ``quoted``) -> words.
    n_sentences : dict
        Voice -> sentences (fractional for ``own`` and ``quoted``).
    """

    quoted: tuple[bool, ...]
    sentence_quoted_share: tuple[float, ...]
    n_words: Mapping[str, int]
    n_sentences: Mapping[str, float]

    def sentence_weight(self, index: int, voice: str) -> float:
        """How much of sentence ``index`` counts toward ``voice`` (1 for ``all``)."""
        share = self.sentence_quoted_share[index]
        if voice == "all":
            return 1.0
        if voice == "quoted":
            return share
        if voice == "own":
            return 1.0 - share
        raise ValueError(f"unknown voice {voice!r}; valid voices: all, own, quoted")

    def word_voice(self, index: int) -> str:
        """``quoted`` or ``own`` for word ``index``."""
        return "quoted" if self.quoted[index] else "own"


def voice_layout(doc: Document, quotes: Sequence[Quote]) -> VoiceLayout:
    """Word voices and per-sentence voice shares of one article.

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote
        The article's quotes; ``name`` spans stay in the own voice.

    Returns
    -------
    VoiceLayout
        Totals agree with :func:`split_voices`.
    """
    mask = quoted_word_mask(doc, quotes)
    shares = []
    own_sent = quoted_sent = 0.0
    for a, b in doc.sentence_words:
        n = b - a
        q = sum(mask[a:b])
        share = q / n if n else 0.0
        shares.append(share)
        if n:
            quoted_sent += q / n
            own_sent += (n - q) / n
    n_quoted = sum(mask)
    return VoiceLayout(
        quoted=tuple(mask),
        sentence_quoted_share=tuple(shares),
        n_words={"all": doc.n_words, "own": doc.n_words - n_quoted, "quoted": n_quoted},
        n_sentences={"all": float(doc.n_sentences), "own": own_sent, "quoted": quoted_sent},
    )
