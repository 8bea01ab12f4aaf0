"""The reading guide explains columns that exist."""

from __future__ import annotations

from analysis.framing.frames import frames_table  # noqa: F401  (the frames table holds sentence_share)
from analysis.present.guide import GUIDE, GUIDE_COLUMNS, guide_frame
from analysis.metrics import metric_columns


def test_every_guide_entry_is_complete_and_names_a_real_column():
    columns = set(metric_columns()) | {"sentence_share"}
    for entry in GUIDE:
        assert set(entry) == set(GUIDE_COLUMNS)
        assert all(entry[key].strip() for key in GUIDE_COLUMNS), entry
        assert entry["column"] in columns, entry["column"]


def test_guide_frame_has_one_row_per_entry():
    df = guide_frame()
    assert list(df.columns) == list(GUIDE_COLUMNS) and len(df) == len(GUIDE)
