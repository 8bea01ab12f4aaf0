"""Tests for analysis.compare.shingles: normalised tokens, streams that skip attribution, the index."""

from __future__ import annotations

import pytest

from analysis.speech.quotes import extract_quotes
from analysis.compare.shingles import build_stream, normalise_token, shared_shingles, shingle_index
from analysis.text.document import make_document


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("", ""),
        ("Men", "men"),
        ("It’s", "its"),
        ("it's", "its"),
        ("co-workers", "coworkers"),
        ("CO\u2011WORKERS", "coworkers"),
        ("#AskMoreOfHim", "#askmoreofhim"),
        ("Straße", "strasse"),  # case folding, not just lower()
        ("ﬁnal", "final"),  # NFKC folds the ligature
    ],
)
def test_normalise_token(word, expected):
    assert normalise_token(word) == expected


def _stream(text: str, **kwargs):
    doc = make_document(text)
    return doc, build_stream(doc, extract_quotes(doc), **kwargs)


def test_empty_text_gives_an_empty_stream():
    doc, stream = _stream("")
    assert stream.tokens == () and stream.word_index == () and stream.quoted == () and len(stream) == 0


def test_attribution_between_two_quotes_is_skipped():
    doc, stream = _stream('"Men are imperfect," the letter admits. "And many men regret it."')
    # words: Men are imperfect the letter admits And many men regret it -> "the letter admits" (3..5) skipped
    assert stream.skipped == (3, 4, 5)
    assert stream.tokens == ("men", "are", "imperfect", "and", "many", "men", "regret", "it")
    assert stream.word_index == (0, 1, 2, 6, 7, 8, 9, 10)
    assert all(stream.quoted)


def test_attribution_across_paragraphs_is_skipped():
    text = '"We regret it," the letter continues.\n\n"Nonetheless we speak out."'
    _, stream = _stream(text)
    assert stream.tokens == ("we", "regret", "it", "nonetheless", "we", "speak", "out")


def test_long_own_text_between_quotes_is_kept():
    text = '"We regret it," the letter says, and the council has not replied to it in any way. "We speak."'
    doc, stream = _stream(text)
    assert stream.skipped == ()
    assert len(stream) == doc.n_words
    # "the letter says and the council has not replied to it in any way": 14 own words
    assert stream.quoted == tuple([True] * 3 + [False] * 14 + [True] * 2)


def test_skipping_can_be_turned_off():
    _, stream = _stream('"Men are imperfect," the letter admits. "And many men regret it."', max_attribution_words=0)
    assert stream.skipped == () and len(stream) == 11


def test_attribution_before_the_first_quote_is_kept():
    _, stream = _stream('The letter read, "We applaud the courage."')
    assert stream.tokens[:3] == ("the", "letter", "read") and stream.quoted[:3] == (False, False, False)


def test_negative_limit_is_rejected():
    doc = make_document("Some words here.")
    with pytest.raises(ValueError, match="max_attribution_words"):
        build_stream(doc, (), max_attribution_words=-1)


def test_index_lists_every_shingle_and_shared_keeps_those_in_two_streams():
    a = build_stream(make_document("one two three four five six"))
    b = build_stream(make_document("Two three four five six seven"))
    c = build_stream(make_document("one two three four five one two three four five"))
    index = shingle_index([a, b, c], k=5)
    assert index[("one", "two", "three", "four", "five")] == [(0, 0), (2, 0), (2, 5)]
    assert index[("two", "three", "four", "five", "six")] == [(0, 1), (1, 0)]
    shared = shared_shingles(index)
    # repeated within stream c only -> not shared; a-c and a-b shingles are
    assert set(shared) == {("one", "two", "three", "four", "five"), ("two", "three", "four", "five", "six")}
    assert ("five", "one", "two", "three", "four") in index and ("five", "one", "two", "three", "four") not in shared


def test_short_streams_have_no_shingles():
    assert shingle_index([build_stream(make_document("only four words here"))], k=5) == {}


def test_shingle_size_must_be_positive():
    with pytest.raises(ValueError, match="shingle size"):
        shingle_index([], k=0)
