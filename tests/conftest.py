"""Shared fixtures: the notebooks rendered once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from analysis import paths, report

# Property tests: about 50 examples and no deadline in CI (issue 7); set
# HYPOTHESIS_PROFILE=thorough for a longer local search.
settings.register_profile("ci", max_examples=50, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def rendered_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder holding the reports of every notebook, rendered against the default story.

    Rendering executes each notebook once; the notebook tests and the report tests
    share the result. An error here names the notebook and the cell that failed.
    """
    out_dir = tmp_path_factory.mktemp("reports")
    report.render_reports(None, out_dir, report.default_notebooks(paths.NOTEBOOKS_DIR))
    return out_dir
