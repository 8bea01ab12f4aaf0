"""The Binder set-up (binder/) is lean and resolves offline.

What is checked, without network (the README's Binder wording says exactly this):

- ``binder/requirements.txt`` installs this project from the repository root (``.``), with no
  extras, and ``binder/`` holds no other environment file that repo2docker would prefer;
- ``binder/runtime.txt`` names a Python that ``requires-python`` accepts and the classifiers list;
- (slow) pip resolves the project's runtime dependencies offline, ``--no-index``, against the
  installed environment with nothing left to install, and none of the test or scale extras
  (pytest, Playwright, Dask, pyarrow, ...) is among them or their dependencies;
- (slow) the lesson's modules import in a Python where the test and scale packages cannot be
  imported.

A real repo2docker build needs the network and Docker, so it is not run here.
"""

from __future__ import annotations

import json
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
    """Names of the installed distributions ``requirements`` pull in (markers for this Python)."""
    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        name = req.name.lower().replace("_", "-")
        if name in seen or (req.marker is not None and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        for extra in req.extras:
            todo += [Requirement(r) for r in metadata.requires(req.name) or []
                     if Requirement(r).marker is not None and Requirement(r).marker.evaluate({"extra": extra})]
        todo += [Requirement(r) for r in metadata.requires(req.name) or []
                 if Requirement(r).marker is None or Requirement(r).marker.evaluate({"extra": ""})]
    return seen


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
