"""Load a story folder of articles: decode, split front matter, validate.

A story folder (``corpus/<story>/``) holds one UTF-8 file per article,
``<article_id>.md``: YAML front matter between ``---`` lines, then the body
exactly as published. The loader never writes to the corpus. Every problem is
reported as :class:`analysis.core.errors.InputError` naming the file, the line or
byte where there is one, and how to fix it.

Strict loading (the default) stops at the first invalid file; lenient loading
(``strict=False``) skips invalid files and lists them in :attr:`Story.issues`.
Every entry named like an article (``*.md``) is either read or reported: a
folder, a named pipe, a device, a dangling or looping symbolic link, and a
link to a file outside the story folder are invalid entries, detected from the
entry's type before anything is opened (a named pipe never blocks the loader).
"""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis.core.errors import InputError, display_path, relative_path, unknown_option

logger = logging.getLogger(__name__)

__all__ = [
    "ARTICLE_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_FRONT_MATTER_CHARS",
    "Article",
    "Story",
    "articles_frame",
    "corpus_sha256",
    "decode_bytes",
    "entry_problem",
    "is_article_name",
    "load_story",
    "normalise_meta",
    "parse_article",
    "parse_story_meta",
    "read_article_bytes",
    "read_story_file",
    "split_front_matter",
]

MAX_FILE_BYTES: int = 5 * 1024 * 1024
"""Largest article file read (5 MiB); larger files are rejected with a message."""

MAX_FRONT_MATTER_CHARS: int = 64 * 1024
"""Longest front matter read (64 KiB; a few hundred bytes is usual). PyYAML reads
about 100 KB a second, so a missing closing '---' in a large file is reported at once
instead of parsing megabytes of article text as YAML."""

ROLES: tuple[str, ...] = ("article", "source")
"""Valid values of the ``role`` field."""

KNOWN_FIELDS: tuple[str, ...] = (
    "outlet", "title", "author", "byline", "published", "url", "language",
    "source_file", "notes", "article_id", "role",
)
"""Front-matter fields with a documented meaning; others are kept as they are."""

ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "title", "author", "published", "url", "language",
    "role", "source_file", "notes", "path", "n_chars", "sha256",
)
"""Columns of :func:`articles_frame`, in order."""

_BOM_UTF8 = b"\xef\xbb\xbf"

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .pages file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) or Office file"),
    (b"{\\rtf", "an RTF document"),
)
"""Leading bytes of file types people save by mistake under a .md name."""
_FENCE_RE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True)
class Article:
    """One article: its metadata and its body as read.

    Attributes
    ----------
    article_id : str
        Unique within the story (compared case-folded).
    outlet : str
        The outlet label from the front matter.
    path : Path
        The file it came from.
    body : str
        Text after the line closing the front matter; all offsets index into it.
    meta : Mapping
        Every front-matter field, known or not, with dates as ISO strings.
    sha256 : str
        Hex digest of the file's bytes.
    """

    article_id: str
    outlet: str
    path: Path
    body: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    sha256: str = ""

    @property
    def role(self) -> str:
        """``article`` or ``source`` (a primary document comparisons align against)."""
        return str(self.meta.get("role") or "article")

    @property
    def language(self) -> str:
        """Language code from the front matter (default ``en``)."""
        return str(self.meta.get("language") or "en")


@dataclass(frozen=True)
class Story:
    """A loaded story folder.

    Attributes
    ----------
    root : Path
        The story folder.
    articles : tuple of Article
        Valid articles, sorted by file name.
    issues : tuple of InputError
        Entries skipped in lenient mode, with the reason; each names its file
        relative to the story folder (``a.md``), never by an absolute path.
    corpus_sha256 : str
        sha256 over the sorted relative paths and the bytes of every file read.
    meta : Mapping
        The contents of ``story.yml`` (empty when there is none).
    """

    root: Path
    articles: tuple[Article, ...]
    issues: tuple[InputError, ...] = ()
    corpus_sha256: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode a corpus file: UTF-8 (with or without BOM) or UTF-16 with BOM.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    path : Path
        Used in error messages only.

    Returns
    -------
    str
        The text with any byte-order mark removed and nothing else changed
        (line endings are kept, so offsets stay true to the file).

    Raises
    ------
    InputError
        For bytes that are not valid in these encodings, naming the offset and
        byte and suggesting ``iconv``; for files that look binary.
    """
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(
                path,
                f"looks like a binary file ({kind}), not a text article; copy the article's "
                "text into a UTF-8 text file with YAML front matter",
            )
    utf32 = _utf32_variant(data)
    if utf32 is not None:
        marked = data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"))
        raise InputError(
            path,
            "the file is UTF-32 encoded; save it as UTF-8, e.g. "
            f"iconv -f {'UTF-32' if marked else utf32} -t UTF-8 '{path.name}' > fixed.md",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                path,
                f"invalid UTF-16 at byte {exc.start}; re-save the file as UTF-8, e.g. "
                f"iconv -f UTF-16 -t UTF-8 '{path.name}' > fixed.md",
            ) from None
        text = text[1:] if text.startswith("\ufeff") else text
        _reject_nul_char(text, path)
        return text
    skipped = 0
    if data.startswith(_BOM_UTF8):
        data = data[len(_BOM_UTF8):]
        skipped = len(_BOM_UTF8)
    nul = data.find(b"\x00")
    if nul >= 0:
        if _looks_like_utf16(data):
            raise InputError(
                path,
                "looks like UTF-16 text without a byte-order mark; save it as UTF-8, e.g. "
                f"iconv -f UTF-16LE -t UTF-8 '{path.name}' > fixed.md",
            )
        raise InputError(
            path,
            f"looks like a binary file (NUL byte 0x00 at offset {nul + skipped}), not a text "
            "article; save the article as UTF-8 text with YAML front matter",
            line=data.count(b"\n", 0, nul) + 1,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1]
        raise InputError(
            path,
            f"not UTF-8: byte 0x{bad.hex()} at offset {exc.start + skipped}; convert the file, e.g. "
            f"iconv -f WINDOWS-1252 -t UTF-8 '{path.name}' > fixed.md",
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from None


def _utf32_variant(data: bytes) -> str | None:
    """``UTF-32LE``/``UTF-32BE`` when ``data`` is UTF-32 text, with or without a byte-order mark.

    With a mark (``FF FE 00 00`` or ``00 00 FE FF``; the first is also a UTF-16
    mark followed by a NUL character, which no text file holds) the answer is
    certain. Without one, the first 4 KiB must decode as UTF-32 and the two
    high bytes of at least 95% of the 4-byte units must be zero, as in any
    text whose characters lie below U+10000 (ASCII text saved as UTF-16 has a
    letter in every other byte, so it never passes).
    """
    if data.startswith(b"\xff\xfe\x00\x00"):
        return "UTF-32LE"
    if data.startswith(b"\x00\x00\xfe\xff"):
        return "UTF-32BE"
    head = data[: 4096 - 4096 % 4]
    head = head[: len(head) - len(head) % 4]
    if len(head) < 8:
        return None
    units = len(head) // 4
    for name, high in (("UTF-32LE", (2, 3)), ("UTF-32BE", (0, 1))):
        zeros = sum(1 for i in range(0, len(head), 4) if head[i + high[0]] == 0 and head[i + high[1]] == 0)
        if zeros >= 0.95 * units:
            try:
                head.decode(name.lower().replace("utf-32", "utf-32-"))
            except UnicodeDecodeError:
                continue
            return name
    return None


def _looks_like_utf16(data: bytes) -> bool:
    """True when NUL bytes sit at every other position, as in ASCII text saved as UTF-16."""
    head = data[:4096]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd)


def _reject_nul_char(text: str, path: Path) -> None:
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(
            path,
            f"contains a NUL character at character {nul}: a damaged text file; "
            "re-save the article as UTF-8 text",
            line=text.count("\n", 0, nul) + 1,
        )


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Split YAML front matter from the body.

    Parameters
    ----------
    text : str
        The decoded file.
    path : Path
        Used in error messages only.

    Returns
    -------
    (dict, str)
        The parsed front matter and the body: everything after the line that
        closes the front matter, unchanged.
    """
    first = _FENCE_RE.match(text)
    if not text.startswith("---") or first is None:
        raise InputError(
            path,
            "no front matter: the file must start with a line '---', then YAML fields "
            "such as 'outlet: Outlet A', then a line '---', then the article text",
            line=1,
        )
    pos = first.end()
    line_no = 2
    while pos < len(text):
        if pos - first.end() > MAX_FRONT_MATTER_CHARS:
            raise InputError(
                path,
                f"front matter is not closed within {MAX_FRONT_MATTER_CHARS:,} characters: add a line "
                "'---' after the YAML fields",
                line=1,
            )
        m = _FENCE_RE.match(text, pos)
        if m is not None:
            header = text[first.end() : pos]
            return _parse_yaml(header, path), text[m.end():]
        nl = _line_end(text, pos)
        pos = nl
        line_no += 1
    raise InputError(path, "front matter is not closed: add a line '---' after the YAML fields", line=1)


def _line_end(text: str, pos: int) -> int:
    m = re.compile(r"\r\n|\r|\n").search(text, pos)
    return m.end() if m else len(text)


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter: no repeated field, no anchors or aliases.

    A repeated field would silently keep the last value; an alias can make a
    few lines expand to millions of values ("billion laughs").
    """

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "anchors and aliases (*name) are not allowed in front matter; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is None:
                    continue
                if key in seen:
                    raise yaml.MarkedYAMLError(
                        None, None,
                        f"field {key!r} appears twice (first on line {seen[key]}); keep one",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line + 2
        return super().construct_mapping(node, deep=deep)


def _parse_yaml(header: str, path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(header, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"malformed YAML front matter: {problem}", line=line) from None
    except Exception as exc:  # noqa: BLE001
        # PyYAML's constructors raise plain ValueError, KeyError, RecursionError...
        # for values such as 'published: 2024-13-45' or 'x: !!bool maybe'
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise InputError(
            path, f"front matter has a value YAML cannot read ({detail}); put the value in quotes"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be YAML 'field: value' lines", line=2)
    return {str(k): v for k, v in data.items()}


def normalise_meta(meta: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """Check an article's metadata fields and normalise them by the loader's rules.

    Date values become ISO strings; ``outlet`` is required and stripped;
    ``role`` defaults to ``article``; ``language`` defaults to ``en``. Other
    fields are kept as they are.

    Parameters
    ----------
    meta : Mapping
        Field -> value, from an article's front matter or an input record; not modified.
    path : Path
        The file the fields come from, named in error messages.

    Returns
    -------
    dict
        The fields, normalised.

    Raises
    ------
    InputError
        No outlet, or one that is not a single name; a role other than those of
        :data:`ROLES`; a ``published`` value that does not start with an ISO
        date; an ``article_id`` that is empty or neither text nor a whole number.
    """
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()
        out[key] = value
    outlet = out.get("outlet")
    if outlet is None or str(outlet).strip() == "":
        raise InputError(path, "front matter has no 'outlet' field (required); add e.g. 'outlet: Outlet A'")
    if not isinstance(outlet, (str, int, float)):
        raise InputError(path, "'outlet' must be a single name, not a list or mapping")
    out["outlet"] = str(outlet).strip()
    role = out.get("role") or "article"
    if role not in ROLES:
        raise InputError(path, unknown_option("role", role, ROLES))
    out["role"] = role
    if out.get("language") in (None, ""):
        out["language"] = "en"
    published = out.get("published")
    if published not in (None, ""):
        try:
            _dt.date.fromisoformat(str(published)[:10])
        except ValueError:
            raise InputError(path, f"'published' is not an ISO date (YYYY-MM-DD): {published!r}") from None
    aid = out.get("article_id")
    if aid is not None and (not isinstance(aid, (str, int)) or str(aid).strip() == ""):
        raise InputError(path, "'article_id' must be a non-empty name")
    return out


_MARKUP_RE = re.compile(
    r"</?(?:script|style|iframe|img|a|p|div|span|br|b|i|em|strong|h[1-6]|ul|ol|li|table|tr|td|meta|link|svg)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
"""An HTML tag as it appears in a pasted page source (bounded: no backtracking blow-up)."""


def _warn_markup(body: str, text: str, path: Path, root: Path | None = None) -> None:
    """Log a warning when the body holds HTML tags (pasted page source).

    The tags are kept and read as text (tag names and attribute values count
    as words; quotes inside attributes can be taken for quotation marks); they
    are never executed, since every page escapes corpus text.
    """
    m = _MARKUP_RE.search(body)
    if m is None:
        return
    line = text.count("\n", 0, len(text) - len(body) + m.start()) + 1
    logger.warning(
        "%s:%d: the body holds HTML markup (%s); it is read as plain text, so tag names count "
        "as words: paste the article's text rather than the page's source",
        display_path(path) if root is None else relative_path(path, root), line, m.group(0)[:40],
    )


def _too_large(size: int) -> str:
    return (
        f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for one article; "
        "split it into one file per article"
    )


def parse_article(data: bytes, path: Path, root: Path | None = None) -> Article:
    """Build an :class:`Article` from a file's bytes.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    path : Path
        The file's path (its stem is the default article id).
    root : Path, optional
        The story folder: warnings name the file relative to it.

    Returns
    -------
    Article

    Raises
    ------
    InputError
        Naming the file and the problem.
    """
    if len(data) > MAX_FILE_BYTES:
        raise InputError(path, _too_large(len(data)))
    if not data:
        raise InputError(path, "file is empty; add front matter and the article text")
    if not data.strip():
        raise InputError(path, "file is empty (only whitespace); add front matter and the article text")
    text = decode_bytes(data, path)
    meta, body = split_front_matter(text, path)
    meta = normalise_meta(meta, path)
    if body.strip() == "":
        raise InputError(path, "the article body is empty: put the article text after the closing '---'")
    _warn_markup(body, text, path, root)
    article_id = str(meta.get("article_id") or path.stem).strip()
    return Article(
        article_id=article_id,
        outlet=meta["outlet"],
        path=path,
        body=body,
        meta=meta,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def is_article_name(name: str) -> bool:
    """True for a directory entry the loader treats as an article: ``*.md``, not hidden, not README.md.

    Hidden files are editor or system leftovers (macOS writes binary ``._name.md``).
    """
    return name.endswith(".md") and not name.startswith(".") and name.lower() != "readme.md"


def _article_files(root: Path) -> list[Path]:
    """Every entry of ``root`` named like an article, whatever its type, sorted by name.

    Folders, named pipes, devices and broken links named ``*.md`` are listed too,
    so that the loader reports them instead of passing over them in silence.
    """
    try:
        with os.scandir(root) as it:
            names = [entry.name for entry in it if is_article_name(entry.name)]
    except OSError as exc:
        raise InputError(root, f"the folder cannot be read: {exc.strerror}") from None
    return [root / name for name in sorted(names)]


def _has_articles(folder: Path) -> bool:
    try:
        return folder.is_dir() and bool(_article_files(folder))
    except InputError:
        return False


_KINDS: tuple[tuple[Any, str], ...] = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device (character special file)"),
    (stat.S_ISBLK, "a device (block special file)"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _not_regular(kind: str, link: bool) -> str:
    what = f"is a symbolic link to {kind}" if link else f"is {kind}"
    fix = ("rename it without '.md', or move its articles into the story folder" if kind == "a folder"
           else "remove it, or put the article's text file in its place")
    return f"{what}, not an article file, so it is not read; {fix}"


def entry_problem(path: Path, root: Path) -> str | None:
    """Why the entry ``path`` of the story folder ``root`` cannot be read as an article, or None.

    Checked from the entry's type before anything is opened, so that a named
    pipe never blocks the loader and a device is never read. Symbolic links are
    followed only to a regular file inside the story folder: a link that leads
    outside it is refused (the story folder is the corpus; a file elsewhere
    would change without the folder's fingerprint saying why, and the report
    would depend on a file that is not handed on with the folder).

    Parameters
    ----------
    path : Path
        An entry of ``root`` named like an article.
    root : Path
        The story folder.

    Returns
    -------
    str or None
        The reason, worded for the user (it names no path outside the folder);
        None when the entry is a regular file, or a link to one inside the folder.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    link = stat.S_ISLNK(info.st_mode)
    if link:
        try:
            info = os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return ("is a symbolic link loop (following it leads back to a link, never to a file); "
                        "remove the link or point it at the article file")
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                return ("is a dangling symbolic link (the file it points to does not exist); "
                        "remove the link or restore the file")
            return f"is a symbolic link that cannot be followed: {exc.strerror}"
    if not stat.S_ISREG(info.st_mode):
        return _not_regular(_kind(info.st_mode), link)
    if link:
        real, real_root = Path(os.path.realpath(path)), Path(os.path.realpath(root))
        if real_root not in real.parents:
            return ("is a symbolic link to a file outside the story folder, which is not read; "
                    "copy the file into the story folder instead")
    return None


def read_article_bytes(path: Path, root: Path) -> tuple[bytes, int]:
    """Read an article file safely: its bytes (at most :data:`MAX_FILE_BYTES` + 1) and its size.

    The entry's type is checked first (:func:`entry_problem`); the file is then
    opened without blocking and its type checked again on the open file, so a
    file replaced by a named pipe in between cannot make the loader wait.

    Parameters
    ----------
    path : Path
        An entry of the story folder.
    root : Path
        The story folder.

    Returns
    -------
    (bytes, int)
        The bytes read and the file's size in bytes; when the size is over
        :data:`MAX_FILE_BYTES` only the first ``MAX_FILE_BYTES + 1`` bytes are read.

    Raises
    ------
    InputError
        The entry is not a regular file in the folder (a folder, a pipe, a
        device, a broken or looping link, a link leading outside the folder),
        or it cannot be read.
    """
    problem = entry_problem(path, root)
    if problem is not None:
        raise InputError(path, problem)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, _not_regular(_kind(info.st_mode), False))
        chunks: list[bytes] = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            block = os.read(fd, min(left, 1 << 20))
            if not block:
                break
            chunks.append(block)
            left -= len(block)
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return data, max(info.st_size, len(data))


def corpus_sha256(files: Iterable[tuple[str, bytes]]) -> str:
    """Fingerprint a corpus: sha256 over sorted relative paths and file bytes.

    Parameters
    ----------
    files : iterable of (str, bytes)
        Relative path (POSIX form) and bytes of every file read.

    Returns
    -------
    str
        Hex digest; the same files always give the same value.
    """
    h = hashlib.sha256()
    for rel, data in sorted(files):
        h.update(rel.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def load_story(path: str | Path, strict: bool = True) -> Story:
    """Load every article of a story folder.

    Parameters
    ----------
    path : str or Path
        The story folder (e.g. ``corpus/askmoreofhim``).
    strict : bool, default True
        Stop at the first invalid file (raise). With False, skip invalid files
        and list them in :attr:`Story.issues`.

    Returns
    -------
    Story
        Articles sorted by file name.

    Raises
    ------
    InputError
        If the folder does not exist, holds no article files, or (strict) a file
        is invalid; duplicate article ids are always reported.
    """
    root = Path(path)
    if not root.exists():
        raise InputError(root, "no such folder; give a story folder such as corpus/askmoreofhim")
    if not root.is_dir():
        raise InputError(root, "is a file, not a story folder; give the folder that holds the articles")
    files = _article_files(root)
    if not files:
        hint = ""
        subdirs = sorted(p.name for p in root.iterdir() if _has_articles(p))
        if subdirs:
            hint = f"; did you mean one of its story folders: {', '.join(subdirs)}?"
        raise InputError(root, f"no article files (*.md) in this folder{hint}")
    read: list[tuple[str, bytes]] = []
    articles: list[Article] = []
    issues: list[InputError] = []
    seen: dict[str, Path] = {}
    story_meta: dict[str, Any] = {}
    story_file = root / STORY_FILE
    try:
        data = read_story_file(root)
    except InputError as err:
        if strict:
            raise
        issues.append(err.within(root))
        data = None
    if data is not None:
        read.append((story_file.name, data))
        story_meta = parse_story_meta(data, story_file)
    for f in files:
        try:
            data, size = read_article_bytes(f, root)
            if size > MAX_FILE_BYTES:  # only the first bytes were read: a huge file is rejected unread
                read.append((f.relative_to(root).as_posix(), data))
                raise InputError(f, _too_large(size))
            read.append((f.relative_to(root).as_posix(), data))
            article = parse_article(data, f, root)
            key = article.article_id.casefold()
            if key in seen:
                raise InputError(
                    f,
                    f"duplicate article id {article.article_id!r} (also used by {seen[key].name}); "
                    "ids are compared ignoring case: rename one file or set 'article_id'",
                )
        except InputError as err:
            if strict:
                raise
            issues.append(err.within(root))
            continue
        seen[key] = f
        articles.append(article)
    return Story(
        root=root,
        articles=tuple(articles),
        issues=tuple(issues),
        corpus_sha256=corpus_sha256(read),
        meta=story_meta,
    )


STORY_FILE: str = "story.yml"
"""The optional file of story-level fields (title, summary, codebook) in a story folder."""


def read_story_file(root: Path) -> bytes | None:
    """The bytes of the story folder's ``story.yml``, or None when it has none.

    The entry is checked as an article file is (:func:`entry_problem`): a
    named pipe, a folder, a broken link or a link leading outside the story
    folder is reported, never opened or passed over.

    Raises
    ------
    InputError
        ``story.yml`` exists but is not a regular file in the folder, is over
        :data:`MAX_FILE_BYTES`, or cannot be read.
    """
    path = Path(root) / STORY_FILE
    if not os.path.lexists(path):
        return None
    data, size = read_article_bytes(path, Path(root))
    if size > MAX_FILE_BYTES:
        raise InputError(path, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit")
    return data


def parse_story_meta(data: bytes, path: Path) -> dict[str, Any]:
    """Read a story folder's ``story.yml`` (title, summary, codebook...).

    Parameters
    ----------
    data : bytes
        The file's bytes, decoded as :func:`decode_bytes` decodes an article.
    path : Path
        The file, named in error messages.

    Returns
    -------
    dict
        Its ``field: value`` pairs; empty for an empty file.

    Raises
    ------
    InputError
        Bytes that cannot be decoded, malformed YAML (with its line), or YAML
        that is not ``field: value`` lines.
    """
    text = decode_bytes(data, path)
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(path, f"malformed YAML: {getattr(exc, 'problem', exc)}",
                         line=mark.line + 1 if mark else None) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(path, "story.yml must hold 'field: value' lines (title, summary, codebook)")
    return meta


def articles_frame(story: Story) -> pd.DataFrame:
    """One row per article with its metadata (see :data:`ARTICLE_COLUMNS`).

    Parameters
    ----------
    story : Story

    Returns
    -------
    pandas.DataFrame
        Key: ``article_id``. Missing metadata stays empty (NA), never invented.
    """
    rows = []
    for a in story.articles:
        m = a.meta
        rows.append({
            "article_id": a.article_id,
            "outlet": a.outlet,
            "title": m.get("title"),
            "author": m.get("author") or m.get("byline"),
            "published": m.get("published"),
            "url": m.get("url"),
            "language": a.language,
            "role": a.role,
            "source_file": m.get("source_file"),
            "notes": m.get("notes"),
            "path": a.path.as_posix(),
            "n_chars": len(a.body),
            "sha256": a.sha256,
        })
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
