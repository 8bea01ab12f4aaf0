"""The language check counts its words in one pass and gives the reasons of the three-pass check it replaced.

:func:`analysis.text.readability.unscorable_reason` looks each distinct word up
once (letters, pronouncing dictionary, common-word list) instead of once per
share. The REFERENCE below is the check as it was before, built from the public
shares :func:`known_word_share` and :func:`common_word_share`; the tests compare
both on generated word lists (hypothesis) and on the words of every article text
of the repository (the starter story, the test fixtures and both gold sets).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from analysis.text.document import make_document
from analysis.text.readability import (
    ENGLISH_LANGUAGES,
    MIN_COMMON_WORD_SHARE,
    MIN_KNOWN_WORD_SHARE,
    MIN_WORDS_FOR_VOCABULARY_TEST,
    common_word_share,
    known_word_share,
    unscorable_reason,
)

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------
# REFERENCE: the language check before the one-pass count. Only compared against.


def _reference_reason(words, language="en"):
    code = str(language or "en").strip().lower().replace("_", "-")
    if code.split("-")[0] not in ENGLISH_LANGUAGES:
        return f"language {language!r} is not English"
    counts = Counter(words)
    if sum(k for w, k in counts.items() if any(ch.isalpha() for ch in w)) < MIN_WORDS_FOR_VOCABULARY_TEST:
        return None
    share = known_word_share(words)
    if share < MIN_KNOWN_WORD_SHARE:
        return (
            f"only {share:.0%} of its words are in the pronouncing dictionary, "
            f"below {MIN_KNOWN_WORD_SHARE:.0%}: another language, or not prose?"
        )
    share = common_word_share(words)
    if share < MIN_COMMON_WORD_SHARE:
        return (
            f"only {share:.0%} of its words are common English words, "
            f"below {MIN_COMMON_WORD_SHARE:.0%}: another language?"
        )
    return None


# END OF REFERENCE
# ----------------------------------------------------------------------------

# common and uncommon English words, words of other languages, names, numbers,
# hyphenated words, initialisms, curly apostrophes, capitals and digits in words
WORDS = [
    "the", "of", "was", "and", "said", "council", "budget", "Mayor", "THE", "It\u2019s", "don't",
    "decision-making", "far-off", "U.S", "a.m", "1,000", "3.5", "2020", "90s", "#tag", "@handle",
    "Schwimmer", "Arquette", "Quay", "xyzzy", "qwrtp", "la", "el", "und", "der", "nicht", "ist",
    "gouvernement", "ciudad", "\u00e9t\u00e9", "\u00fcber", "stra\u00dfe", "\u4e2d\u6587", "_", "re\u0301sume\u0301",
]


# listed but not common, and not listed: mixed with these, lists reach each reason
RARE = ["legislature", "municipality", "appropriation", "jurisdiction", "Council"]
UNLISTED = ["xyzzy", "qwrtp", "blorf", "Quay", "nicht", "2020", "U.S"]
POOLS = [WORDS, RARE + UNLISTED, RARE * 2 + UNLISTED + ["the"], RARE + ["of", "1,000"]]
word_lists = st.sampled_from(POOLS).flatmap(lambda pool: st.lists(st.sampled_from(pool), max_size=80))


@given(word_lists, st.sampled_from(["en", "en-GB", "", None, "fr", "EN_us"]))
def test_the_one_pass_check_gives_the_reference_reason(words, language):
    assert unscorable_reason(words, language) == _reference_reason(words, language)


def test_both_reasons_and_no_reason_occur_among_the_cases():
    """The comparison above can fail: each outcome of the rule is reached by plain cases."""
    english = ["the", "council", "said", "it", "was", "a", "good", "budget", "and", "of"] * 3
    foreign = ["xyzzy", "qwrtp", "blorf", "snark"] * 6
    no_common = ["legislature", "municipality", "appropriation", "infrastructure", "jurisdiction", "council"] * 4
    assert unscorable_reason(english) is None
    assert unscorable_reason(foreign).startswith("only 0% of its words are in the pronouncing dictionary")
    assert unscorable_reason(no_common).startswith("only 0% of its words are common English words")
    # listed words in the majority, none common, the rest not listed: the second reason
    mixed = ["legislature"] * 14 + ["xyzzy"] * 10
    assert unscorable_reason(mixed).startswith("only 0% of its words are common English words")
    for words in (english, foreign, no_common, mixed):
        assert unscorable_reason(words) == _reference_reason(words)


def test_the_one_pass_check_gives_the_reference_reason_on_every_article_of_the_repository():
    paths = sorted((ROOT / "corpus").rglob("*.md")) + sorted((ROOT / "tests" / "fixtures").rglob("*.md"))
    paths += sorted((ROOT / "gold").rglob("articles/*.md"))
    paths = [p for p in paths if p.name != "README.md"]
    assert len(paths) > 100
    reasons = set()
    for path in paths:
        words = make_document(path.read_bytes().decode("utf-8", errors="replace")).word_texts
        for language in ("en", "de"):
            got = unscorable_reason(words, language)
            assert got == _reference_reason(words, language), path.relative_to(ROOT)
            reasons.add(got is None)
    assert reasons == {True, False}
