"""The frame gold set is well formed: every coded sentence can be found in its article.

Checks the files under ``gold/frames/`` against docs/frame-coding-guide.md: each half
(``dev``, ``test``) holds one YAML file per coded article; the file names an article of the
speech gold set's same half (or one of the frame gold's own articles in ``gold/frames/<half>/articles/``); the body is cut into sentences by the guide's boundary rule
(:func:`reader_sentences`), ``n_sentences`` is their count (the article was coded whole) and
every coded ``text`` is one of them (at the given occurrence); every frame id comes from the
generic codebook; no sentence is listed twice. It says nothing about the frame matcher.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analysis.io.corpus import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "frames"
CODEBOOK = ROOT / "analysis" / "data" / "codebooks" / "generic.yml"
HALVES = ("dev", "test")
KEYS = {"article", "coded_by", "n_sentences", "sentences"}
SENTENCE_KEYS = {"text", "frames", "note", "occurrence"}
# The guide's boundary rule: a sentence ends at . ! or ? (closing quotes or brackets may
# follow) before a space and a capital, digit, opening quote or bracket, or at a line break.
# A title or an initial before a name does not end one; a dotted abbreviation does when the
# next word plainly opens a sentence ("in Washington D.C. The team").
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(?:(?<=\s)|^)[A-Za-z.]+$")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_TITLES = frozenset(
    "Mr Mrs Ms Dr St Sen Rep Gov Lt Col Gen Sgt Capt Maj Cpl Pvt Spc Adm Cmdr Insp Supt Det "
    "Prof Rev Hon Mt Ft Jr Sr No Ch U.S U.K U.N Jan Feb Aug Sept Oct Nov Dec".split()
)
_OPENERS = frozenset("The He She They It This In A An But However We I".split())


def reader_sentences(body: str) -> list[str]:
    """Cut an article body into sentences by the coding guide's boundary rule.

    Parameters
    ----------
    body : str
        The article body (front matter removed).

    Returns
    -------
    list of str
        The sentences in order, each stripped of surrounding white space.
    """
    out: list[str] = []
    for line in body.splitlines():
        start = 0
        for m in _END.finditer(line):
            last = _LAST_WORD.findall(line[start:m.start()])
            rest = line[m.end():].split(None, 1)
            opens = bool(last) and "." in last[0] and bool(rest) and rest[0] in _OPENERS
            if last and not opens and (last[0].rstrip(".") in _TITLES or _INITIALS.fullmatch(last[0])):
                continue
            if line[start:m.end()].strip():
                out.append(line[start:m.end()].strip())
            start = m.end()
        if line[start:].strip():
            out.append(line[start:].strip())
    return out


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


def _spans(body: str) -> set[tuple[int, int]]:
    """Character spans of the body's sentences by the guide's rule."""
    spans, at = set(), 0
    for sentence in reader_sentences(body):
        at = body.find(sentence, at)
        spans.add((at, at + len(sentence)))
        at += len(sentence)
    return spans


def _article_paths(half: str, stem: str) -> tuple[str, str]:
    """Where a coded article may be: the speech gold set's same half, or the frame gold's own articles of that half."""
    return f"gold/speech/{half}/articles/{stem}.md", f"gold/frames/{half}/articles/{stem}.md"


def _body(article: Path) -> str:
    return split_front_matter(article.read_text(encoding="utf-8"), article)[1]


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
    assert data["article"] in _article_paths(half, path.stem), path.name
    assert article.is_file(), f"{path.name}: no article {data['article']}"
    assert str(data.get("coded_by") or "").strip(), f"{path.name}: no coded_by"
    body = _body(article)
    frames = _frame_ids()
    sentences = data.get("sentences") or []
    n_read = len(reader_sentences(body))
    spans = _spans(body)
    assert data.get("n_sentences") == n_read, f"{path.name}: n_sentences is not {n_read}, the body's count"
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
        assert (start, start + len(text)) in spans, f"{where} is not a whole sentence"
        assert (text, occurrence) not in seen, f"{where} listed twice"
        seen.add((text, occurrence))
        coded = sentence.get("frames") or []
        assert coded, f"{where}: no frames (leave uncoded sentences out)"
        assert len(set(coded)) == len(coded), f"{where}: a frame listed twice"
        assert set(coded) <= frames, f"{where}: unknown frames {sorted(set(coded) - frames)}"
        assert isinstance(sentence.get("note", ""), str), where


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", []),
        ("One. Two words here. Three.", ["One.", "Two words here.", "Three."]),
        ("Headline\nBody text. More.", ["Headline", "Body text.", "More."]),
        ("  Indented first.\n\n  Indented second.  \n", ["Indented first.", "Indented second."]),
        ("He said: \u201cYes.\u201d Then left.", ["He said: \u201cYes.\u201d", "Then left."]),
        ("Mr. Tedeschi spoke. Sgt. Nikki Broomfield too.", ["Mr. Tedeschi spoke.", "Sgt. Nikki Broomfield too."]),
        ("Brian M. Buckley and U.S. District Judge Bernal.", ["Brian M. Buckley and U.S. District Judge Bernal."]),
        ("in Washington D.C. The team won.", ["in Washington D.C.", "The team won."]),
        ("Ottawa, Aug. 16, 2018 - Funding.", ["Ottawa, Aug. 16, 2018 - Funding."]),
        ("Cost rose. 14 people left? Yes!", ["Cost rose.", "14 people left?", "Yes!"]),
        ("lower case. after a stop", ["lower case. after a stop"]),
        ("when my dad was in the\nservice,\u201d said Armstrong.", ["when my dad was in the", "service,\u201d said Armstrong."]),
    ],
)
def test_the_guide_boundary_rule(body: str, expected: list[str]) -> None:
    assert reader_sentences(body) == expected


def test_the_halves_follow_the_speech_gold_and_share_no_article() -> None:
    ids = {half: {p.stem for p in (GOLD / half).glob("*.yml")} for half in HALVES}
    assert not ids["dev"] & ids["test"]
    for half, stems in ids.items():
        for stem in stems:
            found = [p for p in _article_paths(half, stem) if (ROOT / p).is_file()]
            assert len(found) == 1, (stem, found)


def test_the_frame_gold_own_articles_are_coded_and_licensed() -> None:
    """An article stored under gold/frames/<half>/articles/ has a code file and says where it is from."""
    for half in HALVES:
        folder = GOLD / half / "articles"
        for article in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            assert (GOLD / half / f"{article.stem}.yml").is_file(), f"{article.name}: not coded"
            meta = split_front_matter(article.read_text(encoding="utf-8"), article)[0]
            for key in ("outlet", "title", "url", "licence", "attribution", "story_type", "format", "notes"):
                assert str(meta.get(key) or "").strip(), f"{article.name}: no {key}"
