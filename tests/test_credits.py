"""Credit lines (by-lines, reporting credits, press contacts) name the outlet's staff, not people in the news."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.speech.credits import credit_ranges, find_credits
from analysis.speech.people import find_name_mentions
from analysis.text.document import make_document

ROOT = Path(__file__).resolve().parents[1]


def _names(text: str) -> list[str]:
    return [c.name for c in find_credits(make_document(text))]


def _people(text: str) -> list[str]:
    return [m.canonical for m in find_name_mentions(make_document(text)) if m.kind == "person"]


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("The mayor spoke.\n\nFollow Daniel Nussbaum on Twitter: @dznussbaum", ["Daniel Nussbaum"]),
        ("Follow Ann Lee on Instagram.", ["Ann Lee"]),
        ("By Jane Roe and Tom Hay, Associated Press\n\nThe mayor said it was fine.", ["Jane Roe", "Tom Hay"]),
        ("By Jane Roe\n\nThe mayor said it was fine.", ["Jane Roe"]),
        (
            "The mayor spoke. Reporting by David Shepardson in Washington; Additional reporting by Ann Lee;"
            " Editing by Chris Reese",
            ["David Shepardson", "Ann Lee", "Chris Reese"],
        ),
        ("The mayor spoke.\n\nJane Roe, Tom Hay and Li Wei contributed reporting from Beijing.", ["Jane Roe", "Tom Hay", "Li Wei"]),
        ("The mayor spoke.\n\nMary Smith contributed to this report.", ["Mary Smith"]),
        ("The mayor spoke.\n\nEmail Jane Roe at jroe@example.com.", ["Jane Roe"]),
        ("Contact: Barb Maynes, 360-565-3005 The park is turning 99.", ["Barb Maynes"]),
        ("He said so. (For more information: Mina Andreeva – Tel.: +32 229 91382)", ["Mina Andreeva"]),
        ("The mayor spoke.\n\nJane Roe is a staff reporter for the Daily Planet.", ["Jane Roe"]),
    ],
)
def test_credit_lines_written_the_common_ways(text, credited):
    assert _names(text) == credited
    # and none of them is a person the article mentions
    assert not set(credited) & set(_people(text))


@pytest.mark.parametrize(
    "text",
    [
        # a date, not a by-line: "By" opens an ordinary sentence ending in a full stop
        "By Tuesday, the fund had closed.",
        # a by-line must be a paragraph of its own
        "By Jane Roe's account, the fund had closed and the mayor was angry about it",
        # a reporter in the news: the biography sentence opens a story, it is not the closing credit line
        "Jane Roe is a reporter for the Daily Planet. She was arrested on Monday, police said.\n\n"
        "Her editor said she was innocent.\n\nThe embassy did not comment.\n\nA hearing is due on Friday.",
        # "reporting by" inside a sentence is the outlet's source, not a credit
        "The mayor cited reporting by Jane Roe of the Daily Planet.",
        # "follow" as an ordinary verb
        "Follow Jane Roe down the hall and you reach the mayor's office.",
    ],
)
def test_ordinary_sentences_are_not_credit_lines(text):
    assert _names(text) == []
    assert "Jane Roe" in _people(text) or "Jane Roe" not in text


def test_a_credited_reporter_named_in_the_story_stays_a_person_there():
    text = "Jane Roe asked the mayor about the fund.\n\nBy the way, nothing.\n\nFollow Jane Roe on Twitter."
    assert _people(text) == ["Jane Roe"]


def test_credit_ranges_cover_the_credit_phrase():
    text = "The mayor spoke.\n\nFollow Daniel Nussbaum on Twitter: @dznussbaum"
    (start, end), = credit_ranges(make_document(text))
    assert text[start:end] == "Follow Daniel Nussbaum on Twitter: @dznussbaum"


def test_starter_story_reporter_is_not_a_person_in_the_news():
    # outlet-b ends with "Follow Daniel Nussbaum on Twitter: @dznussbaum", the outlet's reporter;
    # the six men the article names are still mentioned (read in the text: Arquette, Schwimmer,
    # McGorry, Kirby Dick, Brill, Kimmel)
    body = (ROOT / "corpus" / "askmoreofhim" / "outlet-b.md").read_text(encoding="utf-8")
    body = body.split("---", 2)[2] if body.startswith("---") else body
    doc = make_document(body)
    assert [c.name for c in find_credits(doc)] == ["Daniel Nussbaum"]
    people = {m.canonical for m in find_name_mentions(doc) if m.kind == "person"}
    assert "Daniel Nussbaum" not in people
    assert {"David Arquette", "David Schwimmer", "Matt McGorry", "Kirby Dick", "Steven Brill", "Jimmy Kimmel"} <= people


def test_credits_are_found_once_per_document(monkeypatch):
    """The name finder asks on every call; the patterns run once per document object."""
    from analysis.speech import credits

    scans = []
    scan = credits._scan_credits
    monkeypatch.setattr(credits, "_scan_credits", lambda doc: scans.append(doc) or scan(doc))
    text = "The mayor spoke.\n\nFollow Daniel Nussbaum on Twitter: @dznussbaum"
    doc = make_document(text)
    first = credit_ranges(doc)
    for _ in range(3):  # as quotes, voices and actors each do
        find_name_mentions(doc)
    assert credit_ranges(doc) == first and [c.name for c in find_credits(doc)] == ["Daniel Nussbaum"]
    assert scans == [doc]
    # another document object, even of the same text, is scanned for itself
    other = make_document(text)
    assert credit_ranges(other) == first
    assert len(scans) == 2 and scans[1] is other


def test_kept_credits_are_not_changed_by_a_caller_and_leave_with_their_document():
    import gc
    import weakref

    doc = make_document("The mayor spoke.\n\nMary Smith contributed to this report.")
    found = find_credits(doc)
    found.clear()  # a caller changing its list does not change what the next caller gets
    assert [c.name for c in find_credits(doc)] == ["Mary Smith"]
    alive = weakref.ref(doc)
    del doc, found
    gc.collect()
    assert alive() is None  # nothing kept holds the document (or its credits) alive
