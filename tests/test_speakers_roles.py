"""Role nouns, appositions and lists of sources as speakers, on hand-written edge cases."""

from __future__ import annotations

from analysis.speech.people import find_name_mentions
from analysis.speech.quotes import extract_quotes
from analysis.text.document import make_document


def _speakers(text: str) -> dict[str, str]:
    return {q.text: q.speaker for q in extract_quotes(make_document(text), reported=True)}


def test_role_noun_is_the_person_named_with_the_whole_role_not_the_last_person_named():
    text = (
        "Prime Minister Justin Trudeau met United States President Donald Trump.\n\n"
        "The Prime Minister raised the issue of steel tariffs."
    )
    assert _speakers(text)["the issue of steel tariffs"] == "Justin Trudeau"


def test_role_before_a_name_in_the_next_sentence_is_not_an_apposition():
    # "Donald Trump. The Prime Minister ..." does not make Trump the Prime Minister
    text = (
        "Prime Minister Justin Trudeau spoke with President Donald Trump.\n\n"
        "The Prime Minister reiterated the importance of their removal."
    )
    assert _speakers(text)["the importance of their removal"] == "Justin Trudeau"


def test_role_in_an_apposition_with_the_article_and_a_comma():
    text = (
        "The Crime Minister, Victoria Atkins, was interviewed on the radio.\n\n"
        "The Crime Minister said that the claim is \u201cnot supported by the evidence.\u201d"
    )
    assert _speakers(text)["not supported by the evidence."] == "Victoria Atkins"


def test_role_with_its_portfolio_between_role_and_name():
    text = "Cabinet Secretary for Justice Humza Yousaf responded.\n\nThe Cabinet Secretary said: \u201cWe are ready.\u201d"
    assert _speakers(text)["We are ready."] == "Humza Yousaf"


def test_someone_addressed_by_role_is_not_the_role_holder():
    # the reporter addresses the Prime Minister; Peter Costello is not him
    text = (
        "JOURNALIST:\n\nPrime Minister, Peter Costello mentioned the retirement age.\n\n"
        "PRIME MINISTER:\n\nI didn't see that.\n"
    )
    assert _speakers(text)["I didn't see that."] == "Prime Minister"


def test_name_in_apposition_after_a_role_is_the_speaker():
    text = "Speaking in Guildford, Education Secretary, Gillian Keegan, said:\n\nI am proud of our clubs and of our staff."
    assert _speakers(text)["I am proud of our clubs and of our staff."] == "Gillian Keegan"
    # a role in apposition after a name leaves the name as the speaker
    assert _speakers('Jane Roe, Chief Executive, said: "We won."')["We won."] == "Jane Roe"


def test_two_roles_or_a_list_of_outlets_are_all_speakers():
    text = (
        "Prime Minister Justin Trudeau met United States President Donald Trump.\n\n"
        "The Prime Minister and President discussed the importance of the alliance.\n\n"
        "The Guardian, Express, Times and Metro further report that Begum regrets speaking."
    )
    speakers = _speakers(text)
    assert speakers["the importance of the alliance"] == "Justin Trudeau; Donald Trump"
    assert speakers["Begum regrets speaking"] == "Guardian; Express; Times; Metro"


def test_a_role_and_a_lower_case_noun_are_not_a_list():
    text = "The minister and her deputy said the plan would work."
    assert ";" not in _speakers(text)["the plan would work"]


def test_a_person_of_a_country_is_a_person():
    doc = make_document("Prime Minister Justin Trudeau of Canada met officials of the Bank of England.")
    kinds = {m.name: m.kind for m in find_name_mentions(doc)}
    assert kinds["Justin Trudeau"] == "person"
    assert kinds["Bank of England"] == "organisation"


def test_the_spokesperson_is_the_one_introduced_before_and_an_organisation_with_and_is_not_a_list():
    text = (
        "A Scottish Fire and Rescue Service spokesperson said cutting equipment was used. "
        "\u201cPolice worked closely with our team\u201d, the spokesperson continued."
    )
    speakers = _speakers(text)
    assert speakers["cutting equipment was used"] == "Scottish Fire and Rescue Service spokesperson"
    assert speakers["Police worked closely with our team"] == "Scottish Fire and Rescue Service spokesperson"


def test_a_bare_spokesperson_with_none_introduced_stays_unnamed():
    assert _speakers("\u201cWe are ready,\u201d the spokesman said.")["We are ready,"] == "spokesman"
