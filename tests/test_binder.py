"""The Binder set-up (binder/) is lean and resolves offline.

What is checked, without network (the README's Binder wording says exactly this):

- ``binder/requirements.txt`` installs this project from the repository root (``.``), with no
  extras, and ``binder/`` holds no other environment file that repo2docker would prefer;
- ``binder/runtime.txt`` names a Python that ``requires-python`` accepts and the classifiers list;
- (slow) pip resolves the project's runtime dependencies offline, ``--no-index``, against the
  installed environment with nothing left to install, and none of the test or scale extras
  (pytest, Playwright, Dask, pyarrow, ...) is among them or their dependencies;
- (slow) the lesson's modules import in a Python where the test and scale packages cannot be
  imported;
- (slow) ``pip install --no-index -r binder/requirements.txt``, run from a copy of the repository
  as repo2docker runs it, succeeds in a clean venv that sees only the runtime closure's installed
  files (no index, no network, no test or scale package), and the lesson's four pages render there
  from the installed copy (the workbook runs blank and solved in that venv's kernel).

A real repo2docker build needs the network and a Docker daemon, so it is not run here: the
dependencies come from this machine's environment, not from the package index, and repo2docker's
base image is not used.
"""

from __future__ import annotations

import json
import os
import shutil
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = {"test", "scale"}
# repo2docker reads these; any of them in binder/ besides requirements.txt and runtime.txt
# would change what the image installs.
OTHER_ENV_FILES = ["environment.yml", "Pipfile", "Pipfile.lock", "setup.py", "Project.toml",
                   "REQUIRE", "install.R", "apt.txt", "postBuild", "requirements3.txt"]


def _requirement_lines() -> list[str]:
    text = (BINDER / "requirements.txt").read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _extra_packages() -> set[str]:
    return {_name(r) for extra in EXTRAS for r in PYPROJECT["project"]["optional-dependencies"][extra]}


def test_requirements_install_the_project_and_nothing_else():
    assert _requirement_lines() == ["."]


def test_no_other_environment_file_takes_over():
    present = [name for name in OTHER_ENV_FILES if (BINDER / name).exists()]
    assert present == []


def test_runtime_is_a_supported_python():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(3)\.(\d+)", runtime)
    assert match, f"binder/runtime.txt: {runtime!r} is not of the form python-3.X"
    minimum = re.fullmatch(r">=3\.(\d+)", PYPROJECT["project"]["requires-python"])
    assert minimum and int(match.group(2)) >= int(minimum.group(1))
    assert f"Programming Language :: Python :: 3.{match.group(2)}" in PYPROJECT["project"]["classifiers"]


def _closure(requirements: list[str]) -> set[str]:
    """Names of the installed distributions ``requirements`` pull in (markers for this Python).

    A requirement with extras (``bleach[css]``) pulls in its plain dependencies and
    those its extras add (``tinycss2``).
    """
    from packaging.requirements import Requirement

    names: set[str] = set()
    walked: set[tuple[str, str]] = set()
    todo = [(Requirement(r), "") for r in requirements]
    while todo:
        req, extra = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        name = req.name.lower().replace("_", "-")
        names.add(name)
        for wanted in ["", *sorted(req.extras)]:
            if (name, wanted) not in walked:
                walked.add((name, wanted))
                todo += [(Requirement(r), wanted) for r in metadata.requires(req.name) or []]
    return names


@pytest.mark.slow
def test_runtime_dependencies_resolve_offline_with_nothing_to_install(tmp_path):
    report = tmp_path / "report.json"
    deps = PYPROJECT["project"]["dependencies"]
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--quiet",
         "--report", str(report), *deps],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["install"] == []


# Small packages an extra lists that the runtime needs anyway, through another dependency.
ALSO_RUNTIME = {"tqdm": "nltk requires it", "psutil": "ipykernel requires it", "setuptools": "textstat requires it"}


@pytest.mark.slow
def test_runtime_closure_holds_no_test_or_scale_package():
    closure = _closure(PYPROJECT["project"]["dependencies"])
    assert "jupyterlab" in closure and "nbclient" in closure  # the walk did reach the dependencies
    assert closure & _extra_packages() <= set(ALSO_RUNTIME)
    assert {"dask", "distributed", "pyarrow", "playwright", "pytest", "papermill"} & closure == set()


BLOCKER = """
import importlib.abc, sys
BLOCKED = {blocked!r}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} is a test or scale package")
        return None
sys.meta_path.insert(0, Block())
import analysis.present.lesson, analysis.present.printable, analysis.evaluate.agreement, analysis.framing.codebook, analysis.metrics
import analysis.speech.quote_tables, analysis.framing.frames, analysis.io.corpus, analysis.present.report
print("ok")
"""


@pytest.mark.slow
def test_lesson_imports_without_test_or_scale_packages():
    blocked = {"pytest", "hypothesis", "papermill", "playwright", "dask", "distributed", "pyarrow"}
    result = subprocess.run([sys.executable, "-c", BLOCKER.format(blocked=blocked)],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


# --- an install of binder/requirements.txt in a clean venv, offline -------------------------------

def _project_copy(folder: Path) -> Path:
    """The project's files as a clone has them (tracked and new, no build products)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout
    for name in listed.decode("utf-8").split("\0"):
        if name and (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes((ROOT / name).read_bytes())
    return folder


def _runtime_packages(folder: Path, venv: Path) -> Path:
    """A folder that holds the runtime closure's installed files (links), and nothing else.

    It stands in for the package index: the clean venv sees these distributions and
    no other, so an install that needs anything outside the runtime closure fails.
    Their data files (``share/jupyter/...``: nbconvert's templates, the kernel spec)
    are linked into the venv where pip would have put them; their scripts are not.
    """
    folder.mkdir()
    for name in sorted(_closure(PYPROJECT["project"]["dependencies"])):
        dist = metadata.distribution(name)
        for top in {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}:
            source = Path(str(dist.locate_file(top)))
            if source.exists() and not (folder / top).exists() and top != "__pycache__":
                (folder / top).symlink_to(source)
        for data in (f for f in dist.files or [] if str(f).startswith("../../../share/")):
            target = venv.joinpath(*Path(str(data)).parts[3:])
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.symlink_to(Path(str(dist.locate_file(data))).resolve())
    return folder


CLEAN_CHECK = """
import importlib.util, sys
from importlib import metadata
names = {d.metadata["Name"].lower().replace("_", "-") for d in metadata.distributions()}
print(sorted(n for n in BLOCKED if importlib.util.find_spec(n) is not None or n in names))
import json
url = json.loads(metadata.distribution("media-framing-analysis").read_text("direct_url.json"))
print(metadata.version("media-framing-analysis"), url["url"], url.get("dir_info", {}).get("editable", False))
from analysis.present.printable import lesson_report_files
import analysis
pages = lesson_report_files(None)
print(analysis.__file__)
print(sorted(pages), all("Outlet A" in page and "Traceback" not in page for page in pages.values()))
"""


@pytest.mark.slow
def test_binder_requirements_install_offline_in_a_clean_venv_and_run_the_lesson(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know the project's files")
    source = _project_copy(tmp_path / "repo")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    packages = _runtime_packages(tmp_path / "runtime", venv)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "runtime-closure.pth").write_text(f"{packages}\n", encoding="utf-8")
    # as repo2docker does it: pip install -r binder/requirements.txt from the repository root;
    # --no-index: nothing may come from the network, so every requirement must already be there
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "--no-build-isolation",
         "--quiet", "-r", "binder/requirements.txt"],
        cwd=source, capture_output=True, text=True, check=False, timeout=900)
    assert install.returncode == 0, install.stderr
    blocked = {"pytest", "hypothesis", "papermill", "playwright", "dask", "distributed", "pyarrow"}
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    ran = subprocess.run([str(python), "-c", CLEAN_CHECK.replace("BLOCKED", repr(blocked))], cwd=tmp_path,
                         capture_output=True, text=True, check=False, timeout=900, env=env)
    assert ran.returncode == 0, ran.stderr
    missing_extras, version, package, pages = ran.stdout.splitlines()[-4:]
    assert missing_extras == "[]"  # no test or scale package can be imported or is installed
    import analysis

    # the checkout's version, installed from the copy, not as an editable link
    assert version.split() == [analysis.__version__, source.as_uri(), "False"]
    assert Path(package).is_relative_to(site)  # the installed copy, not the checkout
    assert pages == ("['lesson-pack.html', 'lesson-slides.html', 'lesson-workbook-solved.html', "
                     "'lesson-workbook.html'] True")


def test_readme_names_the_binder_checks_that_exist_and_gives_the_badge_as_a_template():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    binder = readme.split("**Binder.**", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"`(test_\w+)`", binder)
    assert named and all(f"def {name}(" in Path(__file__).read_text(encoding="utf-8") for name in named)
    assert "tests/test_binder.py" in binder and "Not checked" in binder
    badge = re.search(r"\]\((https://mybinder\.org/v2/gh/[^)]+)\)", binder)
    assert badge and "<owner>/<repo>" in badge.group(1) and "template" in binder  # no real address claimed
    assert "labpath=notebooks%2Flesson%2Fworkbook.ipynb" in badge.group(1)
    assert (ROOT / "notebooks" / "lesson" / "workbook.ipynb").is_file()
