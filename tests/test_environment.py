"""The project's set-up files agree with each other (pyproject, environment.yml, Makefile)."""

from __future__ import annotations

import ast
import importlib.metadata
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


def test_environment_yml_pins_python_3_11_and_pip(environment):
    plain = [d for d in environment["dependencies"] if isinstance(d, str)]
    assert "python=3.11" in plain
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


def test_python_requirement_is_3_11_only():
    spec = SpecifierSet(PROJECT["requires-python"])
    assert spec.contains("3.11.7")
    assert not spec.contains("3.10.12") and not spec.contains("3.12.0")


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
    assert imported - declared - provided_by_declared - SCALE_IMPORTS == set()


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


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
@pytest.mark.parametrize("target", ["test", "report", "lab", "bench", "clean"])
def test_makefile_targets_parse(target, tmp_path):
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "-C", str(ROOT), target],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    if target != "clean":
        # every working target first creates the virtual environment from pyproject.toml
        assert "-m venv .venv" in result.stdout
        assert '.venv/bin/pip install -e ".[test,scale]"' in result.stdout


def test_ci_script_is_executable_and_runs_make_test():
    script = ROOT / ".ci" / "run"
    text = script.read_text(encoding="utf-8")
    assert script.stat().st_mode & 0o111
    assert text.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in text
    assert re.search(r"^make test$", text, re.M)
