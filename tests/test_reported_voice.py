"""Reported speech as a voice in the metrics and frames tables (issue 15, point 1).

Counts were made by reading the texts: see the comments at each assertion.
"""

from __future__ import annotations

import math

import pytest

from analysis.framing.codebook import generic_codebook
from analysis.framing.frames import frames_table
from analysis.metrics import _row, analyse_article
from articles import text_article

TEXT = (
    "The council met on Tuesday. The mayor said the new bridge was too expensive. "
    '"We cannot pay for it," she said.'
)
# words: The council met on Tuesday (5) | The mayor said (3) + the new bridge was too expensive (6)
# | We cannot pay for it (5) + she said (2) = 21 words; 6 reported, 5 quoted.


def test_metrics_row_counts_reported_speech():
    a = analyse_article(text_article(TEXT))
    row = _row("a", "X", [a], "")
    assert row["n_words"] == 21
    assert row["n_reported"] == 1
    assert row["n_reported_words"] == 6
    assert row["reported_word_share"] == pytest.approx(6 / 21)
    # the reported sentence has 9 words, 6 of them reported
    assert row["reported_n_sentences"] == pytest.approx(6 / 9)
    # one quote group and one reported clause: half the attributed speech is paraphrased
    assert row["reported_speech_share"] == pytest.approx(0.5)
    # reported words stay in the own voice: 21 - 5 quoted
    assert row["own_voice_n_words"] == 16


def test_metrics_without_speech_leave_the_share_undefined():
    row = _row("a", "X", [analyse_article(text_article("The council met on Tuesday."))], "")
    assert row["n_reported"] == 0 and row["n_reported_words"] == 0
    assert math.isnan(row["reported_speech_share"])


def test_frames_show_a_reported_voice_within_the_own_voice():
    a = analyse_article(text_article(TEXT))
    df = frames_table([a], [generic_codebook()])
    eco = df[df["frame"] == "economic"].set_index("voice")
    # "expensive" (an economic cue) is inside the mayor's reported words
    assert eco.loc["reported", "n_cues"] == 1
    assert eco.loc["own", "n_cues"] >= eco.loc["reported", "n_cues"]
    assert eco.loc["reported", "cues_per_1k_words"] == pytest.approx(1000 / 6)
    assert eco.loc["reported", "sentence_share"] == pytest.approx(1.0)
