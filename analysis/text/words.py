"""Word keys: the form in which a word is looked up, counted or matched.

The project's word rule (:mod:`analysis.text.document`) cuts words as written:
"It’s", "CO-WORKERS", "#AskMoreOfHim". To look a word up or compare it with
another, each module reduces it to a *key*. Every key is the word lower-cased
with its typographic apostrophes (’ and ʼ) read as ``'``; beyond that the uses
truly differ, and :func:`word_key` takes each difference as a parameter:

- the dictionary lookups of :mod:`analysis.text.syllables` and
  :mod:`analysis.text.readability` delete invisible joiners, compose accents
  (NFC) and drop a leading ``#`` or ``@``, which are not spoken;
- distinctive terms (:mod:`analysis.compare.distinctive`) are case-folded
  (``"Straße"`` -> ``"strasse"``) and also read the opening mark ‘ as ``'``;
- shingles (:mod:`analysis.compare.shingles`) match reused text across
  outlets whatever its typography: compatibility forms folded (NFKC),
  case-folded, every apostrophe and hyphen deleted ("co-workers" and
  "coworkers" are one token);
- codebook cues in the ``exact`` mode use the common key alone.

References
----------
The Unicode Standard, Annex #15: Unicode Normalization Forms (NFC, NFKC),
https://unicode.org/reports/tr15/; default case folding: The Unicode Standard,
section 3.13.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from analysis.text.document import JOINERS

__all__ = ["ALL_APOSTROPHES", "APOSTROPHES", "DICTIONARY_KEY", "HYPHENS", "word_key"]

APOSTROPHES: str = "\u2019\u02bc"
"""Typographic apostrophes read as ``'`` by default: ’ (right single quotation mark) and ʼ (modifier letter)."""

ALL_APOSTROPHES: str = "'\u2019\u2018\u02bc\u2032`"
"""Every mark written as an apostrophe: ', ’, ‘, ʼ, ′ (prime) and the backtick."""

HYPHENS: str = "-\u2010\u2011"
"""Hyphens inside a word: hyphen-minus, hyphen and non-breaking hyphen."""

DICTIONARY_KEY: dict[str, object] = {"invisible": True, "form": "NFC", "sigils": "#@"}
"""Options of :func:`word_key` for a dictionary lookup (CMU, easy words): as spelled, as spoken."""

_INVISIBLE = str.maketrans("", "", JOINERS)


@lru_cache(maxsize=64)
def _table(apostrophes: str, apostrophe: str, remove: str) -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): apostrophe or None for c in apostrophes}
    table.update({ord(c): None for c in remove})
    return table


@lru_cache(maxsize=1 << 17)
def word_key(
    word: str,
    *,
    invisible: bool = False,
    form: str | None = None,
    casefold: bool = False,
    apostrophes: str = APOSTROPHES,
    apostrophe: str = "'",
    remove: str = "",
    sigils: str = "",
) -> str:
    """The key of one word: lower-cased, apostrophes made one mark, plus the options asked for.

    The steps run in this order: delete invisible joiners, normalise, fold the
    case, replace apostrophes and delete ``remove``, strip leading sigils.
    Results are cached (a story repeats its words).

    Parameters
    ----------
    word : str
        A word as written in the body.
    invisible : bool, default False
        Delete invisible joiners first (:data:`analysis.text.document.JOINERS`:
        soft hyphen, zero-width characters, word joiner, BOM), so that a word
        split by one is spelled as without it.
    form : {None, "NFC", "NFKC"}, default None
        Unicode normal form applied next: NFC composes decomposed accents,
        NFKC also folds compatibility forms (ligatures, full-width letters).
    casefold : bool, default False
        Unicode case folding (``str.casefold``, "ß" -> "ss") instead of
        ``str.lower``.
    apostrophes : str, default :data:`APOSTROPHES`
        The marks replaced by ``apostrophe``.
    apostrophe : str, default "'"
        What each of ``apostrophes`` becomes; ``""`` deletes them.
    remove : str, default ""
        Further characters deleted (e.g. :data:`HYPHENS`).
    sigils : str, default ""
        Leading characters stripped last (``"#@"`` for hashtags and handles).

    Returns
    -------
    str

    Examples
    --------
    >>> word_key("It’s"), word_key("Straße", casefold=True)
    ("it's", 'strasse')
    >>> word_key("#Co-Workers’", form="NFKC", casefold=True, apostrophes=ALL_APOSTROPHES, apostrophe="",
    ...          remove=HYPHENS)
    '#coworkers'
    >>> word_key("#Down\\u00adtown", invisible=True, form="NFC", sigils="#@")
    'downtown'
    """
    if invisible:
        word = word.translate(_INVISIBLE)
    if form is not None:
        word = unicodedata.normalize(form, word)
    word = word.casefold() if casefold else word.lower()
    word = word.translate(_table(apostrophes, apostrophe, remove))
    return word.lstrip(sigils) if sigils else word
