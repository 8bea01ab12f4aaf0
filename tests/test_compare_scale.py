"""The scalable comparison against the exact one: hashed shingles, sparse neighbours, pooled outlets.

Hypothesis draws small random stories; on them the scalable path must give
what the exact path (tuple-keyed shingle index, dense matrices, all pairs)
gives.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.compare import shingles
from analysis.compare.passages import find_passages
from analysis.compare.shingles import build_stream, hashed_shingles, shingle_index
from analysis.compare.similarity import (
    outlet_similarity,
    passage_overlap,
    similarity_frame,
    similarity_matrix,
    article_terms,
    top_neighbours,
    tfidf_vectors,
)
from analysis.scale.synthetic import generate_wire_article
from analysis.text.document import make_document
from articles import segmented_story

WORDS = ["river", "flood", "council", "barrier", "storm", "town", "water", "night", "homes", "we"]


_story = segmented_story


texts = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=40).map(" ".join), min_size=2, max_size=7,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts, k=st.integers(1, 6))
def test_hashed_index_groups_as_the_tuple_index(texts, k):
    streams = [build_stream(make_document(t)) for t in texts]
    exact = [hits for hits in shingle_index(streams, k).values() if len(hits) > 1]
    hashed = hashed_shingles(streams, k)
    assert [hashed.hits(g) for g in range(hashed.n_groups)] == exact
    assert hashed.n_shingles == len(shingle_index(streams, k))


def test_a_hash_collision_never_joins_two_shingles(monkeypatch):
    # with multiplier 0 the hash is only the last word: every shingle ending alike collides
    monkeypatch.setattr(shingles, "_HASH_BASE", np.uint64(0))
    streams = [build_stream(make_document(t)) for t in ("a b c d e", "x y z w e", "a b c d e")]
    hashed = hashed_shingles(streams, 5)
    assert [hashed.hits(g) for g in range(hashed.n_groups)] == [[(0, 0), (2, 0)]]
    assert hashed.n_shingles == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts, k=st.integers(1, 4), outlets=st.lists(st.sampled_from("ABC"), min_size=7, max_size=7))
def test_scalable_similarity_matches_the_exact_matrices(texts, k, outlets):
    al = find_passages(_story(texts, outlets[: len(texts)]))
    ids = [a.article_id for a in al.articles]
    exact = similarity_frame(al, neighbours=k, exact=True)
    scalable = similarity_frame(al, neighbours=k, exact=False)
    # with bounds above the story's size the candidate lists are complete
    assert scalable[["article_a", "article_b", "method"]].values.tolist() == \
        exact[["article_a", "article_b", "method"]].values.tolist() or _same_up_to_ties(exact, scalable)
    merged = exact.merge(scalable, on=["article_a", "article_b", "method"], suffixes=("_e", "_s"))
    assert merged["value_s"].to_numpy() == pytest.approx(merged["value_e"].to_numpy(), nan_ok=True)
    # every pair listed is one of the exact all-pairs table, with its value
    full = similarity_frame(al)
    both = scalable.merge(full, on=["article_a", "article_b", "method"], suffixes=("_s", "_f"))
    assert len(both) == len(scalable)
    assert both["value_s"].to_numpy() == pytest.approx(both["value_f"].to_numpy(), nan_ok=True)
    assert len(ids) <= 7


def _same_up_to_ties(exact, scalable) -> bool:
    """Neighbour lists may differ only where two candidates have the same value."""
    e = exact.set_index(["article_a", "article_b", "method"])["value"]
    s = scalable.set_index(["article_a", "article_b", "method"])["value"]
    for key in set(e.index) ^ set(s.index):
        v = e.get(key, s.get(key))
        if not any(math.isclose(v, w, abs_tol=1e-12) for w in list(e.values) + list(s.values) if w is not v):
            return False
    return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts, outlets=st.lists(st.sampled_from("ABC"), min_size=7, max_size=7))
def test_outlet_similarity_pools_every_article_pair(texts, outlets):
    outlets = outlets[: len(texts)]
    al = find_passages(_story(texts, outlets))
    got = outlet_similarity(al).set_index(["outlet_a", "outlet_b", "method"])
    sizes = {a.article_id: a.document.n_words for a in al.articles}
    overlap = passage_overlap(al)
    shared_words = {  # value * shorter = shared words of the pair
        (r.article_a, r.article_b): (0.0 if math.isnan(r.value) else r.value * min(sizes[r.article_a], sizes[r.article_b]))
        for r in overlap.itertuples()
    }
    terms = article_terms(al)
    cos = similarity_matrix(terms)
    ids = [a.article_id for a in al.articles]
    by_outlet = {}
    for a in al.articles:
        by_outlet.setdefault(a.outlet, []).append(a.article_id)
    order = list(by_outlet)
    for x, oa in enumerate(order):
        for ob in order[x:]:
            pairs = [(p, q) for p in by_outlet[oa] for q in by_outlet[ob] if p != q]
            if oa == ob:
                pairs = [(p, q) for p, q in itertools.combinations(by_outlet[oa], 2)]
            keyed = [tuple(sorted((p, q), key=ids.index)) for p, q in pairs]
            shared = sum(shared_words[k] for k in keyed)
            shorter = sum(min(sizes[p], sizes[q]) for p, q in keyed)
            row = got.loc[(oa, ob, "shared_passages")]
            assert row["n_pairs"] == len(keyed)
            if shorter:
                assert row["value"] == pytest.approx(shared / shorter)
            else:
                assert math.isnan(row["value"])
            vals = [cos[ids.index(p), ids.index(q)] for p, q in keyed]
            vals = [v for v in vals if not math.isnan(v)]
            row = got.loc[(oa, ob, "tfidf_cosine")]
            if vals:
                assert row["value"] == pytest.approx(min(1.0, sum(vals) / len(vals)), abs=1e-9)
            else:
                assert math.isnan(row["value"])


def test_top_neighbours_by_hand():
    # rows 0 and 1 share their heavy column; row 2 shares a light column with row 0 only
    from scipy import sparse

    x = sparse.csr_matrix(np.array([[0.8, 0.6, 0.0], [1.0, 0.0, 0.0], [0.0, 0.6, 0.8]]))
    row, nbr, value = top_neighbours(x, k=1)
    assert list(zip(row.tolist(), nbr.tolist())) == [(0, 1), (1, 0), (2, 0)]
    assert value.tolist() == pytest.approx([0.8, 0.8, 0.36])
    with pytest.raises(ValueError, match="k must be 1 or more"):
        top_neighbours(x, k=0)


def test_tfidf_vectors_give_the_dense_cosines():
    terms = {"a": ["x", "y", "y"], "b": ["y", "z"], "c": ["x"], "d": []}
    x = tfidf_vectors(terms)
    dense = similarity_matrix(terms)
    got = (x @ x.T).toarray()
    assert got[:3, :3] == pytest.approx(dense[:3, :3])
    assert got[3].tolist() == [0, 0, 0, 0]


def test_wire_articles_copy_their_source_with_few_changes():
    sources = ["First paragraph of the release, five words or more.\nSecond paragraph here."]
    a = generate_wire_article(3, sources)
    assert a == generate_wire_article(3, sources)
    assert a["outlet"] == "Outlet 04" and a["article_id"] == "wire-0000003"
    assert a["text"].split("\n\n")[0].split()[:3] == ["First", "paragraph", "of"] or \
        sum(w in a["text"] for w in ("First", "paragraph", "release")) >= 2
    with pytest.raises(ValueError, match="sources"):
        generate_wire_article(0, [])


@pytest.fixture(scope="module")
def wire_story(tmp_path_factory):
    from analysis.io.corpus import load_story
    from analysis.scale.synthetic import write_wire_story

    sources = [a.body for a in load_story("corpus/askmoreofhim").articles]
    return write_wire_story(tmp_path_factory.mktemp("wire") / "story", 60, sources)


def test_summary_json_of_a_big_story_is_sized_for_a_reader(wire_story):
    from analysis.compare.story import TOP_PASSAGES, compare_story, comparison_payload
    from analysis.io.corpus import load_story

    c = compare_story(load_story(wire_story))
    summary = comparison_payload(c)
    assert summary["scale"]["n_articles"] == 60 and summary["scale"]["detail"] is False
    assert len(summary["shared_passages"]) <= TOP_PASSAGES
    reach = [p["n_articles"] for p in summary["shared_passages"]]
    assert reach == sorted(reach, reverse=True) and reach[0] >= 15  # wire copy reaches many articles
    assert "occurrences" not in summary["shared_passages"][0] and "articles" not in summary["shared_passages"][0]
    # each article lists at most 5 neighbours per method: at most 60 * 5 pairs, never 60 * 59 / 2
    for method in ("shared_passages", "tfidf_cosine"):
        rows = [r for r in summary["similarity"] if r["method"] == method]
        assert 0 < len(rows) <= 60 * 5
    outlets = {r["outlet_a"] for r in summary["outlet_similarity"]}
    assert len(outlets) == 50
    assert len(summary["outlet_similarity"]) == 2 * 50 * 51 // 2
    # distinctive terms by outlet (not by article) above 45 articles
    assert {"outlet", "term"} <= set(summary["distinctive_terms"][0])
    # the detailed payload still has every occurrence
    full = comparison_payload(c, detail=True)
    assert sum(len(p["articles"]) for p in full["shared_passages"]) > len(summary["shared_passages"])
    sel = c.outlet_selection
    assert (sel["n_articles"] == sel[["quoted", "unmarked", "partial", "omitted"]].sum(axis=1)).all()
    shares = c.outlet_shares
    assert shares["n_articles"].sum() == 60
    assert shares["shared_share"].between(0, 1).all()


def test_parquet_output_and_its_errors(wire_story, tmp_path, capsys):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from analysis.cli import main
    from analysis.compare.story import COMPARE_TABLES

    out = tmp_path / "cmp"
    assert main(["compare", str(wire_story), "--format", "parquet", "--out", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == {f"{t}.parquet" for t in COMPARE_TABLES} | {"summary.json"}
    sel = pd.read_parquet(out / "selection.parquet")
    assert set(sel["status"]) <= {"quoted", "unmarked", "partial", "omitted"}
    assert main(["compare", str(wire_story), "--format", "parquet"]) == 2
    assert "--out DIR" in capsys.readouterr().err
