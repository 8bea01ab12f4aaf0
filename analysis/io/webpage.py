"""Take one news article out of a web page: its text, paragraph by paragraph, and its metadata.

:func:`extract_article` decodes the page (:func:`decode_html`), hands it to
trafilatura for the main text and the metadata (title, author, publication
date, site name, canonical address), and writes the text as the corpus wants
it: one paragraph per block of the page, paragraphs separated by a blank line,
so the quote extractor sees paragraph breaks and multi-paragraph quotes as in
a hand-made article. Navigation, advertisements, captions, pull quotes,
share buttons and comments are left out.

A block quotation (``<blockquote>``) is quoted speech set off from the text
instead of being put in quotation marks. When its paragraphs hold no
quotation mark, they are written with the marks a printed article would use:
an opening mark on each paragraph and a closing mark on the last (the
multi-paragraph convention), in the article's own quote style. The number of
paragraphs so marked is recorded, and the notes say so.

Where the extraction is doubtful (very short text, no date, a page that looks
like an index of articles rather than one article), :attr:`WebArticle.doubts`
says why in plain words.

trafilatura is imported inside the functions that use it, so importing the
package (and every command but ``add``) never loads it.

References
----------
Barbaresi, A. (2021). Trafilatura: A web scraping library and command-line
tool for text discovery and extraction. *ACL-IJCNLP 2021: System
Demonstrations*, 122-131.
WHATWG HTML Living Standard, "Determining the character encoding" (the order
of byte-order mark, transport-layer charset and ``<meta charset>``; labels
``iso-8859-1`` and ``us-ascii`` mean windows-1252).

Deviations
----------
Whitespace inside a paragraph is collapsed as a browser displays it
(non-breaking spaces are kept); a ``<br>`` inside a paragraph becomes a line
break, and two or more in a row a paragraph break (older pages separate
paragraphs so). Table rows become lines with tab-separated cells.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from analysis.core.errors import InputError, display_path
from analysis.text.document import word_spans

__all__ = [
    "INDEX_PAGE_TYPES",
    "MIN_WORDS",
    "PageError",
    "WebArticle",
    "body_paragraphs",
    "compose_body",
    "decode_html",
    "extract_article",
    "extraction_doubts",
    "index_signals",
    "is_url",
]

MIN_WORDS: int = 150
"""Fewer words than this and the extraction is called doubtful (news articles run to hundreds)."""

SHORT_PARAGRAPH_WORDS: int = 12
"""A paragraph under this many words is headline-length (a teaser on an index page)."""

INDEX_PAGE_TYPES: frozenset[str] = frozenset(
    {"collectionpage", "itemlist", "searchresultspage", "blog", "profilepage", "aboutpage"}
)
"""Page types (Open Graph ``og:type`` or schema.org ``@type``, lower case) of pages that list articles."""

WEAK_INDEX_PAGE_TYPES: frozenset[str] = frozenset({"website", "webpage"})
"""Page types that home and section pages use, but some article pages too: doubtful only with short text."""

PRUNE_XPATH: tuple[str, ...] = (
    "//*[contains(@class, 'pullquote') or contains(@class, 'pull-quote') or contains(@class, 'pull_quote')]",
    "//figcaption",
)
"""Page parts removed before extraction: pull quotes (a sentence of the article repeated in large
type) and captions, in case trafilatura's own filters keep them."""

DOUBLE_MARKS = "\"\u201c\u201d\u201e\u00ab\u00bb"
_BLOCK_TAGS = frozenset({"p", "head", "quote", "list", "item", "table", "row", "code", "div", "section", "article", "body"})
_LINE_BREAK = "\x00"  # stands for <lb/> while a paragraph is assembled
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")  # HTML collapses ASCII whitespace only; NBSP stays
_PARAGRAPH_BREAK_RE = re.compile(f"{_LINE_BREAK}[ \t\n\r\f]*{_LINE_BREAK}[{_LINE_BREAK} \t\n\r\f]*")
_META_CHARSET_RE = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SAVED_FROM_RE = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
_LANG_RE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[]))['\u2018](?=\w)")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class PageError(InputError):
    """A web page (a saved file or a web address) that cannot be used.

    Like :class:`~analysis.core.errors.InputError`, but the source is named as
    typed: a web address keeps its ``//``.
    """

    def __init__(self, source: str | Path, message: str) -> None:
        text = str(source)
        shown = text if has_scheme(text) else display_path(text)
        ValueError.__init__(self, f"{shown}: {message}")
        self.path = Path(text)
        self.source = text
        self.message = message
        self.line = None


def is_url(source: str | Path) -> bool:
    """True for an ``http://`` or ``https://`` address (the only kind ``add`` fetches)."""
    return isinstance(source, str) and re.match(r"https?://", source.strip(), re.IGNORECASE) is not None


def has_scheme(source: str | Path) -> bool:
    """True for any address with a scheme (``file:///etc/passwd``, ``ftp://``, ``mailto:``).

    Such a source is shown exactly as typed in messages. A scheme has two or more
    letters, so a Windows drive (``C:\\news.html``) is a path, not an address
    (RFC 3986, section 3.1).
    """
    return isinstance(source, str) and re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", source.strip()) is not None


@dataclass(frozen=True)
class WebArticle:
    """An article taken out of a web page.

    Attributes
    ----------
    text : str
        The body: paragraphs separated by one blank line, ending with a newline.
    title, author, published, site_name, url, language : str or None
        Metadata the page gives (None when it gives none; nothing is guessed).
        ``published`` is an ISO date (YYYY-MM-DD); ``url`` the page's canonical address.
    n_words : int
        Words in ``text`` (the project's word rule).
    quoted_block_paragraphs : int
        Block-quotation paragraphs written with quotation marks they did not have on the page.
    doubts : tuple of str
        Why the extraction may be wrong, in plain words (empty when nothing looks wrong).
    encoding : str
        The character encoding the page was read in.
    """

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    n_words: int = 0
    quoted_block_paragraphs: int = 0
    doubts: tuple[str, ...] = ()
    encoding: str = "utf-8"


# ----------------------------------------------------------------------------
# decoding


def _codec(label: str | None) -> str | None:
    """Python codec for a charset label, with the web's aliases; None for an unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in ("iso8859-1", "latin-1", "ascii"):
        return "cp1252"  # what browsers do with these labels
    if name.startswith("utf-16"):
        return "utf-8"  # a meta tag cannot declare UTF-16 (it would not be readable); browsers use UTF-8
    return name


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str, str | None]:
    """Decode a web page's bytes as a browser would.

    Parameters
    ----------
    data : bytes
        The page.
    declared : str, optional
        The charset the server sent (``Content-Type: text/html; charset=...``).

    Returns
    -------
    (str, str, str or None)
        The text, the codec used, and a doubt when bytes had to be replaced.

    Notes
    -----
    Order: a byte-order mark; the server's charset; a ``<meta charset>`` in
    the first 4,096 bytes; UTF-8 when the bytes are valid UTF-8; windows-1252.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), codec, None
    meta = _META_CHARSET_RE.search(data[:4096])
    candidates = [c for c in (_codec(declared), _codec(meta.group(1).decode("ascii")) if meta else None) if c]
    for codec in [*candidates, "utf-8", *([] if candidates else ["cp1252"])]:
        try:
            return data.decode(codec), codec, None
        except UnicodeDecodeError:
            continue
    codec = candidates[0] if candidates else "cp1252"
    text = data.decode(codec, errors="replace")
    doubt = f"some bytes are not valid {codec} and were replaced by \ufffd ({text.count(chr(0xFFFD))} characters)"
    return text, codec, doubt


# ----------------------------------------------------------------------------
# the body


def _inline_text(elem: Any) -> str:
    """An inline element's text with its descendants; <lb/> becomes a line-break marker."""
    parts = [_LINE_BREAK if elem.tag == "lb" else (elem.text or "")]
    for child in elem:
        parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(raw: str) -> str:
    lines = (_HTML_SPACE_RE.sub(" ", line).strip() for line in raw.split(_LINE_BREAK))
    return "\n".join(line for line in lines if line)


def _emit(raw: str, quote: int | None, out: list[tuple[str, int | None]]) -> None:
    """Add the paragraphs of a run of inline text; two or more <br> in a row start a new paragraph."""
    for part in _PARAGRAPH_BREAK_RE.split(raw):
        text = _clean(part)
        if text:
            out.append((text, quote))


def _walk(elem: Any, quote: int | None, out: list[tuple[str, int | None]], counter: list[int]) -> None:
    if elem.tag == "quote" and quote is None:
        counter[0] += 1
        quote = counter[0]
    if elem.tag == "table":
        rows = []
        for row in elem.iter("row"):
            cells = [_clean(_inline_text(cell)).replace("\n", " ") for cell in row]
            rows.append("\t".join(c for c in cells if c))
        text = "\n".join(r for r in rows if r)
        if text:
            out.append((text, quote))
        return
    buf = [elem.text or ""]
    for child in elem:
        if child.tag in _BLOCK_TAGS:
            _emit("".join(buf), quote, out)
            buf = []
            _walk(child, quote, out, counter)
        else:
            buf.append(_inline_text(child))
        buf.append(child.tail or "")
    _emit("".join(buf), quote, out)


def body_paragraphs(body: Any) -> list[tuple[str, int | None]]:
    """Paragraphs of trafilatura's XML body, in order.

    Parameters
    ----------
    body : lxml element
        ``Document.body`` from trafilatura (tags ``p``, ``head``, ``quote``,
        ``list``/``item``, ``table``/``row``/``cell``, inline ``hi``, ``ref``, ``lb``).

    Returns
    -------
    list of (str, int or None)
        Each paragraph's text and, inside a block quotation, the quotation's
        number (1, 2, ...; paragraphs of one quotation share it), else None.
    """
    out: list[tuple[str, int | None]] = []
    if body is not None:
        _walk(body, None, out, [0])
    return out


def _quote_style(paragraphs: Sequence[str]) -> tuple[str, str]:
    """The article's quotation marks: double (“ ”) unless it quotes only with single marks."""
    text = "\n".join(paragraphs)
    if any(ch in text for ch in DOUBLE_MARKS):
        return "\u201c", "\u201d"
    if _SINGLE_OPEN_RE.search(text):
        return "\u2018", "\u2019"
    return "\u201c", "\u201d"


def compose_body(paragraphs: Sequence[tuple[str, int | None]], title: str | None = None) -> tuple[str, int]:
    """Join paragraphs into a corpus body, marking block quotations as quoted speech.

    Parameters
    ----------
    paragraphs : sequence of (str, int or None)
        From :func:`body_paragraphs`.
    title : str, optional
        The headline; a first paragraph that repeats it is dropped (it is metadata).

    Returns
    -------
    (str, int)
        The body (paragraphs separated by a blank line, a final newline; '' for
        no paragraphs) and the number of block-quotation paragraphs given marks.
    """
    paras = list(paragraphs)
    if paras and title and paras[0][1] is None and _fold(paras[0][0]) == _fold(title):
        paras = paras[1:]
    opening, closing = _quote_style([t for t, q in paras if q is None])
    groups: dict[int, list[int]] = {}
    for i, (_, q) in enumerate(paras):
        if q is not None:
            groups.setdefault(q, []).append(i)
    texts = [t for t, _ in paras]
    marked = 0
    for members in groups.values():
        block = "\n".join(texts[i] for i in members)
        if any(ch in block for ch in DOUBLE_MARKS + "\u2018") or _SINGLE_OPEN_RE.search(block):
            continue  # the page already marks the quotation
        for i in members:
            texts[i] = opening + texts[i]
            marked += 1
        texts[members[-1]] += closing
    return ("\n\n".join(texts) + "\n" if texts else ""), marked


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# ----------------------------------------------------------------------------
# metadata the extractor misses


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type")
    return [str(x).lower() for x in (t if isinstance(t, list) else [t]) if x]


def _json_ld_url(tree: Any) -> str | None:
    """The article's address from schema.org JSON-LD (``url`` or ``mainEntityOfPage``)."""
    for obj in _json_ld_objects(tree):
        if not any(t.endswith("article") or t in ("reportagenewsarticle", "blogposting") for t in _types(obj)):
            continue
        for value in (obj.get("url"), obj.get("mainEntityOfPage")):
            if isinstance(value, dict):
                value = value.get("@id") or value.get("url")
            if isinstance(value, str) and is_url(value):
                return value.strip()
    return None


def _json_ld_types(tree: Any) -> set[str]:
    return {t for obj in _json_ld_objects(tree) for t in _types(obj)}


def _language(tree: Any) -> str | None:
    for value in tree.xpath("/html/@lang | /html/@xml:lang"):
        value = str(value).strip()
        if _LANG_RE.fullmatch(value):
            return value
    return None


# ----------------------------------------------------------------------------
# doubts


def index_signals(
    page_type: str | None, n_article_blocks: int, paragraph_words: Sequence[int], n_words: int,
    min_words: int = MIN_WORDS,
) -> list[str]:
    """Reasons to think a page lists articles (a home, section or search page) instead of being one.

    Parameters
    ----------
    page_type : str or None
        ``og:type`` or the schema.org ``@type`` the page gives, any case.
    n_article_blocks : int
        ``<article>`` elements on the page (an index has one per teaser).
    paragraph_words : sequence of int
        Words in each extracted paragraph.
    n_words : int
        Words in the extracted text.

    Returns
    -------
    list of str
        Empty for a page that looks like one article. A listing page type, 3 or
        more ``<article>`` blocks, or 4 or more paragraphs of which at least 60%
        are headline-length (under 12 words) are reasons on their own; a home
        page type (``website``) counts only with a short text.
    """
    kind = (page_type or "").strip().lower()
    reasons = []
    if kind in INDEX_PAGE_TYPES:
        reasons.append(f"the page calls itself a {page_type!r}, not an article")
    if n_article_blocks >= 3:
        reasons.append(f"it holds {n_article_blocks} separate <article> blocks")
    short = sum(1 for n in paragraph_words if n < SHORT_PARAGRAPH_WORDS)
    if len(paragraph_words) >= 4 and short >= 0.6 * len(paragraph_words):
        reasons.append(f"{short} of its {len(paragraph_words)} paragraphs are headline-length")
    if kind in WEAK_INDEX_PAGE_TYPES and (reasons or n_words < min_words):
        reasons.append(f"the page calls itself a {page_type!r}, as home and section pages do")
    return reasons


def extraction_doubts(
    n_words: int, published: str | None, index_reasons: Sequence[str] = (), min_words: int = MIN_WORDS
) -> tuple[str, ...]:
    """Plain-words reasons to check an extracted article by hand.

    Parameters
    ----------
    n_words : int
        Words extracted.
    published : str or None
        The publication date found, if any.
    index_reasons : sequence of str
        From :func:`index_signals`.
    min_words : int, default MIN_WORDS
        Fewer words are "very short".

    Returns
    -------
    tuple of str
        In the order: short text, no date, index-like page. Empty when nothing is doubtful.
    """
    doubts = []
    if n_words < min_words:
        doubts.append(
            f"very short text ({n_words} words; news articles usually run to several hundred): "
            "check that the whole article was extracted"
        )
    if not published:
        doubts.append("no publication date found on the page")
    if index_reasons:
        doubts.append("looks like an index of articles, not one article (" + "; ".join(index_reasons) + ")")
    return tuple(doubts)


# ----------------------------------------------------------------------------
# the whole extraction


def _clean_meta(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _http_url(value: str | None, base: str | None) -> str | None:
    if not value:
        return None
    url = urljoin(base, value) if base else value
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def extract_article(
    data: bytes, source: str | Path = "page", url: str | None = None, charset: str | None = None,
    min_words: int = MIN_WORDS,
) -> WebArticle:
    """Extract the article of one web page.

    Parameters
    ----------
    data : bytes
        The page as saved or downloaded.
    source : str or Path
        The file or address, for error messages.
    url : str, optional
        The address the page was fetched from (resolves relative links; the
        fallback for ``url`` when the page names no canonical address).
    charset : str, optional
        The charset the server declared.
    min_words : int, default MIN_WORDS
        Shorter texts are reported as doubtful.

    Returns
    -------
    WebArticle

    Raises
    ------
    PageError
        When the page holds no HTML or no article text at all.
    """
    import trafilatura  # here, not at the top: only `add` needs it
    from trafilatura.utils import load_html

    html, encoding, decode_doubt = decode_html(data, charset)
    if not re.search(r"<(?:html|body|head|p|div|article|main|title)\b", html[:200_000], re.IGNORECASE):
        raise PageError(source, "does not look like a web page (no HTML tags); for a plain-text article use new-story")
    tree = load_html(html)
    if tree is None:  # trafilatura doubts markup with no "html" near the start and little structure
        tree = load_html("<!DOCTYPE html>\n" + html)
    if tree is None:
        raise PageError(source, "could not be read as HTML")
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        include_links=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
        prune_xpath=list(PRUNE_XPATH),
    )
    if doc is None or not (doc.text or "").strip():
        raise PageError(
            source,
            "no article text found on this page (it may load its text with JavaScript, or be a paywall "
            "or cookie page): open it in a browser, copy the article's text into a .txt file and use new-story",
        )
    title = _clean_meta(doc.title)
    paragraphs = body_paragraphs(doc.body)
    text, marked = compose_body(paragraphs, title)
    if not text.strip():
        raise PageError(source, "no article text found on this page")
    n_words = len(word_spans(text))
    canonical = (
        _http_url(doc.url, url)
        or _http_url(_json_ld_url(tree), url)
        or _http_url(next(iter(_SAVED_FROM_RE.findall(html[:2048])), None), None)
        or _http_url(url, None)
    )
    published = doc.date if doc.date and _DATE_RE.fullmatch(str(doc.date)) else None
    page_type = doc.pagetype
    listing = sorted(_json_ld_types(tree) & INDEX_PAGE_TYPES)
    if listing:
        page_type = listing[0]
    reasons = index_signals(
        page_type, len(tree.xpath("//article")), [len(word_spans(t)) for t, _ in paragraphs], n_words, min_words
    )
    doubts = extraction_doubts(n_words, published, reasons, min_words)
    if decode_doubt:
        doubts += (decode_doubt,)
    return WebArticle(
        text=text,
        title=title,
        author=_clean_meta(doc.author),
        published=published,
        site_name=_clean_meta(doc.sitename),
        url=canonical,
        language=_language(tree),
        n_words=n_words,
        quoted_block_paragraphs=marked,
        doubts=doubts,
        encoding=encoding,
    )
