"""Names joined into prose (analysis.core.prose)."""

from __future__ import annotations

import pytest

from analysis.core.prose import join_names
from analysis.present import display


@pytest.mark.parametrize(
    ("names", "text"),
    [
        ([], ""),
        (["Outlet A"], "Outlet A"),
        (["Outlet A", "Outlet B"], "Outlet A and Outlet B"),
        (["A", "B", "C"], "A, B and C"),
        ((n for n in (1, 2)), "1 and 2"),
    ],
)
def test_join_names(names, text):
    assert join_names(names) == text


def test_the_report_tables_use_the_same_helper():
    assert display.join_names is join_names
