"""Turn pasted article texts into a story folder the loader reads at once.

``python -m analysis new-story DIR FILE.txt ... [--outlet NAME ...]`` writes one
``<id>.md`` per text file: YAML front matter with the fields to fill in, then
the text exactly as pasted (decoded from UTF-8 or UTF-16 and written as UTF-8).
Without ``--outlet`` the outlet is the file name, and ``notes`` says so. It
never overwrites a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

from .corpus import MAX_FILE_BYTES, decode_bytes, parse_article
from .errors import InputError

__all__ = ["article_id_for", "create_story", "front_matter"]

FIELDS_TO_FILL: tuple[str, ...] = ("title", "author", "published", "url")


def article_id_for(path: Path) -> str:
    """A file-name-safe article id from a source file's stem ("My Article.txt" -> "my-article")."""
    slug = re.sub(r"[^\w-]+", "-", path.stem.strip().lower(), flags=re.UNICODE).strip("-_")
    return slug or "article"


def front_matter(outlet: str, source_file: str, notes: str) -> str:
    """The front matter block for a new article, with empty fields to fill in."""
    lines = ["---", "outlet: " + _scalar(outlet)]
    lines += [f"{name}:" for name in FIELDS_TO_FILL]
    lines += ["source_file: " + _scalar(source_file), "notes: " + _scalar(notes), "---", ""]
    return "\n".join(lines)


def _scalar(value: str) -> str:
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000).strip().removesuffix("\n...").strip()


def create_story(story_dir: str | Path, sources: Sequence[str | Path], outlets: Sequence[str] | None = None) -> list[Path]:
    """Create (or add to) a story folder from plain-text article files.

    Parameters
    ----------
    story_dir : str or Path
        The story folder; created when missing.
    sources : sequence of paths
        Text files, one article each.
    outlets : sequence of str, optional
        One outlet name per source; by default each file's name.

    Returns
    -------
    list of Path
        The files written, in order.

    Raises
    ------
    InputError
        A source that is missing, empty, too large or not UTF-8/UTF-16; a
        count of outlets that does not match the sources; a target file that
        already exists (nothing is overwritten; nothing is written at all when
        any source is bad).
    """
    story = Path(story_dir)
    if not sources:
        raise InputError(story, "give at least one text file to add")
    if outlets and len(outlets) != len(sources):
        raise InputError(story, f"{len(outlets)} --outlet names for {len(sources)} files; give one per file, in order")
    planned: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for i, src in enumerate(map(Path, sources)):
        if not src.is_file():
            raise InputError(src, "no such file")
        data = src.read_bytes()
        if len(data) > MAX_FILE_BYTES:
            raise InputError(src, f"file is {len(data):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit")
        body = decode_bytes(data, src)
        if not body.strip():
            raise InputError(src, "file is empty; paste the article text into it")
        article_id = article_id_for(src)
        if article_id.casefold() in seen:
            raise InputError(src, f"two files give the article id {article_id!r}; rename one")
        seen.add(article_id.casefold())
        target = story / f"{article_id}.md"
        if target.exists():
            raise InputError(target, "already exists; nothing was overwritten (remove it or rename the text file)")
        if outlets:
            outlet, notes = outlets[i], "Added with new-story; fill in the empty fields."
        else:
            outlet = src.stem
            notes = "Outlet taken from the file name (no --outlet given): check it, and fill in the empty fields."
        text = front_matter(outlet, src.name, notes) + body
        parse_article(text.encode("utf-8"), target)  # the loader must accept what we write
        planned.append((target, text))
    story.mkdir(parents=True, exist_ok=True)
    written = []
    for target, text in planned:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=story)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            if target.exists():
                raise InputError(target, "already exists; nothing was overwritten")
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(target)
    return written
