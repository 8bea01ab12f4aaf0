"""Distinctive terms: which words one outlet uses more than the others.

Each group (an outlet or an article) is compared with all other groups pooled,
for any number of groups, with the weighted log-odds ratio and an informative
Dirichlet prior of Monroe, Colaresi & Quinn (2008, section 3.5). The prior
shrinks the estimates for rare words, so a word used twice by one outlet and
never by the others does not top the list the way it does with raw
frequencies or an unsmoothed log-odds ratio.

Formula
-------
For group ``i`` and the rest ``j``, with counts ``y_iw`` and ``y_jw`` of term
``w``, totals ``n_i`` and ``n_j``, prior counts ``a_w`` and ``a_0 = sum a_w``::

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
            - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
    z_w     = delta_w / sqrt(var_w)

Higher z = the group uses the term more than the others, beyond what chance
variation in text of this length would explain; |z| > 1.96 is the usual
two-sided 5% level for one term (with hundreds of terms, some pass by chance).

References
----------
Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: lexical
feature selection and evaluation for identifying the content of political
conflict. *Political Analysis* 16(4), 372-403.

Deviations
----------
The prior is the pooled counts of all groups compared (times ``prior_scale``),
not a separate background corpus, so it needs no extra data.

Function words (articles, pronouns, prepositions, auxiliaries: the packaged list
``analysis/data/function_words.txt``) are left out of the table by default. They
are still counted, so the word totals, the prior and every other term's z-score
are those of the full text; they are only not reported. On a few short articles
the prior does not keep them near zero (on the starter story "a", "our" and
"from" topped the lists), and a reader looking for what an outlet talks about
wants content words. Pass ``keep_function_words=True`` to report them (an
outlet's "we" or "our" can be a finding in its own right), ``function_words`` to
use another list, and ``exclude`` to drop words before counting.

Minimum count and weak evidence: a group with fewer than
:data:`WEAK_EVIDENCE_WORDS` words (or compared with fewer) is weak evidence, and
there a term is reported only when the group uses it at least
:data:`WEAK_MIN_COUNT` times (or ``min_count``, if larger). A term used once or
twice in a few hundred words is one sentence's wording, and with the pooled
prior its z-score cannot pass 1.96 anyway (for two groups of about 500 words,
a term used twice by one and never by the other has z of about 1.0).
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from analysis.compare.compact import full_document, word_texts
from analysis.core.errors import unknown_option
from analysis.core.files import read_list
from analysis.speech.quotes import Quote
from analysis.speech.voice import split_voices
from analysis.text.words import word_key

__all__ = [
    "DISTINCTIVE_COLUMNS",
    "GROUP_BY",
    "TERM_VOICES",
    "WEAK_EVIDENCE_WORDS",
    "WEAK_MIN_COUNT",
    "distinctive_terms",
    "group_terms",
    "log_odds_dirichlet",
    "term_of",
]

logger = logging.getLogger(__name__)

WEAK_EVIDENCE_WORDS: int = 10_000
"""Fewer words than this in a group (or in the rest) marks the result as weak evidence.

Monroe et al. (2008) worked with hundreds of thousands of words per group; a
news article has a few hundred, where one extra use of a word moves its z-score."""

WEAK_MIN_COUNT: int = 3
"""Fewest uses of a term by a weak-evidence group for it to be reported (see the module notes)."""

GROUP_BY: tuple[str, ...] = ("outlet", "article")
"""Valid values of ``by``: pool an outlet's articles, or compare article by article."""

TERM_VOICES: tuple[str, ...] = ("all", "own", "quoted")
"""Valid values of ``voice``."""

DISTINCTIVE_COLUMNS: tuple[str, ...] = (
    "group", "term", "count", "count_rest", "log_odds", "z_score", "n_words", "weak_evidence",
)
"""Columns of :func:`log_odds_dirichlet`."""

_TERM_APOSTROPHES = "\u2019\u2018\u02bc"


@lru_cache(maxsize=1 << 16)
def term_of(word: str) -> str:
    """A word as a term: case-folded, curly apostrophes made straight ("It’s" -> "it's")."""
    return word_key(word, casefold=True, apostrophes=_TERM_APOSTROPHES)


def log_odds_dirichlet(
    counts: Mapping[str, Mapping[str, int]],
    min_count: int = 2,
    prior_scale: float = 1.0,
    prior: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior, each group vs the rest.

    Parameters
    ----------
    counts : mapping
        Group name -> term -> count. Two or more groups are needed for a result.
    min_count : int, default 2
        Report a term for a group only when the group uses it at least this often.
    prior_scale : float, default 1.0
        Multiplies the prior counts; larger = stronger shrinkage toward "no difference".
    prior : mapping, optional
        Prior counts per term (e.g. from a background corpus); default: the pooled
        counts of all groups. Terms missing from it get the smallest prior count given.

    Returns
    -------
    DataFrame
        Columns :data:`DISTINCTIVE_COLUMNS`, sorted by group then z-score (highest
        first). ``n_words`` is the group's word count; ``weak_evidence`` is True when
        the group or the rest has fewer than :data:`WEAK_EVIDENCE_WORDS` words.
        The same note is in ``df.attrs["warning"]`` and is logged.
    """
    if min_count < 0:
        raise ValueError(f"min_count must be 0 or more, not {min_count}")
    if not prior_scale > 0:
        raise ValueError(f"prior_scale must be positive, not {prior_scale}")
    groups = list(counts)
    pooled: Counter[str] = Counter()
    for g in groups:
        pooled.update({t: c for t, c in counts[g].items() if c > 0})
    totals = {g: sum(c for c in counts[g].values() if c > 0) for g in groups}
    n_all = sum(totals.values())
    base = dict(pooled) if prior is None else dict(prior)
    floor = min((v for v in base.values() if v > 0), default=1.0)
    alpha = {t: prior_scale * (base.get(t) or floor) for t in pooled}
    alpha0 = sum(alpha.values())
    rows = []
    for g in groups:
        n_i, n_j = totals[g], n_all - totals[g]
        weak = n_i < WEAK_EVIDENCE_WORDS or n_j < WEAK_EVIDENCE_WORDS
        if len(groups) < 2 or n_i == 0 or n_j == 0:
            continue
        own = counts[g]
        for t, total in pooled.items():
            y_i = own.get(t, 0)
            if y_i < min_count:
                continue
            y_j = total - y_i
            a = alpha[t]
            rest_i, rest_j = n_i + alpha0 - y_i - a, n_j + alpha0 - y_j - a
            if rest_i <= 0 or rest_j <= 0:
                # the term is every word of the texts (and of the prior): its odds are
                # infinite, so the log-odds ratio is undefined
                delta = z = float("nan")
            else:
                delta = math.log((y_i + a) / rest_i) - math.log((y_j + a) / rest_j)
                z = delta / math.sqrt(1.0 / (y_i + a) + 1.0 / (y_j + a))
            rows.append((g, t, y_i, y_j, delta, z, n_i, weak))
    df = pd.DataFrame(rows, columns=list(DISTINCTIVE_COLUMNS))
    df = df.sort_values(["group", "z_score", "term"], ascending=[True, False, True], kind="stable")
    df = df.reset_index(drop=True)
    note = _weak_note(groups, totals)
    if note:
        logger.warning(note)
    df.attrs["warning"] = note
    return df


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    text, _ = read_list(None, "data/function_words.txt", "function word list")
    return frozenset(term_of(line.strip()) for line in text.splitlines()
                     if line.strip() and not line.lstrip().startswith("#"))


def _weak_note(groups: Sequence[str], totals: Mapping[str, int]) -> str:
    if len(groups) < 2:
        return "distinctive terms need two or more groups to compare; there is nothing to compare"
    small = [g for g in groups if totals[g] < WEAK_EVIDENCE_WORDS]
    if not small:
        return ""
    words = sorted(totals[g] for g in groups)
    return (
        f"weak evidence: {len(groups)} groups of {words[0]:,} to {words[-1]:,} words; with fewer than "
        f"{WEAK_EVIDENCE_WORDS:,} words per group a word used a few more times by one outlet can "
        "look distinctive by chance. Read the z-scores as hints to check in the text, not as findings."
    )


def group_terms(
    analyses: Sequence[object],
    by: str = "outlet",
    voice: str = "all",
    extra_quotes: Mapping[str, Sequence[Quote]] | None = None,
    exclude: Iterable[str] = (),
    include_sources: bool = False,
) -> dict[str, Counter[str]]:
    """Count terms per group.

    Parameters
    ----------
    analyses : sequence of ArticleAnalysis
        From :func:`analysis.pipeline.analyse_story`.
    by : {"outlet", "article"}
    voice : {"all", "own", "quoted"}
        Words counted: all, the outlet's own voice, or quoted speech.
    extra_quotes : mapping, optional
        article_id -> extra Quote records to count as quoted speech (e.g. unmarked
        reuse from :func:`analysis.compare.passages.reuse_as_quotes`).
    exclude : iterable of str
        Terms to leave out (a stopword list); compared case-folded.
    include_sources : bool, default False
        Count ``role: source`` documents as groups too.

    Returns
    -------
    dict
        Group name -> Counter of terms, groups in first-seen order.
    """
    if by not in GROUP_BY:
        raise ValueError(unknown_option("by", by, GROUP_BY, plural="options"))
    if voice not in TERM_VOICES:
        raise ValueError(unknown_option("voice", voice, TERM_VOICES, plural="options"))
    drop = {term_of(w) for w in exclude}
    extra_quotes = extra_quotes or {}
    out: dict[str, Counter[str]] = {}
    for a in analyses:
        article = a.article
        if article.role == "source" and not include_sources:
            continue
        if voice == "all":
            words: Sequence[str] = word_texts(a.document)
        else:
            quotes = tuple(a.quotes) + tuple(extra_quotes.get(article.article_id, ()))
            words = split_voices(full_document(a.document), quotes).words[voice]
        key = article.outlet if by == "outlet" else article.article_id
        bucket = out.setdefault(key, Counter())
        bucket.update(t for t in map(term_of, words) if t not in drop)
    return out


def distinctive_terms(
    analyses: Sequence[object],
    by: str = "outlet",
    voice: str = "all",
    min_count: int = 2,
    top: int | None = None,
    exclude: Iterable[str] = (),
    extra_quotes: Mapping[str, Sequence[Quote]] | None = None,
    prior_scale: float = 1.0,
    keep_function_words: bool = False,
    function_words: Iterable[str] | None = None,
    weak_min_count: int = WEAK_MIN_COUNT,
) -> pd.DataFrame:
    """Distinctive terms of each outlet (or article) against all the others.

    Parameters
    ----------
    analyses : sequence of ArticleAnalysis
    by : {"outlet", "article"}, default "outlet"
    voice : {"all", "own", "quoted"}, default "all"
        ``own`` compares only the outlets' own words (quotes left out).
    min_count : int, default 2
        Minimum uses of a term by the group.
    top : int, optional
        Keep the ``top`` highest z-scores per group (after the function words and
        the terms below the minimum count are left out).
    exclude : iterable of str
        Terms to leave out before counting (they change the word totals).
    extra_quotes : mapping, optional
        See :func:`group_terms`.
    prior_scale : float, default 1.0
        See :func:`log_odds_dirichlet`.
    keep_function_words : bool, default False
        Report function words too. By default they are counted (word totals and
        prior unchanged) but left out of the table.
    function_words : iterable of str, optional
        The function words to leave out; default the packaged list
        ``analysis/data/function_words.txt`` (the list TF-IDF similarity leaves out).
    weak_min_count : int, default :data:`WEAK_MIN_COUNT`
        Minimum uses of a term by a group flagged ``weak_evidence``; the larger of
        this and ``min_count`` applies there. 0 switches it off.

    Returns
    -------
    DataFrame
        Columns ``outlet`` (by outlet) or ``article_id`` and ``outlet`` (by
        article), then term, count, count_rest, log_odds, z_score, n_words,
        weak_evidence. ``df.attrs["warning"]`` holds the weak-evidence note,
        which also states the minimum count applied.

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words.
    *Political Analysis* 16(4), 372-403.
    """
    if weak_min_count < 0:
        raise ValueError(f"weak_min_count must be 0 or more, not {weak_min_count}")
    counts = group_terms(analyses, by=by, voice=voice, extra_quotes=extra_quotes, exclude=exclude)
    df = log_odds_dirichlet(counts, min_count=min_count, prior_scale=prior_scale)
    note = df.attrs.get("warning", "")
    weak_minimum = max(min_count, weak_min_count)
    if not df.empty:
        keep = ~df["weak_evidence"] | (df["count"] >= weak_minimum)
        if not keep_function_words:
            hidden = _function_words() if function_words is None else {term_of(w) for w in function_words}
            keep &= ~df["term"].isin(hidden)
        df = df[keep].reset_index(drop=True)
    if note and note.startswith("weak evidence") and weak_minimum > min_count:
        note += f" Terms a group uses fewer than {weak_minimum} times are not listed."
    if top is not None:
        df = df.groupby("group", sort=False).head(top).reset_index(drop=True)
    if by == "outlet":
        df = df.rename(columns={"group": "outlet"})
    else:
        outlets = {a.article.article_id: a.article.outlet for a in analyses}
        df = df.rename(columns={"group": "article_id"})
        df.insert(1, "outlet", df["article_id"].map(outlets).astype("str"))
    df.attrs["warning"] = note
    return df
