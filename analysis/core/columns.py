"""Names the tables share: the ``by`` grouping options and the column prefix of each voice.

The metrics, frames, tone and stance tables name a voice's columns with the
same prefix (``own_voice_flesch_reading_ease``, ``quoted_tone_mean``) and
group rows the same ways; the names are defined here once so that the tables
cannot drift apart (docs/design.md, "voice" and "outlet figures").
"""

from __future__ import annotations

__all__ = ["BY_OPTIONS", "VOICES", "VOICE_PREFIXES"]

BY_OPTIONS: tuple[str, ...] = ("article", "outlet")
"""Valid values of ``by``: one row per article, or one per outlet (pooled counts)."""

VOICES: tuple[str, ...] = ("all", "own", "quoted")
"""The voices every per-voice figure is given for, in column order."""

VOICE_PREFIXES: dict[str, str] = {"all": "", "own": "own_voice_", "quoted": "quoted_"}
"""Column prefix of each voice (the whole text has none)."""
