"""Context rules of cues, and the cue pattern the matcher reads.

A cue may carry a **context rule** (``require`` / ``forbid`` nearby words or
word classes, within ``within`` words on one ``side``, inside its sentence):
"million" counts as economic only near a money word, "suffered" as human
interest only after a person word, and a ``negation`` or ``hedge`` word
before a cue can drop it. A rule only removes a match at a position (a shorter
cue of the same list may then match there); checking it reads at most
``within`` words on each side, so matching stays linear in the text's length.
The format is documented in ``analysis/data/codebooks/README.md``; rules are
read from files by :mod:`analysis.framing.cue_files`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.framing.keys import fold_word
from analysis.text.document import Document

__all__ = [
    "BUILTIN_CLASSES",
    "DEFAULT_WITHIN",
    "RULE_SIDES",
    "CuePattern",
    "CueRule",
    "capitalised_inside",
    "rule_allows",
]

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
    w = fold_word(word)
    return w in _NEGATION_WORDS or w.endswith("n't")


def _is_hedge(word: str) -> bool:
    return fold_word(word) in _HEDGE_WORDS


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
    if rule.forms and tuple(fold_word(w) for w in doc.word_texts[first:end]) not in rule.forms:
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

