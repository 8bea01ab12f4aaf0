"""Own voice and quoted speech: which words an outlet wrote and which it quoted.

Every word of an article is either in quoted speech (inside a quote span of
kind ``full`` or ``partial``) or in the outlet's own voice (everything else,
quoted names and scare quotes included). Per-voice metrics use the
proportional sentence rule (design notes, "voice"): a sentence counts toward
each voice in proportion to its words in that voice, so the "he said." that
closes a quoted sentence does not become a short own-voice sentence.

Formula: for a sentence of ``n`` words of which ``q`` are quoted, the quoted
voice gets ``q / n`` of a sentence and the own voice ``(n - q) / n``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .quotes import SPEECH_KINDS, Quote
from .readability import ReadabilityCounts, counts_from_words
from .text import Document

__all__ = ["VOICES", "VoiceSplit", "quoted_word_mask", "split_voices"]

VOICES: tuple[str, ...] = ("all", "own", "quoted")
"""Voice labels used in every per-voice table."""


@dataclass(frozen=True)
class VoiceSplit:
    """Words and counts of one article by voice.

    Attributes
    ----------
    words : dict
        Voice label -> the words in text order.
    n_sentences : dict
        Voice label -> sentence count (fractional for ``own`` and ``quoted``).
    counts : dict
        Voice label -> :class:`~analysis.readability.ReadabilityCounts`.
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
    n = doc.n_words
    mask = [False] * n
    spans = sorted((q.start, q.end) for q in quotes if q.kind in SPEECH_KINDS)
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
        sentences add up to ``all``.
    """
    mask = quoted_word_mask(doc, quotes)
    own_sent = quoted_sent = 0.0
    for a, b in doc.sentence_words:
        n = b - a
        if n == 0:
            continue
        q = sum(mask[a:b])
        quoted_sent += q / n
        own_sent += (n - q) / n
    words = {
        "all": doc.word_texts,
        "own": tuple(w for w, m in zip(doc.word_texts, mask) if not m),
        "quoted": tuple(w for w, m in zip(doc.word_texts, mask) if m),
    }
    n_sentences = {"all": float(doc.n_sentences), "own": own_sent, "quoted": quoted_sent}
    own = counts_from_words(words["own"], own_sent)
    quoted = counts_from_words(words["quoted"], quoted_sent)
    # counts are additive; the whole-article sentence count is taken exactly
    counts = {"all": replace(own + quoted, n_sentences=n_sentences["all"]), "own": own, "quoted": quoted}
    return VoiceSplit(words=words, n_sentences=n_sentences, counts=counts)
