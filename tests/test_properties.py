"""Property tests (issue 7, point 3): any input gives valid output or the documented error.

The hypothesis profile ``ci`` (about 50 examples, no deadline) is registered in
tests/conftest.py. Two text strategies: any Unicode text, and "newsy" text built
from the pieces the analyzers react to (quotation marks of every kind,
apostrophes, paragraph breaks, speech verbs, names, pronouns, abbreviations,
control and zero-width characters), so that the quote and speaker code paths
are reached, not only the empty ones.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text import document as text_module
from analysis.io.corpus import Article, Story, parse_article
from analysis.core.errors import InputError
from analysis.metrics import analyse_article, metrics_table
from analysis.speech.people import canonical_lookup, canonical_person
from analysis.speech.quote_tables import quotes_frame, speakers_frame
from analysis.speech.quotes import DOUBLE_MARKS, KINDS, SINGLE_MARKS, VERB_CLASSES, extract_quotes
from analysis.text.readability import (
    common_word_share,
    counts_from_words,
    known_word_share,
    readability_scores,
    unscorable_reason,
)
from analysis.text.document import make_document
from analysis.speech.voice import split_voices

PIECES = [
    " ", " ", " ", "\n", "\n\n", "\r\n", "\n \n", "\u00a0", ". ", "? ", "! ", ", ", ": ", "; ", "\u2014", " - ",
    '"', '"', "\u201c", "\u201d", "\u201e", "'", "\u2018", "\u2019", "(", ")", "...", "\u2026",
    "said", "says", "told", "wrote", "claimed", "admitted", "according to", "per", "that",
    "he", "she", "it", "they", "He", "She", "It", "They", "the letter", "an open letter", "the statement",
    "Jane Roe", "Roe", "Mayor Ann Lee", "Lee", "The City Council", "Acme Corp", "Deadline",
    "We won", "it's", "don't", "the '90s", "the Smiths' house", "U.S.", "Mr.", "a.m.", "J. K. Rowling",
    "1,000", "3.5", "#AskMoreOfHim", "@handle", "decision-making", "caf\u00e9", "re\u0301sume\u0301",
    "\u200b", "\u00ad", "\x01", "\x7f", "\t", "<script>", "</title>", "\ufeff", "\U0001f600",
]
newsy = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_text = st.text(max_size=300)
texts = st.one_of(any_text, newsy)


def _check_spans_inside(body: str, spans) -> None:
    for s, e in spans:
        assert 0 <= s <= e <= len(body)


# ---------------------------------------------------------------------------
# loader


@given(st.binary(max_size=400))
def test_parse_article_on_any_bytes_raises_only_input_error(data):
    for candidate in (data, b"---\noutlet: A\n---\n" + data, b"---\n" + data + b"\n---\nBody.\n"):
        try:
            article = parse_article(candidate, Path("a.md"))
        except InputError as err:
            assert "\n" not in err.one_line() and "a.md" in str(err)
        else:
            assert article.outlet.strip() and article.body.strip()
            assert "\x00" not in article.body


@given(texts)
def test_parse_article_keeps_the_body_exactly(body):
    data = b"---\noutlet: A\n---\n" + body.encode("utf-8", "surrogatepass")
    try:
        article = parse_article(data, Path("a.md"))
    except InputError:
        return
    assert article.body == data[len(b"---\noutlet: A\n---\n"):].decode("utf-8")
    assert parse_article(data, Path("a.md")) == article  # same input, same result


# ---------------------------------------------------------------------------
# text


@given(texts)
def test_make_document_spans_slice_the_body(body):
    doc = make_document(body)
    _check_spans_inside(body, doc.paragraphs)
    _check_spans_inside(body, doc.sentences)
    _check_spans_inside(body, doc.word_bounds)
    assert [body[s:e] for s, e in doc.word_bounds] == list(doc.word_texts)
    assert all(w and not any(c.isspace() for c in w) for w in doc.word_texts)
    assert all(re.search(r"[^\W_]", w) for w in doc.word_texts)  # every word has a letter or digit
    for p in doc.paragraphs:
        assert body[p.start : p.end] == body[p.start : p.end].strip()
    for s in doc.sentences:  # every sentence lies inside one paragraph
        assert any(p.start <= s.start and s.end <= p.end for p in doc.paragraphs)
    assert len(doc.sentence_words) == len(doc.sentences)
    for (a, b), s in zip(doc.sentence_words, doc.sentences):
        assert 0 <= a <= b <= doc.n_words
        assert all(s.start <= doc.word_bounds[k][0] and doc.word_bounds[k][1] <= s.end for k in range(a, b))
    starts = [s for s, _ in doc.word_bounds]
    assert starts == sorted(starts)
    assert make_document(body) == doc


@given(st.text(alphabet=".!?\"'\u201d\u2019)] \n\taA1", max_size=40))
def test_sentence_boundary_match_equals_the_plain_backtracking_form(text):
    # the possessive form was written to avoid quadratic backtracking; it must find the same matches
    plain = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)")
    assert [m.span() for m in text_module._BOUNDARY_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


# ---------------------------------------------------------------------------
# quotes and voices


@given(texts)
def test_extract_quotes_spans_are_true_to_the_body(body):
    doc = make_document(body)
    quotes = extract_quotes(doc)
    marks = DOUBLE_MARKS + SINGLE_MARKS
    for q in quotes:
        assert 0 <= q.start < q.end <= len(body)
        assert q.text == body[q.start : q.end] and q.n_words >= 0
        assert q.kind in KINDS and q.verb_class in VERB_CLASSES
        assert body[q.open_mark] in marks and q.open_mark < q.start
        if q.closed:
            assert body[q.close_mark] in marks and q.end <= q.close_mark
        para = doc.paragraphs[q.paragraph]  # never runs past its paragraph
        assert para.start <= q.open_mark and q.end <= para.end
        for s, e in ((q.speaker_start, q.speaker_end), (q.verb_start, q.verb_end)):
            assert (s, e) == (-1, -1) or 0 <= s <= e <= len(body)
        if q.verb:
            assert body[q.verb_start : q.verb_end].lower() == q.verb
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert all(a.end <= b.start for a, b in zip(quotes, quotes[1:]))  # no overlap
    assert extract_quotes(make_document(body)) == quotes


@given(texts)
def test_split_voices_adds_up(body):
    doc = make_document(body)
    v = split_voices(doc, extract_quotes(doc))
    assert len(v.words["own"]) + len(v.words["quoted"]) == doc.n_words
    assert v.n_sentences["own"] + v.n_sentences["quoted"] == pytest.approx(v.n_sentences["all"], abs=1e-9)
    assert all(v.n_sentences[k] >= 0 for k in v.n_sentences)
    assert v.counts["all"].n_words == doc.n_words


# ---------------------------------------------------------------------------
# readability


# a voice's sentence count is a sum of shares q/n of sentences of n <= 10,000 words, so
# 0 or at least 1e-4 (subnormal floats would make words/sentence overflow, and cannot occur)
SENTENCES = st.one_of(st.integers(0, 50).map(float), st.floats(1e-4, 50))


@given(st.lists(st.one_of(newsy, st.text(max_size=12)), max_size=40), SENTENCES)
def test_counts_and_scores_are_valid_for_any_words(words, n_sentences):
    counts = counts_from_words(words, n_sentences)
    for value in vars(counts).values():
        assert value >= 0
    assert counts.n_polysyllable_words <= counts.n_words and counts.n_difficult_words <= counts.n_words
    assert counts.n_complex_words <= min(counts.n_polysyllable_words, counts.n_difficult_words)
    scores = readability_scores(counts, words)
    assert all(math.isnan(v) or math.isfinite(v) for v in scores.values())
    share = scores["polysyllable_share"]
    assert math.isnan(share) or 0 <= share <= 1
    assert readability_scores(counts_from_words(words, n_sentences), words) == pytest_nan_equal(scores)


def pytest_nan_equal(scores: dict[str, float]):
    """An object equal to a dict with the same keys whose values are equal or both NaN."""

    class _Eq:
        def __eq__(self, other):
            return other.keys() == scores.keys() and all(
                (math.isnan(a) and math.isnan(b)) or a == b for a, b in ((other[k], scores[k]) for k in scores)
            )

    return _Eq()


@given(texts, st.sampled_from(["en", "en-GB", "fr", "", None, "Deutsch"]))
def test_language_rule_gives_a_reason_or_none(body, language):
    words = make_document(body).word_texts
    for share in (known_word_share(words), common_word_share(words)):
        assert math.isnan(share) or 0 <= share <= 1
    reason = unscorable_reason(words, language)
    assert reason is None or (isinstance(reason, str) and reason)
    if language in ("fr", "Deutsch"):
        assert reason is not None


# ---------------------------------------------------------------------------
# tables


@pytest.mark.slow
@given(st.lists(texts, min_size=1, max_size=3))
def test_metrics_and_quote_tables_hold_valid_numbers(bodies):
    articles = tuple(
        Article(f"a{k}", "Outlet " + "AB"[k % 2], Path(f"a{k}.md"), body) for k, body in enumerate(bodies)
    )
    story = Story(Path("."), articles, corpus_sha256="x")
    analyses = [analyse_article(a) for a in articles]
    for by in ("article", "outlet"):
        table = metrics_table(story, by=by, analyses=analyses)
        counts = table[["n_articles", "n_paragraphs", "n_sentences", "n_words", "n_quotes", "n_quoted_words"]]
        assert (counts >= 0).all().all()
        assert (table["n_quoted_words"] <= table["n_words"]).all()
        for col in ("quote_density", "own_voice_share", "polysyllable_share", "own_voice_polysyllable_share",
                    "quoted_polysyllable_share"):
            values = table[col].dropna()
            assert ((values >= 0) & (values <= 1)).all(), col
        share = (table["quote_density"] + table["own_voice_share"]).dropna()
        assert (abs(share - 1) < 1e-9).all()
        numeric = table.select_dtypes("number")
        assert not numeric.isin([math.inf, -math.inf]).any().any()
        again = metrics_table(story, by=by, analyses=[analyse_article(a) for a in articles])
        pd.testing.assert_frame_equal(table, again)
    quotes = quotes_frame(analyses, "x")
    for row in quotes.itertuples():
        body = articles[int(row.article_id[1:])].body
        assert body[row.start : row.end] == row.text
    speakers = speakers_frame(analyses, "x")
    shares = speakers["quoted_word_share"].dropna()
    assert ((shares >= 0) & (shares <= 1)).all()
    assert (speakers.groupby("article_id")["quoted_word_share"].sum() <= 1 + 1e-9).all()


# ---------------------------------------------------------------------------
# people


NAMES = st.lists(st.sampled_from(["Ann", "Lee", "Roe", "Jane", "Ann-Lee", "Ortiz", "de", "Van"]), max_size=4).map(" ".join)


@given(st.lists(NAMES, max_size=8), NAMES)
def test_canonical_lookup_equals_canonical_person(full_names, name):
    # the index that made name resolution linear must give the same answers as the plain scan
    assert canonical_lookup(full_names)(name) == canonical_person(name, full_names)


# ---------------------------------------------------------------------------
# framing, annotations, the annotated view and comparison (issues 4 and 5)


@given(st.lists(texts, min_size=1, max_size=3))
def test_frames_and_annotations_on_any_text(bodies):
    from analysis.present.annotate import RENDER_LAYERS, render_article
    from analysis.annotations import annotations_table
    from analysis.framing.codebook import load_codebooks
    from analysis.framing.frames import frames_table

    root = Path(__file__).parent / "fixtures" / "stories" / "library-closure"
    codebooks = load_codebooks(root, {"codebook": "frames/library.yml"}, ())
    articles = tuple(
        Article(f"a{k}", "Outlet " + "ABC"[k], Path(f"a{k}.md"), body) for k, body in enumerate(bodies)
    )
    analyses = [analyse_article(a) for a in articles]
    for by in ("article", "outlet"):
        frames = frames_table(analyses, codebooks, "x", by=by)
        for col in frames.columns:
            if "share" in col:
                values = frames[col].dropna()
                assert ((values >= 0) & (values <= 1)).all(), col
    annotations = annotations_table(analyses, codebooks, None, "x")
    for row in annotations.itertuples():
        assert 0 <= row.start <= row.end <= len(articles[int(row.article_id[1:])].body)
    for analysis in analyses:
        render_article(analysis, layers=RENDER_LAYERS, codebooks=codebooks)


@given(st.lists(texts, min_size=2, max_size=3))
def test_comparison_on_any_text(bodies):
    import json

    from analysis.compare.story import compare_story, comparison_payload

    articles = tuple(
        Article(f"a{k}", "Outlet " + "ABC"[k], Path(f"a{k}.md"), body) for k, body in enumerate(bodies)
    )
    story = Story(Path("."), articles, corpus_sha256="x")
    try:
        payload = json.dumps(comparison_payload(compare_story(story)), sort_keys=True)
    except InputError:
        return
    assert json.dumps(comparison_payload(compare_story(story)), sort_keys=True) == payload  # same twice


def test_comparison_of_one_word_articles():
    """The smallest case hypothesis found: comparing must give a result or an InputError."""
    from analysis.compare.story import compare_story

    articles = (Article("a", "A", Path("a.md"), "0000"), Article("b", "B", Path("b.md"), "0000:0000"))
    try:
        compare_story(Story(Path("."), articles, corpus_sha256="x"))
    except InputError:
        pass
