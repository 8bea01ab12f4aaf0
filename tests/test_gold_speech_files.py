"""The quote gold set is well formed: every annotation can be found in its article.

Checks the files under ``gold/speech/`` against docs/speech-annotation-guide.md: each
half holds an ``articles/`` story folder and a ``spans/`` folder with one YAML file per
article; every article names its source and licence; every annotated ``text`` occurs in
the article body at the given occurrence; kinds, forms, speaker types, name types and
phenomenon tags come from the guide's lists. It says nothing about the extractor.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.io.corpus import load_story

GOLD = Path(__file__).resolve().parent.parent / "gold" / "speech"
HALVES = ("dev", "test")

KINDS = {"direct": {"full", "partial"}, "reported": {"indirect", "mixed"}}
SPEAKER_TYPES = {"person", "organisation", "publication", "document", "unnamed", "none"}
NAME_TYPES = {"person", "organisation", "place", "publication", "other"}
STORY_TYPES = {"politics", "police", "business", "local", "science", "other"}
FORMATS = {"wire", "british", "interview", "press-release", "local", "news"}
PHENOMENA = {
    "said-name", "name-said", "attribution-before", "title-before-name", "apposition",
    "role-noun", "pronoun", "they-plural", "organisation", "spokesperson", "unnamed",
    "continuation", "told-object", "relative-clause", "according-to", "document",
    "multi-paragraph", "single-marks", "headline", "caption", "qa-transcript", "block-quote",
    "attributed-word", "that-clause", "no-that", "content-first", "verb-object",
}
REQUIRED_META = ("outlet", "url", "licence", "story_type", "format")


def _halves() -> list[Path]:
    return [GOLD / half for half in HALVES if (GOLD / half / "articles").is_dir()]


def _span_files() -> list[Path]:
    return sorted(p for half in _halves() for p in (half / "spans").glob("*.yml"))


def _nth(body: str, text: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = body.find(text, at + 1)
        if at < 0:
            return -1
    return at


pytestmark = pytest.mark.skipif(not _halves(), reason="no gold/speech halves yet")


@pytest.mark.parametrize("half", _halves(), ids=lambda p: p.name)
def test_every_article_has_provenance_and_a_span_file(half: Path) -> None:
    story = load_story(half / "articles")
    assert story.articles, f"{half}: no articles"
    for article in story.articles:
        for key in REQUIRED_META:
            assert str(article.meta.get(key) or "").strip(), f"{article.article_id}: no {key}"
        assert article.meta["story_type"] in STORY_TYPES, article.article_id
        assert article.meta["format"] in FORMATS, article.article_id
        assert (half / "spans" / f"{article.article_id}.yml").is_file(), article.article_id


@pytest.mark.parametrize("path", _span_files(), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_every_span_is_found_in_its_article(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["article_id"] == path.stem
    article = next(
        a for a in load_story(path.parent.parent / "articles").articles
        if a.article_id == path.stem
    )
    body = article.body
    for span in data.get("spans") or []:
        where = f"{path.name}: {span.get('text', '')[:40]!r}"
        assert span["kind"] in KINDS, where
        assert span["form"] in KINDS[span["kind"]], where
        assert span["speaker_type"] in SPEAKER_TYPES, where
        assert isinstance(span.get("speaker", ""), str), where
        assert (span["speaker_type"] == "none") == (span.get("speaker", "") == ""), where
        assert set(span.get("phenomena") or []) <= PHENOMENA, where
        text = span["text"]
        assert text and text == text.strip(), where
        assert _nth(body, text, int(span.get("occurrence", 1))) >= 0, f"{where} not in the body"
    for name in data.get("names") or []:
        assert name["type"] in NAME_TYPES, f"{path.name}: {name}"
        assert name["text"] in body, f"{path.name}: name {name['text']!r} not in the body"


def test_the_halves_share_no_article() -> None:
    ids = [
        {p.stem for p in (half / "articles").glob("*.md")} for half in _halves()
    ]
    if len(ids) == 2:
        assert not ids[0] & ids[1]


def test_readme_lists_every_article_with_its_licence_and_the_counts() -> None:
    readme = (GOLD / "README.md").read_text(encoding="utf-8")
    totals = {"direct": 0, "reported": 0, "articles": 0}
    for half in _halves():
        for article in load_story(half / "articles").articles:
            spans = yaml.safe_load((half / "spans" / f"{article.article_id}.yml").read_text(encoding="utf-8"))
            spans = spans.get("spans") or []
            direct = sum(s["kind"] == "direct" for s in spans)
            reported = sum(s["kind"] == "reported" for s in spans)
            row = (f"| {half.name} | [{article.article_id}]({article.meta['url']}) | {article.meta['outlet']} | "
                   f"{article.meta['story_type']} | {article.meta['format']} | {article.meta['licence']} | "
                   f"{direct} | {reported} |")
            assert row in readme, f"gold/speech/README.md lacks or misstates {article.article_id}"
            totals["direct"] += direct
            totals["reported"] += reported
            totals["articles"] += 1
    assert f"| all | {totals['articles']} | {totals['direct']} | {totals['reported']} |" in readme
