"""How to read these numbers: each measure in plain words, with its direction,
its reference and its limits.

The start page of every report shows this table (``00-start-here``), so a
reader meets every measure's meaning and caveats before its value. Each entry
names the metrics column it explains; a test checks that every column exists.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["GUIDE", "GUIDE_COLUMNS", "guide_frame"]

GUIDE_COLUMNS: tuple[str, ...] = ("measure", "column", "in plain words", "direction", "reference", "limits")

GUIDE: tuple[dict[str, str], ...] = (
    {
        "measure": "Flesch-Kincaid grade",
        "column": "flesch_kincaid_grade",
        "in plain words": "the US school grade a reader needs, from sentence length and syllables per word",
        "direction": "higher = harder",
        "reference": "Kincaid et al. 1975",
        "limits": "built for school texts; counts length, not ideas; quoted text and copied text count too",
    },
    {
        "measure": "Flesch Reading Ease",
        "column": "flesch_reading_ease",
        "in plain words": "a 0-100 ease score from the same two counts; 60-70 is plain English",
        "direction": "higher = easier",
        "reference": "Flesch 1948",
        "limits": "weighs word length heavily; calibrated on 1940s school texts, not online news",
    },
    {
        "measure": "Quote density",
        "column": "quote_density",
        "in plain words": "the share of the outlet's words that sit inside quotation marks",
        "direction": "higher = sources speak more",
        "reference": "quote rules in the README",
        "limits": "text copied without quotation marks counts as the outlet's own voice",
    },
    {
        "measure": "Own-voice share",
        "column": "own_voice_share",
        "in plain words": "the share of the outlet's words outside quotation marks",
        "direction": "higher = the outlet writes more in its own words",
        "reference": "quote rules in the README",
        "limits": "unmarked reuse of a source counts as own voice (see the comparison notebook)",
    },
    {
        "measure": "Frame sentence share",
        "column": "sentence_share",
        "in plain words": "the share of sentences holding a cue word of a frame from the codebook",
        "direction": "higher = the frame runs through more of the text",
        "reference": "Entman 1993; Semetko & Valkenburg 2000",
        "limits": "a word list: misses frames without cue words, counts words used in another sense",
    },
    {
        "measure": "Tone",
        "column": "tone_mean",
        "in plain words": "the average VADER score of the sentences, from -1 (negative words) to +1",
        "direction": "higher = more positive wording",
        "reference": "Hutto & Gilbert 2014",
        "limits": "scores words, not stance: 'abuse' is negative whether condemned or committed; misreads sarcasm",
    },
    {
        "measure": "Hedges per 1,000 words",
        "column": "hedges_per_1k_words",
        "in plain words": "words that hold back commitment: may, perhaps, reportedly",
        "direction": "higher = more cautious",
        "reference": "Hyland 2005",
        "limits": "a word list cannot read context",
    },
    {
        "measure": "Boosters per 1,000 words",
        "column": "boosters_per_1k_words",
        "in plain words": "words that insist: clearly, must, never",
        "direction": "higher = more certain",
        "reference": "Hyland 2005",
        "limits": "'must' of obligation counts as well as 'must' of certainty",
    },
)
"""One entry per measure shown at a glance."""


def guide_frame() -> pd.DataFrame:
    """The guide as a table (columns :data:`GUIDE_COLUMNS`), one row per measure."""
    return pd.DataFrame(list(GUIDE), columns=list(GUIDE_COLUMNS))
