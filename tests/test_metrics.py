"""Tests for analysis.metrics: per-article rows and pooled outlet rows."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from analysis import __version__
from analysis.io.corpus import load_story
from analysis.metrics import analyse_story, metrics_table
from analysis.text.readability import READABILITY_COLUMNS, counts_from_words, readability_scores
from analysis.text.document import make_document

STORY = Path(__file__).parent.parent / "corpus" / "askmoreofhim"
REQUIRED = [
    "article_id", "outlet", "n_words", "n_sentences", "flesch_reading_ease",
    "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
    "automated_readability_index", "dale_chall_readability_score",
    "package_version", "corpus_sha256",
]


def _write(folder: Path, name: str, outlet: str, body: str) -> None:
    (folder / name).write_text(f"---\noutlet: {outlet}\n---\n{body}", encoding="utf-8")


def test_seed_table_has_required_columns_and_provenance():
    story = load_story(STORY)
    df = metrics_table(story)
    assert list(df["article_id"]) == ["outlet-a", "outlet-b", "outlet-c"]
    for column in REQUIRED:
        assert column in df.columns, column
    assert set(df["package_version"]) == {__version__}
    assert set(df["corpus_sha256"]) == {story.corpus_sha256}


def test_article_row_equals_formulas_on_the_document_counts():
    story = load_story(STORY)
    df = metrics_table(story).set_index("article_id")
    for article in story.articles:
        doc = make_document(article.body)
        expected = readability_scores(counts_from_words(doc.word_texts, doc.n_sentences), doc.word_texts)
        row = df.loc[article.article_id]
        assert row["n_words"] == doc.n_words and row["n_sentences"] == doc.n_sentences
        for column in READABILITY_COLUMNS:
            assert row[column] == pytest.approx(expected[column], nan_ok=True), column


def test_outlet_rows_pool_counts_not_average_scores(tmp_path):
    short = "Cats sit. Dogs run."
    long = ("Municipal administrators deliberately postponed the extraordinarily complicated "
            "infrastructure negotiations indefinitely.")
    _write(tmp_path, "x1.md", "X", short)
    _write(tmp_path, "x2.md", "X", long)
    _write(tmp_path, "y1.md", "Y", short)
    story = load_story(tmp_path)
    by_article = metrics_table(story).set_index("article_id")
    by_outlet = metrics_table(story, by="outlet").set_index("outlet")
    assert list(by_outlet.index) == ["X", "Y"]
    x = by_outlet.loc["X"]
    assert x["n_articles"] == 2 and x["n_words"] == 4 + 10 and x["n_sentences"] == 3
    assert x["words_per_sentence"] == pytest.approx(14 / 3)
    mean_of_articles = by_article.loc[["x1", "x2"], "flesch_kincaid_grade"].mean()
    assert x["flesch_kincaid_grade"] != pytest.approx(mean_of_articles)
    pooled = counts_from_words(
        make_document(short).word_texts + make_document(long).word_texts, 3
    )
    assert x["flesch_kincaid_grade"] == pytest.approx(
        readability_scores(pooled, [])["flesch_kincaid_grade"]
    )
    assert by_outlet.loc["Y", "n_words"] == 4
    assert by_outlet["article_id"].isna().all()


def _hand_counts() -> dict[str, dict]:
    import yaml

    path = Path(__file__).parent / "fixtures" / "quotes" / "seeds.yml"
    return {e["article_id"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]}


def test_quote_columns_match_the_hand_count():
    df = metrics_table(load_story(STORY)).set_index("article_id")
    for article_id, hand in _hand_counts().items():
        row = df.loc[article_id]
        assert row["n_words"] == hand["n_words_total"]
        assert row["n_quotes"] == hand["n_quotes"]
        assert row["n_quoted_words"] == hand["n_quoted_words"]
        assert row["quote_density"] == pytest.approx(hand["n_quoted_words"] / hand["n_words_total"])
        assert row["quotes_per_100_words"] == pytest.approx(100 * hand["n_quotes"] / hand["n_words_total"])
        assert row["own_voice_share"] == pytest.approx(1 - hand["n_quoted_words"] / hand["n_words_total"])
        assert row["n_quote_groups"] == len({q["group"] for q in hand["quotes"] if q["kind"] != "name"})


def test_voice_readability_uses_the_proportional_sentence_rule():
    story = load_story(STORY)
    df = metrics_table(story).set_index("article_id")
    for a in analyse_story(story):
        row = df.loc[a.article.article_id]
        assert row["own_voice_n_sentences"] + row["quoted_n_sentences"] == pytest.approx(row["n_sentences"])
        own = a.voices.counts["own"]
        assert row["own_voice_words_per_sentence"] == pytest.approx(own.n_words / row["own_voice_n_sentences"])
        assert row["quoted_words_per_sentence"] == pytest.approx(
            row["n_quoted_words"] / row["quoted_n_sentences"]
        )
        for column in READABILITY_COLUMNS:
            assert "own_voice_" + column in df.columns and "quoted_" + column in df.columns


def test_article_without_quotes_has_nan_quoted_scores(tmp_path):
    _write(tmp_path, "a.md", "X", "The council met on Monday. It approved the budget.")
    row = metrics_table(load_story(tmp_path)).iloc[0]
    assert row["n_quotes"] == 0 and row["quote_density"] == 0 and row["own_voice_share"] == 1
    assert math.isnan(row["quoted_flesch_reading_ease"])
    assert row["own_voice_flesch_reading_ease"] == pytest.approx(row["flesch_reading_ease"])


def test_unknown_by_lists_valid_options():
    with pytest.raises(ValueError, match="valid options: article, outlet"):
        metrics_table(load_story(STORY), by="sentence")


def test_text_without_sentence_punctuation_still_has_one_sentence(tmp_path):
    _write(tmp_path, "a.md", "X", "no punctuation at all in this text")
    row = metrics_table(load_story(tmp_path)).iloc[0]
    assert row["n_sentences"] == 1 and row["n_words"] == 7


def test_wordless_body_gives_nan_scores_not_zero(tmp_path):
    _write(tmp_path, "a.md", "X", "— … —\n")
    row = metrics_table(load_story(tmp_path)).iloc[0]
    assert row["n_words"] == 0
    for column in READABILITY_COLUMNS:
        assert math.isnan(row[column]), column


def test_analyses_can_be_reused():
    story = load_story(STORY)
    analyses = analyse_story(story)
    a = metrics_table(story, analyses=analyses)
    b = metrics_table(story)
    assert a.equals(b)


def test_unmarked_reuse_can_count_as_quoted():
    story = load_story(STORY)
    plain = metrics_table(story).set_index("article_id")
    reuse = metrics_table(story, unmarked_as_quoted=True).set_index("article_id")
    hand = _hand_counts()["outlet-c"]
    unmarked_words = hand["not_quotes"][0]["n_words"]  # the letter's paragraph, 74 words by hand
    c_plain, c_reuse = plain.loc["outlet-c"], reuse.loc["outlet-c"]
    assert c_reuse["n_quotes"] == c_plain["n_quotes"]
    assert c_reuse["n_quoted_words"] - c_plain["n_quoted_words"] >= unmarked_words
    assert c_reuse["own_voice_n_words"] + c_reuse["n_quoted_words"] == c_reuse["n_words"]
    assert c_reuse["own_voice_flesch_kincaid_grade"] != pytest.approx(c_plain["own_voice_flesch_kincaid_grade"])
    for column in ("n_words", "n_sentences", "flesch_kincaid_grade"):
        assert (reuse[column] == plain[column]).all()
