"""Seed articles: our readability agrees with textstat 0.7.13 on the same text.

Grade-level scores within 1.0 grade and Flesch Reading Ease within 5 points (the
tolerance stated in the README); differences come from counting, not formulas.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.io.corpus import load_story
from analysis.metrics import metrics_table
from textstat_compat import use_local_cmudict

STORY = Path(__file__).resolve().parents[1] / "corpus" / "askmoreofhim"
TOLERANCE = {
    "flesch_reading_ease": 5.0,
    "flesch_kincaid_grade": 1.0,
    "gunning_fog": 1.0,
    "smog_index": 1.0,
    "coleman_liau_index": 1.0,
    "automated_readability_index": 1.0,
    "dale_chall_readability_score": 1.0,
}


@pytest.fixture(scope="module")
def textstat_offline():
    use_local_cmudict()
    import textstat

    return textstat


@pytest.mark.parametrize("column", sorted(TOLERANCE))
def test_seed_scores_within_tolerance_of_textstat(textstat_offline, column):
    story = load_story(STORY)
    ours = metrics_table(story).set_index("article_id")[column]
    for article in story.articles:
        theirs = getattr(textstat_offline, column)(article.body)
        assert ours[article.article_id] == pytest.approx(theirs, abs=TOLERANCE[column]), article.article_id
