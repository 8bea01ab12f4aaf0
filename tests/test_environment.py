"""The project's set-up files agree with each other (pyproject, environment.yml, Makefile)."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

import analysis

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


@pytest.fixture(scope="module")
def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_environment_yml_has_only_name_channels_and_dependencies(environment):
    assert set(environment) == {"name", "channels", "dependencies"}
    assert environment["channels"] == ["conda-forge"]


def test_environment_yml_asks_for_a_supported_python_and_pip(environment):
    plain = [d for d in environment["dependencies"] if isinstance(d, str)]
    assert "python>=3.11" in plain
    assert "pip" in plain
    assert SpecifierSet(PROJECT["requires-python"]).contains("3.11.0")


def test_environment_yml_installs_this_project_with_pip(environment):
    pip_sections = [d["pip"] for d in environment["dependencies"] if isinstance(d, dict)]
    assert len(pip_sections) == 1
    (entry,) = pip_sections[0]  # the project itself and nothing else: no second list to drift
    match = re.fullmatch(r"-e \.(?:\[([a-z0-9_,-]+)\])?", entry)
    assert match, entry
    extras = match.group(1).split(",") if match.group(1) else []
    assert set(extras) <= set(PROJECT.get("optional-dependencies", {}))
    # the same extras as `make test` installs, so both routes test the same thing
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f'pip install -e ".[{",".join(extras)}]"' in makefile


def test_python_requirement_is_3_11_or_newer():
    spec = SpecifierSet(PROJECT["requires-python"])
    assert all(spec.contains(v) for v in ("3.11.0", "3.11.7", "3.12.0", "3.13.0", "3.14.0"))
    assert not spec.contains("3.10.12")
    listed = {c.rsplit(" :: ", 1)[1] for c in PROJECT["classifiers"] if c.startswith("Programming Language :: Python :: 3.")}
    assert listed == {"3.11", "3.12", "3.13", "3.14"}


def test_version_comes_from_the_package():
    assert "version" not in PROJECT
    assert "version" in PROJECT["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "analysis.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", analysis.__version__)


def test_installed_distribution_version_equals_package_version():
    try:
        installed = importlib.metadata.version(PROJECT["name"])
    except importlib.metadata.PackageNotFoundError:
        pytest.skip(f"{PROJECT['name']} is not installed (run `make test`, which installs it)")
    assert installed == analysis.__version__


@pytest.mark.parametrize(
    "requirement",
    PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"] + PROJECT["optional-dependencies"]["scale"],
)
def test_every_dependency_has_a_lower_and_an_upper_bound(requirement):
    operators = {spec.operator for spec in Requirement(requirement).specifier}
    assert operators & {">=", "==", "~="} and operators & {"<", "==", "~="}, requirement


# import name of a distribution, where it differs
IMPORT_NAMES = {"pyyaml": "yaml", "vadersentiment": "vaderSentiment"}
# the optional 'scale' extra: dask[distributed] also installs distributed
SCALE_IMPORTS = {"dask", "distributed", "pyarrow", "tqdm"}
# the optional peer systems of `evaluate --peers` (never installed by the project: README says how)
PEER_IMPORTS = {"spacy", "textacy"}


def _imports(tree: ast.AST) -> set[str]:
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module.split(".")[0])
    return {n for n in imported if n not in sys.stdlib_module_names and n != "analysis"}


def test_every_third_party_import_of_the_package_is_a_dependency():
    declared = {IMPORT_NAMES.get(n, n) for n in (Requirement(r).name.lower() for r in PROJECT["dependencies"])}
    provided_by_declared = {"IPython", "jupyter_client"}  # installed by ipykernel and nbclient
    imported: set[str] = set()
    for path in (ROOT / "analysis").rglob("*.py"):
        imported |= _imports(ast.parse(path.read_text(encoding="utf-8")))
    assert imported - declared - provided_by_declared - SCALE_IMPORTS - PEER_IMPORTS == set()


def test_peer_systems_are_imported_only_inside_functions_of_speech_peers():
    for path in (ROOT / "analysis").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = ast.Module(body=[n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))],
                               type_ignores=[])
        assert not _imports(top_level) & PEER_IMPORTS, path.name
        if path.name != "speech_peers.py":
            assert not _imports(tree) & PEER_IMPORTS, path.name


def test_the_scale_extra_provides_its_imports_and_is_imported_only_inside_functions():
    extra = {Requirement(r).name.lower() for r in PROJECT["optional-dependencies"]["scale"]}
    assert extra | {"distributed"} == SCALE_IMPORTS
    assert "distributed" in Requirement(PROJECT["optional-dependencies"]["scale"][0]).extras
    for path in (ROOT / "analysis").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = ast.Module(body=[n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))],
                               type_ignores=[])
        # a classroom install without the extra must still import every module
        assert not _imports(top_level) & SCALE_IMPORTS, path.name


def test_package_data_covers_templates_and_data():
    package_data = PYPROJECT["tool"]["setuptools"]["package-data"]["analysis"]
    assert "templates/**/*" in package_data and "data/**/*" in package_data
    assert (ROOT / "analysis" / "templates" / "offline" / "index.html.j2").is_file()


def test_license_is_mit_with_the_project_copyright():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Copyright (c)" in text and "The media-framing notebook contributors" in text
    assert PROJECT["license"] == "MIT"


def _without_make_variables() -> dict[str, str]:
    """The environment less what an enclosing make passes down (``make test VENV=...`` runs these tests)."""
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
@pytest.mark.parametrize("target", ["test", "test-fast", "report", "lab", "bench", "clean"])
def test_makefile_targets_parse(target, tmp_path):
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "-C", str(ROOT), target, "VENV=.venv"],
        env=_without_make_variables(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    if target != "clean":
        # every working target first creates the virtual environment from pyproject.toml
        assert "-m venv .venv" in result.stdout
        assert ".venv/bin/pip install -e .\n" in result.stdout
    # a classroom install (report, lab) takes the project alone: no test or scale extras
    installs_extras = '.venv/bin/pip install -e ".[test,scale]"' in result.stdout
    assert installs_extras == (target in ("test", "test-fast", "bench"))


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
def test_makefile_refuses_a_python_older_than_3_11(tmp_path):
    old = tmp_path / "python3"
    old.write_text("#!/bin/sh\nexit 1\n")  # answers the version check as Python 3.10 would
    old.chmod(0o755)
    result = subprocess.run(
        ["make", "-C", str(ROOT), "setup", f"PYTHON={old}", f"VENV={tmp_path / 'venv'}"],
        env=_without_make_variables(),
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode != 0
    assert "error: Python 3.11 or newer is required" in result.stderr
    assert not (tmp_path / "venv").exists()


def test_ci_script_is_executable_and_runs_make_test_on_two_pythons():
    script = ROOT / ".ci" / "run"
    text = script.read_text(encoding="utf-8")
    assert script.stat().st_mode & 0o111
    assert text.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in text
    assert re.search(r'^make test PYTHON="\$oldest"$', text, re.M)
    assert re.search(r'^  make test PYTHON="\$newest" VENV=\.venv-newest$', text, re.M)
    assert 'find_python 3.11' in text and "for version in 3.14 3.13 3.12" in text
