"""The array path of the comparison against the exact per-word reference, on small random stories.

:func:`analysis.compare.passages.find_passages` keeps every per-word structure
in NumPy arrays, and :func:`analysis.compare.story.segment_story` keeps compact
documents on large stories. ``tests/passages_reference.py`` is the same method
with a dict or set entry per word; on random stories with quotes, attribution,
repeated text and a source document, both must give the same alignment, and a
comparison built on compact documents the same tables as one built on full ones.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.compare.compact import CompactDocument, full_document, word_offsets, word_texts
from analysis.compare.passages import _grow, _voice_runs, _uniform, article_shares, find_passages
from analysis.compare.story import COMPARE_TABLES, Segmented, compare_analyses, segment_story
from analysis.io.corpus import Article, Story
from analysis.speech.quotes import extract_quotes
from analysis.text.document import make_document
from passages_reference import reference_find_passages, reference_shared_words

WORDS = ["river", "flood", "town", "council", "we", "the", "barrier", "storm", "water", "night", "homes"]


@st.composite
def _story(draw):
    """2-6 articles: random words and marks, some carrying a common run (quoted or not), maybe a source."""
    common = draw(st.lists(st.sampled_from(WORDS), min_size=5, max_size=24))
    run = " ".join(common)
    n = draw(st.integers(2, 6))
    bodies, outlets, roles = [], [], []
    for i in range(n):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=30))
        marks = draw(st.lists(st.sampled_from(['"', "\u201c", "\u201d", ", ", ". ", "\n\n", " \u2014 "]), max_size=5))
        parts = list(words)
        for k, mark in enumerate(marks):
            parts.insert(min(len(parts), k * 4), mark)
        body = " ".join(parts) + "."
        how = draw(st.sampled_from(["none", "plain", "quoted", "split", "twice"]))
        cut = draw(st.integers(0, len(common)))  # a changed word somewhere in the run
        changed = " ".join(common[:cut] + ["NEW"] + common[cut + 1 :]) if draw(st.booleans()) else run
        if how == "plain":
            body += f" {changed}."
        elif how == "quoted":
            body += f' "{changed}," the letter said.'
        elif how == "split":
            half = max(1, len(common) // 2)
            body += f' "{" ".join(common[:half])}," the letter continues. "{" ".join(common[half:])}."'
        elif how == "twice":
            body += f" {changed}. Then {run}."
        bodies.append(body)
        outlets.append(draw(st.sampled_from(["Outlet A", "Outlet B", "Outlet C"])))
        roles.append("source" if i == 0 and draw(st.booleans()) and draw(st.booleans()) else "article")
    return bodies, outlets, roles


def _segmented(bodies, outlets, roles, compact: bool) -> list[Segmented]:
    arts = [
        Article(article_id=f"a{i:02d}", outlet=o, path=None, body=b, meta={"outlet": o, "role": r})
        for i, (b, o, r) in enumerate(zip(bodies, outlets, roles))
    ]
    return segment_story(Story(root=None, articles=arts), compact=compact)


def _passage_record(p):
    return (p.passage_id, p.order, p.text, p.n_words, p.origin, p.in_source, p.n_outlets, p.occurrences,
            dict(p.carried.items()))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_story(), st.sampled_from([(5, 2, 3, 8), (3, 1, 2, 8), (5, 2, 3, 1), (4, 0, 1, 2)]))
def test_array_alignment_equals_the_per_word_reference(story, options):
    k, max_changed, min_anchor, max_repeats = options
    segmented = _segmented(*story, compact=False)
    kw = dict(k=k, max_changed=max_changed, min_anchor=min_anchor, max_repeats=max_repeats)
    got = find_passages(segmented, **kw)
    want = reference_find_passages(segmented, **kw)
    assert [_passage_record(p) for p in got.passages] == [_passage_record(p) for p in want.passages]
    assert (got.source_speaker, got.reference, dict(got.stats)) == (want.source_speaker, want.reference, dict(want.stats))
    for a in got.articles:
        shared, unmarked = reference_shared_words(want, a.article_id)
        row = article_shares(got).set_index("article_id").loc[a.article_id]
        assert (row["n_shared_words"], row["n_unmarked_words"]) == (len(shared), len(unmarked))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_story())
def test_compact_documents_give_the_same_comparison(story):
    full = compare_analyses(_segmented(*story, compact=False))
    compact = compare_analyses(_segmented(*story, compact=True))
    assert isinstance(compact.alignment.articles[0].document, CompactDocument)
    for name in COMPARE_TABLES:
        a, b = full.table(name), compact.table(name)
        assert a.equals(b), name
        assert list(a.dtypes) == list(b.dtypes), name


def test_compact_document_stands_in_for_the_document():
    body = "Mr. Roe said it. \u201cIt\u2019s over,\u201d she said.\n\nCo-workers left at 5 p.m. today."
    doc = make_document(body, "x")
    small = CompactDocument(doc)
    assert (small.article_id, small.body, small.n_words) == ("x", body, doc.n_words)
    assert small.word_bounds == doc.word_bounds and small.sentences == doc.sentences  # from the rebuilt Document
    assert small.text(doc.sentences[1]) == "\u201cIt\u2019s over,\u201d she said."
    assert full_document(small) == doc and full_document(doc) is doc
    assert list(word_texts(small)) == list(doc.word_texts) == ["Mr", "Roe", "said", "it", "It\u2019s", "over", "she",
                                                               "said", "Co-workers", "left", "at", "5", "p.m", "today"]
    starts, ends = word_offsets(small)
    assert [body[s:e] for s, e in zip(starts.tolist(), ends.tolist())] == list(doc.word_texts)
    assert starts.dtype == np.int32  # 8 bytes a word instead of a tuple per word
    with pytest.raises(AttributeError):
        small.no_such_field  # noqa: B018


def test_segment_story_keeps_compact_documents_only_on_large_stories():
    arts = [Article(article_id=f"a{i}", outlet="X", path=None, body=f"Word {i} here.", meta={}) for i in range(3)]
    assert isinstance(segment_story(Story(root=None, articles=arts))[0].document, type(make_document("")))
    assert isinstance(segment_story(Story(root=None, articles=arts), compact=True)[0].document, CompactDocument)


@pytest.mark.parametrize(
    "quoted, starts, ends",
    [
        ((), [], []),
        ((False,), [0], [1]),
        ((False, False, True, True, True, False), [0, 0, 2, 2, 2, 5], [2, 2, 5, 5, 5, 6]),
    ],
)
def test_voice_runs_by_hand(quoted, starts, ends):
    assert _voice_runs(quoted) == (starts, ends)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=20), st.data())
def test_voice_runs_agree_with_the_uniform_test(quoted, data):
    starts, ends = _voice_runs(quoted)
    i = data.draw(st.integers(0, len(quoted) - 1))
    j = data.draw(st.integers(i + 1, len(quoted)))
    assert _uniform(quoted, i, j) == (j <= ends[i]) == (starts[j - 1] <= i)


def test_grow_with_known_runs_equals_grow_without():
    ta = tuple("a b c d e f g h".split())
    qa = (False, False, True, True, True, True, True, False)
    assert _grow(ta, ta, qa, qa, 2, 2, 3, 2, 3) == _grow(ta, ta, qa, qa, 2, 2, 3, 2, 3, _voice_runs(qa), _voice_runs(qa))
    assert _grow(ta, ta, qa, qa, 2, 2, 3, 2, 3) == [(2, 2, 5)]  # stops where the quote ends, both ways


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_story())
def test_outlet_selection_counted_from_the_passages_equals_the_cross_tabulation(story):
    from analysis.compare.story import outlet_selection, outlet_selection_of

    c = compare_analyses(_segmented(*story, compact=False))
    want, got = outlet_selection(c.selection), outlet_selection_of(c.alignment)
    assert got.equals(want) and list(got.dtypes) == list(want.dtypes) and got.columns.name == want.columns.name
    assert list(got.columns) == list(want.columns)


def test_outlet_selection_of_the_wire_story_equals_the_cross_tabulation(tmp_path):
    from analysis.compare.story import compare_story, outlet_selection
    from analysis.io.corpus import load_story
    from analysis.scale.synthetic import write_wire_story

    sources = [a.body for a in load_story("corpus/askmoreofhim").articles]
    c = compare_story(load_story(write_wire_story(tmp_path / "w", 60, sources)))
    assert "_built_selection" not in c.__dict__  # not built until asked for
    want = outlet_selection(c.selection)
    assert c.outlet_selection.equals(want) and list(c.outlet_selection.dtypes) == list(want.dtypes)
    assert set(want["omitted"]) != {0} and want["n_articles"].sum() == len(c.selection)
