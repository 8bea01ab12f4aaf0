"""Tests for analysis.scale.synthetic: the generated corpus of the scale tests and benchmark."""

from __future__ import annotations

import pytest

from analysis.scale import synthetic
from analysis.io.corpus import load_story


def test_generated_articles_are_deterministic_distinct_and_well_formed():
    first = list(synthetic.generate_articles(300))
    assert first == list(synthetic.generate_articles(300))
    assert synthetic.generate_article(123) == first[123]  # article i does not depend on the others
    assert list(synthetic.generate_articles(2, start=10)) == first[10:12]
    assert len({a["text"] for a in first}) == 300
    assert len({a["article_id"] for a in first}) == 300
    names = {s.name for s in synthetic.OUTLET_STYLES}
    for a in first:
        assert set(a) == {"article_id", "outlet", "published", "title", "text"}
        assert a["outlet"] in names
        assert "2023-01-01" <= a["published"] <= "2024-12-31"
        assert synthetic.MIN_WORDS <= len(a["text"].split()) <= synthetic.MAX_WORDS + 120
    assert {a["outlet"] for a in first} == names
    assert synthetic.generate_article(0, seed=1) != synthetic.generate_article(0, seed=2)


@pytest.mark.parametrize("n", [0, -1])
def test_generate_articles_counts(n):
    if n < 0:
        with pytest.raises(ValueError, match="0 or more"):
            list(synthetic.generate_articles(n))
    else:
        assert list(synthetic.generate_articles(n)) == []


def test_written_story_bodies_are_the_texts(tmp_path):
    folder = synthetic.write_story(tmp_path / "s", 5)
    story = load_story(folder)
    for article, record in zip(story.articles, synthetic.generate_articles(5)):
        assert article.body == record["text"]
        assert article.article_id == record["article_id"]
        assert article.meta["published"] == record["published"]


def test_a_sample_of_a_large_corpus_as_a_story(tmp_path):
    folder = synthetic.write_story(tmp_path / "s", 0, indices=[70_000, 12])
    story = load_story(folder)
    assert [a.article_id for a in story.articles] == ["gen-0000012", "gen-0070000"]
    assert story.articles[1].body == synthetic.generate_article(70_000)["text"]
