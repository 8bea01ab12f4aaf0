"""Helpers for the media-literacy lesson (notebooks/lesson/).

Small, pure functions the student workbook calls: hide what identifies an
outlet before a blind reading, render articles as escaped HTML, and give
feedback on an exercise answer (a hint when the answer is still empty).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from .corpus import Article
from .text import paragraph_spans

__all__ = ["BYLINE_PLACEHOLDER", "blind_reading_html", "check_answer", "hide_bylines"]

BYLINE_PLACEHOLDER = "[byline hidden]"
"""What replaces a paragraph that identifies the author or outlet."""

_BYLINE_RE = re.compile(
    r"(?:^|\s)@\w{2,}|^\s*(?:by|follow|contact|email|e-mail|reporting by|written by)\b",
    re.IGNORECASE,
)


def hide_bylines(body: str, max_words: int = 20) -> str:
    """Replace short paragraphs that identify a reporter (bylines, handles) by a placeholder.

    A paragraph of at most ``max_words`` words that holds an @handle or starts
    with "By", "Follow", "Contact", "Email", "Reporting by" or "Written by" is
    replaced by :data:`BYLINE_PLACEHOLDER`; everything else is kept as it is.
    For display in a blind reading only: the corpus file is never changed.

    Parameters
    ----------
    body : str
        An article body.
    max_words : int
        Longer paragraphs are never hidden (they are article text).

    Returns
    -------
    str
    """
    out = []
    last = 0
    for para in paragraph_spans(body):
        text = body[para.start : para.end]
        if len(text.split()) <= max_words and _BYLINE_RE.search(text):
            out.append(body[last : para.start] + BYLINE_PLACEHOLDER)
            last = para.end
    out.append(body[last:])
    return "".join(out)


def blind_reading_html(articles: Sequence[Article]) -> str:
    """The articles as escaped HTML, labelled by outlet, with bylines hidden.

    Parameters
    ----------
    articles : sequence of Article

    Returns
    -------
    str
        An HTML fragment; all article text and outlet names are escaped.
    """
    parts = []
    for article in articles:
        body = hide_bylines(article.body)
        paras = "".join(
            f"<p>{html.escape(body[p.start:p.end])}</p>" for p in paragraph_spans(body)
        )
        parts.append(
            '<section style="border:1px solid #999;padding:0.5em 1em;margin:0.5em 0">'
            f"<h3>{html.escape(article.outlet)}</h3>{paras}</section>"
        )
    return "".join(parts)


def check_answer(answer: object, expected: object, hint: str, tolerance: float | None = None) -> str:
    """Feedback on one exercise: the hint while the answer is empty, else right or not.

    Parameters
    ----------
    answer : object
        The student's answer; ``None`` means "not answered yet".
    expected : object
        The value computed from the data.
    hint : str
        Shown while the answer is empty, and after a wrong answer.
    tolerance : float, optional
        For numbers: how far off an answer may be and still count.

    Returns
    -------
    str
        One line of feedback (the workbook prints it).
    """
    if answer is None:
        return f"Hint: {hint}"
    if tolerance is not None and isinstance(answer, (int, float)) and isinstance(expected, (int, float)):
        ok = abs(float(answer) - float(expected)) <= tolerance
    elif isinstance(answer, str) and isinstance(expected, str):
        ok = answer.strip().casefold() == expected.strip().casefold()
    else:
        ok = answer == expected
    if ok:
        return f"Right: {expected}."
    return f"Not quite: the data say {expected}, you said {answer}. {hint}"
