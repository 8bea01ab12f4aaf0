"""Tests for analysis.speech.voice: own voice vs quoted speech, proportional sentences."""

from __future__ import annotations

import pytest

from analysis.core import paths
from analysis.io.corpus import load_story
from analysis.speech.quotes import extract_quotes
from analysis.text.document import make_document
from analysis.speech.voice import quoted_word_mask, reported_word_mask, split_voices, word_voices


def _split(text: str):
    doc = make_document(text)
    return doc, split_voices(doc, extract_quotes(doc))


def test_empty_text():
    doc, split = _split("")
    assert split.words == {"all": (), "own": (), "quoted": (), "reported": ()}
    assert split.n_sentences == {"all": 0.0, "own": 0.0, "quoted": 0.0, "reported": 0.0}


def _split_reported(text: str):
    doc = make_document(text)
    return doc, split_voices(doc, extract_quotes(doc, reported=True))


def test_reported_words_are_a_part_of_the_own_voice():
    # counted by hand: "The ministry said it would review the rules" = 8 words, 5 reported
    doc, split = _split_reported("The ministry said it would review the rules.")
    assert split.words["reported"] == ("it", "would", "review", "the", "rules")
    assert split.words["own"] == doc.word_texts  # reported words stay in the own voice
    assert split.n_sentences["reported"] == pytest.approx(5 / 8)
    assert split.counts["reported"].n_words == 5


def test_quoted_fragment_inside_reported_content_is_quoted_not_reported():
    text = 'The union said the offer was "an insult" and would be rejected.'
    doc, split = _split_reported(text)
    assert split.words["quoted"] == ("an", "insult")
    assert split.words["reported"] == ("the", "offer", "was", "and", "would", "be", "rejected")
    labels = word_voices(doc, extract_quotes(doc, reported=True))
    assert labels[:3] == ["own", "own", "own"]
    assert labels[doc.word_texts.index("an")] == "quoted"
    assert labels.count("reported") == 7
    # three labels partition the words
    assert labels.count("own") + labels.count("quoted") + labels.count("reported") == doc.n_words


def test_without_reported_rows_nothing_is_reported():
    doc, split = _split("The ministry said it would review the rules.")
    assert split.words["reported"] == ()
    assert reported_word_mask(doc, extract_quotes(doc)) == [False] * doc.n_words


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


def _plain_mask(doc, spans):
    """The mask rule word by word: the last span starting at or before the word must hold it."""
    from bisect import bisect_right

    spans = sorted(spans)
    starts = [s for s, _ in spans]
    out = []
    for ws, we in doc.word_bounds:
        i = bisect_right(starts, ws) - 1
        out.append(i >= 0 and spans[i][0] <= ws and we <= spans[i][1])
    return out


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["word", "a", "b-c", "it's", ",", ".", "\n\n", " "]), max_size=40),
    st.lists(st.tuples(st.integers(0, 120), st.integers(0, 40)), max_size=6),
)
def test_mask_equals_the_plain_word_by_word_rule_for_any_spans(parts, raw_spans):
    # overlapping, nested, repeated and empty spans included
    from analysis.speech.quotes import Quote

    doc = make_document(" ".join(parts))
    spans = [(s, s + n) for s, n in raw_spans]
    quotes = [Quote(quote_id=i, start=s, end=e, text="", n_words=0, kind="full", speaker="", verb="",
                    verb_class="", paragraph=0) for i, (s, e) in enumerate(spans)]
    assert quoted_word_mask(doc, quotes) == _plain_mask(doc, spans)


# ----------------------------------------------------------------------------
# voice layout (word flags and sentence weights, used by the framing layer)


def test_voice_layout_counts_a_quoted_sentence_proportionally():
    from analysis.speech.voice import voice_layout

    # by hand: sentence 1 has 5 words (He said We will win), 3 of them quoted; sentence 2 has 3, none quoted
    doc = make_document("He said, \u201cWe will win.\u201d Then he left.")
    layout = voice_layout(doc, extract_quotes(doc))
    assert layout.quoted == (False, False, True, True, True, False, False, False)
    assert layout.sentence_quoted_share == pytest.approx((0.6, 0.0))
    assert layout.n_words == {"all": 8, "own": 5, "quoted": 3}
    assert layout.n_sentences == pytest.approx({"all": 2.0, "own": 1.4, "quoted": 0.6})
    assert layout.sentence_weight(0, "own") == pytest.approx(0.4)
    assert layout.sentence_weight(1, "all") == 1.0
    assert [layout.word_voice(i) for i in (1, 2)] == ["own", "quoted"]


@pytest.mark.parametrize("article", load_story(paths.DEFAULT_STORY).articles, ids=lambda a: a.article_id)
def test_voice_layout_agrees_with_split_voices(article):
    from analysis.speech.voice import voice_layout

    doc = make_document(article.body)
    quotes = extract_quotes(doc)
    layout = voice_layout(doc, quotes)
    split = split_voices(doc, quotes)
    for voice in ("all", "own", "quoted"):
        assert layout.n_words[voice] == len(split.words[voice])
        assert layout.n_sentences[voice] == pytest.approx(split.n_sentences[voice])
    assert sum(layout.sentence_weight(i, "quoted") for i in range(doc.n_sentences)) == pytest.approx(
        split.n_sentences["quoted"]
    )


def test_voice_layout_of_empty_text_and_bad_voice():
    from analysis.speech.voice import VoiceLayout, voice_layout

    layout = voice_layout(make_document(""), ())
    assert layout == VoiceLayout((), (), {"all": 0, "own": 0, "quoted": 0}, {"all": 0.0, "own": 0.0, "quoted": 0.0})
    one = voice_layout(make_document("One."), ())
    with pytest.raises(ValueError, match="valid voices: all, own, quoted"):
        one.sentence_weight(0, "theirs")


def test_voice_layout_lives_in_the_speech_layer_only():
    # one home for voices: the framing codebook no longer offers the voice layout
    from analysis.framing import codebook
    from analysis.speech import voice

    assert "voice_layout" in voice.__all__ and "VoiceLayout" in voice.__all__
    assert not hasattr(codebook, "voice_layout") and not hasattr(codebook, "VoiceLayout")
