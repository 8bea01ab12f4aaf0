"""Tests for analysis.lesson."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.corpus import Article, load_story
from analysis.lesson import BYLINE_PLACEHOLDER, blind_reading_html, check_answer, hide_bylines

STORY = Path(__file__).resolve().parents[1] / "corpus" / "askmoreofhim"


def test_empty_body():
    assert hide_bylines("") == ""


def test_outlet_b_byline_and_handle_are_hidden_and_nothing_else():
    body = {a.article_id: a.body for a in load_story(STORY).articles}["outlet-b"]
    hidden = hide_bylines(body)
    assert "Nussbaum" not in hidden and "@dznussbaum" not in hidden
    assert hidden.endswith(BYLINE_PLACEHOLDER)
    assert hidden.replace(BYLINE_PLACEHOLDER, "Follow Daniel Nussbaum on Twitter: @dznussbaum") == body


def test_other_seeds_are_unchanged():
    for article in load_story(STORY).articles:
        if article.article_id != "outlet-b":
            assert hide_bylines(article.body) == article.body


@pytest.mark.parametrize(
    ("body", "hidden"),
    [
        ("Text.\n\nBy Jane Roe\n\nMore text.", True),
        ("Text.\n\nEmail tips to @desk.", True),
        ("By the end of the week, the council had voted on the plan to rebuild the bridge, "
         "which had stood for a century before it was closed to traffic.", False),
    ],
)
def test_byline_rules(body, hidden):
    assert (BYLINE_PLACEHOLDER in hide_bylines(body)) is hidden


def test_blind_reading_html_escapes_everything():
    article = Article("x", "<b>Outlet</b>", Path("x.md"), "<script>alert(1)</script> text", {})
    out = blind_reading_html([article])
    assert "<script>" not in out and "<b>Outlet" not in out
    assert "&lt;script&gt;" in out and "&lt;b&gt;Outlet" in out


@pytest.mark.parametrize(
    ("answer", "expected", "tolerance", "start"),
    [
        (None, "Outlet C", None, "Hint:"),
        ("outlet c ", "Outlet C", None, "Right:"),
        ("Outlet A", "Outlet C", None, "Not quite:"),
        (0.55, 0.5605, 0.02, "Right:"),
        (0.4, 0.5605, 0.02, "Not quite:"),
    ],
)
def test_check_answer(answer, expected, tolerance, start):
    assert check_answer(answer, expected, "look at the table", tolerance).startswith(start)


def test_tool_sentence_codes_pick_the_frame_with_most_cues(tmp_path):
    from analysis.codebook import load_codebook
    from analysis.lesson import NO_FRAME, tool_sentence_codes
    from analysis.text import make_document

    book = tmp_path / "book.yml"
    book.write_text(
        "codebook: test\nframes:\n"
        "  - {id: money, label: Money, definition: About money., cues: [budget, cost], example: x}\n"
        "  - {id: people, label: People, definition: About people., cues: [family, budget], example: x}\n",
        encoding="utf-8",
    )
    doc = make_document("The budget and the cost rose. A family moved. The budget grew. Rain fell.")
    codes = tool_sentence_codes(doc, load_codebook(book), [0, 1, 2, 3])
    # 0: money 2 cues vs people 1; 1: people; 2: tie (budget in both) -> first listed; 3: none
    assert codes == ["money", "people", "money", NO_FRAME]


def test_extend_codebook_adds_cues_to_a_copy(tmp_path):
    from analysis.codebook import load_codebook
    from analysis.errors import InputError
    from analysis.lesson import extend_codebook

    original = Path(__file__).resolve().parents[1] / "corpus" / "askmoreofhim" / "codebook.yml"
    before = original.read_bytes()
    copy = extend_codebook(original, {"skepticism": ["late in the movement"]}, tmp_path)
    assert original.read_bytes() == before
    frames = {f.id: f for f in load_codebook(copy).frames}
    assert "late in the movement" in frames["skepticism"].cues
    with pytest.raises(InputError, match="no frame 'nope'; frames: men_responsibility"):
        extend_codebook(original, {"nope": ["x"]}, tmp_path)
