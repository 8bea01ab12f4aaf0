"""Tests for analysis.compare.distinctive: log-odds ratios with an informative Dirichlet prior."""

from __future__ import annotations

import logging
import math
from collections import Counter
from pathlib import Path

import pytest

from analysis.io.corpus import load_story
from analysis.compare.distinctive import (
    WEAK_EVIDENCE_WORDS,
    WEAK_MIN_COUNT,
    distinctive_terms,
    group_terms,
    log_odds_dirichlet,
    term_of,
)
from analysis.metrics import analyse_story

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "corpus" / "askmoreofhim"
TEN = Path(__file__).parent / "fixtures" / "compare" / "ten"


@pytest.mark.parametrize(("word", "term"), [("", ""), ("It’s", "it's"), ("WE", "we"), ("co-workers", "co-workers")])
def test_term_of(word, term):
    assert term_of(word) == term


def test_log_odds_by_hand():
    # A: x 3, y 1; B: x 1, y 3. Prior = pooled counts: a_x = a_y = 4, a_0 = 8; n_A = n_B = 4.
    # delta_x(A) = ln((3+4)/(4+8-3-4)) - ln((1+4)/(4+8-1-4)) = ln(7/5) - ln(5/7)
    # var = 1/(3+4) + 1/(1+4)
    df = log_odds_dirichlet({"A": {"x": 3, "y": 1}, "B": {"x": 1, "y": 3}}, min_count=0)
    row = df[(df["group"] == "A") & (df["term"] == "x")].iloc[0]
    delta = math.log(7 / 5) - math.log(5 / 7)
    assert row["log_odds"] == pytest.approx(delta)
    assert row["z_score"] == pytest.approx(delta / math.sqrt(1 / 7 + 1 / 5))
    assert (row["count"], row["count_rest"], row["n_words"]) == (3, 1, 4)
    # symmetric: y for A is x for B reversed
    y = df[(df["group"] == "A") & (df["term"] == "y")].iloc[0]
    assert y["z_score"] == pytest.approx(-row["z_score"])
    # sorted by group, highest z first
    assert list(df["group"]) == ["A", "A", "B", "B"]
    assert list(df["term"]) == ["x", "y", "y", "x"]


def test_three_groups_each_against_the_rest():
    # group C vs A+B pooled: C x 0, y 0, z 4; rest x 4, y 4, z 0; prior pooled x 4, y 4, z 4 (a_0 12)
    counts = {"A": {"x": 3, "y": 1}, "B": {"x": 1, "y": 3}, "C": {"z": 4}}
    df = log_odds_dirichlet(counts, min_count=1)
    row = df[(df["group"] == "C") & (df["term"] == "z")].iloc[0]
    delta = math.log((4 + 4) / (4 + 12 - 4 - 4)) - math.log((0 + 4) / (8 + 12 - 0 - 4))
    assert row["z_score"] == pytest.approx(delta / math.sqrt(1 / 8 + 1 / 4))
    assert set(df["group"]) == {"A", "B", "C"}


def test_min_count_and_prior_scale():
    counts = {"A": {"x": 3, "y": 1}, "B": {"x": 1, "y": 3}}
    assert set(log_odds_dirichlet(counts, min_count=2)["term"]) == {"x", "y"}
    assert len(log_odds_dirichlet(counts, min_count=2)) == 2  # A:x and B:y only
    assert log_odds_dirichlet(counts, min_count=4).empty
    weak = log_odds_dirichlet(counts, prior_scale=1.0).set_index(["group", "term"])["z_score"]
    strong = log_odds_dirichlet(counts, prior_scale=10.0).set_index(["group", "term"])["z_score"]
    assert abs(strong[("A", "x")]) < abs(weak[("A", "x")])  # more shrinkage toward zero


def test_weak_evidence_is_flagged_logged_and_attached(caplog):
    with caplog.at_level(logging.WARNING, logger="analysis.compare.distinctive"):
        df = log_odds_dirichlet({"A": {"x": 3}, "B": {"y": 3}}, min_count=1)
    assert df["weak_evidence"].all()
    assert "weak evidence" in df.attrs["warning"] and "weak evidence" in caplog.text
    big = {"A": {"x": WEAK_EVIDENCE_WORDS}, "B": {"y": WEAK_EVIDENCE_WORDS}}
    strong = log_odds_dirichlet(big, min_count=1)
    assert not strong["weak_evidence"].any() and strong.attrs["warning"] == ""


@pytest.mark.parametrize("counts", [{}, {"A": {"x": 2}}, {"A": {}, "B": {}}])
def test_nothing_to_compare_gives_an_empty_table(counts):
    df = log_odds_dirichlet(counts)
    assert df.empty and list(df.columns)[:3] == ["group", "term", "count"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"min_count": -1}, "min_count"),
    ({"prior_scale": 0}, "prior_scale"),
])
def test_invalid_numbers(kwargs, message):
    with pytest.raises(ValueError, match=message):
        log_odds_dirichlet({"A": {"x": 1}}, **kwargs)


@pytest.fixture(scope="module")
def seeds():
    return analyse_story(load_story(SEEDS))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"by": "paragraph"}, "valid options: outlet, article"),
    ({"voice": "mine"}, "valid options: all, own, quoted"),
])
def test_invalid_options(seeds, kwargs, message):
    with pytest.raises(ValueError, match=message):
        group_terms(seeds, **kwargs)


def test_group_terms_by_voice(seeds):
    all_words = group_terms(seeds)
    own = group_terms(seeds, voice="own")
    quoted = group_terms(seeds, voice="quoted")
    for outlet in all_words:
        assert own[outlet] + quoted[outlet] == all_words[outlet]
    # "imperfect" appears only inside quotation marks in A and B, only unquoted in C
    assert own["Outlet A"]["imperfect"] == 0 and quoted["Outlet A"]["imperfect"] == 2
    assert own["Outlet C"]["imperfect"] == 2


def test_exclude_and_extra_quotes(seeds):
    counts = group_terms(seeds, exclude=["The", "and"])
    assert all(c["the"] == 0 and c["and"] == 0 for c in counts.values())
    from analysis.compare.passages import find_passages, reuse_as_quotes, unmarked_ranges

    al = find_passages(seeds)
    c = al.article("outlet-c")
    extra = {"outlet-c": reuse_as_quotes(c.document, unmarked_ranges(al, "outlet-c"))}
    own = group_terms(seeds, voice="own", extra_quotes=extra)
    assert own["Outlet C"]["imperfect"] == 0  # the unmarked paragraph now counts as quoted


def test_distinctive_terms_on_the_seeds(seeds):
    df = distinctive_terms(seeds, top=5)
    assert list(df.columns[:2]) == ["outlet", "term"]
    assert df.groupby("outlet").size().max() <= 5
    assert (df["count"] >= 2).all() and df["weak_evidence"].all()
    assert "weak evidence: 3 groups" in df.attrs["warning"]
    by_article = distinctive_terms(seeds, by="article", voice="own")
    assert list(by_article.columns[:3]) == ["article_id", "outlet", "term"]
    assert set(by_article["article_id"]) == {"outlet-a", "outlet-b", "outlet-c"}


def test_ten_outlets():
    df = distinctive_terms(analyse_story(load_story(TEN)), min_count=1, weak_min_count=0, keep_function_words=True)
    assert df["outlet"].nunique() == 10
    # every outlet is compared with the nine others pooled: counts add up to the corpus total
    totals = df.assign(total=df["count"] + df["count_rest"]).groupby("term")["total"].nunique()
    assert (totals == 1).all()
    assert Counter(df.drop_duplicates("outlet")["n_words"] > 0) == Counter({True: 10})


def test_a_term_that_is_every_word_has_undefined_log_odds():
    import math

    from analysis.compare.distinctive import log_odds_dirichlet

    df = log_odds_dirichlet({"a": {"0000": 1}, "b": {"0000": 2}}, min_count=1)
    assert len(df) == 2
    assert df["z_score"].map(math.isnan).all() and df["log_odds"].map(math.isnan).all()


def _function_word_list() -> set[str]:
    text = (ROOT / "analysis" / "data" / "function_words.txt").read_text(encoding="utf-8")
    return {ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}


def test_top_terms_on_the_starter_story_reviewed_by_hand(seeds):
    """The top three terms per outlet, read against the three articles.

    Outlet A: "movement" (4 uses, none elsewhere) is its own framing of the story as part of
    the #MeToo movement, in its opening and in the Krasinski paragraph the others lack;
    "hollywood" (7 against 3 and 2) is A's own setting of the story ("much of Hollywood",
    "positions of power throughout Hollywood"), not just the letter's one use; "women" (4
    against 2): A's introduction is about the women who spoke out and the 94 percent figure.
    Outlet B: "misconduct" (4, none elsewhere) is B's own word for the scandal ("accused of
    various forms of sexual misconduct", the Oscars producers' "ongoing sexual misconduct");
    "letter" (8 against 7 and 3): B reports the letter as a document ("the letter reads",
    "the letter concludes"); "producers" (3): B's paragraph on the show's producers.
    Outlet C: "support" (4 against 1 and 1): C carries the pledge "to support survivors" and
    its own "show support to harassment survivors"; "sexism" (3 against 2) is in the
    letter's passage "speak out against sexism" that only C carries; "abuse" (6 against 7
    pooled) because C reproduces more of the letter's paragraphs on abuse.
    Every one is a content word that says what the outlet wrote about; none is a function word.
    """
    df = distinctive_terms(seeds, top=3)
    top = {o: list(g["term"]) for o, g in df.groupby("outlet")}
    assert top == {
        "Outlet A": ["movement", "hollywood", "women"],
        "Outlet B": ["misconduct", "letter", "producers"],
        "Outlet C": ["support", "sexism", "abuse"],
    }
    full = distinctive_terms(seeds)
    assert not set(full["term"]) & _function_word_list()
    assert full["weak_evidence"].all() and (full["count"] >= WEAK_MIN_COUNT).all()
    assert f"fewer than {WEAK_MIN_COUNT} times" in full.attrs["warning"]


def test_function_words_are_counted_but_hidden_unless_kept(seeds):
    kept = distinctive_terms(seeds, keep_function_words=True)
    hidden = distinctive_terms(seeds)
    assert {"a", "our", "from"} <= set(kept["term"])  # the words the issue found on top
    # hiding is a filter: the remaining rows keep the z-scores of the full count
    merged = hidden.merge(kept, on=["outlet", "term"], suffixes=("", "_kept"))
    assert len(merged) == len(hidden)
    assert (merged["z_score"] == merged["z_score_kept"]).all()
    assert (merged["n_words"] == merged["n_words_kept"]).all()
    own_list = distinctive_terms(seeds, function_words=["movement"])
    assert "movement" not in set(own_list["term"]) and "our" in set(own_list["term"])


def test_weak_evidence_minimum_count(seeds):
    off = distinctive_terms(seeds, weak_min_count=0)
    assert off["count"].min() == 2  # min_count alone
    assert "times are not listed" not in off.attrs["warning"]
    high = distinctive_terms(seeds, min_count=5)
    assert high["count"].min() >= 5 and "fewer than 5 times" not in high.attrs["warning"]
    with pytest.raises(ValueError, match="weak_min_count"):
        distinctive_terms(seeds, weak_min_count=-1)


def test_no_minimum_raise_without_weak_evidence():
    # two groups of 10,000+ words: not weak, so min_count alone applies
    a = {"alpha": 2, "filler": WEAK_EVIDENCE_WORDS}
    b = {"beta": 2, "filler": WEAK_EVIDENCE_WORDS}
    df = log_odds_dirichlet({"A": a, "B": b})
    assert not df["weak_evidence"].any() and set(df["term"]) >= {"alpha", "beta"}
