"""Tests for analysis.text.readability.

Hand-checked texts
------------------
"The cat sat on the mat." : 1 sentence, 6 words, 6 syllables (one vowel each
in CMU), 17 letters, no word of 3+ syllables, every word on the easy list.

"Officials announced a comprehensive investigation. Residents were furious.":
2 sentences, 8 words. Syllables from the CMU entries: officials 3 (AH0 IH1
AH0), announced 2, a 1, comprehensive 4 (AA2 IY0 EH1 IH0), investigation 5
(IH2 EH2 AH0 EY1 AH0), residents 3, were 1, furious 3 (UH1 IY0 AH0) = 22.
Polysyllables: officials, comprehensive, investigation, residents, furious = 5.
On the easy list: a, were; so 6 difficult words, of which 5 have 3+ syllables.
Letters 9+9+1+13+13+9+4+7 = 65; 7+ letters: all but "a" and "were" = 6.
"""

from __future__ import annotations

import logging
import math
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text import readability as r
from analysis.text.readability import READABILITY_COLUMNS, ReadabilityCounts, counts_from_words
from analysis.text.document import make_document
from textstat_compat import TEXTSTAT_FUNCTIONS

CAT = "The cat sat on the mat."
OFFICIALS = "Officials announced a comprehensive investigation. Residents were furious."

FORMULAS = {
    "flesch_reading_ease": r.flesch_reading_ease,
    "flesch_kincaid_grade": r.flesch_kincaid_grade,
    "gunning_fog": r.gunning_fog,
    "smog_index": r.smog_index,
    "coleman_liau_index": r.coleman_liau_index,
    "automated_readability_index": r.automated_readability_index,
    "dale_chall_readability_score": r.dale_chall_readability_score,
    "words_per_sentence": r.words_per_sentence,
    "syllables_per_word": r.syllables_per_word,
    "polysyllable_share": r.polysyllable_share,
}


def _counts_of(text: str) -> tuple[ReadabilityCounts, tuple[str, ...]]:
    doc = make_document(text)
    return counts_from_words(doc.word_texts, doc.n_sentences), doc.word_texts


# ---------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ReadabilityCounts()),
        (
            CAT,
            ReadabilityCounts(
                n_sentences=1, n_words=6, n_syllables=6, n_polysyllable_words=0,
                n_complex_words=0, n_letters=17, n_long_words=0, n_difficult_words=0,
            ),
        ),
        (
            OFFICIALS,
            ReadabilityCounts(
                n_sentences=2, n_words=8, n_syllables=22, n_polysyllable_words=5,
                n_complex_words=5, n_letters=65, n_long_words=6, n_difficult_words=6,
            ),
        ),
    ],
)
def test_counts_of_hand_checked_texts(text, expected):
    counts, _ = _counts_of(text)
    assert counts == expected


@pytest.mark.parametrize(
    ("word", "difficult"),
    [
        ("don't", False),
        ("don’t", False),  # curly apostrophe matches the list's straight one
        ("walk", False),
        ("walked", True),  # inflections are not on the list (textstat's rule)
        ("far-off", False),  # hyphenated list entry matches as written
        ("London", True),  # proper names count as difficult
        ("2024", True),
    ],
)
def test_difficult_words_follow_the_easy_list(word, difficult):
    assert counts_from_words([word], 1).n_difficult_words == int(difficult)


def test_long_word_threshold_is_seven_letters():
    counts = counts_from_words(["sixsix", "sevenss", "it’s-a"], 1)
    assert counts.n_long_words == 1
    assert counts.n_letters == 6 + 7 + 4


def test_custom_easy_word_list(tmp_path):
    path = tmp_path / "easy.txt"
    path.write_text("Officials\n\nfurious\n", encoding="utf-8")
    easy = r.load_easy_words(path)
    assert easy == frozenset({"officials", "furious"})
    counts = counts_from_words(["officials", "furious", "a"], 1, easy_words=easy)
    assert counts.n_difficult_words == 1  # only "a", which this list lacks


def test_default_easy_list_is_textstats():
    easy = r.load_easy_words()
    assert len(easy) == 2941
    assert {"a", "the", "don't", "far-off"} <= easy


# ---------------------------------------------------------------- pooling


def test_pooling_adds_every_count():
    a, wa = _counts_of(CAT)
    b, wb = _counts_of(OFFICIALS)
    pooled = a + b
    assert pooled == counts_from_words(wa + wb, 3)
    assert sum([a, b]) == pooled
    assert a + ReadabilityCounts() == a


def test_pooled_score_is_not_the_mean_of_scores():
    a, _ = _counts_of(CAT)
    b, _ = _counts_of(OFFICIALS)
    # pooled: 14 words, 3 sentences, 28 syllables
    expected = 206.835 - 1.015 * 14 / 3 - 84.6 * 28 / 14
    assert r.flesch_reading_ease(a + b) == pytest.approx(expected)
    mean = (r.flesch_reading_ease(a) + r.flesch_reading_ease(b)) / 2
    assert r.flesch_reading_ease(a + b) != pytest.approx(mean)


def test_fractional_sentences():
    counts = ReadabilityCounts(n_sentences=2.5, n_words=10, n_syllables=15)
    assert r.words_per_sentence(counts) == pytest.approx(4.0)
    assert r.flesch_reading_ease(counts) == pytest.approx(206.835 - 1.015 * 4 - 84.6 * 1.5)


def test_adding_something_else_is_a_type_error():
    with pytest.raises(TypeError):
        ReadabilityCounts() + 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"n_sentences": -1},
        {"n_sentences": float("nan")},
        {"n_sentences": float("inf")},
        {"n_words": -3},
        {"n_letters": "7"},
    ],
)
def test_invalid_counts_raise_value_error(kwargs):
    with pytest.raises(ValueError):
        ReadabilityCounts(**kwargs)


# ---------------------------------------------------------------- formulas


@pytest.mark.parametrize(
    ("text", "column", "expected"),
    [
        (CAT, "flesch_reading_ease", 206.835 - 1.015 * 6 - 84.6 * 1),  # 116.145
        (CAT, "flesch_kincaid_grade", 0.39 * 6 + 11.8 * 1 - 15.59),  # -1.45
        (CAT, "gunning_fog", 0.4 * 6),
        (CAT, "smog_index", 3.1291),
        (CAT, "coleman_liau_index", 0.058 * 1700 / 6 - 0.296 * 100 / 6 - 15.8),  # -4.3
        (CAT, "automated_readability_index", 4.71 * 17 / 6 + 0.5 * 6 - 21.43),
        (CAT, "dale_chall_readability_score", 0.0496 * 6),
        (CAT, "words_per_sentence", 6.0),
        (CAT, "syllables_per_word", 1.0),
        (CAT, "polysyllable_share", 0.0),
        (OFFICIALS, "flesch_reading_ease", -29.875),  # 206.835 - 4.06 - 232.65
        (OFFICIALS, "flesch_kincaid_grade", 18.42),  # 1.56 + 32.45 - 15.59
        (OFFICIALS, "gunning_fog", 26.6),  # 0.4 * (4 + 62.5)
        (OFFICIALS, "smog_index", 1.043 * math.sqrt(75) + 3.1291),  # 12.1617...
        (OFFICIALS, "coleman_liau_index", 23.925),  # 47.125 - 7.4 - 15.8
        (OFFICIALS, "automated_readability_index", 18.83875),  # 38.26875 + 2 - 21.43
        (OFFICIALS, "dale_chall_readability_score", 15.6774),  # 11.8425 + .1984 + 3.6365
        (OFFICIALS, "words_per_sentence", 4.0),
        (OFFICIALS, "syllables_per_word", 2.75),
        (OFFICIALS, "polysyllable_share", 0.625),
    ],
)
def test_hand_checked_scores(text, column, expected):
    counts, words = _counts_of(text)
    assert r.readability_scores(counts, words)[column] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("n_difficult", "expected"),
    [
        (5, 0.1579 * 5 + 0.0496 * 10),  # exactly 5 %: no adjustment
        (6, 0.1579 * 6 + 0.0496 * 10 + 3.6365),  # above 5 %: adjusted
    ],
)
def test_dale_chall_adjustment_starts_above_five_percent(n_difficult, expected):
    counts = ReadabilityCounts(n_sentences=10, n_words=100, n_difficult_words=n_difficult)
    assert r.dale_chall_readability_score(counts) == pytest.approx(expected)


@pytest.mark.parametrize(
    "counts",
    [
        ReadabilityCounts(),
        ReadabilityCounts(n_sentences=3),  # sentences but no words
        ReadabilityCounts(n_words=5, n_syllables=7, n_letters=20),  # words, no sentence
    ],
)
@pytest.mark.parametrize("column", list(FORMULAS))
def test_undefined_scores_are_nan(counts, column):
    value = FORMULAS[column](counts)
    if counts.n_words and column in {"syllables_per_word", "polysyllable_share"}:
        assert not math.isnan(value)  # per-word ratios need no sentence
    else:
        assert math.isnan(value)


def test_empty_text_gives_all_nan_in_column_order():
    counts, words = _counts_of("")
    scores = r.readability_scores(counts, words)
    assert tuple(scores) == READABILITY_COLUMNS
    assert all(math.isnan(v) for v in scores.values())


def test_columns_cover_every_formula_and_mtld():
    assert set(READABILITY_COLUMNS) == set(FORMULAS) | {"mtld"}


@pytest.mark.parametrize(("n_sentences", "warns"), [(1, True), (29.5, True), (30, False)])
def test_smog_warns_below_thirty_sentences(caplog, n_sentences, warns):
    counts = ReadabilityCounts(n_sentences=n_sentences, n_words=300, n_polysyllable_words=30)
    with caplog.at_level(logging.WARNING, logger="analysis.text.readability"):
        r.smog_index(counts)
    assert any("SMOG" in rec.getMessage() for rec in caplog.records) == warns


# ---------------------------------------------------------------- MTLD


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], float("nan")),
        (["one", "two", "three"], float("nan")),  # all distinct: no factor either way
        # a|a -> factor at TTR .5, twice: 4 / 2 both ways
        (["a", "a", "a", "a"], 2.0),
        # forward and backward: TTR ends at 3/4, partial (1-.75)/.28, 4 / that
        (["a", "b", "c", "a"], 4 * 0.28 / 0.25),
        # forward: factor at "a a", rest "b c" TTR 1 -> 4/1; backward as above 4.48
        (["a", "a", "b", "c"], (4 + 4.48) / 2),
        # TTR 5/6 at the end both ways: 6 / ((1 - 5/6) / .28) = 10.08
        (["The", "cat", "sat", "on", "the", "mat"], 10.08),
        # case and curly apostrophe are ignored: one type, factor at TTR .5
        (["It’s", "it's"], 2.0),
    ],
)
def test_mtld_hand_checked(words, expected):
    value = r.mtld(words)
    if math.isnan(expected):
        assert math.isnan(value)
    else:
        assert value == pytest.approx(expected)


def _plain_mtld_pass(tokens, threshold):
    """One MTLD pass as published: add each word, test the ratio after every word."""
    factors, types, seen = 0.0, set(), 0
    for token in tokens:
        types.add(token)
        seen += 1
        if len(types) <= threshold * seen:
            factors, types, seen = factors + 1, set(), 0
    if seen:
        factors += (1 - len(types) / seen) / (1 - threshold)
    return factors, len(tokens)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), max_size=200), st.sampled_from([0.72, 0.5, 0.9, 0.25, 0.75]))
def test_mtld_pass_equals_the_plain_rule(tokens, threshold):
    # the pass only tests the ratio after a repeated word; the result must not change
    assert r._mtld_one_way(tokens, threshold) == _plain_mtld_pass(tokens, threshold)


@pytest.mark.parametrize("threshold", [0, 1, -0.5, 1.5])
def test_mtld_threshold_out_of_range_raises(threshold):
    with pytest.raises(ValueError, match="between 0 and 1"):
        r.mtld(["a", "b"], threshold=threshold)


# ---------------------------------------------------------------- textstat equivalence

# (n_sentences, n_words, n_syllables, n_polysyllables, n_complex, n_letters, n_difficult)
COUNT_CASES = [
    (1, 6, 6, 0, 0, 17, 0),
    (2, 8, 22, 5, 5, 65, 6),
    (31, 640, 930, 71, 52, 3020, 160),
    (7.5, 120, 170, 9, 4, 560, 6),  # a fractional voice share; 5 % difficult
    (3, 3, 9, 3, 3, 30, 3),
]


def _feed_textstat(monkeypatch, counts: ReadabilityCounts) -> None:
    """Make every textstat count function return our counts, whatever the text."""
    import textstat  # noqa: F401

    def count_difficult_words(text, lang, syllable_threshold=2, unique=False):
        # Dale-Chall asks with threshold 0 (every word off the list); Gunning
        # Fog with the English threshold 3 (off the list and 3+ syllables)
        return {0: counts.n_difficult_words, 3: counts.n_complex_words}[syllable_threshold]

    fakes = {
        "count_sentences": lambda text: counts.n_sentences,
        "count_words": lambda text, *a, **k: counts.n_words,
        "count_syllables": lambda text, lang: counts.n_syllables,
        "count_polysyllable_words": lambda text, lang: counts.n_polysyllable_words,
        "count_letters": lambda text: counts.n_letters,
        # ARI: our characters are letters and digits (see module Deviations)
        "count_chars": lambda text, ignore_spaces=True: counts.n_letters,
        "count_difficult_words": count_difficult_words,
    }
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat.backend") and module is not None:
            for attr, fake in fakes.items():
                if attr in vars(module):
                    monkeypatch.setattr(module, attr, fake)
    from textstat_compat import clear_textstat_caches

    clear_textstat_caches()


@pytest.mark.parametrize("case", COUNT_CASES)
@pytest.mark.parametrize("column", list(TEXTSTAT_FUNCTIONS))
def test_formulas_equal_textstat_given_the_same_counts(monkeypatch, case, column):
    textstat = pytest.importorskip("textstat")
    s, w, syl, poly, cx, let, diff = case
    counts = ReadabilityCounts(
        n_sentences=s, n_words=w, n_syllables=syl, n_polysyllable_words=poly,
        n_complex_words=cx, n_letters=let, n_difficult_words=diff,
    )
    _feed_textstat(monkeypatch, counts)
    text = f"placeholder text for case {case!r}"  # textstat's counts are all faked
    theirs = getattr(textstat, TEXTSTAT_FUNCTIONS[column])(text)
    ours = FORMULAS[column](counts)
    assert ours == pytest.approx(theirs, rel=0, abs=1e-9)


@pytest.mark.parametrize("text", [CAT, OFFICIALS])
@pytest.mark.parametrize(
    "column",
    ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
     "coleman_liau_index", "dale_chall_readability_score"],
)
def test_plain_texts_score_as_in_textstat(text, column):
    """On text where both segment alike, the whole pipeline matches textstat."""
    textstat = pytest.importorskip("textstat")
    from textstat_compat import clear_textstat_caches, use_local_cmudict

    use_local_cmudict()
    clear_textstat_caches()
    counts, words = _counts_of(text)
    ours = r.readability_scores(counts, words)[column]
    assert ours == pytest.approx(getattr(textstat, column)(text), abs=1e-9)
