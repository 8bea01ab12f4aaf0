"""Atomic writes (analysis.core.files): content, clean-up after a failure, the user's umask."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from analysis.core.files import atomic_file, move_into_place, write_atomically, write_temporary

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture(params=[0o022, 0o027, 0o002], ids=["umask-022", "umask-027", "umask-002"])
def umask(request):
    """Run the test under a umask; a new file is expected to have mode 0666 less it."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_write_atomically_writes_text_as_utf8_with_line_endings_unchanged(tmp_path):
    target = tmp_path / "out.csv"
    write_atomically(target, "a,é\r\nb\n")
    assert target.read_bytes() == "a,é\r\nb\n".encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_write_atomically_replaces_bytes(tmp_path):
    target = tmp_path / "part.parquet"
    target.write_bytes(b"old")
    write_atomically(target, b"\x00new")
    assert target.read_bytes() == b"\x00new"
    assert [p.name for p in tmp_path.iterdir()] == ["part.parquet"]


def test_write_atomically_refuses_to_overwrite_when_asked(tmp_path):
    target = tmp_path / "a.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomically(target, "theirs", overwrite=False)
    assert target.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
    write_atomically(tmp_path / "b.md", "new", overwrite=False)
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_no_temporary_is_left_when_the_data_cannot_be_written(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("before", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "bad \udc80 surrogate")
    assert target.read_text(encoding="utf-8") == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    with pytest.raises(TypeError):
        write_temporary(tmp_path, "x", 42)  # type: ignore[arg-type]
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_no_temporary_is_left_when_the_rename_fails(tmp_path, monkeypatch):
    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomically(tmp_path / "out.txt", "text")
    assert list(tmp_path.iterdir()) == []


def test_atomic_file_renames_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "errors.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="half way"):
        with atomic_file(target) as fh:
            fh.write("new,")
            raise RuntimeError("half way")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["errors.csv"]
    with atomic_file(target) as fh:
        fh.write("a\r\n")
        fh.write("b\n")
    assert target.read_bytes() == b"a\r\nb\n"
    with atomic_file(target, binary=True) as fh:
        fh.write(b"\x01")
    assert target.read_bytes() == b"\x01"
    assert [p.name for p in tmp_path.iterdir()] == ["errors.csv"]


def test_write_temporary_is_hidden_and_named_after_the_target(tmp_path):
    tmp = write_temporary(tmp_path, "part-000001.parquet", b"x")
    assert tmp.parent == tmp_path
    assert tmp.name.startswith(".part-000001.parquet.") and tmp.name.endswith(".tmp")
    assert tmp.read_bytes() == b"x"
    move_into_place(tmp, tmp_path / "part-000001.parquet")
    assert not tmp.exists() and (tmp_path / "part-000001.parquet").read_bytes() == b"x"


def test_move_into_place_without_overwrite_keeps_the_temporary_when_the_name_is_taken(tmp_path):
    (tmp_path / "a.md").write_text("mine", encoding="utf-8")
    tmp = write_temporary(tmp_path, "a.md", "theirs")
    with pytest.raises(FileExistsError):
        move_into_place(tmp, tmp_path / "a.md", overwrite=False)
    assert tmp.read_text(encoding="utf-8") == "theirs"
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "mine"


@posix_only
def test_the_mode_follows_the_umask(tmp_path, umask):
    expected = 0o666 & ~umask
    write_atomically(tmp_path / "a.txt", "x")
    write_atomically(tmp_path / "b.md", "x", overwrite=False)
    with atomic_file(tmp_path / "c.csv") as fh:
        fh.write("x")
    for name in ("a.txt", "b.md", "c.csv"):
        assert _mode(tmp_path / name) == expected, name
