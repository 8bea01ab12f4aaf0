"""Tests for analysis.text.document: paragraphs, sentences and words with offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.text.document import Span, make_document, paragraph_spans, punkt_sentence_spans, word_spans

FIXTURES = Path(__file__).parent / "fixtures"
STORY = Path(__file__).parent.parent / "corpus" / "askmoreofhim"


def _body(path: Path) -> str:
    text = path.read_bytes().decode("utf-8")
    return text[text.index("\n---\n", 4) + 5 :]


def test_empty_text_gives_empty_document():
    doc = make_document("")
    assert doc.paragraphs == () and doc.sentences == () and doc.words == ()
    assert doc.n_words == 0 and doc.n_sentences == 0


@pytest.mark.parametrize("body", ["   ", "\n\n", "\u00a0\n \n", "— … -"])
def test_blank_or_wordless_text_has_no_words_or_sentences(body):
    doc = make_document(body)
    assert doc.words == () and doc.sentences == ()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", []),
        ("It’s the ’90s", ["It’s", "the", "90s"]),
        ("decision-making co-workers", ["decision-making", "co-workers"]),
        ("men — like many industries — men", ["men", "like", "many", "industries", "men"]),
        ("men - like many - men", ["men", "like", "many", "men"]),
        ("entertainment—like", ["entertainment", "like"]),
        ("power… But", ["power", "But"]),
        ("#AskMoreOfHim and @dznussbaum", ["#AskMoreOfHim", "and", "@dznussbaum"]),
        ("word\u00a0word", ["word", "word"]),
        ("the Smiths’ house", ["the", "Smiths", "house"]),
        ("people's motives", ["people's", "motives"]),
        ("94 percent, 90th, 1,000 and 3.5", ["94", "percent", "90th", "1,000", "and", "3.5"]),
        ("the U.S. and 9 a.m.", ["the", "U.S", "and", "9", "a.m"]),
        ('"Man Up"', ["Man", "Up"]),
        ("naïve café", ["naïve", "café"]),
    ],
)
def test_word_rule(text, words):
    assert [text[s.start : s.end] for s in word_spans(text)] == words


def test_paragraphs_split_on_whitespace_only_lines():
    body = "  First para\nstill first.\n \nSecond.\n\u00a0\n\nThird.  \n\n"
    paras = paragraph_spans(body)
    assert [body[p.start : p.end] for p in paras] == ["First para\nstill first.", "Second.", "Third."]


def test_crlf_paragraphs_keep_offsets():
    body = "One two.\r\n\r\nThree four.\r\n"
    doc = make_document(body)
    assert [doc.text(p) for p in doc.paragraphs] == ["One two.", "Three four."]
    assert [doc.text(w) for w in doc.words] == ["One", "two", "Three", "four"]


SENTENCE_CASES = yaml.safe_load((FIXTURES / "sentences.yml").read_text(encoding="utf-8"))


def test_sentence_fixture_is_large_enough():
    assert len(SENTENCE_CASES) >= 20


@pytest.mark.parametrize("case", SENTENCE_CASES, ids=[c["text"][:30] for c in SENTENCE_CASES])
def test_sentence_splitter_on_tricky_fixture(case):
    doc = make_document(case["text"])
    assert [doc.text(s) for s in doc.sentences] == case["sentences"]


def test_sentences_never_cross_paragraphs():
    doc = make_document("No full stop here\n\nNext paragraph starts here")
    assert [doc.text(s) for s in doc.sentences] == ["No full stop here", "Next paragraph starts here"]


def test_sentence_words_index_the_words_of_each_sentence():
    doc = make_document("Mr. Roe spoke. “It’s over,” he said.")
    got = [doc.word_texts[a:b] for a, b in doc.sentence_words]
    assert got == [("Mr", "Roe", "spoke"), ("It’s", "over", "he", "said")]


@pytest.mark.parametrize(
    ("name", "n_paragraphs"),
    [("outlet-a.md", 10), ("outlet-b.md", 11), ("outlet-c.md", 8)],
)
def test_seed_paragraph_counts(name, n_paragraphs):
    # Counted by reading the files: outlet-b's last two lines are separated by a
    # line holding a non-breaking space; outlet-c separates paragraphs by " ".
    doc = make_document(_body(STORY / name))
    assert len(doc.paragraphs) == n_paragraphs


def test_seed_offsets_are_true_to_the_body():
    for path in sorted(STORY.glob("outlet-*.md")):
        body = _body(path)
        doc = make_document(body, path.stem)
        for span in doc.paragraphs + doc.sentences + doc.words:
            assert 0 <= span.start < span.end <= len(body)
            assert body[span.start : span.end].strip() == body[span.start : span.end]
        assert doc.word_texts == tuple(body[w.start : w.end] for w in doc.words)
        # every word belongs to exactly one sentence, in order, unless it sits in a
        # wordless leftover (there is none in the seeds)
        covered = [i for a, b in doc.sentence_words for i in range(a, b)]
        assert covered == list(range(doc.n_words))


def test_seed_a_mr_like_abbreviations_and_exclamation_in_brackets():
    doc = make_document(_body(STORY / "outlet-a.md"))
    texts = [doc.text(s) for s in doc.sentences]
    # "(... already black anyway!) isn’t going to cut it anymore." is one sentence
    assert any(t.startswith("This means wearing black") and t.endswith("cut it anymore.") for t in texts)


def test_span_text_and_length():
    s = Span(2, 5)
    assert s.text("abcdefg") == "cde" and s.length == 3


def test_non_str_body_is_rejected():
    with pytest.raises(TypeError):
        make_document(b"bytes")  # type: ignore[arg-type]


def _punkt_reference(body: str) -> list[tuple[int, int]]:
    """NLTK Punkt with the same abbreviations, breaks before lower case undone."""
    out = []
    for para in paragraph_spans(body):
        text = body[para.start : para.end]
        merged: list[list[int]] = []
        for s, e in punkt_sentence_spans(text):
            j = s
            while j < len(text) and text[j] in "\"'“‘([ \u00a0":
                j += 1
            if merged and j < len(text) and text[j].islower():
                merged[-1][1] = e
            else:
                merged.append([s, e])
        out += [(para.start + s, para.start + e) for s, e in merged]
    return out


@pytest.mark.parametrize("name", ["outlet-a.md", "outlet-b.md", "outlet-c.md"])
def test_splitter_agrees_with_nltk_punkt_on_the_seeds(name):
    body = _body(STORY / name)
    assert [tuple(s) for s in make_document(body).sentences] == _punkt_reference(body)


def test_splitter_agrees_with_nltk_punkt_on_the_fixture():
    for case in SENTENCE_CASES:
        text = case["text"]
        assert [tuple(s) for s in make_document(text).sentences] == _punkt_reference(text), text


def test_words_property_matches_word_bounds():
    doc = make_document("One two, three.")
    assert doc.words == (Span(0, 3), Span(4, 7), Span(9, 14))
    assert [tuple(w) for w in doc.words] == list(doc.word_bounds)


def test_find_nth_counts_appearances_that_overlap():
    from analysis.text.document import find_nth

    body = "aaa b aaa"
    assert [find_nth(body, "aa", n) for n in (1, 2, 3, 4, 5)] == [0, 1, 6, 7, -1]
    assert find_nth(body, "b", 1) == 4 and find_nth(body, "b", 2) == -1
    assert find_nth(body, "x", 1) == -1
