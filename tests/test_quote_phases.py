"""Tests for the phases of analysis.speech.quotes.extract_quotes, one phase at a time.

Each phase is a private function that takes and returns plain values; these tests feed
each one a short hand-written text and check what it decides, with the expected offsets
counted from the text (``body.index``), not read back from the code.
"""

from __future__ import annotations

import pytest

from analysis.speech import quotes as q
from analysis.text.document import make_document


def _spans(body: str):
    doc = make_document(body)
    return doc, q._find_spans(doc)


def _through_names(body: str):
    """Run the phases up to quoted names (marks, kinds, attributions, names)."""
    doc, raws = _spans(body)
    raws = q._classify_kinds(doc, raws)
    raws = q._attach_attributions(doc, raws, q.load_verbs())
    return doc, q._mark_names(doc, raws)


def _texts(doc, raws) -> list[str]:
    return [doc.body[r.start : r.end] for r in raws]


# --- phase 1: quotation-mark spans


def test_spans_exclude_the_marks_and_keep_reading_order():
    body = 'He said "yes" and then "no".'
    doc, raws = _spans(body)
    assert _texts(doc, raws) == ["yes", "no"]
    assert [r.open_mark for r in raws] == [body.index('"yes'), body.index('"no')]
    assert [r.close_mark for r in raws] == [body.index('" and'), body.index('".')]
    assert [r.paragraph for r in raws] == [0, 0]
    assert all(r.kind == "full" and r.attribution is None for r in raws)


def test_an_unclosed_quote_followed_by_a_quote_paragraph_is_linked_to_it():
    body = 'She said: "First part of it\n\n"Second part."'
    doc, raws = _spans(body)
    assert _texts(doc, raws) == ["First part of it", "Second part."]
    first, second = raws
    assert first.close_mark == -1 and first.continues and not first.continued
    assert second.paragraph == 1 and second.continued and not second.continues


def test_an_unclosed_quote_before_a_plain_paragraph_is_not_linked():
    doc, raws = _spans('She said: "First part of it\n\nThe meeting ended.')
    (only,) = raws
    assert only.close_mark == -1 and not only.continues and not only.continued


# --- phase 2: names outside quotation marks


def test_names_inside_quotation_marks_are_not_indexed_as_sources():
    body = 'Jane Roe spoke. "Ask Tom Baker," she said.'
    doc, raws = _spans(body)
    lookups = q._index_names(doc, raws, q.load_name_cues())
    names = [p.canonical for p in lookups.people]
    assert "Jane Roe" in names
    assert "Tom Baker" not in names
    assert lookups.in_quoted(body.index("Tom")) and not lookups.in_quoted(body.index("Jane"))


# --- phase 3: kinds


def test_a_span_after_a_word_is_partial_and_after_a_full_stop_is_full():
    doc, raws = _spans('He called it "a disgrace". "We won," she said.')
    kinds = [r.kind for r in q._classify_kinds(doc, raws)]
    assert kinds == ["partial", "full"]


def test_classifying_kinds_leaves_its_input_unchanged():
    doc, raws = _spans('He called it "a disgrace".')
    before = list(raws)
    q._classify_kinds(doc, raws)
    assert raws == before and raws[0].kind == "full"
    with pytest.raises(AttributeError):
        raws[0].kind = "partial"


# --- phase 4: attributions


def test_attribution_after_the_quote():
    body = '"We won," said Jane Roe.'
    doc, raws = _through_names(body)
    (r,) = raws
    assert r.attr_after
    assert (r.attribution.verb, r.attribution.subject) == ("said", "Jane Roe")
    assert r.attribution.verb_start == body.index("said")
    assert r.attribution.subject_start == body.index("Jane")
    # read from the text after the closing mark up to the full stop
    assert r.attr_range == (body.index(" said"), body.index("."))


def test_attribution_before_the_quote_up_to_a_colon():
    body = 'Jane Roe said: "We won."'
    doc, raws = _through_names(body)
    (r,) = raws
    assert not r.attr_after
    assert (r.attribution.verb, r.attribution.subject) == ("said", "Jane Roe")
    assert r.attr_range == (0, body.index('"'))


def test_a_quote_paragraph_takes_the_colon_lead_in_of_the_paragraph_before():
    body = 'The council met on Monday. The letter reads:\n\n"We are closing the library."'
    doc, raws = _through_names(body)
    (r,) = raws
    assert r.paragraph == 1
    assert r.attribution.verb == "reads"
    assert r.attribution.subject == "The letter"
    # the last sentence of the paragraph, from just after the full stop to the colon
    assert r.attr_range == (body.index(" The letter"), body.index(":") + 1)


def test_a_full_quote_takes_the_verb_before_it_only_across_a_comma_colon_or_that():
    doc, raws = _through_names('Jane Roe said (in Leeds) "We won."')
    (r,) = raws
    assert r.kind == "full" and r.attribution is None
    doc, raws = _through_names('Jane Roe said (in Leeds), "We won."')
    (r,) = raws
    assert r.kind == "full" and (r.attribution.verb, r.attribution.subject) == ("said", "Jane Roe")


def test_a_partial_quote_takes_the_verb_earlier_in_its_sentence():
    body = 'Jane Roe said the plan was "bold" yesterday.'
    doc, raws = _through_names(body)
    (r,) = raws
    assert r.kind == "partial"
    assert (r.attribution.verb, r.attribution.subject) == ("said", "Jane Roe")
    assert not r.attr_after


# --- phase 5: names


def test_a_quote_right_after_a_naming_verb_is_a_name():
    body = 'A group called "Safe Streets Now" met on Monday.'
    doc, raws = _through_names(body)
    (r,) = raws
    assert (r.kind, r.attribution, r.attr_range) == ("name", None, None)


def test_a_quoted_word_after_a_verb_and_its_object_stays_speech():
    doc, raws = _through_names('The minister called the analysis "false".')
    (r,) = raws
    assert r.kind == "partial"
    assert r.attribution.verb == "called"


# --- phases 6 and 7: groups and quote ids


def test_spans_around_one_attribution_share_a_group():
    doc, raws = _through_names('"We won," she said. "Again."')
    assert q._group_spans(doc, raws) == [1, 1]


def test_an_unattributed_span_before_an_attributed_one_joins_it():
    doc, raws = _through_names('"We won." "Again," she said.')
    assert q._group_spans(doc, raws) == [1, 1]


def test_a_new_attribution_or_a_word_between_starts_a_new_group():
    doc, raws = _through_names('"We won," she said. He left. "Again," he said.')
    assert q._group_spans(doc, raws) == [1, 2]


def test_a_continued_paragraph_stays_in_the_group():
    doc, raws = _through_names('Jane Roe said: "First part of it\n\n"Second part."')
    assert q._group_spans(doc, raws) == [1, 1]


def test_names_have_no_group_and_take_their_own_id_in_reading_order():
    body = '"We won," said Jane Roe. "Again." A group called "Safe Streets Now" met. "Later," she said.'
    doc, raws = _through_names(body)
    assert [r.kind for r in raws] == ["full", "full", "name", "full"]
    groups = q._group_spans(doc, raws)
    # "Again." shares the attribution before it; words stand between it and "Later,"
    assert groups == [1, 1, 0, 2]
    assert q._quote_ids(raws, groups) == ([1, 1, 2, 3], 4)


def test_quote_ids_number_groups_in_order_of_first_appearance():
    raw = q._Raw(open_mark=0, close_mark=5, start=1, end=5, paragraph=0)
    name = raw._replace(kind="name")
    raws = [raw, raw, name, raw, name]
    assert q._quote_ids(raws, [1, 1, 0, 2, 0]) == ([1, 1, 2, 3, 4], 5)


# --- phase 8: speakers


def _rows(body: str):
    doc, raws = _through_names(body)
    cues = q.load_name_cues()
    lookups = q._index_names(doc, raws, cues)
    ids, next_id = q._quote_ids(raws, q._group_spans(doc, raws))
    return q._resolve_speakers(doc, raws, ids, lookups, cues), next_id


def test_a_quote_paragraph_without_attribution_continues_the_previous_speaker():
    rows, next_id = _rows('"We won," said Jane Roe.\n\n"We will win again."')
    assert [(r.quote_id, r.speaker, r.verb, r.verb_class) for r in rows] == [
        (1, "Jane Roe", "said", "neutral"),
        (2, "Jane Roe", "", "none"),
    ]
    assert next_id == 3


def test_she_resolves_to_the_woman_named_before_the_quote():
    rows, _ = _rows('Jane Roe arrived at noon. "We won," she said.')
    (row,) = rows
    assert row.speaker == "Jane Roe"
    assert row.verb == "said"


def test_it_resolves_to_the_document_named_before():
    body = 'In a letter, the council explained the plan. "We are closing," it said.'
    rows, _ = _rows(body)
    (row,) = rows
    assert row.speaker == "the letter"


def test_a_name_row_has_no_speaker_and_no_verb():
    rows, _ = _rows('A group called "Safe Streets Now" met on Monday.')
    (row,) = rows
    assert (row.kind, row.speaker, row.verb, row.verb_class) == ("name", "", "", "none")


# --- phase 9: speech without marks


def test_a_block_quote_after_a_colon_lead_in_is_added_with_the_next_free_id():
    body = (
        'Education Secretary Gillian Keegan said:\n\n'
        'We are investing in every school in the country.\n\n'
        'Our pupils deserve nothing less.\n\n'
        'The money arrives in May.'
    )
    doc = make_document(body)
    cues = q.load_name_cues()
    lookups = q._index_names(doc, [], cues)
    rows, next_id = q._add_unmarked_speech(doc, (), lookups, cues, q.load_verbs(), 4)
    # the next paragraph still speaks in the first person ("Our"); the last one does not
    assert [r.text for r in rows] == [
        "We are investing in every school in the country.",
        "Our pupils deserve nothing less.",
    ]
    assert [r.start for r in rows] == [body.index("We are"), body.index("Our")]
    assert {(r.quote_id, r.kind, r.speaker, r.verb) for r in rows} == {(4, "full", "Gillian Keegan", "said")}
    assert next_id == 5


def test_without_unmarked_speech_the_direct_rows_pass_through():
    doc = make_document('"We won," said Jane Roe.')
    cues = q.load_name_cues()
    rows, _ = _rows('"We won," said Jane Roe.')
    lookups = q._index_names(doc, q._find_spans(doc), cues)
    assert q._add_unmarked_speech(doc, rows, lookups, cues, q.load_verbs(), 2) == (rows, 2)


# --- the whole sequence


def test_extract_quotes_is_the_sequence_of_its_phases():
    body = (
        'Jane Roe arrived. "We won," she said. "Again."\n\n'
        'A group called "Safe Streets Now" agreed. The letter reads:\n\n'
        '"We are closing."'
    )
    doc = make_document(body)
    rows, _ = _rows(body)
    assert q.extract_quotes(doc) == rows
    assert [(r.text, r.quote_id, r.kind, r.speaker, r.verb) for r in rows] == [
        ("We won,", 1, "full", "Jane Roe", "said"),
        ("Again.", 1, "full", "Jane Roe", "said"),
        ("Safe Streets Now", 2, "name", "", ""),
        ("We are closing.", 3, "full", "the letter", "reads"),
    ]
