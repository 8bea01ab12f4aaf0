"""Where things live: the one place that knows the project's folders.

Notebooks and commands import these names instead of writing relative paths
such as ``'../corpus'``, so they work from any working directory.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent.parent
"""The ``analysis`` package folder (holding ``data/`` and ``templates/``)."""

PROJECT_ROOT: Path = PACKAGE_DIR.parent
"""The repository root (the folder holding ``analysis/`` and ``corpus/``)."""

CORPUS_ROOT: Path = PROJECT_ROOT / "corpus"
"""Folder holding one sub-folder per story."""

DEFAULT_STORY: Path = CORPUS_ROOT / "askmoreofhim"
"""The starter story: three outlets' articles on the 2018 #AskMoreOfHim letter."""

NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
"""The numbered analysis notebooks."""

REPORTS_DIR: Path = PROJECT_ROOT / "reports"
"""Rendered HTML reports (a build product, never committed)."""


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
