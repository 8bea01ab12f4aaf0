"""Speakers whose attribution sits inside a longer clause (issue 15, point 2).

Each case is a general rule of English news prose, written here in the phrasing of wire
copy, British media summaries, captions and court reports; the expected speaker of every
quote was decided by reading the sentence (docs/speech-annotation-guide.md), not taken
from the extractor's output.
"""

from __future__ import annotations

import pytest

from analysis.speech.antecedents import opens_clause, salient_person
from analysis.speech.people import NameMention, find_name_mentions
from analysis.speech.quotes import extract_quotes
from analysis.text.document import make_document


def _direct(text: str) -> list[tuple[str, str, str]]:
    return [(q.text, q.kind, q.speaker) for q in extract_quotes(make_document(text)) if q.kind != "indirect"]


def _speakers(text: str) -> list[str]:
    return [q.speaker for q in extract_quotes(make_document(text)) if q.kind in ("full", "partial")]


# ----------------------------------------------------------------------------
# pronouns: the subject of the sentence before outweighs its object


def test_he_after_a_sentence_naming_two_men_is_its_subject():
    text = ("Rocky De La Fuente entered the race last October, largely due to his dissatisfaction "
            "with front-runner Donald Trump. He argues he is a more accomplished businessman than "
            "Trump, and attacks Trump as “a clown,” “a joke,” and “dangerous.”")
    # every item of the quoted list is speech (none is a quoted name), all his
    assert [(t, s) for t, k, s in _direct(text)] == [
        ("a clown,", "Rocky De La Fuente"),
        ("a joke,", "Rocky De La Fuente"),
        ("dangerous.", "Rocky De La Fuente"),
    ]
    assert "name" not in [k for _, k, _ in _direct(text)]


def test_a_known_gender_beats_an_unknown_one():
    # "Dev" is not on the first-name list, "Ana" is a woman's name: "she" is Ana Ruiz even
    # though Dev Patel is the sentence's subject
    text = 'Councillor Dev Patel met Mayor Ana Ruiz on Monday. "We agree," she said.'
    assert _speakers(text) == ["Ana Ruiz"]


def test_a_pronoun_never_refers_to_a_person_named_after_it():
    text = ("Maria Lopez chaired the meeting. She said the vote was close, and called the result "
            "for Peter Hall “a fair outcome”.")
    assert _speakers(text) == ["Maria Lopez"]


def test_opens_clause_reads_the_words_before_a_name():
    body = "Finally, President Juncker confirmed that Begum regrets it, and met with Donald Trump."
    assert opens_clause(body, body.index("President"), 0)
    assert opens_clause(body, body.index("Juncker"), 0)  # only a title stands before it
    assert opens_clause(body, body.index("Begum"), 0)  # after "that"
    assert not opens_clause(body, body.index("Donald"), 0)  # after "met with"


def test_salient_person_abstains_outside_its_window():
    body = "Jane Roe spoke first. The hall was full. Nobody left. She said it was late."
    people = [NameMention(0, 8, "Jane Roe", "person", "Jane Roe")]
    starts = [0, 22, 41, 54]
    # two sentences back is outside the window: the caller falls back to recency
    assert salient_person("female", body.index("She"), people, body, starts, {"Jane": "female"}) == ""
    assert salient_person("female", 30, people, body, starts, {"Jane": "female"}) == "Jane Roe"
    assert salient_person("male", 30, people, body, starts, {"Jane": "female"}) == ""


# ----------------------------------------------------------------------------
# shared subjects: a conjunction or a participle


def test_but_added_shares_the_subject_of_the_speech_verb_before_it():
    text = ("Following the meetings, President Juncker repeated that there is no negotiation until "
            "the British authorities notify the European Union, but added “we share a community "
            "of interest”.")
    assert _speakers(text) == ["Juncker"]


def test_a_participle_after_a_comma_takes_the_subject_of_its_clause():
    text = ("Shamima Begum left London in 2015.\n\nThe Guardian, Express and Metro report that Begum "
            "regrets speaking to the media, saying: “they are making an example of me.”")
    assert _speakers(text) == ["Shamima Begum"]


def test_a_participle_after_a_quote_does_not_take_the_noun_after_it():
    text = ('Ukrainian officials say the plots of attacks are pure "fantasy," arguing Russia is likely '
            "to use the accusations as a pretext.")
    assert _speakers(text) == ["Ukrainian officials"]


# ----------------------------------------------------------------------------
# relative clauses


def test_a_pronoun_at_the_end_of_a_relative_clause_is_the_subject():
    text = ("The Crime Minister, Victoria Atkins, was interviewed on the Today Programme where she "
            "said “the nature of crime is changing”.")
    assert _speakers(text) == ["Victoria Atkins"]


def test_who_is_the_name_before_it():
    text = ("There is widespread coverage of the comments from crown court judge Mr Justice Bryan, "
            "who described Britain’s knife crime culture as a “cancer on society”.")
    assert _speakers(text) == ["Mr Justice Bryan"]


def test_which_after_a_document_is_the_document():
    text = ("He approached a counter and passed a handwritten note to the bank teller which stated, "
            "“give me all the money in the cash register.”")
    assert _speakers(text) == ["the note"]


def test_who_after_a_possessed_noun_is_that_unnamed_source():
    text = ("The Independent, Mirror and Daily Star report on comments from Begum’s father, who is "
            "reported to “not have a problem” with the decision to remove his daughter’s citizenship "
            "and said that “she does not accept her wrong”.")
    assert _speakers(text) == ["Begum’s father", "Begum’s father"]


# ----------------------------------------------------------------------------
# credits and labels without a speech verb


def test_a_name_after_a_dash_credits_a_headline_quote():
    text = ("“The World can follow Wales’ example on building a better society” – Eluned Morgan\n\n"
            "The minister was speaking during her first overseas visit.")
    assert _speakers(text) == ["Eluned Morgan"]


def test_a_caption_quote_credited_with_a_hyphen():
    text = ('"So far, it\'s the Internet: 1, Scientology: 0. But it\'s a long game." - Matthew Ingram\n\n'
            "Writing in a blog post, Ingram described the conflict.")
    assert _speakers(text) == ["Matthew Ingram"]


def test_a_name_and_role_line_before_a_quote_is_its_speaker():
    text = ("The candidates were introduced during a news conference.\n\n"
            "Charlie Bolden, NASA Administrator:\n"
            "“These new astronauts we’re introducing today are critical to achieving our goals.”")
    assert _speakers(text) == ["Charlie Bolden"]


def test_a_role_line_without_a_first_name_is_not_a_label():
    text = 'The agency released its figures.\n\nQuarterly Results:\n"Sales rose by 4%."'
    assert _speakers(text) == [""]


def test_in_the_words_of_names_the_person_in_apposition():
    text = ("By the end, in the words of the Crown prosecutor, Mark Tedeschi, QC, \"Gloria spent a lot "
            "of the last five months of her life crying.\"")
    assert _speakers(text) == ["Mark Tedeschi"]


def test_a_quote_after_a_plural_possessive_is_part_of_the_sentence():
    text = "The Alaskan Midnight Sun blog described him as the Democrats’ “own Donald Trump.”"
    q = [x for x in extract_quotes(make_document(text)) if x.kind != "indirect"]
    assert [(x.kind, x.verb) for x in q] == [("partial", "described")]


# ----------------------------------------------------------------------------
# peers and judges keep their style


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Speaking ahead of the event, Lord Elis-Thomas said it was a success.", "Lord Elis-Thomas"),
        ("The comments came from crown court judge Mr Justice Bryan on Friday.", "Mr Justice Bryan"),
        ("The appeal was heard by Lady Justice Hallett.", "Lady Justice Hallett"),
        # with a given name the title goes, as any other
        ("Prisons minister Lord James Timpson visited the site.", "James Timpson"),
        ("Lady Diana arrived at noon.", "Diana"),
    ],
)
def test_peer_and_judge_styles(text, name):
    assert [m.canonical for m in find_name_mentions(make_document(text)) if m.kind == "person"] == [name]


# ----------------------------------------------------------------------------
# briefings, participle openers, headlines, portfolios


BRIEFING = """MR PRICE: Good afternoon. I have one element at the top.

We continue to support the International Atomic Energy Agency.

With that, Matt.

QUESTION: Oh, that was brief.

MR PRICE: Breezy? Yes.

QUESTION: Briefer than I thought.

Can we start with Israel?

MR PRICE: Sure. Go ahead.

QUESTION: What about Iran?
"""


def test_a_questioner_given_the_floor_by_name_asks_until_the_floor_is_given_again():
    rows = [(q.text, q.speaker) for q in extract_quotes(make_document(BRIEFING))]
    asked = [s for t, s in rows if t in ("Oh, that was brief.", "Briefer than I thought.",
                                         "Can we start with Israel?", "What about Iran?")]
    # "Go ahead" with no name gives the floor to someone the transcript does not name
    assert asked == ["Matt", "Matt", "Matt", ""]
    assert dict(rows)["Breezy? Yes."] == "Price"


def test_the_verbs_of_an_opening_participle_phrase_are_not_the_attribution():
    text = ("Writing in a blog post, Matthew Ingram of The Globe and Mail dubbed the conflict: "
            "\"Scientology vs. the Internet, part XVII\".")
    assert _speakers(text) == ["Matthew Ingram"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("North Korea puts military in 'quasi-state of war'\n\nThe country's army is on alert, "
         'its news agency said. "We are ready," it said.', "North Korea"),
        ("Reports: 'streamlined' asylum process to replace interviews\n\n"
         'The questionnaire is in English, "a barrier", critics said.', "Reports"),
        # a role noun in a headline is the person the article names with that role
        ("Minister celebrates ‘special connection’ between farming and tourism\n\n"
         "The event will be hosted by Minister for Culture, Tourism and Sport, Lord Elis-Thomas, "
         "on Tuesday.", "Lord Elis-Thomas"),
    ],
)
def test_a_headline_quote_without_a_verb_takes_the_headline_subject(text, speaker):
    assert _speakers(text)[0] == speaker


# ----------------------------------------------------------------------------
# fragments, reduced relatives, bracketed short forms and block quotes


def test_a_verb_right_before_a_fragment_wins_over_a_clause_after_it():
    text = ("Finally, President Juncker confirmed that the trade talks had been discussed, and added "
            "that “we want to conclude these negotiations this year” for which the European "
            "Commission has received a mandate.")
    assert _speakers(text) == ["Juncker"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Some visitors reported that all they get is a message stating, “The word means search "
         "for truth.”", "the message"),
        ("Critics at the newsgroup were critical of the attacks, with one poster writing “How can "
         "people look at both sides if one side is gone?”", "poster"),
    ],
)
def test_the_noun_right_before_a_participle_is_its_subject(text, speaker):
    assert _speakers(text) == [speaker]


def test_a_short_form_quoted_in_brackets_is_a_name_not_speech():
    text = ("The complaint charged that the operators of Blessings in No Time (“BINT”) lured people "
            "by falsely promising returns of 800 percent.")
    assert [(q.text, q.kind) for q in extract_quotes(make_document(text))] == [("BINT", "name")]


def test_promising_a_quoted_phrase_is_speech():
    text = 'Rishi Sunak defended the record whilst promising a "formal update" from the minister.'
    assert [(q.text, q.kind, q.speaker) for q in extract_quotes(make_document(text))] == [
        ("formal update", "partial", "Rishi Sunak")]


def test_a_block_quote_runs_to_the_heading_that_closes_its_section():
    text = ("Home Secretary Priti Patel said:\n\n"
            "Officers put themselves in danger every day to keep us safe.\n\n"
            "This is the start of a new relationship between the government and the police.\n\n"
            "Knife crime\n\n"
            "There is widespread coverage of the comments from the judge.")
    rows = [(q.text, q.speaker) for q in extract_quotes(make_document(text))]
    assert rows == [
        ("Officers put themselves in danger every day to keep us safe.", "Priti Patel"),
        ("This is the start of a new relationship between the government and the police.", "Priti Patel"),
    ]


def test_an_indented_block_quote_runs_while_the_indent_does():
    text = ("Home Secretary Suella Braverman said:\n\n"
            "    Women have the right to walk the streets without fear and I am committed to it.\n\n"
            "    The new guidance will clarify how the defence should be interpreted.\n\n"
            "The bill returns to Parliament in May.")
    rows = [(q.text, q.speaker) for q in extract_quotes(make_document(text))]
    assert [s for _, s in rows] == ["Suella Braverman", "Suella Braverman"]
    assert rows[1][0].startswith("The new guidance")


def test_a_quote_line_after_a_reported_sentence_is_that_speakers():
    # a newscast script: one line of reported speech introduces the next line's quote
    text = ('"We are ready," said Lisa Schlein of VOA.\n'
            "U.N. special envoy for Syria Staffan de Mistura says the United Nations was not consulted.\n"
            '"But we have noted today the willingness to discuss how to improve it."')
    assert _speakers(text) == ["Lisa Schlein", "Staffan de Mistura"]


def test_a_quote_line_after_a_reported_sentence_of_no_person_keeps_the_previous_speaker():
    text = ('"We are ready," said Lisa Schlein.\n\n'
            "The ministry says the United Nations was not consulted.\n\n"
            '"We have noted the willingness to discuss it."')
    assert _speakers(text) == ["Lisa Schlein", "Lisa Schlein"]


# ----------------------------------------------------------------------------
# a definite role noun never written next to a name


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Shadow Home Secretary Yvette Cooper criticised the plan on Monday.\n\n"
         'The Labour frontbencher told the BBC: "We need more police on our streets."', "Yvette Cooper"),
        ('Detective Inspector Mark Smith, who is leading the investigation, said the car was found.\n\n'
         '"Anyone with information should call us," the detective added.', "Mark Smith"),
        ('Boris Johnson said the plan would work.\n\nThe PM said: "It is the right thing to do."', "Boris Johnson"),
        # someone named in passing is not the subject: the role stays unresolved
        ('Critics such as John Smith say the policy fails.\n\nThe minister said: "It works."', "minister"),
    ],
)
def test_a_definite_role_noun_is_the_subject_just_named(text, speaker):
    assert _speakers(text) == [speaker]
