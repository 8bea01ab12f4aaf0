"""Tests for analysis.compare.kwic: keyword-in-context lines grouped by outlet."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.io.corpus import Article, load_story
from analysis.compare.kwic import KWIC_COLUMNS, concordance
from analysis.metrics import analyse_article, analyse_story
from analysis.compare.passages import find_passages

SEEDS = Path(__file__).parent.parent / "corpus" / "askmoreofhim"


def _article(article_id, body, outlet):
    return analyse_article(Article(article_id=article_id, outlet=outlet, path=Path(f"{article_id}.md"),
                                   body=body, meta={"outlet": outlet}))


@pytest.fixture(scope="module")
def two():
    return [
        _article("b1", "It’s time. We said it's time,\nagain.", "Outlet B"),
        _article("a1", "Accountability matters; they were held accountable.", "Outlet A"),
    ]


@pytest.mark.parametrize(("query", "expected"), [
    ("its", ["It’s", "it's"]),
    ("TIME", ["time", "time"]),
    ("it's time", ["It’s time", "it's time"]),
    ("accountab*", ["Accountability", "accountable"]),
    ("held accountab*", ["held accountable"]),
    ("missing", []),
])
def test_matches(two, query, expected):
    df = concordance(two, query)
    assert list(df.columns) == list(KWIC_COLUMNS)
    assert df["keyword"].tolist() == expected


def test_rows_are_grouped_by_outlet_with_offsets_and_context(two):
    df = concordance(two, "time", width=8)
    assert df["outlet"].tolist() == ["Outlet B", "Outlet B"]
    body = two[0].document.body
    first, second = df.iloc[0], df.iloc[1]
    assert body[first["start"] : first["end"]] == "time"
    assert (first["start"], first["end"]) == (5, 9)
    assert first["left"] == "It’s " and first["right"] == ". We sai"
    assert second["right"] == ", again."  # the newline is collapsed to a space
    ordered = concordance(two, "accountab* matters")
    assert ordered["outlet"].tolist() == ["Outlet A"]


@pytest.mark.parametrize("query", ["", "   ", "— …"])
def test_query_without_words(two, query):
    with pytest.raises(ValueError, match="no word"):
        concordance(two, query)


def test_negative_width(two):
    with pytest.raises(ValueError, match="width"):
        concordance(two, "time", width=-1)


def test_empty_articles():
    assert concordance([_article("e", "", "E")], "time").empty
    assert concordance([], "time").empty


def test_seeds_and_aligned_articles_give_the_same_lines():
    analyses = analyse_story(load_story(SEEDS))
    a = concordance(analyses, "imperfect")
    b = concordance(find_passages(analyses).articles, "imperfect")
    assert a.equals(b)
    assert a.groupby("outlet").size().to_dict() == {"Outlet A": 2, "Outlet B": 2, "Outlet C": 2}
