"""Hiding warnings is scoped: a lesson page or a batch never silences a later caller in the same process."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.core.errors import quiet_warnings
from analysis.present import printable

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "askmoreofhim"


@pytest.fixture
def analysis_log():
    log = logging.getLogger("analysis")
    level = log.level
    yield log
    log.setLevel(level)


def test_quiet_warnings_restores_the_level_even_when_the_block_raises(analysis_log):
    analysis_log.setLevel(logging.INFO)
    with quiet_warnings():
        assert analysis_log.level == logging.ERROR
    assert analysis_log.level == logging.INFO
    with pytest.raises(RuntimeError):
        with quiet_warnings():
            raise RuntimeError("boom")
    assert analysis_log.level == logging.INFO


def test_a_lesson_page_leaves_the_warning_level_as_it_found_it(analysis_log):
    analysis_log.setLevel(logging.WARNING)
    printable.lesson_slides_html(SEEDS)
    assert analysis_log.level == logging.WARNING


def test_the_command_line_shows_its_warning_after_a_caller_silenced_the_package(analysis_log, capsys):
    assert main(["compare", str(SEEDS)]) == 0  # a first run installs the stderr handler
    capsys.readouterr()
    # then a notebook or a library call in the same process set the level to ERROR
    analysis_log.setLevel(logging.ERROR)
    assert main(["compare", str(SEEDS)]) == 0
    err = capsys.readouterr().err
    assert "warning: weak evidence" in err
