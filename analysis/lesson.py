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

__all__ = [
    "BYLINE_PLACEHOLDER",
    "NO_FRAME",
    "blind_reading_html",
    "check_answer",
    "class_cue_report",
    "extend_codebook",
    "hide_bylines",
    "tool_sentence_codes",
]

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


NO_FRAME = "none"
"""The code for a sentence that carries none of the codebook's frames."""


def tool_sentence_codes(doc, codebook, sentence_indices) -> list[str]:
    """The tool's frame code for each chosen sentence: the frame with most cues there.

    Parameters
    ----------
    doc : Document
    codebook : Codebook
        Usually the story codebook (:func:`analysis.codebook.load_codebooks`).
    sentence_indices : sequence of int
        Indices into ``doc.sentences``.

    Returns
    -------
    list of str
        One frame id per sentence, or :data:`NO_FRAME`. Ties go to the frame
        listed first in the codebook, as a coder reading the list top-down would.
    """
    from .framing import frame_cues

    order = {frame.id: i for i, frame in enumerate(codebook.frames)}
    counts: dict[int, dict[str, int]] = {}
    for cue in frame_cues(doc, codebook):
        per = counts.setdefault(cue.match.sentence, {})
        per[cue.frame] = per.get(cue.frame, 0) + 1
    codes = []
    for index in sentence_indices:
        per = counts.get(index)
        if not per:
            codes.append(NO_FRAME)
        else:
            codes.append(min(per, key=lambda f: (-per[f], order[f])))
    return codes


def extend_codebook(path, extra_cues, out_dir) -> "Path":
    """Write a copy of a codebook with more cue words, for trying a change safely.

    Parameters
    ----------
    path : str or Path
        The codebook to start from (it is never changed).
    extra_cues : mapping of str to list of str
        Frame id -> cue words and phrases to add.
    out_dir : str or Path
        Folder for the copy (e.g. a temporary folder).

    Returns
    -------
    Path
        The copy, loadable with :func:`analysis.codebook.load_codebook`.

    Raises
    ------
    InputError
        When a frame id is not in the codebook, naming the valid ones.
    """
    from pathlib import Path

    import yaml

    from .errors import InputError

    source = Path(path)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    ids = [f["id"] for f in data["frames"]]
    for frame_id, cues in extra_cues.items():
        if frame_id not in ids:
            raise InputError(source, f"no frame {frame_id!r}; frames: {', '.join(ids)}")
        frame = data["frames"][ids.index(frame_id)]
        frame["cues"] = list(frame["cues"]) + [str(c) for c in cues]
    target = Path(out_dir) / source.name
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def class_cue_report(doc, codebook, sentence_indices, codes):
    """Cue precision and sentence-level P/R/F1 of a codebook against a class's own codes.

    The same report as ``python -m analysis evaluate-frames`` gives on the frame
    gold set (:func:`analysis.frame_eval.evaluate_units`), for the sentences a
    class coded by hand in Part 3: a cue is correct when the class coded its
    sentence with the cue's frame.

    Parameters
    ----------
    doc : Document
    codebook : Codebook
        The codebook whose frames the class coded with.
    sentence_indices : sequence of int
        The coded sentences (indices into ``doc.sentences``); only these are units.
    codes : sequence
        One code per sentence: a frame id, :data:`NO_FRAME`, or a list of frame
        ids for a sentence with several frames.

    Returns
    -------
    pandas.DataFrame
        :data:`analysis.frame_eval.FRAME_EVAL_COLUMNS`, one row per frame and an
        ``all`` row (``half`` is ``class``).

    Raises
    ------
    ValueError
        When the lists differ in length, or a code is not a frame of the
        codebook (naming the valid ones).
    """
    from .frame_eval import evaluate_units

    if len(sentence_indices) != len(codes):
        raise ValueError(f"{len(sentence_indices)} sentences but {len(codes)} codes; give one code per sentence")
    valid = [f.id for f in codebook.frames]
    units = {}
    for index, code in zip(sentence_indices, codes):
        frames = [code] if isinstance(code, str) else list(code)
        frames = [f for f in frames if f != NO_FRAME]
        unknown = [f for f in frames if f not in valid]
        if unknown:
            raise ValueError(f"unknown frame {unknown[0]!r}; valid codes: {', '.join(valid)}, {NO_FRAME}")
        units[int(index)] = frozenset(frames)
    table, _ = evaluate_units([(doc.article_id, doc, units)], codebook, half="class")
    return table
