"""Tests for analysis.quote_tables: the quotes and speakers tables."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from analysis.corpus import Article, load_story, parse_article
from analysis.metrics import analyse_article, analyse_story
from analysis.quote_tables import QUOTE_COLUMNS, SPEAKER_COLUMNS, quotes_frame, speakers_frame

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "quotes"
STORY = ROOT / "corpus" / "askmoreofhim"


def _entries() -> list[dict]:
    out = []
    for name in ("seeds.yml", "cases.yml"):
        out.extend(yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))["articles"])
    return out


def _analysis(entry: dict):
    path = ROOT / entry["file"]
    return analyse_article(parse_article(path.read_bytes(), path))


@pytest.mark.parametrize("entry", _entries(), ids=[Path(e["file"]).stem for e in _entries()])
def test_speakers_match_the_hand_marked_lists(entry):
    df = speakers_frame([_analysis(entry)])
    quoted = df[df["quoted"]]
    assert set(quoted.loc[quoted["speaker_type"] == "person", "speaker"]) == set(entry["people_quoted"])
    assert set(quoted.loc[quoted["speaker_type"] == "source", "speaker"]) == set(entry["sources_quoted"])
    assert set(df.loc[~df["quoted"], "speaker"]) == set(entry["people_mentioned_not_quoted"])


def test_seed_a_speaker_rows_by_hand():
    # outlet-a: the letter speaks in 6 groups (9 spans, 146 words); John Krasinski in
    # 2 groups (4 spans: 25 + 18 + 16 + 8 = 67 words); 213 quoted words in all.
    story = load_story(STORY)
    df = speakers_frame(analyse_story(story), story.corpus_sha256)
    a = df[df["article_id"] == "outlet-a"].set_index("speaker")
    assert a.loc["the letter", ["n_quotes", "n_quote_spans", "n_words"]].tolist() == [6, 9, 146]
    assert a.loc["John Krasinski", ["n_quotes", "n_quote_spans", "n_words"]].tolist() == [2, 4, 67]
    assert a.loc["John Krasinski", "quoted_word_share"] == pytest.approx(67 / 213)
    assert a.loc["John Krasinski", "verbs"] == "said; added"
    assert "admits" in a.loc["the letter", "verbs"].split("; ")
    assert list(df.columns) == list(SPEAKER_COLUMNS)
    assert set(df["corpus_sha256"]) == {story.corpus_sha256}


def test_quotes_table_rows_trace_to_the_body():
    story = load_story(STORY)
    df = quotes_frame(analyse_story(story), story.corpus_sha256)
    assert list(df.columns) == list(QUOTE_COLUMNS)
    bodies = {a.article_id: a.body for a in story.articles}
    for row in df.itertuples():
        assert bodies[row.article_id][row.start : row.end] == row.text
    assert df.groupby("article_id").size().to_dict() == {"outlet-a": 13, "outlet-b": 7, "outlet-c": 4}


def test_article_without_quotes_has_nan_share_for_named_people():
    article = Article("x", "X", Path("x.md"), "Mayor Ana Ruiz opened the bridge on Monday.", {})
    df = speakers_frame([analyse_article(article)])
    assert df["speaker"].tolist() == ["Ana Ruiz"]
    assert math.isnan(df.loc[0, "quoted_word_share"])
    assert quotes_frame([analyse_article(article)]).empty
