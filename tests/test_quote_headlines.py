"""Single-mark headlines in a double-mark article, and an organisation's officials as one source."""

from __future__ import annotations

from analysis.speech.quotes import extract_quotes
from analysis.text.document import make_document

BODY = (
    "Minister celebrates \u2018special connection\u2019 between farming and tourism\n\n"
    "The minister spoke at the show on Monday.\n\n"
    "\u201cFarming and tourism need each other,\u201d said Jane Roe. \u201cWe will keep working on it.\u201d\n\n"
    "It isn\u2019t the farmers\u2019 \u2018fault\u2019, she added in a long speech to the crowd that day.\n"
)


def _direct(text: str) -> list[str]:
    return [q.text for q in extract_quotes(make_document(text)) if q.kind in ("full", "partial")]


def test_a_headline_in_single_marks_is_a_quote_in_a_double_mark_article():
    found = _direct(BODY)
    assert "special connection" in found
    assert "Farming and tourism need each other," in found


def test_single_marks_in_running_text_of_a_double_mark_article_are_not_taken():
    # the last paragraph is a sentence, not a headline: its single marks stay out (as before)
    assert "fault" not in _direct(BODY)


def test_a_subheading_in_single_marks_is_a_quote():
    text = "\u201cWe are grateful,\u201d said Jane Roe.\n\n\u2018Public key to preventing crime\u2019\n\nOn Monday she spoke again."
    assert "Public key to preventing crime" in _direct(text)


def test_officials_of_an_organisation_are_the_organisation():
    rows = extract_quotes(make_document("NASA officials said the launch would go ahead."), reported=True)
    assert [q.speaker for q in rows] == ["NASA"]


def test_a_nationality_or_a_spokesperson_is_not_folded():
    rows = extract_quotes(make_document(
        "Ukrainian officials say the plots are a fantasy. A Home Office spokesperson said the rules were clear."
    ), reported=True)
    assert [q.speaker for q in rows] == ["Ukrainian officials", "Home Office spokesperson"]
