"""Where things live: the one place that knows the project's folders.

Notebooks and commands import these names instead of writing relative paths
such as ``'../corpus'``, so they work from any working directory.

The project's folders (``corpus/``, ``notebooks/``, ``docs/``) are found in one
of two places:

- a source checkout: the folder holding ``analysis/``, when it also holds
  ``corpus/`` and ``notebooks/`` (an editable install points here too);
- the copy shipped inside an installed package (``analysis/_shipped/``, put
  there when the wheel is built: the starter story, the notebooks, the lesson
  and the column labels), used when there is no checkout.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent.parent
"""The ``analysis`` package folder (holding ``data/`` and ``templates/``)."""

SHIPPED_DIR: Path = PACKAGE_DIR / "_shipped"
"""The copy of the project's folders inside a built package (absent in a checkout)."""


def is_checkout(folder: Path) -> bool:
    """True when ``folder`` is a source checkout: it holds ``analysis/``, ``corpus/`` and ``notebooks/``.

    Parameters
    ----------
    folder : Path
        The folder holding the ``analysis`` package.

    Returns
    -------
    bool
    """
    return all((folder / name).is_dir() for name in ("analysis", "corpus", "notebooks"))


IN_CHECKOUT: bool = is_checkout(PACKAGE_DIR.parent)
"""Whether the package runs from a source checkout (else from an installed copy)."""

PROJECT_ROOT: Path = PACKAGE_DIR.parent if IN_CHECKOUT else SHIPPED_DIR
"""The folder holding ``corpus/``, ``notebooks/`` and ``docs/``: the checkout, else the shipped copy."""

CORPUS_ROOT: Path = PROJECT_ROOT / "corpus"
"""Folder holding one sub-folder per story."""

DEFAULT_STORY: Path = CORPUS_ROOT / "askmoreofhim"
"""The starter story: three outlets' articles on the 2018 #AskMoreOfHim letter."""

NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
"""The numbered analysis notebooks."""

COLUMN_LABELS: Path = PROJECT_ROOT / "docs" / "column-labels.csv"
"""Plain-language labels of the metric columns, shown as table headers."""

REPORTS_DIR: Path = PROJECT_ROOT / "reports" if IN_CHECKOUT else Path("reports")
"""Rendered HTML reports (a build product, never committed): the checkout's ``reports/``,
else ``reports/`` in the current folder."""


def resolve_story(corpus_dir: str | Path | None) -> Path:
    """Return the story folder to analyse: ``corpus_dir`` or the starter story.

    Parameters
    ----------
    corpus_dir : str, Path or None
        A story folder; ``None`` (the notebooks' default parameter) means
        :data:`DEFAULT_STORY`.

    Returns
    -------
    Path
        The folder, made absolute.
    """
    if corpus_dir is None or str(corpus_dir) == "":
        return DEFAULT_STORY
    return Path(corpus_dir).expanduser().resolve()
