"""Helpers for the media-literacy lesson (notebooks/lesson/).

Small, pure functions the student workbook calls: hide what identifies an
outlet before a blind reading, render articles as escaped HTML, and give
feedback on an exercise answer (a hint when the answer is still empty).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from analysis.core.errors import unknown_option
from analysis.io.corpus import Article
from analysis.speech.quote_tables import DIRECT_KINDS
from analysis.text.document import paragraph_spans

__all__ = [
    "BYLINE_PLACEHOLDER",
    "EXERCISES",
    "NAME_PLACEHOLDER",
    "NO_FRAME",
    "alpha_from_tally",
    "answer_key",
    "blind_articles",
    "blind_html",
    "blind_reading_html",
    "blind_table",
    "blind_text",
    "check_answer",
    "check_exercise",
    "class_cue_report",
    "extend_codebook",
    "hide_bylines",
    "identifying_names",
    "lead_indices",
    "normalise_answer",
    "outlet_letters",
    "speech_table",
    "story_names",
    "tied_frames",
    "tool_sentence_codes",
    "validate_codes",
]

BYLINE_PLACEHOLDER = "[byline hidden]"
"""What replaces a paragraph that identifies the author or outlet."""

_BYLINE_RE = re.compile(
    r"(?:^|\s)@\w{2,}|^\s*(?:by|follow|contact|email|e-mail|reporting by|written by)\b"
    r"|\b(?:reporting|writing|editing) by\b|\bcontributed (?:additional )?reporting\b"
    r"|\bcontributed to this (?:report|story|article)\b",
    re.IGNORECASE,
)


def hide_bylines(body: str, max_words: int = 20) -> str:
    """Replace short paragraphs that identify a reporter (bylines, handles) by a placeholder.

    A paragraph of at most ``max_words`` words that holds an @handle, starts
    with "By", "Follow", "Contact", "Email", "Reporting by" or "Written by", or
    says "(Additional) reporting/writing/editing by", "contributed reporting" or
    "contributed to this report" is replaced by :data:`BYLINE_PLACEHOLDER`;
    everything else is kept as it is.
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
        if _is_credit_line(body[para.start : para.end], max_words):
            out.append(body[last : para.start] + BYLINE_PLACEHOLDER)
            last = para.end
    out.append(body[last:])
    return "".join(out)


def _is_credit_line(paragraph: str, max_words: int = 20) -> bool:
    """Whether a paragraph is a byline or credit line that :func:`hide_bylines` hides."""
    return len(paragraph.split()) <= max_words and bool(_BYLINE_RE.search(paragraph))


def lead_indices(doc, n: int = 2) -> list[int]:
    """Indices of an article's first ``n`` sentences, skipping byline and credit paragraphs.

    The lesson's lead is what a reader meets first; a pasted article that opens
    with "By Jane Roe" would otherwise put its byline among the sentences to code.

    Parameters
    ----------
    doc : Document
        The article's segmented text.
    n : int
        How many sentences.

    Returns
    -------
    list of int
        Up to ``n`` indices into ``doc.sentences``, in order.
    """
    credits = [p for p in doc.paragraphs if _is_credit_line(doc.body[p.start : p.end])]
    chosen: list[int] = []
    for index, sentence in enumerate(doc.sentences):
        if len(chosen) == n:
            break
        if not any(p.start <= sentence.start < p.end for p in credits):
            chosen.append(index)
    return chosen


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
    return "".join(_article_section(article.outlet, hide_bylines(article.body)) for article in articles)


def _article_section(label: str, body: str, css_class: str | None = None) -> str:
    """One article as an HTML section: its label as a heading, then its paragraphs (all escaped)."""
    paras = "".join(f"<p>{html.escape(body[p.start:p.end])}</p>" for p in paragraph_spans(body))
    attribute = f' class="{css_class}"' if css_class else ""
    return (
        f'<section{attribute} style="border:1px solid #999;padding:0.5em 1em;margin:0.5em 0">'
        f"<h3>{html.escape(label)}</h3>{paras}</section>"
    )


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
    if isinstance(answer, str) and isinstance(expected, (int, float)) and not isinstance(expected, bool):
        try:
            answer = float(answer.strip()) if "." in answer else int(answer.strip())
        except ValueError:
            return f"Cannot read your answer {answer!r}: type a number. {hint}"
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
        Usually the story codebook (:func:`analysis.framing.codebook.load_codebooks`).
    sentence_indices : sequence of int
        Indices into ``doc.sentences``.

    Returns
    -------
    list of str
        One frame id per sentence, or :data:`NO_FRAME`. Ties go to the frame
        listed first in the codebook, as a coder reading the list top-down would.
    """
    from analysis.framing.frames import frame_cues

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
        The copy, loadable with :func:`analysis.framing.codebook.load_codebook`.

    Raises
    ------
    InputError
        When a frame id is not in the codebook, naming the valid ones.
    """
    from pathlib import Path

    import yaml

    from analysis.core.errors import InputError

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
    gold set (:func:`analysis.evaluate.frame_eval.evaluate_units`), for the sentences a
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
        :data:`analysis.evaluate.frame_eval.FRAME_EVAL_COLUMNS`, one row per frame and an
        ``all`` row (``half`` is ``class``).

    Raises
    ------
    ValueError
        When the lists differ in length, or a code is not a frame of the
        codebook (naming the valid ones).
    """
    from analysis.evaluate.frame_eval import evaluate_units

    if len(sentence_indices) != len(codes):
        raise ValueError(f"{len(sentence_indices)} sentences but {len(codes)} codes; give one code per sentence")
    valid = [f.id for f in codebook.frames]
    units = {}
    for index, code in zip(sentence_indices, codes):
        frames = [code] if isinstance(code, str) else list(code)
        frames = [f for f in frames if f != NO_FRAME]
        unknown = [f for f in frames if f not in valid]
        if unknown:
            raise ValueError(unknown_option("frame", unknown[0], [*valid, NO_FRAME], plural="codes"))
        units[int(index)] = frozenset(frames)
    table, _ = evaluate_units([(doc.article_id, doc, units)], codebook, half="class")
    return table


# --------------------------------------------------------------------------------------
# Own stories, blinding and real exercises (issue 19)
# --------------------------------------------------------------------------------------

NAME_PLACEHOLDER = "[name hidden]"
"""What replaces a reporter's or outlet's name inside a blinded text or table."""

_BYLINE_LEAD_RE = re.compile(
    r"^\s*(?:by|follow|contact|email|e-mail|reporting by|written by|additional reporting by)\s+",
    re.IGNORECASE,
)
_NAME_RUN_RE = re.compile(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+")
_HANDLE_RE = re.compile(r"@\w{2,}")


def outlet_letters(outlets: Sequence[str]) -> dict[str, str]:
    """Neutral labels for a blind reading: each outlet (sorted) -> "Outlet A", "Outlet B", ...

    Parameters
    ----------
    outlets : sequence of str
        Outlet names as in the corpus (repeats are fine).

    Returns
    -------
    dict
        Outlet name -> label. Past 26 outlets the labels go on as "Outlet AA", ...
    """
    def letters(i: int) -> str:
        out = ""
        i += 1
        while i:
            i, rest = divmod(i - 1, 26)
            out = chr(ord("A") + rest) + out
        return out

    unique = sorted(set(outlets), key=lambda s: (s.casefold(), s))
    return {name: f"Outlet {letters(i)}" for i, name in enumerate(unique)}


def identifying_names(article: Article) -> list[str]:
    """Names that would tell a reader who published an article, longest first.

    The outlet's own name (and its leading runs of two or more words, so "Lantern
    Radio" is hidden for "Lantern Radio News"), the ``author``/``byline``/``site`` front-matter fields,
    the web address's host, and the names and @handles in byline paragraphs (see
    :func:`hide_bylines`), with each reporter's surname on its own (an outlet's
    last word, such as "News", is not hidden alone).

    Parameters
    ----------
    article : Article

    Returns
    -------
    list of str
    """
    from urllib.parse import urlsplit

    people: set[str] = set()
    for key in ("author", "byline"):
        value = article.meta.get(key)
        values = value if isinstance(value, list) else [value]
        people.update(str(v).strip() for v in values if v and str(v).strip())
    found: set[str] = {str(article.meta[k]).strip() for k in ("site", "site_name", "publisher")
                       if article.meta.get(k) and str(article.meta[k]).strip()}
    if article.meta.get("url"):
        host = (urlsplit(str(article.meta["url"])).hostname or "").removeprefix("www.")
        if host:
            found.update({host, host.split(".")[0]})
    outlet_words = article.outlet.split()
    # "told Lantern Radio" names "Lantern Radio News": every leading run of two or more words
    found.update(" ".join(outlet_words[:k]) for k in range(2, len(outlet_words) + 1))
    found.add(article.outlet.strip())
    body = article.body
    for para in paragraph_spans(body):
        text = body[para.start : para.end]
        if _is_credit_line(text):
            people.update(_NAME_RUN_RE.findall(_BYLINE_LEAD_RE.sub("", text)))
            found.update(_HANDLE_RE.findall(text))
    for name in people:
        found.add(name)
        parts = name.split()
        if len(parts) > 1 and len(parts[-1]) > 3:
            found.add(parts[-1])
    found = {n for n in found if len(n) > 2 and not re.fullmatch(r"Outlet [A-Z]+", n)}
    return sorted(found, key=lambda n: (-len(n), n))


def blind_text(text: str, names: Sequence[str]) -> str:
    """Replace every whole-word occurrence of ``names`` (any case) by :data:`NAME_PLACEHOLDER`.

    Parameters
    ----------
    text : str
    names : sequence of str
        For example :func:`identifying_names` of every article of the story.

    Returns
    -------
    str
    """
    if not text or not names:
        return text
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w@])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)", re.IGNORECASE
    )
    return pattern.sub(NAME_PLACEHOLDER, text)


def blind_table(table, names: Sequence[str], labels: dict[str, str], outlet_column: str = "outlet"):
    """A copy of a table with outlets relabelled and identifying names hidden in text columns.

    Parameters
    ----------
    table : pandas.DataFrame
    names : sequence of str
        Names to hide (:func:`identifying_names`).
    labels : dict
        Outlet -> neutral label (:func:`outlet_letters`).
    outlet_column : str
        The column holding the outlet, if any.

    Returns
    -------
    pandas.DataFrame
        The caller's table is not changed.
    """
    out = table.copy()
    for column in out.columns:
        if column == outlet_column:
            out[column] = out[column].map(lambda v: labels.get(v, v))
        elif out[column].dtype == object or str(out[column].dtype).startswith("str"):
            out[column] = out[column].map(lambda v: blind_text(v, names) if isinstance(v, str) else v)
    return out


def speech_table(quotes, names: Sequence[str], labels: dict[str, str]):
    """The workbook's speech table: one blinded row per direct quote.

    A quote split by its attribution ("...," she said, "...") is one row. Reported
    speech (``indirect``, ``mixed``) is left out: a mixed report carries a quoted
    fragment that is already a ``partial`` row, so counting both would count one
    act of speech twice.

    Parameters
    ----------
    quotes : pandas.DataFrame
        :func:`analysis.speech.quote_tables.quotes_frame`.
    names : sequence of str
        Names to hide (:func:`identifying_names`).
    labels : dict
        Outlet -> neutral label (:func:`outlet_letters`).

    Returns
    -------
    pandas.DataFrame
    """
    direct = quotes[quotes["kind"].isin(DIRECT_KINDS)]
    return blind_table(direct.drop_duplicates(["article_id", "quote_id"]), names, labels)


def story_names(articles: Sequence[Article]) -> list[str]:
    """Every identifying name of every article (:func:`identifying_names`), longest first."""
    found: set[str] = set()
    for article in articles:
        found.update(identifying_names(article))
    return sorted(found, key=lambda n: (-len(n), n))


def blind_articles(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Each article as (neutral label, body with bylines and identifying names hidden).

    Articles with ``role: source`` (the common source, such as the letter) are left out.

    Parameters
    ----------
    articles : sequence of Article

    Returns
    -------
    list of (str, str)
        Sorted by label.
    """
    kept = [a for a in articles if a.meta.get("role", "article") != "source"]
    labels = outlet_letters([a.outlet for a in kept])
    names = story_names(kept)
    out = [(labels[a.outlet], blind_text(hide_bylines(a.body), names)) for a in kept]
    return sorted(out, key=lambda pair: pair[0])


def blind_html(articles: Sequence[Article]) -> str:
    """Like :func:`blind_reading_html`, with neutral labels and every identifying name hidden.

    Returns
    -------
    str
        One ``<section class="article">`` per article of ``articles`` (a sequence
        of Article, as for :func:`blind_reading_html`); all text escaped.
    """
    return "".join(_article_section(label, body, "article") for label, body in blind_articles(articles))


# --- exercises -------------------------------------------------------------------------

EXERCISES: dict[str, tuple[str, str, str]] = {
    "2.1": ("outlet", "Which outlet has the largest share of words inside quotation marks?",
            "sort the table by quote_density: by_outlet.sort_values('quote_density')"),
    "2.2": ("outlet", "Which outlet has the lowest Flesch Reading Ease (the hardest by that formula)?",
            "find the smallest value in the flesch_reading_ease column: by_outlet['flesch_reading_ease'].idxmin()"),
    "2.3": ("count", "How many quotes, in all the articles together, use an evaluative attribution verb?",
            "keep the rows of speech where verb_class == 'evaluative' and count them: len(...)"),
    "2.4": ("count", "How many different people (speaker_type person) are quoted in all the articles together?",
            "keep the rows of speakers where quoted is True and speaker_type is 'person'; count the names with .nunique()"),
}
"""Exercise id -> (kind of answer, question, hint). Kinds: ``outlet`` or ``count``."""


def answer_key(by_outlet, speech, speakers) -> dict[str, object]:
    """The answers to the workbook's exercises, from the tables the students see.

    Parameters
    ----------
    by_outlet : pandas.DataFrame
        :func:`analysis.metrics.metrics_table` by outlet, indexed by (blinded) outlet.
    speech : pandas.DataFrame
        One row per direct quote (:func:`speech_table`), with ``verb_class``.
    speakers : pandas.DataFrame
        :func:`analysis.speech.quote_tables.speakers_frame`.

    Returns
    -------
    dict
        Exercise id -> answer (an outlet label or an int), and ``outlets``: the
        valid outlet labels.
    """
    return {
        "outlets": sorted(str(o) for o in by_outlet.index),
        "2.1": str(by_outlet["quote_density"].idxmax()),
        "2.2": str(by_outlet["flesch_reading_ease"].idxmin()),
        "2.3": int((speech["verb_class"] == "evaluative").sum()),
        "2.4": int(speakers.loc[speakers["quoted"].astype(bool) & (speakers["speaker_type"] == "person"),
                                "speaker"].nunique()),
    }


def normalise_answer(answer: object, kind: str, outlets: Sequence[str] = ()) -> object:
    """A student's answer in the form the key uses, or ValueError saying what to type.

    ``outlet`` answers accept the label or its letter in any case (``"c"``,
    ``"Outlet C"``, ``" outlet c "``); ``count`` answers accept ``2``, ``2.0`` or
    ``"2"``.

    Parameters
    ----------
    answer : object
    kind : {"outlet", "count"}
    outlets : sequence of str
        The valid outlet labels (for ``outlet`` answers).

    Returns
    -------
    str or int

    Raises
    ------
    ValueError
        An answer that cannot be read, or an unknown kind.
    """
    if kind == "outlet":
        text = " ".join(str(answer).split()).casefold()
        for label in outlets:
            letter = label.split()[-1].casefold()
            if text in (label.casefold(), letter, f"outlet {letter}"):
                return label
        raise ValueError(f"{answer!r} is not an outlet here; type one of: {', '.join(outlets)}")
    if kind == "count":
        if isinstance(answer, bool):
            raise ValueError(f"{answer!r} is not a count; type a whole number such as 3")
        try:
            number = float(str(answer).strip())
        except ValueError:
            raise ValueError(f"{answer!r} is not a count; type a whole number such as 3") from None
        if not number.is_integer() or number < 0:
            raise ValueError(f"{answer!r} is not a count; type a whole number such as 3")
        return int(number)
    raise ValueError(f"unknown answer kind {kind!r}; kinds: outlet, count")


def check_exercise(exercise: str, answer: object, key: dict[str, object]) -> str:
    """Feedback on one exercise without giving the answer away.

    Parameters
    ----------
    exercise : str
        An id of :data:`EXERCISES`.
    answer : object
        The student's answer; ``None`` = not answered yet (the hint is shown).
    key : dict
        :func:`answer_key`.

    Returns
    -------
    str
        "Hint: ...", "Right: ...", "Not quite: ..." or "Cannot read your answer: ...".
    """
    if exercise not in EXERCISES:
        raise ValueError(f"no exercise {exercise!r}; exercises: {', '.join(EXERCISES)}")
    kind, _question, hint = EXERCISES[exercise]
    if answer is None:
        return f"Hint: {hint}"
    try:
        value = normalise_answer(answer, kind, key.get("outlets", ()))
    except ValueError as error:
        return f"Cannot read your answer: {error}"
    if value == key[exercise]:
        return f"Right: {value}."
    return f"Not quite: {value} is not what the table shows. Hint: {hint}"


def validate_codes(codes: object, valid: Sequence[str], n_units: int, who: str = "my_codes") -> list[str]:
    """Frame codes typed by a student, normalised and checked against the codebook.

    Case, spaces and hyphens are forgiven (``"Men responsibility"`` ->
    ``men_responsibility``); anything else that is not a frame id of the
    codebook (or :data:`NO_FRAME`) is an error naming the closest valid id, so a
    typo cannot silently lower alpha.

    Parameters
    ----------
    codes : sequence of str
    valid : sequence of str
        The codebook's frame ids.
    n_units : int
        How many sentences were coded.
    who : str
        The variable name, for the message.

    Returns
    -------
    list of str

    Raises
    ------
    ValueError
        Wrong number of codes, or a code that is not a frame id.
    """
    import difflib

    if isinstance(codes, str) or not isinstance(codes, Sequence):
        raise ValueError(f"{who} must be a list of {n_units} codes, e.g. [\"{valid[0]}\", \"{NO_FRAME}\", ...]")
    if len(codes) != n_units:
        raise ValueError(f"{who} has {len(codes)} codes; give exactly {n_units}, one per sentence, in order")
    allowed = list(valid) + [NO_FRAME]
    out = []
    for number, code in enumerate(codes, start=1):
        norm = re.sub(r"[\s-]+", "_", str(code).strip().casefold())
        if norm not in allowed:
            close = difflib.get_close_matches(norm, allowed, n=1)
            tip = f" Did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"{who}, sentence {number}: {code!r} is not a frame code.{tip} Valid codes: {', '.join(allowed)}"
            )
        out.append(norm)
    return out


def alpha_from_tally(n_units: int, n_disagree: int, code_counts: Sequence[int]) -> float:
    """Krippendorff's alpha for two coders who coded every unit, from counts a class can tally on paper.

    With two coders and no missing codes, nominal alpha reduces to
    ``1 - (n - 1) * 2d / (n**2 - sum(n_c**2))``, where ``n = 2 * n_units`` is the
    number of codes written, ``d`` the number of units the two coded differently
    and ``n_c`` how many times code ``c`` was written by either coder. The
    printable pack and the guide give this formula for classes without a
    computer.

    Parameters
    ----------
    n_units : int
        Units (sentences) coded by both coders.
    n_disagree : int
        Units on which the two codes differ.
    code_counts : sequence of int
        For each code used, how many times either coder wrote it (they add up
        to ``2 * n_units``).

    Returns
    -------
    float
        Alpha; NaN when only one code was used (no disagreement is possible).

    Raises
    ------
    ValueError
        When the counts cannot come from two coders of ``n_units`` units.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
    Annenberg School for Communication, University of Pennsylvania (the
    coincidence matrix of two coders: each unit adds one pair in each order).
    """
    n = 2 * n_units
    if n_units < 1 or not 0 <= n_disagree <= n_units or sum(code_counts) != n or min(code_counts, default=0) < 0:
        raise ValueError(f"{n_units} units coded twice give {n} codes; got {sum(code_counts)} codes "
                         f"and {n_disagree} disagreements")
    expected = n * n - sum(c * c for c in code_counts)
    if expected == 0:
        return float("nan")
    return 1.0 - (n - 1) * 2 * n_disagree / expected


def tied_frames(doc, codebook, sentence_indices) -> list[list[str]]:
    """For each chosen sentence, the frames tied for most cues when there is a tie, else [].

    :func:`tool_sentence_codes` breaks a tie by codebook order; a tie is not a
    reading of the sentence, and the workbook says so.

    Parameters
    ----------
    doc : Document
    codebook : Codebook
    sentence_indices : sequence of int

    Returns
    -------
    list of list of str
    """
    from analysis.framing.frames import frame_cues

    order = {frame.id: i for i, frame in enumerate(codebook.frames)}
    counts: dict[int, dict[str, int]] = {}
    for cue in frame_cues(doc, codebook):
        per = counts.setdefault(cue.match.sentence, {})
        per[cue.frame] = per.get(cue.frame, 0) + 1
    out = []
    for index in sentence_indices:
        per = counts.get(index, {})
        top = max(per.values(), default=0)
        best = sorted((f for f, n in per.items() if n == top), key=order.get)
        out.append(best if len(best) > 1 else [])
    return out


# --- the teacher's copy ----------------------------------------------------------------

SOLUTION_CODE: dict[str, str] = {
    "2.1": 'answer_2_1 = by_outlet["quote_density"].idxmax()\nanswer_2_1',
    "2.2": 'answer_2_2 = by_outlet["flesch_reading_ease"].idxmin()\nanswer_2_2',
    "2.3": 'answer_2_3 = len(speech[speech["verb_class"] == "evaluative"])\nanswer_2_3',
    "2.4": ('people = speakers[speakers["quoted"] & (speakers["speaker_type"] == "person")]\n'
            'answer_2_4 = people["speaker"].nunique()\nanswer_2_4'),
}
"""Model code for each exercise cell (tagged ``exercise``), as the teacher's copy shows it."""

SOLVED_TAG = "solutions"
"""Tag of the cell :func:`solved_notebook` inserts after the parameters cell."""


def guide_solutions(guide: "str | Path") -> dict:
    """The workbook parameters the teacher's guide gives as its model answers (its ``yaml`` block).

    Parameters
    ----------
    guide : str or Path
        ``notebooks/lesson/teachers-guide.md``.

    Returns
    -------
    dict
        Parameter name -> value (predictions, ``my_codes``, ``partner_codes``, ``extra_cues``).

    Raises
    ------
    InputError
        When the guide has no ``yaml`` block or it is not a mapping.
    """
    import yaml

    from analysis.core.errors import InputError

    text = Path(guide).read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    if not block:
        raise InputError(guide, "no ```yaml block with the workbook's model answers")
    data = yaml.safe_load(block.group(1))
    if not isinstance(data, dict):
        raise InputError(guide, "the ```yaml block must map parameter names to values")
    return data


def solved_notebook(nb, solutions: dict):
    """A copy of the workbook with the model answers filled in, for the teacher.

    Inserts a cell setting ``solutions`` after the cell tagged ``parameters`` and
    replaces each exercise cell (tagged ``exercise``, ``metadata.exercise`` = id)
    by :data:`SOLUTION_CODE`. The student's copy is not changed.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The blank workbook.
    solutions : dict
        Parameter name -> value (:func:`guide_solutions`).

    Returns
    -------
    nbformat.NotebookNode

    Raises
    ------
    ValueError
        When the notebook has no parameters cell or an exercise without model code.
    """
    import copy

    import nbformat

    work = copy.deepcopy(nb)
    index = next((i for i, c in enumerate(work.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if index is None:
        raise ValueError("the workbook has no cell tagged 'parameters'")
    for cell in work.cells:
        if "exercise" in cell.metadata.get("tags", []):
            exercise = cell.metadata.get("exercise")
            if exercise not in SOLUTION_CODE:
                raise ValueError(f"no model code for exercise {exercise!r}; known: {', '.join(SOLUTION_CODE)}")
            cell.source = "# model answer\n" + SOLUTION_CODE[exercise]
    lines = "".join(f"{name} = {value!r}\n" for name, value in solutions.items())
    work.cells.insert(index + 1, nbformat.v4.new_code_cell("# the teacher's model answers\n" + lines,
                                                           metadata={"tags": [SOLVED_TAG]}))
    return work
