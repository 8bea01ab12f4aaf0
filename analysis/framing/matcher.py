"""The literal cue matcher: where the cues of a codebook or lexicon occur in a text.

Cues are literal words and phrases, never regular expressions. A cue is cut
into words by the project's word rule (:func:`analysis.text.document.word_spans`) and
matches a run of the same words inside one sentence, compared by their keys
(:mod:`analysis.framing.keys`). Overlapping cues of one frame (or one lexicon)
do not double count: at each word the longest cue wins and the words it covers
are used up. A cue with a context rule (:mod:`analysis.framing.rules`) counts
only where its rule allows.

Every match knows its voice (docs/design.md, "voice"): ``quoted`` when its first
word lies inside quoted speech, ``own`` otherwise
(:class:`analysis.speech.voice.VoiceLayout`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from analysis.framing.keys import NUMBER_PLACEHOLDER, NUMBER_RE, check_mode, document_keys
from analysis.framing.rules import CueRule, rule_allows
from analysis.speech.voice import VoiceLayout
from analysis.text.document import Document

__all__ = ["CueMatch", "find_cue_lists", "find_cues"]


@dataclass(frozen=True)
class CueMatch:
    """One literal match of a cue (or lexicon term) in a document.

    Attributes
    ----------
    start, end : int
        Body offsets of the matched words (first word's start, last word's end).
    cue : str
        The cue or term as written in the codebook or lexicon.
    text : str
        ``body[start:end]``.
    sentence : int
        Index of the sentence holding the match.
    first_word, end_word : int
        Half-open range of word indices.
    voice : str
        ``own`` or ``quoted`` (the voice of the first word).
    """

    start: int
    end: int
    cue: str
    text: str
    sentence: int
    first_word: int
    end_word: int
    voice: str


# ----------------------------------------------------------------------------
# matching


def _word_matches(key: str, word: str, pattern: str) -> bool:
    if pattern == NUMBER_PLACEHOLDER:
        return bool(NUMBER_RE.match(word))
    return key == pattern


_Phrase = tuple[str, tuple[str, ...]]
_Indexed = tuple[str, tuple[str, ...], "CueRule | None"]


@lru_cache(maxsize=1024)
def _cue_index(phrases: tuple[_Phrase, ...]) -> tuple[dict[str, list[_Indexed]], list[_Indexed]]:
    """Cues by first word key (longest first), and the cues starting with a number (cached; read only)."""
    by_first: dict[str, list[_Indexed]] = {}
    numeric_first: list[_Indexed] = []
    for phrase in phrases:
        cue, ks = phrase
        if not ks:
            continue
        item = (cue, ks, getattr(phrase, "rule", None))
        if ks[0] == NUMBER_PLACEHOLDER:
            numeric_first.append(item)
        else:
            by_first.setdefault(ks[0], []).append(item)
    for items in by_first.values():
        items.sort(key=lambda item: -len(item[1]))
    numeric_first.sort(key=lambda item: -len(item[1]))
    return by_first, numeric_first


def find_cue_lists(
    doc: Document,
    phrase_lists: Sequence[Iterable[_Phrase]],
    layout: VoiceLayout | None = None,
    mode: str = "stem",
    keys: Sequence[str] | None = None,
) -> list[list[CueMatch]]:
    """Run :func:`find_cues` for several cue lists (the frames of a codebook, the groups of a lexicon).

    The same matches as one :func:`find_cues` call per list (each list's
    matches never overlap each other; matches of different lists may), found
    with one pass over the document's words for all lists.

    Parameters
    ----------
    doc : Document
    phrase_lists : sequence of iterables of (cue, keys)
    layout, mode, keys
        As for :func:`find_cues`.

    Returns
    -------
    list of list of CueMatch
        One list per cue list, in the same order; each in reading order.

    Raises
    ------
    ValueError
        For an unknown ``mode``.
    """
    check_mode(mode)
    indexes = [_cue_index(tuple(phrases)) for phrases in phrase_lists]
    words = doc.word_texts
    wkeys = keys if keys is not None else document_keys(doc, mode)
    firsts: set[str] = set()
    for by_first, _ in indexes:
        firsts.update(by_first)
    # only words that can start a cue of some list are visited (the rest never match)
    if any(numeric for _, numeric in indexes):
        positions = [i for i, k in enumerate(wkeys) if k in firsts or NUMBER_RE.match(words[i])]
    else:
        positions = [i for i, k in enumerate(wkeys) if k in firsts]
    return [_scan(doc, wkeys, by_first, numeric, positions, layout) for by_first, numeric in indexes]


def _scan(
    doc: Document,
    wkeys: Sequence[str],
    by_first: dict[str, list[_Indexed]],
    numeric_first: list[_Indexed],
    positions: list[int],
    layout: VoiceLayout | None,
) -> list[CueMatch]:
    """Longest cue first at each candidate word, left to right, skipping words already matched.

    A cue whose context rule fails at a word does not match there; a shorter
    cue may.
    """
    words = doc.word_texts
    sentence_words = doc.sentence_words
    first_words = [a for a, _ in sentence_words]
    out: list[CueMatch] = []
    free = 0  # first word not covered by the previous match
    for i in positions:
        if i < free:
            continue
        candidates = by_first.get(wkeys[i], [])
        if numeric_first and NUMBER_RE.match(words[i]):
            candidates = sorted(candidates + numeric_first, key=lambda item: -len(item[1]))
        if not candidates:
            continue
        s_index = bisect_right(first_words, i) - 1
        if s_index < 0:
            continue
        a, b = sentence_words[s_index]
        if i >= b:
            continue  # a word outside every sentence
        for cue, ks, rule in candidates:
            n = len(ks)
            if i + n > b:
                continue
            # the first key matched already (the lookup, or the number test); check the rest
            if n > 1 and not all(_word_matches(wkeys[i + j], words[i + j], ks[j]) for j in range(1, n)):
                continue
            if rule is not None and not rule_allows(doc, wkeys, rule, i, i + n, (a, b)):
                continue
            start, end = doc.word_bounds[i][0], doc.word_bounds[i + n - 1][1]
            voice = layout.word_voice(i) if layout is not None else "own"
            out.append(CueMatch(start, end, cue, doc.body[start:end], s_index, i, i + n, voice))
            free = i + n
            break
    return out


def find_cues(
    doc: Document,
    phrases: Iterable[_Phrase],
    layout: VoiceLayout | None = None,
    mode: str = "stem",
    keys: Sequence[str] | None = None,
) -> list[CueMatch]:
    """Find every literal match of a set of cue phrases, longest first, no overlaps.

    Parameters
    ----------
    doc : Document
    phrases : iterable of (cue, keys)
        Cues with their word keys (from :attr:`analysis.framing.codebook.Frame.patterns` or
        :meth:`analysis.framing.lexicons.Lexicon.phrases`), computed with the same ``mode``; a
        :class:`~analysis.framing.rules.CuePattern` with a rule counts only where its rule allows.
    layout : VoiceLayout, optional
        Gives each match its voice; without it every match is ``own``.
    mode : {"stem", "exact"}
        How the document's words are keyed.
    keys : sequence of str, optional
        The document's word keys, if already computed for ``mode`` (a
        :class:`~analysis.framing.keys.WordKeys` holder keeps them); computed
        here otherwise.

    Returns
    -------
    list of CueMatch
        In reading order. A match never crosses a sentence boundary.

    Raises
    ------
    ValueError
        For an unknown ``mode``.
    """
    return find_cue_lists(doc, [phrases], layout, mode, keys)[0]

