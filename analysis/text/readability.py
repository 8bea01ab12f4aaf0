"""Readability: word and sentence counts, and the classic formulas over them.

Two steps, kept apart so that figures can be pooled:

1. :func:`counts_from_words` turns a sequence of words (and a sentence count,
   which may be fractional: a sentence counts toward a voice in proportion to
   its words in that voice) into a :class:`ReadabilityCounts`.
   Counts add up with ``+`` (``sum()`` works too), so an outlet figure is the
   formula applied to the outlet's pooled counts, never an average of article
   scores.
2. The formula functions take counts and are pure arithmetic. Their
   coefficients live in the module-level tables below.

textstat 0.7.13 is the reference implementation: given the same counts every
formula here returns textstat's value (checked to 1e-9 in the tests).

Deviations from textstat
------------------------
- Undefined scores (no words or no sentences) are ``nan``; textstat returns 0.0.
- The counts come from our own segmentation (``analysis.text.document``), not from
  textstat's: textstat ends a sentence at every ``.``, ``!`` or ``?`` (so
  "Mr." and "U.S." end sentences) and then drops "sentences" of two words or
  fewer; it deletes hyphens and em dashes, so "decision-making" is one word
  "decisionmaking" and "word—word" is one word "wordword". We keep a
  hyphenated word as one word whose syllables are the sum of its parts
  (see :func:`analysis.text.syllables.count_syllables`) and split at dashes.
  An initialism is spelled out: "U.S." is 2 syllables and a difficult word
  (textstat reads "US": one syllable, on the easy list as "us").
- The Automated Readability Index counts letters and digits; textstat counts
  every non-space character, punctuation included, and counts tokens made only
  of punctuation as words.
- Hyphenated entries of the Dale-Chall list ("far-off") match as written;
  textstat can never match them because it deletes the hyphen first.
- MTLD is not in textstat.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from analysis.text.syllables import cmu_syllable_table, count_syllables
from analysis.text.words import DICTIONARY_KEY, word_key

__all__ = [
    "ARI",
    "COLEMAN_LIAU",
    "DALE_CHALL",
    "FLESCH_KINCAID",
    "FLESCH_READING_EASE",
    "GUNNING_FOG",
    "MTLD_THRESHOLD",
    "READABILITY_COLUMNS",
    "ReadabilityCounts",
    "SMOG",
    "automated_readability_index",
    "coleman_liau_index",
    "counts_from_words",
    "dale_chall_readability_score",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "gunning_fog",
    "load_easy_words",
    "common_word_share",
    "known_word_share",
    "mtld",
    "polysyllable_share",
    "readability_scores",
    "smog_index",
    "syllables_per_word",
    "unscorable_reason",
    "words_per_sentence",
]

logger = logging.getLogger(__name__)

NAN = float("nan")

# --------------------------------------------------------------------------
# Coefficient tables (published values; the same as textstat 0.7.13 for English)
# --------------------------------------------------------------------------

#: Flesch (1948): 206.835 - 1.015 * words/sentence - 84.6 * syllables/word.
FLESCH_READING_EASE: Mapping[str, float] = MappingProxyType(
    {"base": 206.835, "words_per_sentence": 1.015, "syllables_per_word": 84.6}
)

#: Kincaid et al. (1975): 0.39 * words/sentence + 11.8 * syllables/word - 15.59.
FLESCH_KINCAID: Mapping[str, float] = MappingProxyType(
    {"words_per_sentence": 0.39, "syllables_per_word": 11.8, "constant": -15.59}
)

#: Gunning (1952): 0.4 * (words/sentence + 100 * complex words/words).
GUNNING_FOG: Mapping[str, float] = MappingProxyType(
    {"scale": 0.4, "complex_word_min_syllables": 3}
)

#: McLaughlin (1969): 1.043 * sqrt(30 * polysyllables/sentences) + 3.1291.
SMOG: Mapping[str, float] = MappingProxyType(
    {
        "slope": 1.043,
        "sample_sentences": 30,
        "constant": 3.1291,
        "min_reliable_sentences": 30,
    }
)

#: Coleman & Liau (1975): 0.058 * L - 0.296 * S - 15.8, L and S per 100 words.
COLEMAN_LIAU: Mapping[str, float] = MappingProxyType(
    {"letters_per_100_words": 0.058, "sentences_per_100_words": -0.296, "constant": -15.8}
)

#: Senter & Smith (1967): 4.71 * characters/word + 0.5 * words/sentence - 21.43.
ARI: Mapping[str, float] = MappingProxyType(
    {"characters_per_word": 4.71, "words_per_sentence": 0.5, "constant": -21.43}
)

#: Dale & Chall (1948), word list of Chall & Dale (1995):
#: 0.1579 * % difficult words + 0.0496 * words/sentence, plus 3.6365 when more
#: than 5 % of the words are difficult.
DALE_CHALL: Mapping[str, float] = MappingProxyType(
    {
        "percent_difficult_words": 0.1579,
        "words_per_sentence": 0.0496,
        "adjustment": 3.6365,
        "adjustment_above_percent": 5.0,
    }
)

#: A polysyllable has at least this many syllables (SMOG, polysyllable_share).
POLYSYLLABLE_MIN_SYLLABLES = 3

#: A long word has at least this many letters or digits (textstat's
#: ``count_long_words`` default: more than 6).
LONG_WORD_MIN_LETTERS = 7

#: McCarthy & Jarvis (2010): a factor ends when the running type-token ratio
#: falls to this value.
MTLD_THRESHOLD = 0.72

#: Below this share of words listed in the CMU Pronouncing Dictionary
#: (:func:`known_word_share`) a text is not scored: its syllable counts would
#: be guesses. Measured: the seed articles 0.99, the library-closure fixtures
#: 0.97 to 0.98, English scientific jargon 0.50, German 0.38, Dutch 0.21,
#: "lorem ipsum" 0.26. The dictionary lists many short French, Spanish and
#: Italian words (le, la, de, el...), which score 0.52 to 0.62 and are caught
#: by :data:`MIN_COMMON_WORD_SHARE` instead.
MIN_KNOWN_WORD_SHARE = 0.5

#: Below this share of common English words (the Dale-Chall easy list,
#: :func:`common_word_share`) a text is not scored as English. Measured: the
#: seed articles 0.62 to 0.70, English social-media text 0.37, English
#: scientific jargon 0.21; French 0.08, Italian 0.09, Portuguese 0.07,
#: Spanish 0.04, "lorem ipsum" 0.10.
MIN_COMMON_WORD_SHARE = 0.15

#: The two vocabulary tests above need this many words with letters; shorter
#: texts are judged by their ``language`` field only.
MIN_WORDS_FOR_VOCABULARY_TEST = 20

#: Values of the ``language`` front-matter field read as English (lower case;
#: regional variants such as ``en-GB`` or ``en_US`` count as ``en``).
ENGLISH_LANGUAGES: frozenset[str] = frozenset({"en", "eng", "english"})

#: Output columns of :func:`readability_scores`, in order.
READABILITY_COLUMNS: tuple[str, ...] = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "words_per_sentence",
    "syllables_per_word",
    "polysyllable_share",
    "mtld",
)

_EASY_WORDS_RESOURCE = ("textstat", "resources/en/easy_words.txt")


# --------------------------------------------------------------------------
# Word list
# --------------------------------------------------------------------------


def _read_word_list(lines: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in (line.strip().lower() for line in lines) if w)


@lru_cache(maxsize=1)
def _default_easy_words() -> frozenset[str]:
    package, name = _EASY_WORDS_RESOURCE
    ref = resources.files(package).joinpath(name)
    with ref.open(encoding="utf-8") as handle:
        return _read_word_list(handle)


def load_easy_words(path: str | Path | None = None) -> frozenset[str]:
    """Load the Dale-Chall list of words familiar to most fourth-graders.

    Parameters
    ----------
    path : str or Path, optional
        A UTF-8 text file with one word per line, to use instead of the
        default list. Blank lines are ignored; words are lower-cased.

    Returns
    -------
    frozenset[str]
        The default is the list textstat 0.7.13 ships
        (``textstat/resources/en/easy_words.txt``, 2,941 words), read from the
        installed package; see analysis/data/README.md.

    References
    ----------
    Chall, J. S., & Dale, E. (1995). Readability Revisited: The New Dale-Chall
    Readability Formula. Brookline Books.
    """
    if path is None:
        return _default_easy_words()
    with open(path, encoding="utf-8") as handle:
        return _read_word_list(handle)


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """The dictionary key of a word (:data:`analysis.text.words.DICTIONARY_KEY`)."""
    return word_key(word, **DICTIONARY_KEY)


@lru_cache(maxsize=65536)
def _word_profile(word: str) -> tuple[int, int, str]:
    """Syllables, letters-or-digits and lookup key of one word."""
    return count_syllables(word), sum(ch.isalnum() for ch in word), _word_key(word)


# --------------------------------------------------------------------------
# Is the text English enough to score?
# --------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


@lru_cache(maxsize=65536)
def _in_dictionary(word: str) -> bool | None:
    """True/False for a word with letters (listed in CMU or not); None for numbers."""
    key = _word_key(word)
    if not any(ch.isalpha() for ch in key):
        return None
    table = cmu_syllable_table()
    if key in table or key + "." in table:
        return True
    parts = [p for p in key.replace(".", "-").split("-") if p]
    if len(parts) > 1:
        return all(p in table or p + "." in table or not any(c.isalpha() for c in p) for p in parts)
    return False


@lru_cache(maxsize=65536)
def _vocabulary_profile(word: str) -> tuple[bool, bool | None, bool]:
    """What :func:`unscorable_reason` asks of one word, in one cached lookup.

    Returns
    -------
    tuple
        Whether the word has a letter; whether its key is in the pronouncing
        dictionary (:func:`_in_dictionary`; None when the key has no letter,
        the words both shares leave out); whether its key is a common word
        (the default Dale-Chall easy list).
    """
    return _has_letter(word), _in_dictionary(word), _word_key(word) in _default_easy_words()


def known_word_share(words: Iterable[str]) -> float:
    """Share of the words with letters that the CMU Pronouncing Dictionary lists.

    Estimates how much of a text is English vocabulary, the condition for the
    readability formulas (and the English lexicons of tone and stance) to mean
    anything. Higher = more English words. Numbers are left out; a hyphenated
    word counts as known when each part is; an initialism ("U.S") when its
    letters are.

    Returns
    -------
    float
        ``known / words with letters``; ``nan`` when no word has a letter.
    """
    return _known_share(Counter(words))


def _known_share(counts: Counter[str]) -> float:
    known = total = 0
    for word, k in counts.items():
        hit = _in_dictionary(word)
        if hit is None:
            continue
        total += k
        known += k if hit else 0
    return known / total if total else NAN


def common_word_share(words: Iterable[str], easy_words: Collection[str] | None = None) -> float:
    """Share of the words with letters that are common English words.

    Estimates whether a text is English at all: English prose, even jargon,
    is held together by common words ("the", "of", "was"); other languages
    share few of them. Higher = more common English words. The list is the
    Dale-Chall easy list (:func:`load_easy_words`); numbers are left out.

    Returns
    -------
    float
        ``common / words with letters``; ``nan`` when no word has a letter.
    """
    return _common_share(Counter(words), _default_easy_words() if easy_words is None else easy_words)


def _common_share(counts: Counter[str], easy: Collection[str]) -> float:
    common = total = 0
    for word, k in counts.items():
        key = _word_key(word)
        if not _has_letter(key):
            continue
        total += k
        common += k if key in easy else 0
    return common / total if total else NAN


def unscorable_reason(words: Sequence[str], language: str | None = "en") -> str | None:
    """Why a text should get no English readability (tone, stance) scores, or None.

    The rule: a text is scored when its ``language`` is English
    (:data:`ENGLISH_LANGUAGES`, any region) and, if it has at least
    :data:`MIN_WORDS_FOR_VOCABULARY_TEST` words with letters, at least
    :data:`MIN_KNOWN_WORD_SHARE` of them are in the CMU Pronouncing Dictionary
    (:func:`known_word_share`) and at least :data:`MIN_COMMON_WORD_SHARE` are
    common English words (:func:`common_word_share`). A text with no word at
    all is left to the formulas (their scores are NaN anyway).

    Parameters
    ----------
    words : sequence of str
        The text's words (``Document.word_texts``).
    language : str, optional
        The ``language`` front-matter field; empty means English.

    Returns
    -------
    str or None
        A short reason ("language 'fr' is not English", "only 31% of its
        words are in the pronouncing dictionary") or None when the text is
        scored.
    """
    code = str(language or "en").strip().lower().replace("_", "-")
    if code.split("-")[0] not in ENGLISH_LANGUAGES:
        return f"language {language!r} is not English"
    # one pass over the distinct words: the same counts as known_word_share and
    # common_word_share (both over the words whose key has a letter)
    lettered = scored = known = common = 0
    profile = _vocabulary_profile
    for word, k in Counter(words).items():
        has_letter, listed, easy = profile(word)
        if has_letter:
            lettered += k
        if listed is not None:
            scored += k
            known += k if listed else 0
            common += k if easy else 0
    if lettered < MIN_WORDS_FOR_VOCABULARY_TEST:
        return None
    share = known / scored if scored else NAN
    if share < MIN_KNOWN_WORD_SHARE:
        return (
            f"only {share:.0%} of its words are in the pronouncing dictionary, "
            f"below {MIN_KNOWN_WORD_SHARE:.0%}: another language, or not prose?"
        )
    share = common / scored if scored else NAN
    if share < MIN_COMMON_WORD_SHARE:
        return (
            f"only {share:.0%} of its words are common English words, "
            f"below {MIN_COMMON_WORD_SHARE:.0%}: another language?"
        )
    return None


# --------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadabilityCounts:
    """Word and sentence counts that the readability formulas need.

    Counts pool by addition: ``a + b`` (or ``sum(counts_list)``) is the count
    of the two texts taken together.

    Attributes
    ----------
    n_sentences : float
        Sentences; fractional when a sentence is shared between voices.
    n_words : int
        Words (our word rule).
    n_syllables : int
        Syllables over all words (:func:`analysis.text.syllables.count_syllables`).
    n_polysyllable_words : int
        Words of three or more syllables (SMOG, polysyllable share).
    n_complex_words : int
        Words of three or more syllables that are not on the Dale-Chall easy
        list: textstat's version of Gunning's "hard words".
    n_letters : int
        Letters and digits inside words (Coleman-Liau, ARI).
    n_long_words : int
        Words of seven or more letters or digits.
    n_difficult_words : int
        Words not on the Dale-Chall easy list (looked up lower-cased, as
        written: inflections and proper names count as difficult, as in
        textstat).
    """

    n_sentences: float = 0.0
    n_words: int = 0
    n_syllables: int = 0
    n_polysyllable_words: int = 0
    n_complex_words: int = 0
    n_letters: int = 0
    n_long_words: int = 0
    n_difficult_words: int = 0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value >= 0):
                raise ValueError(f"{f.name} must be a finite number >= 0, got {value!r}")

    def __add__(self, other: object) -> ReadabilityCounts:
        if not isinstance(other, ReadabilityCounts):
            return NotImplemented
        return ReadabilityCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def __radd__(self, other: object) -> ReadabilityCounts:
        # lets sum() start from its default 0
        if isinstance(other, int) and other == 0:
            return self
        return NotImplemented


def counts_from_words(
    words: Sequence[str],
    n_sentences: float,
    easy_words: Collection[str] | None = None,
) -> ReadabilityCounts:
    """Count what the readability formulas need in a sequence of words.

    Parameters
    ----------
    words : sequence of str
        The words, as ``analysis.text.document`` cuts them (``Document.word_texts``, or
        the words of one voice).
    n_sentences : float
        Sentences these words make up (fractional for a voice).
    easy_words : collection of str, optional
        Lower-case Dale-Chall easy words; default :func:`load_easy_words`.

    Returns
    -------
    ReadabilityCounts

    Raises
    ------
    ValueError
        If ``n_sentences`` is negative or not finite.
    """
    easy = _default_easy_words() if easy_words is None else easy_words
    n_syllables = n_poly = n_complex = n_letters = n_long = n_difficult = 0
    poly_min = POLYSYLLABLE_MIN_SYLLABLES
    complex_min = GUNNING_FOG["complex_word_min_syllables"]
    long_min = LONG_WORD_MIN_LETTERS
    profile = _word_profile
    # each distinct spelling is looked at once, weighted by its frequency
    for word, k in Counter(words).items():
        syllables, letters, key = profile(word)
        n_syllables += k * syllables
        n_letters += k * letters
        if syllables >= poly_min:
            n_poly += k
        if letters >= long_min:
            n_long += k
        if key not in easy:
            n_difficult += k
            if syllables >= complex_min:
                n_complex += k
    return ReadabilityCounts(
        n_sentences=n_sentences,
        n_words=len(words),
        n_syllables=n_syllables,
        n_polysyllable_words=n_poly,
        n_complex_words=n_complex,
        n_letters=n_letters,
        n_long_words=n_long,
        n_difficult_words=n_difficult,
    )


def _undefined(counts: ReadabilityCounts) -> bool:
    return counts.n_words == 0 or counts.n_sentences == 0


# --------------------------------------------------------------------------
# Formulas
# --------------------------------------------------------------------------


def words_per_sentence(counts: ReadabilityCounts) -> float:
    """Mean sentence length in words.

    Higher = longer sentences, harder to read.

    ``n_words / n_sentences``; ``nan`` without words or sentences.
    """
    if _undefined(counts):
        return NAN
    return counts.n_words / counts.n_sentences


def syllables_per_word(counts: ReadabilityCounts) -> float:
    """Mean word length in syllables.

    Higher = longer words, harder to read.

    ``n_syllables / n_words``; ``nan`` without words.
    """
    if counts.n_words == 0:
        return NAN
    return counts.n_syllables / counts.n_words


def polysyllable_share(counts: ReadabilityCounts) -> float:
    """Share of words with three or more syllables (0 to 1).

    Higher = more long words, harder to read.

    ``n_polysyllable_words / n_words``; ``nan`` without words.
    """
    if counts.n_words == 0:
        return NAN
    return counts.n_polysyllable_words / counts.n_words


def flesch_reading_ease(counts: ReadabilityCounts) -> float:
    """Flesch Reading Ease.

    Estimates ease of reading on a scale that runs roughly from 0 (very
    difficult, academic prose) to 100 (very easy); values outside that range
    occur. Higher = easier to read.

    ``206.835 - 1.015 * words/sentence - 84.6 * syllables/word``
    (coefficients in :data:`FLESCH_READING_EASE`).

    References
    ----------
    Flesch, R. (1948). A new readability yardstick. Journal of Applied
    Psychology, 32(3), 221-233.

    Deviations
    ----------
    ``nan`` when there are no words or no sentences (textstat: 0.0).
    """
    if _undefined(counts):
        return NAN
    c = FLESCH_READING_EASE
    return (
        c["base"]
        - c["words_per_sentence"] * words_per_sentence(counts)
        - c["syllables_per_word"] * syllables_per_word(counts)
    )


def flesch_kincaid_grade(counts: ReadabilityCounts) -> float:
    """Flesch-Kincaid grade level.

    Estimates the US school grade whose pupils can read the text.
    Higher = harder to read.

    ``0.39 * words/sentence + 11.8 * syllables/word - 15.59``
    (coefficients in :data:`FLESCH_KINCAID`).

    References
    ----------
    Kincaid, J. P., Fishburne, R. P., Rogers, R. L., & Chissom, B. S. (1975).
    Derivation of new readability formulas for Navy enlisted personnel.
    Research Branch Report 8-75, Naval Technical Training Command.

    Deviations
    ----------
    ``nan`` when there are no words or no sentences (textstat: 0.0).
    """
    if _undefined(counts):
        return NAN
    c = FLESCH_KINCAID
    return (
        c["words_per_sentence"] * words_per_sentence(counts)
        + c["syllables_per_word"] * syllables_per_word(counts)
        + c["constant"]
    )


def gunning_fog(counts: ReadabilityCounts) -> float:
    """Gunning Fog index.

    Estimates the years of formal education a reader needs to understand the
    text on first reading. Higher = harder to read.

    ``0.4 * (words/sentence + 100 * complex words/words)``, a complex word
    having three or more syllables (coefficients in :data:`GUNNING_FOG`).

    References
    ----------
    Gunning, R. (1952). The Technique of Clear Writing. McGraw-Hill.

    Deviations
    ----------
    Gunning excluded proper nouns, familiar compounds and words made
    three-syllable by -ed or -es; like textstat we instead exclude words on
    the Dale-Chall easy list (``n_complex_words``). ``nan`` when there are no
    words or no sentences (textstat: 0.0).
    """
    if _undefined(counts):
        return NAN
    percent_complex = 100 * counts.n_complex_words / counts.n_words
    return GUNNING_FOG["scale"] * (words_per_sentence(counts) + percent_complex)


def smog_index(counts: ReadabilityCounts, warn: bool = True) -> float:
    """SMOG grade (Simple Measure of Gobbledygook).

    Estimates the school grade a reader needs to fully understand the text.
    Higher = harder to read.

    ``1.043 * sqrt(30 * polysyllables/sentences) + 3.1291``
    (coefficients in :data:`SMOG`). The formula was fitted on samples of 30
    sentences; with fewer it is unreliable and a warning is logged.

    References
    ----------
    McLaughlin, G. H. (1969). SMOG grading: a new readability formula.
    Journal of Reading, 12(8), 639-646.

    Deviations
    ----------
    McLaughlin counts polysyllables in 30 sampled sentences; we (and textstat)
    scale the whole text's rate to 30 sentences. ``nan`` when there are no
    words or no sentences (textstat: 0.0 without sentences).
    """
    if _undefined(counts):
        return NAN
    c = SMOG
    if warn and counts.n_sentences < c["min_reliable_sentences"]:
        logger.warning(
            "SMOG index on %g sentences (fewer than %d): the score is unreliable",
            counts.n_sentences,
            c["min_reliable_sentences"],
        )
    rate = c["sample_sentences"] * (counts.n_polysyllable_words / counts.n_sentences)
    return c["slope"] * rate**0.5 + c["constant"]


def coleman_liau_index(counts: ReadabilityCounts) -> float:
    """Coleman-Liau index.

    Estimates the US school grade from word length in letters rather than
    syllables. Higher = harder to read.

    ``0.058 * L - 0.296 * S - 15.8`` with L = letters per 100 words and
    S = sentences per 100 words (coefficients in :data:`COLEMAN_LIAU`).

    References
    ----------
    Coleman, M., & Liau, T. L. (1975). A computer readability formula
    designed for machine scoring. Journal of Applied Psychology, 60(2),
    283-284.

    Deviations
    ----------
    Letters include digits (as in textstat). ``nan`` when there are no words
    or no sentences (textstat: 0.0).
    """
    if _undefined(counts):
        return NAN
    c = COLEMAN_LIAU
    letters = counts.n_letters / counts.n_words * 100
    sentences = counts.n_sentences / counts.n_words * 100
    return (
        c["letters_per_100_words"] * letters
        + c["sentences_per_100_words"] * sentences
        + c["constant"]
    )


def automated_readability_index(counts: ReadabilityCounts) -> float:
    """Automated Readability Index (ARI).

    Estimates the US school grade from characters per word and words per
    sentence. Higher = harder to read.

    ``4.71 * characters/word + 0.5 * words/sentence - 21.43``
    (coefficients in :data:`ARI`).

    References
    ----------
    Senter, R. J., & Smith, E. A. (1967). Automated Readability Index.
    AMRL-TR-66-220, Aerospace Medical Research Laboratories, Wright-Patterson
    AFB, Ohio.

    Deviations
    ----------
    Characters are the letters and digits of the words. textstat counts every
    non-space character, punctuation included, and counts punctuation-only
    tokens as words, which raises its score by up to about one grade on news
    text. ``nan`` when there are no words or no sentences (textstat: 0.0).
    """
    if _undefined(counts):
        return NAN
    c = ARI
    return (
        c["characters_per_word"] * (counts.n_letters / counts.n_words)
        + c["words_per_sentence"] * words_per_sentence(counts)
        + c["constant"]
    )


def dale_chall_readability_score(counts: ReadabilityCounts) -> float:
    """Dale-Chall readability score.

    Estimates the reading grade from the share of words that are not familiar
    to most fourth-graders, and sentence length. Scores of 4.9 or lower read
    as grade 4 and below; 9.0 to 9.9 as grades 13 to 15 (college).
    Higher = harder to read.

    ``0.1579 * PDW + 0.0496 * words/sentence``, plus 3.6365 when PDW > 5,
    PDW being the percentage of words not on the easy list
    (coefficients in :data:`DALE_CHALL`).

    References
    ----------
    Dale, E., & Chall, J. S. (1948). A formula for predicting readability.
    Educational Research Bulletin, 27(1), 11-28.
    Chall, J. S., & Dale, E. (1995). Readability Revisited: The New Dale-Chall
    Readability Formula. Brookline Books.

    Deviations
    ----------
    As in textstat, a word is difficult unless it is on the list exactly as
    written (lower-cased): regular inflections ("walked") and proper names
    count as difficult, whereas Dale and Chall treat them as familiar. The
    1948 coefficients are used with the 1995 word list. ``nan`` when there are
    no words or no sentences (textstat: 0.0).
    """
    if _undefined(counts):
        return NAN
    c = DALE_CHALL
    percent_difficult = 100 * counts.n_difficult_words / counts.n_words
    score = (
        c["percent_difficult_words"] * percent_difficult
        + c["words_per_sentence"] * words_per_sentence(counts)
    )
    if percent_difficult > c["adjustment_above_percent"]:
        score += c["adjustment"]
    return score


def _mtld_one_way(tokens: Sequence[str], threshold: float) -> tuple[float, int]:
    """Factor count (with the partial last factor) of one pass."""
    factors = 0.0
    types: set[str] = set()
    seen = 0
    for token in tokens:
        seen += 1
        if token not in types:
            # a new word raises the ratio (it stays above the threshold: it was
            # above it, or the run was empty), so only a repeated word can end a factor
            types.add(token)
        elif len(types) <= threshold * seen:  # len(types) / seen <= threshold, without a division
            factors += 1
            types = set()
            seen = 0
    if seen:
        factors += (1 - len(types) / seen) / (1 - threshold)
    return factors, len(tokens)


def mtld(words: Sequence[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of Textual Lexical Diversity (MTLD).

    Estimates vocabulary variety as the mean length of the word runs over
    which the type-token ratio stays above ``threshold``; unlike the raw
    type-token ratio it hardly depends on text length (for texts of 100 words
    or more). Higher = more varied vocabulary.

    One pass reads the words in order; the running type-token ratio is
    updated word by word and, when it falls to ``threshold`` or below, one
    factor is counted and the run restarts. A leftover run adds the partial
    factor ``(1 - TTR) / (1 - threshold)``. A pass gives
    ``n_words / factors``; MTLD is the mean of a forward and a backward pass.
    Words are compared lower-cased, with ’ read as '.

    Parameters
    ----------
    words : sequence of str
        The words in text order.
    threshold : float
        Type-token ratio that ends a factor; 0.72 as published.

    Returns
    -------
    float
        ``nan`` without words, or when a pass counts no factor at all (every
        word distinct): the diversity is then too high to measure on so few
        words.

    Notes
    -----
    MTLD cannot be pooled from counts. Outlet rows compute it over the
    concatenation of the outlet's articles' word sequences (in article order),
    and voice rows over the voice's words in text order.

    References
    ----------
    McCarthy, P. M., & Jarvis, S. (2010). MTLD, vocd-D, and HD-D: A
    validation study of sophisticated approaches to lexical diversity
    assessment. Behavior Research Methods, 42(2), 381-392.

    Deviations
    ----------
    None in the method. McCarthy and Jarvis advise at least 100 words; shorter
    inputs still get a value.
    """
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be between 0 and 1 (exclusive), got {threshold!r}")
    if not words:
        return NAN
    tokens = list(map(_word_key, words))
    forward, n = _mtld_one_way(tokens, threshold)
    backward, _ = _mtld_one_way(tokens[::-1], threshold)
    if forward == 0 or backward == 0:
        return NAN
    return (n / forward + n / backward) / 2


def readability_scores(
    counts: ReadabilityCounts, words: Sequence[str], warn: bool = True
) -> dict[str, float]:
    """Every readability score of one text (or one voice, or one outlet).

    Parameters
    ----------
    counts : ReadabilityCounts
        Counts of the text (pooled counts for an outlet).
    words : sequence of str
        The words in text order, for :func:`mtld` only.
    warn : bool, default True
        Log the SMOG short-text warning; callers that score many texts turn
        it off and report short texts once (see :func:`analysis.metrics.metrics_table`).

    Returns
    -------
    dict[str, float]
        Keys :data:`READABILITY_COLUMNS`, in that order; undefined scores are
        ``nan``.
    """
    return {
        "flesch_reading_ease": flesch_reading_ease(counts),
        "flesch_kincaid_grade": flesch_kincaid_grade(counts),
        "gunning_fog": gunning_fog(counts),
        "smog_index": smog_index(counts, warn=warn),
        "coleman_liau_index": coleman_liau_index(counts),
        "automated_readability_index": automated_readability_index(counts),
        "dale_chall_readability_score": dale_chall_readability_score(counts),
        "words_per_sentence": words_per_sentence(counts),
        "syllables_per_word": syllables_per_word(counts),
        "polysyllable_share": polysyllable_share(counts),
        "mtld": mtld(words),
    }
