"""Tests for analysis.compare.similarity: shared-passage overlap and TF-IDF cosine."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from analysis.io.corpus import load_story
from analysis.metrics import analyse_story
from analysis.compare.passages import find_passages
from analysis.compare.similarity import (
    SIMILARITY_COLUMNS,
    load_function_words,
    passage_overlap,
    similarity_frame,
    similarity_matrix,
    tfidf_cosine,
)
from analysis.text.document import make_document

FIXTURES = Path(__file__).parent / "fixtures" / "compare"


def test_tfidf_by_hand():
    # N = 2; idf(apple) = ln(3/3) + 1 = 1; idf(banana) = idf(cherry) = ln(3/2) + 1
    # d1 = (1, w, 0), d2 = (1, 0, w) with w = ln(1.5) + 1: cos = 1 / (1 + w^2)
    w = math.log(1.5) + 1
    df = tfidf_cosine({"d1": ["apple", "banana"], "d2": ["apple", "cherry"]})
    assert list(df.columns) == list(SIMILARITY_COLUMNS)
    assert df.iloc[0][["article_a", "article_b", "method"]].tolist() == ["d1", "d2", "tfidf_cosine"]
    assert df.iloc[0]["value"] == pytest.approx(1 / (1 + w * w))


@pytest.mark.parametrize(("terms", "expected"), [
    ({"a": ["x", "y"], "b": ["x", "y"]}, 1.0),
    ({"a": ["x"], "b": ["y"]}, 0.0),
    ({"a": [], "b": ["y"]}, None),
    ({"a": [], "b": []}, None),
])
def test_tfidf_edges(terms, expected):
    value = tfidf_cosine(terms)["value"].iloc[0]
    if expected is None:
        assert math.isnan(value)
    else:
        assert value == pytest.approx(expected)


def test_matrix_is_symmetric_with_unit_diagonal():
    m = similarity_matrix({"a": ["x", "y", "y"], "b": ["y", "z"], "c": ["x"]})
    assert m.shape == (3, 3)
    assert m == pytest.approx(m.T)
    assert [m[i, i] for i in range(3)] == pytest.approx([1.0, 1.0, 1.0])


def test_no_documents():
    assert tfidf_cosine({}).empty


def test_function_words():
    words = load_function_words()
    assert {"the", "and", "we", "it's"} <= words and "river" not in words
    assert len(words) > 150


def test_function_words_from_a_file(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# comment\nThe\n\nRiver\n", encoding="utf-8")
    assert load_function_words(path) == frozenset({"the", "river"})
    from analysis.core.errors import InputError

    with pytest.raises(InputError, match="cannot read"):
        load_function_words(tmp_path / "missing.txt")


def test_passage_overlap_two_outlets():
    al = find_passages(analyse_story(load_story(FIXTURES / "two")))
    x = make_document(al.article("outlet-x").document.body).n_words
    y = make_document(al.article("outlet-y").document.body).n_words
    df = passage_overlap(al)
    # the one shared passage (L5) has 13 source words; single-source quotes do not count
    assert df["value"].iloc[0] == pytest.approx(13 / min(x, y))


def test_similarity_frame_ten_outlets():
    al = find_passages(analyse_story(load_story(FIXTURES / "ten")))
    df = similarity_frame(al)
    assert len(df) == 2 * 45  # 10 articles: 45 pairs, two methods
    assert df["value"].between(0, 1).all()
    overlap = df[df["method"] == "shared_passages"].set_index(["article_a", "article_b"])["value"]
    assert overlap[("o01", "o07")] > 0 and overlap[("o05", "o06")] == 0
    only = similarity_frame(al, methods=["tfidf_cosine"])
    assert set(only["method"]) == {"tfidf_cosine"}


def test_keeping_function_words_raises_similarity():
    al = find_passages(analyse_story(load_story(FIXTURES / "two")))
    with_all = similarity_frame(al, methods=["tfidf_cosine"], exclude=())["value"].iloc[0]
    without = similarity_frame(al, methods=["tfidf_cosine"])["value"].iloc[0]
    assert with_all > without


def test_unknown_method():
    al = find_passages([])
    with pytest.raises(ValueError, match="valid options: shared_passages, tfidf_cosine"):
        similarity_frame(al, methods=["jaccard"])
    assert similarity_frame(al, methods=[]).empty
