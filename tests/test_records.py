"""Missing values and JSON-ready records (analysis.core.records), and the shared column names."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.core.columns import BY_OPTIONS, VOICE_PREFIXES, VOICES
from analysis.core.records import is_missing, plain_records, to_plain


@pytest.mark.parametrize("value", [None, float("nan"), np.float64("nan"), pd.NA])
def test_missing_values(value):
    assert is_missing(value)
    assert to_plain(value) is None


@pytest.mark.parametrize("value", [0, 0.0, "", "nan", False, [], float("inf"), pd.NaT, np.int64(0)])
def test_values_that_are_not_missing(value):
    assert not is_missing(value)


def test_numpy_scalars_become_python_values():
    assert type(to_plain(np.int64(3))) is int and to_plain(np.int64(3)) == 3
    assert type(to_plain(np.float32(0.5))) is float and to_plain(np.float32(0.5)) == 0.5
    assert to_plain(np.float32("nan")) is None  # not a Python float until .item()
    assert to_plain(np.bool_(True)) is True


def test_containers_are_cleaned_item_by_item():
    assert to_plain({"a": [1.5, float("nan")], "b": ("x", {"c": pd.NA})}) == {"a": [1.5, None], "b": ["x", {"c": None}]}


def test_plain_records_are_json_without_nan():
    df = pd.DataFrame({"n": [1, 2], "x": [0.25, np.nan], "s": ["a", None]})
    records = plain_records(df)
    assert records == [{"n": 1, "x": 0.25, "s": "a"}, {"n": 2, "x": None, "s": None}]
    assert json.dumps(records, allow_nan=False) == (
        '[{"n": 1, "x": 0.25, "s": "a"}, {"n": 2, "x": null, "s": null}]')
    assert plain_records(df, ["s", "n"]) == [{"s": "a", "n": 1}, {"s": None, "n": 2}]
    nullable = pd.DataFrame({"k": pd.array([1, None], dtype="Int64")})
    assert plain_records(nullable) == [{"k": 1}, {"k": None}]


def test_the_shared_column_names():
    assert BY_OPTIONS == ("article", "outlet")
    assert tuple(VOICE_PREFIXES) == VOICES == ("all", "own", "quoted")
    assert VOICE_PREFIXES == {"all": "", "own": "own_voice_", "quoted": "quoted_"}
    from analysis import metrics

    assert metrics.BY_OPTIONS is BY_OPTIONS and metrics.VOICE_PREFIXES is VOICE_PREFIXES
    columns = metrics.metric_columns()
    assert "own_voice_flesch_reading_ease" in columns and "quoted_flesch_reading_ease" in columns
