"""Offline HTML reports: contents, offline-ness, failure handling.

The pages in a real browser (Chromium): tests/test_browser.py.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.core import paths
from analysis.present import report

NOTEBOOK_STEMS = [nb.stem for nb in report.default_notebooks(paths.NOTEBOOKS_DIR)]

# ---------------------------------------------------------------------------
# static checks of the rendered HTML
# ---------------------------------------------------------------------------

REMOTE_PATTERNS = {
    "remote script": re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", re.I),
    "remote stylesheet or icon": re.compile(r"<link[^>]*\bhref\s*=\s*[\"']?\s*(https?:)?//", re.I),
    "remote @import": re.compile(r"@import\s+(url\()?\s*[\"']?\s*(https?:)?//", re.I),
    "remote image": re.compile(r"<img[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", re.I),
    "remote CSS url()": re.compile(r"url\(\s*[\"']?\s*(https?:)?//", re.I),
    "CDN": re.compile(r"cdn", re.I),
    "require.js": re.compile(r"require(\.min)?\.js", re.I),
    "MathJax": re.compile(r"mathjax", re.I),
    "Mermaid": re.compile(r"mermaid", re.I),
}
DATA_URI = re.compile(r"data:[^\"')\s]+")


def _html_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


def _without_data_uris(text: str) -> str:
    # base64 image data can contain any three letters, e.g. "cdn"
    return DATA_URI.sub("data:", text)


def test_every_notebook_has_a_reader_report_a_teaching_report_and_an_index_entry(rendered_reports):
    names = {path.name for path in _html_files(rendered_reports)}
    expected = {"index.html"}
    for stem in NOTEBOOK_STEMS:
        expected |= {f"{stem}.html", f"{stem}{report.TEACHING_SUFFIX}.html"}
    assert names == expected
    index = (rendered_reports / "index.html").read_text(encoding="utf-8")
    for stem in NOTEBOOK_STEMS:
        assert f'href="{stem}.html"' in index
        assert f'href="{stem}{report.TEACHING_SUFFIX}.html"' in index


def test_reports_reference_nothing_on_another_host(rendered_reports):
    for path in _html_files(rendered_reports):
        text = _without_data_uris(path.read_text(encoding="utf-8"))
        found = {name: m.group(0) for name, p in REMOTE_PATTERNS.items() if (m := p.search(text))}
        assert found == {}, f"{path.name}: {found}"


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdnjs.cloudflare.com/require.js"></script>',
        "<script type='text/javascript' src=//unpkg.com/x.js></script>",
        '<link rel="stylesheet" href="http://fonts.example.org/a.css">',
        "<style>@import url('https://fonts.example.org/a.css');</style>",
        '<style>@import "https://fonts.example.org/a.css";</style>',
        '<img src="https://example.org/chart.png">',
        "<style>body { background: url(https://example.org/bg.png) }</style>",
        '<script type="text/x-mathjax-config">MathJax.Hub.Config({})</script>',
    ],
)
def test_remote_patterns_catch_known_cdn_loads(snippet):
    assert any(p.search(_without_data_uris(snippet)) for p in REMOTE_PATTERNS.values())


def test_data_uris_are_ignored_but_nothing_else_is():
    assert not any(p.search(_without_data_uris('<img src="data:image/png;base64,cdnMathJax">'))
                   for p in REMOTE_PATTERNS.values())


def test_reader_report_has_no_code_and_teaching_report_has_code(rendered_reports):
    for stem in NOTEBOOK_STEMS:
        reader = (rendered_reports / f"{stem}.html").read_text(encoding="utf-8")
        teaching = (rendered_reports / f"{stem}{report.TEACHING_SUFFIX}.html").read_text(encoding="utf-8")
        assert 'class="jp-CodeMirrorEditor' not in reader
        assert 'class="jp-CodeMirrorEditor' in teaching
        assert "from analysis import" not in html.unescape(reader)
        assert "from analysis import" in html.unescape(re.sub(r"<[^>]+>", "", teaching))


def test_charts_are_embedded_pngs_with_alt_text(rendered_reports):
    for stem in NOTEBOOK_STEMS:
        reader = (rendered_reports / f"{stem}.html").read_text(encoding="utf-8")
        images = re.findall(r"<img\b[^>]*>", reader)
        if not stem.startswith("00-"):  # the start page is tables and text only
            assert images, f"{stem}: no chart"
        for tag in images:
            assert re.search(r'\bsrc="data:image/png;base64,', tag)
            alt = re.search(r'\balt="([^"]*)"', tag)
            assert alt and len(alt.group(1)) > 20, tag[:200]


def test_readability_report_states_provenance_and_caveats(rendered_reports):
    text = html.unescape((rendered_reports / "10-readability.html").read_text(encoding="utf-8"))
    from analysis import __version__
    from analysis.io.corpus import load_story

    assert f"analysis package {__version__}" in text
    assert load_story(paths.DEFAULT_STORY, strict=False).corpus_sha256 in text
    assert "Caveat" in text
    assert "# your code here" not in text  # teaching-only cells stay out of the reader's report


def test_index_escapes_titles_and_names():
    item = report.RenderedNotebook(Path("99-a&b c.ipynb"), '<script>alert("x")</script> & co', "", "")
    page = report.index_html([item], 'story "<b>"')
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert 'href="99-a%26b%20c.html"' in page
    assert "story &quot;&lt;b&gt;&quot;" in page


# ---------------------------------------------------------------------------
# failures: a broken notebook names itself and its cell, and writes nothing
# ---------------------------------------------------------------------------


def _notebook(path: Path, *code: str, parameters: bool = True) -> Path:
    cells = [new_markdown_cell("# A test notebook"), new_code_cell("import analysis")]
    if parameters:
        cells.append(new_code_cell("corpus_dir = None", metadata={"tags": ["parameters"]}))
    cells += [new_code_cell(source) for source in code]
    nbformat.write(new_notebook(cells=cells), path)
    return path


@pytest.mark.slow
def test_failing_cell_raises_naming_notebook_and_cell_and_writes_nothing(tmp_path):
    broken = _notebook(tmp_path / "50-broken.ipynb", "x = 1", "1 / 0", "print('never')")
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("previous", encoding="utf-8")

    with pytest.raises(report.NotebookError) as caught:
        report.render_reports(None, out, [broken])

    error = caught.value
    assert error.notebook == broken
    assert error.cell_number == 5  # markdown, import, parameters, x = 1, 1 / 0
    assert "ZeroDivisionError" in str(error) and "1 / 0" in str(error)
    assert "50-broken.ipynb" in str(error) and "cell 5" in str(error)
    assert "\n" not in str(error)
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"


def _story(folder: Path) -> Path:
    """A story folder with one valid article."""
    folder.mkdir(parents=True)
    (folder / "outlet-a.md").write_text(
        "---\noutlet: Outlet A\ntitle: A title\n---\nThe council met on Monday. It agreed on a plan.\n",
        encoding="utf-8")
    return folder


@pytest.mark.slow
def test_run_report_injects_corpus_dir_and_reports_failure_on_one_line(tmp_path, capsys):
    story = _story(tmp_path / "my story")
    broken = _notebook(tmp_path / "60-check.ipynb", "raise ValueError(f'corpus is {corpus_dir}')")
    out = tmp_path / "out"

    status = report.run_report(story, out, [broken])

    _, err = capsys.readouterr()
    assert status == 1
    *progress, last = err.splitlines()
    assert progress == ["rendering 1 of 1: 60-check (run once, then the reader and teaching versions) ... 0 s so far"]
    assert last.startswith("error: ")  # the failure itself is one line, the last
    # the injected cell does not shift the numbering: the failing cell is the 4th committed cell
    assert "60-check.ipynb: cell 4" in err
    assert f"ValueError: corpus is {story}" in err  # outside the current folder: as given
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.slow
def test_render_reports_injects_corpus_dir_after_parameters_cell(tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    notebook = _notebook(tmp_path / "70-echo.ipynb", "print('corpus:', corpus_dir)")

    written = report.render_reports(story, tmp_path / "out", [notebook])

    assert [p.name for p in written] == ["70-echo.html", f"70-echo{report.TEACHING_SUFFIX}.html", "index.html"]
    text = html.unescape((tmp_path / "out" / "70-echo.html").read_text(encoding="utf-8"))
    assert f"corpus: {story.resolve()}" in text
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


@pytest.mark.slow
@pytest.mark.parametrize("given", ["relative", "absolute"])
def test_teaching_report_shows_the_story_folder_relative_to_the_current_folder(tmp_path, monkeypatch, given):
    work = tmp_path / "work"
    story = _story(work / "stories" / "mine")
    monkeypatch.chdir(work)
    notebook = _notebook(tmp_path / "70-echo.ipynb",
                         "from pathlib import Path\nprint('found:', Path(corpus_dir).is_dir())")
    corpus_dir = "stories/mine" if given == "relative" else str(story)

    report.render_reports(corpus_dir, tmp_path / "out", [notebook])

    teaching = html.unescape((tmp_path / "out" / f"70-echo{report.TEACHING_SUFFIX}.html").read_text(encoding="utf-8"))
    code = re.sub(r"<[^>]+>", "", teaching)  # the highlighted code without its markup
    assert "corpus_dir = 'stories/mine'" in code
    assert str(tmp_path) not in code  # no absolute path of this machine
    assert "found: True" in code  # the kernel runs in the current folder, where the relative path leads


@pytest.mark.parametrize(
    ("corpus_dir", "cwd", "shown"),
    [
        ("corpus/mystory", "/home/ana/work", "corpus/mystory"),
        ("/home/ana/work/corpus/mystory", "/home/ana/work", "corpus/mystory"),
        ("/srv/stories/mystory", "/home/ana/work", "/srv/stories/mystory"),
        ("../stories/mystory", "/home/ana/work", "../stories/mystory"),
    ],
)
def test_parameter_path_is_relative_to_the_current_folder_when_inside_it(corpus_dir, cwd, shown):
    assert report.parameter_path(corpus_dir, Path(cwd)) == shown


@pytest.mark.parametrize(
    ("position", "total", "name", "elapsed", "line"),
    [
        (1, 5, "00-start-here", 0.2,
         "rendering 1 of 5: 00-start-here (run once, then the reader and teaching versions) ... 0 s so far"),
        (3, 11, "20-quotes", 41.4,
         "rendering 3 of 11: 20-quotes (run once, then the reader and teaching versions) ... 41 s so far"),
    ],
)
def test_progress_line_names_the_notebook_its_position_and_the_time_so_far(position, total, name, elapsed, line):
    assert report.progress_line(position, total, name, elapsed) == line


@pytest.mark.slow
def test_rendering_prints_one_progress_line_per_notebook_on_stderr_and_only_paths_on_stdout(tmp_path, capsys):
    first = _notebook(tmp_path / "10-one.ipynb", "x = 1")
    second = _notebook(tmp_path / "20-two.ipynb", "y = 2")

    status = report.run_report(None, tmp_path / "out", [first, second])

    out, err = capsys.readouterr()
    assert status == 0
    lines = err.splitlines()
    assert [line.split(" ... ")[0] for line in lines[:2]] == [
        "rendering 1 of 2: 10-one (run once, then the reader and teaching versions)",
        "rendering 2 of 2: 20-two (run once, then the reader and teaching versions)",
    ]
    assert all(re.search(r" \.\.\. \d+ s so far$", line) for line in lines[:2])
    assert re.fullmatch(r"rendered 2 of 2 in \d+ s; writing the files", lines[2])
    assert len(lines) == 3
    assert all(line.endswith(".html") for line in out.splitlines())


def test_report_stylesheet_stacks_tables_on_a_phone_and_has_a_print_style():
    template = (report.TEMPLATES_DIR / report.TEMPLATE_NAME / "index.html.j2").read_text(encoding="utf-8")
    assert "@media (max-width: 40rem)" in template and "attr(data-label)" in template
    assert "@media print" in template


def test_notebook_without_parameters_cell_is_rejected_before_running(tmp_path):
    notebook = _notebook(tmp_path / "80-plain.ipynb", "1 / 0", parameters=False)
    with pytest.raises(ValueError, match=r"80-plain\.ipynb.*parameters"):
        report.render_reports(None, tmp_path / "out", [notebook])
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("corpus_dir", "notebook", "message"),
    [
        ("{missing}", None, "no such folder"),
        (None, "{missing}", "no such notebook"),
    ],
)
def test_run_report_rejects_bad_input_with_exit_status_2(tmp_path, capsys, corpus_dir, notebook, message):
    missing = str(tmp_path / "does-not-exist")
    notebooks = None if notebook is None else [Path(notebook.format(missing=missing))]
    status = report.run_report(corpus_dir and corpus_dir.format(missing=missing), tmp_path / "out", notebooks)
    _, err = capsys.readouterr()
    assert status == 2
    assert err.count("\n") == 1 and message in err and "does-not-exist" in err
    assert not (tmp_path / "out").exists()


def test_run_report_refuses_a_story_with_no_valid_article_listing_what_it_skipped(tmp_path, capsys):
    story = tmp_path / "story"
    story.mkdir()
    (story / "broken.md").write_text("no front matter\n", encoding="utf-8")
    status = report.run_report(story, tmp_path / "out")
    _, err = capsys.readouterr()
    assert status == 2
    first, last = err.splitlines()
    assert first.startswith("skipped ") and "broken.md" in first
    assert last.startswith("error: ") and "no valid articles to report on" in last
    assert not (tmp_path / "out").exists()


def test_default_notebooks_are_the_numbered_ones_in_order(tmp_path):
    for name in ("20-b.ipynb", "10-a.ipynb", "scratch.ipynb", "Untitled.ipynb", "5-x.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in report.default_notebooks(tmp_path)] == ["10-a.ipynb", "20-b.ipynb"]


def _live_kernels() -> set[int]:
    """Process ids of this test process's live ipykernel children (any depth)."""
    import psutil

    found = set()
    for child in psutil.Process().children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline()):
                found.add(child.pid)
        except psutil.NoSuchProcess:
            continue
    return found


@pytest.mark.slow
def test_rendering_leaves_no_kernel_running_after_success_or_failure(tmp_path):
    before = _live_kernels()
    good = _notebook(tmp_path / "70-echo.ipynb", "print('ok')")
    broken = _notebook(tmp_path / "71-broken.ipynb", "1 / 0")
    report.render_reports(None, tmp_path / "out", [good, good])
    with pytest.raises(report.NotebookError):
        report.render_reports(None, tmp_path / "out2", [broken])
    # three kernels were started; shutdown_kernel waits for each to exit, so none is left
    assert _live_kernels() - before == set()
