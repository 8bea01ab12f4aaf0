"""Tests for analysis.compare.passages: shared passages, source order, selection, unmarked reuse.

Expected passages and offsets come from reading the fixture texts
(tests/fixtures/compare/README.md lists the invented statement they quote)
and the seed articles; offsets are located with str.index on the body.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.io.corpus import Article, load_story
from analysis.metrics import analyse_article, analyse_story
from analysis.compare.passages import (
    STATUSES,
    _grow,
    article_shares,
    find_passages,
    passages_frame,
    reuse_as_quotes,
    selection_frame,
    unmarked_frame,
    unmarked_ranges,
)
from analysis.compare.shingles import normalise_token
from analysis.text.document import make_document
from analysis.speech.voice import split_voices

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "compare"
SEEDS = ROOT / "corpus" / "askmoreofhim"

L = {
    1: "The river has flooded the lower town four times in the last ten years alone.",
    2: "Each flood has cost families their homes, their savings and their sense of safety.",
    3: "The new barrier was promised in 2019 and has still not been built.",
    4: "We have written to the regional council eleven times without a clear answer.",
    5: "Every month of delay leaves three thousand households exposed to the next storm.",
    6: "We ask the council to publish its timetable for the barrier before the winter.",
    7: "Our volunteers will keep watch on the river banks every night of the storm season.",
    8: "Nobody should have to sleep in fear of the water.",
}


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(normalise_token(w) for w in make_document(text).word_texts)


def _analyses(folder: Path):
    return analyse_story(load_story(folder))


def _article(article_id: str, body: str, outlet: str | None = None, role: str = "article"):
    meta = {"outlet": outlet or article_id, "role": role}
    return analyse_article(Article(article_id=article_id, outlet=outlet or article_id,
                                   path=Path(f"{article_id}.md"), body=body, meta=meta))


def _by_text(alignment, sentence: str):
    """The passage whose tokens contain the sentence's tokens."""
    want = _tokens(sentence)
    for p in alignment.passages:
        have = _tokens(p.text)
        if any(have[i : i + len(want)] == want for i in range(len(have) - len(want) + 1)):
            return p
    raise AssertionError(f"no passage holds {sentence!r}")


def _status(selection, passage_id, article_id):
    row = selection[(selection["passage_id"] == passage_id) & (selection["article_id"] == article_id)]
    assert len(row) == 1
    return str(row["status"].iloc[0])


# ---------------------------------------------------------------- growing seeds

def _t(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize(
    ("a", "b", "seed", "expected"),
    [
        # exact: the whole common run, grown left and right from the seed
        ("x a b c d e f y", "z a b c d e f w", (2, 2), [(1, 1, 6)]),
        # one substituted word inside: both sides advance; the changed word is aligned
        ("a b c d e X g h i", "a b c d e Y g h i", (0, 0), [(0, 0, 5), (5, 5, 1), (6, 6, 3)]),
        # one inserted word: stepped over, not aligned
        ("a b c d e g h i", "a b c d e NEW g h i", (0, 0), [(0, 0, 5), (5, 6, 3)]),
        # three changed words: too many, the passage stops
        ("a b c d e X Y Z i j k", "a b c d e P Q R i j k", (0, 0), [(0, 0, 5)]),
        # a substitution needs two agreeing words after it, an insertion three
        ("a b c d e X g", "a b c d e Y g", (0, 0), [(0, 0, 5)]),
        ("a b c d e X g h", "a b c d e Y g h", (0, 0), [(0, 0, 5), (5, 5, 1), (6, 6, 2)]),
        ("a b c d e g h", "a b c d e NEW g h", (0, 0), [(0, 0, 5)]),
        # growing to the left over a changed word
        ("P q r s t u v w x", "Q q r s t u v w x", (4, 4), [(1, 1, 8)]),
        ("a b X d e f g h i", "a b Y d e f g h i", (3, 3), [(3, 3, 6), (2, 2, 1), (0, 0, 2)]),
    ],
)
def test_grow(a, b, seed, expected):
    ta, tb = _t(a), _t(b)
    qa, qb = [False] * len(ta), [False] * len(tb)
    assert _grow(ta, tb, qa, qb, *seed, 5, 2, 3) == expected


def test_grow_stops_at_quotation_marks():
    ta = _t("a b c d e the letter said")
    tb = _t("a b c d e the letter said")
    qa = [True] * 5 + [False] * 3
    qb = [False] * 8
    assert _grow(ta, tb, qa, qb, 0, 0, 5, 2, 3) == [(0, 0, 5)]
    # a seed straddling the boundary is not grown at all
    assert _grow(ta, tb, qa, qb, 2, 2, 5, 2, 3) == []


# ---------------------------------------------------------------- the seeds

@pytest.fixture(scope="module")
def seeds():
    return find_passages(_analyses(SEEDS))


def test_seeds_letter_sentences_all_three_carry(seeds):
    phrase = "Men are imperfect. We are imperfect."
    p = _by_text(seeds, phrase)
    assert set(p.carried) == {"outlet-a", "outlet-b", "outlet-c"}
    assert p.origin == "shared" and p.in_source
    for article in seeds.articles:
        body = article.document.body
        start = body.index("Men are imperfect")
        end = body.index("imperfect", body.index("We are imperfect")) + len("imperfect")
        assert any(o.start <= start and end <= o.end for o in p.occurrences if o.article_id == article.article_id)


def test_seeds_some_may_question_is_one_passage_across_attribution(seeds):
    p = _by_text(seeds, "Some may question our motives for signing this statement")
    assert p is _by_text(seeds, "personal growth and accountability")
    b = seeds.article("outlet-b").document.body
    (occ_b,) = [o for o in p.occurrences if o.article_id == "outlet-b"]
    assert occ_b.start == b.index("Some may question our motives")
    assert occ_b.end == b.index("accountability.”") + len("accountability")
    assert occ_b.quoted and occ_b.n_quoted_words == occ_b.n_words
    # the attribution between the two quoted parts is left out of the highlighted segments
    attribution = b.index("the letter continues")
    assert all(not (s <= attribution < e) for s, e, _ in occ_b.segments)


def test_seeds_outlet_c_unmarked_reuse_with_offsets(seeds):
    c = seeds.article("outlet-c").document.body
    start = c.index("Some may question people's motives")
    end = c.index("accountability, it continued") + len("accountability")
    unmarked = unmarked_frame(seeds)
    row = unmarked[(unmarked["article_id"] == "outlet-c") & (unmarked["start"] == start)]
    assert len(row) == 1
    assert int(row["end"].iloc[0]) == end
    assert int(row["n_quoted_words"].iloc[0]) == 0
    assert row["text"].iloc[0] == c[start:end]
    p = _by_text(seeds, "Some may question our motives")
    selection = selection_frame(seeds)
    assert _status(selection, p.passage_id, "outlet-c") == "unmarked"
    assert _status(selection, p.passage_id, "outlet-b") == "quoted"
    sel_row = selection[(selection["passage_id"] == p.passage_id) & (selection["article_id"] == "outlet-c")]
    assert (int(sel_row["start"].iloc[0]), int(sel_row["end"].iloc[0])) == (start, end)


def test_seeds_selection_shows_what_each_outlet_left_out(seeds):
    selection = selection_frame(seeds)
    pledge = _by_text(seeds, "support survivors, condemn sexism wherever we see it")
    assert _status(selection, pledge.passage_id, "outlet-a") == "omitted"
    assert _status(selection, pledge.passage_id, "outlet-b") == "quoted"
    assert _status(selection, pledge.passage_id, "outlet-c") == "quoted"
    # outlet A quoted "Men are imperfect ... regret" and "some may question": part of the passage
    question = _by_text(seeds, "Some may question our motives")
    assert _status(selection, question.passage_id, "outlet-a") == "partial"
    # the letter's opening paragraph is only in outlet C: a single-source passage
    applaud = _by_text(seeds, "We applaud the courage and pledge our support")
    assert applaud.single_source and set(applaud.carried) == {"outlet-c"}
    assert _status(selection, applaud.passage_id, "outlet-a") == "omitted"
    assert seeds.source_speaker == "the letter"
    assert set(selection["status"].astype(str)) == set(STATUSES)


def test_seeds_source_order_follows_the_letter(seeds):
    order = [_by_text(seeds, s).order for s in (
        "We applaud the courage",
        "We are in awe of their strength",
        "This goes for everything from sexist and degrading comments",
        "Some may question our motives",
        "support survivors, condemn sexism",
    )]
    assert order == sorted(order)


def test_seeds_chance_overlap_is_not_part_of_the_source(seeds):
    # outlets B and C both open with "A group of Hollywood men", in their own words
    p = _by_text(seeds, "A group of Hollywood men")
    assert not p.in_source and p.passage_id.startswith("X")
    assert p.passage_id not in set(selection_frame(seeds)["passage_id"])


def test_seeds_reuse_can_count_as_quoted(seeds):
    art = seeds.article("outlet-c")
    doc = art.document
    ranges = unmarked_ranges(seeds, "outlet-c")
    start = doc.body.index("Some may question people's motives")
    assert any(s == start for s, _ in ranges)
    extra = reuse_as_quotes(doc, ranges, speaker="the letter")
    assert all(q.kind == "full" and q.verb_class == "none" for q in extra)
    before = split_voices(doc, art.quotes)
    after = split_voices(doc, art.quotes + extra)
    in_ranges = sum(1 for s, e in doc.word_bounds if any(rs <= s and e <= re for rs, re in ranges))
    assert len(after.words["own"]) == len(before.words["own"]) - in_ranges
    assert len(after.words["quoted"]) == len(before.words["quoted"]) + in_ranges


def test_seeds_shares(seeds):
    shares = article_shares(seeds).set_index("article_id")
    assert (shares["shared_share"].between(0, 1)).all()
    # C copies the most text without quotation marks: the whole "Some may question" paragraph
    # (74 words, counted by hand) and "A group of Hollywood men" (5, shared with B)
    assert shares["n_unmarked_words"].idxmax() == "outlet-c"
    assert shares.loc["outlet-c", "n_unmarked_words"] == 74 + 5


# ---------------------------------------------------------------- hand-made stories

def test_ten_outlets():
    al = find_passages(_analyses(FIXTURES / "ten"))
    assert al.source_speaker == "the statement"
    p12, p4, p5, p78 = (_by_text(al, L[i]) for i in (1, 4, 5, 7))
    assert p12 is _by_text(al, L[2]) and p78 is _by_text(al, L[8])
    assert _tokens(p12.text) == _tokens(L[1] + " " + L[2]) and p12.n_words == 29
    assert _tokens(p4.text) == _tokens(L[4]) and p4.n_words == 13
    assert _tokens(p5.text) == _tokens(L[5]) and p5.n_words == 13
    assert _tokens(p78.text) == _tokens(L[7] + " " + L[8]) and p78.n_words == 25
    p3, p6 = _by_text(al, L[3]), _by_text(al, L[6])
    assert p3.single_source and set(p3.carried) == {"o06"} and p3.n_words == 13
    assert p6.single_source and set(p6.carried) == {"o10"} and p6.n_words == 14
    assert [p.passage_id for p in al.passages if p.in_source] == [f"P{i}" for i in range(1, 7)]
    # pairs come from the shingle index only: o05 and o06 share nothing, 45 pairs are possible
    assert 0 < al.stats["n_pairs"] < 45
    assert len(al.passages) == 6
    assert set(p12.carried) == {"o01", "o02", "o03", "o07", "o09"}
    assert set(p5.carried) == {"o01", "o04", "o05", "o08", "o10"}
    # source order respects what the articles show: L1-2 before L4 (o02, o09), L4 before L5 (o04),
    # L5 before L6 (o10) and before L7-8 (o08), L3 before L7-8 (o06)
    assert p12.order < p4.order < p5.order < p6.order
    assert p5.order < p78.order and p3.order < p78.order
    expected = {
        p12.passage_id: {"o01": "quoted", "o02": "quoted", "o03": "partial", "o07": "quoted", "o09": "partial"},
        p4.passage_id: {"o02": "quoted", "o04": "unmarked", "o09": "quoted"},
        p5.passage_id: {"o01": "quoted", "o04": "quoted", "o05": "quoted", "o08": "unmarked", "o10": "quoted"},
        p78.passage_id: {"o03": "quoted", "o06": "quoted", "o08": "quoted"},
        p3.passage_id: {"o06": "quoted"},
        p6.passage_id: {"o10": "quoted"},
    }
    selection = selection_frame(al)
    assert len(selection) == 6 * 10
    for row in selection.itertuples(index=False):
        assert str(row.status) == expected[row.passage_id].get(row.article_id, "omitted"), row
    # o02 carries L1 only: 15 of 29 words; o03 carries L2 only: 14 of 29
    cov = selection.set_index(["passage_id", "article_id"])["coverage"]
    assert cov[(p12.passage_id, "o02")] == pytest.approx(15 / 29)
    assert cov[(p12.passage_id, "o03")] == pytest.approx(14 / 29)
    assert cov[(p12.passage_id, "o09")] == pytest.approx(9 / 29)  # "their homes ... safety"


def test_ten_outlets_changed_words_and_unmarked_offsets():
    al = find_passages(_analyses(FIXTURES / "ten"))
    unmarked = unmarked_frame(al).set_index("article_id")
    assert sorted(unmarked.index) == ["o04", "o08"]
    o04 = al.article("o04").document.body
    start = o04.index("We have written to the county council")
    assert (unmarked.loc["o04", "start"], unmarked.loc["o04", "end"]) == (start, o04.index(", she explained"))
    o08 = al.article("o08").document.body
    assert (unmarked.loc["o08", "start"], unmarked.loc["o08", "end"]) == (0, o08.index(", the charity warns"))
    # o05 quotes L5 with "homes" for "households": still the same passage, fully carried
    p5 = _by_text(al, L[5])
    assert p5.carried["o05"] == frozenset(range(13))


def test_two_outlets():
    al = find_passages(_analyses(FIXTURES / "two"))
    assert [(p.passage_id, p.origin, p.n_words) for p in al.passages] == [
        ("P1", "single_source", 29), ("P2", "shared", 13), ("P3", "single_source", 13),
    ]
    assert _tokens(al.passages[1].text) == _tokens(L[5])
    y = al.article("outlet-y").document.body
    (occ,) = [o for o in al.passages[1].occurrences if o.article_id == "outlet-y"]
    # the inserted word "more" lies inside the occurrence: 14 words, 13 of them carried
    assert (occ.start, occ.end) == (y.index("Every month"), y.index(", campaigners say"))
    assert (occ.n_words, occ.n_carried, occ.quoted) == (14, 13, False)
    selection = selection_frame(al)
    statuses = {(r.passage_id, r.article_id): str(r.status) for r in selection.itertuples()}
    assert statuses == {
        ("P1", "outlet-x"): "quoted", ("P1", "outlet-y"): "omitted",
        ("P2", "outlet-x"): "quoted", ("P2", "outlet-y"): "unmarked",
        ("P3", "outlet-x"): "omitted", ("P3", "outlet-y"): "quoted",
    }


def test_source_document_is_the_reference():
    al = find_passages(_analyses(FIXTURES / "source"))
    assert al.reference == "statement" and al.source_speaker == ""
    got = [(p.origin, _tokens(p.text)) for p in al.passages]
    assert got == [
        ("shared", _tokens(L[1] + " " + L[2])),
        ("source_only", _tokens(L[3])),
        ("shared", _tokens(L[4])),
        ("shared", _tokens(L[5])),
        ("source_only", _tokens(L[6] + " " + L[7] + " " + L[8])),
    ]
    assert all(p.in_source for p in al.passages)
    selection = selection_frame(al)
    assert set(selection["article_id"]) == {"courier", "herald"}  # the source document is not an outlet
    statuses = {(r.order, r.article_id): str(r.status) for r in selection.itertuples()}
    assert statuses == {
        (1, "courier"): "quoted", (1, "herald"): "omitted",
        (2, "courier"): "omitted", (2, "herald"): "omitted",
        (3, "courier"): "omitted", (3, "herald"): "unmarked",
        (4, "courier"): "quoted", (4, "herald"): "quoted",
        (5, "courier"): "omitted", (5, "herald"): "omitted",
    }
    assert len(selection_frame(al, include_sources=True)) == 15


def test_nothing_shared():
    al = find_passages([
        _article("a", "The ferry runs twice a day in summer."),
        _article("b", "Snow closed the mountain road on Monday night."),
    ])
    assert al.passages == ()
    assert al.stats["n_pairs"] == 0 and al.stats["n_shared_shingles"] == 0  # no pair was ever compared
    assert passages_frame(al).empty and selection_frame(al).empty and unmarked_frame(al).empty
    shares = article_shares(al)
    assert list(shares["n_shared_words"]) == [0, 0] and list(shares["shared_share"]) == [0.0, 0.0]
    assert unmarked_ranges(al, "a") == []


def test_empty_and_degenerate_articles():
    al = find_passages(_analyses(FIXTURES / "empty"))
    assert al.passages == () and al.reference == ""
    shares = article_shares(al).set_index("article_id")
    assert shares.loc["dashes", "n_words"] == 0 and math.isnan(shares.loc["dashes", "shared_share"])
    assert find_passages([]).passages == ()


def test_identical_articles_share_everything():
    body = "One two three four five six seven eight nine ten."
    al = find_passages([_article("a", body), _article("b", body)])
    (p,) = al.passages
    assert p.n_words == 10 and p.in_source  # two outlets, no quotes anywhere
    assert [(o.article_id, o.start, o.end) for o in p.occurrences] == [("a", 0, len(body) - 1), ("b", 0, len(body) - 1)]
    assert set(article_shares(al)["shared_share"]) == {1.0}


def test_same_outlet_twice_is_not_a_common_source():
    body = "One two three four five six seven eight nine ten."
    al = find_passages([_article("a", body, outlet="Same"), _article("b", body, outlet="Same")])
    (p,) = al.passages
    assert p.n_outlets == 1 and not p.in_source and p.passage_id == "X1"


def test_invalid_options():
    with pytest.raises(ValueError, match="k, min_anchor"):
        find_passages([], k=0)
    with pytest.raises(ValueError, match="unknown article_id"):
        find_passages([_article("a", "x")]).article("b")
    doc = make_document("Some text.")
    with pytest.raises(ValueError, match="outside the body"):
        reuse_as_quotes(doc, [(0, 99)])


WORDS = ["river", "flood", "town", "council", "we", "the", "barrier", "storm", "water", "night"]


@st.composite
def _bodies(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=40))
    marks = draw(st.lists(st.sampled_from(['"', "“", "”", ", ", ". ", "\n\n", " — "]), max_size=6))
    parts = list(words)
    for i, mark in enumerate(marks):
        parts.insert(min(len(parts), i * 5), mark)
    return " ".join(parts) + "."


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_bodies(), st.booleans(), st.booleans()), min_size=2, max_size=4),
    st.lists(st.sampled_from(WORDS), min_size=5, max_size=20),
)
def test_any_articles_give_valid_passages(parts, common):
    # every body may carry a common run of words, quoted or not, so that passages do occur
    bodies = []
    for body, carries, quoted in parts:
        run = " ".join(common)
        bodies.append(body + (f' "{run}," the letter said.' if quoted else f" {run}.") * carries)
    analyses = [_article(f"a{i}", body) for i, body in enumerate(bodies)]
    al = find_passages(analyses)
    for p in al.passages:
        assert p.n_words >= 1 and p.origin in ("shared", "single_source", "source_only")
        for o in p.occurrences:
            body = al.article(o.article_id).document.body
            assert 0 <= o.start < o.end <= len(body)
            assert 0 <= o.n_quoted_words <= o.n_words
            assert all(o.start <= s < e <= o.end for s, e, _ in o.segments)
        assert all(w <= set(range(p.n_words)) for w in p.carried.values())
    selection = selection_frame(al)
    assert set(selection["status"].astype(str)) <= set(STATUSES)
    assert len(selection) == sum(p.in_source for p in al.passages) * len(bodies)
    shares = article_shares(al)
    assert shares["shared_share"].dropna().between(0, 1).all()


def test_a_shingle_repeated_too_often_in_an_article_seeds_nothing_there():
    # "a" repeats the sentence three times, "b" and "c" carry it once
    arts = [_article("a", " ".join([L[1]] * 3)), _article("b", L[1] + " " + L[8]), _article("c", L[3] + " " + L[1])]
    shared = lambda al: dict(zip(article_shares(al)["article_id"], article_shares(al)["n_shared_words"]))  # noqa: E731
    n = len(_tokens(L[1]))
    assert shared(find_passages(arts)) == {"a": n, "b": n, "c": n}  # one of its copies pairs
    stopped = find_passages(arts, max_repeats=2)
    assert shared(stopped) == {"a": 0, "b": n, "c": n}  # b and c still pair
    assert stopped.stats["n_stop_shingles"] == n - 4  # every 5-word shingle of the sentence
    with pytest.raises(ValueError, match="max_repeats must be 1 or more"):
        find_passages(arts, max_repeats=0)
