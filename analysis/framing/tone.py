"""Tone: sentence-level sentiment with VADER, by voice.

Each sentence gets VADER's compound score (Hutto & Gilbert 2014), a number from
-1 (most negative) to +1 (most positive) computed from a hand-rated lexicon of
about 7,500 words and rules for negation, intensifiers, "but", capitals and
punctuation. The lexicon comes with the ``vaderSentiment`` package (import name
``vaderSentiment.vaderSentiment``); nothing is downloaded. The rules are applied
here (:func:`vader_compound`) to tokens cut from the document's body lowered
once, rather than by VADER re-splitting and re-lowering every sentence; the
scores equal VADER's ``polarity_scores`` (checked against VADER itself by the
test suite). A sentence holding an emoji, which VADER first replaces by its
description, is scored by VADER itself.

Per article (or outlet) and voice (``all``, ``own``, ``quoted``):

tone_mean
    Mean compound score of the voice's sentences. Higher = more positive
    wording. Formula: ``sum(w_i * c_i) / sum(w_i)``.
tone_sd
    Spread of the sentence scores (weighted population standard deviation):
    ``sqrt(sum(w_i * (c_i - mean)^2) / sum(w_i))``. Higher = tone varies more
    from sentence to sentence; 0 for a single sentence.
tone_positive_share, tone_negative_share
    Share of the voice's sentences with compound >= 0.05 (positive) or
    <= -0.05 (negative), the thresholds VADER's authors recommend; the rest
    are neutral. Formula: ``sum(w_i for positive i) / sum(w_i)``.

The weight ``w_i`` of sentence ``i`` is 1 for ``all`` and its share of own or
quoted words otherwise (the proportional sentence rule): a sentence's one score
counts toward each voice in proportion to its words in that voice. Undefined
values (no sentences in the voice) are NaN. Outlet figures pool the sentences
of all the outlet's articles; they are never averages of article scores.

What VADER measures, and where it fails on news: VADER adds up the ratings of
the sentence's words that are in its lexicon (rated by crowd workers for
tweets), scaled by its rules; it measures how positive or negative the words
are, not what the sentence says. On news it fails in known ways: names and
procedure carry valence ("the United States", "Justice Secretary", "the next
launch opportunity isn't until Friday" scored +0.42); reports of bad events
score negative whoever speaks and whatever they mean ("the Serious Organised
Crime Taskforce", -0.81); sarcasm and irony score their literal words; and
the compound of a long sentence is pulled toward +-1.

Two rules make a neutral factual sentence score 0:

news-neutral words
    Words VADER rates but that in news mostly name an institution, a title
    or a procedure (``analysis/data/lexicons/tone_neutral.yml``: united,
    justice, opportunity, agreed, pay...) are removed from its lexicon.
neutral band
    A sentence whose compound lies strictly between ``-NEUTRAL_BAND`` and
    ``+NEUTRAL_BAND`` (0.3) scores 0: one mildly rated word ("important",
    "carefully") does not make a sentence evaluative.

Both were chosen on the dev half of a hand-labelled set of 160 news
sentences (``tests/fixtures/tone_gold.yml``, drawn from the speech gold
articles); agreement with the labels on its test half is reported in the
README and checked by ``tests/test_tone.py``.

There is no whole-article compound score on purpose: VADER's normalisation
``x / sqrt(x^2 + 15)`` saturates on long texts, so any long article scores
near +1 or -1.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
sentiment analysis of social media text. *Proceedings of the International AAAI
Conference on Web and Social Media* 8(1), 216-225.

Loughran, T., & McDonald, B. (2011). When is a liability not a liability?
Textual analysis, dictionaries, and 10-Ks. *Journal of Finance* 66(1), 35-65
(a general lexicon adapted to a domain by removing its neutral words).

Deviations
----------
The sentence score is VADER's compound with the two rules above, not the raw
compound: a sentence VADER scores +0.2 scores 0 here. Use
``sentence_compounds(doc, band=0.0)`` and ``load_tone_analyzer(neutral_words=())``
for VADER as published. VADER was built and validated on social media text; on news its accuracy is
lower, and it scores words, not stances ("abuse" is negative whether it is
condemned or committed). A sentence that mixes reporter and source words gets
one score, shared between the voices by word share, rather than one score per
voice.
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from analysis.core.errors import InputError
from analysis.core.columns import VOICE_PREFIXES
from analysis.framing.analysed import AnalysedArticle
from analysis.framing.lexicons import packaged_lexicon
from analysis.text.document import Document
from analysis.speech.voice import VOICES

__all__ = [
    "NEGATIVE_THRESHOLD",
    "NEUTRAL_BAND",
    "POSITIVE_THRESHOLD",
    "SENTENCE_TONE_COLUMNS",
    "TONE_COLUMNS",
    "compound_score",
    "load_tone_analyzer",
    "news_neutral_words",
    "sentence_compounds",
    "sentence_tone_frame",
    "tone_columns",
    "tone_label",
    "tone_scores",
    "sentence_tone",
    "vader_compound",
]

POSITIVE_THRESHOLD = 0.05
"""Compound score at or above which a sentence is positive (Hutto's recommended cut-off)."""

NEGATIVE_THRESHOLD = -0.05
"""Compound score at or below which a sentence is negative."""

NEUTRAL_BAND = 0.3
"""A sentence whose compound lies strictly inside (-0.3, +0.3) scores 0 (chosen on the dev half of tests/fixtures/tone_gold.yml)."""

TONE_COLUMNS: tuple[str, ...] = ("tone_mean", "tone_sd", "tone_positive_share", "tone_negative_share")
"""Tone columns of the metrics table (prefixed ``own_voice_`` and ``quoted_`` for the voices)."""

SENTENCE_TONE_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "sentence", "start", "end", "compound", "quoted_share", "tone",
)
"""Columns of :func:`sentence_tone_frame`. Key: (article_id, sentence)."""



def news_neutral_words() -> frozenset[str]:
    """The packaged news-neutral words (``analysis/data/lexicons/tone_neutral.yml``)."""
    lex = packaged_lexicon("tone_neutral")
    return frozenset(t.lower() for terms in lex.terms.values() for t in terms)


def _without(analyzer: SentimentIntensityAnalyzer, words: Iterable[str]) -> SentimentIntensityAnalyzer:
    for w in words:
        analyzer.lexicon.pop(w, None)
    return analyzer


@lru_cache(maxsize=1)
def _default_analyzer() -> SentimentIntensityAnalyzer:
    return _without(SentimentIntensityAnalyzer(), news_neutral_words())


def load_tone_analyzer(
    lexicon_path: str | Path | None = None, neutral_words: Iterable[str] | None = None
) -> SentimentIntensityAnalyzer:
    """A VADER analyzer with the packaged lexicon, or with a lexicon file of your own.

    Parameters
    ----------
    lexicon_path : str or Path, optional
        A file in VADER's format (``word<TAB>mean<TAB>sd<TAB>ratings``).
    neutral_words : iterable of str, optional
        Words removed from the lexicon; default :func:`news_neutral_words`.
        Pass ``()`` for VADER's lexicon as published.

    Raises
    ------
    InputError
        When the file cannot be read.
    """
    if lexicon_path is None and neutral_words is None:
        return _default_analyzer()
    neutral = news_neutral_words() if neutral_words is None else neutral_words
    if lexicon_path is None:
        return _without(SentimentIntensityAnalyzer(), neutral)
    p = Path(lexicon_path).resolve()
    if not p.is_file():
        raise InputError(p, "tone lexicon not found")
    try:
        return _without(SentimentIntensityAnalyzer(lexicon_file=str(p)), neutral)
    except (OSError, UnicodeDecodeError, ValueError, IndexError) as exc:
        raise InputError(p, f"cannot read tone lexicon: {exc}") from None


def sentence_tone(text: str, analyzer: SentimentIntensityAnalyzer | None = None, band: float = NEUTRAL_BAND) -> float:
    """The tone score of one sentence: VADER's compound, 0 inside the neutral band.

    Parameters
    ----------
    text : str
        One sentence.
    analyzer : SentimentIntensityAnalyzer, optional
        Default: :func:`load_tone_analyzer` (news-neutral words removed).
    band : float
        Compounds strictly inside ``(-band, band)`` become 0. Higher = fewer
        sentences scored.

    Returns
    -------
    float
        0, or a compound in [-1, -band] or [band, 1].
    """
    c = compound_score(text, analyzer)
    return 0.0 if abs(c) < band else c


def sentence_compounds(
    doc: Document, analyzer: SentimentIntensityAnalyzer | None = None, band: float = NEUTRAL_BAND
) -> tuple[float, ...]:
    """The tone score (:func:`sentence_tone`) of every sentence, in order.

    The sentences' lower-case tokens are cut from the document's lower-cased
    body (:attr:`Document.lower_body`), lowered once per document, and scored
    by :func:`vader_compound`; the scores equal VADER's ``polarity_scores``
    (the test suite checks them against VADER itself).

    Parameters
    ----------
    doc : Document
    analyzer : SentimentIntensityAnalyzer, optional
        Default: :func:`load_tone_analyzer`.
    band : float
        The neutral band (:data:`NEUTRAL_BAND`; 0 for VADER's compound as it is).

    Returns
    -------
    tuple of float
        One score in [-1, 1] per sentence of ``doc``.
    """
    analyzer = analyzer or _default_analyzer()
    if not _follows_vader_rules(analyzer):
        return tuple(sentence_tone(doc.text(s), analyzer, band) for s in doc.sentences)
    lexicon = analyzer.lexicon
    emojis = _emoji_chars(analyzer)
    body = doc.body
    lowered = doc.lower_body
    out = []
    for span in doc.sentences:
        text = body[span.start : span.end]
        if not emojis.isdisjoint(text):  # VADER first replaces emojis by their descriptions
            c = float(analyzer.polarity_scores(text)["compound"])
        elif lowered is None:
            c = _scored(text, lexicon)
        else:  # stripping the lowered tokens strips the same characters: punctuation has no case
            c = vader_compound(text, _stripped(lowered[span.start : span.end].split()), lexicon)
        out.append(0.0 if abs(c) < band else c)
    return tuple(out)


_PUNCTUATION = string.punctuation  # what VADER strips from a token's ends
_NEGATIONS = frozenset(NEGATE)


@lru_cache(maxsize=8)
def _emoji_chars(analyzer: SentimentIntensityAnalyzer) -> frozenset[str]:
    return frozenset(k for k in analyzer.emojis if len(k) == 1)


def _follows_vader_rules(analyzer: SentimentIntensityAnalyzer) -> bool:
    """True when ``analyzer`` scores with VADER's own rules (not a subclass that changes them)."""
    return type(analyzer) is SentimentIntensityAnalyzer


def _stripped(tokens: list[str]) -> list[str]:
    """VADER's tokens: punctuation stripped from both ends unless two or fewer characters would remain."""
    out = []
    for t in tokens:
        s = t.strip(_PUNCTUATION)
        out.append(s if len(s) > 2 else t)
    return out


def _scored(text: str, lexicon: dict[str, float]) -> float:
    """:func:`vader_compound` of a sentence lowered token by token (as VADER lowers it)."""
    return vader_compound(text, [t.lower() for t in _stripped(text.split())], lexicon)


def _negated(word: str) -> bool:
    return word in _NEGATIONS or "n't" in word


def _booster(word: str, lower: str, valence: float, cap_diff: bool) -> float:
    """The scalar a preceding booster or dampener adds to ``valence`` (0 for other words)."""
    scalar = BOOSTER_DICT.get(lower, 0.0)
    if not scalar:
        return 0.0
    if valence < 0:
        scalar *= -1
    if cap_diff and word.isupper():
        scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
    return scalar


def _idioms(valence: float, low: list[str], i: int) -> float:
    """VADER's special-case bigrams and trigrams around word ``i`` (``i >= 3``)."""
    w3, w2, w1, w0 = low[i - 3], low[i - 2], low[i - 1], low[i]
    for seq in (f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}", f"{w3} {w2} {w1}", f"{w3} {w2}"):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    n = len(low)
    if n - 1 > i:
        seq = f"{w0} {low[i + 1]}"
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
    if n - 1 > i + 1:
        seq = f"{w0} {low[i + 1]} {low[i + 2]}"
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
    for seq in (f"{w3} {w2} {w1}", f"{w3} {w2}", f"{w2} {w1}"):
        if seq in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[seq]
    return valence


def _word_valence(i: int, low: list[str], words: list[str], lexicon: dict[str, float], cap_diff: bool) -> float:
    """The valence of lexicon word ``i`` after VADER's rules for its three preceding words."""
    w = low[i]
    valence = lexicon[w]
    if w == "no" and i != len(low) - 1 and low[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") or (
        i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")
    ):
        valence = lexicon[w] * N_SCALAR
    if cap_diff and words[i].isupper():
        valence = valence + C_INCR if valence > 0 else valence - C_INCR
    for k in range(3):  # the k+1-th word before
        if i <= k or low[i - k - 1] in lexicon:
            continue
        s = _booster(words[i - k - 1], low[i - k - 1], valence, cap_diff)
        if k == 1 and s != 0:
            s = s * 0.95
        elif k == 2 and s != 0:
            s = s * 0.9
        valence = valence + s
        if k == 0:
            if _negated(low[i - 1]):
                valence = valence * N_SCALAR
        elif k == 1:
            if low[i - 2] == "never" and low[i - 1] in ("so", "this"):
                valence = valence * 1.25
            elif low[i - 2] == "without" and low[i - 1] == "doubt":
                pass
            elif _negated(low[i - 2]):
                valence = valence * N_SCALAR
        else:
            if (low[i - 3] == "never" and low[i - 2] in ("so", "this")) or low[i - 1] in ("so", "this"):
                valence = valence * 1.25
            elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
                pass
            elif _negated(low[i - 3]):
                valence = valence * N_SCALAR
            valence = _idioms(valence, low, i)
    if i > 0 and low[i - 1] == "least" and low[i - 1] not in lexicon:
        if i == 1 or (low[i - 2] != "at" and low[i - 2] != "very"):
            valence = valence * N_SCALAR
    return valence


def _but_weighted(low: list[str], sentiments: list[float]) -> list[float]:
    """VADER's "but" rule: halve the valences before the first "but", raise those after by half.

    Each valence is found again by value (VADER's ``list.index``), so of two
    equal valences the first one is reweighted; the same is done here.
    """
    b = low.index("but")
    for value in list(sentiments):
        j = sentiments.index(value)
        if j < b:
            sentiments[j] = value * 0.5
        elif j > b:
            sentiments[j] = value * 1.5
    return sentiments
def vader_compound(text: str, low: list[str], lexicon: dict[str, float]) -> float:
    """VADER's compound score of one emoji-free sentence from its lower-case tokens.

    The rules of VADER's ``SentimentIntensityAnalyzer.polarity_scores``,
    applied to tokens already split and lowered: a token's valence is its
    lexicon rating, scaled by a preceding "no", capitals (when only some tokens
    are in capitals), boosters and dampeners up to three tokens back,
    negations, "never so", "without doubt", special idioms and "least"; a
    booster, or "kind" before "of", scores 0; valences before the first "but"
    are halved and those after it raised by half; the sum, raised by
    exclamation and question marks, is normalised by ``x / sqrt(x^2 + 15)``
    and rounded to four decimals. A sentence without a lexicon token scores 0
    at once.

    Parameters
    ----------
    text : str
        The sentence as written (its capitals and "!"/"?" count); no emoji.
    low : list of str
        Its tokens as VADER makes them (whitespace-separated, punctuation
        stripped from the ends unless two or fewer characters would remain),
        in lower case.
    lexicon : dict
        Lower-case word -> rating (``analyzer.lexicon``).

    Returns
    -------
    float
        In [-1, 1]; equal to ``polarity_scores(text)["compound"]``.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model
    for sentiment analysis of social media text. ICWSM 8(1), 216-225.
    """
    if lexicon.keys().isdisjoint(low):
        return 0.0
    n = len(low)
    words: list[str] | None = None  # the tokens in their own case, cut when first needed
    cap_diff = False
    sentiments: list[float] = [0] * n
    for i, w in enumerate(low):
        if w not in lexicon or w in BOOSTER_DICT or (w == "kind" and i < n - 1 and low[i + 1] == "of"):
            continue
        if words is None:
            words = _stripped(text.split())
            n_caps = sum(1 for t in words if t.isupper())
            cap_diff = 0 < n - n_caps < n
        sentiments[i] = _word_valence(i, low, words, lexicon, cap_diff)
    if "but" in low:
        sentiments = _but_weighted(low, sentiments)
    total = float(sum(sentiments))
    if total:
        emphasis = min(text.count("!"), 4) * 0.292
        questions = text.count("?")
        if questions > 1:
            emphasis += questions * 0.18 if questions <= 3 else 0.96
        total = total + emphasis if total > 0 else total - emphasis
    compound = total / math.sqrt(total * total + 15)
    return round(min(max(compound, -1.0), 1.0), 4)


def compound_score(text: str, analyzer: SentimentIntensityAnalyzer | None = None) -> float:
    """VADER's compound score of one sentence, by :func:`vader_compound` unless it holds an emoji.

    Parameters
    ----------
    text : str
        One sentence.
    analyzer : SentimentIntensityAnalyzer, optional
        Default: :func:`load_tone_analyzer`.

    Returns
    -------
    float
        In [-1, 1]; equal to ``analyzer.polarity_scores(text)["compound"]``.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model
    for sentiment analysis of social media text. ICWSM 8(1), 216-225.
    """
    analyzer = analyzer or _default_analyzer()
    if _follows_vader_rules(analyzer) and _emoji_chars(analyzer).isdisjoint(text):
        return _scored(text, analyzer.lexicon)
    return float(analyzer.polarity_scores(text)["compound"])


def tone_scores(compounds: Sequence[float], weights: Sequence[float]) -> dict[str, float]:
    """Weighted mean, spread and positive/negative shares of sentence scores.

    Parameters
    ----------
    compounds : sequence of float
        Sentence compound scores.
    weights : sequence of float
        Each sentence's weight in the voice (1, or its share of the voice's words).

    Returns
    -------
    dict
        Keys :data:`TONE_COLUMNS`; NaN for every key when the weights sum to 0.
    """
    if len(compounds) != len(weights):
        raise ValueError("compounds and weights must have the same length")
    total = float(sum(weights))
    if total <= 0:
        return {k: float("nan") for k in TONE_COLUMNS}
    mean = sum(w * c for w, c in zip(weights, compounds)) / total
    var = sum(w * (c - mean) ** 2 for w, c in zip(weights, compounds)) / total
    return {
        "tone_mean": mean,
        "tone_sd": math.sqrt(max(var, 0.0)),
        "tone_positive_share": sum(w for w, c in zip(weights, compounds) if c >= POSITIVE_THRESHOLD) / total,
        "tone_negative_share": sum(w for w, c in zip(weights, compounds) if c <= NEGATIVE_THRESHOLD) / total,
    }


def tone_columns(analyses: Iterable[AnalysedArticle]) -> dict[str, float]:
    """Tone columns for one article or the pooled articles of an outlet.

    Parameters
    ----------
    analyses : iterable of AnalysedArticle
        Their sentence tones, weighted by their voice layouts.

    Returns
    -------
    dict
        :data:`TONE_COLUMNS` for ``all``, then prefixed ``own_voice_`` and
        ``quoted_``.
    """
    pairs: dict[str, tuple[list[float], list[float]]] = {v: ([], []) for v in VOICES}
    for a in analyses:
        layout = a.layout
        for i, c in enumerate(a.sentence_tones):
            for voice in VOICES:
                pairs[voice][0].append(c)
                pairs[voice][1].append(layout.sentence_weight(i, voice))
    out: dict[str, float] = {}
    for voice in VOICES:
        for key, value in tone_scores(*pairs[voice]).items():
            out[VOICE_PREFIXES[voice] + key] = value
    return out


def tone_label(compound: float) -> str:
    """``positive``, ``negative`` or ``neutral`` by the ±0.05 thresholds."""
    if compound >= POSITIVE_THRESHOLD:
        return "positive"
    if compound <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def sentence_tone_frame(analyses: Iterable[AnalysedArticle]) -> pd.DataFrame:
    """One row per sentence with its compound score: the evidence behind the tone columns.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SENTENCE_TONE_COLUMNS`; ``quoted_share`` is the
        sentence's share of quoted words, ``tone`` its label.
    """
    rows = []
    for a in analyses:
        layout = a.layout
        for i, (span, c) in enumerate(zip(a.document.sentences, a.sentence_tones)):
            rows.append({
                "article_id": a.article.article_id, "outlet": a.article.outlet, "sentence": i,
                "start": span.start, "end": span.end, "compound": c,
                "quoted_share": layout.sentence_quoted_share[i], "tone": tone_label(c),
            })
    return pd.DataFrame(rows, columns=list(SENTENCE_TONE_COLUMNS))
