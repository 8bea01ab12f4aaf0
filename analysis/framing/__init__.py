"""Framing layer: codebooks and their matcher, frames, tone, stance, salience and actors.

Layer map and import rules: docs/design.md, "Architecture".

The names of :mod:`analysis.framing.frames` are available here too, so that
``from analysis import framing`` keeps the public names it had as one module.
"""

from analysis.framing import frames
from analysis.framing.frames import *  # noqa: F403 (the public names listed in frames.__all__)

__all__ = list(frames.__all__)
