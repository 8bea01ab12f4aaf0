"""Build step that ships the project's folders inside the package.

Everything else about the build is declared in pyproject.toml. A wheel carries only the
``analysis`` package, so the folders a report and the notebooks need outside it (the starter
story, the notebooks and the lesson, the column labels) are copied into
``analysis/_shipped/`` of the built package, keeping the project's layout;
:mod:`analysis.core.paths` uses them when there is no source checkout. The checkout's own
``corpus/``, ``notebooks/`` and ``docs/`` stay where they are.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: Folder inside the built package that receives the copies (analysis.core.paths.SHIPPED_DIR).
SHIPPED = Path("analysis") / "_shipped"
#: Files shipped, as glob patterns relative to the project root.
SHIPPED_PATTERNS = (
    "corpus/askmoreofhim/*",
    "notebooks/*.ipynb",
    "notebooks/lesson/*.ipynb",
    "notebooks/lesson/*.md",
    "docs/column-labels.csv",
)


def shipped_files(root: Path) -> list[Path]:
    """The project files a built package carries, relative to ``root``, sorted."""
    return sorted(p.relative_to(root) for pattern in SHIPPED_PATTERNS for p in root.glob(pattern) if p.is_file())


class BuildPyWithProjectFiles(build_py):
    """``build_py`` that also copies :func:`shipped_files` into ``analysis/_shipped/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the checkout itself
            return
        target = Path(self.build_lib) / SHIPPED
        shutil.rmtree(target, ignore_errors=True)
        for relative in shipped_files(ROOT):
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / relative, destination)


setup(cmdclass={"build_py": BuildPyWithProjectFiles})
