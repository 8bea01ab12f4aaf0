"""Measure a speech extractor against the hand-annotated gold set (``gold/speech/``).

The gold set (format: ``docs/speech-annotation-guide.md``) marks every direct quote
and every reported-speech span of each article with its speaker, phenomenon tags and
the article's capitalised names with their types. :func:`evaluate_gold` runs a system
(the project's extractor, or a peer from :mod:`analysis.evaluate.speech_peers`) on the
articles and compares.

Protocol
--------
span match
    A predicted span matches a gold span when the characters they share divided by
    the gold span's characters is at least the threshold (:func:`overlap_share`),
    the asymmetric score of the Gender Gap Tracker's evaluation (Asr et al. 2021).
    Matching is one-to-one (:func:`match_spans`): gold spans in reading order each
    take the best-scoring prediction still free (the earliest on a tie).
direct quotes
    Gold ``kind: direct`` against predicted kinds ``full`` and ``partial``, at
    overlap 0.3 and 0.8: precision = matched / predicted, recall = matched / gold,
    F1 = 2 matched / (predicted + gold) (:func:`prf`).
reported speech
    Gold ``kind: reported`` against predicted ``indirect`` and ``mixed`` at overlap
    0.3 only. A reported span is a clause whose edges are a matter of judgement
    (is "to stay indoors" part of what was urged?), so the looser threshold
    measures whether the clause was found; 0.8 would mostly measure edge
    conventions. Predicted ``name`` spans are not speech and are never compared.
speaker accuracy
    Over the matched pairs: the share whose speakers are the same source after
    :func:`speaker_key` (case-insensitive, spaces normalised, curly apostrophes
    read as straight ones, a leading "the" dropped, "A; B" read as the set {A, B}).
    An empty gold speaker matches only an empty prediction.
cue accuracy
    Over the same pairs: the share whose attribution verb or phrase is the gold
    ``cue`` as written, case-insensitive ("said" is not "says"; a quote that
    continues an earlier attribution has the empty cue in the gold and in the
    project's rows). Reported as GGT reports verb accuracy.
breakdowns
    Every figure overall and per outlet, format and story type; per phenomenon tag
    only recall and speaker accuracy (tags are on gold spans, so a false positive
    has no tag).
person typing
    For each name in a gold ``names`` list, the type the project gives it
    (:func:`analysis.speech.name_types.type_name`, with the name finder's reading of the
    article as prior); precision and recall of the type ``person``.
source typing
    For each distinct named speaker of the gold spans, the ``speaker_type`` the
    speakers table gives that phrase (:func:`analysis.speech.quote_tables.type_speakers`)
    against the gold ``speaker_type``; precision and recall of ``person``: how far
    a count of people among an article's sources can be trusted.

Deviations: GGT counts a match when the score is strictly above the threshold and
compares speakers by character overlap; here the score must reach the threshold
(a span sharing exactly 30% of the gold characters matches at 0.3) and speakers
are compared by name, because the gold records canonical names, not offsets.

References
----------
Asr, F. T. et al. (2021). The Gender Gap Tracker: Using natural language processing
to measure gender bias in media. *PLoS ONE* 16(1): e0245533 (quote evaluation at
0.3 and 0.8 overlap of the annotated span).
Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. *LREC 2016*.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from analysis.io.corpus import Article, load_story
from analysis.core.errors import InputError
from analysis.speech.quote_tables import DIRECT_KINDS, REPORTED_KINDS
from analysis.text.document import find_nth

__all__ = [
    "DIRECT_KINDS",
    "REPORTED_KINDS",
    "RESULT_COLUMNS",
    "THRESHOLDS",
    "cue_key",
    "Evaluation",
    "GoldArticle",
    "GoldHalf",
    "GoldName",
    "GoldSpan",
    "PredictedSpan",
    "System",
    "evaluate_gold",
    "evaluate_half",
    "format_evaluation",
    "load_gold",
    "load_half",
    "match_spans",
    "overlap_share",
    "prf",
    "project_system",
    "speaker_key",
]

THRESHOLDS: tuple[float, ...] = (0.3, 0.8)
"""Overlap thresholds for direct quotes (GGT's protocol)."""
REPORTED_THRESHOLD = 0.3
"""Overlap threshold for reported speech (see the module docstring)."""
TAG_THRESHOLD = 0.3
"""Overlap threshold of the per-phenomenon and per-group breakdowns' speaker figures."""

GOLD_KINDS = {"direct": {"full", "partial"}, "reported": {"indirect", "mixed"}}
NAME_TYPE_VALUES = ("person", "organisation", "place", "publication", "other")
BREAKDOWNS: tuple[str, ...] = ("overall", "outlet", "format", "story_type", "phenomenon")

NAME_COLUMNS: tuple[str, ...] = (
    "half", "article_id", "outlet", "format", "list", "text", "gold_type", "predicted_type",
)
"""Columns of :attr:`Evaluation.names`: ``list`` is ``names`` (a gold names list) or
``speakers`` (a distinct named speaker of the gold spans)."""

RESULT_COLUMNS: tuple[str, ...] = (
    "half", "system", "breakdown", "group", "task", "threshold", "n_gold", "n_predicted",
    "n_matched", "precision", "recall", "f1", "n_speaker_correct", "speaker_accuracy", "n_cue_correct",
    "cue_accuracy",
)
"""Columns of :attr:`Evaluation.table`. Key: (half, system, breakdown, group, task, threshold)."""


# ----------------------------------------------------------------------------
# metrics


def overlap_share(predicted: tuple[int, int], gold: tuple[int, int]) -> float:
    """Characters shared by two spans over the gold span's characters.

    Parameters
    ----------
    predicted, gold : (start, end)
        Half-open character ranges.

    Returns
    -------
    float
        In [0, 1]; 0 for an empty gold span.

    Examples
    --------
    >>> overlap_share((0, 3), (0, 10)), overlap_share((5, 20), (0, 10))
    (0.3, 0.5)
    """
    length = gold[1] - gold[0]
    if length <= 0:
        return 0.0
    shared = min(predicted[1], gold[1]) - max(predicted[0], gold[0])
    return max(shared, 0) / length


def match_spans(
    predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    """Pair gold and predicted spans one to one.

    Gold spans are taken in the order given; each takes the free prediction with
    the highest :func:`overlap_share` at or above ``threshold`` (the earliest
    prediction on a tie), as in GGT's evaluation.

    Parameters
    ----------
    predicted, gold : sequence of (start, end)
    threshold : float
        In (0, 1].

    Returns
    -------
    list of (gold_index, predicted_index)

    Raises
    ------
    ValueError
        For a threshold outside (0, 1].
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
    free = list(range(len(predicted)))
    pairs = []
    for g, span in enumerate(gold):
        best, best_score = -1, 0.0
        for p in free:
            score = overlap_share(predicted[p], span)
            if score >= threshold - 1e-12 and score > best_score:
                best, best_score = p, score
        if best >= 0:
            free.remove(best)
            pairs.append((g, best))
    return pairs


def prf(n_matched: int, n_predicted: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts.

    precision = matched / predicted (NaN with no prediction); recall = matched /
    gold (NaN with no gold span); F1 = 2 matched / (predicted + gold), the
    harmonic mean of the two, defined (0) when one of them is not (NaN only when
    both counts are 0).

    Examples
    --------
    >>> prf(3, 4, 6)
    (0.75, 0.5, 0.6)
    """
    precision = n_matched / n_predicted if n_predicted else math.nan
    recall = n_matched / n_gold if n_gold else math.nan
    total = n_predicted + n_gold
    f1 = 2 * n_matched / total if total else math.nan
    return precision, recall, f1


def speaker_key(name: str) -> frozenset[str]:
    """A speaker in canonical form for comparison.

    Case-insensitive; runs of spaces read as one space; curly apostrophes as
    straight ones; a leading "the" dropped; "A; B" read as the set {a, b}.

    Examples
    --------
    >>> speaker_key("The Ministry of Health") == speaker_key("ministry of  Health")
    True
    >>> speaker_key("Jane Roe; John Doe") == speaker_key("John Doe;Jane Roe")
    True
    """
    parts = set()
    for part in name.split(";"):
        text = " ".join(part.replace("\u2019", "'").split()).casefold()
        text = re.sub(r"^the\s+", "", text)
        if text:
            parts.add(text)
    return frozenset(parts)


def cue_key(cue: str) -> str:
    """A cue in canonical form: lower case, spaces normalised ("According to" = "according to").

    Examples
    --------
    >>> cue_key("According  to") == cue_key("according to")
    True
    """
    return " ".join(cue.split()).casefold()


# ----------------------------------------------------------------------------
# gold files


@dataclass(frozen=True)
class GoldSpan:
    """One annotated span, with its offsets in the article body.

    Attributes
    ----------
    start, end : int
    kind : str
        ``direct`` or ``reported``.
    form : str
        ``full``/``partial`` or ``indirect``/``mixed``.
    speaker, speaker_type, cue : str
    phenomena : tuple of str
    """

    start: int
    end: int
    kind: str
    form: str
    speaker: str
    speaker_type: str
    cue: str
    phenomena: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldName:
    """A capitalised name of an article and its annotated type."""

    text: str
    type: str


@dataclass(frozen=True)
class GoldArticle:
    """An article with its annotations."""

    article: Article
    spans: tuple[GoldSpan, ...]
    names: tuple[GoldName, ...]

    @property
    def format(self) -> str:
        """The article's ``format`` field (wire, british, interview...)."""
        return str(self.article.meta.get("format") or "")

    @property
    def story_type(self) -> str:
        """The article's ``story_type`` field."""
        return str(self.article.meta.get("story_type") or "")


@dataclass(frozen=True)
class GoldHalf:
    """One half of the gold set (``dev`` or ``test``, or a folder's own name)."""

    name: str
    root: Path
    articles: tuple[GoldArticle, ...]


def _span_from(entry: object, body: str, path: Path, index: int) -> GoldSpan:
    where = f"span {index + 1}"
    if not isinstance(entry, dict):
        raise InputError(path, f"{where} is not a mapping of kind, form, text, speaker...")
    kind, form = entry.get("kind"), entry.get("form")
    if kind not in GOLD_KINDS:
        raise InputError(path, f"{where}: kind {kind!r} is not one of direct, reported")
    if form not in GOLD_KINDS[kind]:
        raise InputError(path, f"{where}: form {form!r} is not one of {', '.join(sorted(GOLD_KINDS[kind]))}")
    text = entry.get("text")
    if not isinstance(text, str) or not text:
        raise InputError(path, f"{where}: no text")
    occurrence = entry.get("occurrence", 1)
    if not isinstance(occurrence, int) or occurrence < 1:
        raise InputError(path, f"{where}: occurrence must be a whole number of 1 or more")
    start = find_nth(body, text, occurrence)
    if start < 0:
        raise InputError(path, f"{where}: text {text[:40]!r} (occurrence {occurrence}) is not in the article body")
    phenomena = entry.get("phenomena") or []
    if not isinstance(phenomena, list):
        raise InputError(path, f"{where}: phenomena must be a list")
    return GoldSpan(
        start=start, end=start + len(text), kind=kind, form=form,
        speaker=str(entry.get("speaker") or ""), speaker_type=str(entry.get("speaker_type") or ""),
        cue=str(entry.get("cue") or ""), phenomena=tuple(str(p) for p in phenomena),
    )


def _names_from(entries: object, path: Path) -> tuple[GoldName, ...]:
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise InputError(path, "names must be a list of {text, type}")
    out = []
    for k, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise InputError(path, f"name {k} has no text")
        if entry.get("type") not in NAME_TYPE_VALUES:
            raise InputError(path, f"name {k} ({entry['text']!r}): type {entry.get('type')!r} is not one of "
                             f"{', '.join(NAME_TYPE_VALUES)}")
        out.append(GoldName(entry["text"], entry["type"]))
    return tuple(out)


def load_half(path: str | Path, name: str | None = None) -> GoldHalf:
    """Read one half: ``articles/`` (a story folder) and ``spans/<article_id>.yml``.

    Parameters
    ----------
    path : str or Path
        The folder holding ``articles/`` and ``spans/``.
    name : str, optional
        The half's name (default: the folder's name).

    Raises
    ------
    InputError
        Naming the file and what is wrong: a missing folder or span file, a span
        file that is not YAML or does not follow the annotation guide, a span text
        that is not in its article.
    """
    root = Path(path)
    for sub in ("articles", "spans"):
        if not (root / sub).is_dir():
            raise InputError(root, f"not a gold half: no {sub}/ folder (expected articles/ and spans/)")
    story = load_story(root / "articles")
    out = []
    for article in story.articles:
        span_path = root / "spans" / f"{article.article_id}.yml"
        if not span_path.is_file():
            raise InputError(span_path, f"missing: every article needs a span file ({article.article_id})")
        try:
            data = yaml.safe_load(span_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise InputError(span_path, f"cannot read the span file: {' '.join(str(exc).split())}") from None
        if not isinstance(data, dict):
            raise InputError(span_path, "a span file is a mapping with article_id, spans and names")
        if data.get("article_id") != article.article_id:
            raise InputError(span_path, f"article_id {data.get('article_id')!r} is not the file's "
                             f"article ({article.article_id!r})")
        entries = data.get("spans") or []
        if not isinstance(entries, list):
            raise InputError(span_path, "spans must be a list")
        spans = tuple(_span_from(e, article.body, span_path, k) for k, e in enumerate(entries))
        out.append(GoldArticle(article, spans, _names_from(data.get("names"), span_path)))
    return GoldHalf(name or root.name, root, tuple(out))


def load_gold(path: str | Path) -> list[GoldHalf]:
    """Read a gold set: one half (``articles/`` + ``spans/``) or both (``dev/`` + ``test/``).

    Raises
    ------
    InputError
        For a folder that is neither, naming it, or for any invalid file.
    """
    root = Path(path)
    if not root.is_dir():
        raise InputError(root, "not a gold set: no such folder")
    if (root / "articles").is_dir() or (root / "spans").is_dir():
        return [load_half(root)]
    halves = [root / h for h in ("dev", "test") if (root / h).is_dir()]
    if not halves:
        raise InputError(root, "not a gold set: expected articles/ and spans/, or the halves dev/ and test/")
    return [load_half(h, h.name) for h in halves]


# ----------------------------------------------------------------------------
# systems


@dataclass(frozen=True)
class PredictedSpan:
    """A span a system found: offsets, ``direct`` or ``reported``, speaker and cue (verb or phrase)."""

    start: int
    end: int
    kind: str
    speaker: str = ""
    cue: str = ""


@dataclass(frozen=True)
class System:
    """A speech extractor under evaluation.

    Attributes
    ----------
    name : str
        Shown in every row (``project``, ``naive``, ``textacy``).
    extract : callable
        Article -> sequence of PredictedSpan.
    types_names : bool
        True when the system types names (only the project does).
    """

    name: str
    extract: Callable[[Article], Sequence[PredictedSpan]]
    types_names: bool = False


def _project_spans(article: Article) -> list[PredictedSpan]:
    from analysis.pipeline import analyse_article

    out = []
    for q in analyse_article(article).quotes:
        if q.kind in DIRECT_KINDS:
            out.append(PredictedSpan(q.start, q.end, "direct", q.speaker, q.verb))
        elif q.kind in REPORTED_KINDS:
            out.append(PredictedSpan(q.start, q.end, "reported", q.speaker, q.verb))
    return out


def project_system() -> System:
    """The project's extractor, as the ``quotes`` command runs it."""
    return System("project", _project_spans, types_names=True)


def _project_name_types(gold: GoldArticle) -> list[str]:
    """The type the project gives each gold name of an article."""
    from analysis.speech.name_types import name_contexts, type_name
    from analysis.speech.people import find_name_mentions
    from analysis.text.document import make_document

    body = gold.article.body
    doc = make_document(body, gold.article.article_id)
    kinds: dict[str, str] = {}
    mentions = find_name_mentions(doc)
    for m in mentions:
        kind = "other" if m.kind == "event" else m.kind
        kinds.setdefault(m.name, kind)
        kinds.setdefault(m.canonical, kind)
    for m in mentions:  # "Howard" after "John Howard": the first or last word of a person's name
        if m.kind == "person" and " " in m.canonical:
            words = m.canonical.split()
            kinds.setdefault(words[0], "person")
            kinds.setdefault(words[-1], "person")
    return [type_name(n.text, name_contexts(body, n.text), prior=kinds.get(n.text)) for n in gold.names]


GOLD_TO_TABLE_TYPE = {"none": "unknown"}
"""Gold speaker types that the speakers table spells otherwise."""


def _project_speaker_types(gold: GoldArticle) -> list[tuple[str, str, str]]:
    """(speaker, gold type, the speakers table's type) for each distinct named gold speaker."""
    from analysis.speech.quote_tables import type_speakers
    from analysis.text.document import make_document

    pairs = list(dict.fromkeys((s.speaker, s.speaker_type) for s in gold.spans if s.speaker))
    doc = make_document(gold.article.body, gold.article.article_id)
    predicted = type_speakers(doc, [speaker for speaker, _ in pairs])
    return [(speaker, GOLD_TO_TABLE_TYPE.get(t, t), p) for (speaker, t), p in zip(pairs, predicted)]


# ----------------------------------------------------------------------------
# evaluation


@dataclass(frozen=True)
class Evaluation:
    """Results of :func:`evaluate_gold`.

    Attributes
    ----------
    table : DataFrame
        Columns :data:`RESULT_COLUMNS`, one row per half, system, breakdown,
        group, task (``direct``, ``reported``, ``person_typing``, ``source_typing``)
        and threshold.
    names : DataFrame
        Columns :data:`NAME_COLUMNS`: one row per gold name and per distinct
        named gold speaker, with the gold and the predicted type.
    halves : DataFrame
        One row per half: articles, outlets, direct and reported gold spans, names.
    notes : tuple of str
        Systems that could not run and why.
    """

    table: pd.DataFrame
    names: pd.DataFrame
    halves: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)


def _outcomes(half: GoldHalf, system: System) -> tuple[list[dict], list[dict]]:
    """Per gold span and per prediction: matched or not, at each task and threshold."""
    gold_rows: list[dict] = []
    pred_rows: list[dict] = []
    for ga in half.articles:
        predicted = list(system.extract(ga.article))
        groups = {"outlet": ga.article.outlet, "format": ga.format, "story_type": ga.story_type}
        for task, thresholds in (("direct", THRESHOLDS), ("reported", (REPORTED_THRESHOLD,))):
            gold = sorted((s for s in ga.spans if s.kind == task), key=lambda s: (s.start, s.end))
            pred = sorted((p for p in predicted if p.kind == task), key=lambda p: (p.start, p.end))
            for threshold in thresholds:
                pairs = dict(match_spans([(p.start, p.end) for p in pred], [(g.start, g.end) for g in gold],
                                         threshold))
                matched_pred = set(pairs.values())
                for gi, g in enumerate(gold):
                    pi = pairs.get(gi)
                    gold_rows.append({
                        "task": task, "threshold": threshold, **groups, "phenomena": g.phenomena,
                        "matched": pi is not None,
                        "speaker_correct": pi is not None and speaker_key(pred[pi].speaker) == speaker_key(g.speaker),
                        "cue_correct": pi is not None and cue_key(pred[pi].cue) == cue_key(g.cue),
                    })
                for pi in range(len(pred)):
                    pred_rows.append({"task": task, "threshold": threshold, **groups, "matched": pi in matched_pred})
    return gold_rows, pred_rows


def _row(half: str, system: str, breakdown: str, group: str, task: str, threshold: float,
         gold: pd.DataFrame, pred: pd.DataFrame | None) -> dict:
    n_gold = len(gold)
    n_matched = int(gold["matched"].sum()) if n_gold else 0
    n_correct = int(gold["speaker_correct"].sum()) if n_gold else 0
    n_cue = int(gold["cue_correct"].sum()) if n_gold else 0
    if pred is None:  # per phenomenon: predictions carry no tag
        n_pred, precision, f1 = math.nan, math.nan, math.nan
        recall = n_matched / n_gold if n_gold else math.nan
    else:
        n_pred = len(pred)
        precision, recall, f1 = prf(n_matched, n_pred, n_gold)
    return {
        "half": half, "system": system, "breakdown": breakdown, "group": group, "task": task,
        "threshold": threshold, "n_gold": n_gold, "n_predicted": n_pred, "n_matched": n_matched,
        "precision": precision, "recall": recall, "f1": f1, "n_speaker_correct": n_correct,
        "speaker_accuracy": n_correct / n_matched if n_matched else math.nan,
        "n_cue_correct": n_cue, "cue_accuracy": n_cue / n_matched if n_matched else math.nan,
    }


def _typing_row(half: str, group: str, breakdown: str, names: pd.DataFrame, task: str = "person_typing") -> dict:
    gold_person = names["gold_type"] == "person"
    pred_person = names["predicted_type"] == "person"
    n_gold, n_pred = int(gold_person.sum()), int(pred_person.sum())
    n_both = int((gold_person & pred_person).sum())
    precision, recall, f1 = prf(n_both, n_pred, n_gold)
    return {
        "half": half, "system": "project", "breakdown": breakdown, "group": group, "task": task,
        "threshold": math.nan, "n_gold": n_gold, "n_predicted": n_pred, "n_matched": n_both,
        "precision": precision, "recall": recall, "f1": f1, "n_speaker_correct": math.nan,
        "speaker_accuracy": math.nan, "n_cue_correct": math.nan, "cue_accuracy": math.nan,
    }


def evaluate_half(half: GoldHalf, system: System) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Evaluate one system on one half.

    Returns
    -------
    table : DataFrame
        Columns :data:`RESULT_COLUMNS` (see :class:`Evaluation`).
    names : DataFrame
        The per-name typing outcomes (empty unless the system types names).
    """
    gold_rows, pred_rows = _outcomes(half, system)
    gold = pd.DataFrame(gold_rows, columns=["task", "threshold", "outlet", "format", "story_type", "phenomena",
                                            "matched", "speaker_correct", "cue_correct"])
    pred = pd.DataFrame(pred_rows, columns=["task", "threshold", "outlet", "format", "story_type", "matched"])
    rows = []
    settings = [("direct", t) for t in THRESHOLDS] + [("reported", REPORTED_THRESHOLD)]
    for task, threshold in settings:
        g = gold[(gold["task"] == task) & (gold["threshold"] == threshold)]
        p = pred[(pred["task"] == task) & (pred["threshold"] == threshold)]
        rows.append(_row(half.name, system.name, "overall", "all", task, threshold, g, p))
        if threshold != TAG_THRESHOLD:
            continue
        for breakdown in ("outlet", "format", "story_type"):
            for group in sorted(set(g[breakdown]) | set(p[breakdown])):
                rows.append(_row(half.name, system.name, breakdown, group, task, threshold,
                                 g[g[breakdown] == group], p[p[breakdown] == group]))
        tags = sorted({t for tags in g["phenomena"] for t in tags})
        for tag in tags:
            rows.append(_row(half.name, system.name, "phenomenon", tag, task, threshold,
                             g[[tag in tags_ for tags_ in g["phenomena"]]], None))
    names = pd.DataFrame(columns=list(NAME_COLUMNS))
    if system.types_names:
        name_rows = []
        for ga in half.articles:
            where = {"half": half.name, "article_id": ga.article.article_id, "outlet": ga.article.outlet,
                     "format": ga.format}
            for n, predicted in zip(ga.names, _project_name_types(ga)):
                name_rows.append({**where, "list": "names", "text": n.text, "gold_type": n.type,
                                  "predicted_type": predicted})
            for speaker, gold_type, predicted in _project_speaker_types(ga):
                name_rows.append({**where, "list": "speakers", "text": speaker, "gold_type": gold_type,
                                  "predicted_type": predicted})
        names = pd.DataFrame(name_rows, columns=list(NAME_COLUMNS))
        typed = names[names["list"] == "names"]
        rows.append(_typing_row(half.name, "all", "overall", typed))
        for group in sorted(set(typed["outlet"])):
            rows.append(_typing_row(half.name, group, "outlet", typed[typed["outlet"] == group]))
        rows.append(_typing_row(half.name, "all", "overall", names[names["list"] == "speakers"], "source_typing"))
    table = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    # counts stay whole numbers where some rows have none (phenomenon rows have no predictions)
    table = table.astype({"n_predicted": "Int64", "n_speaker_correct": "Int64", "n_cue_correct": "Int64"})
    return table, names


def _half_summary(half: GoldHalf) -> dict:
    spans = [s for ga in half.articles for s in ga.spans]
    return {
        "half": half.name, "n_articles": len(half.articles),
        "n_outlets": len({ga.article.outlet for ga in half.articles}),
        "n_direct": sum(s.kind == "direct" for s in spans),
        "n_reported": sum(s.kind == "reported" for s in spans),
        "n_names": sum(len(ga.names) for ga in half.articles),
    }


def evaluate_gold(
    gold_dir: str | Path,
    systems: Sequence[System] | None = None,
    notes: Sequence[str] = (),
) -> Evaluation:
    """Evaluate systems on a gold folder (one half, or ``dev/`` and ``test/`` separately).

    Parameters
    ----------
    gold_dir : str or Path
        A half (``articles/`` + ``spans/``) or a set with ``dev/`` and ``test/``.
    systems : sequence of System, optional
        Default: the project's extractor only.
    notes : sequence of str
        Carried into :attr:`Evaluation.notes` (peers that could not run).

    Raises
    ------
    InputError
        When ``gold_dir`` is not a gold set or a file in it is invalid.
    """
    halves = load_gold(gold_dir)
    systems = list(systems) if systems else [project_system()]
    tables, names = [], []
    for half in halves:
        for system in systems:
            table, typed = evaluate_half(half, system)
            tables.append(table)
            if not typed.empty:
                names.append(typed)
    names_df = pd.concat(names, ignore_index=True) if names else pd.DataFrame(columns=list(NAME_COLUMNS))
    return Evaluation(
        table=pd.concat(tables, ignore_index=True),
        names=names_df,
        halves=pd.DataFrame([_half_summary(h) for h in halves]),
        notes=tuple(notes),
    )


# ----------------------------------------------------------------------------
# text report


def _fmt(value: float) -> str:
    return "-" if pd.isna(value) else f"{value:.3f}"


def _count(n: object) -> str:
    return "-" if pd.isna(n) else str(int(n))


def _lines_for(table: pd.DataFrame, label_col: str) -> list[str]:
    header = (f"  {'':<44}{'P':>7}{'R':>7}{'F1':>7}{'matched':>10}{'pred':>6}{'gold':>6}{'speaker':>9}"
              f"{'spk n':>7}{'cue':>7}")
    out = [header]
    for r in table.itertuples():
        label = getattr(r, label_col)
        out.append(
            f"  {str(label)[:43]:<44}{_fmt(r.precision):>7}{_fmt(r.recall):>7}{_fmt(r.f1):>7}"
            f"{_count(r.n_matched):>10}{_count(r.n_predicted):>6}{_count(r.n_gold):>6}"
            f"{_fmt(r.speaker_accuracy):>9}{_count(r.n_speaker_correct):>7}{_fmt(r.cue_accuracy):>7}"
        )
    return out


def format_evaluation(ev: Evaluation) -> str:
    """The evaluation as plain text: per half and system, overall figures then breakdowns."""
    lines: list[str] = []
    t = ev.table
    for h in ev.halves.itertuples():
        lines.append(f"== {h.half}: {h.n_articles} articles, {h.n_outlets} outlets, {h.n_direct} direct and "
                     f"{h.n_reported} reported gold spans, {h.n_names} names ==")
        for system in dict.fromkeys(t.loc[t["half"] == h.half, "system"]):
            s = t[(t["half"] == h.half) & (t["system"] == system)]
            lines.append("")
            lines.append(f"-- system: {system} --")
            overall = s[s["breakdown"] == "overall"].copy()
            overall["label"] = [
                r.task.replace("_", " ") if r.task.endswith("_typing") else f"{r.task} @{r.threshold:g}"
                for r in overall.itertuples()
            ]
            lines.extend(_lines_for(overall, "label"))
            for breakdown, title in (("phenomenon", "per phenomenon (recall at 0.3; speaker accuracy on matches)"),
                                     ("outlet", "per outlet (at 0.3)"), ("format", "per format (at 0.3)"),
                                     ("story_type", "per story type (at 0.3)")):
                part = s[(s["breakdown"] == breakdown) & ~s["task"].str.endswith("_typing")].copy()
                if part.empty:
                    continue
                part["label"] = [f"{r.task}: {r.group}" for r in part.itertuples()]
                lines.append(f"  {title}")
                lines.extend(_lines_for(part, "label")[1:])
        for which, title in (("names", "name types"), ("speakers", "speaker types of the speakers table")):
            names = ev.names[(ev.names["half"] == h.half) & (ev.names["list"] == which)]
            if not names.empty:
                lines.append("")
                lines.append(f"-- {title} (project): rows gold, columns predicted --")
                cross = pd.crosstab(names["gold_type"], names["predicted_type"])
                lines.extend("  " + line for line in cross.to_string().splitlines())
        lines.append("")
    for note in ev.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines).rstrip() + "\n"
