"""The quotation-mark scanner finds exactly the spans of the character-by-character scanner it replaced.

:mod:`analysis.speech.marks` finds its candidate marks with compiled regular
expressions (one ``finditer`` per paragraph, apostrophes inside a word left out
by lookarounds, opening marks for the quote style by lookarounds) instead of
testing every character of the body in Python. The REFERENCE section below is
the scanner as it was before that change, kept here only to compare against:
every test checks that both give the same spans, the same quote style and the
same apostrophe decisions, on generated texts (hypothesis) and on every article
text of the repository (the starter story, the test fixtures and both gold sets).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.speech import marks
from analysis.speech.marks import DOUBLE_MARKS, OPEN_PUNCT, SINGLE_MARKS, _Raw
from analysis.text.document import Document, make_document

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------
# REFERENCE: the character-by-character scanner before compiled expressions
# (analysis/speech/marks.py as first split from quotes.py). Not used by the
# package; only compared against.


def _ref_is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _ref_double_spans(text: str, base: int, para_index: int) -> list[_Raw]:
    out: list[_Raw] = []
    open_at = -1
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in DOUBLE_MARKS:
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        space_before = _ref_is_space(prev) or prev in OPEN_PUNCT
        space_after = _ref_is_space(nxt)
        if ch in "\u201c\u201e":
            opener, closer = True, False
            if not space_before and (space_after or nxt in ",.;:!?)"):
                opener, closer = False, True
        elif ch == "\u201d":
            opener, closer = False, True
            if space_before and not space_after and nxt not in ",.;:!?)":
                opener, closer = True, False
        else:
            opener = space_before and not space_after
            closer = not space_before or (space_after and open_at >= 0)
            if prev.isdigit() and open_at < 0:
                opener = closer = False
        if open_at < 0:
            if opener:
                open_at = i
        elif closer:
            out.append(marks._make_raw(text, base, para_index, open_at, i))
            open_at = -1
        elif opener:
            out.append(marks._make_raw(text, base, para_index, open_at, -1, stop=i))
            open_at = i
    if open_at >= 0:
        out.append(marks._make_raw(text, base, para_index, open_at, -1))
    return [r for r in out if r.end > r.start]


def _ref_is_apostrophe(text: str, i: int) -> bool:
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev.isalnum() and nxt.isalnum():
        return True
    if nxt.isdigit() and not prev.isalnum():
        return True
    if prev in "sS" and nxt in (" ", "\u00a0"):
        j = i + 1
        while j < len(text) and text[j] in " \u00a0":
            j += 1
        if j < len(text) and (text[j].islower() or text[j].isdigit()):
            return True
    if prev.isalpha() and nxt.isalpha() is False and text[i - 2 : i].lower() in ("'n", "\u2019n"):
        return True
    if nxt.isalpha() and (not prev or _ref_is_space(prev)) and text[i + 1 : i + 3].lower() in ("n ", "n\u2019", "n'"):
        return True
    return False


def _ref_single_spans(text: str, base: int, para_index: int) -> list[_Raw]:
    out: list[_Raw] = []
    open_at = -1
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in SINGLE_MARKS or _ref_is_apostrophe(text, i):
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        space_before = _ref_is_space(prev) or prev in OPEN_PUNCT or prev in DOUBLE_MARKS
        opener = ch != "\u2019" and space_before and not _ref_is_space(nxt)
        closer = ch != "\u2018" and not _ref_is_space(prev)
        if open_at < 0:
            if opener:
                open_at = i
        elif closer:
            out.append(marks._make_raw(text, base, para_index, open_at, i))
            open_at = -1
    if open_at >= 0:
        out.append(marks._make_raw(text, base, para_index, open_at, -1))
    return [r for r in out if r.end - r.start > 1]


_REF_STYLE_MARK_RE = re.compile("[" + re.escape(DOUBLE_MARKS + "'\u2018") + "]")


def _ref_primary_style(body: str) -> str:
    doubles = singles = 0
    for m in _REF_STYLE_MARK_RE.finditer(body):
        i, ch = m.start(), m.group()
        prev = body[i - 1] if i else ""
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if not (_ref_is_space(prev) or prev in OPEN_PUNCT) or _ref_is_space(nxt):
            continue
        if ch in DOUBLE_MARKS:
            doubles += 1
        elif not _ref_is_apostrophe(body, i):
            singles += 1
    return "single" if singles > 2 * doubles else "double"


def _ref_find_spans(doc: Document) -> list[_Raw]:
    style = _ref_primary_style(doc.body)
    finder = _ref_double_spans if style == "double" else _ref_single_spans
    raws: list[_Raw] = []
    for k, para in enumerate(doc.paragraphs):
        text = doc.body[para.start : para.end]
        found = finder(text, para.start, k)
        if style == "double" and not found and marks._is_headline(text):
            found = [r for r in _ref_single_spans(text, para.start, k) if r.close_mark >= 0]
        raws.extend(found)
    return marks._link_paragraphs(doc, raws, DOUBLE_MARKS if style == "double" else "'\u2018")


# END OF REFERENCE
# ----------------------------------------------------------------------------


def _same_as_reference(text: str) -> None:
    """Every scanning function of marks agrees with the reference on ``text``."""
    assert marks._double_spans(text, 7, 3) == _ref_double_spans(text, 7, 3)
    assert marks._single_spans(text, 7, 3) == _ref_single_spans(text, 7, 3)
    assert marks._primary_style(text) == _ref_primary_style(text)
    for i, ch in enumerate(text):
        if ch in SINGLE_MARKS:
            assert marks._is_apostrophe(text, i) == _ref_is_apostrophe(text, i), (text, i)
    doc = make_document(text)
    assert marks._find_spans(doc) == _ref_find_spans(doc)


# Pieces chosen to reach every branch of the scanner: every mark, spaces of
# several kinds (no-break, tab, line and paragraph breaks), opening brackets and
# dashes, closing punctuation, letters that matter to the apostrophe rules
# (s, S, n, N), letters and digits that are not ASCII ("é", "Ⅻ", superscript
# two: a digit to str.isdigit but not a decimal), the underscore (a word
# character that is not a letter or digit) and a combining accent.
PIECES = [
    *DOUBLE_MARKS, *SINGLE_MARKS, " ", " ", "\u00a0", "\t", "\n", "\n\n", "\u2003",
    *OPEN_PUNCT, ",", ".", ";", ":", "!", "?", ")",
    "a", "s", "S", "n", "N", "T", "x", "\u00e9", "\u216b", "1", "9", "\u00b2", "_", "\u0301",
    "word", "It", "rock", "90s", "the Smiths", "students", "said",
]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@given(texts)
def test_the_scanner_finds_the_reference_spans_on_generated_text(text):
    _same_as_reference(text)


@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_single_quote_style_articles_give_the_reference_spans(text):
    """The same, with single marks in the majority so that the single-quote finder runs."""
    text = "\u2018a\u2019 \u2018b\u2019 'c' " + text
    assert marks._primary_style(text) == _ref_primary_style(text)
    doc = make_document(text)
    assert marks._find_spans(doc) == _ref_find_spans(doc)


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        "He said \"yes\" and left.",
        "\u201cA,\u201d the letter read. \u201cB\u201d",
        "A 6\" pipe. \"Then,\" he said.",
        "\u201cUnclosed here.\n\n\u201cAnd it goes on,\u201d she said.",
        "It\u2019s the \u201990s. The Smiths\u2019 house. rock\u2019n\u2019roll, fish 'n chips.",
        "\u2018Single\u2019 style \u2018quotes\u2019 with \u2018three\u2019 spans.",
        "Minister celebrates \u2018special connection\u2019 between farming and tourism\n\n\"Yes,\" he said.",
        "' s' S' n' _'_ \u00e9'\u00e9 \u00b2'\u00b2 \u216b'x",
    ],
)
def test_the_scanner_finds_the_reference_spans_on_written_cases(text):
    _same_as_reference(text)


def test_spans_exclude_the_marks_and_apostrophes_open_nothing():
    body = "It\u2019s the \u201990s. He said \"yes\" and \u201cno, not now\u201d.\n\nShe\u2019d left."
    doc = make_document(body)
    assert [body[r.start : r.end] for r in marks._find_spans(doc)] == ["yes", "no, not now"]


def _article_texts() -> list[Path]:
    """Every Markdown article of the starter story, the test fixtures and both gold sets."""
    found = sorted((ROOT / "corpus").rglob("*.md")) + sorted((ROOT / "tests" / "fixtures").rglob("*.md"))
    found += sorted((ROOT / "gold").rglob("articles/*.md"))
    return [p for p in found if p.name != "README.md"]


ARTICLES = _article_texts()


def test_the_article_texts_are_found():
    """The corpus test below can fail: it runs on the starter story, the fixtures and both gold sets' articles."""
    names = {str(p.relative_to(ROOT)) for p in ARTICLES}
    assert "corpus/askmoreofhim/outlet-a.md" in names
    for half in ("dev", "test"):
        assert any(n.startswith(f"gold/speech/{half}/articles/") for n in names), half
    # the frame gold set codes articles of the speech gold set: every one of them is among the texts
    framed = {
        line.split(":", 1)[1].strip()
        for path in (ROOT / "gold" / "frames").rglob("*.yml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("article:")
    }
    assert len(framed) >= 50 and framed <= names
    assert sum(n.startswith("tests/fixtures/") for n in names) >= 20


def test_the_scanner_finds_the_reference_spans_on_every_article_of_the_repository():
    checked = spans = 0
    for path in ARTICLES:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        body = raw.split("\n---\n", 1)[1] if raw.startswith("---\n") and "\n---\n" in raw else raw
        for text in {raw, body}:
            doc = make_document(text)
            new, ref = marks._find_spans(doc), _ref_find_spans(doc)
            assert new == ref, path.relative_to(ROOT)
            assert marks._primary_style(text) == _ref_primary_style(text), path.relative_to(ROOT)
            checked += 1
            spans += len(new)
    assert checked >= len(ARTICLES) and spans > 500  # the check above compared real quotes


def test_the_character_classes_of_the_expressions_are_the_string_methods():
    """``[^\\W_]`` is ``str.isalnum`` and ``\\s`` is ``str.isspace`` on every code point.

    The scanner's lookarounds rely on it; a Python version where they differed
    would fail here rather than give other spans.
    """
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    alnum = {m.start() for m in re.finditer(r"[^\W_]", every)}
    space = {m.start() for m in re.finditer(r"\s", every)}
    assert alnum == {i for i, c in enumerate(every) if c.isalnum()}
    assert space == {i for i, c in enumerate(every) if c.isspace()}
