"""Credit lines: the outlet's own staff, not people in the news.

Articles end (or start) with lines that name the reporter, the editor or a
press contact: "By Jane Roe", "Follow Daniel Nussbaum on Twitter: @dznussbaum",
"Reporting by Ann Lee; Editing by Tom Hay", "Jane Roe contributed reporting",
"Email Jane Roe at jroe@example.com", "Contact: Barb Maynes, 360-565-3005",
"Jane Roe is a reporter for the Daily Planet." The people named there wrote,
edited or handle the story; counting them as people mentioned, speakers or
actors would name the outlet's staff in a blind reading of sources.
:func:`find_credits` finds these lines with a few patterns written the common
ways, and :func:`credit_ranges` gives the character ranges the name finder
skips.

Rules, each anchored so that ordinary sentences do not match:

- at the start of a sentence: "By NAME[ and NAME]" as a whole paragraph of at
  most a dozen words with no full stop at its end (a by-line, not "By Tuesday,
  the fund had closed."); "(Additional) Reporting/Writing/Editing by NAME"
  and every further "... by NAME" of that sentence; "Follow NAME on
  Twitter/X/Instagram/..."; "Email/Contact/Reach NAME at"; "Contact:",
  "Media contact:", "For more information:" followed by a name;
- anywhere: "NAME[, NAME and NAME] contributed (additional) reporting" or
  "contributed to this report/story/article"; "(For more information: NAME";
- a paragraph of its own among the article's last three that says
  "NAME is a/an ... reporter/correspondent/writer/editor/journalist/columnist/
  producer/photographer for/at/with/on ..." (a reporter's biography line; the
  same sentence earlier in a story about a journalist is news and is kept).

Credits are found once per document: the name finder asks for them on every
call (quotes, voices, actors and the speakers table each find names), so the
result is kept on the :class:`~analysis.text.document.Document` object itself
(:func:`analysis.core.memo.kept`; a Document is immutable) and leaves with it.

Limits: a credit written another way ("Words: Jane Roe", "Jane Roe | Staff")
is not found; a credited name is skipped only inside its credit line, so a
reporter who is also named in the story's text stays a person there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.core.memo import kept
from analysis.text.document import Document

__all__ = ["Credit", "credit_ranges", "find_credits"]

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?"
_PARTICLE = r"(?:de|van|von|der|den|da|di|du|la|le|del|dos|bin|al)"
_NAME = rf"{_CAP}(?:[ \u00a0]+(?:{_CAP}|{_PARTICLE}(?=[ \u00a0]+[A-ZÀ-ÖØ-Þ])))*"
_NAMES = rf"{_NAME}(?:(?:,[ \u00a0]+and|,|[ \u00a0]+and|[ \u00a0]+&)[ \u00a0]+{_NAME})*"
_NAMES_AND = rf"{_NAME}(?:(?:[ \u00a0]+and|[ \u00a0]+&)[ \u00a0]+{_NAME})*"
_NAME_RE = re.compile(_NAME)
_JOIN_RE = re.compile(r"(?:,[ \u00a0]+and|,|[ \u00a0]+and|[ \u00a0]+&)[ \u00a0]+")

_NETWORKS = r"(?:Twitter|X|Instagram|Facebook|Threads|Bluesky|Mastodon|LinkedIn|TikTok|YouTube)"
_STAFF = r"(?:reporter|correspondent|writer|editor|journalist|columnist|producer|photographer|contributor)"

_BYLINE = re.compile(rf"By[ \u00a0]+(?P<names>{_NAMES_AND})(?:[ \u00a0]*[,|\-–—][^.!?\n]*)?")
_DESK = re.compile(rf"(?:Additional[ \u00a0]+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting)[ \u00a0]+by[ \u00a0]+")
_DESK_MORE = re.compile(rf"\bby[ \u00a0]+(?P<names>{_NAMES_AND})")
_FOLLOW = re.compile(rf"Follow[ \u00a0]+(?P<names>{_NAME})[ \u00a0]+on[ \u00a0]+{_NETWORKS}\b(?:[:\s]*@\w+)?")
_REACH = re.compile(rf"(?:Email|E-mail|Contact|Reach|Write to)[ \u00a0]+(?P<names>{_NAME})[ \u00a0]+at\b")
_CONTACT = re.compile(
    rf"(?:Media[ \u00a0]+|Press[ \u00a0]+)?(?:[Cc]ontacts?|For[ \u00a0]+more[ \u00a0]+information)[ \u00a0]*:[ \u00a0]*"
    rf"(?P<names>{_NAME})"
)
_CONTRIBUTED = re.compile(
    rf"(?P<names>{_NAMES})[ \u00a0]+contributed[ \u00a0]+(?:additional[ \u00a0]+)?"
    rf"(?:reporting|research|to[ \u00a0]+this[ \u00a0]+(?:report|story|article))"
)
_BIO = re.compile(
    rf"(?P<names>{_NAME})[ \u00a0]+is[ \u00a0]+an?[ \u00a0]+(?:[\w'’\-]+[ \u00a0]+){{0,4}}?{_STAFF}s?"
    rf"[ \u00a0]+(?:for|at|with|on)\b"
)


@dataclass(frozen=True)
class Credit:
    """A name in a credit line.

    Attributes
    ----------
    start, end : int
        Offsets of the name in the body.
    name : str
        The name as written.
    line_start, line_end : int
        Offsets of the whole credit phrase (what the name finder skips).
    """

    start: int
    end: int
    name: str
    line_start: int
    line_end: int


def _names_in(m: re.Match[str], group: str = "names") -> list[tuple[int, int, str]]:
    """Split a matched list of names ("A, B and C") into (start, end, name)."""
    text, base = m.group(group), m.start(group)
    out: list[tuple[int, int, str]] = []
    pos = 0
    while pos < len(text):
        nm = _NAME_RE.match(text, pos)
        if nm is None:
            break
        out.append((base + nm.start(), base + nm.end(), nm.group().rstrip(".")))
        jm = _JOIN_RE.match(text, nm.end())
        if jm is None:
            break
        pos = jm.end()
    return out


def _credits_of(m: re.Match[str], line_end: int | None = None) -> list[Credit]:
    end = m.end() if line_end is None else line_end
    return [Credit(s, s + len(n), n, m.start(), end) for s, _, n in _names_in(m)]


def find_credits(doc: Document) -> list[Credit]:
    """Find the names in the article's credit lines (by-lines, reporting credits, press contacts).

    Found once per document object and kept while it lives (see the module
    docstring); every call returns a new list.

    Parameters
    ----------
    doc : Document
        The segmented article.

    Returns
    -------
    list of Credit
        In reading order, one per credited name.
    """
    return list(kept(doc, "speech.credits", lambda: tuple(_scan_credits(doc))))


def _scan_credits(doc: Document) -> list[Credit]:
    """The credits of ``doc``, found by the patterns (see :func:`find_credits`)."""
    body = doc.body
    found: list[Credit] = []
    for s in doc.sentences:
        head = body[s.start : s.start + 1]
        if not head or not head.isupper():
            continue
        for pattern in (_FOLLOW, _REACH, _CONTACT):
            m = pattern.match(body, s.start, s.end)
            if m:
                found.extend(_credits_of(m))
                break
        else:
            m = _DESK.match(body, s.start, s.end)
            if m:
                for more in _DESK_MORE.finditer(body, m.start(), s.end):
                    found.extend(Credit(c.start, c.end, c.name, s.start, c.line_end) for c in _credits_of(more))
                continue
            m = _BYLINE.fullmatch(body, s.start, s.end)
            if m and len(doc.body[s.start : s.end].split()) <= 12 and _whole_paragraph(doc, s.start, s.end):
                found.extend(_credits_of(m))
    if "contributed" in body:
        found.extend(c for m in _CONTRIBUTED.finditer(body) for c in _credits_of(m))
    pos = body.find("(")
    while pos >= 0:
        m = _CONTACT.match(body, pos + 1)
        if m:
            found.extend(_credits_of(m))
        pos = body.find("(", pos + 1)
    for p in doc.paragraphs[-3:]:
        m = _BIO.match(body, p.start, p.end)
        if m and _sentences_in(doc, p.start, p.end) <= 2:
            found.extend(_credits_of(m, p.end))
    unique = {(c.start, c.end): c for c in found}
    return sorted(unique.values(), key=lambda c: c.start)


def _whole_paragraph(doc: Document, start: int, end: int) -> bool:
    i = doc.paragraph_index(start)
    if i is None:
        return False
    p = doc.paragraphs[i]
    return p.start == start and doc.body[end : p.end].strip() == ""


def _sentences_in(doc: Document, start: int, end: int) -> int:
    return sum(1 for s in doc.sentences if start <= s.start < end)


def credit_ranges(doc: Document) -> list[tuple[int, int]]:
    """Character ranges of the article's credit lines, for the name finder to skip.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    list of (start, end)
        One range per credited name, from the start of its credit phrase to
        its end (see :func:`find_credits`).
    """
    return [(c.line_start, max(c.line_end, c.end)) for c in find_credits(doc)]
