"""Comparison layer: shingles, shared passages, similarity, distinctive terms, concordance and the story comparison.

Layer map and import rules: docs/design.md, "Architecture".

The names of :mod:`analysis.compare.story` are available here too, so that
``from analysis import compare`` keeps the public names it had as one module.
"""

from analysis.compare import story
from analysis.compare.story import *  # noqa: F403 (the public names listed in story.__all__)

__all__ = list(story.__all__)
