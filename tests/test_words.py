"""Word keys (analysis.text.words): one function for the keys each module used to write itself.

Each reference below restates, step by step, a key rule as the module
wrote it before :func:`analysis.text.words.word_key` existed; the property
tests check that the new function gives the same key for any word.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from analysis.compare.distinctive import term_of
from analysis.compare.shingles import normalise_token
from analysis.text import readability, syllables
from analysis.text.words import ALL_APOSTROPHES, HYPHENS, word_key


def dictionary_rule(word: str) -> str:
    """readability._word_key and syllables._normalise as written before."""
    key = unicodedata.normalize("NFC", word.translate(str.maketrans("", "", "\u00ad\u200b\u200c\u200d\u2060\ufeff")))
    key = key.lower()
    for mark in ("\u2019", "\u02bc"):
        key = key.replace(mark, "'")
    return key.lstrip("#@")


def shingle_rule(word: str) -> str:
    """shingles.normalise_token as written before."""
    text = unicodedata.normalize("NFKC", word).casefold()
    return text.translate(str.maketrans("", "", "'\u2019\u2018\u02bc\u2032`")).translate(
        str.maketrans("", "", "-\u2010\u2011"))


def term_rule(word: str) -> str:
    """distinctive.term_of as written before."""
    return word.casefold().translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"}))


def fold_rule(word: str) -> str:
    """The codebook's exact-mode fold: lower-cased, ’ and ʼ read as '."""
    return word.lower().replace("\u2019", "'").replace("\u02bc", "'")


# Words built from the characters where the rules differ: apostrophes and quotation marks,
# hyphens, invisible joiners, sigils, accents (composed and decomposed), ligatures, full-width
# forms, digits, letters whose case folding differs from lower-casing.
TRICKY = (
    "'\u2019\u2018\u02bc\u2032`\u201c\u201d\"-\u2010\u2011\u2013\u00ad\u200b\u200c\u200d\u2060\ufeff#@"
    "e\u0301\u00e9\u00c9\ufb01\uff21\uff07\ufe63\u00df\u1e9e\u03a3\u03c2\u0130Dz\u01c5"
)
words = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(codec="utf-8", exclude_categories=("Cs",)),
                max_size=12)


@given(words)
def test_the_dictionary_key_is_the_old_lookup_key(word):
    assert readability._word_key(word) == dictionary_rule(word)
    assert syllables._normalise(word) == dictionary_rule(word)


@given(words)
def test_shingle_tokens_are_unchanged(word):
    assert normalise_token(word) == shingle_rule(word)


@given(words)
def test_distinctive_terms_are_unchanged(word):
    assert term_of(word) == term_rule(word)


@given(words)
def test_the_default_key_is_the_codebook_fold(word):
    assert word_key(word) == fold_rule(word)


def test_examples_worked_by_hand():
    assert word_key("It\u2019s") == "it's"
    assert word_key("It\u2018s") == "it\u2018s"  # the opening mark is kept by default
    assert word_key("It\u2018s", casefold=True, apostrophes="\u2019\u2018\u02bc") == "it's"
    assert word_key("Stra\u00dfe") == "stra\u00dfe" and word_key("Stra\u00dfe", casefold=True) == "strasse"
    # a soft hyphen between a letter and its accent: deleted first, the two compose into one letter
    assert word_key("#Cafe\u00ad\u0301", invisible=True, form="NFC", sigils="#@") == "caf\u00e9"
    assert word_key("Cafe\u00ad\u0301", form="NFC") == "cafe\u00ad\u0301"
    assert word_key("CO-WORKER\u2019S", form="NFKC", casefold=True, apostrophes=ALL_APOSTROPHES, apostrophe="",
                    remove=HYPHENS) == "coworkers"
    assert word_key("\ufb01ne", form="NFKC") == "fine" and word_key("\ufb01ne") == "\ufb01ne"
    assert normalise_token("It\u2019s") == "its" and term_of("It\u2019s") == "it's"
