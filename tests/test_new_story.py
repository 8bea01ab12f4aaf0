"""Tests for analysis.io.new_story: pasted texts become a loadable story folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.io.corpus import load_story
from analysis.core.errors import InputError
from analysis.io.new_story import article_id_for, create_story


def _text(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_files_load_at_once_with_outlet_from_file_name(tmp_path):
    a = _text(tmp_path, "Daily Planet.txt", "Line one.\r\n\r\nLine two ends with spaces.  \n")
    b = _text(tmp_path, "ledger.txt", b"\xff\xfe" + "Caf\u00e9 news.\n".encode("utf-16-le"))
    written = create_story(tmp_path / "story", [a, b])
    assert [p.name for p in written] == ["daily-planet.md", "ledger.md"]
    story = load_story(tmp_path / "story")
    by_id = {x.article_id: x for x in story.articles}
    assert by_id["daily-planet"].outlet == "Daily Planet"
    assert by_id["daily-planet"].body == "Line one.\r\n\r\nLine two ends with spaces.  \n"
    assert by_id["ledger"].body == "Caf\u00e9 news.\n"
    assert "file name" in by_id["ledger"].meta["notes"]
    assert by_id["ledger"].meta["source_file"] == "ledger.txt"
    for field in ("title", "author", "published", "url"):
        assert field in by_id["ledger"].meta and by_id["ledger"].meta[field] is None


def test_outlet_names_given_one_per_file(tmp_path):
    a = _text(tmp_path, "a.txt", "Text A.")
    b = _text(tmp_path, "b.txt", "Text B.")
    create_story(tmp_path / "s", [a, b], outlets=["The Herald: Weekend", "O'Brien's Post"])
    outlets = [x.outlet for x in load_story(tmp_path / "s").articles]
    assert outlets == ["The Herald: Weekend", "O'Brien's Post"]


def test_never_overwrites(tmp_path):
    a = _text(tmp_path, "a.txt", "First.")
    create_story(tmp_path / "s", [a])
    before = (tmp_path / "s" / "a.md").read_bytes()
    with pytest.raises(InputError, match=r"a\.md: already exists; nothing was overwritten"):
        create_story(tmp_path / "s", [a])
    assert (tmp_path / "s" / "a.md").read_bytes() == before


@pytest.mark.parametrize(
    ("setup", "pattern"),
    [
        (lambda p: [p / "missing.txt"], "no such file"),
        (lambda p: [_text(p, "e.txt", "  \n")], "file is empty"),
        (lambda p: [_text(p, "l.txt", b"Caf\xe9")], "not UTF-8: byte 0xe9"),
        (lambda p: [_text(p, "x.txt", "A."), _text(p, "X.txt", "B.")], "two files give the article id 'x'"),
    ],
    ids=["missing", "empty", "latin-1", "same-id"],
)
def test_bad_sources_write_nothing(tmp_path, setup, pattern):
    sources = setup(tmp_path)
    with pytest.raises(InputError, match=pattern):
        create_story(tmp_path / "s", sources)
    assert not (tmp_path / "s").exists()


def test_outlet_count_must_match(tmp_path):
    a = _text(tmp_path, "a.txt", "A.")
    with pytest.raises(InputError, match="2 --outlet names for 1 files"):
        create_story(tmp_path / "s", [a], outlets=["X", "Y"])


@pytest.mark.parametrize(
    ("name", "expected"), [("My Article.txt", "my-article"), ("__.txt", "article"), ("Ünïcode news.txt", "ünïcode-news")]
)
def test_article_ids(name, expected):
    assert article_id_for(Path(name)) == expected


def test_new_story_command(tmp_path, capsys):
    from analysis.cli import main

    a = _text(tmp_path, "first.txt", "One article.")
    b = _text(tmp_path, "second.txt", "Another article.")
    assert main(["new-story", str(tmp_path / "s"), str(a), str(b), "--outlet", "A", "--outlet", "B"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2
    assert main(["metrics", str(tmp_path / "s")]) == 0
    assert main(["new-story", str(tmp_path / "s"), str(a)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_report_command_with_no_valid_article_exits_2(tmp_path, capsys):
    from analysis.cli import main

    (tmp_path / "bad.md").write_text("no front matter", encoding="utf-8")
    assert main(["report", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "skipped" in err and "no valid articles" in err
    assert not (tmp_path / "out").exists()
