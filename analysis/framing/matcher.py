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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from analysis.framing.keys import NUMBER_PLACEHOLDER, NUMBER_RE, check_mode, document_keys
from analysis.framing.rules import CueRule, rule_allows
from analysis.speech.voice import VoiceLayout
from analysis.text.document import Document

__all__ = ["CueIndex", "CueMatch", "cue_index", "find_cue_lists", "find_cues"]


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


@dataclass(frozen=True)
class CueIndex:
    """Several cue lists indexed by the key of their cues' first word, built once.

    The frames of a codebook (:attr:`analysis.framing.codebook.Codebook.cue_index`)
    or the groups of a lexicon (:attr:`analysis.framing.lexicons.Lexicon.cue_index`)
    keep one, so that matching an article costs one dictionary lookup per word.

    Attributes
    ----------
    n_lists : int
        The number of cue lists.
    by_first : dict
        First word key -> ``(list index, cues)`` pairs: the list's cues
        starting with that key as ``(cue, keys, rule)``, longest first (in
        list order among equal lengths).
    numeric : tuple of tuple
        For each list, its cues starting with the number placeholder, longest first.
    """

    n_lists: int
    by_first: Mapping[str, tuple[tuple[int, tuple[_Indexed, ...]], ...]]
    numeric: tuple[tuple[_Indexed, ...], ...]


def _longest_first(items: Iterable[_Indexed]) -> tuple[_Indexed, ...]:
    return tuple(sorted(items, key=lambda item: -len(item[1])))


def cue_index(phrase_lists: Iterable[Iterable[_Phrase]]) -> CueIndex:
    """Index cue lists by the key of their first word (build it once, match many documents).

    Parameters
    ----------
    phrase_lists : iterable of iterables of (cue, keys)
        Cues with their word keys; a :class:`~analysis.framing.rules.CuePattern`
        keeps its context rule.

    Returns
    -------
    CueIndex
    """
    per_key: dict[str, list[tuple[int, list[_Indexed]]]] = {}
    numeric: list[tuple[_Indexed, ...]] = []
    n = 0
    for g, phrases in enumerate(phrase_lists):
        n = g + 1
        numeric_first: list[_Indexed] = []
        for phrase in phrases:
            cue, ks = phrase
            if not ks:
                continue
            item = (cue, ks, getattr(phrase, "rule", None))
            if ks[0] == NUMBER_PLACEHOLDER:
                numeric_first.append(item)
                continue
            lists = per_key.setdefault(ks[0], [])
            if not lists or lists[-1][0] != g:
                lists.append((g, []))
            lists[-1][1].append(item)
        numeric.append(_longest_first(numeric_first))
    by_first = {k: tuple((g, _longest_first(items)) for g, items in lists) for k, lists in per_key.items()}
    return CueIndex(n, by_first, tuple(numeric))


@lru_cache(maxsize=256)
def _cached_index(phrase_lists: tuple[tuple[_Phrase, ...], ...]) -> CueIndex:
    """The index of cue lists given as plain phrases (kept for lists matched again)."""
    return cue_index(phrase_lists)


def find_cue_lists(
    doc: Document,
    phrase_lists: Sequence[Iterable[_Phrase]] | CueIndex,
    layout: VoiceLayout | None = None,
    mode: str = "stem",
    keys: Sequence[str] | None = None,
) -> list[list[CueMatch]]:
    """Run :func:`find_cues` for several cue lists (the frames of a codebook, the groups of a lexicon).

    The same matches as one :func:`find_cues` call per list (each list's
    matches never overlap each other; matches of different lists may), found
    with one pass over the document's words for all lists: at each word whose
    key starts a cue of some list (one dictionary lookup), each such list's
    longest cue that fits in the sentence, matches the next words (the number
    placeholder matching any number) and meets its context rule is taken, and
    that list's next match starts after it. A cue whose context rule fails at a
    word does not match there; a shorter cue may.

    Parameters
    ----------
    doc : Document
    phrase_lists : sequence of iterables of (cue, keys), or CueIndex
        The cue lists, or their index (:func:`cue_index`; a codebook's or
        lexicon's ``cue_index``, built once).
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
    if isinstance(phrase_lists, CueIndex):
        index = phrase_lists
    else:
        index = _cached_index(tuple(tuple(phrases) for phrases in phrase_lists))
    wkeys = keys if keys is not None else document_keys(doc, mode)
    return _scan(doc, wkeys, index, layout)


def _scan(doc: Document, wkeys: Sequence[str], index: CueIndex, layout: VoiceLayout | None) -> list[list[CueMatch]]:
    """Every list's matches, longest cue first at each word, left to right, skipping words the list matched."""
    out: list[list[CueMatch]] = [[] for _ in range(index.n_lists)]
    free = [0] * index.n_lists  # per list: first word not covered by its previous match
    by_first = index.by_first
    numeric = [(g, cues) for g, cues in enumerate(index.numeric) if cues]
    words = doc.word_texts
    bounds = doc.word_bounds
    body = doc.body
    sentence_words = doc.sentence_words
    first_words = [a for a, _ in sentence_words]
    for i, key in enumerate(wkeys):
        entries = by_first.get(key)
        if numeric and NUMBER_RE.match(words[i]):
            entries = _with_numeric(entries or (), numeric)
        if not entries:
            continue
        s_index = bisect_right(first_words, i) - 1
        if s_index < 0:
            continue
        a, b = sentence_words[s_index]
        if i >= b:
            continue  # a word outside every sentence
        for g, cues in entries:
            if i < free[g]:
                continue
            for cue, ks, rule in cues:
                n = len(ks)
                if i + n > b:
                    continue
                # the first key matched already (the lookup, or the number test); check the rest
                if n > 1 and not all(_word_matches(wkeys[i + j], words[i + j], ks[j]) for j in range(1, n)):
                    continue
                if rule is not None and not rule_allows(doc, wkeys, rule, i, i + n, (a, b)):
                    continue
                start, end = bounds[i][0], bounds[i + n - 1][1]
                voice = layout.word_voice(i) if layout is not None else "own"
                out[g].append(CueMatch(start, end, cue, body[start:end], s_index, i, i + n, voice))
                free[g] = i + n
                break
    return out


def _with_numeric(
    entries: Sequence[tuple[int, tuple[_Indexed, ...]]], numeric: Sequence[tuple[int, tuple[_Indexed, ...]]]
) -> list[tuple[int, tuple[_Indexed, ...]]]:
    """The candidates at a number: each list's cues for the word's key and its cues starting with a number, longest first."""
    merged = {g: list(cues) for g, cues in entries}
    for g, cues in numeric:
        merged.setdefault(g, []).extend(cues)
    return [(g, _longest_first(cues)) for g, cues in sorted(merged.items())]


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

