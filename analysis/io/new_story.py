"""Write new article files into a story folder: the writer behind ``new-story`` and ``add``.

``python -m analysis new-story DIR FILE.txt ... [--outlet NAME ...]`` writes one
``<id>.md`` per text file: YAML front matter with the fields to fill in, then
the text exactly as pasted (decoded from UTF-8 or UTF-16 and written as UTF-8).
Without ``--outlet`` the outlet is the file name, and ``notes`` says so.

``python -m analysis add`` (:mod:`analysis.io.ingest`) uses the same writer for
articles taken from web pages. The writer never overwrites a file: every
article is planned and checked with the loader first, and nothing at all is
written when any of them is bad.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.io.corpus import MAX_FILE_BYTES, decode_bytes, parse_article
from analysis.core.errors import InputError
from analysis.core.files import move_into_place, write_temporary

__all__ = [
    "PlannedArticle",
    "article_id_for",
    "create_story",
    "free_article_id",
    "front_matter",
    "not_reserved",
    "plan_article",
    "slugify",
    "write_articles",
]

FIELDS_TO_FILL: tuple[str, ...] = ("title", "author", "published", "url")

WINDOWS_RESERVED: frozenset[str] = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"{port}{n}" for port in ("com", "lpt") for n in (*"123456789", "\u00b9", "\u00b2", "\u00b3")]
)
"""Device names Windows reserves as file names, with any extension and in any case
(``CON.md`` cannot be made or opened there); the superscript digits ¹ ² ³ count as digits.
Source: Microsoft, "Naming Files, Paths, and Namespaces" (learn.microsoft.com, fileio/naming-a-file)."""

RESERVED_SUFFIX: str = "-article"
"""Added to an id that is a reserved name: ``CON.txt`` becomes ``con-article.md``."""


def not_reserved(stem: str) -> str:
    """``stem``, or ``stem`` + :data:`RESERVED_SUFFIX` when Windows reserves it as a device name.

    The part before the first dot is compared ignoring case and trailing spaces,
    as Windows compares it, so ``con``, ``CON`` and ``Com1`` are all changed.
    """
    base = stem.split(".", 1)[0].rstrip(" ").casefold()
    return f"{stem}{RESERVED_SUFFIX}" if base in WINDOWS_RESERVED else stem


@dataclass(frozen=True)
class PlannedArticle:
    """An article file checked and ready to write: its target path and full text."""

    target: Path
    text: str


def slugify(text: str, max_length: int = 60) -> str:
    """A file-name-safe id from any text ("My Article!" -> "my-article"); '' when nothing is left.

    Longer slugs are cut at the last hyphen before ``max_length``. A name Windows
    reserves (``con``, ``lpt1``...) gets :data:`RESERVED_SUFFIX` (see :func:`not_reserved`).
    """
    slug = re.sub(r"[^\w-]+", "-", text.strip().lower(), flags=re.UNICODE).strip("-_")
    slug = re.sub(r"-{2,}", "-", slug)
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-_")
    return not_reserved(slug) if slug else slug


def article_id_for(path: Path) -> str:
    """A file-name-safe article id from a source file's stem ("My Article.txt" -> "my-article").

    A name Windows reserves gets a suffix: "CON.txt" -> "con-article" (see :func:`not_reserved`).
    """
    slug = re.sub(r"[^\w-]+", "-", path.stem.strip().lower(), flags=re.UNICODE).strip("-_")
    return not_reserved(slug) if slug else "article"


def free_article_id(base: str, story: Path, taken: Collection[str] = ()) -> str:
    """``base``, or ``base-2``, ``base-3``... : the first id with no file in ``story`` and not in ``taken``.

    ``taken`` holds ids already planned (compared case-folded, as the loader does).
    """
    folded = {t.casefold() for t in taken}
    existing = {p.stem.casefold() for p in story.glob("*.md")} if story.is_dir() else set()
    candidate, n = base, 1
    while candidate.casefold() in folded or candidate.casefold() in existing:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def front_matter(fields: Mapping[str, str | None]) -> str:
    """The front matter block for a new article: one ``name: value`` line per field, in order.

    A field whose value is None is written empty (``title:``), to be filled in.
    Values are written on one line (runs of whitespace, newlines included,
    become one space) and quoted where YAML needs it.
    """
    lines = ["---"]
    for name, value in fields.items():
        lines.append(f"{name}:" if value is None else f"{name}: {_scalar(' '.join(str(value).split()))}")
    lines += ["---", ""]
    return "\n".join(lines)


def _scalar(value: str) -> str:
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000).strip().removesuffix("\n...").strip()


def plan_article(story: Path, article_id: str, fields: Mapping[str, str | None], body: str) -> PlannedArticle:
    """Check one new article file before anything is written.

    Parameters
    ----------
    story : Path
        The story folder.
    article_id : str
        The file stem (``<article_id>.md``).
    fields : mapping
        Front-matter fields in order (see :func:`front_matter`); ``outlet`` is required.
    body : str
        The article text, written as it is.

    Raises
    ------
    InputError
        When the target file exists (nothing is overwritten) or the loader
        would reject the file.
    """
    target = story / f"{article_id}.md"
    if target.exists():
        raise InputError(target, "already exists; nothing was overwritten (remove it or rename the source file)")
    text = front_matter(fields) + body
    parse_article(text.encode("utf-8"), target)  # the loader must accept what we write
    return PlannedArticle(target, text)


def write_articles(story: str | Path, planned: Sequence[PlannedArticle]) -> list[Path]:
    """Write planned articles into ``story`` (created when missing), never overwriting a file.

    Every file is first written whole to a temporary name; only then is each
    linked to its target, which fails if the target appeared meanwhile (the
    files linked before it are kept). When the system refuses (a full disk),
    the files this call linked are removed again, so the folder is as it was.
    Files get the user's umask (0644 with the usual umask 022), like every
    file the user makes.

    Returns
    -------
    list of Path
        The files written, in order.

    Raises
    ------
    InputError
        A target exists (nothing is overwritten), or the system refused to
        write (the message names the folder and the reason; nothing was written).
    """
    folder = Path(story)
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(folder, f"cannot create the story folder: {exc.strerror or exc}") from None
    staged: list[Path] = []
    written: list[Path] = []
    try:
        for item in planned:
            staged.append(write_temporary(folder, item.target.name, item.text))
        for tmp, item in zip(staged, planned):
            _link_new(tmp, item.target)
            written.append(item.target)
    except InputError:  # a target appeared meanwhile: the articles linked before it are kept
        raise
    except BaseException as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if created:
            _remove_if_empty(folder, staged)
        if isinstance(exc, OSError):
            raise InputError(
                folder, f"cannot write the articles: {' '.join((exc.strerror or str(exc)).split())}; "
                "nothing was written",
            ) from None
        raise
    finally:
        for tmp in staged:
            tmp.unlink(missing_ok=True)
    return written


def _link_new(tmp: Path, target: Path) -> None:
    """Give the written temporary file its final name, failing if that name is taken."""
    try:
        move_into_place(tmp, target, overwrite=False)
    except FileExistsError:
        raise InputError(target, "already exists; nothing was overwritten") from None


def _remove_if_empty(folder: Path, staged: Sequence[Path]) -> None:
    """Remove a story folder this call created, once its temporary files are gone, if nothing else is in it."""
    for tmp in staged:
        tmp.unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass


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
    planned: list[PlannedArticle] = []
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
        if outlets:
            outlet, notes = outlets[i], "Added with new-story; fill in the empty fields."
        else:
            outlet = src.stem
            notes = "Outlet taken from the file name (no --outlet given): check it, and fill in the empty fields."
        fields: dict[str, str | None] = {"outlet": outlet}
        fields |= dict.fromkeys(FIELDS_TO_FILL)
        fields |= {"source_file": src.name, "notes": notes}
        planned.append(plan_article(story, article_id, fields, body))
    return write_articles(story, planned)
