"""Tests for the batch command: inputs, Parquet parts, errors, layers, resume, workers."""

from __future__ import annotations

import hashlib
import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from analysis import __version__, batch, synthetic  # noqa: E402
from analysis import batch_io as bio  # noqa: E402
from analysis.cli import main  # noqa: E402
from analysis.corpus import Article, _article_files, load_story  # noqa: E402
from analysis.metrics import metric_columns  # noqa: E402

ROOT = Path(__file__).parent.parent
STORIES = [ROOT / "corpus" / "askmoreofhim", *sorted((ROOT / "tests" / "fixtures" / "stories").iterdir())]
N_ARTICLES = 40


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _jsonl(path: Path, records) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


def _clean(value):
    """A JSON-comparable value: NaN and NA become None, numpy scalars Python ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _assert_same_output(a: Path, b: Path, datasets=("metrics", "frames", "articles", "errors")) -> None:
    for name in datasets:
        pd.testing.assert_frame_equal(bio.read_dataset(a, name), bio.read_dataset(b, name), check_exact=True)
    assert [p.name for p in bio.dataset_parts(a, "metrics")] == [p.name for p in bio.dataset_parts(b, "metrics")]


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    """Generated articles as a story folder, plus one article in French, one file without
    an outlet and one whose id repeats another's in other case."""
    folder = synthetic.write_story(tmp_path_factory.mktemp("story") / "gen", N_ARTICLES)
    (folder / "zz-french.md").write_text(
        "---\noutlet: Metro Wire\nlanguage: fr\n---\nLe conseil a voté le budget lundi. « C'est une bonne "
        "nouvelle », a dit la maire.\n", encoding="utf-8")
    (folder / "gen-0000005-no-outlet.md").write_text("---\ntitle: Lost\n---\nSome text here.\n", encoding="utf-8")
    (folder / "zz-repeat.md").write_text(
        "---\noutlet: Coastal Post\narticle_id: GEN-0000002\n---\nA repeated id.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory) -> Path:
    return synthetic.write_jsonl(tmp_path_factory.mktemp("jsonl") / "articles.jsonl", N_ARTICLES)


@pytest.fixture(scope="module")
def baseline(jsonl, tmp_path_factory) -> Path:
    """The JSON Lines articles run in this process, chunks of 7 (6 parts)."""
    out = tmp_path_factory.mktemp("baseline") / "out"
    batch.run_batch(jsonl, out, chunk_size=7, progress=False)
    return out


# ------------------------------------------------------------------ generated corpus


def test_generated_articles_are_deterministic_distinct_and_well_formed():
    first = list(synthetic.generate_articles(300))
    assert first == list(synthetic.generate_articles(300))
    assert synthetic.generate_article(123) == first[123]  # article i does not depend on the others
    assert list(synthetic.generate_articles(2, start=10)) == first[10:12]
    assert len({a["text"] for a in first}) == 300
    assert len({a["article_id"] for a in first}) == 300
    names = {s.name for s in synthetic.OUTLET_STYLES}
    for a in first:
        assert set(a) == {"article_id", "outlet", "published", "title", "text"}
        assert a["outlet"] in names
        assert "2023-01-01" <= a["published"] <= "2024-12-31"
        assert synthetic.MIN_WORDS <= len(a["text"].split()) <= synthetic.MAX_WORDS + 120
    assert {a["outlet"] for a in first} == names
    assert synthetic.generate_article(0, seed=1) != synthetic.generate_article(0, seed=2)


@pytest.mark.parametrize("n", [0, -1])
def test_generate_articles_counts(n):
    if n < 0:
        with pytest.raises(ValueError, match="0 or more"):
            list(synthetic.generate_articles(n))
    else:
        assert list(synthetic.generate_articles(n)) == []


def test_written_story_bodies_are_the_texts(tmp_path):
    folder = synthetic.write_story(tmp_path / "s", 5)
    story = load_story(folder)
    for article, record in zip(story.articles, synthetic.generate_articles(5)):
        assert article.body == record["text"]
        assert article.article_id == record["article_id"]
        assert article.meta["published"] == record["published"]


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


# ------------------------------------------------------------------ layers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("readability", ("readability",)),
        ("tone, readability", ("readability", "tone")),
        ("frames,frames,quotes", ("quotes", "frames")),
        (["annotations", "stance"], ("stance", "annotations")),
        ("", None),
        ("readability,tones", None),
    ],
)
def test_parse_layers(text, expected):
    if expected is None:
        with pytest.raises(ValueError, match="valid layers: readability, quotes, tone, stance, frames, annotations"):
            batch.parse_layers(text)
    else:
        assert batch.parse_layers(text) == expected


def test_layer_columns_cover_the_metric_columns_once():
    columns = [c for layer in batch.LAYERS for c in batch.layer_columns(layer)]
    assert len(columns) == len(set(columns))
    always = set(metric_columns()) - set(columns)
    assert always == {"article_id", "outlet", "n_articles", "n_paragraphs", "n_sentences", "n_words",
                      "package_version", "corpus_sha256"}
    assert len(batch.layer_columns("readability")) == 3 * 11
    with pytest.raises(ValueError, match="valid layers"):
        batch.layer_columns("quote")


# ------------------------------------------------------------------ the batch equals the story commands


def test_story_batch_rows_equal_the_metrics_frames_and_annotations_commands(story, tmp_path, capsys):
    out = tmp_path / "out"
    code, _, err = _run(capsys, "batch", story, "--out", out, "--chunk-size", "9",
                        "--layers", "readability,quotes,tone,stance,frames,annotations")
    assert code == 0, err
    assert "2 records skipped" in err and "errors.csv" in err
    for command, dataset in (("metrics", "metrics"), ("frames", "frames"), ("annotations", "annotations")):
        code, stdout, _ = _run(capsys, command, story, "--format", "json", "--skip-invalid")
        assert code == 0
        expected = json.loads(stdout)
        got = _records(bio.read_dataset(out, dataset))
        if dataset == "annotations":
            for row in got:
                row["detail"] = json.loads(row["detail"])
        assert len(got) == len(expected)
        assert got == expected
    metrics = bio.read_dataset(out, "metrics")
    assert list(metrics.columns) == metric_columns()
    assert set(metrics["corpus_sha256"]) == {load_story(story, strict=False).corpus_sha256}
    assert math.isnan(metrics.loc[metrics["article_id"] == "zz-french", "flesch_reading_ease"].item())


def test_story_errors_table_names_file_record_and_reason(story, tmp_path):
    out = tmp_path / "out"
    summary = batch.run_batch(story, out, chunk_size=9, progress=False)
    errors = bio.read_dataset(out, "errors")
    names = bio.article_files(story)
    assert list(errors["record"]) == [names.index("gen-0000005-no-outlet.md") + 1, names.index("zz-repeat.md") + 1]
    assert errors["source"].iloc[0].endswith("gen-0000005-no-outlet.md")
    assert "no 'outlet' field" in errors["reason"].iloc[0]
    assert "duplicate article id 'GEN-0000002'" in errors["reason"].iloc[1]
    assert errors["article_id"].iloc[1] == "GEN-0000002"
    assert set(errors["package_version"]) == {__version__}
    assert summary.n_errors == 2 and summary.n_articles == N_ARTICLES + 1 and summary.n_records == N_ARTICLES + 3
    from_csv = pd.read_csv(out / "errors.csv")
    assert list(from_csv.columns) == list(bio.ERROR_COLUMNS)
    assert list(from_csv["reason"]) == list(errors["reason"])
    articles = bio.read_dataset(out, "articles")
    assert list(articles["article_id"]) == list(bio.read_dataset(out, "metrics")["article_id"])
    assert articles.loc[0, "published"] == synthetic.generate_article(0)["published"]


def test_jsonl_batch_equals_the_story_batch_but_for_the_fingerprint(baseline, jsonl, tmp_path):
    folder = synthetic.write_story(tmp_path / "s", N_ARTICLES)
    out = tmp_path / "out"
    batch.run_batch(folder, out, chunk_size=7, progress=False)
    from_story = bio.read_dataset(out)
    from_jsonl = bio.read_dataset(baseline)
    digest = hashlib.sha256(jsonl.read_bytes()).hexdigest()
    assert set(from_jsonl["corpus_sha256"]) == {digest}
    pd.testing.assert_frame_equal(from_jsonl.drop(columns="corpus_sha256"), from_story.drop(columns="corpus_sha256"),
                                  check_exact=True)
    assert json.loads((baseline / "batch.json").read_text())["status"] == "complete"


def test_malformed_records_are_skipped_with_their_reason_and_never_stop_the_run(tmp_path):
    records = list(synthetic.generate_articles(6))
    path = _jsonl(tmp_path / "in.jsonl", [
        records[0], "{broken", records[1], "", {"article_id": "x", "outlet": "O"}, records[2],
        {**records[3], "article_id": records[0]["article_id"].upper()}, "[]", records[4],
    ])
    summary = batch.run_batch(path, tmp_path / "out", chunk_size=2, progress=False)
    errors = bio.read_dataset(tmp_path / "out", "errors")
    assert list(errors["record"]) == [2, 5, 7, 8]
    assert list(errors["line"]) == [2, 5, 7, 8]
    reasons = list(errors["reason"])
    assert "not valid JSON" in reasons[0] and "no article text" in reasons[1]
    assert "duplicate article id 'GEN-0000000'" in reasons[2] and "must be an object" in reasons[3]
    assert list(bio.read_dataset(tmp_path / "out")["article_id"]) == [records[i]["article_id"] for i in (0, 1, 2, 4)]
    assert (summary.n_records, summary.n_articles, summary.n_errors) == (8, 4, 4)


def test_an_analyzer_failure_costs_one_article_not_the_run(jsonl, tmp_path, monkeypatch):
    import analysis.metrics

    real = analysis.metrics.sentence_compounds

    def flaky(doc):
        if doc.article_id == "gen-0000003":
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(analysis.metrics, "sentence_compounds", flaky)
    batch.run_batch(jsonl, tmp_path / "out", chunk_size=7, progress=False)
    errors = bio.read_dataset(tmp_path / "out", "errors")
    assert list(errors["article_id"]) == ["gen-0000003"]
    assert errors["reason"].item().startswith("analysis failed (RuntimeError: boom)")
    for name in ("metrics", "frames", "articles"):
        ids = set(bio.read_dataset(tmp_path / "out", name)["article_id"])
        assert "gen-0000003" not in ids and "gen-0000004" in ids


def test_layers_left_out_are_empty_and_not_computed(baseline, jsonl, tmp_path, monkeypatch):
    import analysis.metrics
    import analysis.stance

    def never(*args, **kwargs):
        raise AssertionError("computed a layer that was left out")

    monkeypatch.setattr(analysis.metrics, "sentence_compounds", never)
    monkeypatch.setattr(analysis.metrics, "find_stance_markers", never)
    out = tmp_path / "out"
    batch.run_batch(jsonl, out, chunk_size=7, layers="readability,quotes", progress=False)
    assert not (out / "frames").exists()
    got, full = bio.read_dataset(out), bio.read_dataset(baseline)
    assert list(got.columns) == metric_columns()
    empty = batch.layer_columns("tone") + batch.layer_columns("stance")
    assert got[empty].isna().all().all()
    assert full[empty].notna().any().all()
    pd.testing.assert_frame_equal(got.drop(columns=empty), full.drop(columns=empty), check_exact=True,
                                  check_dtype=False)


def test_duplicate_ids_in_later_chunks_leave_every_dataset(tmp_path):
    records = list(synthetic.generate_articles(5))
    records[4] = {**records[4], "article_id": "Gen-0000001"}
    path = _jsonl(tmp_path / "in.jsonl", records)
    batch.run_batch(path, tmp_path / "out", chunk_size=2, progress=False,
                    layers="readability,frames,annotations")
    for name in ("metrics", "frames", "articles", "annotations"):
        ids = set(bio.read_dataset(tmp_path / "out", name)["article_id"])
        assert ids == {"gen-0000000", "gen-0000001", "gen-0000002", "gen-0000003"}, name
    errors = bio.read_dataset(tmp_path / "out", "errors")
    assert list(errors["part"]) == [2] and list(errors["record"]) == [5]


# ------------------------------------------------------------------ output folder and resume


def test_output_folder_rules(jsonl, story, tmp_path, baseline):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(bio.InputError, match="is a file"):
        batch.run_batch(jsonl, tmp_path / "file", progress=False)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(bio.InputError, match="not empty and holds no batch output"):
        batch.run_batch(jsonl, tmp_path / "busy", progress=False)
    with pytest.raises(bio.InputError, match="parent does not exist"):
        batch.run_batch(jsonl, tmp_path / "no" / "out", progress=False)
    with pytest.raises(bio.InputError, match="inside the story folder"):
        batch.run_batch(story, story / "out", progress=False)
    with pytest.raises(bio.InputError, match="already holds a batch output; add --resume"):
        batch.run_batch(jsonl, baseline, chunk_size=7, progress=False)
    with pytest.raises(bio.InputError, match="chunk_size was 7, now 8"):
        batch.run_batch(jsonl, baseline, chunk_size=8, resume=True, progress=False)
    with pytest.raises(bio.InputError, match="layers was"):
        batch.run_batch(jsonl, baseline, chunk_size=7, layers="readability", resume=True, progress=False)
    assert not (story / "out").exists()


class _Stop(Exception):
    pass


def test_resume_after_a_crash_between_parts_skips_written_parts(baseline, jsonl, tmp_path):
    out = tmp_path / "out"

    def crash(index, done):
        if index == 2:
            raise _Stop

    with pytest.raises(_Stop):
        batch.run_batch(jsonl, out, chunk_size=7, progress=False, on_part=crash)
    assert bio.completed_parts(out) == {0, 1, 2}
    assert json.loads((out / "batch.json").read_text())["status"] == "running"
    before = {p.name: p.stat().st_mtime_ns for p in bio.dataset_parts(out, "metrics")}
    (out / "metrics" / ".part-000003.parquet.tmp").write_bytes(b"half-written")
    (out / "frames" / "part-000003.parquet").write_bytes(b"a part without its metrics file")
    computed = []
    summary = batch.run_batch(jsonl, out, chunk_size=7, progress=False, resume=True,
                              on_part=lambda index, done: computed.append(index))
    assert computed == [3, 4, 5]
    assert summary.n_parts_skipped == 3 and summary.n_articles == N_ARTICLES and summary.n_parts == 6
    assert {p.name: p.stat().st_mtime_ns for p in bio.dataset_parts(out, "metrics")[:3]} == before
    assert not list((out / "metrics").glob(".*"))
    _assert_same_output(out, baseline)
    again = batch.run_batch(jsonl, out, chunk_size=7, progress=False, resume=True)
    assert again.n_parts_skipped == 6 and again.n_articles == N_ARTICLES


def test_resume_after_the_process_is_killed(baseline, jsonl, tmp_path):
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "analysis", "batch", str(jsonl), "--out", str(out), "--chunk-size", "1"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while len(bio.completed_parts(out)) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = bio.completed_parts(out)
    assert 3 <= len(written) < N_ARTICLES, "the run ended before it could be killed"
    assert json.loads((out / "batch.json").read_text())["status"] == "running"
    result = subprocess.run(argv + ["--resume"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{len(written)} parts already present" in result.stderr
    metrics = bio.read_dataset(out)
    assert metrics["article_id"].is_unique and len(metrics) == N_ARTICLES
    expected = bio.read_dataset(baseline)
    pd.testing.assert_frame_equal(metrics, expected, check_exact=True)


# ------------------------------------------------------------------ local worker processes


def test_two_worker_processes_write_the_same_output(baseline, jsonl, tmp_path):
    summary = batch.run_batch(jsonl, tmp_path / "out", chunk_size=7, workers=2, progress=False)
    assert summary.executor == "2 processes"
    _assert_same_output(tmp_path / "out", baseline)


def test_a_dead_worker_process_stops_the_run_and_resume_completes_it(baseline, jsonl, tmp_path):
    from concurrent.futures.process import BrokenProcessPool

    psutil = pytest.importorskip("psutil")
    out = tmp_path / "out"

    def kill_a_worker(index, done):
        if index == 0:
            workers = [p for p in psutil.Process().children()
                       if any("spawn_main" in part for part in p.cmdline())]
            assert workers
            workers[0].kill()

    with pytest.raises(BrokenProcessPool):
        batch.run_batch(jsonl, out, chunk_size=2, workers=2, progress=False, on_part=kill_a_worker)
    written = bio.completed_parts(out)
    assert 0 in written and len(written) < N_ARTICLES // 2
    batch.run_batch(jsonl, out, chunk_size=2, resume=True, progress=False)
    metrics = bio.read_dataset(out)
    assert metrics["article_id"].is_unique
    pd.testing.assert_frame_equal(metrics, bio.read_dataset(baseline), check_exact=True)


# ------------------------------------------------------------------ command line and progress


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--workers", "0"], "expected a whole number of 1 or more"),
        (["--chunk-size", "x"], "expected a whole number of 1 or more"),
        (["--column", "published"], "expected FIELD=COLUMN"),
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not allowed with argument"),
        (["--layers", "tone,mood"], "unknown layer 'mood'"),
    ],
)
def test_cli_usage_errors_exit_2(capsys, jsonl, tmp_path, extra, message):
    code, _, err = _run(capsys, "batch", jsonl, "--out", tmp_path / "out", *extra)
    assert code == 2 and message in err


def test_cli_exit_2_when_no_record_is_usable(capsys, tmp_path):
    path = _jsonl(tmp_path / "in.jsonl", ["{", {"article_id": "a", "outlet": "O", "text": " "}])
    code, _, err = _run(capsys, "batch", path, "--out", tmp_path / "out")
    assert code == 2
    assert err.strip().splitlines()[-1].startswith("error: ") and "no valid articles" in err
    assert len(pd.read_csv(tmp_path / "out" / "errors.csv")) == 2


def test_cli_column_options_and_csv_input(capsys, tmp_path):
    rows = list(synthetic.generate_articles(3))
    df = pd.DataFrame({"doc": [r["article_id"] for r in rows], "paper": [r["outlet"] for r in rows],
                       "body": [r["text"] for r in rows], "date": [r["published"] for r in rows]})
    df.to_csv(tmp_path / "in.csv", index=False)
    code, _, err = _run(capsys, "batch", tmp_path / "in.csv", "--out", tmp_path / "out", "--id-column", "doc",
                        "--outlet-column", "paper", "--text-column", "body", "--column", "published=date")
    assert code == 0, err
    articles = bio.read_dataset(tmp_path / "out", "articles")
    assert list(articles["article_id"]) == list(df["doc"])
    assert list(articles["published"]) == list(df["date"])
    assert list(articles["record"]) == [1, 2, 3]


def test_no_progress_bar_when_stderr_is_not_a_terminal(jsonl, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "batch", str(jsonl), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "articles/s" not in result.stderr and "\r" not in result.stderr
    assert result.stderr.startswith(f"{N_ARTICLES} articles (")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal(jsonl, tmp_path):
    main_fd, child_fd = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "batch", str(jsonl), "--out", str(tmp_path / "out"),
         "--chunk-size", "5"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=child_fd,
    )
    os.close(child_fd)
    chunks = []
    while True:
        try:
            data = os.read(main_fd, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(main_fd)
    text = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, text
    assert "articles/s" in text and f"{N_ARTICLES}/{N_ARTICLES}" in text and "\r" in text


def test_the_package_imports_without_the_scale_extra():
    code = (
        "import sys\n"
        "for name in ('pyarrow', 'dask', 'distributed', 'tqdm'):\n"
        "    sys.modules[name] = None\n"
        "import analysis, analysis.batch, analysis.batch_io, analysis.cli\n"
        "analysis.cli.build_parser()\n"
        "sys.exit(analysis.cli.main(['batch', 'corpus/askmoreofhim', '--out', sys.argv[1]]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, "/nonexistent/out"], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: batch needs pyarrow, from the optional 'scale' extra: "
                                     "pip install -e '.[scale]'")
