"""Tests for analysis.io.batch_io: batch input records, tables and Parquet parts."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from analysis.io import batch_io as bio  # noqa: E402
from analysis.scale import synthetic  # noqa: E402
from analysis.io.corpus import Article, _article_files, load_story  # noqa: E402

ROOT = Path(__file__).parent.parent
STORIES = [ROOT / "corpus" / "askmoreofhim", *sorted((ROOT / "tests" / "fixtures" / "stories").iterdir())]
N_ARTICLES = 40


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory) -> Path:
    return synthetic.write_jsonl(tmp_path_factory.mktemp("jsonl") / "articles.jsonl", N_ARTICLES)


# ------------------------------------------------------------------ input


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.CSV", "csv"), ("a.parquet", "parquet"), ("a.pq", "parquet")],
)
def test_detect_format_by_suffix(tmp_path, name, expected):
    (tmp_path / name).write_text("", encoding="utf-8")
    assert bio.detect_format(tmp_path / name) == expected


def test_detect_format_folder_unknown_and_missing(tmp_path):
    assert bio.detect_format(tmp_path) == "story"
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    with pytest.raises(bio.InputError, match="unknown input type"):
        bio.detect_format(tmp_path / "a.txt")
    assert bio.detect_format(tmp_path / "a.txt", "jsonl") == "jsonl"
    with pytest.raises(bio.InputError, match="no such file"):
        bio.detect_format(tmp_path / "missing.jsonl")
    with pytest.raises(ValueError, match="valid formats: story, jsonl, csv, parquet"):
        bio.detect_format(tmp_path / "a.txt", "xml")


@pytest.mark.parametrize("folder", STORIES, ids=[p.name for p in STORIES])
def test_story_listing_and_fingerprint_equal_the_loader(folder):
    assert bio.article_files(folder) == [p.name for p in _article_files(folder)]
    assert bio.story_sha256(folder, bio.article_files(folder)) == load_story(folder, strict=False).corpus_sha256


def test_story_fingerprint_with_hidden_readme_story_yml_and_oversized_files(tmp_path):
    (tmp_path / "b.md").write_text("---\noutlet: X\n---\nText.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("junk", encoding="utf-8")
    (tmp_path / "story.yml").write_text("title: T\n", encoding="utf-8")
    (tmp_path / "a.md").write_bytes(b"---\noutlet: X\n---\n" + b"x" * (bio.MAX_FILE_BYTES + 10))
    assert bio.article_files(tmp_path) == ["a.md", "b.md"]
    assert bio.story_sha256(tmp_path, ["a.md", "b.md"]) == load_story(tmp_path, strict=False).corpus_sha256


def _line(obj) -> tuple[int, int, bytes]:
    raw = obj if isinstance(obj, bytes) else json.dumps(obj).encode("utf-8")
    return (3, 3, raw)


GOOD = {"article_id": "a1", "outlet": "Paper", "text": "One sentence."}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "not valid JSON"),
        (b"{not json", "not valid JSON: Expecting property name"),
        (b"[1, 2]", "must be an object {...}, not list"),
        (b'{"text": "\xff caf\xe9"}', "not UTF-8: byte 0xff at column 11"),
        ({"outlet": "Paper", "text": "Hi."}, "no article id (column 'article_id')"),
        ({**GOOD, "article_id": ""}, "no article id"),
        ({**GOOD, "article_id": "   "}, "no article id"),
        ({**GOOD, "article_id": 1.5}, "must be text or a whole number"),
        ({**GOOD, "article_id": True}, "must be text or a whole number"),
        ({**GOOD, "article_id": ["x"]}, "must be text or a whole number"),
        ({"article_id": "a1", "outlet": "Paper"}, "no article text (column 'text')"),
        ({**GOOD, "text": ""}, "the article text is empty"),
        ({**GOOD, "text": " \n\u00a0 "}, "the article text is empty"),
        ({**GOOD, "text": 42}, "must be a string, not int"),
        ({**GOOD, "text": "a\x00b"}, "NUL character at character 1"),
        ({**GOOD, "outlet": None}, "no outlet (column 'outlet')"),
        ({**GOOD, "outlet": ["A", "B"]}, "'outlet' must be a single name"),
        ({**GOOD, "published": "2024/01/02"}, "'published' is not an ISO date"),
        ({**GOOD, "role": "blog"}, "unknown role 'blog'; valid roles: article, source"),
    ],
)
def test_jsonl_records_that_cannot_be_used_say_why(raw, reason):
    with pytest.raises(bio.RecordError) as info:
        bio.parse_record("jsonl", _line(raw), Path("in.jsonl"), bio.ColumnMap())
    assert reason in info.value.reason
    assert info.value.line == 3


def test_jsonl_record_becomes_an_article():
    record = {"article_id": 7, "outlet": " Paper ", "text": "Hello there.\r\n", "published": "2024-03-05",
              "section": "Local", "url": None}
    a = bio.parse_record("jsonl", _line(record), Path("in.jsonl"), bio.ColumnMap())
    assert isinstance(a, Article)
    assert (a.article_id, a.outlet, a.body) == ("7", "Paper", "Hello there.\r\n")
    assert a.meta["published"] == "2024-03-05" and a.meta["section"] == "Local" and "url" not in a.meta
    assert a.language == "en" and a.role == "article"
    assert a.sha256 == hashlib.sha256("Hello there.\r\n".encode()).hexdigest()


def test_column_mapping_renames_and_shadows():
    columns = bio.ColumnMap("doc", "source", "body", (("published", "date"),))
    record = {"doc": "d1", "source": "Wire", "body": "The body.", "text": "ignored", "date": "2024-01-02"}
    a = bio.article_from_mapping(record, columns, Path("x.csv"))
    assert (a.article_id, a.outlet, a.body, a.meta["published"]) == ("d1", "Wire", "The body.", "2024-01-02")
    assert "text" not in a.meta and "date" not in a.meta
    with pytest.raises(bio.RecordError, match="no article text \\(column 'body'\\)"):
        bio.article_from_mapping({"doc": "d1", "source": "Wire", "text": "x"}, columns, Path("x.csv"))


def test_csv_input_rows_lines_and_bad_rows(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(
        "\ufeffarticle_id,outlet,text,published\n"
        "a,Paper,\"First line.\n\nSecond, with a comma.\",2024-01-01\n"
        "\n"
        "b,Paper,Only two fields\n"
        "c,Paper,Caf\xe9 ok,\n".encode("utf-8")
        + b"d,Paper,bad \xff byte,\n"
    )
    inp = bio.open_input(path)
    records = list(inp.records())
    assert [(r[0], r[1]) for r in records] == [(1, 2), (2, 6), (3, 7), (4, 8)]
    a = bio.parse_record("csv", records[0], path, bio.ColumnMap())
    assert a.body == "First line.\n\nSecond, with a comma." and a.meta["published"] == "2024-01-01"
    with pytest.raises(bio.RecordError, match="the row has 3 fields, the header 4") as info:
        bio.parse_record("csv", records[1], path, bio.ColumnMap())
    assert info.value.line == 6
    assert bio.parse_record("csv", records[2], path, bio.ColumnMap()).body == "Café ok"
    with pytest.raises(bio.RecordError, match="not UTF-8: byte 0xff in column 'text'"):
        bio.parse_record("csv", records[3], path, bio.ColumnMap())


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("id,outlet,text\n", "no column 'article_id'; its columns are: id, outlet, text"),
        ("article_id,outlet,body\n", "no column 'text'"),
        ("article_id,outlet,text,outlet\n", "names column 'outlet' twice"),
        ("", "no column 'article_id', 'outlet', 'text'; its columns are: (none)"),
    ],
)
def test_csv_header_problems_are_bad_input(tmp_path, header, message):
    (tmp_path / "in.csv").write_text(header, encoding="utf-8")
    with pytest.raises(bio.InputError, match=message.replace("(", "\\(").replace(")", "\\)")):
        bio.open_input(tmp_path / "in.csv")


def test_parquet_input_with_typed_columns(tmp_path):
    import datetime as dt

    table = pa.table({
        "article_id": pa.array([1, 2], pa.int64()), "outlet": ["A", "B"], "text": ["One text.", None],
        "published": pa.array([dt.date(2024, 5, 6), None], pa.date32()),
    })
    pq.write_table(table, tmp_path / "in.parquet")
    inp = bio.open_input(tmp_path / "in.parquet")
    assert inp.total == 2
    records = list(inp.records())
    a = bio.parse_record("parquet", records[0], tmp_path, bio.ColumnMap())
    assert (a.article_id, a.meta["published"]) == ("1", "2024-05-06")
    with pytest.raises(bio.RecordError, match="no article text"):
        bio.parse_record("parquet", records[1], tmp_path, bio.ColumnMap())
    pq.write_table(table.drop_columns(["outlet"]), tmp_path / "no-outlet.parquet")
    with pytest.raises(bio.InputError, match="no column 'outlet'"):
        bio.open_input(tmp_path / "no-outlet.parquet")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(bio.InputError, match="cannot be read as Parquet"):
        bio.open_input(tmp_path / "broken.parquet")


def test_chunks_have_a_fixed_size_whatever_the_input(jsonl):
    inp = bio.open_input(jsonl)
    sizes = [len(c) for c in inp.chunks(7)]
    assert sizes == [7, 7, 7, 7, 7, 5]
    assert [r[0] for c in inp.chunks(7) for r in c] == list(range(1, N_ARTICLES + 1))
    with pytest.raises(ValueError, match="at least 1"):
        next(inp.chunks(0))


# ------------------------------------------------------------------ tables and parts


def test_table_from_frame_keeps_the_schema():
    schema = pa.schema([("n", pa.int64()), ("x", pa.float64()), ("s", pa.string())])
    df = pd.DataFrame({"n": [1.0, float("nan")], "x": [0.5, float("nan")], "s": ["a", 3]})
    table = bio.table_from_frame(df, schema)
    assert table.schema == schema
    assert table.to_pylist() == [{"n": 1, "x": 0.5, "s": "a"}, {"n": None, "x": None, "s": "3"}]
    assert table.schema.metadata is None
    empty = bio.table_from_frame(pd.DataFrame({"n": [], "x": [], "s": []}), schema)
    assert empty.num_rows == 0 and empty.schema == schema


def test_parts_are_written_under_a_temporary_name_and_metrics_last(tmp_path, monkeypatch):
    renames = []
    real = os.replace

    def spy(src, dst):
        assert Path(src).name.startswith(".") and Path(src).name.endswith(".tmp") and Path(src).exists()
        assert not Path(dst).exists()
        renames.append(Path(dst).parent.name)
        real(src, dst)

    monkeypatch.setattr(bio.os, "replace", spy)
    bio.commit_part(tmp_path, 3, {"metrics": b"m", "errors": b"e", "frames": b"f", "articles": b"a"})
    assert renames == ["errors", "articles", "frames", "metrics"]
    assert bio.part_path(tmp_path, "metrics", 3).read_bytes() == b"m"
    assert bio.completed_parts(tmp_path) == {3}
    (tmp_path / "frames" / ".part-000004.parquet.tmp").write_bytes(b"half")
    assert bio.remove_temporary_files(tmp_path) == 1
    assert not list((tmp_path / "frames").glob(".*"))


def test_read_dataset_errors(tmp_path):
    with pytest.raises(ValueError, match="valid datasets: errors, articles, frames, annotations, metrics"):
        bio.read_dataset(tmp_path, "quotes")
    with pytest.raises(bio.InputError, match="holds no part files"):
        bio.read_dataset(tmp_path, "metrics")
