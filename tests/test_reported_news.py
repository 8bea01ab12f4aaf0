"""Reported speech in the phrasing of real news: appositions, adverbials, British press
reviews, passive reports, quoted fragments and the sentences that only look like speech.

Each expected span was written by reading the sentence against
docs/speech-annotation-guide.md (the content from its first to its last word, without the
speaker, the cue, a "that" right after the cue and the final full stop), not copied from the
extractor's output. Where the speaker depends on name resolution outside the reported-speech
rules, only the content, kind and cue are checked.
"""

from __future__ import annotations

import pytest

from analysis.speech.quotes import REPORTED_KINDS, extract_quotes
from analysis.text.document import make_document


def _reported(text: str) -> list[tuple[str, str, str, str]]:
    quotes = extract_quotes(make_document(text), reported=True)
    return [(q.kind, q.text, q.speaker, q.verb) for q in quotes if q.kind in REPORTED_KINDS]


def _spans(text: str) -> list[tuple[str, str, str]]:
    return [(kind, content, cue) for kind, content, _, cue in _reported(text)]


# a subject, an apposition between commas, then the cue and a short content: the content
# follows the cue (before, "said the government was ..." was read as an inverted "said X")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Policing Minister, Nick Hurd, said the government was giving forces more money.",
         [("indirect", "the government was giving forces more money", "Nick Hurd", "said")]),
        ("Jane Roe, a county spokeswoman, said the road would reopen on Monday.",
         [("indirect", "the road would reopen on Monday", "Jane Roe", "said")]),
        ("Alan Smith, who chairs the committee, said the report was damning.",
         [("indirect", "the report was damning", "Alan Smith", "said")]),
        # the inverted attribution still closes a sentence
        ("The budget will pass, said Sen. Mary Jones, a Democrat from Ohio.",
         [("indirect", "The budget will pass", "Mary Jones", "said")]),
    ],
)
def test_apposition_before_the_cue(text, expected):
    assert _reported(text) == expected


# an adverbial between the cue (or the listener of "told") and a content without "that"
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The company said in a statement it would cut 200 jobs.", "it would cut 200 jobs"),
        ("Police said on Monday the suspect had been released.", "the suspect had been released"),
        ("Officials said late Friday the fire was contained.", "the fire was contained"),
        ("The agency said last week it was reviewing the data.", "it was reviewing the data"),
        ("Omar Haddad told the BBC on Sunday he would stand again.", "he would stand again"),
        ("Trump wrote on Twitter the report was fake.", "the report was fake"),
        ("The site explains, in a satirical fashion, that the attack was prompted by the video.",
         "the attack was prompted by the video"),
    ],
)
def test_adverbial_after_the_cue_is_skipped(text, content):
    assert [c for _, c, _ in _spans(text)] == [content]


def test_it_names_the_organisation_named_before():
    assert _reported("Acme Corp cut its forecast on Monday. It said demand had fallen.") == [
        ("indirect", "demand had fallen", "Acme Corp", "said")]
    assert _spans("The company will cut 200 jobs, it said in a statement.") == [
        ("indirect", "The company will cut 200 jobs", "said")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # British press reviews: a paper "reports" or "claims" a clause without "that"
        ("The Guardian reports the Cabinet is split over the plan.",
         [("indirect", "the Cabinet is split over the plan", "reports")]),
        ("The Telegraph claims ministers were warned about the risks.",
         [("indirect", "ministers were warned about the risks", "claims")]),
        ("WHO say iodine deficiency is the most preventable cause of brain damage.",
         [("indirect", "iodine deficiency is the most preventable cause of brain damage", "say")]),
        # "X is understood to ...", "It is understood ...": what the reporter's sources say
        ("The Chancellor is understood to be planning a cut in fuel duty.",
         [("indirect", "be planning a cut in fuel duty", "is understood to")]),
        ("It is understood the plans will be published next week.",
         [("indirect", "the plans will be published next week", "understood")]),
        ("Both the Irving Independent School District and the Irving Police Department have asserted that "
         "religion was not a factor.",
         [("indirect", "religion was not a factor", "asserted")]),
        ("The Government has confirmed over £200m in funding for councils.",
         [("indirect", "over £200m in funding for councils", "confirmed")]),
    ],
)
def test_british_and_wire_phrasing(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quote after "that", or a quoted object of "call for": a fragment of reported speech
        ('He added that "we want to conclude these negotiations before the end of this year".',
         [("mixed", '"we want to conclude these negotiations before the end of this year"', "added")]),
        ('They call for "urgent action on salt".', [("mixed", '"urgent action on salt"', "call for")]),
        ("There was wide coverage of comments from judge Mr Justice Bryan, who described knife crime as a "
         "“cancer on society”.",
         [("mixed", "knife crime as a “cancer on society”", "described")]),
        # a participle after a quote or a quoted fragment starts a clause of its own
        ('"We are ready," Ann Lee said, adding that the team had trained for months.',
         [("indirect", "the team had trained for months", "adding")]),
        ('Ukrainian officials say the plots are pure "fantasy," arguing Russia is likely to use the claims as a '
         "pretext.",
         [("mixed", 'the plots are pure "fantasy,"', "say"),
          ("indirect", "Russia is likely to use the claims as a pretext", "arguing")]),
    ],
)
def test_quoted_fragments_and_participles(text, expected):
    assert _spans(text) == expected


def test_the_speaker_of_a_participle_after_a_quote_is_the_quotes_speaker():
    assert _reported('"We are ready," Ann Lee said, adding that the team had trained for months.')[0][2] == "Ann Lee"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the source is the subject of a subordinate or absolute clause, or the antecedent of "who"
        ("Heated exchanges came as President George Bush urged Congress not to leave town.",
         [("indirect", "Congress not to leave town", "George Bush", "urged")]),
        ("About 100 Republicans stormed out, with Republicans accusing Democrats of violating voting procedures.",
         [("indirect", "Democrats of violating voting procedures", "Republicans", "accusing")]),
        ("The President agreed with Canada’s position and said the two countries would keep working together.",
         [("indirect", "the two countries would keep working together", "The President", "said")]),
        # "according to X" after "and" or "that"
        ("He has campaigned actively, and according to the latest filing, loaned $4 million to the campaign.",
         [("indirect", "loaned $4 million to the campaign", "the filing", "according to")]),
    ],
)
def test_subjects_found_beyond_the_plain_noun_phrase(text, expected):
    assert _reported(text) == expected


def test_according_to_after_that():
    assert _spans("Wikinews has learned that according to an Internet posting, the website is being attacked.") == [
        ("indirect", "the website is being attacked", "according to")]


# sentences with a cue word that report no speech
@pytest.mark.parametrize(
    "text",
    [
        "The team added a second goal in the 80th minute.",
        "She wrote the song in 1975.",
        "The storm claimed the lives of 20 people.",
        "Insurance claims rose sharply last year.",
        "The film tells the story of a man who loses his job.",
        "Jane Roe, a lawyer, said nothing.",
        "It is said to be the oldest tree in Britain.",
        "Crowds gathered as Edinburgh welcomes visitors to its festivals.",
        "Police arrested and questioned the student.",
        "The effects are goitre and cretinism, a condition characterised by severe brain damage.",
        "The report has prompted calls for all edible salt to be iodised.",
        "Figures published today show a record 45,756 migrants crossing the Channel last year drove asylum claims.",
        "The test is what would objectively be considered reasonable, not what the defendant claims is reasonable.",
        '"On Valentine’s Day, we thought it would be a good idea," said Sgt. Mark Deleon, an artilleryman '
        "assigned to Bravo Battery, 1st Bn., 6th FA Regt.",
    ],
)
def test_no_reported_speech(text):
    assert _reported(text) == []


# cues added to the list: "charged that", "alleging", "admitted to", "makes clear"
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The FTC charged that the operators had lured people into the scheme.",
         [("indirect", "the operators had lured people into the scheme", "charged")]),
        ("The regulator sued the firm, alleging that it had misled investors.",
         [("indirect", "it had misled investors", "alleging")]),
        ("Umm Sayyaf admitted to holding the hostages.", [("indirect", "holding the hostages", "admitted to")]),
        ("The roadmap makes clear the partners share an interest in exploration.",
         [("indirect", "the partners share an interest in exploration", "makes clear")]),
        ('The "History" section of the site explains that the attack was prompted by the video.',
         [("indirect", "the attack was prompted by the video", "explains")]),
        ("Police charged the man with murder.", []),
        ("She was admitted to hospital on Monday.", []),
    ],
)
def test_added_cues(text, expected):
    assert _spans(text) == expected


def test_the_subject_of_a_participle_with_no_earlier_report_is_the_sentences_subject():
    assert _reported("The regulator sued the firm, alleging that it had misled investors.")[0][2] == "regulator"


def test_a_backshifted_next_sentence_continues_the_report():
    text = ("The spokesman said that prison was a place of punishment. Prison governors needed to use their "
            "best judgement on how that was done.")
    assert _reported(text) == [
        ("indirect", "prison was a place of punishment", "spokesman", "said"),
        ("indirect", "Prison governors needed to use their best judgement on how that was done", "spokesman", ""),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # another paragraph
        "The spokesman said that prison was a place of punishment.\n\nGovernors needed to use their judgement.",
        # a present-tense report is not backshifted: "could" is the reporter's past
        "Police say a mother and baby were killed. Another woman died after paramedics could not reach her.",
        # no past modal
        "The minister said the plan was late. The vote is on Tuesday.",
        # the next sentence is a quote
        'The minister said the plan was late. "It would cost more," she added.',
        # the attribution closes the sentence: its content does not run to the sentence's end
        "The plan was late, the minister said on Monday in a long statement. It would cost more.",
    ],
)
def test_no_continuation(text):
    assert all(cue for _, _, cue in _spans(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an infinitive cue that reports what was said, and "quoted ... saying"
        ("He went on to say that the plan would fail.", [("indirect", "the plan would fail", "say")]),
        ("The Home Secretary has written to police chiefs to say that forces will get more money.",
         [("indirect", "forces will get more money", "say")]),
        ("The Prime Minister took to Twitter to say the deal was done.", [("indirect", "the deal was done", "say")]),
        ("The minister used the speech to warn that cuts were coming.", [("indirect", "cuts were coming", "warn")]),
        ("The Home Secretary is quoted in the Mail saying that the rules will change.",
         [("indirect", "the rules will change", "saying")]),
        # other infinitives stay unsaid
        ("The minister declined to say whether the plan would go ahead.", []),
        ("He is expected to announce the plan on Monday.", []),
    ],
)
def test_infinitive_and_quoted_cues(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "said", "The Guardian reports", "The Guardian reports.", "went on to say", "It is understood", "X, Y, said",
     '"a," adding', "with X accusing", "He is understood to.", "told the BBC on", ", who said", "admitted to",
     "The spokesman said that x. Governors would"],
)
def test_fragments_never_raise(text):
    assert all(q.end >= q.start for q in extract_quotes(make_document(text), reported=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "claim" with a statement for its object is speech; with lives or a title it is not
        ("The Taliban claimed responsibility for the attack.", [("indirect", "responsibility for the attack", "claimed")]),
        ("Both candidates claimed victory in the election.", [("indirect", "victory in the election", "claimed")]),
        ("The storm claimed the lives of 20 people.", []),
        # a negated source reports nothing, but "No 10" is Downing Street
        ("No group has claimed responsibility for the attack.", []),
        ("No 10 said the Prime Minister had full confidence in the Chancellor.",
         [("indirect", "the Prime Minister had full confidence in the Chancellor", "said")]),
    ],
)
def test_claims_and_negated_sources(text, expected):
    assert _spans(text) == expected
