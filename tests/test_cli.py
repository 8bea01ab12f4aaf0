"""Tests for the command line: python -m analysis COMMAND CORPUS_DIR."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import __version__
from analysis.cli import main
from analysis.io.corpus import load_story

ROOT = Path(__file__).parent.parent
STORY = ROOT / "corpus" / "askmoreofhim"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_metrics_csv_to_stdout(capsys):
    code, out, _ = _run(capsys, "metrics", str(STORY))
    assert code == 0
    df = pd.read_csv(io.StringIO(out))
    assert list(df["outlet"]) == ["Outlet A", "Outlet B", "Outlet C"]
    assert set(df["package_version"]) == {__version__}
    assert set(df["corpus_sha256"]) == {load_story(STORY).corpus_sha256}


def test_metrics_json_is_a_list_of_records_with_null_for_nan(capsys, tmp_path):
    (tmp_path / "a.md").write_text("---\noutlet: X\n---\n— …\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\noutlet: Y\n---\nA real sentence here.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "metrics", str(tmp_path), "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert isinstance(records, list) and len(records) == 2
    assert records[0]["flesch_reading_ease"] is None
    assert isinstance(records[1]["flesch_reading_ease"], float)
    assert records[0]["package_version"] == __version__


def test_nan_is_empty_in_csv(capsys, tmp_path):
    (tmp_path / "a.md").write_text("---\noutlet: X\n---\n— …\n", encoding="utf-8")
    _, out, _ = _run(capsys, "metrics", str(tmp_path))
    header, row = out.strip().split("\n")
    values = dict(zip(header.split(","), row.split(",")))
    assert values["flesch_reading_ease"] == ""
    assert values["n_words"] == "0"


def test_metrics_by_outlet(capsys):
    code, out, _ = _run(capsys, "metrics", str(STORY), "--by", "outlet")
    df = pd.read_csv(io.StringIO(out))
    assert code == 0 and list(df["outlet"]) == ["Outlet A", "Outlet B", "Outlet C"]
    assert df["article_id"].isna().all()


def test_out_file(capsys, tmp_path):
    target = tmp_path / "m.json"
    code, out, _ = _run(capsys, "metrics", str(STORY), "--format", "json", "--out", str(target))
    assert code == 0 and out == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3


def test_out_into_missing_folder_is_bad_input(capsys, tmp_path):
    code, _, err = _run(capsys, "metrics", str(STORY), "--out", str(tmp_path / "no" / "m.csv"))
    assert code == 2 and "output folder does not exist" in err


def test_bad_input_strict_exit_2_one_line(capsys, tmp_path):
    (tmp_path / "a.md").write_text("---\noutlet: X\n---\nFine.\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"---\ntitle: no outlet\n---\nText.\n")
    code, out, err = _run(capsys, "metrics", str(tmp_path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "b.md" in err and "outlet" in err


def test_skip_invalid_lists_skipped_files(capsys, tmp_path):
    (tmp_path / "a.md").write_text("---\noutlet: X\n---\nFine.\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"---\ntitle: no outlet\n---\nText.\n")
    code, out, err = _run(capsys, "metrics", str(tmp_path), "--skip-invalid")
    assert code == 0
    assert len(pd.read_csv(io.StringIO(out))) == 1
    assert "skipped" in err and "b.md" in err


@pytest.mark.parametrize(
    "argv",
    [["metrics", "no/such/folder"], ["metrics", str(STORY), "--format", "xml"], ["frobnicate"], []],
    ids=["missing-folder", "bad-format", "bad-command", "no-command"],
)
def test_usage_and_input_errors_exit_2(capsys, argv):
    code, _, err = _run(capsys, *argv)
    assert code == 2 and err


@pytest.mark.slow
def test_real_process_has_no_traceback_on_bad_input(tmp_path):
    (tmp_path / "a.md").write_bytes(b"---\noutlet: X\n---\nCaf\xe9\n")
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "metrics", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0
    assert "a.md" in proc.stderr and "not UTF-8" in proc.stderr


def test_quotes_command(capsys):
    code, out, _ = _run(capsys, "quotes", str(STORY))
    df = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert code == 0
    assert list(df.columns)[:11] == [
        "article_id", "outlet", "quote_id", "start", "end", "text", "n_words", "kind",
        "speaker", "verb", "verb_class",
    ]
    admits = df[df["verb"] == "admits"]
    assert set(admits["verb_class"]) == {"evaluative"} and set(admits["speaker"]) == {"the letter"}


def test_speakers_command_json(capsys):
    code, out, _ = _run(capsys, "speakers", str(STORY), "--format", "json")
    rows = json.loads(out)
    assert code == 0
    krasinski = [r for r in rows if r["speaker"] == "John Krasinski"]
    assert len(krasinski) == 1 and krasinski[0]["n_words"] == 67 and krasinski[0]["quoted"] is True
    # Jimmy Kimmel is named in Outlet B ("host Jimmy Kimmel") and never quoted.
    assert any(r["speaker"] == "Jimmy Kimmel" and r["quoted"] is False for r in rows)
    # Outlet B's closing "Follow Daniel Nussbaum on Twitter" credits its reporter, who is
    # not a person in the news, so no speakers row names him.
    assert not any(r["speaker"] == "Daniel Nussbaum" for r in rows)
