"""Render the notebooks to self-contained, offline HTML reports.

Each notebook is executed once (with the corpus folder injected after its cell
tagged ``parameters``) and exported twice:

- ``<name>.html``: the reader's report, without code;
- ``<name>-with-code.html``: the teaching version, code and results together.

``index.html`` links them all. The HTML uses the ``offline`` template in
analysis/templates: it loads nothing from another host (no CDN scripts, fonts or
styles) and embeds every chart as a base64 PNG, so a report opens on a school
laptop with no network.

Reports are all-or-nothing: every notebook is executed and exported in memory
first; only when all succeeded are the files written, into a new folder beside
the output folder, which is then swapped in (:func:`publish_report`): the old
folder is renamed aside, the new one renamed into its place, the old one
removed. A failing notebook raises :class:`NotebookError` naming the notebook
and the cell; a full disk or another refusal of the system while writing
raises :class:`ReportWriteError`. Either way ``out_dir`` is left as it was.

The command ``python -m analysis report`` calls :func:`run_report`, which prints
what happened and returns the exit status (0 success, 1 notebook failure, 2 bad
input or an output folder that cannot be written).
"""

from __future__ import annotations

import copy
import errno
import html
import logging
import os
import secrets
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat

import analysis
from analysis.core import paths
from analysis.core.files import move_into_place, write_temporary
from analysis.present.interactive import STATIC_ENV

#: Folder holding the nbconvert templates shipped with the package.
TEMPLATES_DIR = paths.PACKAGE_DIR / "templates"
#: nbconvert template used for every report (analysis/templates/offline).
TEMPLATE_NAME = "offline"
#: Tag of the cell whose variables a report run overrides (papermill's convention).
PARAMETERS_TAG = "parameters"
#: Tag given to the cell that holds the overriding values.
INJECTED_TAG = "injected-parameters"
#: Tag of cells shown only in the teaching version (exercises, notes on running the notebook).
TEACHING_ONLY_TAG = "teaching-only"
#: Suffix of the teaching version (with code) of a report.
TEACHING_SUFFIX = "-with-code"
#: Seconds one cell may run before the report is abandoned.
CELL_TIMEOUT = 600
#: Notebooks numbered from here on (80-99) work on generated or large corpora, not on one
#: story: they are left out of a story's reports (notebooks/80-corpus-scale.ipynb).
FIRST_CORPUS_SCALE_NUMBER = 80


class NotebookError(RuntimeError):
    """A notebook could not be executed; ``str()`` is one line naming notebook and cell.

    Attributes
    ----------
    notebook : Path
        The notebook file.
    cell_number : int or None
        1-based position of the failing cell among all cells of the notebook as
        committed (None when the failure happened outside a cell, e.g. the kernel
        could not start).
    reason : str
        What went wrong, e.g. ``"ZeroDivisionError: division by zero"``.
    """

    def __init__(self, notebook: Path, cell_number: int | None, reason: str, snippet: str = ""):
        self.notebook = Path(notebook)
        self.cell_number = cell_number
        self.reason = " ".join(reason.split())
        self.snippet = snippet
        where = "" if cell_number is None else f" cell {cell_number}"
        if snippet:
            where += f" ({snippet})"
        super().__init__(f"{self.notebook}:{where} failed: {self.reason}")


class ReportWriteError(OSError):
    """The report could not be written (disk full, no permission...); the previous one is unchanged.

    ``str()`` is one line naming the output folder and the system's reason.
    """

    def __init__(self, out_dir: Path, reason: str, code: int | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.reason = reason
        hint = "; free some disk space and run again" if code in (errno.ENOSPC, errno.EDQUOT) else ""
        super().__init__(code or 0, f"cannot write the report to {self.out_dir}: {reason}{hint}; "
                                    "the previous report there is unchanged")

    def __str__(self) -> str:
        return str(self.strerror)


@dataclass(frozen=True)
class RenderedNotebook:
    """An executed notebook exported to HTML, not yet written to disk."""

    source: Path
    title: str
    reader_html: str
    teaching_html: str

    @property
    def reader_name(self) -> str:
        return f"{self.source.stem}.html"

    @property
    def teaching_name(self) -> str:
        return f"{self.source.stem}{TEACHING_SUFFIX}.html"


def default_notebooks(notebooks_dir: Path | None = None) -> list[Path]:
    """The numbered stage notebooks (``NN-name.ipynb``) in ``notebooks_dir``, in order.

    Notebooks numbered :data:`FIRST_CORPUS_SCALE_NUMBER` or more are not story
    stages and are left out.
    """
    folder = Path(notebooks_dir) if notebooks_dir is not None else paths.NOTEBOOKS_DIR
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if int(p.name[:2]) < FIRST_CORPUS_SCALE_NUMBER)


def render_reports(
    corpus_dir: str | Path | None,
    out_dir: Path,
    notebooks: Sequence[Path] | None = None,
    lesson: bool | None = None,
) -> list[Path]:
    """Execute notebooks against a corpus and write offline HTML reports.

    Parameters
    ----------
    corpus_dir : str, Path or None
        Story folder to analyse; None keeps each notebook's default (the
        project's default story). The notebooks are given it as
        :func:`parameter_path` writes it (no absolute path of this machine when
        the story lies in the current folder) and run in the current folder.
    out_dir : Path
        Folder for the reports; created if missing.
    notebooks : sequence of Path, optional
        Notebooks to render, in the order the index lists them; defaults to
        :func:`default_notebooks`.
    lesson : bool, optional
        Also render the lesson (printable pack, workbook blank and solved;
        :func:`analysis.present.printable.lesson_report_files`) and link it from the index.
        None: only for the default report (starter story, every notebook), as ``make report``.

    Returns
    -------
    list of Path
        The files written: reader and teaching report per notebook, then index.html.

    Raises
    ------
    NotebookError
        A cell raised, timed out or the kernel died; nothing is written.
    ReportWriteError
        The system refused to write (disk full, no permission); ``out_dir`` is unchanged.
    ValueError
        No notebooks, or a notebook has no cell tagged ``parameters``.
    """
    sources = [Path(nb) for nb in (notebooks if notebooks is not None else default_notebooks())]
    if not sources:
        raise ValueError("no notebooks to render")
    corpus = None if corpus_dir is None else Path(corpus_dir).resolve()
    shown = None if corpus_dir is None else parameter_path(corpus_dir, Path.cwd())
    started = time.monotonic()
    rendered = []
    for position, source in enumerate(sources, start=1):
        _progress(progress_line(position, len(sources), source.stem, time.monotonic() - started))
        rendered.append(render_notebook(source, shown))
    _progress(f"rendered {len(sources)} of {len(sources)} in {time.monotonic() - started:.0f} s; writing the files")

    files: dict[str, str] = {}
    for item in rendered:
        files[item.reader_name] = item.reader_html
        files[item.teaching_name] = item.teaching_html
    story_name = (corpus or paths.DEFAULT_STORY).name
    lesson_pages: list[str] = []
    starter = corpus is None or corpus == paths.DEFAULT_STORY.resolve()
    with_lesson = lesson if lesson is not None else (notebooks is None and starter)
    if with_lesson:  # analysis.present.printable
        from analysis.present.printable import lesson_report_files

        _progress("rendering the lesson: printable pack, workbook blank and solved")
        lesson_files = lesson_report_files(shown)
        files.update(lesson_files)
        lesson_pages = list(lesson_files)
    files["index.html"] = index_html(rendered, story_name, lesson_pages)
    return publish_report(Path(out_dir), files)


def progress_line(position: int, total: int, name: str, elapsed: float) -> str:
    """The line printed before a notebook is run: which one, how many of how many, time so far.

    >>> progress_line(3, 5, "20-quotes", 41.2)
    'rendering 3 of 5: 20-quotes (run once, then the reader and teaching versions) ... 41 s so far'
    """
    return (f"rendering {position} of {total}: {name} (run once, then the reader and teaching versions)"
            f" ... {elapsed:.0f} s so far")


def _progress(line: str) -> None:
    """Print a progress line on stderr (stdout keeps only the paths written)."""
    print(line, file=sys.stderr, flush=True)


def publish_report(out_dir: Path, files: Mapping[str, str]) -> list[Path]:
    """Write a whole report folder beside ``out_dir`` and swap it in as one step.

    The files are written into a new hidden folder next to ``out_dir``
    (``.<name>.new-<random>``). Entries of the old folder that this report does
    not write (another story's report folder, a file of the user's) are moved
    into the new folder, the old folder is renamed aside, the new one renamed
    into place and the old one removed. Until the two renames, the previous
    report is untouched; a failure at any step undoes the steps before it.

    Only a folder that holds nothing but reports (:func:`holds_only_reports`)
    is swapped. Into any other folder (``--out .``), and when the folder cannot
    be renamed (a mount point, a parent that is not writable), the files are
    written as temporary files inside it first, and renamed into place only
    when all of them were written; nothing else in the folder is touched.

    Parameters
    ----------
    out_dir : Path
        The output folder; created (with its parents) when missing. A symbolic
        link to a folder is kept: the folder it points to is replaced.
    files : mapping of str to str
        File name -> HTML text, written as UTF-8 with the user's umask.

    Returns
    -------
    list of Path
        ``out_dir / name`` for every file, in the order given.

    Raises
    ------
    ReportWriteError
        The system refused (disk full, no permission, a file where the folder
        should be); ``out_dir`` is as it was.
    """
    given = Path(out_dir)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given.absolute()
    try:
        if target.exists() and not target.is_dir():
            raise ReportWriteError(given, "it is a file, not a folder")
        if target.is_dir() and not holds_only_reports(target):
            # a folder of other things (--out . or a home folder): never renamed, only our files replaced
            _replace_files_in_place(target, files)
            return [given / name for name in files]
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            staging = _new_folder(target.parent, f".{target.name}.new")
        except PermissionError:  # the parent cannot be written: build the report inside the folder
            if not target.is_dir():
                raise
            _replace_files_in_place(target, files)
        else:
            _fill_and_swap(staging, target, files)
    except ReportWriteError:
        raise
    except OSError as exc:
        raise ReportWriteError(given, exc.strerror or str(exc), exc.errno) from exc
    return [given / name for name in files]


def holds_only_reports(folder: Path) -> bool:
    """True when ``folder`` holds only what reports are made of, so it may be swapped whole.

    That is HTML files, hidden temporary files (``.*.tmp``) and folders that
    are themselves reports (holding an ``index.html``, such as
    ``reports/mystory/``). A folder holding anything else is the user's: it is
    never renamed.
    """
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if entry.is_dir(follow_symlinks=False):
                    if not os.path.isfile(os.path.join(entry.path, "index.html")):
                        return False
                elif not (name.endswith(".html") or (name.startswith(".") and name.endswith(".tmp"))):
                    return False
    except OSError:
        return False
    return True


def _new_folder(parent: Path, prefix: str) -> Path:
    """Create a new empty folder ``<prefix>-<random>`` in ``parent`` (mode 0777 less the umask)."""
    for _ in range(100):
        path = parent / f"{prefix}-{secrets.token_hex(4)}"
        try:
            path.mkdir(mode=0o777)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, f"no free folder name {prefix}-* in {parent}")


def _fill_and_swap(staging: Path, target: Path, files: Mapping[str, str]) -> None:
    """Write ``files`` into ``staging``, then put ``staging`` in the place of ``target``."""
    carried: list[str] = []
    try:
        for name, text in files.items():
            _write_file(staging / name, text)
        if not target.exists():
            os.rename(staging, target)
            return
        old_mode = stat.S_IMODE(target.stat().st_mode)
        os.chmod(staging, old_mode)  # the folder keeps the permissions the user gave it
        for entry in sorted(os.listdir(target)):
            if entry not in files:  # not part of this report: keep it
                os.rename(target / entry, staging / entry)
                carried.append(entry)
        aside = _free_name(target.parent, f".{target.name}.old")
        try:
            os.rename(target, aside)
        except OSError as exc:
            if exc.errno not in (errno.EBUSY, errno.EXDEV, errno.EACCES, errno.EPERM):
                raise
            _undo_carry(staging, target, carried)
            carried = []
            _replace_files_in_place(target, files)  # a mount point cannot be renamed
            shutil.rmtree(staging, ignore_errors=True)
            return
        try:
            os.rename(staging, target)
        except BaseException:
            os.rename(aside, target)
            raise
        carried = []
        shutil.rmtree(aside, onerror=_log_removal_failure)
    except BaseException:
        _undo_carry(staging, target, carried)
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _undo_carry(staging: Path, target: Path, carried: list[str]) -> None:
    """Move the entries carried into ``staging`` back into ``target``."""
    for entry in reversed(carried):
        try:
            os.rename(staging / entry, target / entry)
        except OSError:
            logging.getLogger(__name__).warning("could not move %s back into %s; it is in %s",
                                                entry, target, staging)


def _free_name(parent: Path, prefix: str) -> Path:
    for _ in range(100):
        path = parent / f"{prefix}-{secrets.token_hex(4)}"
        if not os.path.lexists(path):
            return path
    raise FileExistsError(errno.EEXIST, f"no free name {prefix}-* in {parent}")


def _log_removal_failure(function, path, excinfo) -> None:  # noqa: ANN001 - shutil's signature
    logging.getLogger(__name__).warning("the previous report could not be removed entirely: %s", path)


def _replace_files_in_place(target: Path, files: Mapping[str, str]) -> None:
    """Write every file to a temporary file inside ``target``, then rename each into place.

    Nothing is replaced until every file was written, so a full disk leaves the
    previous report whole.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for name, text in files.items():
            staged.append((write_temporary(target, name, text), target / name))
        for temporary, final in staged:
            move_into_place(temporary, final)
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise


def _write_file(path: Path, text: str) -> None:
    """Write one report file (UTF-8, the user's umask) into the new folder."""
    with open(path, "x", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


def render_notebook(source: Path, corpus_dir: str | Path | None) -> RenderedNotebook:
    """Execute one notebook and export its reader and teaching HTML (in memory)."""
    source = Path(source)
    nb = nbformat.read(source, as_version=4)
    title = notebook_title(nb, fallback=source.stem)
    executed = execute_notebook(nb, source, corpus_dir)
    executed.metadata["title"] = title
    reader = _export(executed, include_code=False)
    teaching = _export(executed, include_code=True)
    return RenderedNotebook(source, title, reader, teaching)


def inject_parameters(nb: nbformat.NotebookNode, corpus_dir: str | Path | None) -> int:
    """Insert a cell setting ``corpus_dir`` after the ``parameters`` cell, in place.

    Returns the index of the parameters cell. Raises ValueError when the notebook
    has no cell tagged ``parameters``. With ``corpus_dir`` None nothing is inserted.

    The cell follows papermill's convention (tagged ``injected-parameters``, right
    after the cell tagged ``parameters``) without needing papermill, which is a
    test tool here, not a dependency of a classroom install.
    """
    index = next(
        (i for i, cell in enumerate(nb.cells) if PARAMETERS_TAG in cell.metadata.get("tags", [])),
        None,
    )
    if index is None:
        raise ValueError(f"no cell tagged {PARAMETERS_TAG!r}; tag the cell that sets corpus_dir")
    if corpus_dir is not None:
        cell = nbformat.v4.new_code_cell(
            f"# Injected by analysis.report\ncorpus_dir = {str(corpus_dir)!r}\n",
            metadata={"tags": [INJECTED_TAG]},
        )
        nb.cells.insert(index + 1, cell)
    return index


def execute_notebook(
    nb: nbformat.NotebookNode, source: Path, corpus_dir: str | Path | None
) -> nbformat.NotebookNode:
    """Run a copy of ``nb`` in a fresh kernel of this Python; return the executed copy.

    The kernel runs with this interpreter (``sys.executable``), so it sees the
    same installed ``analysis`` package, in the current folder, so that a
    relative ``corpus_dir`` means the same folder as on the command line.
    """
    from nbclient import NotebookClient

    work = copy.deepcopy(nb)
    try:
        parameters_index = inject_parameters(work, corpus_dir)
    except ValueError as error:
        raise ValueError(f"{source}: {error}") from None
    injected = corpus_dir is not None
    current: dict[str, int] = {}

    def on_cell_execute(cell: nbformat.NotebookNode, cell_index: int) -> None:
        current["index"] = cell_index

    # nbclient does not shut down a kernel manager it was given (it does not own it), so
    # the kernel is shut down here, whether the notebook ran or failed.
    km = _kernel_manager()
    client = NotebookClient(
        work,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        km=km,
        allow_errors=False,
        store_widget_state=False,
        record_timing=False,
        resources={"metadata": {"path": str(Path.cwd())}},
        on_cell_execute=on_cell_execute,
    )
    # The kernel's own stderr (start-up warnings, crash messages) goes to a log file,
    # so the command line prints one line per failure; a dead kernel's last words are kept.
    with tempfile.TemporaryFile(mode="w+b") as kernel_log:
        try:
            client.execute(env=_kernel_env(), stdout=kernel_log, stderr=kernel_log)
        except Exception as error:  # nbclient raises several unrelated types
            kernel_log.seek(0)
            last_words = _last_line(kernel_log.read().decode("utf-8", "replace"))
            _raise_notebook_error(source, work, current.get("index"), parameters_index, injected, error, last_words)
        finally:
            _shut_down(km)
    return work


def _shut_down(km) -> None:
    """Stop the kernel of ``km`` (if it is still running) and remove its connection file."""
    try:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    except Exception:  # a kernel that already died leaves nothing to stop
        logging.getLogger(__name__).debug("kernel shutdown failed", exc_info=True)


def _raise_notebook_error(
    source: Path,
    work: nbformat.NotebookNode,
    index: int | None,
    parameters_index: int,
    injected: bool,
    error: Exception,
    last_words: str,
) -> None:
    """Raise NotebookError for the cell at ``index`` of the executed copy ``work``."""
    from nbclient.exceptions import DeadKernelError

    if index is None:
        reason = _describe_failure(error)
        raise NotebookError(source, None, f"{reason} ({last_words})" if last_words else reason) from error
    cell = work.cells[index]
    reason = _describe_failure(error, cell)
    if last_words and isinstance(error, DeadKernelError):
        reason = f"{reason} (kernel: {last_words})"
    original = index - 1 if injected and index > parameters_index else index
    raise NotebookError(source, original + 1, reason, _first_line(cell.source)) from error


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """Text of the first Markdown heading of a notebook, or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                text = line.lstrip("#").strip()
                if text:
                    return text
    return fallback


def index_html(rendered: Sequence[RenderedNotebook], story_name: str, lesson_pages: Sequence[str] = ()) -> str:
    """The index page linking every report (and the lesson's pages, if any); all text is HTML-escaped."""
    from analysis.present.printable import LESSON_PAGES

    lesson = "".join(
        f'<li><a href="{html.escape(quote(name), quote=True)}">{html.escape(name)}</a>: '
        f"{html.escape(LESSON_PAGES.get(name, ''))}</li>\n"
        for name in lesson_pages
    )
    if lesson:
        lesson = ("<h2>The lesson</h2>\n<p>For a class with or without Python; the teacher's guide is "
                  "<code>notebooks/lesson/teachers-guide.md</code>.</p>\n<ul>\n" + lesson + "</ul>\n")
    rows = "\n".join(
        "<li><strong>{title}</strong>: <a href=\"{reader}\">report</a> · "
        "<a href=\"{teaching}\">with code (teaching version)</a></li>".format(
            title=html.escape(item.title),
            reader=html.escape(quote(item.reader_name), quote=True),
            teaching=html.escape(quote(item.teaching_name), quote=True),
        )
        for item in rendered
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Reports: {html.escape(story_name)}</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem;
         line-height: 1.5; color: #222; }}
  li {{ margin: 0.4rem 0; }}
  footer {{ margin-top: 2rem; color: #555; font-size: 0.9rem; }}
</style>
</head>
<body>
<main>
<h1>Reports for the story “{html.escape(story_name)}”</h1>
<p>Each report comes in two versions: the report for readers, and the teaching version that
shows the code behind every table and chart.</p>
<ul>
{rows}
</ul>
{lesson}<footer>Made with the analysis package, version {html.escape(analysis.__version__)}. These pages
load nothing from the internet and can be opened offline.</footer>
</main>
</body>
</html>
"""


def run_report(
    corpus_dir: str | Path | None,
    out_dir: str | Path | None = None,
    notebooks: Sequence[Path] | None = None,
    lesson: bool | None = None,
) -> int:
    """Render the reports for a story, printing what happened; return the exit status.

    The story is read leniently first: every invalid file is listed on stderr as
    ``skipped ...``, and a story with no valid article is refused. Progress lines
    and errors go to stderr (one line each), the paths written to stdout.

    Parameters
    ----------
    corpus_dir : str, Path or None
        Story folder as the user gave it; None means the starter story.
    out_dir : str, Path or None
        Output folder; None means :data:`analysis.core.paths.REPORTS_DIR`.
    notebooks : sequence of Path, optional
        Notebooks to render; defaults to :func:`default_notebooks`.
    lesson : bool, optional
        Also render the lesson (see :func:`render_reports`).

    Returns
    -------
    int
        0 on success, 1 when a notebook failed, 2 for bad input or an output
        folder that cannot be written.
    """
    from analysis.core.errors import InputError
    from analysis.io.corpus import load_story

    if corpus_dir is not None and str(corpus_dir) == "":
        corpus_dir = None  # the starter story, as for paths.resolve_story
    try:
        story_dir = paths.resolve_story(corpus_dir)
        story = load_story(story_dir, strict=False)
        for issue in story.issues:
            print(f"skipped {issue.one_line()}", file=sys.stderr)
        if not story.articles:
            raise InputError(story_dir, "no valid articles to report on (every file was skipped)")
    except InputError as error:
        print(f"error: {error.one_line()}", file=sys.stderr)
        return 2
    for notebook in notebooks or []:
        if not Path(notebook).is_file():
            print(f"error: {notebook}: no such notebook", file=sys.stderr)
            return 2
    try:
        written = render_reports(corpus_dir, Path(out_dir) if out_dir is not None else paths.REPORTS_DIR,
                                 notebooks, lesson=lesson)
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except InputError as error:
        print(f"error: {error.one_line()}", file=sys.stderr)
        return 2
    except (ReportWriteError, ValueError) as error:
        print(f"error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


def parameter_path(corpus_dir: str | Path, cwd: Path) -> str:
    """The story folder as a report's injected cell shows it: relative to ``cwd`` when inside it.

    A relative path is kept as given; an absolute path inside ``cwd`` becomes
    relative to it, so that a report does not show where the user's files are
    on their machine; any other absolute path is kept as given.

    Parameters
    ----------
    corpus_dir : str or Path
        The story folder as the user gave it.
    cwd : Path
        The folder the notebooks run in (the current folder).

    Returns
    -------
    str

    >>> parameter_path("/home/ana/work/corpus/mystory", Path("/home/ana/work"))
    'corpus/mystory'
    >>> parameter_path("../stories/mystory", Path("/home/ana/work"))
    '../stories/mystory'
    """
    given = Path(corpus_dir).expanduser()
    if not given.is_absolute():
        return str(given)
    try:
        return str(given.relative_to(cwd))
    except ValueError:
        pass
    try:
        return str(given.resolve().relative_to(cwd.resolve()))
    except ValueError:
        return str(given)


def _export(nb: nbformat.NotebookNode, *, include_code: bool) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        theme="light",
        exclude_input=not include_code,
        exclude_input_prompt=not include_code,
        exclude_output_prompt=not include_code,
    )
    document = nb if include_code else _reader_copy(nb)
    body, _ = exporter.from_notebook_node(document)
    return body


def _reader_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Copy of an executed notebook for readers.

    Drops cells tagged ``teaching-only`` and the warnings and log lines (stderr
    streams) that cells printed; the code itself is hidden by the exporter.
    """
    reader = copy.deepcopy(nb)
    reader.cells = [
        cell for cell in reader.cells if TEACHING_ONLY_TAG not in cell.metadata.get("tags", [])
    ]
    for cell in reader.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                output
                for output in cell.outputs
                if not (output.get("output_type") == "stream" and output.get("name") == "stderr")
            ]
    return reader


def _kernel_manager():
    """A kernel manager whose ``python3`` kernel is this interpreter, whatever kernelspecs exist."""
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    class ThisPythonKernelSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())

    return KernelManager(kernel_name="python3", kernel_spec_manager=ThisPythonKernelSpecs())


def _kernel_env() -> dict[str, str]:
    """Environment of the kernel: ours, made to import this very ``analysis`` package.

    The folder holding the package goes first on PYTHONPATH and relative entries are
    made absolute (the kernel runs in the notebook's folder). MPLBACKEND is dropped
    so that the kernel's inline backend shows figures.
    """
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    package_parent = str(Path(analysis.__file__).resolve().parent.parent)
    entries = [package_parent]
    for entry in env.get("PYTHONPATH", "").split(os.pathsep):
        if entry:
            absolute = str(Path(entry).resolve())
            if absolute not in entries:
                entries.append(absolute)
    env["PYTHONPATH"] = os.pathsep.join(entries)
    env[STATIC_ENV] = "1"  # reports cannot run widgets: notebooks show plain output instead
    return env


def _describe_failure(error: BaseException, cell: nbformat.NotebookNode | None = None) -> str:
    if cell is not None:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
    name = type(error).__name__
    message = str(error).strip().splitlines()
    return f"{name}: {message[-1]}" if message else name


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _first_line(source: str, limit: int = 60) -> str:
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    if not lines:
        return ""
    line = lines[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"

