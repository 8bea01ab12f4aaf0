"""The frame gold set is well formed: every coded sentence can be found in its article.

Checks the files under ``gold/frames/`` against docs/frame-coding-guide.md: each half
(``dev``, ``test``) holds one YAML file per coded article; the file names an article of the
speech gold set's same half; every coded ``text`` is one whole sentence of the body (at
the given occurrence, bounded by a paragraph edge or sentence punctuation); every frame id
comes from the generic codebook; no sentence is listed twice; the number of sentences
read is recorded. It says nothing about the frame matcher.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analysis.corpus import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "frames"
CODEBOOK = ROOT / "analysis" / "data" / "codebooks" / "generic.yml"
HALVES = ("dev", "test")
KEYS = {"article", "coded_by", "n_sentences", "sentences"}
SENTENCE_KEYS = {"text", "frames", "note", "occurrence"}
# A sentence ends at . ! or ? (closing quotes or brackets may follow) or at a paragraph end.
_ENDS = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")


def _frame_ids() -> set[str]:
    data = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))
    return {frame["id"] for frame in data["frames"]}


def _files() -> list[Path]:
    return sorted(p for half in HALVES for p in (GOLD / half).glob("*.yml"))


def _nth(body: str, text: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = body.find(text, at + 1)
        if at < 0:
            return -1
    return at


def _body(article: Path) -> str:
    return split_front_matter(article.read_text(encoding="utf-8"), article)[1]


def _is_whole_sentence(body: str, start: int, text: str) -> bool:
    """True when ``text`` at ``start`` begins and ends on a sentence boundary."""
    before = body[:start].rstrip(" \t")
    starts = before == "" or before.endswith("\n") or re.search(r"[.!?][\"'\u201d\u2019)\]]*$", before)
    after = body[start + len(text):]
    ends = after.strip(" \t") == "" or after.lstrip(" \t").startswith(("\n", "\r")) or (
        bool(_ENDS.search(text)) and after[:1].isspace()
    )
    return bool(starts) and ends


pytestmark = pytest.mark.skipif(not _files(), reason="no gold/frames files yet")


def test_nothing_but_halves_and_the_readme() -> None:
    extra = {p.name for p in GOLD.iterdir()} - {"README.md", *HALVES}
    assert not extra, f"{GOLD}: unexpected entries {sorted(extra)}"


@pytest.mark.parametrize("path", _files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_coded_sentence_is_found_in_its_article(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) <= KEYS, f"{path.name}: keys {sorted(data)}"
    half = path.parent.name
    article = ROOT / data["article"]
    assert data["article"] == f"gold/speech/{half}/articles/{path.stem}.md", path.name
    assert article.is_file(), f"{path.name}: no article {data['article']}"
    assert str(data.get("coded_by") or "").strip(), f"{path.name}: no coded_by"
    body = _body(article)
    frames = _frame_ids()
    sentences = data.get("sentences") or []
    assert isinstance(data.get("n_sentences"), int), f"{path.name}: n_sentences is not a count"
    assert len(sentences) <= data["n_sentences"], f"{path.name}: more coded than read"
    seen: set[tuple[str, int]] = set()
    for sentence in sentences:
        text = sentence.get("text", "")
        where = f"{path.name}: {text[:40]!r}"
        assert set(sentence) <= SENTENCE_KEYS, where
        assert text and text == text.strip() and "\n" not in text, where
        occurrence = int(sentence.get("occurrence", 1))
        assert occurrence >= 1, where
        start = _nth(body, text, occurrence)
        assert start >= 0, f"{where} not in the body at occurrence {occurrence}"
        assert _is_whole_sentence(body, start, text), f"{where} is not a whole sentence"
        assert (text, occurrence) not in seen, f"{where} listed twice"
        seen.add((text, occurrence))
        coded = sentence.get("frames") or []
        assert coded, f"{where}: no frames (leave uncoded sentences out)"
        assert len(set(coded)) == len(coded), f"{where}: a frame listed twice"
        assert set(coded) <= frames, f"{where}: unknown frames {sorted(set(coded) - frames)}"
        assert isinstance(sentence.get("note", ""), str), where


@pytest.mark.parametrize(
    ("body", "text", "expected"),
    [
        ("One. Two words here. Three.", "Two words here.", True),
        ("One. Two words here. Three.", "Two words", False),
        ("Headline\nBody text.", "Headline", True),
        ("He said: \u201cYes.\u201d Then left.", "He said: \u201cYes.\u201d", True),
        ("ab. cd.", "b. cd.", False),
        ("  Indented first.\n\n  Indented second.  \n", "Indented second.", True),
        ("", "", True),
    ],
)
def test_the_whole_sentence_rule(body: str, text: str, expected: bool) -> None:
    assert _is_whole_sentence(body, body.find(text), text) is expected


def test_the_halves_follow_the_speech_gold_and_share_no_article() -> None:
    ids = {half: {p.stem for p in (GOLD / half).glob("*.yml")} for half in HALVES}
    assert not ids["dev"] & ids["test"]
    for half, stems in ids.items():
        for stem in stems:
            assert (ROOT / "gold" / "speech" / half / "articles" / f"{stem}.md").is_file(), stem
