"""Quotation-mark spans: where each quote of an article opens and closes.

:func:`_find_spans` reads the body paragraph by paragraph and returns one
:class:`_Raw` span per pair of quotation marks (or per unclosed opening mark,
which ends at its paragraph's end), with offsets into the body. The article's
quote style decides which marks count (:func:`_primary_style`): double marks
(straight, curly and mixed) by default, single marks when single marks open
more than twice as many quotes as double ones. Apostrophes (It’s, the ’90s,
the Smiths’ house) never open or close a quote (:func:`_is_apostrophe`).
Headlines keep single marks in an article quoting with double ones
(:func:`_is_headline`). An unclosed span whose next paragraph opens with a
mark continues there (:func:`_link_paragraphs`).

The scan is driven by compiled regular expressions: one ``finditer`` per
paragraph yields the candidate marks (a single mark with a letter or digit on
both sides is left out by lookarounds, as it is always an apostrophe), a
paragraph without any mark is skipped with one ``search``, and the quote style
counts marks in opening position found by lookarounds. Only the candidates are
examined in Python. ``tests/test_marks.py`` keeps the earlier
character-by-character scanner and checks that both find the same spans.

:mod:`analysis.speech.quotes` reads these spans and decides their kind,
speaker and verb (docs/design.md, "Quotes").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from analysis.text.document import Document

if TYPE_CHECKING:
    from analysis.speech.quotes import _Attribution

__all__ = ["DOUBLE_MARKS", "SINGLE_MARKS"]

DOUBLE_MARKS = "\"\u201c\u201d\u201e"
SINGLE_MARKS = "'\u2018\u2019"
OPEN_PUNCT = "([{\u2014\u2013-/"

_DOUBLE_RE = re.compile("[" + DOUBLE_MARKS + "]")
"""One double mark (each candidate of :func:`_double_spans`)."""
_SINGLE_RE = re.compile(r"['\u2018\u2019](?:(?<![^\W_]['\u2018\u2019])|(?![^\W_]))")
r"""One single mark without a letter or digit on both sides.

``[^\W_]`` is a letter or digit exactly as ``str.isalnum`` has it, so a mark
inside a word (don't, it’s, rock’n’roll: the first rule of
:func:`_is_apostrophe`) is never a candidate of :func:`_single_spans`.
"""
_ANY_MARK_RE = re.compile("[" + DOUBLE_MARKS + SINGLE_MARKS + "]")
_ANY_SINGLE_RE = re.compile("[" + SINGLE_MARKS + "]")
_OPENING_RE = re.compile(
    r"[\"\u201c\u201d\u201e'\u2018](?<![^\s(\[{\u2014\u2013\-/][\"\u201c\u201d\u201e'\u2018])(?=\S)"
)
r"""A mark in opening position for :func:`_primary_style`: at the start or after a space
or an opening bracket or dash, and before a non-space (``\s`` is ``str.isspace``)."""


class _Raw(NamedTuple):
    """One quotation-mark span as the phases of :func:`extract_quotes` see it.

    Immutable: a phase returns new spans (``_replace``) with the fields it
    decides filled in: the marks and links (:func:`_find_spans`), ``kind``
    (:func:`_classify_kinds`, :func:`_mark_names`) and the attribution
    (:func:`_attach_attributions`). A named tuple, as spans are made and
    copied once per phase and a tuple is the cheapest to make.
    """

    open_mark: int
    close_mark: int  # -1 when unclosed
    start: int
    end: int
    paragraph: int
    continues: bool = False  # unclosed and the next paragraph opens with a mark
    continued: bool = False  # opens a paragraph that continues the previous quote
    kind: str = "full"
    attribution: "_Attribution | None" = None
    attr_range: tuple[int, int] | None = None  # where the attribution text is
    attr_after: bool = False  # the attribution follows the quote


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _double_spans(text: str, base: int, para_index: int) -> list[_Raw]:
    out: list[_Raw] = []
    open_at = -1
    n = len(text)
    for m in _DOUBLE_RE.finditer(text):
        i = m.start()
        ch = m.group()
        # a space stands for the paragraph's start and end (both count as space)
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        space_before = prev.isspace() or prev in OPEN_PUNCT
        space_after = nxt.isspace()
        if ch in "\u201c\u201e":
            opener, closer = True, False
            if not space_before and (space_after or nxt in ",.;:!?)"):
                opener, closer = False, True  # “ misused as a closing mark
        elif ch == "\u201d":
            opener, closer = False, True
            if space_before and not space_after and nxt not in ",.;:!?)":
                opener, closer = True, False  # ” misused as an opening mark
        else:  # straight mark: decide by position
            opener = space_before and not space_after
            closer = not space_before or (space_after and open_at >= 0)
            if prev.isdigit() and open_at < 0:
                opener = closer = False  # 6" (inches)
        if open_at < 0:
            if opener:
                open_at = i
        elif closer:
            out.append(_make_raw(text, base, para_index, open_at, i))
            open_at = -1
        elif opener:  # a new quote opens while one is unclosed
            out.append(_make_raw(text, base, para_index, open_at, -1, stop=i))
            open_at = i
    if open_at >= 0:
        out.append(_make_raw(text, base, para_index, open_at, -1))
    return [r for r in out if r.end > r.start]


def _is_apostrophe(text: str, i: int) -> bool:
    """True when the single mark at ``i`` is an apostrophe, not a quotation mark."""
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev.isalnum() and nxt.isalnum():
        return True  # don’t, it's, rock’n’roll
    if nxt.isdigit() and not prev.isalnum():
        return True  # the ’90s
    if prev in "sS" and nxt in (" ", "\u00a0"):
        j = i + 1
        while j < len(text) and text[j] in " \u00a0":
            j += 1
        if j < len(text) and (text[j].islower() or text[j].isdigit()):
            return True  # the Smiths’ house, students' union
    if prev.isalpha() and nxt.isalpha() is False and text[i - 2 : i].lower() in ("'n", "\u2019n"):
        return True  # ’n’
    if nxt.isalpha() and (not prev or _is_space(prev)) and text[i + 1 : i + 3].lower() in ("n ", "n\u2019", "n'"):
        return True
    return False


def _single_spans(text: str, base: int, para_index: int) -> list[_Raw]:
    out: list[_Raw] = []
    open_at = -1
    n = len(text)
    for m in _SINGLE_RE.finditer(text):
        i = m.start()
        if _is_apostrophe(text, i):
            continue
        ch = text[i]
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        space_before = _is_space(prev) or prev in OPEN_PUNCT or prev in DOUBLE_MARKS
        opener = ch != "\u2019" and space_before and not _is_space(nxt)
        closer = ch != "\u2018" and not _is_space(prev)
        if open_at < 0:
            if opener:
                open_at = i
        elif closer:
            out.append(_make_raw(text, base, para_index, open_at, i))
            open_at = -1
    if open_at >= 0:
        out.append(_make_raw(text, base, para_index, open_at, -1))
    return [r for r in out if r.end - r.start > 1]


def _make_raw(text: str, base: int, para: int, open_at: int, close_at: int, stop: int | None = None) -> _Raw:
    end = close_at if close_at >= 0 else (stop if stop is not None else len(text))
    start = open_at + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Raw(
        open_mark=base + open_at,
        close_mark=base + close_at if close_at >= 0 else -1,
        start=base + start,
        end=base + end,
        paragraph=para,
    )


def _primary_style(body: str) -> str:
    """``single`` when single marks open more than twice as many quotes as double marks.

    An opening mark is one that follows a space, an opening bracket or the
    start of a line and precedes a non-space; apostrophes are not counted.
    """
    doubles = singles = 0
    for m in _OPENING_RE.finditer(body):
        if m.group() in DOUBLE_MARKS:
            doubles += 1
        elif not _is_apostrophe(body, m.start()):
            singles += 1
    # nested quotes and stray apostrophe-like marks are common; single style needs a clear majority
    return "single" if singles > 2 * doubles else "double"


HEADLINE_MAX_WORDS = 20
"""Longest paragraph that can be a headline or a subheading."""


def _is_headline(text: str) -> bool:
    """A headline or subheading: a short line with no double marks and no closing punctuation.

    Headlines and subheadings quote with single marks even where the article
    quotes with double ones ("Minister celebrates ‘special connection’ between
    farming and tourism", "‘Public key to preventing organised crime’").
    """
    line = text.strip()
    if not line or "\n" in line or any(c in line for c in DOUBLE_MARKS):
        return False
    if len(line.split()) > HEADLINE_MAX_WORDS:
        return False
    return not line.rstrip("'\u2019").rstrip().endswith((".", "!", "?", ":", ";", ","))


def _find_spans(doc: Document) -> list[_Raw]:
    """Phase 1: every quotation-mark span of the body, paragraph by paragraph.

    Parameters
    ----------
    doc : Document
        The segmented article.

    Returns
    -------
    list of _Raw
        In reading order (so grouped by paragraph), of kind ``full``, with
        ``continues``/``continued`` set on multi-paragraph quotes.
    """
    body = doc.body
    style = _primary_style(body)
    finder = _double_spans if style == "double" else _single_spans
    has_mark = (_ANY_MARK_RE if style == "double" else _ANY_SINGLE_RE).search
    raws: list[_Raw] = []
    for k, para in enumerate(doc.paragraphs):
        if has_mark(body, para.start, para.end) is None:
            continue  # neither finder nor the headline rule finds a span without a mark
        text = body[para.start : para.end]
        found = finder(text, para.start, k)
        if style == "double" and not found and _is_headline(text):
            # headlines keep single marks in an article quoting with double ones
            found = [r for r in _single_spans(text, para.start, k) if r.close_mark >= 0]
        raws.extend(found)
    return _link_paragraphs(doc, raws, DOUBLE_MARKS if style == "double" else "'\u2018")


def _link_paragraphs(doc: Document, raws: list[_Raw], marks: str) -> list[_Raw]:
    """Mark multi-paragraph quotes: an unclosed span whose next paragraph opens with a mark.

    Parameters
    ----------
    doc : Document
        The segmented article.
    raws : list of _Raw
        Spans in reading order.
    marks : str
        The opening marks of the article's quote style.

    Returns
    -------
    list of _Raw
        The same spans; the unclosed one ``continues``, the next one is ``continued``.
    """
    links = {
        i
        for i, (a, b) in enumerate(zip(raws, raws[1:]))
        if a.close_mark < 0
        and b.paragraph == a.paragraph + 1
        and b.open_mark == doc.paragraphs[b.paragraph].start
        and doc.body[b.open_mark] in marks
    }
    if not links:
        return raws
    return [
        r._replace(continues=i in links, continued=i - 1 in links) if i in links or i - 1 in links else r
        for i, r in enumerate(raws)
    ]
