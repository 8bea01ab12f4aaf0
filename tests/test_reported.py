"""Tests for analysis.speech.reported: reported speech as quote kinds ``indirect`` and ``mixed``.

Expected spans follow docs/speech-annotation-guide.md (the content from its first to its
last word, without speaker, cue, a "that" after the cue and the final full stop); each was
written by reading the sentence, not from the extractor's output.
"""

from __future__ import annotations

import pytest

from analysis.speech.quotes import REPORTED_KINDS, extract_quotes
from analysis.speech.reported import load_reported_cues
from analysis.text.document import make_document


def _reported(text: str) -> list[tuple[str, str, str, str]]:
    quotes = extract_quotes(make_document(text), reported=True)
    return [(q.kind, q.text, q.speaker, q.verb) for q in quotes if q.kind in REPORTED_KINDS]


# the annotation guide's own table, and wire-style variants of each pattern
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said it would review the rules.",
         [("indirect", "it would review the rules", "ministry", "said")]),
        ("Mayor Ann Lee argued that the plan was unfair.",
         [("indirect", "the plan was unfair", "Ann Lee", "argued")]),
        ("Ann Lee spoke first. The plan is flawed, she said.",
         [("indirect", "The plan is flawed", "Ann Lee", "said")]),
        ("According to police, the driver fled the scene.",
         [("indirect", "the driver fled the scene", "police", "according to")]),
        ("The driver fled the scene, according to police.",
         [("indirect", "The driver fled the scene", "police", "according to")]),
        ("Jane Smith told reporters the talks had failed.",
         [("indirect", "the talks had failed", "Jane Smith", "told")]),
        ("Acme Corp denied the allegations.",
         [("indirect", "the allegations", "Acme Corp", "denied")]),
        ("Officials urged residents to stay indoors.",
         [("indirect", "residents to stay indoors", "officials", "urged")]),
        ("Councillor Rosa Diaz accused the council of wasting money.",
         [("indirect", "the council of wasting money", "Rosa Diaz", "accused")]),
        ("Helen Marsh said on Monday that the vote would go ahead.",
         [("indirect", "the vote would go ahead", "Helen Marsh", "said")]),
        ("The budget will pass, said Sen. Mary Jones, a Democrat from Ohio.",
         [("indirect", "The budget will pass", "Mary Jones", "said")]),
        ("Steven E. Zipperstein, the company's chief legal officer, said in a statement that the claims "
         "were baseless.",
         [("indirect", "the claims were baseless", "Steven E. Zipperstein", "said")]),
        ("South Swindon MP Robert Buckland said the bill was badly drafted.",
         [("indirect", "the bill was badly drafted", "Robert Buckland", "said")]),
        ("Omar Haddad told the BBC he would stand again.",
         [("indirect", "he would stand again", "Omar Haddad", "told")]),
    ],
)
def test_reported_patterns(text, expected):
    assert _reported(text) == expected


def test_two_cues_in_one_sentence_give_two_clauses_with_one_speaker():
    # guide: "He said the plan was late and warned it would cost more" gives two spans
    text = "Fire chief Dan Ortiz said the plan was late and warned it would cost more."
    assert _reported(text) == [
        ("indirect", "the plan was late", "Dan Ortiz", "said"),
        ("indirect", "it would cost more", "Dan Ortiz", "warned"),
    ]


def test_participle_cue_after_a_comma_shares_the_subject():
    text = "Police said the man, 34, was arrested on Friday, adding that he would appear in court."
    assert _reported(text) == [
        ("indirect", "the man, 34, was arrested on Friday", "police", "said"),
        ("indirect", "he would appear in court", "police", "adding"),
    ]


def test_quoted_fragment_makes_a_mixed_row_and_stays_a_partial_quote():
    text = 'Finance minister Lara Brandt called the analysis "false and misleading".'
    quotes = extract_quotes(make_document(text), reported=True)
    kinds = [(q.kind, q.text, q.speaker) for q in quotes]
    assert ("mixed", 'the analysis "false and misleading"', "Lara Brandt") in kinds
    assert ("partial", "false and misleading", "Lara Brandt") in kinds


def test_reported_clause_with_a_partial_quote_is_mixed():
    text = 'The union said the offer was "an insult to every nurse" and would be rejected.'
    assert _reported(text) == [
        ("mixed", 'the offer was "an insult to every nurse" and would be rejected', "union", "said"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The council did not say whether the library would close.",
        "The council has declined to say how much the project cost.",
        "The mayor is expected to announce the budget on Friday.",
        "She believes the plan will fail.",  # cognition, not speech
        "He thinks the vote was rigged and hopes for a recount.",
        "More than 120 people have been accused of misconduct since October.",  # passive
        "The report found gaps in the records.",  # a noun, not a cue
        '"We are ready," she said.',  # all of the content is quoted: direct only
        'Ann Lee said: "We are ready."',
        "I said nothing.",
        "When 94 percent of workers report problems, the trouble is larger than one firm.",
        "A group called the Safe Streets Committee walked the lane.",
    ],
)
def test_not_reported_speech(text):
    assert _reported(text) == []


def test_direct_quotes_unchanged_by_the_reported_rows():
    text = ('"The shelter opens tonight," said Mayor Ana Whitfield. She said the beds were paid for '
            'by the county.')
    doc = make_document(text)
    direct = extract_quotes(doc)
    both = extract_quotes(doc, reported=True)
    assert [q for q in both if q.kind not in REPORTED_KINDS] == list(direct)
    (rep,) = [q for q in both if q.kind in REPORTED_KINDS]
    assert (rep.text, rep.speaker, rep.verb, rep.verb_class) == (
        "the beds were paid for by the county", "Ana Whitfield", "said", "neutral")
    assert rep.quote_id > max(q.quote_id for q in direct)
    assert doc.body[rep.start : rep.end] == rep.text
    assert rep.paragraph == 0


def test_offsets_point_into_the_body_across_paragraphs():
    text = "First paragraph here.\n\nThe agency said the launch would slip to May."
    doc = make_document(text)
    (rep,) = [q for q in extract_quotes(doc, reported=True) if q.kind in REPORTED_KINDS]
    assert doc.body[rep.start : rep.end] == "the launch would slip to May"
    assert rep.paragraph == 1
    assert rep.n_words == 6


def test_cue_list_errors_name_the_line(tmp_path):
    bad = tmp_path / "cues.csv"
    bad.write_text("form,lemma,verb_class,frame\nsaid,say,neutral,sideways\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"cues\.csv.*line 2|line 2.*sideways|sideways"):
        load_reported_cues(bad)
    missing = tmp_path / "missing.csv"
    missing.write_text("form,lemma\nsaid,say\n", encoding="utf-8")
    with pytest.raises(Exception, match="frame"):
        load_reported_cues(missing)


def test_packaged_cues_have_no_cognition_verbs():
    forms = load_reported_cues().forms
    for verb in ("think", "thinks", "believe", "believed", "hope", "hoped", "know", "knew", "want", "feel"):
        assert verb not in forms


def test_starter_story_reported_speech_counted_by_reading():
    # Outlet A: "In a recent Playboy interview, Krasinski spoke about how men should react to the
    # #MeToo movement." is the only paraphrase in the three articles with no quotation marks, and
    # "The letter also acknowledged that “some may question” the men’s motives for this statement,
    # since ..." the only reported clause that carries a quoted fragment (mixed: the guide marks a
    # quote after "that" inside the reporter's sentence twice); every other attribution in the
    # story is of quoted text (read clause by clause).
    from analysis.io.corpus import load_story
    from analysis.metrics import analyse_story
    from analysis.core.paths import DEFAULT_STORY

    rows = {
        a.article.article_id: [(q.kind, q.text, q.speaker, q.verb) for q in a.quotes if q.kind in REPORTED_KINDS]
        for a in analyse_story(load_story(DEFAULT_STORY))
    }
    assert rows == {
        "outlet-a": [
            ("mixed", "“some may question” the men’s motives for this statement, since not only is it so late in the "
             "movement but it also comes just days before the Oscars, when all of these issues are put under more "
             "scrutiny anyway", "the letter", "acknowledged"),
            ("indirect", "how men should react to the #MeToo movement", "John Krasinski", "spoke about"),
        ],
        "outlet-b": [],
        "outlet-c": [],
    }


@pytest.mark.parametrize(("load", "what"), [("analysis.speech.quotes:load_verbs", "verb list"),
                                            ("analysis.speech.reported:load_reported_cues", "cue list")])
def test_an_unreadable_list_is_named_with_what_it_is(tmp_path, load, what):
    import importlib

    from analysis.core.errors import InputError

    module, name = load.split(":")
    loader = getattr(importlib.import_module(module), name)
    with pytest.raises(InputError, match=rf"missing\.csv: cannot read {what}: No such file or directory"):
        loader(tmp_path / "missing.csv")
    assert loader() is loader()  # the packaged list is read once
