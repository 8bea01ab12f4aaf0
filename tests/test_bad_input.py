"""The bad-input catalogue (issue 7, point 1): every case and its expected behaviour.

Each case is a small story folder written into a temporary directory. A case is
either read correctly (byte-order marks, CRLF, UTF-16 with a BOM, control
characters, pasted markup, another language...) or rejected with one line that
names the file, the line or byte where there is one, and how to fix it. On the
command line a rejection is exit status 2 with that line on stderr and no
traceback; with ``--skip-invalid`` the bad file is skipped and listed.

Expected values were worked out by hand from the case texts (word and sentence
counts are given next to each text).
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.framing.codebook import load_codebook
from analysis.io.corpus import MAX_FILE_BYTES, load_story
from analysis.core.errors import InputError
from analysis.metrics import analyse_story, metrics_table
from analysis.speech.quotes import extract_quotes
from analysis.text.readability import READABILITY_COLUMNS
from analysis.text.document import make_document
from local_web import no_proxy, web  # noqa: F401 - fixtures: a server on 127.0.0.1 only

ROOT = Path(__file__).parent.parent
MIXED = ROOT / "tests" / "fixtures" / "bad" / "mixed"

GOOD = b"---\noutlet: Good Outlet\n---\nA plain article that loads. It has two sentences.\n"

# every table command takes --skip-invalid (docs/design.md, "CLI")
TABLE_COMMANDS = ("metrics", "quotes", "speakers", "frames", "annotations", "compare")


def _without_progress(err: str) -> str:
    """stderr less report's progress lines ('rendering 2 of 5: ... s so far', 'rendered ...'): the error is one line."""
    return "".join(line for line in err.splitlines(keepends=True)
                   if not re.match(r"(rendering \d+ of \d+: .* so far|rendered \d+ )", line))


def _story(tmp_path: Path, files: dict[str, bytes]) -> Path:
    root = tmp_path / "story"
    root.mkdir()
    for name, data in files.items():
        (root / name).write_bytes(data)
    return root


def _fm(body: str, **fields: str) -> bytes:
    """An article file: front matter (outlet X unless given), then ``body``, as UTF-8."""
    fields.setdefault("outlet", "X")
    head = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\n{head}---\n{body}".encode("utf-8")


# ---------------------------------------------------------------------------
# Rejected: the message names the file (and the line or byte) and says how to fix it


@dataclass(frozen=True)
class Rejected:
    files: dict[str, bytes]
    bad: str  # the file the message must name
    pattern: str  # what is wrong and how to fix it
    line: int | None = None


REJECTED: dict[str, Rejected] = {
    "empty-file": Rejected({"a.md": b""}, "a.md", r"file is empty; add front matter and the article text"),
    "whitespace-only": Rejected({"a.md": b" \n\t\r\n  \n"}, "a.md", r"only whitespace.*add front matter"),
    "no-front-matter": Rejected(
        {"a.md": b"Council votes tonight.\n"}, "a.md",
        r"no front matter: the file must start with a line '---', then YAML fields", line=1,
    ),
    "front-matter-not-closed": Rejected(
        {"a.md": b"---\noutlet: X\nCouncil votes tonight.\n"}, "a.md",
        r"front matter is not closed: add a line '---'", line=1,
    ),
    # line 3 of the file holds the second field, where PyYAML notices the open bracket
    "front-matter-over-64KiB": Rejected(
        {"a.md": b"---\noutlet: X\n" + b"a long line of text, the closing fence forgotten\n" * 2000 + b"---\nBody.\n"},
        "a.md", r"front matter is not closed within 65,536 characters: add a line '---'", line=1,
    ),
    "malformed-yaml": Rejected(
        {"a.md": b"---\noutlet: [Outlet A\ntitle: x\n---\nBody.\n"}, "a.md", r"malformed YAML front matter", line=3,
    ),
    "yaml-bad-indent": Rejected(
        {"a.md": b"---\noutlet: A\n  title: x\n---\nBody.\n"}, "a.md",
        r"malformed YAML front matter: mapping values are not allowed", line=3,
    ),
    "yaml-field-twice": Rejected(
        {"a.md": b"---\noutlet: A\noutlet: B\n---\nBody.\n"}, "a.md",
        r"field 'outlet' appears twice \(first on line 2\); keep one", line=3,
    ),
    "yaml-alias": Rejected(
        {"a.md": b"---\nx: &big [1, 2, 3]\noutlet: A\ntitle: *big\n---\nBody.\n"}, "a.md",
        r"anchors and aliases .* are not allowed in front matter; write the value out", line=4,
    ),
    "yaml-impossible-date": Rejected(
        {"a.md": b"---\noutlet: A\npublished: 2024-13-45\n---\nBody.\n"}, "a.md",
        r"a value YAML cannot read \(month must be in 1\.\.12\); put the value in quotes",
    ),
    "no-outlet": Rejected(
        {"a.md": b"---\ntitle: T\n---\nBody.\n"}, "a.md",
        r"no 'outlet' field \(required\); add e\.g\. 'outlet: Outlet A'",
    ),
    "outlet-is-a-list": Rejected(
        {"a.md": b"---\noutlet: [A, B]\n---\nBody.\n"}, "a.md", r"'outlet' must be a single name",
    ),
    "empty-body": Rejected(
        {"a.md": b"---\noutlet: A\n---\n \n\n"}, "a.md", r"the article body is empty: put the article text after",
    ),
    # ids are compared case-folded: file stem "a" and a front-matter id "A" collide
    "duplicate-id-casefolded": Rejected(
        {"a.md": GOOD, "b.md": b"---\noutlet: B\narticle_id: A\n---\nAnother article.\n"}, "b.md",
        r"duplicate article id 'A' \(also used by a\.md\); ids are compared ignoring case: rename one file",
    ),
    "duplicate-file-names-in-case": Rejected(
        {"Report.md": GOOD, "report.md": GOOD}, "report.md",
        r"duplicate article id 'report' \(also used by Report\.md\)",
    ),
    # "---\noutlet: X\n---\n" is 18 bytes and "Caf" 3 more: 0xe9 is at offset 21, on line 4
    "latin-1": Rejected(
        {"a.md": b"---\noutlet: X\n---\nCaf\xe9 society.\n"}, "a.md",
        r"not UTF-8: byte 0xe9 at offset 21; convert the file, e\.g\. iconv -f WINDOWS-1252 -t UTF-8", line=4,
    ),
    # the offset counts the file's bytes, the 3-byte byte-order mark included: 3 + 18 + 3
    "latin-1-after-utf8-bom": Rejected(
        {"a.md": b"\xef\xbb\xbf---\noutlet: X\n---\nCaf\xe9.\n"}, "a.md", r"byte 0xe9 at offset 24", line=4,
    ),
    "png-renamed": Rejected(
        {"a.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"}, "a.md",
        r"looks like a binary file \(a PNG image\), not a text article; copy the article's text",
    ),
    "word-document-renamed": Rejected(
        {"a.md": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"}, "a.md", r"a ZIP archive \(a \.docx",
    ),
    "pdf-renamed": Rejected({"a.md": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"}, "a.md", r"a PDF document"),
    # a NUL byte deep in an otherwise fine file (past the first 8 KiB): 18 + 10,000 + 1 bytes before it
    "nul-byte": Rejected(
        {"a.md": b"---\noutlet: X\n---\n" + b"word " * 2000 + b"\n\x00\n"}, "a.md",
        r"looks like a binary file \(NUL byte 0x00 at offset 10019\)", line=5,
    ),
    "utf-16-without-bom": Rejected(
        {"a.md": "---\noutlet: X\n---\nBody text.\n".encode("utf-16-le")}, "a.md",
        r"UTF-16 text without a byte-order mark; save it as UTF-8, e\.g\. iconv -f UTF-16LE",
    ),
    # issue 21, point 6: UTF-32 is named, not reported as "a NUL character at character 0"
    "utf-32-le-bom": Rejected(
        {"a.md": "\ufeff---\noutlet: X\n---\nBody text.\n".encode("utf-32-le")}, "a.md",
        r"the file is UTF-32 encoded; save it as UTF-8, e\.g\. iconv -f UTF-32 -t UTF-8 'a\.md'",
    ),
    "utf-32-be-bom": Rejected(
        {"a.md": "\ufeff---\noutlet: X\n---\nBody text.\n".encode("utf-32-be")}, "a.md",
        r"the file is UTF-32 encoded; save it as UTF-8, e\.g\. iconv -f UTF-32 -t UTF-8",
    ),
    "utf-32-le-without-bom": Rejected(
        {"a.md": "---\noutlet: X\n---\nCafé text.\n".encode("utf-32-le")}, "a.md",
        r"the file is UTF-32 encoded; save it as UTF-8, e\.g\. iconv -f UTF-32LE -t UTF-8",
    ),
    "utf-32-be-without-bom": Rejected(
        {"a.md": "---\noutlet: X\n---\nBody text.\n".encode("utf-32-be")}, "a.md",
        r"the file is UTF-32 encoded; save it as UTF-8, e\.g\. iconv -f UTF-32BE -t UTF-8",
    ),
    "over-size-limit": Rejected(
        {"a.md": b"---\noutlet: X\n---\n" + b"word " * (MAX_FILE_BYTES // 5)}, "a.md",
        r"file is 5,242,898 bytes, over the 5,242,880-byte limit for one article; split it into one file per article",
    ),
}


def _check_message(err: InputError, case: Rejected) -> None:
    message = str(err)
    assert err.path.name == case.bad
    assert re.search(case.pattern, message), message
    if case.line is not None:
        assert err.line == case.line and f"{case.bad}:{case.line}: " in message, message
    assert "\n" not in err.one_line()


@pytest.mark.parametrize("name", list(REJECTED))
def test_rejected_in_strict_mode_with_a_message_naming_the_file(name, tmp_path):
    case = REJECTED[name]
    root = _story(tmp_path, case.files)
    with pytest.raises(InputError) as info:
        load_story(root)
    _check_message(info.value, case)


@pytest.mark.parametrize("name", list(REJECTED))
def test_rejected_file_is_exit_2_one_line_no_traceback(name, tmp_path, capsys):
    case = REJECTED[name]
    root = _story(tmp_path, case.files)
    code = main(["metrics", str(root)])
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if not line.startswith("warning: ")]
    assert code == 2 and out == ""
    assert len(lines) == 1 and lines[0].startswith("error: ") and case.bad in lines[0], err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", list(REJECTED))
def test_rejected_file_is_skipped_and_listed_in_lenient_mode(name, tmp_path, capsys):
    case = REJECTED[name]
    root = _story(tmp_path, {**case.files, "zz-good.md": GOOD})
    story = load_story(root, strict=False)
    assert [e.path.name for e in story.issues] == [case.bad]
    assert len(story.articles) == len(case.files)  # every file but the bad one, plus zz-good
    code = main(["metrics", str(root), "--skip-invalid"])
    out, err = capsys.readouterr()
    assert code == 0
    assert re.search(rf"^skipped .*{re.escape(case.bad)}", err, re.MULTILINE), err
    assert len(pd.read_csv(io.StringIO(out))) == len(case.files)


# ---------------------------------------------------------------------------
# Read correctly


@pytest.mark.parametrize(
    ("data", "body"),
    [
        (b"\xef\xbb\xbf---\noutlet: X\n---\nCaf\xc3\xa9.\n", "Café.\n"),
        ("\ufeff---\noutlet: X\n---\nCafé.\n".encode("utf-16-le"), "Café.\n"),
        ("\ufeff---\noutlet: X\n---\nCafé.\n".encode("utf-16-be"), "Café.\n"),
        (b"---\r\noutlet: X\r\n---\r\nOne.\r\n\r\nTwo.\r\n", "One.\r\n\r\nTwo.\r\n"),
        (b"---\routlet: X\r---\rOne.\r\rTwo.\r", "One.\r\rTwo.\r"),  # old Mac line ends
    ],
    ids=["utf8-bom", "utf16-le-bom", "utf16-be-bom", "windows-crlf", "old-mac-cr"],
)
def test_encodings_and_line_endings_are_read(data, body, tmp_path):
    story = load_story(_story(tmp_path, {"a.md": data}))
    assert story.articles[0].body == body
    assert story.articles[0].outlet == "X"


def test_crlf_offsets_index_the_body_as_read(tmp_path):
    body = 'The council met.\r\n\r\n"We will decide soon," said Mayor Ann Lee.\r\n'
    story = load_story(_story(tmp_path, {"a.md": _fm(body).replace(b"\n", b"\r\n").replace(b"\r\r", b"\r")}))
    article = story.articles[0]
    assert article.body == body
    doc = make_document(article.body)
    assert [doc.text(p) for p in doc.paragraphs] == [
        "The council met.", '"We will decide soon," said Mayor Ann Lee.',
    ]
    assert doc.word_texts == ("The", "council", "met", "We", "will", "decide", "soon", "said", "Mayor", "Ann", "Lee")
    assert all(article.body[s:e] == w for (s, e), w in zip(doc.word_bounds, doc.word_texts))
    (quote,) = extract_quotes(doc)
    assert article.body[quote.start : quote.end] == "We will decide soon,"
    assert (quote.start, quote.speaker) == (21, "Ann Lee")  # 16 chars + CRLF CRLF + the mark


@pytest.mark.parametrize(
    ("body", "words"),
    [
        # invisible joiners inside a word: one word; alone: no word
        ("infor\u00admation", ("infor\u00admation",)),
        ("zero\u200bwidth", ("zero\u200bwidth",)),
        ("a \u200b b", ("a", "b")),
        ("\u200b\u200d\ufeff", ()),
        # combining marks stay with their letter (decomposed "résumé")
        ("re\u0301sume\u0301", ("re\u0301sume\u0301",)),
        # other control characters are kept in the body and separate words
        ("one\x01two\x7fthree", ("one", "two", "three")),
        ("bell\x07 tab\tend", ("bell", "tab", "end")),
        ("", ()),
    ],
    ids=["soft-hyphen", "zero-width-space", "lone-zwsp", "only-invisible", "combining", "controls", "bell-tab",
         "empty"],
)
def test_zero_width_and_control_characters_keep_words_and_offsets(body, words, tmp_path):
    story = load_story(_story(tmp_path, {"a.md": _fm(body + "\n" if body else "x\n")}))
    article = story.articles[0]
    assert article.body.startswith(body)  # kept, nothing removed
    doc = make_document(body)
    assert doc.word_texts == words
    assert all(body[s:e] == w for (s, e), w in zip(doc.word_bounds, doc.word_texts))


def test_html_markup_in_the_body_is_read_as_text_with_a_warning(tmp_path, caplog):
    body = "The vote passed.\n\n<script>alert('x')</script> <img src=x onerror=alert(1)> Residents cheered.\n"
    root = _story(tmp_path, {"a.md": _fm(body)})
    with caplog.at_level(logging.WARNING, logger="analysis"):
        story = load_story(root)
    assert story.articles[0].body == body  # kept verbatim; escaping is the renderer's job
    # line 6: three front-matter lines, the article's first line, a blank line
    assert any("a.md:6: the body holds HTML markup (<script>)" in r.getMessage() for r in caplog.records)
    doc = make_document(body)
    # decision: tags are text, so their names count as words (the warning says so)
    assert doc.word_texts == ("The", "vote", "passed", "script", "alert", "x", "script", "img", "src", "x",
                              "onerror", "alert", "1", "Residents", "cheered")


def test_no_sentence_punctuation_gives_one_sentence_per_paragraph(tmp_path):
    body = "council votes tonight on the library\nmore lines in the same paragraph\n\nsecond paragraph no stop\n"
    story = load_story(_story(tmp_path, {"a.md": _fm(body)}))
    doc = make_document(story.articles[0].body)
    assert [doc.text(s) for s in doc.sentences] == [
        "council votes tonight on the library\nmore lines in the same paragraph", "second paragraph no stop",
    ]
    row = metrics_table(story).iloc[0]
    assert (row["n_sentences"], row["n_words"]) == (2, 16)
    assert row["words_per_sentence"] == pytest.approx(8.0)


GERMAN = (
    "Der Stadtrat hat am Dienstagabend die Schließung der Stadtteilbibliothek beschlossen, trotz der "
    "Proteste der Anwohner. Viele Familien kritisieren eine Entscheidung ohne Beteiligung der Bürger. "
    "Die Bürgermeisterin erklärte, der Haushalt lasse keinen anderen Weg zu.\n"
)
SPANISH = (
    "El ayuntamiento votó el martes por la noche el cierre de la biblioteca del barrio. Es una pérdida "
    "enorme para nuestros hijos, dijo una madre. La alcaldesa explicó que el presupuesto ya no permite "
    "mantener el servicio.\n"
)
ENGLISH = (
    "The council voted on Tuesday night to close the branch library. Many families said the decision "
    "was made without asking the people who use it every day. The mayor said the budget left no other way.\n"
)


@pytest.mark.parametrize(
    ("fields", "body", "reason"),
    [
        ({"language": "fr"}, "Le conseil a voté.\n", r"language 'fr' is not English"),
        ({}, GERMAN, r"only \d+% of its words are in the pronouncing dictionary, below 50%"),
        ({}, SPANISH, r"only \d+% of its words are common English words, below 15%"),
    ],
    ids=["language-field", "mostly-unknown-to-cmu", "romance-language"],
)
def test_another_language_leaves_scores_empty_with_a_warning(fields, body, reason, tmp_path, caplog):
    root = _story(tmp_path, {"other.md": _fm(body, **fields), "english.md": _fm(ENGLISH)})
    story = load_story(root)
    with caplog.at_level(logging.WARNING, logger="analysis"):
        table = metrics_table(story).set_index("article_id")
    other, english = table.loc["other"], table.loc["english"]
    prefixes = ("", "own_voice_", "quoted_")
    english_only = [p + c for p in prefixes for c in READABILITY_COLUMNS]
    english_only += [c for c in table.columns if c.startswith(tuple(p + "tone_" for p in prefixes))]
    english_only += [c for c in table.columns if "hedge" in c or "booster" in c]
    assert all(math.isnan(other[c]) for c in english_only), other[english_only]
    assert other["n_words"] > 0 and not math.isnan(english["flesch_reading_ease"])
    warnings = [r.getMessage() for r in caplog.records if "not scored as English" in r.getMessage()]
    assert len(warnings) == 1 and re.search(r"other \(" + reason, warnings[0]), warnings
    assert "english" not in warnings[0].split(":", 1)[1].replace("English", "")
    # the outlet row pools only the article scored
    by_outlet = metrics_table(story, by="outlet").iloc[0]
    assert by_outlet["flesch_reading_ease"] == pytest.approx(english["flesch_reading_ease"])


def test_english_with_a_region_code_is_scored(tmp_path):
    story = load_story(_story(tmp_path, {"a.md": _fm(ENGLISH, language="en-GB")}))
    assert not math.isnan(metrics_table(story).iloc[0]["flesch_reading_ease"])


@pytest.mark.slow
def test_a_single_million_character_line(tmp_path):
    sentence = "The council met again today and said nothing new. "  # 51 characters, 9 words
    body = sentence * 19_608 + "X" * 8  # 1,000,016 characters, no line break; "XXXXXXXX" is a sentence
    story = load_story(_story(tmp_path, {"a.md": _fm(body)}))
    row = metrics_table(story).iloc[0]
    assert (row["n_paragraphs"], row["n_sentences"], row["n_words"]) == (1, 19_609, 9 * 19_608 + 1)
    assert row["words_per_sentence"] == pytest.approx((9 * 19_608 + 1) / 19_609)


def test_quotation_mark_that_never_closes_stops_at_its_paragraph(tmp_path):
    body = 'The mayor said "we will never close the library and\n\nLater the council voted to close it.\n'
    story = load_story(_story(tmp_path, {"a.md": _fm(body)}))
    (analysis,) = analyse_story(story)
    (quote,) = analysis.quotes
    assert (quote.text, quote.closed) == ("we will never close the library and", False)
    row = metrics_table(story).iloc[0]
    assert (row["n_quoted_words"], row["n_words"]) == (7, 17)  # the second paragraph stays own voice


def test_quotes_nested_in_quotes_stay_inside_the_outer_span(tmp_path):
    body = "\u201cHe told me \u2018never again\u2019 and then he left,\u201d said Ruth Okafor.\n"
    story = load_story(_story(tmp_path, {"a.md": _fm(body)}))
    (analysis,) = analyse_story(story)
    (quote,) = analysis.quotes
    assert quote.text == "He told me \u2018never again\u2019 and then he left,"
    assert (quote.n_words, quote.speaker, quote.verb) == (9, "Ruth Okafor", "said")


def test_an_article_that_is_one_quotation(tmp_path):
    body = '"Everything in this article is one long quotation from the first word to the last."\n'
    story = load_story(_story(tmp_path, {"a.md": _fm(body)}))
    row = metrics_table(story).iloc[0]
    assert (row["n_words"], row["n_quoted_words"], row["n_quotes"]) == (15, 15, 1)
    assert (row["quote_density"], row["own_voice_share"]) == (1.0, 0.0)
    assert math.isnan(row["own_voice_flesch_reading_ease"])  # no own-voice words: undefined, not 0
    assert not math.isnan(row["quoted_flesch_reading_ease"])


def test_a_story_with_one_article(tmp_path, capsys):
    root = _story(tmp_path, {"only.md": _fm(ENGLISH)})
    for command in ("metrics", "quotes", "speakers", "frames", "annotations"):
        assert main([command, str(root)]) == 0, command
    capsys.readouterr()
    # comparing needs two articles: issue 5's message, as bad input
    assert main(["compare", str(root)]) == 2
    err = capsys.readouterr().err
    assert "comparing outlets needs at least two articles" in err and "Traceback" not in err


# ---------------------------------------------------------------------------
# Folders


@pytest.mark.parametrize(
    ("files", "pattern"),
    [
        ({}, r"story: no article files \(\*\.md\) in this folder"),
        ({"README.md": b"# notes\n", "notes.txt": b"x"}, r"no article files \(\*\.md\) in this folder"),
    ],
    ids=["empty-folder", "readme-only"],
)
def test_empty_story_folder_is_exit_2(files, pattern, tmp_path, capsys):
    root = _story(tmp_path, files)
    for command in TABLE_COMMANDS:
        assert main([command, str(root)]) == 2, command
        err = capsys.readouterr().err
        assert re.search(pattern, err) and err.count("\n") == 1 and "Traceback" not in err, err


def test_folder_of_story_folders_suggests_one(tmp_path, capsys):
    (tmp_path / "corpus" / "library").mkdir(parents=True)
    (tmp_path / "corpus" / "library" / "a.md").write_bytes(GOOD)
    assert main(["metrics", str(tmp_path / "corpus")]) == 2
    assert "did you mean one of its story folders: library?" in capsys.readouterr().err


@pytest.mark.parametrize("target", ["missing", "a-file"], ids=["no-such-folder", "a-file-not-a-folder"])
def test_story_path_that_is_not_a_folder(target, tmp_path, capsys):
    (tmp_path / "a-file").write_bytes(GOOD)
    assert main(["metrics", str(tmp_path / target)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"^error: .*(no such folder|is a file, not a story folder)", err) and err.count("\n") == 1


def test_every_file_invalid_in_lenient_mode_is_exit_2(tmp_path, capsys):
    root = _story(tmp_path, {"a.md": b"", "b.md": b"no front matter\n"})
    assert main(["metrics", str(root), "--skip-invalid"]) == 2
    err = capsys.readouterr().err
    assert "skipped" in err and "no valid articles to analyse (every file was skipped)" in err


def test_hidden_files_are_not_articles(tmp_path):
    # macOS writes binary '._name.md' files next to copied files; editors leave '.name.md' backups
    root = _story(tmp_path, {"a.md": GOOD, "._a.md": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X", ".#b.md": b"x"})
    story = load_story(root)
    assert [a.article_id for a in story.articles] == ["a"] and story.issues == ()


# ---------------------------------------------------------------------------
# Codebooks (issue 4's loader)

CODEBOOK = """\
codebook: test
frames:
  - id: conflict
    label: Conflict
    definition: Disagreement between sides.
    cues: [dispute, clash]
    example: The sides clashed.
  - id: {second_id}
    label: Economy
    definition: Costs and money.
    cues: [cost, {cue}]
    example: It will cost a lot.
"""


@pytest.mark.parametrize(
    ("second_id", "cue", "pattern", "line"),
    [
        ("economy", "''", r"frame 'economy': cue 2 is empty or not text", 8),
        ("economy", "'  '", r"frame 'economy': cue 2 is empty or not text", 8),
        ("economy", "'--'", r"frame 'economy': cue 2 \('--'\) has no word to match", 8),
        ("conflict", "money", r"frame 'conflict': duplicate frame id", 8),
    ],
    ids=["empty-cue", "blank-cue", "cue-without-word", "duplicate-frame-id"],
)
def test_codebook_with_a_malformed_entry_names_file_frame_and_line(second_id, cue, pattern, line, tmp_path):
    path = tmp_path / "test.yml"
    path.write_text(CODEBOOK.format(second_id=second_id, cue=cue), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_codebook(path)
    assert info.value.path == path and info.value.line == line
    assert re.search(pattern, str(info.value)), str(info.value)


# ---------------------------------------------------------------------------
# Point 2: strict and lenient modes on every table command


@pytest.mark.parametrize("command", TABLE_COMMANDS)
def test_every_table_command_is_strict_by_default_and_takes_skip_invalid(command, capsys):
    # the mixed fixture: three good files, then latin1.md (the first bad one by name)
    assert main([command, str(MIXED)]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if not line.startswith("warning: ")]
    assert len(errors) == 1 and errors[0].startswith("error: ") and "latin1.md:4: not UTF-8" in errors[0]
    assert "Traceback" not in err
    assert main([command, str(MIXED), "--skip-invalid"]) == 0
    err = capsys.readouterr().err
    skipped = sorted(line.split()[1].rsplit("/", 1)[-1].split(":")[0] for line in err.splitlines()
                     if line.startswith("skipped "))
    assert skipped == ["latin1.md", "no-outlet.md", "picture.md", "zz-duplicate.md"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (["metrics", str(MIXED)], 2, r"\Aerror: \S*latin1\.md:4: not UTF-8: byte 0xe9 at offset 36; [^\n]*\n\Z"),
        (["quotes", str(MIXED), "--skip-invalid", "--format", "json"], 0, r"skipped \S*picture\.md: looks like a binary"),
    ],
    ids=["strict", "lenient"],
)
def test_real_process_exit_status_and_stderr(argv, code, expected):
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", *argv], cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == code, proc.stderr
    stderr = "".join(line + "\n" for line in proc.stderr.splitlines() if not line.startswith("warning: "))
    assert re.search(expected, stderr, re.MULTILINE), proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("out", "pattern"),
    [
        (".", r"is a folder; give a file name for --out"),
        ("missing/m.csv", r"output folder does not exist; create it first"),
        ("story/a.md", r"--out would write a \.md file into the story folder"),
    ],
    ids=["folder", "missing-folder", "into-the-corpus"],
)
def test_bad_out_path_is_exit_2_and_the_corpus_is_untouched(out, pattern, tmp_path, capsys, monkeypatch):
    root = _story(tmp_path, {"a.md": GOOD})
    monkeypatch.chdir(tmp_path)
    assert main(["metrics", str(root), "--out", out]) == 2
    err = capsys.readouterr().err
    assert re.search(pattern, err) and "Traceback" not in err, err
    assert (root / "a.md").read_bytes() == GOOD


@pytest.mark.parametrize("command", [*TABLE_COMMANDS, "report"])
def test_every_story_command_accepts_skip_invalid(command):
    from analysis.cli import build_parser

    args = build_parser().parse_args([command, str(MIXED), "--skip-invalid"])
    assert args.skip_invalid is True


def test_report_with_no_valid_article_is_exit_2_before_rendering(tmp_path, capsys):
    root = _story(tmp_path, {"a.md": b"\x89PNG\r\n\x1a\n\x00\x00"})
    assert main(["report", str(root), "--out", str(tmp_path / "reports")]) == 2
    err = capsys.readouterr().err
    assert "skipped" in err and "no valid articles to report on" in err and "Traceback" not in err
    assert not (tmp_path / "reports").exists()


# ---------------------------------------------------------------------------
# Issue 21, point 5: entries named like articles that are not article files are
# listed with their reason, never passed over in silence, and never opened


def _fifo(root: Path, name: str) -> None:
    os.mkfifo(root / name)


def _link(target: str) -> Callable[[Path, str], None]:
    def make(root: Path, name: str) -> None:
        (root / name).symlink_to(target)
    return make


def _folder(root: Path, name: str) -> None:
    (root / name).mkdir()
    (root / name / "inner.md").write_bytes(GOOD)


def _outside_file(root: Path, name: str) -> None:
    outside = root.parent / "elsewhere.md"
    outside.write_bytes(GOOD)
    (root / name).symlink_to(outside)


def _link_to_device(root: Path, name: str) -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null on this system")
    (root / name).symlink_to("/dev/null")


SPECIAL_ENTRIES: dict[str, tuple[Callable[[Path, str], None], str]] = {
    "fifo": (_fifo, r"is a named pipe \(FIFO\), not an article file, so it is not read"),
    "symlink-loop": (_link("x.md"), r"is a symbolic link loop"),
    "dangling-symlink": (_link("gone.md"), r"is a dangling symbolic link \(the file it points to does not exist\)"),
    "symlink-to-device": (_link_to_device, r"is a symbolic link to a device \(character special file\), not an article"),
    "folder-named-md": (_folder, r"is a folder, not an article file, so it is not read; rename it without '\.md'"),
    "symlink-outside-the-story": (
        _outside_file, r"is a symbolic link to a file outside the story folder, which is not read; copy the file"),
}


@pytest.fixture()
def opened(monkeypatch) -> list[str]:
    """Names of every file the code under test opens (os.open and open())."""
    import builtins

    names: list[str] = []
    real_os_open, real_open = os.open, builtins.open

    def spy_os_open(path, *args, **kwargs):
        names.append(Path(path).name)
        return real_os_open(path, *args, **kwargs)

    def spy_open(file, *args, **kwargs):
        if isinstance(file, (str, Path)):
            names.append(Path(file).name)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy_os_open)
    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)  # pathlib opens through io.open
    return names


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and symbolic links as on POSIX")
@pytest.mark.parametrize("case", list(SPECIAL_ENTRIES))
def test_special_entry_is_skipped_and_listed_without_being_opened(case, tmp_path, opened):
    make, pattern = SPECIAL_ENTRIES[case]
    root = _story(tmp_path, {"a.md": GOOD})
    make(root, "x.md")
    opened.clear()
    story = load_story(root, strict=False)
    assert [a.article_id for a in story.articles] == ["a"]
    assert [e.path.name for e in story.issues] == ["x.md"]
    message = story.issues[0].one_line()
    assert re.match(rf"x\.md: {pattern}", message), message
    assert str(tmp_path) not in message  # named relative to the story folder (point 6)
    assert "a.md" in opened  # the spy sees the files that are read
    assert "x.md" not in opened and "elsewhere.md" not in opened and "null" not in opened


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and symbolic links as on POSIX")
@pytest.mark.parametrize("case", list(SPECIAL_ENTRIES))
def test_special_entry_on_the_command_line(case, tmp_path, capsys):
    make, pattern = SPECIAL_ENTRIES[case]
    root = _story(tmp_path, {"a.md": GOOD})
    make(root, "x.md")
    assert main(["metrics", str(root)]) == 2  # strict: the entry stops the run, one line
    err = capsys.readouterr().err
    assert re.fullmatch(rf"error: \S*x\.md: {pattern}[^\n]*\n", err), err
    assert main(["metrics", str(root), "--skip-invalid"]) == 0
    out, err = capsys.readouterr()
    assert re.search(rf"^skipped x\.md: {pattern}", err, re.MULTILINE), err
    assert len(pd.read_csv(io.StringIO(out))) == 1


@pytest.mark.slow  # starts a real process that reads a story folder holding a named pipe (seconds)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes as on POSIX")
def test_a_fifo_never_blocks_a_real_process(tmp_path):
    # a loader that opened the pipe would wait for a writer forever: the timeout is only a guard
    root = _story(tmp_path, {"a.md": GOOD})
    os.mkfifo(root / "pipe.md")
    proc = subprocess.run([sys.executable, "-m", "analysis", "metrics", str(root), "--skip-invalid"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "skipped pipe.md: is a named pipe (FIFO)" in proc.stderr


def test_symlink_to_a_file_inside_the_story_is_read(tmp_path):
    root = _story(tmp_path, {"a.md": GOOD})
    (root / "sub").mkdir()
    (root / "sub" / "b.txt").write_bytes(b"---\noutlet: B\n---\nLinked text.\n")
    (root / "b.md").symlink_to(Path("sub") / "b.txt")
    story = load_story(root)
    assert [(a.article_id, a.outlet) for a in story.articles] == [("a", "Good Outlet"), ("b", "B")]


def test_skipped_files_are_named_relative_to_the_story_folder(tmp_path, caplog):
    # issue 21, point 6: a report handed out as a file carries no local absolute path
    root = _story(tmp_path, {"a.md": GOOD, "bad.md": b"no front matter\n",
                             "tag.md": _fm("Text with <script>x</script> in it.\n")})
    with caplog.at_level(logging.WARNING, logger="analysis"):
        story = load_story(root, strict=False)
    assert [str(e).split(":")[0] for e in story.issues] == ["bad.md"]
    assert all(str(tmp_path) not in e.one_line() for e in story.issues)
    warnings = [r.getMessage() for r in caplog.records if "HTML markup" in r.getMessage()]
    assert warnings and warnings[0].startswith("tag.md:4: ") and str(tmp_path) not in warnings[0]


# ---------------------------------------------------------------------------
# Issue 21, point 6: files written use the user's umask; no Windows device names

NEWS_PAGE = ROOT / "tests" / "fixtures" / "web" / "news-page.html"


@pytest.fixture(params=[0o027, 0o002], ids=["umask-027", "umask-002"])
def umask(request):
    """Run the test under a umask; the mode expected of a new file is 0666 less it."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_new_story_add_and_out_files_follow_the_umask(umask, tmp_path, capsys):
    expected = 0o666 & ~umask  # 0640 or 0664, never mkstemp's 0600
    text = tmp_path / "daily.txt"
    text.write_text("A pasted article. It has two sentences.\n", encoding="utf-8")
    story = tmp_path / "story"
    assert main(["new-story", str(story), str(text)]) == 0
    assert main(["add", str(story), str(NEWS_PAGE), "--outlet", "Courier"]) == 0
    out = tmp_path / "metrics.csv"
    assert main(["metrics", str(story), "--out", str(out)]) == 0
    capsys.readouterr()
    written = sorted(story.glob("*.md")) + [out]
    assert len(written) == 3
    assert {p.name: oct(_mode(p)) for p in written} == {p.name: oct(expected) for p in written}


def test_report_files_and_folder_follow_the_umask(umask, tmp_path):
    from analysis.present import report

    out = tmp_path / "reports"
    report.publish_report(out, {"a.html": "<p>a</p>", "index.html": "<p>index</p>"})
    assert oct(_mode(out / "a.html")) == oct(0o666 & ~umask)
    assert oct(_mode(out)) == oct(0o777 & ~umask)


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("CON.txt", "con-article.md"), ("prn.txt", "prn-article.md"), ("Aux.txt", "aux-article.md"),
        ("nul.txt", "nul-article.md"), ("COM1.txt", "com1-article.md"), ("lpt9.txt", "lpt9-article.md"),
        ("com\u00b2.txt", "com\u00b2-article.md"),
        # not device names: left as they are
        ("console.txt", "console.md"), ("com0.txt", "com0.md"), ("lpt10.txt", "lpt10.md"), ("con-2.txt", "con-2.md"),
    ],
)
def test_new_story_never_names_a_file_after_a_windows_device(name, article, tmp_path, capsys):
    text = tmp_path / name
    text.write_text("A pasted article.\n", encoding="utf-8")
    assert main(["new-story", str(tmp_path / "story"), str(text), "--outlet", "X"]) == 0
    assert [p.name for p in (tmp_path / "story").iterdir()] == [article]


def test_add_never_names_a_file_after_a_windows_device(tmp_path, capsys):
    page = tmp_path / "AUX.html"
    page.write_bytes(NEWS_PAGE.read_bytes())
    # the saved page's file name gives the id (see analysis.io.ingest)
    assert main(["add", str(tmp_path / "story"), str(page), "--outlet", "Courier"]) == 0
    assert [p.name for p in (tmp_path / "story").iterdir()] == ["aux-article.md"]


# ---------------------------------------------------------------------------
# Issue 21, point 4: a full disk during `report` or `batch`


def _canned_render(monkeypatch) -> None:
    from analysis.present import report

    monkeypatch.setattr(
        report, "render_notebook",
        lambda source, corpus_dir: report.RenderedNotebook(Path(source), "T", "<p>new</p>", "<p>new, code</p>"),
    )


def _files_below(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_full_disk_during_report_is_exit_2_one_line_and_the_old_report_whole(tmp_path, capsys, monkeypatch):
    from analysis.present import report

    root = _story(tmp_path, {"a.md": GOOD})
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("<p>old index</p>", encoding="utf-8")
    (out / "00-start-here.html").write_text("<p>old</p>", encoding="utf-8")
    before = _files_below(out)
    _canned_render(monkeypatch)
    writes: list[Path] = []

    def write_then_fail(path: Path, text: str) -> None:
        writes.append(path)
        if len(writes) == 4:
            raise OSError(28, "No space left on device")
        path.write_text(text, encoding="utf-8")

    monkeypatch.setattr(report, "_write_file", write_then_fail)
    assert main(["report", str(root), "--out", str(out)]) == 2
    err = _without_progress(capsys.readouterr().err)
    assert re.fullmatch(
        r"error: cannot write the report to \S+reports: No space left on device; free some disk space and run "
        r"again; the previous report there is unchanged\n", err), err
    assert _files_below(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "story"]  # no half-built folder left


def test_report_swap_keeps_what_is_not_part_of_the_report(tmp_path, capsys, monkeypatch):
    # `report --out reports/mystory` and then `report` (into reports/): the story's folder survives
    root = _story(tmp_path, {"a.md": GOOD})
    out = tmp_path / "reports"
    (out / "mystory").mkdir(parents=True)
    (out / "mystory" / "index.html").write_text("<p>my story</p>", encoding="utf-8")
    (out / "index.html").write_text("<p>old index</p>", encoding="utf-8")
    _canned_render(monkeypatch)
    assert main(["report", str(root), "--out", str(out)]) == 0
    capsys.readouterr()
    assert (out / "mystory" / "index.html").read_text(encoding="utf-8") == "<p>my story</p>"
    assert "old index" not in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "story"]


def test_report_into_a_file_is_exit_2(tmp_path, capsys, monkeypatch):
    root = _story(tmp_path, {"a.md": GOOD})
    out = tmp_path / "reports"
    out.write_text("not a folder", encoding="utf-8")
    _canned_render(monkeypatch)
    assert main(["report", str(root), "--out", str(out)]) == 2
    err = _without_progress(capsys.readouterr().err)
    assert "it is a file, not a folder" in err and err.count("\n") == 1 and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "not a folder"


def test_full_disk_during_batch_is_exit_2_one_line_and_resume_completes_it(tmp_path, capsys, monkeypatch):
    import analysis.io.batch_io as bio

    root = _story(tmp_path, {f"{c}.md": _fm(f"Article {c} says little. It ends here.\n", outlet=c.upper())
                             for c in "abcde"})
    clean, out = tmp_path / "clean", tmp_path / "out"
    argv = ["batch", str(root), "--chunk-size", "1", "--no-progress"]
    assert main([*argv, "--out", str(clean)]) == 0
    real_write = bio.write_temporary
    writes: list[Path] = []

    def write_then_fail(folder: Path, name: str, data: bytes) -> Path:
        writes.append(Path(folder) / name)
        if len(writes) == 10:  # part 2's second file: parts 0 and 1 are complete
            raise OSError(28, "No space left on device")
        return real_write(folder, name, data)

    monkeypatch.setattr(bio, "write_temporary", write_then_fail)
    capsys.readouterr()
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"error: \S+out: cannot write part 2: No space left on device; the parts already "
                        r"written are kept: free some space \(or fix the folder's permissions\), then run the "
                        r"same command with --resume\n", err), err
    assert bio.completed_parts(out) == {0, 1}
    assert not [p for p in out.rglob(".*")]  # no temporary file left
    monkeypatch.setattr(bio, "write_temporary", real_write)
    assert main([*argv, "--out", str(out), "--resume"]) == 0
    for dataset in ("metrics", "frames", "articles", "errors"):
        pd.testing.assert_frame_equal(bio.read_dataset(out, dataset), bio.read_dataset(clean, dataset))


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes as on POSIX")
def test_rendered_data_issues_name_skipped_files_relative_to_the_story(tmp_path):
    # issue 21, points 5 and 6, end to end: the reader's report lists each skipped entry, by relative path
    import html as html_module
    import shutil

    from analysis.core import paths
    from analysis.present import report

    root = tmp_path / "story"
    shutil.copytree(paths.DEFAULT_STORY, root, ignore=shutil.ignore_patterns("README.md"))
    shutil.copy(MIXED / "latin1.md", root / "latin1.md")
    os.mkfifo(root / "pipe.md")
    notebook = paths.NOTEBOOKS_DIR / "00-start-here.ipynb"
    report.render_reports(root, tmp_path / "reports", [notebook])
    page = html_module.unescape((tmp_path / "reports" / "00-start-here.html").read_text(encoding="utf-8"))
    assert "skipped: latin1.md:4: not UTF-8: byte 0xe9 at offset 36" in page
    assert "skipped: pipe.md: is a named pipe (FIFO), not an article file" in page
    assert str(tmp_path) not in page


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and symbolic links as on POSIX")
@pytest.mark.parametrize("case", ["fifo", "symlink-outside-the-story", "dangling-symlink"])
def test_story_yml_that_is_not_a_file_is_reported(case, tmp_path, capsys):
    make, pattern = SPECIAL_ENTRIES[case]
    root = _story(tmp_path, {"a.md": GOOD})
    make(root, "story.yml")
    story = load_story(root, strict=False)
    assert [a.article_id for a in story.articles] == ["a"] and story.meta == {}
    assert [e.one_line() for e in story.issues][0].startswith("story.yml: ")
    assert re.search(pattern, story.issues[0].one_line())
    with pytest.raises(InputError, match=pattern):
        load_story(root)
    assert main(["batch", str(root), "--out", str(tmp_path / "out"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(rf"error: \S*story\.yml: {pattern}[^\n]*\n", err), err


@pytest.mark.parametrize("failing_write", [1, 2], ids=["first-article", "second-article"])
def test_full_disk_during_new_story_writes_nothing(failing_write, tmp_path, capsys, monkeypatch):
    import analysis.io.new_story as new_story

    texts = []
    for name in ("one.txt", "two.txt"):
        texts.append(tmp_path / name)
        texts[-1].write_text("A pasted article.\n", encoding="utf-8")
    story = tmp_path / "story"
    story.mkdir()
    (story / "kept.md").write_bytes(GOOD)
    real_write = new_story.write_temporary
    writes: list[str] = []

    def write_then_fail(folder: Path, name: str, text: str) -> Path:
        writes.append(name)
        if len(writes) == failing_write:
            raise OSError(28, "No space left on device")
        return real_write(folder, name, text)

    monkeypatch.setattr(new_story, "write_temporary", write_then_fail)
    assert main(["new-story", str(story), *map(str, texts), "--outlet", "A", "--outlet", "B"]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"error: \S*story: cannot write the articles: No space left on device; nothing was "
                        r"written\n", err), err
    assert sorted(p.name for p in story.iterdir()) == ["kept.md"]
    assert not (tmp_path / "new").exists()
    writes.clear()
    assert main(["new-story", str(tmp_path / "new"), *map(str, texts), "--outlet", "A", "--outlet", "B"]) == 2
    capsys.readouterr()
    assert not (tmp_path / "new").exists()  # a folder made for nothing is removed again


def test_report_into_a_folder_of_other_things_replaces_only_its_own_pages(tmp_path, capsys, monkeypatch):
    # `report --out .` must never rename the working folder: only the report's pages are replaced there
    from analysis.present import report

    root = _story(tmp_path, {"a.md": GOOD})
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "index.html").write_text("<p>old index</p>", encoding="utf-8")
    inode = out.stat().st_ino
    assert not report.holds_only_reports(out)
    _canned_render(monkeypatch)
    assert main(["report", str(root), "--out", str(out)]) == 0
    capsys.readouterr()
    assert out.stat().st_ino == inode  # the same folder, not a swapped-in one
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert "old index" not in (out / "index.html").read_text(encoding="utf-8")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_report_folder_is_swapped_whole(tmp_path, capsys, monkeypatch):
    from analysis.present import report

    root = _story(tmp_path, {"a.md": GOOD})
    out = tmp_path / "reports"
    (out / "mystory").mkdir(parents=True)
    (out / "mystory" / "index.html").write_text("<p>my story</p>", encoding="utf-8")
    (out / "index.html").write_text("<p>old index</p>", encoding="utf-8")
    inode = out.stat().st_ino
    assert report.holds_only_reports(out)
    _canned_render(monkeypatch)
    assert main(["report", str(root), "--out", str(out)]) == 0
    capsys.readouterr()
    assert out.stat().st_ino != inode  # a new folder took the old one's place


def test_full_disk_in_a_folder_of_other_things_leaves_it_whole(tmp_path, capsys, monkeypatch):
    from analysis.present import report

    root = _story(tmp_path, {"a.md": GOOD})
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "index.html").write_text("<p>old index</p>", encoding="utf-8")
    before = _files_below(out)
    _canned_render(monkeypatch)
    real_write = report.write_temporary
    created: list[str] = []

    def create_then_fail(folder, name, data):
        created.append(name)
        if len(created) == 3:
            raise OSError(28, "No space left on device")
        return real_write(folder, name, data)

    monkeypatch.setattr(report, "write_temporary", create_then_fail)
    assert main(["report", str(root), "--out", str(out)]) == 2
    err = _without_progress(capsys.readouterr().err)
    assert "No space left on device" in err and err.count("\n") == 1
    assert _files_below(out) == before  # the two temporary pages written are removed


# ---------------------------------------------------------------------------
# add: a compressed page that is damaged is refused, never kept as garbled text (issue 21, point 2)


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "brotli"])
@pytest.mark.parametrize("damage", ["cut-short", "cut-then-junk", "then-junk"])
def test_add_refuses_a_damaged_compressed_page(web, no_proxy, tmp_path, capsys, encoding, damage):
    url = web.url(f"/{encoding}-{damage}.html")
    assert main(["add", str(tmp_path / "s"), url]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert re.fullmatch(rf"error: {re.escape(url)}: the server sent a damaged compressed page \([^\n]+\); "
                        r"nothing was kept\n", err), err
    assert not (tmp_path / "s").exists()  # no article, no story folder
