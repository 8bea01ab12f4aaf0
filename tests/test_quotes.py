"""Tests for analysis.speech.quotes against the hand-counted golden fixtures.

The expected quotes live in tests/fixtures/quotes/ (seeds.yml and cases.yml), written
by a person reading the texts before the extractor existed. A quote counts as found
when its span and the hand-marked span overlap by at least 80% of the longer of the two.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from analysis.io.corpus import parse_article
from analysis.speech.quotes import SPEECH_KINDS, extract_quotes, load_verbs
from analysis.text.document import make_document

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "quotes"
MIN_OVERLAP = 0.8


@lru_cache(maxsize=None)
def _golden(name: str) -> tuple[dict, ...]:
    data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return tuple(data["articles"])


def _all_articles() -> list[dict]:
    return list(_golden("seeds.yml")) + list(_golden("cases.yml"))


def _body(entry: dict) -> str:
    path = ROOT / entry["file"]
    return parse_article(path.read_bytes(), path).body


def _expected_spans(entry: dict, body: str) -> list[dict]:
    out = []
    for q in entry["quotes"]:
        start = -1
        for _ in range(q.get("occurrence", 0) + 1):
            start = body.index(q["text"], start + 1)
        out.append({**q, "start": start, "end": start + len(q["text"])})
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    longer = max(a[1] - a[0], b[1] - b[0])
    return inter / longer if longer else 0.0


def _match(expected: list[dict], found: list) -> list[tuple[dict, object]]:
    pairs, used = [], set()
    for e in expected:
        for i, q in enumerate(found):
            if i not in used and _overlap((e["start"], e["end"]), (q.start, q.end)) >= MIN_OVERLAP:
                pairs.append((e, q))
                used.add(i)
                break
    return pairs


def _extract(entry: dict):
    body = _body(entry)
    return body, list(extract_quotes(make_document(body, Path(entry["file"]).stem)))


IDS = [Path(e["file"]).stem for e in _all_articles()]


@pytest.mark.parametrize("entry", _all_articles(), ids=IDS)
def test_every_hand_marked_quote_is_found_with_exact_span(entry):
    body, found = _extract(entry)
    expected = _expected_spans(entry, body)
    got = [(q.start, q.end, q.kind) for q in found]
    want = [(e["start"], e["end"], e["kind"]) for e in expected]
    assert got == want


@pytest.mark.parametrize("entry", _all_articles(), ids=IDS)
def test_speakers_verbs_and_classes_match_the_hand_count(entry):
    body, found = _extract(entry)
    pairs = _match(_expected_spans(entry, body), found)
    got = [(q.text, q.speaker, q.verb, q.verb_class) for _, q in pairs]
    want = [(q.text, e["speaker"], e["verb"], e["verb_class"]) for e, q in pairs]
    assert got == want


@pytest.mark.parametrize("entry", _all_articles(), ids=IDS)
def test_quote_ids_group_spans_like_the_hand_count(entry):
    body, found = _extract(entry)
    pairs = _match(_expected_spans(entry, body), found)
    # same partition: two spans share a quote_id exactly when they share a hand group
    for e1, q1 in pairs:
        for e2, q2 in pairs:
            assert (e1["group"] == e2["group"]) == (q1.quote_id == q2.quote_id), (q1.text, q2.text)


@pytest.mark.parametrize("entry", _all_articles(), ids=IDS)
def test_word_counts_and_totals_match_the_hand_count(entry):
    body, found = _extract(entry)
    assert [q.n_words for q in found] == [q["n_words"] for q in entry["quotes"]]
    speech = [q for q in found if q.kind in SPEECH_KINDS]
    assert len(speech) == entry["n_quotes"]
    assert sum(q.n_words for q in speech) == entry["n_quoted_words"]
    assert make_document(body).n_words == entry["n_words_total"]


def test_precision_and_recall_on_all_fixtures_are_at_least_095():
    tp = n_found = n_expected = 0
    for entry in _all_articles():
        body, found = _extract(entry)
        expected = _expected_spans(entry, body)
        tp += len(_match(expected, found))
        n_found += len(found)
        n_expected += len(expected)
    precision, recall = tp / n_found, tp / n_expected
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_quote_offsets_exclude_marks_and_text_matches_body():
    for entry in _all_articles():
        body, found = _extract(entry)
        for q in found:
            assert body[q.start : q.end] == q.text
            assert q.text == q.text.strip()
            if q.closed:
                assert body[q.close_mark] in "\"'\u201c\u201d\u2018\u2019"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "No quotation marks at all.", '"', '""', "It’s the ’90s, the Smiths’ house."],
)
def test_texts_without_quotes(text):
    assert extract_quotes(make_document(text)) == ()


def test_unbalanced_mark_never_runs_past_its_paragraph():
    body = 'She said "this never closes.\n\nThe next paragraph is the reporter\'s.\n\n"A real quote," he said.'
    quotes = extract_quotes(make_document(body))
    assert [q.text for q in quotes] == ["this never closes.", "A real quote,"]
    assert quotes[0].closed is False


def test_a_stray_mark_cannot_swallow_the_rest_of_an_article():
    body = "Para one has a stray \" mark.\n\n" + "\n\n".join(f"Paragraph {i} text." for i in range(50))
    quotes = extract_quotes(make_document(body))
    assert all("\n" not in q.text for q in quotes)
    assert sum(q.n_words for q in quotes) <= 2


def test_verbs_file_lists_classes_for_every_form():
    verbs = load_verbs()
    assert verbs.forms["said"] == ("say", "neutral")
    assert verbs.forms["admits"][1] == "evaluative"
    assert verbs.forms["acknowledged"][1] == "evaluative"
    assert verbs.forms["expressed"][1] == "neutral"


@pytest.mark.parametrize(
    ("csv_text", "pattern"),
    [
        ("form,lemma\nsaid,say\n", "needs the columns form, lemma, verb_class"),
        ("form,lemma,verb_class\n,say,neutral\n", r":2: empty verb form"),
        ("form,lemma,verb_class\nsaid,say,loud\n", r":2: unknown verb_class 'loud'"),
    ],
)
def test_broken_verb_list_errors_name_the_line(tmp_path, csv_text, pattern):
    path = tmp_path / "verbs.csv"
    path.write_text(csv_text, encoding="utf-8")
    with pytest.raises(Exception, match=pattern):
        load_verbs(path)


def test_quoted_words_take_the_verb_that_introduces_them():
    # "called it "..."" is the attribution of the fragment (issue 15: a quoted word with a
    # speech verb is attributed speech); the later "said" shares the subject and reports a clause
    body = ('Councillor Priya Anand, who voted against the plan, called it "a false economy" and '
            "said the council was considering a sale.")
    (quote,) = extract_quotes(make_document(body))
    assert (quote.text, quote.kind, quote.speaker, quote.verb) == ("a false economy", "partial", "Priya Anand", "called")


def test_verb_after_and_shares_the_sentence_subject():
    body = ('Councillor Priya Anand, who voted against the plan, saw it as "a false economy" and '
            "said the council was considering a sale.")
    (quote,) = extract_quotes(make_document(body))
    assert (quote.text, quote.kind, quote.speaker, quote.verb) == ("a false economy", "partial", "Priya Anand", "said")


def test_quote_paragraph_introduced_by_a_colon_in_the_previous_paragraph():
    body = ('Mayor Ana Whitfield spoke first. "We will reopen," she said.\n\n'
            "The council's letter reads:\n\n"
            '"The branch will close on Friday. Its books move to the central library."')
    quotes = extract_quotes(make_document(body))
    assert [(q.speaker, q.verb) for q in quotes] == [("Ana Whitfield", "said"), ("the letter", "reads")]


def test_name_in_apposition_after_a_generic_subject_is_the_speaker():
    body = 'Residents asked for benches. "It is about time," said one of them, Ruth Okafor.'
    (quote,) = extract_quotes(make_document(body))
    assert (quote.speaker, quote.verb) == ("Ruth Okafor", "said")


def test_a_few_single_marks_inside_a_double_quote_article_do_not_switch_style():
    body = "The site ran alert('a') and alert('b'). \"It's about time,\" said Ruth Okafor."
    quotes = extract_quotes(make_document(body))
    assert [q.text for q in quotes if q.kind != "name"] == ["It's about time,"]
