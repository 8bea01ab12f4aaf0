"""Speakers on real-style news (issue 15, point 2): each case is a general rule.

The texts are written in the style of wire copy, British press releases and transcripts;
the expected speakers were decided by reading them (docs/speech-annotation-guide.md).
"""

from __future__ import annotations

import pytest

from analysis.speech.quotes import extract_quotes
from analysis.text.document import make_document


def _direct(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in extract_quotes(make_document(text)) if q.kind in ("full", "partial")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a role and a constituency or place before the name
        ('"The bill is badly drafted," said South Swindon MP Robert Buckland.', "Robert Buckland"),
        ('Education Secretary Justine Greening said: "Schools can help."', "Justine Greening"),
        ('"We will not rest," Olympic National Park Superintendent Sarah Creachbaum said.', "Sarah Creachbaum"),
        # a military rank written with its point, and a middle initial
        ('"It was a good day," said Air Force Master Sgt. Nikki Broomfield, a volunteer.', "Nikki Broomfield"),
        ('"We work with our partners," said Paul M. Abbate, the deputy director.', "Paul M. Abbate"),
        # an unnamed spokesperson of a named organisation keeps the phrase
        ('A Home Office spokesperson said: "We value their contribution."', "Home Office spokesperson"),
    ],
)
def test_speaker_from_the_attribution(text, speaker):
    assert [s for _, s in _direct(text)] == [speaker]


def test_role_noun_refers_to_the_person_named_with_that_role():
    text = ("Cabinet Secretary Humza Yousaf visited the control room on Monday.\n\n"
            'The Cabinet Secretary said: "Decisions on deployment are for the chief constable."')
    assert _direct(text) == [("Decisions on deployment are for the chief constable.", "Humza Yousaf")]


def test_role_noun_abstains_when_nobody_held_the_role():
    text = 'The Cabinet Secretary said: "Decisions on deployment are for the chief constable."'
    assert _direct(text)[0][1] != "Humza Yousaf"


def test_block_quote_after_said_colon_is_speech():
    text = ("Speaking at a club in Guildford, Education Secretary Gillian Keegan said:\n\n"
            "Giving children nutritious meals over the holidays supports their development.\n\n"
            "I am delighted to announce that the programme will continue into next year.\n\n"
            "The funding will be paid to councils in April.")
    got = _direct(text)
    assert got == [
        ("Giving children nutritious meals over the holidays supports their development.", "Gillian Keegan"),
        ("I am delighted to announce that the programme will continue into next year.", "Gillian Keegan"),
    ]  # the third paragraph is the outlet's narration (no first person): not part of the block


def test_transcript_turns_after_speaker_labels():
    text = ("Radio interview with the Premier\n\n"
            "ANNA LEE:\nPremier, good morning.\n"
            "PREMIER:\nMorning, Anna. We are ready for the budget.\n"
            "ANNA LEE:\nWill you sell the bank?\n"
            "QUESTION: And the rail line?")
    got = _direct(text)
    assert got == [
        ("Premier, good morning.", "Anna Lee"),
        ("Morning, Anna. We are ready for the budget.", "Premier"),
        ("Will you sell the bank?", "Anna Lee"),
        ("And the rail line?", ""),
    ]


def test_transcript_label_with_a_courtesy_title_takes_the_full_name():
    text = ("Press briefing by Press Secretary Josh Earnest\n\n"
            "MR. EARNEST:  Good afternoon, everybody.\n\n"
            "I have two announcements.\n\n"
            "Q    Were their families there?")
    assert _direct(text) == [
        ("Good afternoon, everybody.", "Josh Earnest"),
        ("I have two announcements.", "Josh Earnest"),
        ("Were their families there?", ""),
    ]


def test_one_label_line_is_not_a_transcript():
    text = "WASHINGTON: The Senate passed the bill on Tuesday."
    assert _direct(text) == []


def test_quoted_word_with_a_speech_verb_is_attributed_speech():
    text = 'The minister called the analysis "false and misleading".'
    assert _direct(text) == [("false and misleading", "minister")]


def test_pronoun_agrees_in_gender_with_the_person_named():
    # the last person named is a man, so "she" goes back to the woman named before him
    text = ('Mayor Helen Marsh met Governor Tom Reyes on Friday. "We agreed on the budget," she said.')
    assert _direct(text) == [("We agreed on the budget,", "Helen Marsh")]
    text = ('Mayor Helen Marsh met Governor Tom Reyes on Friday. "We agreed on the budget," he said.')
    assert _direct(text) == [("We agreed on the budget,", "Tom Reyes")]


def test_pronoun_is_never_resolved_to_a_person_named_after_the_quote():
    text = '"We will appeal," she said. Later, Dana Whitfield joined the call.'
    assert _direct(text)[0][1] != "Dana Whitfield"


def test_pronoun_abstains_when_nobody_of_that_gender_was_named():
    text = 'Governor Tom Reyes spoke first. "We agreed on the budget," she said.'
    assert _direct(text)[0][1] != "Tom Reyes"


def test_words_before_a_known_first_name_are_not_part_of_the_name():
    text = "The Honourable Kirsty Duncan said the funding would support research in Niagara."
    quotes = extract_quotes(make_document(text), reported=True)
    assert [q.speaker for q in quotes] == ["Kirsty Duncan"]


def test_first_name_list_is_well_formed():
    from analysis.speech.people import GENDERS, load_first_names, name_gender

    names = load_first_names()
    assert len(names) > 400 and set(names.values()) <= set(GENDERS)
    assert name_gender("Helen Marsh") == "female" and name_gender("Tom Reyes") == "male"
    assert name_gender("Zorblax Quon") == "" and name_gender("") == ""


def test_they_after_a_sentence_naming_two_people_is_both():
    text = ('Jane Roe and John Doe signed the letter on Monday. "We will not back down," they wrote.')
    assert _direct(text) == [("We will not back down,", "Jane Roe; John Doe")]


def test_a_role_written_alone_is_not_a_name():
    text = ("Prime Minister Justin Trudeau spoke with President Donald Trump on Friday.\n\n"
            "The Prime Minister raised the issue of steel tariffs.")
    quotes = extract_quotes(make_document(text), reported=True)
    assert [(q.text, q.speaker) for q in quotes] == [("the issue of steel tariffs", "Justin Trudeau")]
