"""Salience: lead contents, who is named first, where the first quote sits."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core import paths
from analysis.framing.codebook import generic_codebook, load_codebooks
from analysis.io.corpus import load_story
from analysis.metrics import analyse_article, analyse_story
from analysis.speech.quotes import extract_quotes
from analysis.framing.salience import SALIENCE_COLUMNS, article_salience, salience_table
from analysis.text.document import make_document
from articles import text_article

LIBRARY = paths.PROJECT_ROOT / "tests" / "fixtures" / "stories" / "library-closure"




def test_hand_counted_article():
    # words: The council cut 40 jobs (5) Critics were angry (3) | It is wrong Ann Lee said (6) | More later (2)
    body = 'The council cut 40 jobs. Critics were angry. "It is wrong," Ann Lee said. More later.'
    doc = make_document(body)
    s = article_salience(doc, extract_quotes(doc), [generic_codebook()])
    assert s.lead_n_sentences == 2 and s.lead_n_words == 8
    assert body[s.lead.start : s.lead.end] == "The council cut 40 jobs. Critics were angry."
    assert [doc.text(n) for n in s.lead_numbers] == ["40"]
    assert {(c.frame, c.match.text) for c in s.lead_frames} == {("economic", "jobs"), ("conflict", "Critics")}
    assert s.first_named.actor == "Ann Lee" and s.first_person.actor == "Ann Lee"
    assert s.first_quote.speaker == "Ann Lee"
    assert s.words_before_first_quote == 8
    assert s.first_quote_word_share == pytest.approx(8 / 16)


@pytest.mark.parametrize("body, has_number, numbers", [
    ("", False, []),
    ("Fourteen staff jobs may go. Nothing else.", True, ["Fourteen"]),
    ("A 5-4 vote. It saves $1.2 million.", True, ["5-4", "1.2", "million"]),
    ("No figures here. None at all. Not even 3.", False, []),  # the third sentence is not the lead
])
def test_lead_numbers(body, has_number, numbers):
    doc = make_document(body)
    s = article_salience(doc, ())
    assert bool(s.lead_numbers) is has_number
    assert [doc.text(n) for n in s.lead_numbers] == numbers


def test_no_sentences_and_no_quotes():
    doc = make_document("…")
    s = article_salience(doc, ())
    assert s.lead is None and s.lead_n_sentences == 0 and s.first_named is None
    assert s.first_quote is None and s.words_before_first_quote is None and math.isnan(s.first_quote_word_share)
    df = salience_table([analyse_article(text_article("One sentence only, no quote."))])
    row = df.iloc[0]
    assert row["lead_n_sentences"] == 1
    assert pd.isna(row["words_before_first_quote"])
    assert math.isnan(row["first_quote_word_share"])


def test_a_scare_quote_is_not_the_first_quote():
    doc = make_document('The "savings" are small. "They are real," Ann Lee said.')
    s = article_salience(doc, extract_quotes(doc))
    assert s.first_quote.text == "They are real,"
    assert s.words_before_first_quote == 4


def test_seed_salience_table():
    story = load_story(paths.DEFAULT_STORY)
    books = load_codebooks(story.root, story.meta)
    df = salience_table(analyse_story(story), books, corpus_sha256=story.corpus_sha256).set_index("article_id")
    assert list(df.reset_index().columns) == list(SALIENCE_COLUMNS)
    # outlet A: paragraph 1 has 156 words and paragraph 2 has 22 words before "help prevent
    # abuse" (counted by reading); the article has 535 words (quote fixture)
    assert df.loc["outlet-a", "words_before_first_quote"] == 178
    assert df.loc["outlet-a", "first_quote_word_share"] == pytest.approx(178 / 535)
    assert df.loc["outlet-a", "lead_numbers"] == "94; percent"
    assert "askmoreofhim:scale_of_abuse" in df.loc["outlet-a", "lead_frames"].split("; ")
    assert df.loc["outlet-b", "first_named"] == "David Arquette"
    assert df.loc["outlet-b", "lead_actors"].startswith("David Arquette; David Schwimmer; Matt McGorry")
    assert not df.loc["outlet-c", "lead_has_number"]
    assert (df["first_quote_speaker"] == "the letter").all()


def test_library_first_named_can_be_an_organisation():
    story = load_story(LIBRARY)
    df = salience_table(analyse_story(story)).set_index("article_id")
    assert df.loc["millbrook-courier", "first_named"] == "Millbrook Town Council"
    assert df.loc["millbrook-courier", "first_named_kind"] == "organisation"
    assert df.loc["millbrook-courier", "first_person_named"] == "Ruth Keller"


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_valid_salience(text):
    doc = make_document(text)
    s = article_salience(doc, extract_quotes(doc), [generic_codebook()])
    assert 0 <= s.lead_n_words <= doc.n_words
    assert math.isnan(s.first_quote_word_share) or 0 <= s.first_quote_word_share < 1
