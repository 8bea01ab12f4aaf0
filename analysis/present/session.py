"""The set-up every story notebook starts with: find the story, read it, analyse it once.

Each numbered notebook used to repeat the same lines (resolve the folder, load the
story leniently, analyse every article, load the codebooks). :func:`open_story`
does them in one call and returns a :class:`StorySession` holding what the
notebooks use. The analyses and codebooks are computed on first use and then
kept, so a notebook that never asks for them does not pay for them, and a
notebook that asks twice gets the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import InputError
from analysis.framing.codebook import Codebook, load_codebooks
from analysis.io.corpus import Story, load_story
from analysis.pipeline import ArticleAnalysis, analyse_story

__all__ = ["StorySession", "find_story", "open_story"]


@dataclass
class StorySession:
    """A story read for a notebook, with its analyses and codebooks computed once, on first use.

    Attributes
    ----------
    story_dir : Path
        The story folder, absolute.
    story : Story
        The story, read leniently (invalid files are in ``story.issues``).
    """

    story_dir: Path
    story: Story = field(repr=False)

    @cached_property
    def analyses(self) -> list[ArticleAnalysis]:
        """Every article analysed (:func:`analysis.pipeline.analyse_story`), in story order."""
        return analyse_story(self.story)

    @cached_property
    def codebooks(self) -> list[Codebook]:
        """The generic codebook, then the story's own, if it has one."""
        return load_codebooks(self.story.root, self.story.meta)

    @property
    def story_codebooks(self) -> list[Codebook]:
        """The story's own codebooks (every codebook but the generic one)."""
        return [book for book in self.codebooks if book.name != "generic"]


def find_story(corpus_dir: str | Path | None) -> Path:
    """The story folder a notebook asked for, found from the project root if need be.

    A notebook may run in its own folder (``notebooks/lesson/`` under Jupyter) or
    in the folder a command was started from (``make report``), so a relative
    path such as ``corpus/mystory`` is tried from the working folder first, then
    from :data:`analysis.core.paths.PROJECT_ROOT`. Surrounding spaces are ignored.

    Parameters
    ----------
    corpus_dir : str, Path or None
        The notebook's ``corpus_dir`` parameter; None or ``""`` means the
        starter story (:data:`analysis.core.paths.DEFAULT_STORY`).

    Returns
    -------
    Path
        The folder, absolute.

    Raises
    ------
    InputError
        When a relative folder is in neither place (the message names both). A
        missing absolute folder is left to :func:`analysis.io.corpus.load_story`.
    """
    if corpus_dir is None or str(corpus_dir).strip() == "":
        return paths.DEFAULT_STORY
    given = Path(str(corpus_dir).strip()).expanduser()
    if given.is_absolute():
        return given.resolve()
    tried = [Path.cwd() / given, paths.PROJECT_ROOT / given]
    for candidate in tried:
        if candidate.is_dir():
            return candidate.resolve()
    raise InputError(given, "no such folder; looked in " + " and ".join(str(p) for p in tried))


def open_story(corpus_dir: str | Path | None) -> StorySession:
    """Read the story a notebook analyses (``corpus_dir``, or the starter story) leniently.

    Parameters
    ----------
    corpus_dir : str, Path or None
        The notebook's ``corpus_dir`` parameter; None or ``""`` means the
        starter story. A relative folder is found as :func:`find_story` finds it.

    Returns
    -------
    StorySession

    Raises
    ------
    InputError
        When the folder does not exist or cannot be read as a story.
    """
    story_dir = find_story(corpus_dir)
    return StorySession(story_dir, load_story(story_dir, strict=False))
