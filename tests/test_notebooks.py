"""Every notebook is committed clean, is parameterised, and runs on the default story."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from analysis.core import paths
from analysis.present import report

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
IDS = [nb.name for nb in NOTEBOOKS]
# the story stages run on a story; corpus-scale notebooks (80-99) run on a generated corpus
STORY_NOTEBOOKS = report.default_notebooks(paths.NOTEBOOKS_DIR)
SCALE_NOTEBOOKS = [nb for nb in NOTEBOOKS if nb not in STORY_NOTEBOOKS]


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def test_there_are_notebooks_and_all_are_numbered_stages():
    assert NOTEBOOKS, f"no notebooks in {paths.NOTEBOOKS_DIR}"
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", name) for name in IDS), IDS
    assert [nb.name for nb in report.default_notebooks()] == [nb.name for nb in STORY_NOTEBOOKS]
    assert all(int(nb.name[:2]) < report.FIRST_CORPUS_SCALE_NUMBER for nb in STORY_NOTEBOOKS)
    assert [nb.name for nb in SCALE_NOTEBOOKS] == ["80-corpus-scale.ipynb"]


def test_corpus_scale_notebooks_are_not_story_reports(tmp_path):
    for name in ("10-a.ipynb", "79-b.ipynb", "80-scale.ipynb", "95-more.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in report.default_notebooks(tmp_path)] == ["10-a.ipynb", "79-b.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_valid_and_committed_without_outputs(path):
    nb = _read(path)
    nbformat.validate(nb)
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {number} has outputs"
            assert cell.execution_count is None, f"cell {number} has an execution count"
    assert "widgets" not in nb.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_first_code_cell_imports_and_second_is_the_parameters_cell(path):
    first, second = _code_cells(_read(path))[:2]
    statements = ast.parse(first.source).body
    assert statements and all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in statements)
    assert any(isinstance(s, ast.ImportFrom) and s.module == "analysis" for s in statements)

    assert report.PARAMETERS_TAG in second.metadata.get("tags", [])
    assigned = {
        target.id: node.value
        for node in ast.parse(second.source).body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert "corpus_dir" in assigned
    assert isinstance(assigned["corpus_dir"], ast.Constant) and assigned["corpus_dir"].value is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_no_relative_paths_installs_or_plt_show(path):
    source = "\n".join(cell.source for cell in _read(path).cells if cell.cell_type == "code")
    for forbidden in ("../", "..\\", "!pip", "%pip", "plt.show(", "nltk.download"):
        assert forbidden not in source


@pytest.mark.slow
@pytest.mark.parametrize("path", STORY_NOTEBOOKS, ids=[nb.name for nb in STORY_NOTEBOOKS])
def test_notebook_executes_on_the_default_story(path, rendered_reports):
    # rendered_reports executed every notebook (a failure raises there, naming the cell)
    reader = rendered_reports / f"{path.stem}.html"
    teaching = rendered_reports / f"{path.stem}{report.TEACHING_SUFFIX}.html"
    assert reader.is_file() and teaching.is_file()
    text = reader.read_text(encoding="utf-8")
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text
    assert "Traceback" not in text


SECOND_STORY = Path(__file__).parent / "fixtures" / "stories" / "library-closure"


@pytest.mark.slow
def test_every_notebook_runs_unchanged_on_the_second_story(tmp_path):
    written = report.render_reports(SECOND_STORY, tmp_path, report.default_notebooks(paths.NOTEBOOKS_DIR))
    names = {p.name for p in written}
    for path in STORY_NOTEBOOKS:
        assert f"{path.stem}.html" in names
        text = (tmp_path / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "Traceback" not in text
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text
    assert "library-closure" in (tmp_path / "00-start-here.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("path", SCALE_NOTEBOOKS, ids=[nb.name for nb in SCALE_NOTEBOOKS])
def test_corpus_scale_notebook_runs_on_500_generated_articles(path):
    pytest.importorskip("pyarrow")
    nb = _read(path)
    index = report.inject_parameters(nb, None)
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell("n_articles = 500", metadata={"tags": [report.INJECTED_TAG]}))
    executed = report.execute_notebook(nb, path, None)
    outputs = [out for cell in executed.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    assert not [out for out in outputs if out.output_type == "stream" and out.name == "stderr"]
    text = "\n".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert "500 articles (" in text and "500 articles analysed, 0 records skipped" in text
    images = [out for out in outputs if "image/png" in out.get("data", {})]
    assert len(images) == 2
