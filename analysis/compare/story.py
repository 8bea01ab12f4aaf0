"""Comparing outlets: every cross-article table for one story, in one call.

:func:`compare_story` runs the shared-passage alignment
(:mod:`analysis.compare.passages`), distinctive terms (:mod:`analysis.compare.distinctive`) and
similarity (:mod:`analysis.compare.similarity`) on a loaded story and returns a
:class:`Comparison` of tidy tables. :func:`comparison_payload` turns it into
the one JSON object the ``compare`` command writes; :func:`side_by_side_html`
renders the reconstructed source next to what each outlet did with it.

Caveat carried by every own-voice figure: text an outlet reproduces without
quotation marks (``unmarked``) is in its own voice by the quote rules, so its
own-voice readability, tone and frames partly measure the source. Use
:func:`analysis.compare.passages.unmarked_ranges` with
:func:`analysis.compare.passages.reuse_as_quotes` to count such reuse as quoted.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import __version__
from analysis.io.corpus import Article, Story
from analysis.compare.distinctive import WEAK_MIN_COUNT, distinctive_terms
from analysis.core.errors import InputError, unknown_option
from analysis.core.records import plain_records
from analysis.core.prose import join_names
from analysis.compare.passages import (
    FULL_COVERAGE,
    QUOTED_SHARE,
    STATUSES,
    CarriedWords,
    PassageAlignment,
    article_shares,
    find_passages,
    passage_fields,
    passages_frame,
    reuse_as_quotes,
    selection_frame,
    unmarked_frame,
    unmarked_ranges,
)
from analysis.compare.passages import STATUS_COLORS, STATUS_TINTS
from analysis.speech.quotes import Quote, extract_quotes
from analysis.compare.similarity import ALL_PAIRS_MAX, outlet_similarity, similarity_frame
from analysis.compare.compact import CompactDocument, full_document
from analysis.compare.shingles import TokenStream, build_stream
from analysis.text.document import Document, make_document
from analysis.speech.voice import split_voices

__all__ = [
    "COMPACT_MIN",
    "COMPARE_TABLES",
    "METHOD_LABELS",
    "OUTLET_SELECTION_COLUMNS",
    "OUTLET_SHARES_COLUMNS",
    "OWN_VOICE_CAVEAT",
    "TOP_PASSAGES",
    "Comparison",
    "article_labels",
    "compare_analyses",
    "compare_story",
    "comparison_payload",
    "outlet_selection",
    "outlet_selection_of",
    "outlet_shares",
    "reuse_effect",
    "reuse_quotes",
    "segment_story",
    "write_comparison_parquet",
    "selection_summary",
    "selection_title",
    "side_by_side_html",
    "similarity_title",
]

COMPARE_TABLES: tuple[str, ...] = (
    "passages", "selection", "shares", "unmarked", "distinctive", "similarity",
    "outlet_selection", "outlet_shares", "outlet_similarity",
)
"""Tables of a :class:`Comparison` (valid values of ``compare --table``)."""

TOP_PASSAGES: int = 50
"""Passages listed in the summary JSON: those carried by the most articles."""

OUTLET_SELECTION_COLUMNS: tuple[str, ...] = (
    "outlet", "passage_id", "order", "n_articles", "quoted", "unmarked", "partial", "omitted",
)
"""Columns of :func:`outlet_selection`."""

OUTLET_SHARES_COLUMNS: tuple[str, ...] = (
    "outlet", "n_articles", "n_words", "n_shared_words", "shared_share", "n_unmarked_words",
    "unmarked_share", "n_unmarked_copies",
)
"""Columns of :func:`outlet_shares`."""

METHOD_LABELS: Mapping[str, str] = {"shared_passages": "shared passages", "tfidf_cosine": "TF-IDF cosine"}
"""Display names of the similarity methods."""

OWN_VOICE_CAVEAT: str = (
    "Text an outlet copies from the source without quotation marks counts as the outlet's own "
    "voice, so its own-voice figures (readability, tone, frames, distinctive terms) partly "
    "measure the source."
)
"""The sentence to show wherever own-voice figures appear."""


class _BuiltOnUse:
    """A dataclass field built from the instance when first read, unless one was given.

    Used for :attr:`Comparison.selection`: it has a row per article and passage, the
    one table of a comparison that grows with articles times passages (tens of
    millions of rows for ten thousand articles), and neither the summary JSON nor the
    outlet tables need it. Given to the constructor (or to ``dataclasses.replace``),
    the value is kept as given.
    """

    def __init__(self, build: Callable[[Any], Any]) -> None:
        self._build = build

    def __set_name__(self, owner: type, name: str) -> None:
        self._key = f"_built_{name}"

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return None  # the field's default: build on first read
        value = obj.__dict__.get(self._key)
        if value is None:
            value = obj.__dict__[self._key] = self._build(obj)
        return value

    def __set__(self, obj: object, value: Any) -> None:
        if value is None:
            obj.__dict__.pop(self._key, None)  # the default: left to build
        else:
            obj.__dict__[self._key] = value


@dataclass(frozen=True)
class Comparison:
    """Every cross-article table of one story.

    Attributes
    ----------
    alignment : PassageAlignment
    passages, selection, shares, unmarked, distinctive, similarity : DataFrame
        See :data:`COMPARE_TABLES` and the functions that build them. ``selection``
        (a row per article and passage) is built when first read, unless given.
    corpus_sha256, package_version : str
        Provenance.
    """

    alignment: PassageAlignment
    passages: pd.DataFrame
    shares: pd.DataFrame
    unmarked: pd.DataFrame
    distinctive: pd.DataFrame
    similarity: pd.DataFrame
    outlet_similarity: pd.DataFrame = field(default_factory=pd.DataFrame)
    selection: pd.DataFrame = _BuiltOnUse(lambda c: selection_frame(c.alignment))
    corpus_sha256: str = ""
    package_version: str = __version__
    options: Mapping[str, object] = field(default_factory=dict)

    @property
    def outlet_selection(self) -> pd.DataFrame:
        """Per outlet and passage of the source: how many of the outlet's articles carry it how.

        :func:`outlet_selection` of :attr:`selection`; while that table is not built,
        the same frame is counted from the passages (:func:`outlet_selection_of`).
        """
        if self.__dict__.get("_built_selection") is not None:
            return outlet_selection(self.selection)
        return outlet_selection_of(self.alignment)

    @property
    def outlet_shares(self) -> pd.DataFrame:
        """Per outlet: shared and unmarked words pooled over its articles."""
        return outlet_shares(self.shares, self.unmarked)

    def table(self, name: str) -> pd.DataFrame:
        """One of the tables by name (:data:`COMPARE_TABLES`)."""
        if name not in COMPARE_TABLES:
            raise ValueError(unknown_option("table", name, COMPARE_TABLES))
        return getattr(self, name)


def compare_analyses(
    analyses: Sequence[object],
    corpus_sha256: str = "",
    *,
    distinctive_by: str | None = None,
    voice: str = "all",
    min_count: int = 2,
    top: int | None = 20,
    neighbours: int | None = None,
    keep_function_words: bool = False,
    weak_min_count: int = WEAK_MIN_COUNT,
) -> Comparison:
    """Compare already analysed articles (see :func:`compare_story`).

    ``distinctive_by`` defaults to "article" up to :data:`~analysis.compare.similarity.ALL_PAIRS_MAX`
    articles and "outlet" above (a list of distinctive terms per article of a
    story of thousands is not read).
    """
    if distinctive_by is None:
        distinctive_by = "article" if len(analyses) <= ALL_PAIRS_MAX else "outlet"
    alignment = find_passages(analyses)
    distinctive = distinctive_terms(analyses, by=distinctive_by, voice=voice, min_count=min_count, top=top,
                                    keep_function_words=keep_function_words, weak_min_count=weak_min_count)
    return Comparison(
        alignment=alignment,
        passages=passages_frame(alignment),
        shares=article_shares(alignment),
        unmarked=unmarked_frame(alignment),
        distinctive=distinctive,
        similarity=similarity_frame(alignment, neighbours=neighbours),
        outlet_similarity=outlet_similarity(alignment),
        corpus_sha256=corpus_sha256,
        options={"distinctive_by": distinctive_by, "voice": voice, "min_count": min_count, "top": top,
                 "neighbours": neighbours, "keep_function_words": keep_function_words,
                 "weak_min_count": weak_min_count},
    )


def compare_story(story: Story, **options: object) -> Comparison:
    """Compare the articles of a loaded story.

    Parameters
    ----------
    story : Story
        From :func:`analysis.io.corpus.load_story`.
    **options
        ``distinctive_by`` ("article" or "outlet"; default by size), ``voice`` ("all", "own",
        "quoted"), ``min_count``, ``top``, ``keep_function_words``, ``weak_min_count``: passed to
        :func:`analysis.compare.distinctive.distinctive_terms`.

    Returns
    -------
    Comparison

    Raises
    ------
    InputError
        When the story has fewer than two articles: there is nothing to compare.
    """
    if len(story.articles) < 2:
        only = f" ({story.articles[0].path.name})" if story.articles else ""
        raise InputError(
            story.root,
            f"holds {len(story.articles)} article{only}; comparing outlets needs at least two "
            "articles on the same story: add another outlet's article to the folder",
        )
    return compare_analyses(segment_story(story), story.corpus_sha256, **options)


COMPACT_MIN: int = ALL_PAIRS_MAX + 1
"""From this many articles on, :func:`segment_story` keeps compact documents (see
:mod:`analysis.compare.compact`): a story too large to list every pair of articles."""


@dataclass(frozen=True)
class Segmented:
    """What the comparison needs of one article: the article, its Document and its quotes.

    :func:`analysis.pipeline.analyse_article` also takes readability counts,
    which no comparison uses (half its time on a large story). ``stream`` is the
    article's token stream when already built (:func:`segment_story` builds it
    while the full Document is at hand).
    """

    article: Article
    document: Document | CompactDocument
    quotes: tuple[Quote, ...]
    stream: TokenStream | None = None


def segment_story(story: Story, compact: bool | None = None) -> list[Segmented]:
    """Segment every article of a story, find its quotes and build its token stream.

    Parameters
    ----------
    story : Story
    compact : bool, optional
        Keep a :class:`~analysis.compare.compact.CompactDocument` per article
        instead of its full Document, one article at a time, so that a large
        story never holds every article's per-word tuples at once. Default: from
        :data:`COMPACT_MIN` articles on. The comparison is the same either way.

    Returns
    -------
    list of Segmented
    """
    if compact is None:
        compact = len(story.articles) >= COMPACT_MIN
    out = []
    for a in story.articles:
        doc = make_document(a.body, a.article_id)
        quotes = tuple(extract_quotes(doc))
        stream = build_stream(doc, quotes)
        out.append(Segmented(a, CompactDocument(doc) if compact else doc, quotes, stream))
    return out


def _identity(comparison: Comparison) -> dict[str, object]:
    """The first keys of every JSON payload: provenance, the source's speaker and the reference article."""
    return {
        "package_version": comparison.package_version,
        "corpus_sha256": comparison.corpus_sha256,
        "source_speaker": comparison.alignment.source_speaker,
        "reference_article": comparison.alignment.reference,
    }


def _full_payload(comparison: Comparison) -> dict[str, object]:
    """Every record of the comparison as one JSON-ready object (the detailed ``compare`` output).

    Returns
    -------
    dict
        ``package_version``, ``corpus_sha256``, ``source_speaker``, ``reference_article``,
        ``shared_passages`` (id, order, text, n_words, origin, single_source, in_source,
        articles: [{article_id, start, end, quoted, n_words, n_quoted_words}]),
        ``selection``, ``distinctive_terms`` (+ ``distinctive_terms_warning``),
        ``similarity``, ``article_shares`` and ``unmarked_reuse`` as lists of records.
        Undefined numbers are null.
    """
    al = comparison.alignment
    passages = [
        {
            "id": p.passage_id,
            **passage_fields(p),
            "articles": [
                {
                    "article_id": o.article_id,
                    "start": o.start,
                    "end": o.end,
                    "quoted": o.quoted,
                    "n_words": o.n_words,
                    "n_quoted_words": o.n_quoted_words,
                }
                for o in p.occurrences
            ],
        }
        for p in al.passages
    ]
    distinctive = comparison.distinctive
    return {
        **_identity(comparison),
        "shared_passages": passages,
        "selection": plain_records(comparison.selection.astype({"status": "str"})),
        "distinctive_terms": plain_records(distinctive),
        "distinctive_terms_warning": distinctive.attrs.get("warning", ""),
        "similarity": plain_records(comparison.similarity),
        "article_shares": plain_records(comparison.shares),
        "unmarked_reuse": plain_records(comparison.unmarked),
    }


def comparison_payload(comparison: Comparison, detail: bool | None = None) -> dict[str, object]:
    """The comparison as one JSON-ready object (what ``compare --format json`` writes).

    Parameters
    ----------
    comparison : Comparison
    detail : bool, optional
        Every record (each passage with every occurrence, every article x passage,
        every unmarked copy) or a summary sized for a reader. Default: every
        record up to :data:`~analysis.compare.similarity.ALL_PAIRS_MAX` articles, else
        the summary. Neither grows with the number of article pairs.

    Returns
    -------
    dict
        In detail: see :func:`_full_payload`. The summary has the same
        provenance keys, ``scale`` (counts, and what was left out),
        ``shared_passages`` (the :data:`TOP_PASSAGES` passages carried by the
        most articles, with counts instead of occurrences), ``outlet_selection``,
        ``outlet_shares``, ``distinctive_terms``, ``similarity`` (each article's
        nearest neighbours) and ``outlet_similarity``.
    """
    if detail is None:
        detail = len(comparison.alignment.articles) <= ALL_PAIRS_MAX
    if detail:
        return _full_payload(comparison)
    al = comparison.alignment
    passages = comparison.passages
    top = passages.sort_values(["n_articles", "order"], ascending=[False, True], kind="stable").head(TOP_PASSAGES)
    listed = set(top["passage_id"])
    occ_counts = {
        p.passage_id: (sum(o.quoted for o in p.occurrences), sum(not o.quoted for o in p.occurrences))
        for p in al.passages
        if p.passage_id in listed
    }
    top_records = []
    for r in plain_records(top):
        n_quoted, n_unmarked = occ_counts[r["passage_id"]]
        r = {"id": r.pop("passage_id"), **{k: v for k, v in r.items() if k != "article_ids"}}
        r.update(n_quoted_occurrences=n_quoted, n_unmarked_occurrences=n_unmarked)
        top_records.append(r)
    kept = set(top["passage_id"])
    outlet_sel = comparison.outlet_selection
    distinctive = comparison.distinctive
    return {
        **_identity(comparison),
        "scale": {
            "n_articles": len(al.articles),
            "n_outlets": len({a.outlet for a in al.articles}),
            "n_passages": len(al.passages),
            "n_passages_listed": len(top_records),
            "detail": False,
            "note": ("summary sized for a reader: the passages carried by the most articles, counts per "
                     "outlet, each article's nearest neighbours and outlet x outlet similarity; every "
                     "record: compare --detail, or --format parquet --out DIR"),
        },
        "shared_passages": top_records,
        "outlet_selection": plain_records(outlet_sel[outlet_sel["passage_id"].isin(kept)]),
        "outlet_shares": plain_records(comparison.outlet_shares),
        "distinctive_terms": plain_records(distinctive),
        "distinctive_terms_warning": distinctive.attrs.get("warning", ""),
        "similarity": plain_records(comparison.similarity),
        "outlet_similarity": plain_records(comparison.outlet_similarity),
    }


def outlet_selection(selection: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and passage: how many of the outlet's articles carry it, by status.

    Returns
    -------
    DataFrame
        Columns :data:`OUTLET_SELECTION_COLUMNS`: outlet, passage_id, order,
        n_articles, then one count per status (quoted, unmarked, partial,
        omitted); outlets in first-seen order, passages in source order.
    """
    if selection.empty:
        return pd.DataFrame(columns=list(OUTLET_SELECTION_COLUMNS))
    keys = ["outlet", "passage_id", "order"]
    # one group per (outlet, passage_id, order) in sorted key order (as a cross-tabulation gives),
    # counted with bincount: the selection has a row per article and passage, millions on a large story
    group = selection.groupby(keys, sort=True).ngroup().to_numpy()
    status = pd.Categorical(selection["status"].astype("str"), categories=list(STATUSES)).codes.astype(np.int64)
    n_groups = int(group.max()) + 1 if (group >= 0).any() else 0
    counted = (group >= 0) & (status >= 0)
    counts = np.bincount(group[counted] * len(STATUSES) + status[counted],
                         minlength=n_groups * len(STATUSES)).reshape(n_groups, len(STATUSES))
    groups, first_row = np.unique(group, return_index=True)
    first_row = first_row[groups >= 0]
    out = selection[keys].iloc[first_row].reset_index(drop=True)
    for i, st in enumerate(STATUSES):
        out[st] = counts[:, i]
    out["n_articles"] = counts.sum(axis=1)
    outlets = list(dict.fromkeys(selection["outlet"]))
    out["_o"] = out["outlet"].map({o: i for i, o in enumerate(outlets)})
    out = out.sort_values(["_o", "order"], kind="stable").reset_index(drop=True)
    out.columns.name = "status"  # the name a cross-tabulation by status gives (kept: Parquet stores it)
    return out[list(OUTLET_SELECTION_COLUMNS)].astype({s: "int64" for s in STATUSES} | {"n_articles": "int64"})


def outlet_selection_of(alignment: PassageAlignment) -> pd.DataFrame:
    """:func:`outlet_selection` of the alignment's selection table, counted without building that table.

    Each passage's carrying articles get their status as :func:`~analysis.compare.passages.selection_frame`
    gives it; every other article of an outlet left the passage out (``omitted``).
    Work and memory grow with the occurrences, plus one row per outlet and passage.

    Returns
    -------
    DataFrame
        Columns :data:`OUTLET_SELECTION_COLUMNS`, as :func:`outlet_selection` gives them.
    """
    arts = [a for a in alignment.articles if a.role != "source"]
    kept = [p for p in alignment.passages if p.in_source]
    if not arts or not kept:
        return pd.DataFrame(columns=list(OUTLET_SELECTION_COLUMNS))
    outlets = list(dict.fromkeys(a.outlet for a in arts))
    outlet_no = {o: i for i, o in enumerate(outlets)}
    col = {a.article_id: j for j, a in enumerate(arts)}
    outlet_of = np.asarray([outlet_no[a.outlet] for a in arts], dtype=np.int64)
    per_outlet = np.bincount(outlet_of, minlength=len(outlets))
    counts = np.zeros((len(outlets), len(kept), len(STATUSES)), dtype=np.int64)
    for r, p in enumerate(kept):
        words: dict[int, list[int]] = {}
        for o in p.occurrences:
            j = col.get(o.article_id)
            if j is not None:
                w = words.setdefault(j, [0, 0])
                w[0] += o.n_words
                w[1] += o.n_quoted_words
        carried = [(col[a], n) for a, n in _carried_sizes(p) if a in col]
        if not carried:
            counts[:, r, STATUSES.index("omitted")] += per_outlet
            continue
        j = np.asarray([c for c, _ in carried], dtype=np.int64)
        n_carried = np.asarray([n for _, n in carried], dtype=np.int64)
        n_words = np.asarray([words.get(c, (0, 0))[0] for c in j.tolist()], dtype=np.int64)
        n_quoted = np.asarray([words.get(c, (0, 0))[1] for c in j.tolist()], dtype=np.int64)
        size = np.full(len(j), p.n_words, dtype=np.int64)
        coverage = np.where(size > 0, n_carried / np.where(size > 0, size, 1), 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(n_words > 0, n_quoted / np.where(n_words > 0, n_words, 1), np.nan)
        quoted = np.where(n_words > 0, share, 0.0) >= QUOTED_SHARE
        codes = np.where(coverage <= 0, 3, np.where(coverage < FULL_COVERAGE, 2, np.where(quoted, 0, 1)))
        np.add.at(counts[:, r, :], (outlet_of[j], codes), 1)
        counts[:, r, STATUSES.index("omitted")] += per_outlet - np.bincount(outlet_of[j], minlength=len(outlets))
    n_o, n_p = len(outlets), len(kept)
    flat = counts.reshape(n_o * n_p, len(STATUSES))
    out = pd.DataFrame({
        "outlet": pd.array(np.repeat(np.asarray(outlets, dtype=object), n_p), dtype="str"),
        "passage_id": pd.array(np.tile(np.asarray([p.passage_id for p in kept], dtype=object), n_o), dtype="str"),
        "order": np.tile(np.asarray([p.order for p in kept], dtype=np.int64), n_o),
    })
    for i, st in enumerate(STATUSES):
        out[st] = flat[:, i]
    out["n_articles"] = flat.sum(axis=1)
    out.columns.name = "status"  # as outlet_selection gives it
    return out[list(OUTLET_SELECTION_COLUMNS)].astype({s: "int64" for s in STATUSES} | {"n_articles": "int64"})


def _carried_sizes(p: object) -> list[tuple[str, int]]:
    """``(article_id, source words carried)`` of every article carrying passage ``p``."""
    if isinstance(p.carried, CarriedWords):
        return list(p.carried.sizes().items())
    return [(a, len(w)) for a, w in p.carried.items()]


def outlet_shares(shares: pd.DataFrame, unmarked: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: words in shared passages and unmarked reuse, pooled over its articles.

    Returns
    -------
    DataFrame
        Columns :data:`OUTLET_SHARES_COLUMNS`; shares are pooled (sum of words /
        sum of words), never averaged; ``role: source`` documents left out.
    """
    rows = shares[shares["role"] != "source"]
    g = rows.groupby("outlet", sort=False)
    out = pd.DataFrame({
        "n_articles": g.size(),
        "n_words": g["n_words"].sum(),
        "n_shared_words": g["n_shared_words"].sum(),
        "n_unmarked_words": g["n_unmarked_words"].sum(),
    })
    out["n_unmarked_copies"] = unmarked.groupby("outlet", sort=False).size().reindex(out.index).fillna(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["shared_share"] = out["n_shared_words"] / out["n_words"].where(out["n_words"] > 0)
        out["unmarked_share"] = out["n_unmarked_words"] / out["n_words"].where(out["n_words"] > 0)
    out = out.reset_index()
    return out[list(OUTLET_SHARES_COLUMNS)].astype({"n_unmarked_copies": "int64"})


def article_labels(alignment: PassageAlignment) -> dict[str, str]:
    """Column label of each article: its outlet, or "outlet (article_id)" when an outlet has several."""
    per_outlet: dict[str, int] = {}
    for a in alignment.articles:
        per_outlet[a.outlet] = per_outlet.get(a.outlet, 0) + 1
    return {
        a.article_id: a.outlet if per_outlet[a.outlet] == 1 else f"{a.outlet} ({a.article_id})"
        for a in alignment.articles
    }


def selection_summary(selection: pd.DataFrame, labels: Mapping[str, str] | None = None) -> str:
    """One sentence per article: how many source passages it quoted, copied unmarked, cut or left out."""
    if selection.empty:
        return "No passage of a common source was found."
    parts = []
    n = selection["passage_id"].nunique()
    for article_id, rows in selection.groupby("article_id", sort=False):
        counts = rows["status"].astype("str").value_counts()
        label = (labels or {}).get(article_id, article_id)
        kept = n - int(counts.get("omitted", 0))
        detail = ", ".join(
            f"{int(counts[s])} {s}" for s in ("quoted", "unmarked", "partial") if counts.get(s, 0)
        )
        parts.append(f"{label} carries {kept} of {n} passages" + (f" ({detail})" if detail else ""))
    return "; ".join(parts) + "."


def selection_title(comparison: Comparison) -> str:
    """Chart title naming the source, how many passages it has, and who kept the most and fewest.

    Every article tied for the most or the fewest is named.
    """
    sel = comparison.selection
    if sel.empty:
        return "No passage of a common source was found in these articles"
    labels = article_labels(comparison.alignment)
    kept = (sel["status"].astype("str") != "omitted").groupby(sel["article_id"], sort=False).sum()
    n = sel["passage_id"].nunique()
    al = comparison.alignment
    sources = [a for a in al.articles if a.role == "source"]
    source = al.source_speaker or (f"{sources[0].outlet}'s document" if sources else "the common source")
    high, low = int(kept.max()), int(kept.min())
    if high == low:
        return f"{n} passages of {source}: every outlet carries {high} of them"
    most = [labels[a] for a in kept.index[kept == high]]
    fewest = [labels[a] for a in kept.index[kept == low]]
    verb = "carries" if len(most) == 1 else "carry"
    return f"{n} passages of {source}: {join_names(most)} {verb} {high}, {join_names(fewest)} only {low}"


def similarity_title(comparison: Comparison, method: str) -> str:
    """Heatmap title naming the most similar pair under ``method`` (every pair tied at two decimals)."""
    sim = comparison.similarity
    name = METHOD_LABELS.get(method, method.replace("_", " "))
    rows = sim[sim["method"] == method].dropna(subset=["value"])
    if rows.empty:
        return f"No pair of articles has a defined {name} similarity"
    labels = article_labels(comparison.alignment)
    shown = rows["value"].map(lambda v: f"{v:.2f}")
    top = shown[rows["value"].idxmax()]
    pairs = [f"{labels[a]} and {labels[b]}" for a, b in
             zip(rows.loc[shown == top, "article_a"], rows.loc[shown == top, "article_b"])]
    if len(pairs) == 1:
        return f"Most alike by {name}: {pairs[0]} ({top} on a 0-1 scale)"
    return f"Most alike by {name}, tied at {top} on a 0-1 scale: " + "; ".join(pairs)


def reuse_quotes(comparison: Comparison) -> dict[str, tuple[Quote, ...]]:
    """Unmarked reuse of every article as extra Quote records (the "count reuse as quoted" option).

    Pass the result as ``extra_quotes`` to :func:`analysis.compare.distinctive.distinctive_terms`, or add
    an article's records to its quotes before :func:`analysis.speech.voice.split_voices`.
    """
    al = comparison.alignment
    speaker = al.source_speaker or "the source"
    return {
        a.article_id: reuse_as_quotes(a.document, unmarked_ranges(al, a.article_id), speaker)
        for a in al.articles
        if a.role != "source"
    }


def reuse_effect(comparison: Comparison) -> pd.DataFrame:
    """Own-voice words per article, as the quote rules count them and with unmarked reuse counted as quoted.

    Returns
    -------
    DataFrame
        One row per article (``role: source`` documents left out). Columns
        article_id, outlet, n_words, own_voice_n_words,
        own_voice_n_words_reuse_quoted (unmarked reuse moved to quoted speech
        with :func:`analysis.compare.passages.reuse_as_quotes`), reuse_share_of_own_voice
        (share of the own voice that is reused text; NaN without own-voice words).
    """
    extras = reuse_quotes(comparison)
    rows = []
    for a in comparison.alignment.articles:
        if a.role == "source":
            continue
        extra = extras[a.article_id]
        doc = full_document(a.document)
        own = len(split_voices(doc, a.quotes).words["own"])
        own_reuse = len(split_voices(doc, a.quotes + extra).words["own"])
        rows.append({
            "article_id": a.article_id,
            "outlet": a.outlet,
            "n_words": a.document.n_words,
            "own_voice_n_words": own,
            "own_voice_n_words_reuse_quoted": own_reuse,
            "reuse_share_of_own_voice": (own - own_reuse) / own if own else float("nan"),
        })
    return pd.DataFrame(rows)


_STYLE = {
    "table": "border-collapse:collapse;width:100%;font-size:0.85em;table-layout:fixed",
    "cell": "border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left",
    "omitted": "color:#777;font-style:italic",
    "attribution": "color:#777",
}


def _mark(text: str, status: str) -> str:
    tint = STATUS_TINTS[status]
    edge = STATUS_COLORS[status]
    deco = "text-decoration:underline dotted;" if status == "unmarked" else ""
    return (
        f'<mark class="{status}" style="background:{tint};border-bottom:2px solid {edge};{deco}'
        f'padding:0 1px">{html.escape(text)}</mark>'
    )


def _occurrence_html(body: str, occurrence: object) -> str:
    out = []
    pos = occurrence.start
    for s, e, quoted in occurrence.segments:
        if s > pos:
            out.append(f'<span style="{_STYLE["attribution"]}">{html.escape(body[pos:s])}</span>')
        out.append(_mark(body[s:e], "quoted" if quoted else "unmarked"))
        pos = e
    return "".join(out)


def side_by_side_html(comparison: Comparison, articles: Sequence[str] | None = None) -> str:
    """The reconstructed source next to each outlet's quoted, unmarked and omitted parts.

    Parameters
    ----------
    comparison : Comparison
    articles : sequence of str, optional
        article_ids to show (default: every article that is not a ``role: source`` document).

    Returns
    -------
    str
        A self-contained HTML table (inline styles, all corpus text escaped): one row
        per passage of the reconstructed source, in source order; one column per
        article. Quoted words are highlighted in blue, words copied without
        quotation marks in orange and underlined, attribution the outlet put
        between quoted parts in grey; passages an article left out say so.
    """
    al = comparison.alignment
    labels = article_labels(al)
    shown = [a for a in al.articles if (a.article_id in articles if articles is not None else a.role != "source")]
    if articles is not None:
        unknown = sorted(set(articles) - {a.article_id for a in al.articles})
        if unknown:
            raise ValueError(unknown_option("article_id", unknown[0], [a.article_id for a in al.articles], plural=""))
    status = {
        (r.passage_id, r.article_id): str(r.status) for r in comparison.selection.itertuples(index=False)
    }
    legend = (
        '<p style="font-size:0.85em">'
        + _mark("quoted", "quoted") + " inside quotation marks &nbsp; "
        + _mark("unmarked", "unmarked") + " copied without quotation marks &nbsp; "
        + f'<span style="{_STYLE["attribution"]}">grey</span> attribution the outlet put in between &nbsp; '
        + f'<span style="{_STYLE["omitted"]}">left out</span> not carried</p>'
    )
    head = "".join(
        f'<th style="{_STYLE["cell"]}">{html.escape(labels[a.article_id])}</th>' for a in shown
    )
    rows = []
    for p in al.passages:
        if not p.in_source:
            continue
        badge = " <em>(one outlet only)</em>" if p.single_source else ""
        cells = [
            f'<td style="{_STYLE["cell"]}"><strong>{html.escape(p.passage_id)}</strong>{badge}<br>'
            f"{html.escape(p.text)}</td>"
        ]
        for a in shown:
            occ = [o for o in p.occurrences if o.article_id == a.article_id]
            st = status.get((p.passage_id, a.article_id), "omitted")
            if not occ:
                cells.append(f'<td style="{_STYLE["cell"]}"><span style="{_STYLE["omitted"]}">left out</span></td>')
                continue
            note = '<br><span style="font-size:0.85em;color:#555">(part only)</span>' if st == "partial" else ""
            body = a.document.body
            text = " … ".join(_occurrence_html(body, o) for o in occ)
            cells.append(f'<td style="{_STYLE["cell"]}">{text}{note}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        return legend + "<p>No passage of a common source was found.</p>"
    return (
        legend
        + f'<table style="{_STYLE["table"]}"><thead><tr><th style="{_STYLE["cell"]}">Source passage</th>'
        + head
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def write_comparison_parquet(comparison: Comparison, folder: str | Path) -> Path:
    """Write every table of the comparison as Parquet, ``<table>.parquet``, plus ``summary.json``.

    The detail behind the summary JSON: one file per table of
    :data:`COMPARE_TABLES` (``status`` as text), each row with the columns
    the CSV of that table has, and ``summary.json`` (the summary payload).

    Parameters
    ----------
    comparison : Comparison
    folder : str or Path
        Created when missing; files of the same names are replaced.

    Returns
    -------
    Path
        ``folder``.

    Raises
    ------
    RuntimeError
        When pyarrow (the optional ``scale`` extra) is not installed.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise RuntimeError(
            "--format parquet needs pyarrow: pip install -e '.[scale]'"
        ) from None
    import json

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in COMPARE_TABLES:
        df = comparison.table(name).copy()
        for col in df.columns:
            if isinstance(df[col].dtype, pd.CategoricalDtype):
                df[col] = df[col].astype("str")
        df.attrs = {}
        df.to_parquet(folder / f"{name}.parquet", index=False)
    payload = comparison_payload(comparison, detail=False)
    (folder / "summary.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return folder
