"""Measure a codebook's cue matcher against hand-coded frame sentences.

A frame gold set (``gold/frames/<half>/<article_id>.yml``; coding guide:
``docs/frame-coding-guide.md``) lists, for each coded article, every sentence
that carries a frame of the generic codebook and which frames it carries; every
other sentence of a coded article carries none. :func:`evaluate_frames` runs the
matcher (:func:`analysis.framing.frames.frame_cues`) on each article and compares.

Protocol
--------
units
    The sentences of the project's own segmentation (:func:`analysis.text.document.make_document`).
    A gold sentence is found in the article body by its exact text (the
    ``occurrence``-th time it appears, default the first); every project
    sentence it overlaps takes its frames. A project sentence overlapping no
    gold sentence carries no frame.
cue precision
    A cue match is correct when its sentence is gold-coded with the cue's frame.
    ``cue_precision = n_cues_correct / n_cues``. Higher = fewer false cues. This
    is the figure a reader of the evidence spans sees: how often a highlighted
    word really signals its frame.
sentence precision, recall, F1
    A sentence is predicted to carry a frame when at least one cue of that frame
    matches in it. Per frame: ``precision = tp / (tp + fp)``,
    ``recall = tp / (tp + fn)``, ``F1 = 2 tp / (2 tp + fp + fn)``; the ``all``
    row pools the counts of every frame (micro average). NaN when undefined
    (no prediction, or no gold sentence).

The same comparison serves a class's own codes in the lesson
(:func:`analysis.present.lesson.class_cue_report`): only the sentences the class coded
are units there.

References
----------
Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: a content
analysis of press and television news. *Journal of Communication* 50(2), 93-109.
Grimmer, J., & Stewart, B. M. (2013). Text as data: the promise and pitfalls of
automatic content analysis methods for political texts. *Political Analysis*
21(3), 267-297 (validate dictionary methods against hand coding).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from analysis.framing.codebook import Codebook, generic_codebook
from analysis.io.corpus import parse_article
from analysis.core.errors import InputError, unknown_option
from analysis.text.document import Document, find_nth, make_document

__all__ = [
    "CUE_COLUMNS",
    "FRAME_EVAL_COLUMNS",
    "FORMATS",
    "FrameGoldArticle",
    "FrameEvaluation",
    "evaluate_frames",
    "evaluate_units",
    "format_frame_evaluation",
    "load_frame_gold",
    "load_frame_half",
]

FORMATS: tuple[str, ...] = ("text", "json", "csv")
"""Output formats of :func:`format_frame_evaluation`."""

FRAME_EVAL_COLUMNS: tuple[str, ...] = (
    "half", "frame", "n_cues", "n_cues_correct", "cue_precision", "n_sentences", "n_gold",
    "n_predicted", "tp", "fp", "fn", "precision", "recall", "f1",
)
"""Columns of :attr:`FrameEvaluation.table`. Key: (half, frame); ``frame`` is ``all`` for the pooled row."""

CUE_COLUMNS: tuple[str, ...] = ("half", "article_id", "frame", "cue", "text", "sentence", "correct")
"""Columns of :attr:`FrameEvaluation.cues`: one row per cue match. Key: (half, article_id, frame, sentence, text)."""


@dataclass(frozen=True)
class FrameGoldArticle:
    """One coded article of a frame gold half.

    Attributes
    ----------
    article_id : str
    path : Path
        The gold file.
    document : Document
        The article body, segmented by the project.
    codes : dict
        Project sentence index -> frozenset of gold frame ids, for every sentence.
    """

    article_id: str
    path: Path
    document: Document
    codes: Mapping[int, frozenset[str]]


@dataclass(frozen=True)
class FrameEvaluation:
    """Results of :func:`evaluate_frames`.

    Attributes
    ----------
    table : pandas.DataFrame
        :data:`FRAME_EVAL_COLUMNS`, per half and frame, with an ``all`` row per half.
    cues : pandas.DataFrame
        :data:`CUE_COLUMNS`, every cue match with its verdict.
    codebook : str
    n_articles : dict
        Half -> coded articles.
    """

    table: pd.DataFrame
    cues: pd.DataFrame
    codebook: str
    n_articles: Mapping[str, int]


# ----------------------------------------------------------------------------
# loading


def _find_article(gold_file: Path, article: str) -> Path:
    """The article file named (from the repository root) by a gold file: the first ancestor holding it."""
    rel = Path(article)
    if rel.is_absolute() or ".." in rel.parts:
        raise InputError(gold_file, f"'article' must be a path from the repository root, not {article!r}")
    for folder in gold_file.resolve().parents:
        candidate = folder / rel
        if candidate.is_file():
            return candidate
    raise InputError(gold_file, f"article {article!r} not found in any folder above the gold file")


def _load_article_codes(path: Path, frame_ids: Sequence[str]) -> FrameGoldArticle:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(path, "malformed YAML", line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or not isinstance(data.get("article"), str):
        raise InputError(path, "a frame gold file must be a mapping with 'article' (a path) and 'sentences' (a list)")
    article_path = _find_article(path, data["article"])
    article = parse_article(article_path.read_bytes(), article_path)
    doc = make_document(article.body, article.article_id)
    sentences = data.get("sentences")
    if sentences is None:
        sentences = []
    if not isinstance(sentences, list):
        raise InputError(path, "'sentences' must be a list of {text, frames}")
    codes: dict[int, set[str]] = {i: set() for i in range(doc.n_sentences)}
    for k, entry in enumerate(sentences, start=1):
        where = f"sentence {k}"
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
            raise InputError(path, f"{where}: needs 'text' (the exact sentence) and 'frames' (a list of frame ids)")
        frames = entry.get("frames")
        if not isinstance(frames, list) or not frames:
            raise InputError(path, f"{where}: 'frames' must be a non-empty list of frame ids")
        unknown = [f for f in frames if f not in frame_ids]
        if unknown:
            raise InputError(path, f"{where}: {unknown_option('frame', unknown[0], frame_ids)}")
        occurrence = entry.get("occurrence", 1)
        if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
            raise InputError(path, f"{where}: 'occurrence' must be a whole number, 1 or more")
        text = entry["text"]
        start = find_nth(article.body, text, occurrence)
        if start < 0:
            raise InputError(path, f"{where}: text not found in {data['article']} (occurrence {occurrence}): {text[:60]!r}")
        end = start + len(text)
        for i, span in enumerate(doc.sentences):
            if span.start < end and start < span.end:
                codes[i].update(frames)
    return FrameGoldArticle(article.article_id, path, doc, {i: frozenset(v) for i, v in codes.items()})


def load_frame_half(path: str | Path, codebook: Codebook | None = None) -> list[FrameGoldArticle]:
    """Read one half of a frame gold set (a folder of ``<article_id>.yml`` files).

    Raises
    ------
    InputError
        Naming the file and the problem: not a folder, no gold files, a file that
        is not a mapping with ``article`` and ``sentences``, an article not found,
        a sentence text not in the article, an unknown frame id.
    """
    folder = Path(path)
    codebook = codebook or generic_codebook()
    if not folder.is_dir():
        raise InputError(folder, "not a folder of frame gold files")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    if not files:
        raise InputError(folder, "no frame gold files (<article_id>.yml) in this folder")
    frame_ids = [f.id for f in codebook.frames]
    return [_load_article_codes(p, frame_ids) for p in files]


def load_frame_gold(path: str | Path, codebook: Codebook | None = None) -> dict[str, list[FrameGoldArticle]]:
    """A half folder, or a folder with ``dev/`` and/or ``test/`` halves: half name -> articles."""
    root = Path(path)
    if not root.is_dir():
        raise InputError(root, "not a folder; give a gold half (e.g. gold/frames/dev) or a folder with dev/ and test/")
    halves = [h for h in ("dev", "test") if (root / h).is_dir()]
    if halves:
        return {h: load_frame_half(root / h, codebook) for h in halves}
    return {root.name: load_frame_half(root, codebook)}


# ----------------------------------------------------------------------------
# scoring


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def evaluate_units(
    units: Iterable[tuple[str, Document, Mapping[int, frozenset[str]]]],
    codebook: Codebook,
    half: str = "",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cue precision and sentence-level P/R/F1 for coded sentences of some documents.

    Parameters
    ----------
    units : iterable of (article_id, Document, codes)
        ``codes`` maps each coded sentence index to its frames (an empty set
        for a sentence coded as carrying none). Sentences not in ``codes`` are
        not units: their cues are not counted.
    codebook : Codebook
    half : str
        Label for the ``half`` column.

    Returns
    -------
    (table, cues) : pandas.DataFrame, pandas.DataFrame
        :data:`FRAME_EVAL_COLUMNS` and :data:`CUE_COLUMNS`.
    """
    from analysis.framing.frames import frame_cues

    frame_ids = [f.id for f in codebook.frames]
    counts = {f: dict.fromkeys(("n_cues", "n_cues_correct", "tp", "fp", "fn", "n_gold", "n_predicted"), 0) for f in frame_ids}
    cue_rows = []
    n_units = 0
    for article_id, doc, codes in units:
        predicted: dict[int, set[str]] = {}
        for fc in frame_cues(doc, codebook):
            s = fc.match.sentence
            if s not in codes:
                continue
            correct = fc.frame in codes[s]
            counts[fc.frame]["n_cues"] += 1
            counts[fc.frame]["n_cues_correct"] += int(correct)
            predicted.setdefault(s, set()).add(fc.frame)
            cue_rows.append({"half": half, "article_id": article_id, "frame": fc.frame, "cue": fc.match.cue,
                             "text": fc.match.text, "sentence": s, "correct": correct})
        for s, gold in codes.items():
            n_units += 1
            pred = predicted.get(s, set())
            for f in frame_ids:
                g, p = f in gold, f in pred
                counts[f]["n_gold"] += g
                counts[f]["n_predicted"] += p
                counts[f]["tp"] += g and p
                counts[f]["fp"] += p and not g
                counts[f]["fn"] += g and not p
    rows = []
    pooled = dict.fromkeys(counts[frame_ids[0]] if frame_ids else (), 0)
    for f in frame_ids:
        for k, v in counts[f].items():
            pooled[k] += v
    for f, c in [*counts.items(), ("all", pooled)]:
        rows.append({
            "half": half, "frame": f, "n_cues": c["n_cues"], "n_cues_correct": c["n_cues_correct"],
            "cue_precision": _ratio(c["n_cues_correct"], c["n_cues"]), "n_sentences": n_units,
            "n_gold": c["n_gold"], "n_predicted": c["n_predicted"], "tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
            "precision": _ratio(c["tp"], c["tp"] + c["fp"]), "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
            "f1": _ratio(2 * c["tp"], 2 * c["tp"] + c["fp"] + c["fn"]),
        })
    return pd.DataFrame(rows, columns=list(FRAME_EVAL_COLUMNS)), pd.DataFrame(cue_rows, columns=list(CUE_COLUMNS))


def evaluate_frames(path: str | Path, codebook: Codebook | None = None) -> FrameEvaluation:
    """Run a codebook's matcher on every coded article of a frame gold set and compare.

    Parameters
    ----------
    path : str or Path
        A gold half (``gold/frames/dev``) or a folder with ``dev/`` and ``test/``.
    codebook : Codebook, optional
        Default: the generic codebook (the gold is coded by its definitions).

    Returns
    -------
    FrameEvaluation

    Raises
    ------
    InputError
        For a malformed gold folder or file (see :func:`load_frame_half`).
    """
    codebook = codebook or generic_codebook()
    halves = load_frame_gold(path, codebook)
    tables, cues = [], []
    for half, articles in halves.items():
        t, c = evaluate_units(((a.article_id, a.document, a.codes) for a in articles), codebook, half)
        tables.append(t)
        cues.append(c)
    return FrameEvaluation(
        table=pd.concat(tables, ignore_index=True),
        cues=pd.concat(cues, ignore_index=True) if cues else pd.DataFrame(columns=list(CUE_COLUMNS)),
        codebook=codebook.name,
        n_articles={h: len(a) for h, a in halves.items()},
    )


# ----------------------------------------------------------------------------
# output


def _fmt(x: float) -> str:
    return "  -  " if isinstance(x, float) and math.isnan(x) else f"{x:.3f}"


def _false_cues(cues: pd.DataFrame, top: int) -> pd.DataFrame:
    if cues.empty:
        return cues
    wrong = cues[~cues["correct"].astype(bool)]
    return (wrong.groupby(["half", "frame", "cue"]).size().rename("n_false").reset_index()
            .sort_values(["half", "n_false", "frame", "cue"], ascending=[True, False, True, True]).head(top))


def format_frame_evaluation(ev: FrameEvaluation, fmt: str = "text", top_false: int = 10) -> str:
    """The evaluation as a text report, JSON (table and cues) or CSV (the table).

    Raises
    ------
    ValueError
        For an unknown format, listing the valid ones.
    """
    if fmt not in FORMATS:
        raise ValueError(unknown_option("format", fmt, FORMATS))
    if fmt == "csv":
        return ev.table.to_csv(index=False)
    if fmt == "json":
        payload = {
            "codebook": ev.codebook, "n_articles": dict(ev.n_articles),
            "frames": json.loads(ev.table.to_json(orient="records")),
            "cues": json.loads(ev.cues.to_json(orient="records")),
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    lines = [f"Frame cues of codebook '{ev.codebook}' against hand coding"]
    for half, group in ev.table.groupby("half", sort=False):
        n_sent = int(group["n_sentences"].iloc[0])
        lines.append("")
        lines.append(f"{half}: {ev.n_articles.get(str(half), 0)} articles, {n_sent} sentences")
        lines.append(f"{'frame':<16}{'cues':>6}{'correct':>9}{'cue P':>8}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}")
        for r in group.itertuples():
            lines.append(f"{r.frame:<16}{r.n_cues:>6}{r.n_cues_correct:>9}{_fmt(r.cue_precision):>8}{r.n_gold:>6}"
                         f"{r.n_predicted:>6}{_fmt(r.precision):>8}{_fmt(r.recall):>8}{_fmt(r.f1):>8}")
        wrong = _false_cues(ev.cues[ev.cues["half"] == half], top_false)
        if len(wrong):
            lines.append("most frequent false cues: " + ", ".join(
                f"{w.cue} ({w.frame}) x{w.n_false}" for w in wrong.itertuples()))
    lines.append("")
    lines.append("cue P: cue matches whose sentence is coded with the cue's frame; P, R, F1: sentences "
                 "predicted to carry a frame (one cue or more) against the coded ones.")
    return "\n".join(lines) + "\n"
