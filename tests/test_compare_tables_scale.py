"""The column-built comparison tables against row-by-row references.

The selection and outlet-selection tables have a row per article and passage,
so they are built from NumPy arrays. The references below build them one row
at a time from the definitions (as the module notes of
:mod:`analysis.compare.passages` state them); on small random stories, the wire
story and the starter story both must give the same frames, dtypes included.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.compare.passages import FULL_COVERAGE, QUOTED_SHARE, STATUSES, SELECTION_COLUMNS, find_passages, selection_frame
from analysis.compare.story import OUTLET_SELECTION_COLUMNS, outlet_selection, segment_story
from analysis.io.corpus import load_story
from articles import segmented_story

WORDS = ["river", "flood", "council", "barrier", "storm", "town", "water", "night", "homes", "we", '"', "said"]


_story = segmented_story


texts = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=40).map(" ".join), min_size=2, max_size=7,
)


def _status(coverage: float, quoted_share: float) -> str:
    if coverage <= 0:
        return "omitted"
    if coverage < FULL_COVERAGE:
        return "partial"
    return "quoted" if quoted_share >= QUOTED_SHARE else "unmarked"


def reference_selection(alignment, include_sources: bool = False) -> pd.DataFrame:
    """Selection table one row at a time: every article against every passage of the source."""
    arts = [a for a in alignment.articles if include_sources or a.role != "source"]
    rows = []
    for p in alignment.passages:
        if not p.in_source:
            continue
        by_article = defaultdict(list)
        for o in p.occurrences:
            by_article[o.article_id].append(o)
        for a in arts:
            occ = by_article.get(a.article_id, [])
            n_words = sum(o.n_words for o in occ)
            n_quoted = sum(o.n_quoted_words for o in occ)
            coverage = len(p.carried.get(a.article_id, ())) / p.n_words if p.n_words else 0.0
            share = n_quoted / n_words if n_words else float("nan")
            main = max(occ, key=lambda o: (o.n_carried, -o.start)) if occ else None
            rows.append({
                "passage_id": p.passage_id, "order": p.order, "article_id": a.article_id, "outlet": a.outlet,
                "status": _status(coverage, share if n_words else 0.0), "coverage": coverage,
                "n_words": n_words, "n_quoted_words": n_quoted, "quoted_share": share,
                "start": main.start if main else None, "end": main.end if main else None,
            })
    df = pd.DataFrame(rows, columns=list(SELECTION_COLUMNS)).astype(
        {"order": "int64", "coverage": "float64", "n_words": "int64", "n_quoted_words": "int64",
         "quoted_share": "float64", "start": "Int64", "end": "Int64"}
    )
    df["status"] = pd.Categorical(df["status"], categories=list(STATUSES))
    return df


def reference_outlet_selection(selection: pd.DataFrame) -> pd.DataFrame:
    """Outlet x passage counts by cross-tabulation."""
    if selection.empty:
        return pd.DataFrame(columns=list(OUTLET_SELECTION_COLUMNS))
    status = selection["status"].astype("str")
    counts = pd.crosstab([selection["outlet"], selection["passage_id"], selection["order"]], status)
    for s in STATUSES:
        if s not in counts.columns:
            counts[s] = 0
    counts = counts[list(STATUSES)].reset_index()
    counts["n_articles"] = counts[list(STATUSES)].sum(axis=1)
    outlets = list(dict.fromkeys(selection["outlet"]))
    counts["_o"] = counts["outlet"].map({o: i for i, o in enumerate(outlets)})
    counts = counts.sort_values(["_o", "order"], kind="stable").reset_index(drop=True)
    return counts[list(OUTLET_SELECTION_COLUMNS)].astype({s: "int64" for s in STATUSES} | {"n_articles": "int64"})


def _check(al) -> None:
    for include in (False, True):
        got = selection_frame(al, include_sources=include)
        pd.testing.assert_frame_equal(got, reference_selection(al, include_sources=include))
    sel = selection_frame(al)
    pd.testing.assert_frame_equal(outlet_selection(sel), reference_outlet_selection(sel))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts, outlets=st.lists(st.sampled_from("ABC"), min_size=7, max_size=7))
def test_selection_tables_match_the_row_by_row_reference(texts, outlets):
    _check(find_passages(_story(texts, outlets[: len(texts)])))


@pytest.mark.parametrize("folder", ["corpus/askmoreofhim"])
def test_selection_tables_of_the_starter_story(folder):
    al = find_passages(segment_story(load_story(folder)))
    assert len(selection_frame(al)) > 0
    _check(al)


def test_selection_tables_of_a_wire_story(tmp_path):
    from analysis.scale.synthetic import write_wire_story

    sources = [a.body for a in load_story("corpus/askmoreofhim").articles]
    al = find_passages(segment_story(load_story(write_wire_story(tmp_path / "w", 80, sources))))
    sel = selection_frame(al)
    assert set(sel["status"].astype(str)) >= {"quoted", "omitted"}
    _check(al)


def test_outlet_selection_by_hand():
    sel = pd.DataFrame({
        "outlet": ["B", "B", "A", "B"], "passage_id": ["P2", "P1", "P1", "P1"], "order": [2, 1, 1, 1],
        "status": pd.Categorical(["quoted", "omitted", "unmarked", "quoted"], categories=list(STATUSES)),
    })
    got = outlet_selection(sel)
    # outlets in first-seen order (B, A), passages in source order, one count per status
    assert got[["outlet", "passage_id", "quoted", "unmarked", "partial", "omitted", "n_articles"]].values.tolist() == [
        ["B", "P1", 1, 0, 0, 1, 2], ["B", "P2", 1, 0, 0, 0, 1], ["A", "P1", 0, 1, 0, 0, 1],
    ]


def test_carried_words_behave_as_a_read_only_dict():
    from analysis.compare.passages import CarriedWords

    plain = {"b": frozenset({2, 0}), "a": frozenset(), "c": frozenset({1})}
    carried = CarriedWords(list(plain), [sorted(v) for v in plain.values()])
    assert carried == plain and plain == carried
    assert list(carried) == ["b", "a", "c"] and len(carried) == 3
    assert carried["b"] == frozenset({0, 2}) and carried.get("z") is None and "a" in carried
    assert carried.items() == list(plain.items()) and carried.values() == list(plain.values())
    assert carried.sizes() == {"b": 2, "a": 0, "c": 1}
    with pytest.raises(KeyError):
        carried["z"]
    with pytest.raises(ValueError, match="same length"):
        CarriedWords(["a"], [])
    assert carried != {"b": frozenset({0}), "a": frozenset(), "c": frozenset({1})}
