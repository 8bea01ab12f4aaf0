"""Codebooks and word lists as data, and the literal matcher that finds them in a text.

A **codebook** is a YAML file of frames; each frame has an id, a label, a
one-sentence definition, cue words and phrases, and an example from a corpus.
A **lexicon** is a YAML file of terms for one stance or reference category
(hedges, boosters, evaluative words, terms for men and women). Both are data:
a teacher or student edits the file and the numbers change, without code.

Cues are literal words and phrases, never regular expressions. A cue is cut
into words by the project's word rule (:func:`analysis.text.document.word_spans`) and
matches a run of the same words inside one sentence. With ``match: stem`` (the
default for codebooks) words are compared after NLTK's Snowball stemmer for
English (Porter 2001), so "responsibility" also matches "responsibilities" and
"responsible". The stemmer is blunt: "accountable" also matches "account",
"powerful" matches "power" and "savings" matches "save"; a codebook that
needs to tell such words apart uses ``match: exact`` and lists every form it
wants. With ``match: exact``
words are compared lower-cased, as written. One placeholder is allowed in
phrases: ``<number>`` matches any word made of digits ("about <number>"
matches "about 40,000"). Overlapping cues of one frame (or one lexicon) do not
double count: at each word the longest cue wins and the words it covers are
used up.

A cue may carry a **context rule** (``require`` / ``forbid`` nearby words or
word classes, within ``within`` words on one ``side``, inside its sentence):
"million" counts as economic only near a money word, "suffered" as human
interest only after a person word, and a ``negation`` or ``hedge`` word
before a cue can drop it. A rule only removes a match at a position (a shorter
cue of the same list may then match there); checking it reads at most
``within`` words on each side, so matching stays linear in the text's length.
The format is documented in ``analysis/data/codebooks/README.md``.

Every match knows its voice (docs/design.md, "voice"): ``quoted`` when its first
word lies inside quoted speech, ``own`` otherwise; :class:`VoiceLayout` also
holds the proportional sentence weights that per-voice shares use.

References
----------
Porter, M. F. (2001). Snowball: A language for stemming algorithms.
https://snowballstem.org/ (NLTK's ``SnowballStemmer("english")``, which needs
no downloaded data).
Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: A
content analysis of press and television news. *Journal of Communication*
50(2), 93-109.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from nltk.stem.snowball import SnowballStemmer

from analysis.core.errors import InputError
from analysis.speech.quotes import Quote
from analysis.text.document import Document, word_spans
from analysis.speech.voice import quoted_word_mask

__all__ = [
    "MATCH_MODES",
    "NUMBER_PLACEHOLDER",
    "BUILTIN_CLASSES",
    "Codebook",
    "CueMatch",
    "CuePattern",
    "CueRule",
    "Frame",
    "Lexicon",
    "VoiceLayout",
    "codebook_paths_for_story",
    "document_keys",
    "find_cue_lists",
    "find_cues",
    "generic_codebook",
    "load_codebook",
    "load_codebooks",
    "load_lexicon",
    "packaged_lexicon",
    "capitalised_inside",
    "rule_allows",
    "stem_word",
    "voice_layout",
]

MATCH_MODES: tuple[str, ...] = ("stem", "exact")
"""How cue words are compared with the text's words."""

NUMBER_PLACEHOLDER = "<number>"
"""A phrase word that matches any word made of digits (with inner , or .)."""

FRAME_FIELDS: tuple[str, ...] = ("id", "label", "definition", "cues", "example")
"""Fields every frame must have."""

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
_STEMMER = SnowballStemmer("english")


# ----------------------------------------------------------------------------
# word keys


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return word.lower().replace("\u2019", "'").replace("\u02bc", "'")


@lru_cache(maxsize=65536)
def stem_word(word: str) -> str:
    """Snowball stem of a word, lower-cased, with ’ read as ' ("men’s" -> "men").

    Parameters
    ----------
    word : str

    Returns
    -------
    str
    """
    return _STEMMER.stem(_fold(word))


def _key(word: str, mode: str) -> str:
    if mode == "stem":
        return stem_word(word)
    return _fold(word)


@lru_cache(maxsize=16384)
def _phrase_keys(phrase: str, mode: str) -> tuple[str, ...]:
    keys: list[str] = []
    for part in phrase.split():
        if part == NUMBER_PLACEHOLDER:
            keys.append(NUMBER_PLACEHOLDER)
            continue
        for s in word_spans(part):
            keys.append(_key(part[s.start : s.end], mode))
    return tuple(keys)


# ----------------------------------------------------------------------------
# context rules

RULE_SIDES: tuple[str, ...] = ("either", "before", "after")
"""Where a rule looks for its words, relative to the cue."""

DEFAULT_WITHIN = 4
"""Words on each side a rule looks at when a cue gives no ``within``."""

_NEGATION_WORDS = frozenset({
    "not", "no", "never", "without", "nor", "neither", "cannot", "none", "nobody", "nothing",
    "hardly", "barely",
})
_HEDGE_WORDS = frozenset({
    "may", "might", "could", "would", "perhaps", "possibly", "maybe", "probably", "allegedly",
    "reportedly", "apparently", "whether", "if", "unless",
})
_CURRENCY_SIGNS = "$\u00a3\u20ac\u00a5"


def _is_negation(word: str) -> bool:
    w = _fold(word)
    return w in _NEGATION_WORDS or w.endswith("n't")


def _is_hedge(word: str) -> bool:
    return _fold(word) in _HEDGE_WORDS


BUILTIN_CLASSES: dict[str, str] = {
    "negation": "not, no, never, without, nor, neither, cannot, none, nobody, nothing, hardly, "
    "barely, and any word ending in n't (isn't, didn't)",
    "hedge": "may, might, could, would, perhaps, possibly, maybe, probably, allegedly, reportedly, "
    "apparently, whether, if, unless",
    "currency_sign": "a word written right after $, \u00a3, \u20ac or \u00a5 ($4, \u00a33bn)",
}
"""Word classes every codebook and lexicon may use in ``require`` and ``forbid``."""


@dataclass(frozen=True)
class CueRule:
    """Context a cue needs (``require``) or must not have (``forbid``) to count.

    A cue with a rule counts at a position only when at least one ``require``
    word (if any are given) and no ``forbid`` word sits within ``within``
    words on ``side`` of it, in the same sentence. Words are compared as cue
    words are (stemmed or exact); built-in classes (:data:`BUILTIN_CLASSES`)
    are tests on the word itself.

    Attributes
    ----------
    require, forbid : tuple of str
        As written in the file (words and class names).
    within : int
        Words looked at on each side (1 = the next word only).
    side : str
        ``either``, ``before`` or ``after``.
    require_keys, forbid_keys : frozenset of str
        Word keys (classes expanded).
    require_builtin, forbid_builtin : tuple of str
        Built-in class names used.
    forms : frozenset of tuple of str
        When not empty, the matched words (lower-cased, as written) must be one
        of these (``forms:`` in the file): a stemmed cue limited to some forms,
        so "acceptable" does not match "accepted".
    skip_capitalised : bool
        Skip a match whose first word is capitalised inside its sentence (not
        its first word, not after an opening quotation mark, bracket or dash):
        part of a name ("Fair Trade Nation", "Department of Justice"). Set for
        every cue by ``skip_proper_names: true`` at the top of the file.
    """

    require: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    within: int = DEFAULT_WITHIN
    side: str = "either"
    require_keys: frozenset[str] = frozenset()
    forbid_keys: frozenset[str] = frozenset()
    require_builtin: tuple[str, ...] = ()
    forbid_builtin: tuple[str, ...] = ()
    forms: frozenset[tuple[str, ...]] = frozenset()
    skip_capitalised: bool = False


def _window_hits(doc: Document, wkeys: Sequence[str], lo: int, hi: int, keys: frozenset[str], builtin: tuple[str, ...]) -> bool:
    words = doc.word_texts
    for j in range(lo, hi):
        if wkeys[j] in keys:
            return True
        for name in builtin:
            if name == "negation" and _is_negation(words[j]):
                return True
            if name == "hedge" and _is_hedge(words[j]):
                return True
            if name == "currency_sign":
                start = doc.word_bounds[j][0]
                if start > 0 and doc.body[start - 1] in _CURRENCY_SIGNS:
                    return True
    return False


_OPENERS = "\"'\u201c\u2018(\u2014\u2013-"


def capitalised_inside(doc: Document, index: int, sentence_first: int) -> bool:
    """True for a capitalised word that does not open its sentence or a quotation.

    Such a word is usually part of a name ("Fair Trade Nation") or, for "May",
    the month.
    """
    word = doc.word_texts[index]
    if not word[:1].isupper() or index == sentence_first:
        return False
    j = doc.word_bounds[index][0] - 1
    while j >= 0 and doc.body[j].isspace():
        j -= 1
    return not (j >= 0 and doc.body[j] in _OPENERS)


def rule_allows(doc: Document, wkeys: Sequence[str], rule: CueRule, first: int, end: int, sentence: tuple[int, int]) -> bool:
    """True when the cue at words ``[first, end)`` meets its rule.

    Parameters
    ----------
    doc : Document
    wkeys : sequence of str
        The document's word keys in the rule's match mode.
    rule : CueRule
    first, end : int
        Half-open word range of the match.
    sentence : (int, int)
        Half-open word range of its sentence (the window never leaves it).

    Returns
    -------
    bool
    """
    a, b = sentence
    if rule.forms and tuple(_fold(w) for w in doc.word_texts[first:end]) not in rule.forms:
        return False
    if rule.skip_capitalised and capitalised_inside(doc, first, a):
        return False
    lo = max(a, first - rule.within) if rule.side != "after" else first
    hi = min(b, end + rule.within) if rule.side != "before" else end

    def hit(keys: frozenset[str], builtin: tuple[str, ...]) -> bool:
        return _window_hits(doc, wkeys, lo, first, keys, builtin) or _window_hits(doc, wkeys, end, hi, keys, builtin)

    if rule.forbid and hit(rule.forbid_keys, rule.forbid_builtin):
        return False
    if rule.require and not hit(rule.require_keys, rule.require_builtin):
        return False
    return True


class CuePattern(tuple):
    """A cue ready to match: ``(cue, keys)``, optionally with a :class:`CueRule`.

    It unpacks and compares as the pair ``(cue, keys)`` when it has no rule, so
    code that builds plain pairs keeps working; two patterns with the same
    words but different rules are different (and hash differently).
    """

    rule: CueRule | None

    def __new__(cls, cue: str, keys: tuple[str, ...], rule: CueRule | None = None) -> CuePattern:
        self = super().__new__(cls, (cue, keys))
        self.rule = rule
        return self

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, tuple):
            return NotImplemented
        return tuple.__eq__(self, other) and self.rule == getattr(other, "rule", None)

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self) -> int:
        return hash((tuple(self), self.rule))

    def __repr__(self) -> str:
        return f"CuePattern({self[0]!r}, {self[1]!r}, rule={self.rule!r})"

    def __getnewargs__(self) -> tuple[str, tuple[str, ...], CueRule | None]:
        # pickling (batch workers receive the codebooks) rebuilds the pattern with its rule;
        # tuple's own __getnewargs__ would pass the pair as one argument
        return (self[0], self[1], self.rule)


def _rule_names(value: Any, where: str, path: Path, line: int | None) -> tuple[str, ...]:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or not value:
        raise InputError(path, f"{where}: 'require'/'forbid' must be a word, a class name or a non-empty list of them", line=line)
    out = []
    for item in value:
        text = _text_field(item)
        if text is None:
            raise InputError(path, f"{where}: an empty word in 'require'/'forbid'", line=line)
        out.append(text)
    return tuple(out)


def _compile_rule(
    raw: Mapping[str, Any], classes: Mapping[str, tuple[str, ...]], mode: str, where: str, path: Path, line: int | None,
    skip_capitalised: bool = False,
) -> CueRule | None:
    unknown = sorted(set(raw) - {"cue", "term", "require", "forbid", "within", "side", "forms", "note"})
    if unknown:
        raise InputError(path, f"{where}: unknown key {unknown[0]!r} (valid: cue, require, forbid, within, side, forms, note)", line=line)
    forms: set[tuple[str, ...]] = set()
    if "forms" in raw:
        for form in _rule_names(raw["forms"], where, path, line):
            forms.add(tuple(_fold(form[s.start : s.end]) for s in word_spans(form)))
    if "require" not in raw and "forbid" not in raw:
        return CueRule(forms=frozenset(forms), skip_capitalised=skip_capitalised) if forms or skip_capitalised else None
    within = raw.get("within", DEFAULT_WITHIN)
    if isinstance(within, bool) or not isinstance(within, int) or within < 1:
        raise InputError(path, f"{where}: 'within' must be a whole number of words, 1 or more", line=line)
    side = raw.get("side", "either")
    if side not in RULE_SIDES:
        raise InputError(path, f"{where}: unknown side {side!r}; valid: {', '.join(RULE_SIDES)}", line=line)

    def expand(names: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
        keys: set[str] = set()
        builtin: list[str] = []
        for name in names:
            if name in BUILTIN_CLASSES:
                builtin.append(name)
                continue
            for word in classes.get(name, (name,)):
                ks = _phrase_keys(word, mode)
                if len(ks) != 1:
                    raise InputError(path, f"{where}: context word {word!r} must be one word", line=line)
                keys.add(ks[0])
        return frozenset(keys), tuple(builtin)

    require = _rule_names(raw["require"], where, path, line) if "require" in raw else ()
    forbid = _rule_names(raw["forbid"], where, path, line) if "forbid" in raw else ()
    rk, rb = expand(require)
    fk, fb = expand(forbid)
    return CueRule(require, forbid, within, side, rk, fk, rb, fb, frozenset(forms), skip_capitalised)


def _word_classes(data: Mapping[str, Any], path: Path) -> dict[str, tuple[str, ...]]:
    raw = data.get("word_classes", {}) or {}
    if not isinstance(raw, dict):
        raise InputError(path, "'word_classes' must be a mapping of class name -> list of words")
    out: dict[str, tuple[str, ...]] = {}
    for name, words in raw.items():
        if str(name) in BUILTIN_CLASSES:
            raise InputError(path, f"word class {name!r} is built in; choose another name")
        if not isinstance(words, list) or not words or any(_text_field(w) is None for w in words):
            raise InputError(path, f"word class {name!r}: must be a non-empty list of words")
        out[str(name)] = tuple(_text_field(w) for w in words)  # type: ignore[misc]
    return out


def _cue_entry(
    item: Any, classes: Mapping[str, tuple[str, ...]], mode: str, where: str, path: Path, line: int | None,
    skip_capitalised: bool = False,
) -> tuple[str | None, CueRule | None]:
    """(cue text, rule) of a list entry: a plain word/phrase, or a mapping with ``cue`` and a rule."""
    if isinstance(item, dict):
        text = _text_field(item.get("cue", item.get("term")))
        if text is None:
            return None, None
        return text, _compile_rule(item, classes, mode, f"{where} ({text!r})", path, line, skip_capitalised)
    return _text_field(item), (CueRule(skip_capitalised=True) if skip_capitalised else None)


def _skip_proper_names(data: Mapping[str, Any], path: Path) -> bool:
    value = data.get("skip_proper_names", False)
    if not isinstance(value, bool):
        raise InputError(path, "'skip_proper_names' must be true or false")
    return value


# ----------------------------------------------------------------------------
# data classes


@dataclass(frozen=True)
class Frame:
    """One frame of a codebook.

    Attributes
    ----------
    id : str
        Short id used in tables (lower case, digits and ``_``).
    label : str
        Human-readable name.
    definition : str
        One sentence saying when a text carries the frame.
    cues : tuple of str
        Literal cue words and phrases, as written in the file.
    example : str
        An example sentence from a corpus.
    patterns : tuple of CuePattern
        The cues to match: (cue, word keys), with the cue's context rule if it
        has one. Cues whose keys and rule are the same (``kid`` and ``kids``
        after stemming) are merged under the first one.
    """

    id: str
    label: str
    definition: str
    cues: tuple[str, ...]
    example: str
    patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Codebook:
    """A set of frames loaded from one YAML file.

    Attributes
    ----------
    name : str
        The codebook's id in tables (``codebook:`` in the file; default: the
        file stem, or the story folder's name for ``codebook.yml``).
    title : str
        Human-readable title.
    source : str
        Where the frames come from (a reference, or "read from the corpus").
    match : str
        ``stem`` or ``exact``.
    frames : tuple of Frame
    path : str
        The file it was read from.
    """

    name: str
    title: str
    source: str
    match: str
    frames: tuple[Frame, ...]
    path: str = ""

    def frame(self, frame_id: str) -> Frame:
        """The frame with this id.

        Raises
        ------
        ValueError
            For an unknown id, listing the valid ones.
        """
        for f in self.frames:
            if f.id == frame_id:
                return f
        raise ValueError(f"unknown frame {frame_id!r}; valid frames: {', '.join(f.id for f in self.frames)}")


@dataclass(frozen=True)
class Lexicon:
    """A list of terms for one category (hedges, boosters, evaluative words...).

    Attributes
    ----------
    name : str
        Category id (``hedges``, ``boosters``...).
    source : str
        Provenance note from the file.
    match : str
        ``stem`` or ``exact``.
    terms : dict
        Group label -> tuple of terms; a plain list in the file is one group
        named after the lexicon.
    path : str
    rules : dict
        Term -> :class:`CueRule`, for terms written with a context rule.
    """

    name: str
    source: str
    match: str
    terms: Mapping[str, tuple[str, ...]]
    path: str = ""
    rules: Mapping[str, CueRule] = field(default_factory=dict)

    def phrases(self, group: str | None = None) -> list[CuePattern]:
        """(term, keys) patterns of one group, or of every group, with their rules."""
        groups = [group] if group is not None else list(self.terms)
        out = []
        for g in groups:
            for term in self.terms[g]:
                out.append(CuePattern(term, _phrase_keys(term, self.match), self.rules.get(term)))
        return out


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
# voice layout


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
        Totals agree with :func:`analysis.speech.voice.split_voices`.
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


# ----------------------------------------------------------------------------
# matching


def _doc_keys(doc: Document, mode: str) -> list[str]:
    if mode == "stem":
        return list(map(stem_word, doc.word_texts))
    return list(map(_fold, doc.word_texts))


def _word_matches(key: str, word: str, pattern: str) -> bool:
    if pattern == NUMBER_PLACEHOLDER:
        return bool(_NUMBER_RE.match(word))
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
    if mode not in MATCH_MODES:
        raise ValueError(f"unknown match mode {mode!r}; valid modes: {', '.join(MATCH_MODES)}")
    indexes = [_cue_index(tuple(phrases)) for phrases in phrase_lists]
    words = doc.word_texts
    wkeys = keys if keys is not None else document_keys(doc, mode)
    firsts: set[str] = set()
    for by_first, _ in indexes:
        firsts.update(by_first)
    # only words that can start a cue of some list are visited (the rest never match)
    if any(numeric for _, numeric in indexes):
        positions = [i for i, k in enumerate(wkeys) if k in firsts or _NUMBER_RE.match(words[i])]
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
        if numeric_first and _NUMBER_RE.match(words[i]):
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
        Cues with their word keys (from :attr:`Frame.patterns` or
        :meth:`Lexicon.phrases`), computed with the same ``mode``; a
        :class:`CuePattern` with a rule counts only where its rule allows.
    layout : VoiceLayout, optional
        Gives each match its voice; without it every match is ``own``.
    mode : {"stem", "exact"}
        How the document's words are keyed.
    keys : sequence of str, optional
        The document's word keys, if already computed for ``mode``.

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


def document_keys(doc: Document, mode: str) -> tuple[str, ...]:
    """Word keys of a document for ``mode`` (reuse across several :func:`find_cues` calls).

    Computed once per document and mode and kept with the document (in its
    ``__dict__``, as a cached property would be), so frames, stance and actors
    of one article share them.
    """
    if mode not in MATCH_MODES:
        raise ValueError(f"unknown match mode {mode!r}; valid modes: {', '.join(MATCH_MODES)}")
    cache = doc.__dict__.setdefault("_word_keys", {})
    keys = cache.get(mode)
    if keys is None:
        keys = cache[mode] = tuple(_doc_keys(doc, mode))
    return keys


# ----------------------------------------------------------------------------
# loading codebooks


def _read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (byte 0x{raw[exc.start:exc.start + 1].hex()} at offset {exc.start})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"malformed YAML: {problem}", line=mark.line + 1 if mark else None) from None
    return data, node


def _frame_lines(node: yaml.Node | None) -> list[int | None]:
    """1-based line of each item of the top-level ``frames`` list (for messages)."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "frames" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _text_field(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def load_codebook(path: str | Path, name: str | None = None) -> Codebook:
    """Read and check a codebook file.

    Parameters
    ----------
    path : str or Path
        A YAML file: a mapping with ``frames`` (a list of mappings with
        ``id``, ``label``, ``definition``, ``cues``, ``example``) and optional
        ``codebook`` (its id), ``title``, ``source``, ``match``,
        ``word_classes``. A cue is a word or phrase, or a mapping with ``cue``
        and a context rule (``require``, ``forbid``, ``within``, ``side``).
    name : str, optional
        Id to use when the file has no ``codebook:`` field (default: the file
        stem).

    Returns
    -------
    Codebook

    Raises
    ------
    InputError
        Naming the file, the frame and the problem: not a mapping, no frames,
        a missing or empty field, an empty cue or one without any word, a
        duplicate frame id, an unknown match mode, a broken context rule. Cues that match the same
        words (``kid`` and ``kids`` after stemming) are not an error: they are
        merged under the first spelling.
    """
    p = Path(path)
    data, node = _read_yaml(p)
    if not isinstance(data, dict):
        raise InputError(p, "a codebook must be a YAML mapping with a 'frames' list (see analysis/data/codebooks/README.md)")
    frames_raw = data.get("frames")
    if not isinstance(frames_raw, list) or not frames_raw:
        raise InputError(p, "a codebook needs a non-empty 'frames' list")
    match = data.get("match", "stem")
    if match not in MATCH_MODES:
        raise InputError(p, f"unknown match mode {match!r}; valid: {', '.join(MATCH_MODES)}")
    cb_name = _text_field(data.get("codebook")) or name or p.stem
    if not _ID_RE.match(cb_name.replace("-", "_")):
        raise InputError(p, f"codebook id {cb_name!r} must be lower-case letters, digits, '-' or '_'")
    lines = _frame_lines(node)
    classes = _word_classes(data, p)
    skip_caps = _skip_proper_names(data, p)
    frames: list[Frame] = []
    seen: set[str] = set()
    for k, raw in enumerate(frames_raw):
        line = lines[k] if k < len(lines) else None
        where = f"frame {k + 1}"
        if not isinstance(raw, dict):
            raise InputError(p, f"{where}: must be a mapping with {', '.join(FRAME_FIELDS)}", line=line)
        fid = _text_field(raw.get("id"))
        if fid is not None:
            where = f"frame {fid!r}"
        for field in FRAME_FIELDS:
            if field not in raw or raw[field] is None:
                raise InputError(p, f"{where}: missing field '{field}' (every frame needs {', '.join(FRAME_FIELDS)})", line=line)
        if fid is None or not _ID_RE.match(fid):
            raise InputError(p, f"{where}: id must be lower-case letters, digits and '_', starting with a letter", line=line)
        if fid in seen:
            raise InputError(p, f"{where}: duplicate frame id (ids must be unique in a codebook)", line=line)
        seen.add(fid)
        texts = {}
        for field in ("label", "definition", "example"):
            value = _text_field(raw[field])
            if value is None:
                raise InputError(p, f"{where}: field '{field}' is empty or not text", line=line)
            texts[field] = value
        cues_raw = raw["cues"]
        if not isinstance(cues_raw, list) or not cues_raw:
            raise InputError(p, f"{where}: 'cues' must be a non-empty list of words or phrases", line=line)
        cues: list[str] = []
        patterns: dict[tuple[tuple[str, ...], CueRule | None], str] = {}
        for j, cue in enumerate(cues_raw, start=1):
            text, rule = _cue_entry(cue, classes, match, f"{where}: cue {j}", p, line, skip_caps)
            if text is None:
                raise InputError(p, f"{where}: cue {j} is empty or not text", line=line)
            ks = _phrase_keys(text, match)
            if not ks or all(x == NUMBER_PLACEHOLDER for x in ks):
                raise InputError(p, f"{where}: cue {j} ({text!r}) has no word to match", line=line)
            cues.append(text)
            patterns.setdefault((ks, rule), text)  # same words after stemming: the first spelling names it
        frames.append(Frame(
            fid, texts["label"], texts["definition"], tuple(cues), texts["example"],
            tuple(CuePattern(cue, ks, rule) for (ks, rule), cue in patterns.items()),
        ))
    return Codebook(
        name=cb_name,
        title=_text_field(data.get("title")) or cb_name,
        source=_text_field(data.get("source")) or "",
        match=match,
        frames=tuple(frames),
        path=str(p),
    )


@lru_cache(maxsize=1)
def generic_codebook() -> Codebook:
    """The packaged generic codebook (Semetko & Valkenburg's five news frames)."""
    ref = resources.files("analysis").joinpath("data/codebooks/generic.yml")
    with resources.as_file(ref) as p:
        return load_codebook(p, name="generic")


def codebook_paths_for_story(root: str | Path, meta: Mapping[str, Any] | None = None) -> list[Path]:
    """The story codebook of a story folder, if it has one.

    ``story.yml``'s ``codebook:`` (a path relative to the story folder) wins;
    otherwise ``codebook.yml`` in the folder, if it exists.

    Raises
    ------
    InputError
        When ``story.yml`` names a codebook file that does not exist.
    """
    root = Path(root)
    meta = meta or {}
    named = meta.get("codebook")
    if named not in (None, ""):
        if not isinstance(named, str):
            raise InputError(root / "story.yml", "'codebook' must be a path relative to the story folder")
        p = (root / named).resolve()
        if not p.is_file():
            raise InputError(root / "story.yml", f"codebook {named!r} not found (paths are relative to the story folder)")
        return [p]
    default = root / "codebook.yml"
    return [default] if default.is_file() else []


def load_codebooks(
    root: str | Path | None = None,
    meta: Mapping[str, Any] | None = None,
    extra: Iterable[str | Path] = (),
    include_generic: bool = True,
) -> list[Codebook]:
    """The codebooks to score a story with: generic, the story's, then ``extra``.

    Parameters
    ----------
    root : str or Path, optional
        The story folder (its codebook is found by :func:`codebook_paths_for_story`).
    meta : mapping, optional
        The story's ``story.yml`` contents.
    extra : iterable of paths
        More codebooks (``--codebook PATH``, repeatable).
    include_generic : bool, default True

    Returns
    -------
    list of Codebook

    Raises
    ------
    InputError
        For a broken codebook, or two codebooks with the same id.
    """
    books: list[Codebook] = [generic_codebook()] if include_generic else []
    paths: list[tuple[Path, str | None]] = []
    if root is not None:
        for p in codebook_paths_for_story(root, meta):
            paths.append((p, Path(root).resolve().name))
    paths.extend((Path(p), None) for p in extra)
    for p, default_name in paths:
        book = load_codebook(p, name=default_name)
        if any(b.name == book.name for b in books):
            if any(Path(b.path).resolve() == p.resolve() for b in books):
                continue  # the same file named twice
            raise InputError(p, f"codebook id {book.name!r} is already used by another codebook; set 'codebook:' to a new id")
        books.append(book)
    return books


# ----------------------------------------------------------------------------
# lexicons


def load_lexicon(path: str | Path, name: str | None = None) -> Lexicon:
    """Read a lexicon file.

    Parameters
    ----------
    path : str or Path
        YAML mapping with ``terms`` (a list, or a mapping of group -> list) and
        optional ``name``, ``source``, ``match`` (default ``exact``) and
        ``word_classes``; a term may be a mapping with ``term`` and a context
        rule, as a codebook cue may.
    name : str, optional
        Default name (the file stem).

    Raises
    ------
    InputError
        Not a mapping, no terms, an empty term, an unknown match mode, a
        broken context rule.
    """
    p = Path(path)
    data, _ = _read_yaml(p)
    if not isinstance(data, dict):
        raise InputError(p, "a lexicon must be a YAML mapping with a 'terms' list")
    match = data.get("match", "exact")
    if match not in MATCH_MODES:
        raise InputError(p, f"unknown match mode {match!r}; valid: {', '.join(MATCH_MODES)}")
    lex_name = _text_field(data.get("name")) or name or p.stem
    raw = data.get("terms")
    groups: dict[str, list[Any]]
    if isinstance(raw, list):
        groups = {lex_name: raw}
    elif isinstance(raw, dict):
        groups = {str(k): v for k, v in raw.items()}
    else:
        raise InputError(p, "'terms' must be a list of words or phrases, or a mapping of group -> list")
    classes = _word_classes(data, p)
    skip_caps = _skip_proper_names(data, p)
    terms: dict[str, tuple[str, ...]] = {}
    rules: dict[str, CueRule] = {}
    for group, items in groups.items():
        if not isinstance(items, list) or not items:
            raise InputError(p, f"group {group!r}: must be a non-empty list of words or phrases")
        out: list[str] = []
        for j, item in enumerate(items, start=1):
            text, rule = _cue_entry(item, classes, match, f"group {group!r}: term {j}", p, None, skip_caps)
            if text is None or not _phrase_keys(text, match):
                raise InputError(p, f"group {group!r}: term {j} is empty or has no word")
            out.append(text)
            if rule is not None:
                rules[text] = rule
        terms[group] = tuple(out)
    return Lexicon(lex_name, _text_field(data.get("source")) or "", match, terms, str(p), rules)


@lru_cache(maxsize=8)
def packaged_lexicon(name: str) -> Lexicon:
    """A lexicon shipped in ``analysis/data/lexicons/<name>.yml``.

    Raises
    ------
    ValueError
        For an unknown name, listing the packaged ones.
    """
    folder = resources.files("analysis").joinpath("data/lexicons")
    available = sorted(f.name[:-4] for f in folder.iterdir() if f.name.endswith(".yml"))
    if name not in available:
        raise ValueError(f"unknown lexicon {name!r}; packaged lexicons: {', '.join(available)}")
    with resources.as_file(folder.joinpath(f"{name}.yml")) as p:
        return load_lexicon(p, name=name)
