"""Tests for analysis.speech.quote_tables: the quotes and speakers tables."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from analysis.io.corpus import Article, load_story, parse_article
from analysis.metrics import analyse_article, analyse_story
from analysis.speech.name_types import source_key
from analysis.speech.quote_tables import (
    QUOTE_COLUMNS,
    REPORTED_KINDS,
    ROLES,
    SPEAKER_COLUMNS,
    quotes_frame,
    speakers_frame,
    type_speakers,
)

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
    sources = ~quoted["speaker_type"].isin(["person", "unknown"])
    assert set(quoted.loc[sources, "speaker"]) == set(entry["sources_quoted"])
    mentioned = df["role"] == "mentioned only"
    assert set(df.loc[mentioned, "speaker"]) == set(entry["people_mentioned_not_quoted"])


def test_seed_a_speaker_rows_by_hand():
    # outlet-a: the letter speaks in 6 groups (9 spans, 146 words); John Krasinski in
    # 2 groups (4 spans: 25 + 18 + 16 + 8 = 67 words); 213 quoted words in all.
    story = load_story(STORY)
    df = speakers_frame(analyse_story(story), story.corpus_sha256)
    a = df[df["article_id"] == "outlet-a"].set_index("speaker")
    assert a.loc["the letter", ["n_quotes", "n_quote_spans", "n_words"]].tolist() == [6, 9, 146]
    assert a.loc["John Krasinski", ["n_quotes", "n_quote_spans", "n_words"]].tolist() == [2, 4, 67]
    assert a.loc["John Krasinski", "quoted_word_share"] == pytest.approx(67 / 213)
    # his direct verbs in order; a reported-speech cue, if the extractor finds one, may come first
    verbs = a.loc["John Krasinski", "verbs"].split("; ")
    assert [v for v in verbs if v in ("said", "added")] == ["said", "added"]
    # n_reported and role agree with the quote rows, whatever reported speech the extractor finds
    quotes = quotes_frame(analyse_story(story))
    for speaker, row in a.iterrows():
        mine = quotes[(quotes["article_id"] == "outlet-a") & (quotes["speaker"] == speaker)]
        n_reported = int(mine["kind"].isin(REPORTED_KINDS).sum())
        assert row["n_reported"] == n_reported
        assert row["role"] == ("quoted and paraphrased" if n_reported else "quoted") or not row["quoted"]
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
    marked = df[~df["kind"].isin(REPORTED_KINDS)]  # direct quotes and quoted names; reported rows come on top
    assert marked.groupby("article_id").size().to_dict() == {"outlet-a": 13, "outlet-b": 7, "outlet-c": 4}


def test_article_without_quotes_has_nan_share_for_named_people():
    article = Article("x", "X", Path("x.md"), "Mayor Ana Ruiz opened the bridge on Monday.", {})
    df = speakers_frame([analyse_article(article)])
    assert df["speaker"].tolist() == ["Ana Ruiz"]
    assert math.isnan(df.loc[0, "quoted_word_share"])
    assert quotes_frame([analyse_article(article)]).empty


def _hand_analysis(body: str, rows: list[tuple[str, str, str, int]]):
    """An analysis whose quotes are given by hand: (text, kind, speaker, quote_id)."""
    from types import SimpleNamespace

    from analysis.speech.quotes import Quote
    from analysis.text.document import make_document, word_spans

    quotes = []
    for text, kind, speaker, qid in rows:
        start = body.index(text)
        quotes.append(Quote(qid, start, start + len(text), text, len(word_spans(text)), kind, speaker,
                            "said", "neutral", 0))
    article = Article("x", "X", Path("x.md"), body, {})
    return SimpleNamespace(article=article, document=make_document(body, "x"), quotes=tuple(quotes))


BODY = (
    "NASA officials said the launch would slip. \"We need a week,\" NASA said. "
    "Mayor Ana Ruiz said \"we are ready\" and added that roads would close. "
    "Jo Lee said the weather was fine. Sam Ito watched from Main St."
)


def test_roles_reported_counts_and_one_row_for_nasa_and_its_officials():
    analysis = _hand_analysis(BODY, [
        ("the launch would slip", "indirect", "NASA officials", 1),
        ("We need a week,", "full", "NASA", 2),
        ("we are ready", "partial", "Ana Ruiz", 3),
        ("roads would close", "indirect", "Ana Ruiz", 4),
        ("the weather was fine", "indirect", "Jo Lee", 5),
    ])
    df = speakers_frame([analysis]).set_index("speaker")
    assert list(df.columns) == [c for c in SPEAKER_COLUMNS if c != "speaker"]
    # NASA: 1 direct span (4 words) + 1 reported span under "NASA officials" -> one row
    assert df.loc["NASA", ["role", "n_quotes", "n_words", "n_reported", "speaker_type"]].tolist() == [
        "quoted and paraphrased", 1, 4, 1, "organisation"]
    assert "NASA officials" not in df.index
    assert df.loc["Ana Ruiz", ["role", "n_reported", "quoted"]].tolist() == ["quoted and paraphrased", 1, True]
    assert df.loc["Jo Lee", ["role", "quoted", "n_quotes", "n_reported"]].tolist() == ["paraphrased", False, 0, 1]
    # direct words 4 + 3 = 7: the share counts direct words only
    assert df.loc["Ana Ruiz", "quoted_word_share"] == pytest.approx(3 / 7)
    assert df.loc["Jo Lee", "quoted_word_share"] == pytest.approx(0.0)
    assert df.loc["Sam Ito", ["role", "speaker_type", "n_reported"]].tolist() == ["mentioned only", "person", 0]
    assert set(df["role"]) <= set(ROLES)


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("Jane Roe", "person"),
        ("the letter", "document"),
        ("police spokesman", "unnamed"),
        ("", "unknown"),
        ("Hollywood Reporter", "publication"),
        ("Main St Traders Association", "organisation"),
        ("Space Launch System", "other"),
        ("Jane Roe; John Doe", "person"),
        ("Federal Election Commission filing", "document"),  # a document noun last, without "the"
        ("the tweets", "document"),  # a plural document noun
        ("Begum's father", "unnamed"),  # a name, then a common noun: no name of its own
        ("Prime Minister", "unnamed"),  # a role, not a name
        ("NASA officials", "organisation"),  # folded into NASA
    ],
)
def test_speaker_types(speaker, expected):
    body = f"\"It is done,\" said {speaker or 'someone'}. Jane Roe and John Doe were there."
    analysis = _hand_analysis(body, [("It is done,", "full", speaker, 1)])
    df = speakers_frame([analysis])
    assert df.loc[df["speaker"] == source_key(speaker), "speaker_type"].tolist() == [expected]
    assert type_speakers(analysis.document, [speaker]) == [expected]
