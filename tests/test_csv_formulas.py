"""CSV output cannot run as a spreadsheet formula (CSV injection), unless asked to keep it."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from analysis.cli import main
from analysis.io.spreadsheet import neutralise_cell, neutralise_formulas

TRIGGERS = ["=1+1", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ("", ""), ("BBC", "BBC"), ("a=b", "a=b"), ("'=1", "'=1"), (-2, -2), (1.5, 1.5), (None, None)],
)
def test_a_cell_is_neutralised_only_when_a_spreadsheet_would_run_it(value, expected):
    assert neutralise_cell(value) == expected


def test_numbers_stay_numbers_and_the_input_frame_is_not_changed():
    df = pd.DataFrame({"outlet": ["=1+1", "BBC"], "delta": [-2, 3], "share": [-0.5, 0.25]})
    out = neutralise_formulas(df)
    assert out["outlet"].tolist() == ["'=1+1", "BBC"]
    assert out["delta"].tolist() == [-2, 3] and out["share"].tolist() == [-0.5, 0.25]
    assert df["outlet"].tolist() == ["=1+1", "BBC"]


def _story(tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    for i, outlet in enumerate(["=1+1", "-2+3", "@SUM(A1:A2)"]):
        (story / f"a{i}.md").write_text(
            f"---\noutlet: '{outlet}'\ntitle: '+{i} cmd'\n---\n"
            f'"=HYPERLINK(1)," the mayor said. The council met on Monday to discuss the budget.\n',
            encoding="utf-8",
        )
    return story


def _rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("command", ["metrics", "quotes", "speakers"])
def test_table_commands_write_formula_cells_as_text(command, tmp_path):
    story = _story(tmp_path)
    out = tmp_path / f"{command}.csv"
    assert main([command, str(story), "--out", str(out)]) == 0
    rows = _rows(out)
    assert rows
    cells = [value for row in rows for value in row.values() if value]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], cells
    assert {row["outlet"] for row in rows} <= {"'=1+1", "'-2+3", "'@SUM(A1:A2)"}


def test_the_quote_text_is_kept_with_its_apostrophe_and_keep_formulas_writes_it_raw(tmp_path):
    story = _story(tmp_path)
    guarded, raw = tmp_path / "guarded.csv", tmp_path / "raw.csv"
    assert main(["quotes", str(story), "--out", str(guarded)]) == 0
    assert main(["quotes", str(story), "--out", str(raw), "--keep-formulas"]) == 0
    texts = [row["text"] for row in _rows(guarded) if row["kind"] == "full"]
    assert texts and all(t.startswith("'=HYPERLINK(1)") for t in texts), texts
    assert {row["outlet"] for row in _rows(raw)} == {"=1+1", "-2+3", "@SUM(A1:A2)"}


def test_json_output_is_never_changed(tmp_path):
    story = _story(tmp_path)
    out = tmp_path / "metrics.json"
    assert main(["metrics", str(story), "--format", "json", "--out", str(out)]) == 0
    assert {row["outlet"] for row in pd.read_json(out).to_dict(orient="records")} == {"=1+1", "-2+3", "@SUM(A1:A2)"}
