"""Reported speech in briefing and British styles, on hand-written edge cases."""

from __future__ import annotations

from analysis.speech.quotes import extract_quotes
from analysis.text.document import make_document


def _reported(text: str) -> dict[str, tuple[str, str]]:
    return {q.text: (q.speaker, q.verb) for q in extract_quotes(make_document(text), reported=True)
            if q.kind in ("indirect", "mixed")}


def test_a_journalists_question_at_the_head_of_a_briefing_sentence_is_reported_speech_with_no_speaker():
    text = (
        "Asked if the Prime Minister thought it was right for prisoners to have parties, the spokesman told "
        "the assembled press that there would be none.\n\n"
        "Asked about the strike, the spokesman said talks would continue.\n\n"
        "When asked whether he had full confidence in the minister, the spokesman said that he did."
    )
    rows = _reported(text)
    assert rows["if the Prime Minister thought it was right for prisoners to have parties"] == ("", "asked")
    assert rows["the strike"] == ("", "asked")
    assert rows["whether he had full confidence in the minister"] == ("", "asked")
    # the answers keep their speaker
    assert rows["there would be none"][0] == "spokesman"
    assert rows["talks would continue"][0] == "spokesman"


def test_impersonal_reports_have_no_speaker():
    rows = _reported("It is reported that this was the 116th murder in London this year.")
    assert rows == {"this was the 116th murder in London this year": ("", "reported")}


def test_asked_without_a_question_is_not_speech():
    # "asked" with an object and no question word: a request, handled (or not) by the cue rules
    rows = _reported("Asked to leave, the protesters sat down.")
    assert rows == {}


def test_abbreviation_after_the_subject_is_skipped():
    rows = _reported("The World Health Organisation (WHO) recommends that every country should iodise all salt.")
    assert rows["every country should iodise all salt"] == ("World Health Organisation", "recommends")


def test_subject_with_its_organisation_and_a_comma_before_the_verb():
    text = "Lydia Buchtmann for Food Standards Australia New Zealand, says they are looking at new guidelines."
    assert _reported(text)["they are looking at new guidelines"][0] == "Lydia Buchtmann"


def test_a_pronoun_closing_the_sentence_after_the_verb_is_still_the_speaker():
    assert _reported("Jane Roe arrived. We are ready, said she.")["We are ready"][0] == "Jane Roe"
