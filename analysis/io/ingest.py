"""Add articles from web pages to a story folder: ``python -m analysis add``.

``python -m analysis add STORY_DIR SOURCE... [--outlet NAME ...]`` takes each
SOURCE (a saved web page, or an ``http(s)://`` address that it downloads with
:func:`analysis.io.fetch.fetch_page`), extracts the article with
:func:`analysis.io.webpage.extract_article`, and writes one corpus file per
article with the writer ``new-story`` uses (:mod:`analysis.io.new_story`):
front matter with the outlet, title, author, publication date, address,
language, source file, a ``retrieved`` timestamp and ``notes``, then the text.

- It never overwrites a file, and writes nothing at all when any SOURCE fails.
- An article already in the folder (the same address, or the same text once
  spacing and case are ignored) is reported as a duplicate and skipped; so is
  a SOURCE repeated in one call.
- A doubtful extraction (a very short text, no date, a page that looks like
  an index) is reported and written into ``notes``.
- Only a SOURCE that is a web address touches the network.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from analysis.io.corpus import parse_article
from analysis.core.errors import InputError, display_path
from analysis.io.new_story import PlannedArticle, free_article_id, plan_article, slugify, write_articles
from analysis.io.webpage import PageError, WebArticle, extract_article, has_scheme, is_url

__all__ = ["AddResult", "Added", "Skipped", "add_articles", "describe", "normalise_url", "text_key"]

TRACKING_PARAMETERS: tuple[str, ...] = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")
"""Query parameters (or prefixes) that only track a click and never change the article."""


@dataclass(frozen=True)
class Added:
    """An article written: where from, where to, and why to check it (``doubts``)."""

    source: str
    path: Path
    doubts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A SOURCE not written, and why (a duplicate)."""

    source: str
    reason: str


@dataclass(frozen=True)
class AddResult:
    """What :func:`add_articles` did, in the order of the sources."""

    added: tuple[Added, ...]
    skipped: tuple[Skipped, ...]


def normalise_url(url: str | None) -> str | None:
    """An address reduced to what identifies the page, for finding duplicates.

    The scheme (http or https), ``www.``, letter case of the host, default
    ports, a trailing slash, the fragment (``#...``) and click-tracking
    parameters (``utm_*``, ``fbclid``...) are dropped; None for no address.
    """
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = urlencode(sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PARAMETERS)
    ))
    return urlunsplit(("", host + port, parts.path.rstrip("/") or "/", query, "")).lstrip("/")


def text_key(text: str) -> str:
    """A fingerprint of an article's words: sha256 of the text case-folded, with all spacing made one space."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


@dataclass
class _Known:
    """Addresses and text fingerprints already in the story (or planned), with the file holding each."""

    urls: dict[str, str]
    texts: dict[str, str]

    @classmethod
    def from_story(cls, story: Path) -> _Known:
        known = cls({}, {})
        if not story.is_dir():
            return known
        for path in sorted(story.glob("*.md")):
            if path.name.startswith(".") or path.name.lower() == "readme.md" or not path.is_file():
                continue
            try:
                article = parse_article(path.read_bytes(), path)
            except (InputError, OSError):
                continue  # the loader reports broken files; they cannot be duplicates
            known.add(path.name, article.meta.get("url"), article.body)
        return known

    def add(self, name: str, url: object, text: str) -> None:
        key = normalise_url(str(url)) if url else None
        if key:
            self.urls.setdefault(key, name)
        self.texts.setdefault(text_key(text), name)

    def duplicate(self, urls: Sequence[str | None], text: str) -> str | None:
        for url in urls:
            key = normalise_url(url)
            if key and key in self.urls:
                return f"duplicate of {self.urls[key]} (the same address)"
        name = self.texts.get(text_key(text))
        if name:
            return f"duplicate of {name} (the same text)"
        return None


def _read_file(source: str, max_bytes: int) -> bytes:
    if has_scheme(source):
        raise PageError(source, "is not an address add can fetch (only http:// and https://); "
                        "for a page saved on this computer, give its path")
    path = Path(source)
    if not path.is_file():
        hint = ""
        if not path.exists() and "." in source.split("/")[0] and not source.lower().endswith((".html", ".htm")):
            hint = "; for a web address, start it with https://"
        raise PageError(source, f"no such file{hint}")
    size = path.stat().st_size
    if size > max_bytes:
        raise PageError(source, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit for a web page")
    data = path.read_bytes()
    if data.startswith(b"%PDF-"):
        raise PageError(source, "is a PDF document, not a web page: copy the article's text into a .txt file and use new-story")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageError(source, "looks like a binary file, not a web page; give a page saved as HTML")
    return data


def _outlet(article: WebArticle, source: str, given: str | None) -> tuple[str, str]:
    """The outlet name and a sentence saying where it came from."""
    if given is not None and given.strip():
        return given, "Outlet given with --outlet."
    host = urlsplit(article.url or "").hostname
    if article.site_name and re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", article.site_name):
        host = article.site_name.lower()  # a domain name (trafilatura's fallback), not a name the page gives
    elif article.site_name:
        return article.site_name, "Outlet from the site name the page gives."
    if host:
        return host.removeprefix("www."), "Outlet from the web address (the page names no site): check it."
    return Path(source).stem, "Outlet from the file name (the page names no site): check it."


def _base_id(article: WebArticle, source: str) -> str:
    if not is_url(source):
        return slugify(Path(source).stem) or "article"
    segments = [s for s in urlsplit(source).path.split("/") if s]
    last = segments[-1].rsplit(".", 1)[0] if segments else ""
    return slugify(article.title or "") or slugify(last) or slugify(urlsplit(source).hostname or "") or "article"


def _notes(source: str, article: WebArticle, outlet_note: str, fetched_from: str | None) -> str:
    origin = f"the web address {source}" if is_url(source) else f"the saved page {Path(source).name}"
    notes = [
        f"Added with `add` from {origin}; the text and metadata were extracted automatically: compare them "
        "with the page.",
        outlet_note,
    ]
    if fetched_from:
        notes.append(f"Fetched from {fetched_from}.")
    if article.quoted_block_paragraphs:
        n = article.quoted_block_paragraphs
        notes.append(
            f"{n} paragraph{'s' if n != 1 else ''} of block quotation put in quotation marks "
            "(the page set them off as a quotation)."
        )
    if article.doubts:
        notes.append("Doubtful extraction: " + "; ".join(article.doubts) + ".")
    return " ".join(notes)


def _timestamp(now: _dt.datetime | None) -> str:
    moment = now or _dt.datetime.now(_dt.timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return moment.astimezone(_dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_articles(
    story_dir: str | Path,
    sources: Sequence[str],
    outlets: Sequence[str] | None = None,
    *,
    now: _dt.datetime | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> AddResult:
    """Add articles from saved web pages and web addresses to a story folder.

    Parameters
    ----------
    story_dir : str or Path
        The story folder; created when missing.
    sources : sequence of str
        Saved web pages (``.html`` files) and ``http(s)://`` addresses.
    outlets : sequence of str, optional
        One outlet name per source, in order; by default the site name the page gives.
    now : datetime, optional
        The ``retrieved`` time (default: the current time, in UTC).
    timeout, max_bytes : optional
        Passed to :func:`analysis.io.fetch.fetch_page`; ``max_bytes`` limits saved files too.

    Returns
    -------
    AddResult
        The files written (with their doubts) and the sources skipped as duplicates.

    Raises
    ------
    InputError
        A source that is missing, not a web page, cannot be fetched or holds
        no article text; an outlet count that does not match; nothing is
        written when any source fails.
    """
    from analysis.io.fetch import MAX_PAGE_BYTES, TIMEOUT_SECONDS

    story = Path(story_dir)
    limit = max_bytes if max_bytes is not None else MAX_PAGE_BYTES
    if story.exists() and not story.is_dir():
        raise InputError(story, "is a file, not a story folder")
    if not sources:
        raise InputError(story, "give at least one saved web page or web address to add")
    if outlets and len(outlets) != len(sources):
        raise InputError(story, f"{len(outlets)} --outlet names for {len(sources)} sources; give one per source, in order")
    retrieved = _timestamp(now)
    known = _Known.from_story(story)
    planned: list[PlannedArticle] = []
    added: list[Added] = []
    skipped: list[Skipped] = []
    ids: list[str] = []
    for i, source in enumerate(str(s) for s in sources):
        fetched_url = None
        if is_url(source):
            from analysis.io.fetch import fetch_page

            page = fetch_page(source, timeout=timeout or TIMEOUT_SECONDS, max_bytes=limit)
            fetched_url = page.final_url
            article = extract_article(page.content, source, url=page.final_url, charset=page.charset)
        else:
            article = extract_article(_read_file(source, limit), source)
        reason = known.duplicate([article.url, fetched_url, source if is_url(source) else None], article.text)
        if reason:
            skipped.append(Skipped(source, reason))
            continue
        outlet, outlet_note = _outlet(article, source, outlets[i] if outlets else None)
        article_id = free_article_id(_base_id(article, source), story, ids)
        fields: dict[str, str | None] = {
            "outlet": outlet,
            "title": article.title,
            "author": article.author,
            "published": article.published,
            "url": article.url,
        }
        if article.language:
            fields["language"] = article.language
        if not is_url(source):
            fields["source_file"] = Path(source).name
        shown_from = source if is_url(source) and normalise_url(source) != normalise_url(article.url) else None
        fields["retrieved"] = retrieved
        fields["notes"] = _notes(source, article, outlet_note, shown_from)
        item = plan_article(story, article_id, fields, article.text)
        planned.append(item)
        ids.append(article_id)
        known.add(item.target.name, article.url or fetched_url, article.text)
        added.append(Added(source, item.target, article.doubts))
    write_articles(story, planned)
    return AddResult(tuple(added), tuple(skipped))


def describe(result: AddResult) -> tuple[list[str], list[str]]:
    """Lines for stdout (each file written) and stderr (doubts and duplicates) after ``add``."""
    out = [display_path(a.path) for a in result.added]
    err = [f"warning: {a.source}: {doubt}" for a in result.added for doubt in a.doubts]
    err += [f"skipped {s.source}: {s.reason}" for s in result.skipped]
    return out, err
