"""One text pipeline: paragraphs, sentences and words with offsets into the body.

Every analyzer in the package works on a :class:`Document` built here, so word
counts, sentence counts and offsets mean the same thing in every table. All
offsets are Python ``str`` indices into the article body exactly as read from
the corpus file (see docs/design.md, "Shared definitions"): a span's text is
``body[start:end]``.

Definitions
-----------
paragraph
    A run of lines between lines that hold only whitespace (non-breaking spaces
    included). The span is trimmed of surrounding whitespace.
sentence
    Ends at ``.``, ``!`` or ``?`` before whitespace and a word that does not
    start in lower case, except after an abbreviation from a fixed list
    (:data:`ABBREVIATIONS`: "Mr.", "U.S.", "a.m.") or an initial. This is the
    decision NLTK's Punkt boundary detector (Kiss & Strunk 2006) takes with
    untrained English parameters and the same list, computed directly (see
    :func:`sentence_spans`). A break before a lower-case letter is not taken
    ("...black anyway!) isn't going to cut it" stays one sentence). Sentences
    never cross paragraphs. A sentence without any word (a lone dash or
    ellipsis) is dropped.
word
    A run of letters or digits, joined by inner apostrophes (' ’) or hyphens;
    em and en dashes, spaced hyphens, "…" and whitespace separate words. A
    leading ``#`` or ``@`` belongs to the word (#tags and @handles are one word).
    Two additions keep common news tokens whole: digits joined by an inner comma
    or point ("1,000", "3.5") and initialisms of single letters joined by points
    ("U.S", "a.m"; the final point stays punctuation). Combining marks belong
    to the letter they follow ("re\u0301sume\u0301" in decomposed form is one
    word), and invisible joiners inside a word (:data:`JOINERS`: soft hyphen,
    zero-width space and joiners) neither split it nor make a word on their
    own. Other control characters are kept in the body and separate words.

References
----------
Kiss, T. & Strunk, J. (2006). Unsupervised multilingual sentence boundary
detection. *Computational Linguistics* 32(4), 485-525.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from operator import attrgetter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = [
    "ABBREVIATIONS",
    "Document",
    "Span",
    "find_nth",
    "make_document",
    "paragraph_spans",
    "sentence_spans",
    "word_spans",
]


class Span(NamedTuple):
    """A half-open character range ``[start, end)`` of a document body.

    A named tuple (cheap to create: an article has hundreds of words).
    """

    start: int
    end: int

    def text(self, body: str) -> str:
        """Return the characters this span covers in ``body``."""
        return body[self.start : self.end]

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start


_span_start = attrgetter("start")


ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms messrs mme dr prof sen rep reps gov lt col gen maj capt sgt cpl adm cmdr
    supt insp det atty hon rev fr st ste mt ft ave blvd rd jr sr esq pres vs v
    inc ltd co corp bros dept univ assn intl natl est approx
    jan feb mar apr jun jul aug sep sept oct nov dec
    vol vols pp fig
    a.m p.m u.s u.k u.n e.g i.e d.c l.a n.y u.s.a
    """.split()
)
"""Abbreviations after which a point does not end a sentence (lower case, no final point).

Compiled for this project from common news usage (AP style's courtesy titles,
month abbreviations and initialisms). "etc." is left out on purpose: it ends a
sentence more often than not in news text, and "no" (as in "No. 5") is left out
because "voted no." ends a sentence.
"""

def _combining_mark_class() -> str:
    """A regex matching one combining mark (Unicode categories Mn, Mc, Me).

    Python's ``\\w`` leaves combining marks out, so without them a word
    written in decomposed form ("re\\u0301sume\\u0301", as some Mac software
    saves it) or in a script with vowel signs (Devanagari) would fall apart
    into pieces. Marks outside the Basic Multilingual Plane get their own
    guarded class: one class holding both made every word match slower.
    """

    def ranges(lo: int, hi: int) -> str:
        out: list[list[int]] = []
        for cp in range(lo, hi):
            if unicodedata.category(chr(cp))[0] == "M":
                if out and out[-1][1] == cp - 1:
                    out[-1][1] = cp
                else:
                    out.append([cp, cp])
        return "".join(
            re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in out
        )

    astral = ranges(0x10000, 0x30000) + ranges(0xE0100, 0xE01F0)
    return "(?:[" + ranges(0x300, 0x10000) + "]|(?=[\U00010000-\U0010ffff])[" + astral + "])"


JOINERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Invisible format characters that join a word when they sit inside it.

Soft hyphen, zero-width space, zero-width non-joiner and joiner, word joiner
and a stray byte-order mark: pasted web text carries them inside words
("infor\\u00admation"). Inside a word they are part of it (the word keeps its
offsets; lookups ignore them); elsewhere they are neither words nor spaces.
"""

_MARK = _combining_mark_class()
_STEM = r"[^\W_]++(?:" + _MARK + r"++[^\W_]*+)*+"  # letters or digits, with their combining marks
_WORD_RE = re.compile(
    r"(?<![^\W_])(?:[^\W\d_]\.)+[^\W\d_](?![^\W_])"  # initialisms: U.S, a.m, J.K
    r"|[#@]?" + _STEM
    + r"(?:(?:['\u2019\-\u2010\u2011]|(?<=\d)[.,](?=\d)|[" + JOINERS + r"]++(?=[^\W_]))" + _STEM + r")*+"
)


_OPENERS = "\"'\u201c\u2018([ \u00a0"


def _starts_lower(text: str, start: int) -> bool:
    """True when the first letter at or after ``start`` (past quotes/brackets) is lower case."""
    i = start
    while i < len(text) and text[i] in _OPENERS:
        i += 1
    return i < len(text) and text[i].islower()


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


_PARAGRAPH_BREAK_RE = re.compile(r"(?:\r\n|\r|\n)(?:[^\S\r\n]*(?:\r\n|\r|\n|$))+")
_LEADING_SPACE_RE = re.compile(r"\s*")


def paragraph_spans(body: str) -> tuple[Span, ...]:
    """Split ``body`` into paragraphs at lines that hold only whitespace.

    Parameters
    ----------
    body : str
        The article body.

    Returns
    -------
    tuple of Span
        One span per paragraph, trimmed of leading and trailing whitespace,
        in order. Empty for a body that is empty or only whitespace.
    """
    spans: list[Span] = []
    pos = 0
    for m in _PARAGRAPH_BREAK_RE.finditer(body):
        _add_paragraph(body, pos, m.start(), spans)
        pos = m.end()
    _add_paragraph(body, pos, len(body), spans)
    return tuple(spans)


def _add_paragraph(body: str, start: int, end: int, spans: list[Span]) -> None:
    start = _LEADING_SPACE_RE.match(body, start, end).end()
    chunk = body[start:end].rstrip()
    if chunk:
        spans.append(Span(start, start + len(chunk)))


def word_spans(text: str, offset: int = 0) -> list[Span]:
    """Find the words of ``text`` by the project's word rule.

    Parameters
    ----------
    text : str
        Any text.
    offset : int, default 0
        Added to every span, for text cut from a larger body.

    Returns
    -------
    list of Span
    """
    if offset:
        return [Span(s + offset, e + offset) for s, e in map(re.Match.span, _WORD_RE.finditer(text))]
    return list(map(Span._make, map(re.Match.span, _WORD_RE.finditer(text))))


# Possessive runs, and no start inside a run of terminal marks: the plain form
# ``[.!?]+...(?=\s|$)`` backtracks through every suffix of a long run of points
# that is not followed by a space (quadratic: 80,000 points took 99 s).
_BOUNDARY_RE = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s|$)")


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Decide whether the terminal punctuation matched by ``m`` ends a sentence."""
    nxt = m.end()
    n = len(text)
    while nxt < n and text[nxt].isspace():
        nxt += 1
    if nxt >= n:
        return True
    if _starts_lower(text, nxt):
        return False  # "... anyway!) isn't going", "“Is it over?” he asked"
    if text[m.start()] != "." or m.end() - m.start() > 1 and text[m.start() + 1] == ".":
        return True  # "!", "?" or an ellipsis
    # the token before the point: an abbreviation or an initial does not end a sentence
    k = m.start()
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    token = text[k : m.start()].lstrip(_OPENERS).lower()
    if token in ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "J. K. Rowling"
    return True


def sentence_spans(body: str, paragraphs: tuple[Span, ...] | None = None) -> tuple[Span, ...]:
    """Split every paragraph of ``body`` into sentences.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotation marks
    or brackets after it) followed by whitespace and a word that does not
    start in lower case, unless the point closes an abbreviation from
    :data:`ABBREVIATIONS` or a single-letter initial. This is the decision that
    NLTK's Punkt (Kiss & Strunk 2006) takes with untrained English parameters
    and the same abbreviation list, computed directly: the results agree on
    the seeds and on the sentence fixture, at a fraction of the cost.

    Parameters
    ----------
    body : str
        The article body.
    paragraphs : tuple of Span, optional
        Paragraph spans, if already known (see :func:`paragraph_spans`).

    Returns
    -------
    tuple of Span
        Sentence spans in order; each lies inside one paragraph. Sentences that
        contain no word are left out.
    """
    if paragraphs is None:
        paragraphs = paragraph_spans(body)
    out: list[Span] = []
    for para in paragraphs:
        text = body[para.start : para.end]
        start = 0
        bounds: list[tuple[int, int]] = []
        for m in _BOUNDARY_RE.finditer(text):
            if _ends_sentence(text, m):
                bounds.append((start, m.end()))
                start = m.end()
                while start < len(text) and text[start].isspace():
                    start += 1
        if start < len(text):
            bounds.append((start, len(text)))
        for s, e in bounds:
            if _WORD_RE.search(text, s, e):
                out.append(Span(para.start + s, para.start + e))
    return tuple(out)


def punkt_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Reference: NLTK Punkt (untrained English parameters + :data:`ABBREVIATIONS`).

    Kept to check :func:`sentence_spans` against (tests compare the two); not
    used by the pipeline. Needs no downloaded data.
    """
    return list(_sentence_tokenizer().span_tokenize(text))


@dataclass(frozen=True)
class Document:
    """One article segmented once: paragraphs, sentences and words.

    Attributes
    ----------
    article_id : str
        The article's id (file stem or front-matter ``article_id``).
    body : str
        The body exactly as read; every offset indexes into it.
    paragraphs, sentences : tuple of Span
        Segments in reading order.
    word_bounds : tuple of (int, int)
        ``(start, end)`` of every word, in order (plain tuples; see ``words``).
    word_texts : tuple of str
        ``body[start:end]`` for every word, in order.
    sentence_words : tuple of (int, int)
        For each sentence, the half-open range of indices into ``words``.
    """

    article_id: str
    body: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    word_bounds: tuple[tuple[int, int], ...]
    word_texts: tuple[str, ...]
    sentence_words: tuple[tuple[int, int], ...]

    @cached_property
    def words(self) -> tuple[Span, ...]:
        """Word spans in reading order (built on first use)."""
        return tuple(map(Span._make, self.word_bounds))

    @cached_property
    def lower_body(self) -> str | None:
        """The body in lower case, character for character (built on first use).

        ``lower_body[start:end] == body[start:end].lower()`` for every span, so
        analyzers that compare lower-case tokens slice it instead of lowering
        each token again. None when lower-casing is not character for
        character: it changes the length ("\u0130" becomes two characters) or
        depends on the neighbours (Greek capital sigma).
        """
        lowered = self.body.lower()
        if len(lowered) != len(self.body) or "\u03a3" in self.body:
            return None
        return lowered

    @property
    def n_words(self) -> int:
        """Number of words."""
        return len(self.word_texts)

    @property
    def n_sentences(self) -> int:
        """Number of sentences."""
        return len(self.sentences)

    def text(self, span: Span) -> str:
        """Return the body text of ``span``."""
        return self.body[span.start : span.end]

    def paragraph_index(self, offset: int) -> int | None:
        """Index of the paragraph holding character ``offset``, or None if none does."""
        i = bisect_right(self.paragraphs, offset, key=_span_start) - 1
        if i >= 0 and self.paragraphs[i].start <= offset < self.paragraphs[i].end:
            return i
        return None


def make_document(body: str, article_id: str = "") -> Document:
    """Segment an article body into a :class:`Document`.

    Parameters
    ----------
    body : str
        The article body (front matter already removed, text otherwise as read).
    article_id : str, optional
        Carried through to every table built from the document.

    Returns
    -------
    Document

    Examples
    --------
    >>> doc = make_document("Mr. Roe said it. It’s over.")
    >>> [doc.text(s) for s in doc.sentences]
    ['Mr. Roe said it.', 'It’s over.']
    >>> doc.word_texts
    ('Mr', 'Roe', 'said', 'it', 'It’s', 'over')
    """
    if not isinstance(body, str):
        raise TypeError(f"body must be str, not {type(body).__name__}")
    paragraphs = paragraph_spans(body)
    sentences = sentence_spans(body, paragraphs)
    # paragraphs cover every non-space character, so one pass over the body
    # finds exactly the words of all paragraphs
    words = tuple(map(re.Match.span, _WORD_RE.finditer(body)))
    starts = [s for s, _ in words]
    sentence_words = tuple(
        (bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in sentences
    )
    return Document(
        article_id=article_id,
        body=body,
        paragraphs=paragraphs,
        sentences=sentences,
        word_bounds=words,
        word_texts=tuple([body[s:e] for s, e in words]),
        sentence_words=sentence_words,
    )


def find_nth(body: str, text: str, occurrence: int) -> int:
    """Where the ``occurrence``-th appearance of ``text`` in ``body`` starts (as in gold files).

    Appearances may overlap: each search starts one character after the previous start.

    Parameters
    ----------
    body : str
        The article body.
    text : str
        The characters to find.
    occurrence : int
        1 for the first appearance, 2 for the second...

    Returns
    -------
    int
        The str index of its start, or -1 when ``text`` appears fewer times.

    Examples
    --------
    >>> find_nth("aaa b aaa", "aa", 1), find_nth("aaa b aaa", "aa", 2), find_nth("aaa b aaa", "aa", 5)
    (0, 1, -1)
    """
    at = -1
    for _ in range(occurrence):
        at = body.find(text, at + 1)
        if at < 0:
            return -1
    return at
