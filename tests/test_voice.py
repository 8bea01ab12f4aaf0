"""Tests for analysis.voice: own voice vs quoted speech, proportional sentences."""

from __future__ import annotations

import pytest

from analysis.quotes import extract_quotes
from analysis.text import make_document
from analysis.voice import quoted_word_mask, split_voices


def _split(text: str):
    doc = make_document(text)
    return doc, split_voices(doc, extract_quotes(doc))


def test_empty_text():
    doc, split = _split("")
    assert split.words == {"all": (), "own": (), "quoted": ()}
    assert split.n_sentences == {"all": 0.0, "own": 0.0, "quoted": 0.0}


def test_trailing_attribution_is_a_fraction_of_a_sentence():
    # 6 quoted words + "she said" = 8 words in one sentence: quoted 6/8, own 2/8
    doc, split = _split('"We will open the shelter tonight," she said.')
    assert split.words["quoted"] == ("We", "will", "open", "the", "shelter", "tonight")
    assert split.words["own"] == ("she", "said")
    assert split.n_sentences["quoted"] == pytest.approx(6 / 8)
    assert split.n_sentences["own"] == pytest.approx(2 / 8)


def test_name_spans_stay_in_own_voice():
    doc, split = _split('Volunteers from a group called "Safe Streets Now" walked the lane.')
    assert split.words["quoted"] == ()
    assert "Safe" in split.words["own"]


def test_voices_add_up_to_the_whole_article():
    text = ('The mayor spoke first. "We have the money," she said. "It was never in doubt."\n\n'
            "Critics disagreed with the plan.")
    doc, split = _split(text)
    assert len(split.words["own"]) + len(split.words["quoted"]) == doc.n_words
    assert split.n_sentences["own"] + split.n_sentences["quoted"] == pytest.approx(doc.n_sentences)
    total = split.counts["own"] + split.counts["quoted"]
    assert total.n_words == split.counts["all"].n_words
    assert total.n_syllables == split.counts["all"].n_syllables


def test_mask_marks_exactly_the_words_inside_speech_spans():
    doc = make_document('He said "go now" and left.')
    mask = quoted_word_mask(doc, extract_quotes(doc))
    assert [w for w, m in zip(doc.word_texts, mask) if m] == ["go", "now"]
