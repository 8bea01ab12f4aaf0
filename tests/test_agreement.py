"""Tests for analysis.evaluate.agreement: Krippendorff's alpha."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.evaluate.agreement import alpha_from_frame, krippendorff_alpha

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers
# (A-D) code 12 units; rows here are units, columns observers; None = no value given.
RELIABILITY_DATA = [
    [1, 1, N, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [N, 5, 5, 5],
    [N, N, 1, 1],
    [N, 3, N, N],
]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_example(level, expected):
    # published values, rounded to three decimals in the paper
    assert krippendorff_alpha(RELIABILITY_DATA, level=level) == pytest.approx(expected, abs=5e-4)


def test_perfect_agreement_is_one():
    assert krippendorff_alpha([["x", "x"], ["y", "y"], ["x", "x", "x"]]) == pytest.approx(1.0)


def test_hand_computed_small_case():
    # units (a,a), (b,b), (a,b): o_aa=2, o_bb=2, o_ab=o_ba=1; n_a=n_b=3, n=6
    # alpha = 1 - (n-1) * (o_ab+o_ba) / (n_a*n_b + n_b*n_a) = 1 - 5*2/18 = 0.444...
    assert krippendorff_alpha([["a", "a"], ["b", "b"], ["a", "b"]]) == pytest.approx(1 - 10 / 18)


@pytest.mark.parametrize(
    "units",
    [[], [[1]], [[1, None], [None, 2]], [["a", "a"], ["a", "a"]]],
    ids=["empty", "one-value", "no-pairable-unit", "no-variation"],
)
def test_undefined_alpha_is_nan(units):
    assert math.isnan(krippendorff_alpha(units))


def test_unknown_level_lists_valid_ones():
    with pytest.raises(ValueError, match="valid levels: nominal, ordinal, interval, ratio"):
        krippendorff_alpha(RELIABILITY_DATA, level="fuzzy")


def test_from_tidy_frame_matches_matrix():
    rows = [
        {"unit": u, "coder": "ABCD"[c], "value": v}
        for u, values in enumerate(RELIABILITY_DATA)
        for c, v in enumerate(values)
        if v is not None
    ]
    df = pd.DataFrame(rows)
    assert alpha_from_frame(df) == pytest.approx(krippendorff_alpha(RELIABILITY_DATA))
    with pytest.raises(ValueError, match="missing columns: value"):
        alpha_from_frame(df.drop(columns="value"))
