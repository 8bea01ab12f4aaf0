"""The package runs from its built wheel alone: no checkout, from any folder.

The wheel is built offline from a copy of the project's files (as a clone has them),
unpacked into a temporary folder and put on PYTHONPATH; every command runs in another
temporary folder, so that nothing of the checkout can be found by accident.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _project_files() -> list[str]:
    """The project's files as a clone has them, plus new files not yet committed (no build products)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout
    return [name for name in listed.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]


def _setuptools_version() -> tuple[int, ...]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return tuple(int(part) for part in version("setuptools").split(".")[:2] if part.isdigit())
    except PackageNotFoundError:
        return ()


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    """The wheel built offline from a copy of the project, unpacked (a wheel is a zip file)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know the project's files")
    if _setuptools_version() < (77,):  # pyproject.toml's build-system: the license field of PEP 639
        pytest.skip("building the wheel offline needs setuptools 77 or newer here: pip install 'setuptools>=77'")
    source = tmp_path_factory.mktemp("source")
    for name in _project_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, source / name)
    wheels = tmp_path_factory.mktemp("wheels")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--quiet", "-w", str(wheels), str(source)],
        capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("*.whl")
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def _run(unpacked: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "MPLBACKEND")}
    env["PYTHONPATH"] = str(unpacked)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=900)


@pytest.mark.slow
def test_the_wheel_ships_the_starter_story_notebooks_lesson_and_column_labels(unpacked):
    shipped = unpacked / "analysis" / "_shipped"
    for name in ("outlet-a.md", "outlet-b.md", "outlet-c.md", "story.yml", "codebook.yml"):
        assert (shipped / "corpus" / "askmoreofhim" / name).is_file(), name
    stages = sorted(p.name for p in (shipped / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert stages == sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert (shipped / "notebooks" / "lesson" / "workbook.ipynb").is_file()
    assert (shipped / "notebooks" / "lesson" / "teachers-guide.md").is_file()
    assert (shipped / "docs" / "column-labels.csv").read_bytes() == (ROOT / "docs" / "column-labels.csv").read_bytes()
    assert (unpacked / "analysis" / "data" / "codebooks" / "generic.yml").is_file()
    assert (unpacked / "analysis" / "templates" / "offline" / "index.html.j2").is_file()


@pytest.mark.slow
def test_the_unpacked_wheel_finds_its_folders_without_a_checkout(unpacked, tmp_path):
    probe = ("import analysis\nfrom analysis.core import paths\n"
             "print(analysis.__file__, paths.IN_CHECKOUT, paths.DEFAULT_STORY, paths.NOTEBOOKS_DIR, "
             "paths.COLUMN_LABELS, paths.REPORTS_DIR, sep='\\n')")
    result = _run(unpacked, tmp_path, "-c", probe)
    assert result.returncode == 0, result.stderr
    package, in_checkout, story, notebooks, labels, reports = result.stdout.splitlines()
    assert Path(package).is_relative_to(unpacked)  # the wheel's copy, not the checkout
    assert in_checkout == "False"
    shipped = unpacked / "analysis" / "_shipped"
    assert Path(story) == shipped / "corpus" / "askmoreofhim" and Path(story).is_dir()
    assert Path(notebooks) == shipped / "notebooks" and Path(labels).is_file()
    assert reports == "reports"  # the current folder's reports/


@pytest.mark.slow
def test_metrics_from_the_wheel_equal_those_from_the_checkout(unpacked, tmp_path):
    shutil.copytree(unpacked / "analysis" / "_shipped" / "corpus" / "askmoreofhim", tmp_path / "mystory")
    from_wheel = _run(unpacked, tmp_path, "-m", "analysis", "metrics", "mystory")
    assert from_wheel.returncode == 0, from_wheel.stderr
    from_checkout = subprocess.run([sys.executable, "-m", "analysis", "metrics", "corpus/askmoreofhim"],
                                   cwd=ROOT, capture_output=True, text=True, check=False)
    assert from_checkout.returncode == 0, from_checkout.stderr
    assert len(from_wheel.stdout.splitlines()) == 4  # a header and the starter story's three articles
    assert from_wheel.stdout == from_checkout.stdout


@pytest.mark.slow
def test_report_of_the_starter_story_renders_from_the_wheel_in_any_folder(unpacked, tmp_path):
    result = _run(unpacked, tmp_path, "-m", "analysis", "report", "--no-lesson", "--out", "out")
    assert result.returncode == 0, result.stderr
    stages = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb") if int(p.name[:2]) < 80)
    expected = [f"out/{stem}{suffix}.html" for stem in stages for suffix in ("", "-with-code")] + ["out/index.html"]
    assert result.stdout.splitlines() == expected
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "askmoreofhim" in index and 'href="00-start-here.html"' in index
    page = (tmp_path / "out" / "10-readability.html").read_text(encoding="utf-8")
    assert "Traceback" not in page and "Flesch" in page
    assert str(unpacked) not in page  # the reader's page shows no path of the machine
