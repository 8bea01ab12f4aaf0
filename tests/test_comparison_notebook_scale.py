"""Notebook 40 on a story of 50 outlets (issue 17, point 3): charts and tables a person can read.

The story is generated (:func:`analysis.scale.synthetic.write_wire_story`): 50 outlets
carrying perturbed copies of the starter articles plus filler, two articles each. The
notebook must pool outlets in its charts (the top outlets and one "other" column or
row), keep every chart at the house width with text no smaller than the house minimum,
and cut its long tables to their top rows.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import nbformat
import pytest

from analysis.core import paths
from analysis.io.corpus import load_story
from analysis.present import plots, report
from analysis.scale.synthetic import write_wire_story

NOTEBOOK = paths.NOTEBOOKS_DIR / "40-comparison.ipynb"
N_OUTLETS, N_ARTICLES = 50, 100


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> nbformat.NotebookNode:
    sources = [a.body for a in load_story(paths.DEFAULT_STORY).articles]
    story = write_wire_story(tmp_path_factory.mktemp("wire50") / "story", N_ARTICLES, sources, n_outlets=N_OUTLETS)
    assert len({a.outlet for a in load_story(story).articles}) == N_OUTLETS
    nb = nbformat.read(NOTEBOOK, as_version=4)
    report.inject_parameters(nb, story)
    return report.execute_notebook(nb, NOTEBOOK, story)


def _outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _charts(nb: nbformat.NotebookNode) -> list[tuple[bytes, str]]:
    import base64

    found = []
    for out in _outputs(nb):
        data = out.get("data", {})
        if "image/png" in data:
            found.append((base64.b64decode(data["image/png"]), out.get("metadata", {}).get("image/png", {}).get("alt", "")))
    return found


@pytest.mark.slow
def test_notebook_40_runs_on_50_outlets_without_errors(executed):
    outputs = _outputs(executed)
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]


@pytest.mark.slow
def test_its_charts_pool_the_outlets_and_keep_the_house_size(executed):
    charts = _charts(executed)
    assert len(charts) == 2  # the selection chart and the heatmap
    (selection_png, selection_alt), (heatmap_png, heatmap_alt) = charts
    for png, _ in charts:
        width_px, height_px = struct.unpack(">II", png[16:24])
        text = plots.png_text(png)
        assert float(text[plots.WIDTH_KEY]) == plots.CHART_WIDTH
        assert float(text[plots.FONT_KEY]) >= plots.MIN_FONT_PT
        assert height_px / width_px < 3.5, "a chart taller than a phone can follow"
    # the selection chart: one column per outlet for the top outlets, the rest in one
    columns = selection_alt.split("Columns: ")[1].rstrip(".").split(", ")
    assert len(columns) == 6 and columns[-1] == f"other {N_OUTLETS - 5} outlets"
    # the heatmap: outlet x outlet, the top outlets and "other"
    rows = heatmap_alt.split("Rows and columns: ")[1].rstrip(".").split(", ")
    assert len(rows) == plots.TOP_N and rows[-1] == f"other {N_OUTLETS - plots.TOP_N + 1} outlets"
    assert all(r.startswith("Outlet ") for r in rows[:-1])


@pytest.mark.slow
def test_its_tables_show_a_readable_number_of_rows(executed):
    html = [o["data"]["text/html"] for o in _outputs(executed) if "text/html" in o.get("data", {})]
    tables = [h for h in html if 'class="report-table"' in h]
    assert tables, "no table in the house style"
    rows = [len(re.findall(r"<tr>", h.split("<tbody>", 1)[1])) for h in tables if "<tbody>" in h]
    # distinctive terms: 3 per outlet at most (150 rows); every other table 20 rows or fewer
    assert sorted(rows)[-1] <= 3 * N_OUTLETS
    assert sum(1 for n in rows if n > 20) <= 3
    # no side-by-side view of 100 articles
    assert not any("Source passage</th>" in h for h in html)
