"""Tests for the batch command: inputs, Parquet parts, errors, layers, resume, workers."""

from __future__ import annotations

import hashlib
import json
import math
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from analysis import __version__  # noqa: E402
from analysis.scale import batch
from analysis.scale import synthetic
from analysis.io import batch_io as bio  # noqa: E402
from analysis.cli import main  # noqa: E402
from analysis.io.corpus import load_story  # noqa: E402
from analysis.metrics import metric_columns  # noqa: E402

ROOT = Path(__file__).parent.parent
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


@pytest.mark.slow
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
    import analysis.pipeline

    real = analysis.pipeline.sentence_compounds

    def flaky(doc):
        if doc.article_id == "gen-0000003":
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(analysis.pipeline, "sentence_compounds", flaky)
    batch.run_batch(jsonl, tmp_path / "out", chunk_size=7, progress=False)
    errors = bio.read_dataset(tmp_path / "out", "errors")
    assert list(errors["article_id"]) == ["gen-0000003"]
    assert errors["reason"].item().startswith("analysis failed (RuntimeError: boom)")
    for name in ("metrics", "frames", "articles"):
        ids = set(bio.read_dataset(tmp_path / "out", name)["article_id"])
        assert "gen-0000003" not in ids and "gen-0000004" in ids


def test_layers_left_out_are_empty_and_not_computed(baseline, jsonl, tmp_path, monkeypatch):
    import analysis.pipeline
    import analysis.framing.stance

    def never(*args, **kwargs):
        raise AssertionError("computed a layer that was left out")

    monkeypatch.setattr(analysis.pipeline, "sentence_compounds", never)
    monkeypatch.setattr(analysis.pipeline, "find_stance_markers", never)
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


def _probe_analysis():
    from analysis.io.corpus import Article
    from analysis.pipeline import analyse_article

    return analyse_article(Article("p", "P", Path("p.md"), batch._PROBE_TEXT, {"outlet": "P"}))


def test_prepare_presets_the_layers_left_out_and_leaves_the_analysis_it_got_alone():
    a = _probe_analysis()
    n = a.document.n_sentences
    assert n >= 2 and a.stance, "the probe text has sentences and stance markers"
    skipped = batch._prepare(a, ("readability", "quotes"))
    assert skipped is not a
    assert skipped.sentence_tones == (0.0,) * n and skipped.stance == ()
    assert skipped.layout == a.layout and skipped.document is a.document
    # the analysis passed in keeps its own, computed values
    assert a.preset_tones is None and a.preset_stance is None
    assert any(c != 0.0 for c in a.sentence_tones)
    kept = batch._prepare(_probe_analysis(), ("tone", "stance"))
    assert kept.preset_tones is None and kept.preset_stance is None
    assert kept.sentence_tones == a.sentence_tones and kept.stance == a.stance
    # the annotations table shows every layer, so it keeps tone and stance
    full = batch._prepare(_probe_analysis(), ("annotations",))
    assert full.preset_tones is None and full.preset_stance is None


def test_with_presets_checks_the_tones_and_keeps_what_it_is_not_given():
    a = _probe_analysis()
    with pytest.raises(ValueError, match="preset tones for"):
        a.with_presets(tones=(0.5,))
    tones = (0.25,) * a.document.n_sentences
    b = a.with_presets(tones=tones)
    c = b.with_presets(stance=())
    assert c.sentence_tones == tones and c.stance == ()
    assert b.preset_stance is None and b.stance == a.stance


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


#: A batch run that kills itself with SIGKILL (no clean-up of any kind) right after its
#: third part is written: the kill is synchronised on the run's own progress, not on a clock.
KILLED_AFTER_THREE_PARTS = """
import os
import signal
import sys

from analysis.scale import batch


def kill_after_three(index, done):
    if done == 3:
        os.kill(os.getpid(), signal.SIGKILL)


batch.run_batch(sys.argv[1], sys.argv[2], chunk_size=1, progress=False, on_part=kill_after_three)
"""


@pytest.mark.slow
def test_resume_after_the_process_is_killed(baseline, jsonl, tmp_path):
    out = tmp_path / "out"
    killed = subprocess.run([sys.executable, "-c", KILLED_AFTER_THREE_PARTS, str(jsonl), str(out)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    written = bio.completed_parts(out)
    assert len(written) == 3 < N_ARTICLES
    assert json.loads((out / "batch.json").read_text())["status"] == "running"
    argv = [sys.executable, "-m", "analysis", "batch", str(jsonl), "--out", str(out), "--chunk-size", "1"]
    result = subprocess.run(argv + ["--resume"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{len(written)} parts already present" in result.stderr
    metrics = bio.read_dataset(out)
    assert metrics["article_id"].is_unique and len(metrics) == N_ARTICLES
    expected = bio.read_dataset(baseline)
    pd.testing.assert_frame_equal(metrics, expected, check_exact=True)


# ------------------------------------------------------------------ local worker processes


@pytest.mark.slow
def test_two_worker_processes_write_the_same_output(baseline, jsonl, tmp_path):
    summary = batch.run_batch(jsonl, tmp_path / "out", chunk_size=7, workers=2, progress=False)
    assert summary.executor == "2 processes"
    _assert_same_output(tmp_path / "out", baseline)


KILL_A_WORKER = """
import sys
from concurrent.futures.process import BrokenProcessPool

import psutil

from analysis.scale import batch


def kill_a_worker(index, done):
    if index == 0:
        # the pool's processes: forked (the same command line as this one) or spawned
        me = psutil.Process()
        workers = [p for p in me.children() if p.cmdline() == me.cmdline() or any("spawn_main" in a for a in p.cmdline())]
        workers[0].kill()


try:
    batch.run_batch(sys.argv[1], sys.argv[2], chunk_size=2, workers=2, progress=False, on_part=kill_a_worker)
except BrokenProcessPool as exc:
    print(f"stopped: {exc}")
    sys.exit(3)
"""


@pytest.mark.slow
def test_a_dead_worker_process_stops_the_run_and_resume_completes_it(baseline, jsonl, tmp_path):
    pytest.importorskip("psutil")
    out = tmp_path / "out"
    # in a child process, so that a run that hangs fails this test instead of the suite
    proc = subprocess.Popen([sys.executable, "-c", KILL_A_WORKER, str(jsonl), str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        import psutil

        for child in psutil.Process(proc.pid).children(recursive=True):
            child.kill()
        proc.kill()
        proc.communicate()
        pytest.fail("the run hung after a worker process died")
    assert proc.returncode == 3, stderr
    assert stdout.startswith("stopped: ")
    written = bio.completed_parts(out)
    assert 0 in written and len(written) < N_ARTICLES // 2
    summary = batch.run_batch(jsonl, out, chunk_size=2, resume=True, progress=False)
    assert summary.n_parts_skipped == len(written)
    metrics = bio.read_dataset(out)
    assert metrics["article_id"].is_unique
    pd.testing.assert_frame_equal(metrics, bio.read_dataset(baseline), check_exact=True)


@pytest.mark.slow
def test_a_worker_found_dead_by_the_liveness_check_stops_the_run(jsonl, tmp_path):
    # the pool may never report a death (a stuck queue): the check between waits does
    from concurrent.futures.process import BrokenProcessPool

    class Silent:
        def result(self, timeout=None):
            raise TimeoutError

    calls = []

    def check():
        calls.append(1)
        if len(calls) == 3:
            raise BrokenProcessPool("worker process 1 ended (exit code -9)")

    tasks = [batch.ChunkTask(0, (), None)]
    with pytest.raises(BrokenProcessPool, match="exit code -9"):
        list(batch._ordered(lambda task: Silent(), tasks, 1, check))
    assert len(calls) == 3


@pytest.mark.slow
def test_the_local_pool_finds_a_dead_worker_and_closes_without_waiting():
    from concurrent.futures.process import BrokenProcessPool

    pool = batch._LocalPool(2)
    try:
        pid = pool.pool.submit(os.getpid).result(timeout=600)
        pool.check()  # all alive
        victim = next(p for p in pool._processes() if p.pid == pid)
        os.kill(pid, signal.SIGKILL)
        victim.join(timeout=600)  # synchronised on the process's end, not on a clock
        assert victim.exitcode == -signal.SIGKILL
        with pytest.raises(BrokenProcessPool, match=f"worker process {pid} ended"):
            pool.check()
    finally:
        processes = pool._processes()
        pool.close(failed=True)
    # close(failed=True) kills any live worker instead of waiting for it: every worker has ended
    assert processes and all(p.exitcode is not None for p in processes)


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


@pytest.mark.slow
def test_no_progress_bar_when_stderr_is_not_a_terminal(jsonl, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "batch", str(jsonl), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "articles/s" not in result.stderr and "\r" not in result.stderr
    assert result.stderr.startswith(f"{N_ARTICLES} articles (")


@pytest.mark.slow
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


@pytest.mark.slow
def test_the_package_imports_without_the_scale_extra():
    code = (
        "import sys\n"
        "for name in ('pyarrow', 'dask', 'distributed', 'tqdm'):\n"
        "    sys.modules[name] = None\n"
        "import analysis, analysis.scale.batch, analysis.io.batch_io, analysis.cli\n"
        "analysis.cli.build_parser()\n"
        "sys.exit(analysis.cli.main(['batch', 'corpus/askmoreofhim', '--out', sys.argv[1]]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, "/nonexistent/out"], capture_output=True, text=True,
                            cwd=ROOT, timeout=600)
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: batch needs pyarrow, from the optional 'scale' extra: "
                                     "pip install -e '.[scale]'")


# ----------------------------------------------------------------------------
# workers that start warm (issue 22)

START_METHOD = """
import sys, threading
from analysis.scale import batch
print(batch._start_method())
stop = threading.Event()
threading.Thread(target=stop.wait, daemon=True).start()
print(batch._start_method())
stop.set()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_are_forked_from_a_single_threaded_process_and_spawned_otherwise():
    out = subprocess.run([sys.executable, "-c", START_METHOD], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["fork", "spawn"]


WARM_WORKERS = """
from analysis.scale import batch


def cached():
    return batch._probe_schemas.cache_info().currsize


pool = batch._LocalPool(2)
try:
    # the worker has the probe article analysed (dictionaries, VADER, lexicons loaded) before its first task
    print(pool.pool.submit(cached).result())
finally:
    pool.close(failed=False)
print(batch._probe_schemas.cache_info().currsize)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_forked_workers_start_with_the_data_loaded():
    out = subprocess.run([sys.executable, "-c", WARM_WORKERS], capture_output=True, text=True, check=True,
                         timeout=300)
    assert out.stdout.split() == ["1", "1"]


TWO_FORKED_WORKERS = """
import sys
from analysis.scale import batch

assert batch._start_method() == "fork"
summary = batch.run_batch(sys.argv[1], sys.argv[2], chunk_size=7, workers=2, progress=False)
print(summary.executor)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_forked_workers_write_the_same_output(baseline, jsonl, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", TWO_FORKED_WORKERS, str(jsonl), str(out)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "2 processes"
    _assert_same_output(out, baseline)
