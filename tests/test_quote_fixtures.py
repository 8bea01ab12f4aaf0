"""Self-consistency checks for the hand-counted quote golden fixtures.

These tests check the FIXTURES in tests/fixtures/quotes/ (seeds.yml, cases.yml and the
case articles), not a quote extractor: every span text is found in its article body and
is bounded by quotation marks (or by a paragraph end when the fixture says it is not
closed), every quotation mark in a body is accounted for, the stored totals add up, and
every required edge case has a fixture. The expected values themselves were counted by
a person reading the texts; the word-rule helper below only cross-checks those counts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "quotes"
CASES_DIR = FIXTURES / "cases"

DOUBLE_MARKS = frozenset('"\u201c\u201d')  # " “ ”
SINGLE_MARKS = frozenset("'\u2018\u2019")  # ' ‘ ’
QUOTE_MARKS = DOUBLE_MARKS | SINGLE_MARKS
APOSTROPHES = frozenset("'\u2019")

KINDS = frozenset({"full", "partial", "name"})
SPEECH_KINDS = frozenset({"full", "partial"})
VERB_CLASSES = frozenset({"neutral", "evaluative", "none"})

REQUIRED_CASES = (
    "mixed_marks",
    "attribution_before",
    "attribution_after",
    "attribution_between",
    "pronoun_person",
    "pronoun_document",
    "pronoun_group",
    "continuation_paragraph",
    "colon_speaker",
    "dash_speaker",
    "title_after",
    "multi_paragraph",
    "nested",
    "single_quote_style",
    "apostrophes",
    "name_kind",
    "scare_quote",
    "according_to",
    "per_source",
    "cut_off",
    "unbalanced",
    "partial",
    "evaluative_verb",
)
KNOWN_CASES = frozenset(REQUIRED_CASES) | {"straight_marks", "curly_marks"}

# design.md word rule: runs of letters or digits joined by inner apostrophes or hyphens;
# a leading # or @ belongs to the word. Dashes, spaced hyphens, "…" and whitespace
# (NBSP included) separate words.
WORD_RE = re.compile(r"[#@]?[^\W_]+(?:['\u2019-][^\W_]+)*")


# --------------------------------------------------------------------------- helpers


def count_words(text: str) -> int:
    """Count words by the design.md word rule (cross-check for the hand counts)."""
    return len(WORD_RE.findall(text))


def split_article(raw: bytes) -> tuple[dict[str, Any], str]:
    """Split a fixture article into front matter and body.

    The body is the decoded text after the line ``---`` that closes the front matter,
    with nothing else changed (no newline translation; a BOM is removed).
    """
    text = raw.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        raise ValueError("no front matter: first line is not '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r") == "---":
            front = "\n".join(lines[1:index])
            offset = sum(len(line) + 1 for line in lines[: index + 1])
            return yaml.safe_load(front) or {}, text[offset:]
    raise ValueError("front matter is never closed by a '---' line")


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Return (start, end) of each paragraph, trailing whitespace excluded.

    A paragraph break is a line holding only whitespace (NBSP included).
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    position = 0
    for line in body.split("\n"):
        line_end = position + len(line)
        if line.strip():
            if start is None:
                start = position
            end = line_end
        elif start is not None:
            spans.append((start, end))
            start = None
        position = line_end + 1
    if start is not None:
        spans.append((start, end))
    return [(s, len(body[:e].rstrip())) for s, e in spans]


def occurrences(body: str, text: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of text in body."""
    found: list[int] = []
    index = body.find(text)
    while index != -1:
        found.append(index)
        index = body.find(text, index + 1)
    return found


def load_fixture(name: str) -> dict[str, Any]:
    raw = (FIXTURES / name).read_bytes().decode("utf-8")
    return yaml.safe_load(raw)


def all_articles() -> list[tuple[str, dict[str, Any]]]:
    items: list[tuple[str, dict[str, Any]]] = []
    for name in ("seeds.yml", "cases.yml"):
        for article in load_fixture(name)["articles"]:
            items.append((name, article))
    return items


ARTICLES = all_articles()
ARTICLE_IDS = [Path(article["file"]).stem for _, article in ARTICLES]


def body_of(article: dict[str, Any]) -> str:
    return split_article((ROOT / article["file"]).read_bytes())[1]


def located(article: dict[str, Any]) -> list[tuple[dict[str, Any], int, int]]:
    """Each quote entry with its (start, end) offsets in the body."""
    body = body_of(article)
    result = []
    for quote in article["quotes"]:
        starts = occurrences(body, quote["text"])
        start = starts[quote.get("occurrence", 0)]
        result.append((quote, start, start + len(quote["text"])))
    return result


def nearest_non_space_before(body: str, index: int) -> str:
    while index > 0:
        index -= 1
        if not body[index].isspace():
            return body[index]
    return ""


# ------------------------------------------------------------ the helpers themselves


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("decision-making", 1),
        ("co-workers", 1),
        ("#AskMoreOfHim", 1),
        ("@dznussbaum", 1),
        ("It\u2019s", 1),
        ("it's", 1),
        ("\u2014", 0),
        ("94", 1),
        ("women - and men", 3),
        ("entertainment\u2014like", 2),
        ("power\u2026 But", 2),
        ("and\u00a0commitment", 2),
        ("rock \u2019n\u2019 roll", 3),
        ("the \u201990s", 2),
        ("David Arquette,  ,  ,  , Ben", 3),
    ],
)
def test_count_words_follows_the_word_rule(text: str, expected: int) -> None:
    assert count_words(text) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", []),
        ("One.", [(0, 4)]),
        ("One.\n\nTwo.", [(0, 4), (6, 10)]),
        ("One. \n \n  Two. \n \n", [(0, 4), (8, 14)]),
        ("One.\n\u00a0\nTwo.", [(0, 4), (7, 11)]),
        ("\n\nOne.\nstill one.\n", [(2, 17)]),
    ],
)
def test_paragraph_spans(body: str, expected: list[tuple[int, int]]) -> None:
    assert paragraph_spans(body) == expected


def test_split_article_keeps_crlf_and_drops_bom() -> None:
    front, body = split_article("\ufeff---\r\noutlet: X\r\n---\r\nA \u201cb\u201d.\r\n".encode())
    assert front == {"outlet": "X"}
    assert body == "A \u201cb\u201d.\r\n"


def test_split_article_rejects_missing_front_matter() -> None:
    with pytest.raises(ValueError):
        split_article(b"no front matter\n")


# ------------------------------------------------------------------- fixture files


def test_seeds_fixture_lists_the_three_seed_articles() -> None:
    files = [article["file"] for article in load_fixture("seeds.yml")["articles"]]
    assert files == [f"corpus/askmoreofhim/outlet-{x}.md" for x in "abc"]


def test_every_case_file_is_described_once() -> None:
    described = [Path(article["file"]) for article in load_fixture("cases.yml")["articles"]]
    on_disk = sorted(path.relative_to(ROOT) for path in CASES_DIR.glob("*.md"))
    assert len(described) == len(set(described))
    assert sorted(described) == on_disk


def test_every_required_case_is_covered() -> None:
    covered: set[str] = set()
    for article in load_fixture("cases.yml")["articles"]:
        assert article["covers"], article["file"]
        unknown = set(article["covers"]) - KNOWN_CASES
        assert not unknown, f"{article['file']}: unknown case ids {sorted(unknown)}"
        covered.update(article["covers"])
    missing = [case for case in REQUIRED_CASES if case not in covered]
    assert not missing, f"no fixture covers {missing}"


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_article_has_front_matter_with_outlet(source: str, article: dict[str, Any]) -> None:
    front, body = split_article((ROOT / article["file"]).read_bytes())
    assert isinstance(front, dict)
    assert front.get("outlet")
    assert body.strip()


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_paragraph_words_add_up(source: str, article: dict[str, Any]) -> None:
    body = body_of(article)
    paragraphs = paragraph_spans(body)
    counts = article["paragraph_words"]
    assert len(counts) == len(paragraphs)
    assert sum(counts) == article["n_words_total"]
    cross_check = [count_words(body[s:e]) for s, e in paragraphs]
    assert counts == cross_check


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_quote_fields_are_valid(source: str, article: dict[str, Any]) -> None:
    for quote in article["quotes"]:
        label = f"{article['file']}: {quote['text'][:40]!r}"
        assert isinstance(quote["text"], str) and quote["text"], label
        assert quote["kind"] in KINDS, label
        assert quote["verb_class"] in VERB_CLASSES, label
        assert isinstance(quote["verb"], str), label
        assert quote["verb"] == quote["verb"].lower(), label
        assert (quote["verb"] == "") == (quote["verb_class"] == "none"), label
        assert isinstance(quote["group"], int) and not isinstance(quote["group"], bool), label
        assert isinstance(quote["n_words"], int) and quote["n_words"] > 0, label
        assert quote.get("closed", True) in (True, False), label
        if quote["kind"] == "name":
            assert quote["speaker"] == "" and quote["verb"] == "", label
        else:
            assert quote["speaker"], label


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_every_text_occurs_in_the_body(source: str, article: dict[str, Any]) -> None:
    body = body_of(article)
    for quote in article["quotes"]:
        starts = occurrences(body, quote["text"])
        label = f"{article['file']}: {quote['text'][:40]!r}"
        assert starts, f"{label} not found in the body"
        if len(starts) > 1:
            assert "occurrence" in quote, f"{label} occurs {len(starts)} times"
        assert 0 <= quote.get("occurrence", 0) < len(starts), label


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_spans_are_bounded_by_quotation_marks(source: str, article: dict[str, Any]) -> None:
    body = body_of(article)
    paragraphs = paragraph_spans(body)
    for quote, start, end in located(article):
        label = f"{article['file']}: {quote['text'][:40]!r}"
        opener = body[start - 1] if start > 0 else ""
        assert opener in QUOTE_MARKS, f"{label}: {opener!r} before the span"
        assert not body[start].isspace() and not body[end - 1].isspace(), label
        inside = [(s, e) for s, e in paragraphs if s <= start and end <= e]
        assert inside, f"{label} runs past its paragraph"
        if quote.get("closed", True):
            closer = body[end] if end < len(body) else ""
            family = DOUBLE_MARKS if opener in DOUBLE_MARKS else SINGLE_MARKS
            assert closer in family, f"{label}: {closer!r} after the span"
        else:
            assert end == inside[0][1], f"{label} does not end at its paragraph end"


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_spans_are_in_reading_order(source: str, article: dict[str, Any]) -> None:
    previous_end = -1
    for quote, start, end in located(article):
        assert start > previous_end, f"{article['file']}: {quote['text'][:40]!r}"
        previous_end = end


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_kind_follows_the_partial_rule(source: str, article: dict[str, Any]) -> None:
    body = body_of(article)
    for quote, start, _ in located(article):
        if quote["kind"] == "name":
            continue
        before = nearest_non_space_before(body, start - 1)
        expected = "partial" if before.isalnum() else "full"
        assert quote["kind"] == expected, f"{article['file']}: {quote['text'][:40]!r}"


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_word_counts_follow_the_word_rule(source: str, article: dict[str, Any]) -> None:
    for quote in article["quotes"]:
        assert quote["n_words"] == count_words(quote["text"]), quote["text"][:40]


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_quote_totals_add_up(source: str, article: dict[str, Any]) -> None:
    speech = [q for q in article["quotes"] if q["kind"] in SPEECH_KINDS]
    assert article["n_quotes"] == len(speech)
    assert article["n_quoted_words"] == sum(q["n_words"] for q in speech)


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_groups_are_numbered_in_reading_order(source: str, article: dict[str, Any]) -> None:
    groups = [q["group"] for q in article["quotes"]]
    if groups:
        assert groups[0] == 1
    for before, after in zip(groups, groups[1:]):
        assert after in (before, before + 1), groups
    by_group: dict[int, set[tuple[str, str, str]]] = {}
    for quote in article["quotes"]:
        key = (quote["speaker"], quote["verb"], quote["verb_class"])
        by_group.setdefault(quote["group"], set()).add(key)
    for group, keys in by_group.items():
        assert len(keys) == 1, f"group {group} mixes {sorted(keys)}"


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_people_lists_match_the_speakers(source: str, article: dict[str, Any]) -> None:
    body = body_of(article)
    speakers = {q["speaker"] for q in article["quotes"] if q["kind"] in SPEECH_KINDS}
    quoted = set(article["people_quoted"])
    sources = set(article["sources_quoted"])
    mentioned = set(article["people_mentioned_not_quoted"])
    assert quoted | sources == speakers
    assert not quoted & sources
    assert not quoted & mentioned
    for name in quoted | mentioned:
        assert name in body, f"{name!r} is not in the body"


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_verbs_are_written_outside_the_quotes(source: str, article: dict[str, Any]) -> None:
    body = body_of(article)
    spans = [(s, e) for _, s, e in located(article)]
    for quote in article["quotes"]:
        if not quote["verb"]:
            continue
        pattern = re.compile(rf"\b{re.escape(quote['verb'])}\b", re.IGNORECASE)
        hits = [m.start() for m in pattern.finditer(body)]
        outside = [h for h in hits if not any(s <= h < e for s, e in spans)]
        assert outside, f"{article['file']}: verb {quote['verb']!r} not in own voice"


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_every_quotation_mark_is_accounted_for(source: str, article: dict[str, Any]) -> None:
    body = body_of(article)
    spans = located(article)
    explained: set[int] = set()
    for quote, start, end in spans:
        explained.update(range(start - 1, end))  # opening mark and everything inside
        if quote.get("closed", True):
            explained.add(end)
    unexplained = set()
    for index, char in enumerate(body):
        if char not in QUOTE_MARKS or index in explained:
            continue
        inner = (
            char in APOSTROPHES
            and 0 < index < len(body) - 1
            and body[index - 1].isalnum()
            and body[index + 1].isalnum()
        )
        if not inner:
            unexplained.add(index)
    for entry in article["other_marks"]:
        starts = occurrences(body, entry["context"])
        assert starts, f"other_marks context {entry['context']!r} not in the body"
        assert entry["why"]
        covered = {
            s + offset
            for s in starts
            for offset, char in enumerate(entry["context"])
            if char in QUOTE_MARKS
        }
        assert covered & unexplained, f"{entry['context']!r} explains no mark"
        unexplained -= covered
    assert not unexplained, [body[max(0, i - 15) : i + 15] for i in sorted(unexplained)]


@pytest.mark.parametrize(("source", "article"), ARTICLES, ids=ARTICLE_IDS)
def test_passages_without_marks_are_outside_quotes(source: str, article: dict[str, Any]) -> None:
    body = body_of(article)
    spans = [(s, e) for _, s, e in located(article)]
    for key in ("not_quotes", "paraphrases"):
        for entry in article.get(key, []):
            starts = occurrences(body, entry["text"])
            assert len(starts) == 1, entry["text"][:40]
            start, end = starts[0], starts[0] + len(entry["text"])
            assert all(end <= s or e <= start for s, e in spans), entry["text"][:40]
            if key == "not_quotes":
                assert body[start - 1] not in QUOTE_MARKS
                assert body[end] not in QUOTE_MARKS
                assert entry["n_words"] == count_words(entry["text"])


def test_each_verb_has_one_class_across_all_fixtures() -> None:
    classes: dict[str, set[str]] = {}
    for _, article in ARTICLES:
        for quote in article["quotes"]:
            if quote["verb"]:
                classes.setdefault(quote["verb"], set()).add(quote["verb_class"])
    mixed = {verb: sorted(found) for verb, found in classes.items() if len(found) > 1}
    assert not mixed
