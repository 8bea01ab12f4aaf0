"""One text pipeline: paragraphs, sentences and words with offsets into the body.

Every analyzer in the package works on a :class:`Document` built here, so word
counts, sentence counts and offsets mean the same thing in every table. All
offsets are Python ``str`` indices into the article body exactly as read from
the corpus file (see design notes, "Shared definitions"): a span's text is
``body[start:end]``.

Definitions
-----------
paragraph
    A run of lines between lines that hold only whitespace (non-breaking spaces
    included). The span is trimmed of surrounding whitespace.
sentence
    NLTK's Punkt sentence boundary detector (Kiss & Strunk 2006) run inside each
    paragraph with the untrained English parameters plus a fixed list of
    abbreviations (:data:`ABBREVIATIONS`), so "Mr." or "U.S." does not end a
    sentence. A break before a lower-case letter is undone ("...black anyway!)
    isn't going to cut it" stays one sentence). Sentences never cross
    paragraphs. A sentence without any word (a lone dash or ellipsis) is dropped.
word
    A run of letters or digits, joined by inner apostrophes (' ’) or hyphens;
    em and en dashes, spaced hyphens, "…" and whitespace separate words. A
    leading ``#`` or ``@`` belongs to the word (#tags and @handles are one word).
    Two additions keep common news tokens whole: digits joined by an inner comma
    or point ("1,000", "3.5") and initialisms of single letters joined by points
    ("U.S", "a.m"; the final point stays punctuation).

References
----------
Kiss, T. & Strunk, J. (2006). Unsupervised multilingual sentence boundary
detection. *Computational Linguistics* 32(4), 485-525.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = [
    "ABBREVIATIONS",
    "Document",
    "Span",
    "make_document",
    "paragraph_spans",
    "sentence_spans",
    "word_spans",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of a document body."""

    start: int
    end: int

    def text(self, body: str) -> str:
        """Return the characters this span covers in ``body``."""
        return body[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start


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

_WORD_RE = re.compile(
    r"(?<![^\W_])(?:[^\W\d_]\.)+[^\W\d_](?![^\W_])"  # initialisms: U.S, a.m, J.K
    r"|[#@]?[^\W_]+(?:(?:['\u2019\-\u2010\u2011]|(?<=\d)[.,](?=\d))[^\W_]+)*"
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
    start: int | None = None
    end = 0
    pos = 0
    n = len(body)
    while pos <= n:
        nl = _next_line_end(body, pos)
        line = body[pos:nl]
        if line.strip() == "":
            if start is not None:
                spans.append(Span(start, end))
                start = None
        else:
            left = pos + (len(line) - len(line.lstrip()))
            right = pos + len(line.rstrip())
            if start is None:
                start = left
            end = right
        if nl >= n:
            break
        pos = nl + (2 if body.startswith("\r\n", nl) else 1)
    if start is not None:
        spans.append(Span(start, end))
    return tuple(spans)


def _next_line_end(body: str, pos: int) -> int:
    """Index of the next line break at or after ``pos`` (len(body) if none)."""
    nl = body.find("\n", pos)
    cr = body.find("\r", pos)
    candidates = [i for i in (nl, cr) if i != -1]
    return min(candidates) if candidates else len(body)


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
    return [Span(m.start() + offset, m.end() + offset) for m in _WORD_RE.finditer(text)]


def sentence_spans(body: str, paragraphs: tuple[Span, ...] | None = None) -> tuple[Span, ...]:
    """Split every paragraph of ``body`` into sentences.

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
    tokenizer = _sentence_tokenizer()
    out: list[Span] = []
    for para in paragraphs:
        text = body[para.start : para.end]
        merged: list[list[int]] = []
        for s, e in tokenizer.span_tokenize(text):
            if merged and _starts_lower(text, s):
                merged[-1][1] = e
            else:
                merged.append([s, e])
        for s, e in merged:
            if _WORD_RE.search(text, s, e):
                out.append(Span(para.start + s, para.start + e))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Document:
    """One article segmented once: paragraphs, sentences and words.

    Attributes
    ----------
    article_id : str
        The article's id (file stem or front-matter ``article_id``).
    body : str
        The body exactly as read; every offset indexes into it.
    paragraphs, sentences, words : tuple of Span
        Segments in reading order.
    word_texts : tuple of str
        ``body[w.start:w.end]`` for every word, in order.
    sentence_words : tuple of (int, int)
        For each sentence, the half-open range of indices into ``words``.
    """

    article_id: str
    body: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    words: tuple[Span, ...]
    word_texts: tuple[str, ...]
    sentence_words: tuple[tuple[int, int], ...]

    @property
    def n_words(self) -> int:
        """Number of words."""
        return len(self.words)

    @property
    def n_sentences(self) -> int:
        """Number of sentences."""
        return len(self.sentences)

    def text(self, span: Span) -> str:
        """Return the body text of ``span``."""
        return self.body[span.start : span.end]

    def paragraph_index(self, offset: int) -> int | None:
        """Index of the paragraph holding character ``offset``, or None if none does."""
        starts = [p.start for p in self.paragraphs]
        i = bisect_left(starts, offset + 1) - 1
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
    words: list[Span] = []
    for para in paragraphs:
        words.extend(word_spans(body[para.start : para.end], para.start))
    starts = [w.start for w in words]
    sentence_words = tuple(
        (bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in sentences
    )
    return Document(
        article_id=article_id,
        body=body,
        paragraphs=paragraphs,
        sentences=sentences,
        words=tuple(words),
        word_texts=tuple(body[w.start : w.end] for w in words),
        sentence_words=sentence_words,
    )
