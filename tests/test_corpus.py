"""Tests for analysis.io.corpus: loading, decoding, validation, and the seed corpus."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from analysis.io.corpus import (
    MAX_FILE_BYTES,
    articles_frame,
    load_story,
    parse_article,
)
from analysis.core.errors import InputError

ROOT = Path(__file__).parent.parent
STORY = ROOT / "corpus" / "askmoreofhim"
GOOD = "---\noutlet: Test Outlet\n---\nThe body. It has two sentences.\n"


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _recorded_hashes() -> dict[str, str]:
    readme = (ROOT / "corpus" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"\| `askmoreofhim/(outlet-[abc]\.md)` \|.*?\| `([0-9a-f]{64})` \|", readme)
    return dict(rows)


def test_seed_bodies_match_hashes_recorded_in_corpus_readme():
    recorded = _recorded_hashes()
    assert sorted(recorded) == ["outlet-a.md", "outlet-b.md", "outlet-c.md"]
    story = load_story(STORY)
    for article in story.articles:
        digest = hashlib.sha256(article.body.encode("utf-8")).hexdigest()
        assert digest == recorded[article.path.name], article.path.name


def test_seed_metadata_labels_and_no_invented_fields():
    df = articles_frame(load_story(STORY))
    assert list(df["article_id"]) == ["outlet-a", "outlet-b", "outlet-c"]
    assert list(df["outlet"]) == ["Outlet A", "Outlet B", "Outlet C"]
    assert list(df["source_file"]) == [
        "000_9149cd397e3a72c7.txt", "001_a7f7fd2895fb71a5.txt", "004_ae51c199a69b128f.txt",
    ]
    for column in ("title", "author", "published", "url"):
        assert df[column].isna().all(), column
    notes = dict(zip(df["article_id"], df["notes"]))
    assert "@dznussbaum" in notes["outlet-b"]
    assert "commas" in notes["outlet-c"]


def test_seed_bodies_keep_their_exact_endings():
    bodies = {a.article_id: a.body for a in load_story(STORY).articles}
    assert bodies["outlet-a"].endswith('more like you."')
    assert bodies["outlet-b"].endswith("@dznussbaum")
    assert bodies["outlet-c"].endswith("platforms. \n \n \n")
    assert "\u00a0" in bodies["outlet-b"]


def test_gitattributes_protects_the_corpus():
    attrs = (ROOT / ".gitattributes").read_text(encoding="utf-8").split("\n")
    assert "corpus/** -text" in attrs


def test_loader_never_writes(tmp_path):
    _write(tmp_path, "a.md", GOOD)
    _write(tmp_path, "bad.md", b"\xff\xfe\x00")  # broken UTF-16
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    load_story(tmp_path, strict=False)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert before == after


def test_body_is_everything_after_closing_fence_unchanged():
    art = parse_article(b"---\noutlet: X\n---\n  Line one.\r\n\r\nLine two. \n\n", Path("x.md"))
    assert art.body == "  Line one.\r\n\r\nLine two. \n\n"
    assert art.article_id == "x" and art.outlet == "X"
    assert art.language == "en" and art.role == "article"


@pytest.mark.parametrize(
    ("data", "expected_body"),
    [
        (b"\xef\xbb\xbf" + GOOD.encode(), "The body. It has two sentences.\n"),
        (GOOD.replace("\n", "\r\n").encode(), "The body. It has two sentences.\r\n"),
        (b"\xff\xfe" + GOOD.encode("utf-16-le"), "The body. It has two sentences.\n"),
        (b"\xfe\xff" + GOOD.encode("utf-16-be"), "The body. It has two sentences.\n"),
    ],
    ids=["utf8-bom", "crlf", "utf16-le-bom", "utf16-be-bom"],
)
def test_accepted_encodings(data, expected_body):
    assert parse_article(data, Path("a.md")).body == expected_body


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"", r"a\.md: file is empty"),
        (b"   \n\n ", r"a\.md: file is empty"),
        (b"Just text, no front matter.\n", r"a\.md:1: no front matter"),
        (b"---\noutlet: X\nNo closing fence\n", r"a\.md:1: front matter is not closed"),
        (b"---\noutlet: [unclosed\n---\nBody.\n", r"a\.md:\d+: malformed YAML front matter"),
        (b"---\n- a list\n---\nBody.\n", r"a\.md:2: front matter must be YAML"),
        (b"---\ntitle: T\n---\nBody.\n", r"a\.md: front matter has no 'outlet' field"),
        (b"---\noutlet: ''\n---\nBody.\n", r"a\.md: front matter has no 'outlet' field"),
        (b"---\noutlet: X\n---\n \n\n", r"a\.md: the article body is empty"),
        (b"---\noutlet: X\nrole: press\n---\nBody.\n", r"unknown role 'press'; valid roles: article, source"),
        (b"---\noutlet: X\npublished: last week\n---\nBody.\n", r"'published' is not an ISO date"),
        (b"---\noutlet: X\n---\nCaf\xe9 society.\n", r"a\.md:4: not UTF-8: byte 0xe9 at offset 21; .*iconv"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"a\.md: looks like a binary file"),
    ],
    ids=["empty", "whitespace", "no-front-matter", "unclosed", "bad-yaml", "yaml-list",
         "no-outlet", "empty-outlet", "empty-body", "bad-role", "bad-date", "latin-1", "png"],
)
def test_bad_files_raise_one_line_errors_naming_the_file(data, pattern):
    with pytest.raises(InputError) as info:
        parse_article(data, Path("a.md"))
    message = str(info.value)
    assert re.search(pattern, message), message
    assert "\n" not in info.value.one_line()


def test_file_over_size_limit_is_rejected():
    data = b"---\noutlet: X\n---\n" + b"word " * (MAX_FILE_BYTES // 5 + 1)
    with pytest.raises(InputError, match="over the 5,242,880-byte limit"):
        parse_article(data, Path("big.md"))


def test_duplicate_ids_are_compared_case_folded(tmp_path):
    _write(tmp_path, "a.md", GOOD)
    _write(tmp_path, "b.md", "---\noutlet: Y\narticle_id: A\n---\nOther body.\n")
    with pytest.raises(InputError, match=r"b\.md: duplicate article id 'A' \(also used by a\.md\)"):
        load_story(tmp_path)
    lenient = load_story(tmp_path, strict=False)
    assert [a.article_id for a in lenient.articles] == ["a"]
    assert len(lenient.issues) == 1 and "duplicate" in str(lenient.issues[0])


def test_lenient_mode_skips_and_lists_invalid_files(tmp_path):
    _write(tmp_path, "a.md", GOOD)
    _write(tmp_path, "b.md", "no front matter")
    _write(tmp_path, "README.md", "# not an article")
    with pytest.raises(InputError, match=r"b\.md:1: no front matter"):
        load_story(tmp_path)
    story = load_story(tmp_path, strict=False)
    assert [a.article_id for a in story.articles] == ["a"]
    assert [e.path.name for e in story.issues] == ["b.md"]


def test_unknown_fields_are_kept(tmp_path):
    _write(tmp_path, "a.md", "---\noutlet: X\nsection: Culture\npublished: 2018-03-02\n---\nBody.\n")
    (article,) = load_story(tmp_path).articles
    assert article.meta["section"] == "Culture"
    assert article.meta["published"] == "2018-03-02"


@pytest.mark.parametrize(
    ("setup", "pattern"),
    [
        (lambda p: p / "missing", "no such folder"),
        (lambda p: _write(p, "a.md", GOOD), "is a file, not a story folder"),
        (lambda p: p, r"no article files \(\*\.md\)"),
    ],
    ids=["missing", "file", "empty-folder"],
)
def test_bad_folders(tmp_path, setup, pattern):
    with pytest.raises(InputError, match=pattern):
        load_story(setup(tmp_path))


def test_corpus_root_hints_at_story_folders():
    with pytest.raises(InputError, match="did you mean one of its story folders: askmoreofhim"):
        load_story(ROOT / "corpus")


def test_corpus_sha256_changes_with_any_byte(tmp_path):
    _write(tmp_path, "a.md", GOOD)
    first = load_story(tmp_path).corpus_sha256
    assert load_story(tmp_path).corpus_sha256 == first
    _write(tmp_path, "a.md", GOOD.replace("two", "2"))
    assert load_story(tmp_path).corpus_sha256 != first


def test_story_yml_is_read(tmp_path):
    _write(tmp_path, "a.md", GOOD)
    _write(tmp_path, "story.yml", "title: A test story\ncodebook: codebook.yml\n")
    assert load_story(tmp_path).meta == {"title": "A test story", "codebook": "codebook.yml"}
