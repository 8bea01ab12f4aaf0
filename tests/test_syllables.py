"""Tests for analysis.text.syllables.

Expected counts are the vowel phones (phones with a stress digit) of the first
pronunciation in the CMU Pronouncing Dictionary, counted by hand from the entry
quoted in each comment.
"""

from __future__ import annotations

import pytest

from analysis.text.syllables import count_syllables


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("", 0),
        ("--", 0),  # no letter or digit
        ("the", 1),  # DH AH0
        ("cat", 1),  # K AE1 T
        ("chocolate", 2),  # CH AO1 K L AH0 T  (first of CMU's pronunciations)
        ("every", 3),  # EH1 V ER0 IY0
        ("fire", 2),  # F AY1 ER0
        ("hour", 2),  # AW1 ER0
        ("poem", 2),  # P OW1 AH0 M
        ("business", 2),  # B IH1 Z N AH0 S
        ("different", 3),  # D IH1 F ER0 AH0 N T
        ("family", 3),  # F AE1 M AH0 L IY0
        ("idea", 3),  # AY0 D IY1 AH0
        ("comfortable", 4),  # K AH1 M F ER0 T AH0 B AH0 L
        ("february", 4),  # F EH1 B Y AH0 W EH2 R IY0
        ("investigation", 5),  # IH2 N V EH2 S T AH0 G EY1 SH AH0 N
        ("hmm", 0),  # HH M: the dictionary gives it no vowel, as textstat counts
    ],
)
def test_dictionary_words(word, expected):
    assert count_syllables(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Chocolate", 2),  # case does not matter
        ("FAMILY", 3),
        ("It’s", 1),  # curly apostrophe looked up as it's: IH1 T S
        ("it's", 1),
        ("don’t", 1),  # D OW1 N T
    ],
)
def test_case_and_curly_apostrophe(word, expected):
    assert count_syllables(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # not in the dictionary: sum of the parts
        ("decision-making", 5),  # D IH0 S IH1 ZH AH0 N (3) + M EY1 K IH0 NG (2)
        ("well-known", 2),  # W EH1 L (1) + N OW1 N (1)
        # in the dictionary as one hyphenated entry
        ("african-american", 7),  # AE1 F R IH0 K AH0 N AH0 M EH1 R IH0 K AH0 N
        ("African-American", 7),
    ],
)
def test_hyphenated_words(word, expected):
    assert count_syllables(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("U.S", 2),  # entry "u.s.": Y UW2 EH1 S (not "u.s", listed as Y UW1 Z)
        ("a.m", 2),  # entry "a.m.": EY1 EH1 M
        ("l.a", 2),  # no entry "l.a.": letter names "l." EH1 L + "a." EY1
    ],
)
def test_initialisms_are_spelled_out(word, expected):
    assert count_syllables(word) == expected


@pytest.mark.parametrize("sigil", ["#", "@"])
def test_tag_sigil_is_not_spoken(sigil):
    assert count_syllables(sigil + "Family") == 3


def test_unknown_word_falls_back_to_pyphen_plus_one():
    from pyphen import Pyphen

    word = "askmoreofhim"  # not in the CMU dictionary
    from analysis.text.syllables import cmu_syllable_table

    assert word not in cmu_syllable_table()
    expected = len(Pyphen(lang="en_US").positions(word)) + 1
    assert count_syllables(word) == expected


@pytest.mark.parametrize(
    "word",
    [
        "the", "chocolate", "february", "investigation", "it's", "hmm",
        "askmoreofhim", "covid", "2024", "instagram", "realtor", "wednesday",
    ],
)
def test_single_words_agree_with_textstat(word):
    """Our counter and textstat's agree on words where both see the same string."""
    textstat = pytest.importorskip("textstat")
    from textstat_compat import use_local_cmudict

    use_local_cmudict()
    assert count_syllables(word) == textstat.syllable_count(word)
