"""Speakers named by transcript labels, record headers and abbreviations, on hand-written edge cases."""

from __future__ import annotations

from analysis.speech.people import find_name_mentions
from analysis.speech.quotes import acronyms, extract_quotes
from analysis.text.document import make_document

TRANSCRIPT = (
    "Howard, John\n\nRelease Date:\n26/07/2004\nReleased by:\n  \u2022 Howard, John Winston\nDoorstop Interview\n\n"
    "PRIME MINISTER:\n\nGood morning, thank you.\n\nJOURNALIST:\n\nPrime Minister, any plans today?\n\n"
    "PRIME MINISTER:\n\nA quiet day at home.\n\n[Laughter]\n\nRachel Corbett:\n\nGetting serious for a minute.\n\n"
    "PRIME MINISTER:\n\nThat's serious, actually!\n"
)


def _turns(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in extract_quotes(make_document(text)) if q.kind == "full"]


def test_a_name_written_surname_first_on_its_own_line_is_a_person_in_reading_order():
    people = [(m.name, m.canonical) for m in find_name_mentions(make_document(TRANSCRIPT)) if m.kind == "person"]
    assert ("John Howard", "John Winston Howard") in people
    assert ("John Winston Howard", "John Winston Howard") in people


def test_place_and_two_surnames_are_not_inverted_names():
    doc = make_document("London, England\n\nSmith, Jones\n\nThe talks ended.")
    assert [m.name for m in find_name_mentions(doc) if m.kind == "person"] == []


def test_role_label_is_the_one_person_the_transcript_header_names():
    turns = _turns(TRANSCRIPT)
    assert ("Good morning, thank you.", "John Winston Howard") in turns
    assert ("A quiet day at home.", "John Winston Howard") in turns
    assert ("That's serious, actually!", "John Winston Howard") in turns
    # the questioner is unnamed
    assert ("Prime Minister, any plans today?", "") in turns


def test_stage_directions_are_not_speech_and_a_name_label_in_ordinary_capitals_is_a_turn():
    turns = _turns(TRANSCRIPT)
    assert all(text != "[Laughter]" for text, _ in turns)
    assert ("Getting serious for a minute.", "Rachel Corbett") in turns
    assert all(text != "Rachel Corbett:" for text, _ in turns)


def test_role_in_brackets_names_who_holds_it_in_later_labels():
    text = (
        "Dr. Ann Morgan joins us later.\n\nSYMONE BARKLEY (HOST): Welcome back, I'm your host.\n\n"
        "TOM DILIBERTO: Thanks for having me.\n\nHOST: Tom, what can people expect?\n"
    )
    turns = _turns(text)
    assert ("Welcome back, I'm your host.", "Symone Barkley") in turns
    assert ("Tom, what can people expect?", "Symone Barkley") in turns
    assert ("Thanks for having me.", "Tom Diliberto") in turns


def test_header_with_two_people_does_not_pick_one_for_a_role_label():
    text = "Jane Roe and Tom Hay\n\nMINISTER: We will act.\n\nQUESTION: When?\n\nMINISTER: Soon.\n"
    assert ("We will act.", "Minister") in _turns(text)


def test_abbreviations_defined_in_brackets():
    assert acronyms("the Prime Minister\u2019s Spokesman (PMS) said. The Ministry of Justice (MOJ) agreed.") == {
        "PMS": "Prime Minister\u2019s Spokesman", "MOJ": "Ministry of Justice"}
    # a bracketed word that is no abbreviation of what precedes it
    assert acronyms("He spoke to Reuters (Reuters) and (US) officials.") == {}


def test_speaker_written_as_an_abbreviation_is_given_in_full():
    text = (
        "Asked about parties, the Prime Minister\u2019s Spokesman (PMS) told the assembled press that "
        "there would be none.\n\nThe PMS said that she understood the guidance.\n\n"
        "\"War is near,\" said KCNA, the Korean Central News Agency (KCNA) service."
    )
    rows = extract_quotes(make_document(text), reported=True)
    speakers = {q.text: q.speaker for q in rows}
    assert speakers["she understood the guidance"] == "Prime Minister\u2019s Spokesman"
    assert speakers["there would be none"] == "Prime Minister\u2019s Spokesman"
    assert speakers["War is near,"] == "Korean Central News Agency"
