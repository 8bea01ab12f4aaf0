"""Reported speech: what a source said, in the reporter's words.

Direct quotes (:mod:`analysis.speech.quotes`) are a third to a half of the speech a
news article attributes; the rest is reported: "The ministry said it would
review the rules", "The plan is flawed, she said", "According to police, the
driver fled". :func:`find_reported` finds such clauses in a document and
returns them as :class:`~analysis.speech.quotes.Quote` rows of kind ``indirect`` (no
quotation marks in the content) or ``mixed`` (the content carries a quoted
fragment, which also stays a direct ``partial`` quote of its own).

The content span follows the project's annotation guide
(``docs/speech-annotation-guide.md``): from the first to the last word of what
was said, without the speaker, the cue, a complementiser "that" right after the
cue and the sentence's final full stop.

Rules (all applied to the reporter's text: a cue inside quotation marks is the
source's word, not an attribution):

cues
    Communication verbs and phrases from ``analysis/data/reported_cues.csv``
    (form, lemma, verb class, frame). The frame says what follows the verb:
    ``clause`` (say, argue: a clause, with or without "that"), ``that`` (verbs
    that are speech only before "that": "alleged that", but "the alleged
    attacker"), ``both`` (a clause or an object: "confirmed that ...",
    "confirmed the deal"), ``object`` (urge, accuse, deny: an object
    phrase), ``tell`` (told OBJECT (that) CONTENT: the object is skipped and is
    never the speaker), ``called`` (speech only with a quoted fragment: called
    the analysis "false"). Cognition verbs (think, believe, hope, know) are
    not cues. "according to X" is a cue phrase.
not speech
    A cue after "not", "never", a word ending "n't", a modal (would, could,
    might, may, should, will) or "to" (declined to say, is expected to
    announce; but "went on to say", "took to Twitter to say", "wrote to X to
    say" report speech, with the sentence's subject), or after a determiner (the report, a claim: a noun); a cue
    followed by "by" (a passive participle: "characterised by"); a subject
    that is a clause of its own ("The report has prompted [calls for]") or a
    free relative ("what the defendant [claims]"); "add", "write" and "claim"
    with an object that is no clause ("added a second goal", "claimed the
    lives of"); "tell" with the thing told ("tells the story of").
patterns
    ``SUBJECT CUE (that) CONTENT`` (the subject is the noun phrase before the
    cue, with an apposition skipped: "The Policing Minister, Nick Hurd, said
    ..."; adverbials after the cue are skipped: "said in a statement it would",
    "told the BBC on Sunday he"); ``CONTENT, SUBJECT CUE`` and ``CONTENT,
    CUE SUBJECT`` (a short attribution closing the sentence; "said X" only when
    X is a noun phrase, not a clause); ``According to X, CONTENT`` (also after
    "and" or "that") and ``CONTENT, according to X``; ``X is understood/said/
    reported to VERB ...`` and ``It is understood (that) ...``. A second
    cue joined by "and" or ", adding/saying" starts a clause of its own with
    the same speaker (or the sentence's subject when the first verb is no cue;
    the quote's speaker after '"...," she said, adding ...'). A clause whose
    content is all inside quotation marks is direct speech only and gets no
    reported row, unless the quote follows "that" or is the object of a cue
    such as "call for" (a fragment of the reporter's sentence: ``mixed``).
weaker subjects
    "It" (an organisation or document named before), the subject of a
    subordinate or absolute clause ("as President Bush urged", "with
    Republicans accusing"), the name before ", who" and a named paper's
    "reports"/"claims" without "that" are taken only when the content holds a
    finite verb, or the cue is speech in every sense (urge, accuse, deny ...).
continuation
    The next sentence of the paragraph continues a clause whose content ran to
    the end of its sentence after a past-tense cue, when it has no cue or
    quotation mark of its own and a past modal among its first words
    (backshift: "Prison governors needed to use their best judgement").
speaker
    Resolved like a direct quote's speaker (:mod:`analysis.speech.quotes`): titles
    and roles dropped, the fullest form of a person's name, pronouns to the
    last fitting name before the content, documents as "the letter".

References
----------
Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. *LREC 2016*.
Krestel, R., Bergler, S. & Witte, R. (2008). Minding the source: automatic
tagging of reported speech in newspaper articles. *LREC 2008*.
Newell, C., Cowlishaw, T. & Man, D. (2018). Quote extraction and analysis for
news. *KDD Data Science, Journalism and Media workshop*.
"""

from __future__ import annotations

import csv
import io
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from analysis.core.errors import InputError
from analysis.core.files import read_list
from analysis.text.document import Document

__all__ = [
    "CUE_FRAMES",
    "REPORTED_KINDS",
    "CueLexicon",
    "find_reported",
    "load_reported_cues",
]

REPORTED_KINDS: frozenset[str] = frozenset({"indirect", "mixed"})
"""Quote kinds of reported speech (the outlet's words about what a source said); the one
definition, which :mod:`analysis.speech.quotes` and the tables import."""

CUE_FRAMES: tuple[str, ...] = ("clause", "that", "both", "object", "tell", "called")
"""What may follow a cue (see the module notes)."""

NEGATORS = frozenset({"not", "never", "no", "nor", "neither", "hardly", "refused", "declined", "cannot"})
MODALS = frozenset({"would", "could", "might", "may", "should", "will", "shall", "must", "to", "can"})
PROGRESSIVE_AUXILIARIES = frozenset({"is", "are", "was", "were", "been", "be", "am", "keeps", "kept"})
PREPOSITIONS = frozenset({
    "in", "on", "to", "at", "of", "for", "with", "about", "from", "by", "during", "after", "before",
    "ahead", "via", "through", "into", "onto", "under", "over",
})
"""A content that opens with one of these is an adjunct ("tweeted to Ahmed"), not what was said."""
PASSIVE_AUXILIARIES = frozenset({"be", "been", "being", "is", "are", "was", "were", "get", "gets", "got", "getting"})
SUBORDINATORS = frozenset({
    "when", "if", "while", "because", "although", "though", "as", "since", "after", "before",
    "unless", "whether", "once", "until", "whereas", "where",
})
"""A subject phrase opening with one of these belongs to a subordinate clause."""
DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
    "my", "your", "whose", "any", "every", "each", "no", "such",
})
NON_SPEAKERS = frozenset({
    "i", "we", "you", "there", "which", "what", "who", "whom", "this", "that", "these", "those",
    "has", "have", "had", "is", "was", "are", "were", "be", "been", "as", "if", "so", "also",
    "and", "but", "or", "then", "when", "while", "because", "after", "before", "once", "it",
})
"""Subjects that never name a source ("I said", "which said", a verb or a function word)."""
VAGUE_CONTENT = frozenset({"so", "nothing", "something", "anything", "otherwise", "yes", "no", "it", "this", "that"})
"""A content of one of these words is not a report of what was said ("he said so")."""
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "you", "it", "reporters", "journalists"})
CLAUSE_OPENERS = frozenset({
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "there", "this", "these", "those",
    "his", "her", "its", "their", "our", "some", "many", "most", "all", "no", "none", "police",
    "officials", "to", "that", "if", "whether", "how", "why", "what", "when", "where",
})
TAIL_MAX_WORDS = 9
"""Longest closing attribution (cue, subject and adverbials) of ``CONTENT, X said``."""
SUBJECT_MAX_WORDS = 10
"""Longest subject phrase taken before a cue; a longer one means the clause was misread."""
NAME_SUBJECT_MAX_WORDS = 14
"""Longest subject phrase when every word is capitalised or joins names ("of", "and", "the")."""
_NAME_GLUE = frozenset({"the", "of", "and", "for", "&", "both", "on", "in"})
_SUBJECT_AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were", "will", "would", "did"})
"""Inside a subject phrase (not after a relative pronoun) these make it a clause of its own."""
AFTER_CUE_MAX = 8
"""Words between a cue and its "that" that may be skipped as adverbials ("said on Monday that")."""

_WORD_RE = re.compile(r"[\w\u2019'-]+")
_QUOTE_MARKS = "\"\u201c\u201d\u201e'\u2018\u2019"
_QUOTE_MARKS_DOUBLE = "\"\u201c\u201d\u201e"


@dataclass(frozen=True)
class CueLexicon:
    """Reported-speech cues by inflected form.

    Attributes
    ----------
    forms : dict
        Lower-case form ("said", "called for") -> (lemma, verb_class, frame).
    source : str
        Where the list came from.
    """

    forms: dict[str, tuple[str, str, str]]
    source: str = ""

    @cached_property
    def max_words(self) -> int:
        """Longest form in words."""
        return max((len(f.split()) for f in self.forms), default=1)

    @cached_property
    def written_first_words(self) -> frozenset[str]:
        """First words as they may be written: lower case, capitalised, upper case."""
        return frozenset(v for w in self.first_words for v in (w, w.capitalize(), w.upper()))

    @cached_property
    def first_words(self) -> frozenset[str]:
        """First word of every form (a cheap filter before the full match)."""
        return frozenset(f.split()[0] for f in self.forms) | {"according"}


def load_reported_cues(path: str | Path | None = None) -> CueLexicon:
    """Load the reported-speech cue list (CSV: form, lemma, verb_class, frame).

    Parameters
    ----------
    path : str or Path, optional
        A replacement list; the packaged ``analysis/data/reported_cues.csv`` by default.

    Raises
    ------
    InputError
        For a missing column, an empty form, an unknown class or frame, naming the line.
    """
    if path is None:
        return _default_cues()
    return _parse_cues(*read_list(path, "data/reported_cues.csv", "cue list"))


@lru_cache(maxsize=1)
def _default_cues() -> CueLexicon:
    return _parse_cues(*read_list(None, "data/reported_cues.csv", "cue list"))


def _parse_cues(text: str, source: str) -> CueLexicon:
    reader = csv.DictReader(io.StringIO(text))
    needed = {"form", "lemma", "verb_class", "frame"}
    if reader.fieldnames is None or not needed <= set(reader.fieldnames):
        raise InputError(source, "cue list needs the columns form, lemma, verb_class, frame", line=1)
    forms: dict[str, tuple[str, str, str]] = {}
    for line_no, row in enumerate(reader, start=2):
        form = " ".join((row["form"] or "").lower().split())
        cls = (row["verb_class"] or "").strip()
        frame = (row["frame"] or "").strip()
        if not form:
            raise InputError(source, "empty cue form", line=line_no)
        if cls not in ("neutral", "evaluative"):
            raise InputError(source, f"unknown verb_class {cls!r}; valid: neutral, evaluative", line=line_no)
        if frame not in CUE_FRAMES:
            raise InputError(source, f"unknown frame {frame!r}; valid: {', '.join(CUE_FRAMES)}", line=line_no)
        forms[form] = ((row["lemma"] or form).strip(), cls, frame)
    return CueLexicon(forms=forms, source=source)


@dataclass(frozen=True)
class ReportedClause:
    """One reported-speech clause before its speaker is resolved.

    Attributes
    ----------
    start, end : int
        Content span in the body.
    cue, cue_start, cue_end : str, int, int
        The cue as written (lower case) and where it is.
    verb_class : str
        ``neutral`` or ``evaluative`` (``none`` for "according to").
    subject, subject_start, subject_end : str, int, int
        The subject phrase as written ("" when it is shared with an earlier cue).
    according_to : bool
        The cue is "according to".
    """

    start: int
    end: int
    cue: str
    cue_start: int
    cue_end: int
    verb_class: str
    subject: str
    subject_start: int
    subject_end: int
    according_to: bool = False
    unattributed: bool = False
    """No source is named ("It is reported that ...", a journalist's question "Asked if ...")."""


# ----------------------------------------------------------------------------
# helpers


def _inside(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    i = bisect_right(ranges, (pos, math.inf)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, a final full stop and dangling punctuation from a content span."""
    while start < end and (body[start].isspace() or body[start] in ",;:\u2014\u2013-"):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ".,;:\u2014\u2013-"):
        end -= 1
    return start, end


def _plausible_subject(text: str) -> bool:
    """A subject that can name a source: not a function word, a verb or a long fragment.

    Rejected: a phrase longer than :data:`SUBJECT_MAX_WORDS` (up to
    :data:`NAME_SUBJECT_MAX_WORDS` when it is a run of names: "Both the Irving
    Independent School District and the Irving Police Department"), a function word,
    a subordinate clause ("when he"), a phrase with an unclosed quotation mark (the cue
    closes a quote: '..." said X'), a negated or free relative phrase ("not what the
    defendant [claims]") and a clause with an auxiliary verb of its own ("The report
    has prompted [calls for]"). A quoted word inside the subject is fine ('The "History"
    section of the site').
    """
    words = _WORD_RE.findall(text)
    if not words:
        return False
    if len(words) > SUBJECT_MAX_WORDS and not (
        len(words) <= NAME_SUBJECT_MAX_WORDS and all(w[:1].isupper() or w.lower() in _NAME_GLUE for w in words)
    ):
        return False
    if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d") or "\u201e" in text:
        return False  # an unclosed quotation mark: the cue closes a quote ('..." said X')
    low = [w.lower() for w in words]

    def abbreviation(w: str) -> bool:
        return len(w) > 1 and w.isupper()  # "WHO say", "IT workers"

    if len(words) == 1 and low[0] in NON_SPEAKERS and not abbreviation(words[0]):
        return False
    if (low[0] in SUBORDINATORS or low[0] in ("which", "who", "whom", "that", "what", "whose")) and not (
        abbreviation(words[0])
    ):
        return False
    if (low[-1] in DETERMINERS or low[-1] in NON_SPEAKERS - {"it"}) and not abbreviation(words[-1]):
        return False
    if low[0] == "not" or any(w in ("what", "whatever") for w in low[1:]):
        return False
    if low[0] in ("no", "nobody", "neither", "none") and not (len(words) > 1 and words[1][:1].isdigit()):
        return False  # "No group has claimed ...": negated speech (but "No 10 said")
    relative = False
    for w, lw_ in zip(words[1:], low[1:]):
        if lw_ in ("who", "that", "which", "whose", "whom"):
            relative = True
        elif lw_ in _SUBJECT_AUXILIARIES and not relative and not abbreviation(w):
            return False
    return True


def _cue_at(lw: Sequence[str], i: int, lexicon: CueLexicon, stop: int) -> tuple[int, str] | None:
    """The longest cue form starting at word ``i`` (not past ``stop``): (n_words, form)."""
    for size in range(min(lexicon.max_words, stop - i), 0, -1):
        form = " ".join(lw[i : i + size])
        if form in lexicon.forms:
            return size, form
    return None


def _negated(lw: Sequence[str], i: int, first: int) -> bool:
    """True when the cue at word ``i`` is negated, hypothetical, an infinitive or a noun."""
    k = i - 1
    # skip adverbs between the auxiliary and the cue ("did not publicly say")
    skipped = 0
    while k >= first and lw[k].endswith("ly") and skipped < 2:
        k -= 1
        skipped += 1
    if k < first:
        return False
    prev = lw[k]
    if prev in NEGATORS or prev.endswith("n't") or prev.endswith("n\u2019t") or prev in MODALS:
        return True
    if (prev in DETERMINERS or prev in PREPOSITIONS) and skipped == 0:
        return True  # "the report", "dominated by talks about": a noun
    if prev in PASSIVE_AUXILIARIES and not lw[i].endswith("ing"):
        return True  # "have been accused of", "was told": the subject is not the source
    if prev in ("has", "have", "had", "having", "been", "be") and k - 1 >= first:
        before = lw[k - 1]
        if before in NEGATORS or before.endswith("n't") or before.endswith("n\u2019t") or before in MODALS:
            return True
    return False


# ----------------------------------------------------------------------------
# clauses


def _skip_to_content(doc: Document, lw: Sequence[str], j: int, stop: int, frame: str) -> tuple[int, bool] | None:
    """First word index of the content after a cue ending before word ``j``.

    Returns (index, includes_object) or None when nothing usable follows.
    Skips a "that" within a few adverbial words, and the object of "tell".
    """
    if j >= stop:
        return None
    # "said on Monday that ...", "told reporters on Friday that ...", "explains, in a satirical fashion, that"
    for k in range(j, min(stop, j + AFTER_CUE_MAX)):
        if lw[k] == "that" and (k == j or frame in ("tell", "both", "clause", "that")):
            between = doc.body[doc.word_bounds[j - 1][1] : doc.word_bounds[k][0]] if k > j else ""
            if '"' in between or "\u201c" in between:
                continue
            bracketed = between.strip().startswith(",") and between.strip().endswith(",") and between.count(",") == 2
            if k == j or ("," not in between) or bracketed:
                if k == j or frame == "tell" or bracketed or _adverbial(lw[j:k]):
                    return (k + 1, False) if k + 1 < stop else None
        if lw[k] in (".", ";"):
            break
    if frame == "that":
        return None
    if frame == "tell":
        # the object: a pronoun, a capitalised name (with "the"), or a short noun phrase
        k = j
        w = doc.word_texts[k]
        if lw[k] in OBJECT_PRONOUNS:
            k += 1
        elif lw[k] in ("the", "a", "an") or w[:1].isupper():
            k += 1
            while k < stop and (doc.word_texts[k][:1].isupper() or (k == j + 1 and lw[k - 1] in ("the", "a", "an"))):
                k += 1
        else:
            k += 1
        if k < stop and lw[k] == "to":
            return j, True  # told residents to leave: a directive, the object belongs to it
        if any(n < stop and lw[n] in _TOLD_THINGS for n in (j, j + 1, k)) or (k < stop and lw[k] in ("of", "about")):
            return None  # "tells the story of", "told her story": a thing told, not a listener
        k = _skip_adverbials(doc, lw, k, stop)  # "told the BBC on Sunday he ..."
        return (k, False) if k < stop else None
    if frame in ("clause", "both"):
        k = _skip_adverbials(doc, lw, j, stop)  # "said in a statement it would ..."
        if k > j:
            return (k, False) if k < stop else None
    return j, frame == "object"


_TOLD_THINGS = frozenset({"story", "stories", "tale", "tales", "truth", "lie", "lies", "joke", "jokes", "time"})
"""Objects of "tell" that are the thing told, not the listener ("tells the story of")."""

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend)"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_MEDIUM = (r"(?:statement|interview|letter|post|tweet|e-?mail|speech|video|briefing|conference|hearing|call"
           r"|broadcast|filing|message|appearance|debate|session|meeting|address|blog|podcast|programme|program"
           r"|show|rally|release|document|documents|article|op-ed|column|submission|affidavit|complaint)")
_ADVERBIAL_RE = re.compile(
    r"(?:,?[ \t]*(?:"
    r"(?:on[ \t]+|late[ \t]+|early[ \t]+)?" + _DAY + r"(?:[ \t]+" + _PART_OF_DAY + r")?"
    r"|(?:on[ \t]+)?(?:\d{1,2}[ \t]+" + _MONTH + r"|" + _MONTH + r"[ \t]+\d{1,2}(?:st|nd|rd|th)?)"
    r"|(?:last|this|earlier[ \t]+this|late[ \t]+last|later[ \t]+that|earlier[ \t]+that)[ \t]+"
    r"(?:week|month|year|" + _PART_OF_DAY + r"|" + _DAY + r")"
    r"|(?:in|on|at|during|through|via)[ \t]+(?:a|an|the|his|her|its|their|our|Monday's|Tuesday's|Wednesday's"
    r"|Thursday's|Friday's|Saturday's|Sunday's)[ \t]+(?:[\w\u2019'-]+[ \t]+){0,3}?" + _MEDIUM + r"s?"
    r"(?:[ \t]+(?:on|to|with)[ \t]+(?:[A-Z][\w\u2019'.-]*[ \t]*){1,4})?"
    r"|on[ \t]+(?:Twitter|Facebook|X|Instagram|LinkedIn|Telegram|television|TV|radio|social[ \t]+media)"
    r"|in[ \t]+(?:court|parliament|Parliament|the[ \t]+Commons|the[ \t]+Lords|the[ \t]+Senate|the[ \t]+House"
    r"|writing|response|reply)"
    r"|(?:today|yesterday|tonight|overnight|also|again|repeatedly|previously|publicly|privately|separately"
    r"|recently|later|earlier|then|now)"
    r")[ \t]*,?[ \t]+)+"
)
"""Adverbials that may stand between a cue (or the object of "told") and its content:
"said on Monday", "said in a statement", "told the BBC on Sunday", "wrote on Twitter"."""


def _skip_adverbials(doc: Document, lw: Sequence[str], k: int, stop: int) -> int:
    """Index of the first word after adverbials starting at word ``k`` when a clause follows them.

    Returns ``k`` when no adverbial starts there, or when what follows it does not open
    a clause (a pronoun, a determiner, a capitalised word or a number).
    """
    if k >= stop:
        return k
    start = doc.word_bounds[k][0]
    m = _ADVERBIAL_RE.match(doc.body, start)
    if m is None:
        return k
    n = bisect_left(doc.word_bounds, (m.end(), -1), k, stop)
    if n >= stop or n == k:
        return k
    w = doc.word_texts[n]
    if lw[n] in CLAUSE_OPENERS or lw[n] in _SUBJECT_PRONOUNS or w[:1].isupper() or w[:1].isdigit():
        return n
    return k


_ADVERBIAL_WORDS = frozenset({
    "on", "in", "at", "during", "last", "this", "earlier", "later", "on", "a", "an", "the",
    "statement", "interview", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "week", "month", "year", "day", "today", "yesterday", "morning", "afternoon",
    "evening", "night", "also", "repeatedly", "previously", "publicly", "privately", "again",
    "recently", "reporters", "journalists", "to", "news", "conference", "briefing", "letter",
    "post", "tweet", "email", "court", "documents", "filing", "its", "his", "her", "their",
})


def _adverbial(words: Sequence[str]) -> bool:
    """True when the words between a cue and "that" are a short adverbial ("on Monday")."""
    return all(w in _ADVERBIAL_WORDS or w[:1].isdigit() for w in words) or len(words) <= 3


def find_reported(
    doc: Document,
    direct: Sequence,
    lexicon: CueLexicon | None = None,
) -> list[ReportedClause]:
    """Find the reported-speech clauses of a document.

    Parameters
    ----------
    doc : Document
        The segmented article.
    direct : sequence of Quote
        Its direct quotes (:func:`analysis.speech.quotes.extract_quotes`); cues
        inside their marks are the source's words, and a clause whose content
        is all inside marks is direct speech only.
    lexicon : CueLexicon, optional
        Cues; the packaged list by default.

    Returns
    -------
    list of ReportedClause
        In reading order; speakers are resolved by the caller
        (:func:`analysis.speech.quotes.extract_quotes` with ``reported=True``).
    """
    lexicon = lexicon or load_reported_cues()
    body = doc.body
    marked = sorted(
        (q.open_mark if q.open_mark >= 0 else q.start, (q.close_mark + 1) if q.close_mark >= 0 else q.end)
        for q in direct
        if q.kind in ("full", "partial")
    )
    quoted: list[tuple[int, int]] = []
    for s, e in marked:
        if quoted and s <= quoted[-1][1]:
            quoted[-1] = (quoted[-1][0], max(e, quoted[-1][1]))
        else:
            quoted.append((s, e))
    texts = doc.word_texts
    starts = [s for s, _ in doc.word_bounds]
    qmask = [False] * len(texts)  # word inside a direct quote's marks
    for s, e in quoted:
        a, b = bisect_left(starts, s), bisect_left(starts, e)
        qmask[a:b] = [True] * (b - a)
    # candidate cue words by set membership of the words as written (lower-casing
    # every word of the article cost more than the rest of the search)
    variants = lexicon.written_first_words | _PASSIVE_REPORT_WRITTEN
    hits_at = [i for i, w in enumerate(texts) if w in variants]
    if not hits_at:
        return []
    lw: list[str] = [""] * len(texts)  # lower-cased words, filled sentence by sentence
    filled = -1

    out: list[ReportedClause] = []
    sent_index = 0
    sentence_words = doc.sentence_words
    for i in hits_at:
        while sent_index < len(sentence_words) and sentence_words[sent_index][1] <= i:
            sent_index += 1
        if sent_index >= len(sentence_words):
            break
        a, b = sentence_words[sent_index]
        if qmask[i]:
            continue
        if filled != sent_index:
            lw[a:b] = [w.lower() for w in texts[a:b]]
            filled = sent_index
        if out and out[-1].end > starts[i] and out[-1].start <= starts[i] and not _coordinated(doc, lw, i, a):
            continue  # inside the content of a clause already taken (a nested report)
        clause = _clause_at(doc, lw, i, a, b, sent_index, lexicon, quoted, starts, out, qmask)
        if clause is not None:
            if out and out[-1].cue_start < clause.start and out[-1].end > clause.start:
                prev = out[-1]  # a coordinated cue: the earlier content ends before it
                end = _trim(body, prev.start, _coordination_start(body, prev.start, clause.cue_start))[1]
                out[-1] = ReportedClause(prev.start, end, prev.cue, prev.cue_start, prev.cue_end, prev.verb_class,
                                         prev.subject, prev.subject_start, prev.subject_end, prev.according_to)
            out.append(clause)
    out = _with_unattributed(doc, out)
    out = _with_continuations(doc, out, qmask, starts)
    return [c for c in out if c.end > c.start]


_BACKSHIFT_RE = re.compile(r"\b(?:would|could|should|might|needed|had[ \t]+to|was[ \t]+going[ \t]+to)\b")
"""A past modal: the tense of reported speech ("Prison governors needed to use their best judgement")."""
BACKSHIFT_WORDS = 8
"""The past modal must stand among a continuation's first words (its main clause)."""


def _with_continuations(
    doc: Document, found: list[ReportedClause], qmask: Sequence[bool], starts: list[int]
) -> list[ReportedClause]:
    """Add the sentences that continue a reported clause with no cue of their own.

    "The PMS said that prison was a place of punishment. Prison governors needed to use
    their best judgement on how that was done." The next sentence of the same paragraph
    continues the report when the clause's content runs to the end of its sentence (the
    attribution came first), the next sentence holds no quotation mark, no cue and no
    question, and it is backshifted: the earlier cue is in the past tense and a past modal
    (would, could, should, might, needed, had to) stands among the next sentence's first
    :data:`BACKSHIFT_WORDS` words. The continuation takes the earlier clause's speaker; its cue
    is empty, as in the gold set (``continuation``). A chain goes on while each next
    sentence qualifies.
    """
    if not found:
        return found
    body = doc.body
    bounds = doc.word_bounds
    sentences = doc.sentences
    sent_starts = [sp.start for sp in sentences]
    taken = [(c.start, c.end) for c in found]
    extra: list[ReportedClause] = []
    for c in found:
        if c.according_to or c.unattributed or c.cue_start > c.start or not c.cue:
            continue
        if not (c.cue.endswith("ed") or c.cue in ("said", "told", "wrote")):
            continue  # a present-tense report ("Police say ...") is not backshifted
        k = bisect_right(sent_starts, c.cue_start) - 1
        prev = c
        while k + 1 < len(sentences):
            sent, nxt = sentences[k], sentences[k + 1]
            if _trim(body, sent.start, sent.end)[1] != prev.end:
                break  # the content stops before the end of its sentence
            if "\n" in body[sent.end : nxt.start]:
                break  # another paragraph
            start, end = _trim(body, nxt.start, nxt.end)
            text = body[start:end]
            wa, wb = bisect_left(starts, start), bisect_left(starts, end)
            if (
                wb - wa < 4
                or body[nxt.start : nxt.end].rstrip().endswith("?")
                or any(qmask[wa:wb])
                or any(ch in text for ch in _QUOTE_MARKS_DOUBLE)
                or any(s < end and start < e for s, e in taken)
                or not _BACKSHIFT_RE.search(body, start, bounds[min(wa + BACKSHIFT_WORDS, wb) - 1][1])
            ):
                break
            prev = ReportedClause(start, end, "", c.cue_start, c.cue_start, c.verb_class, c.subject,
                                  c.subject_start, c.subject_end, False)
            extra.append(prev)
            k += 1
    return sorted(found + extra, key=lambda c: c.start) if extra else found


_ASKED_RE = re.compile(
    r"(?:When[ \t]+|Also[ \t]+)?(?P<cue>[Aa]sked|Put)(?:[ \t]+(?:by|to)[ \t]+[^,.]{1,40}?)?[ \t]+"
    r"(?:(?:about|for|on|over)[ \t]+(?P<topic>\S)|(?P<clause>(?:if|whether|how|when|why|what|who|which|that)\b))"
)
"""A journalist's question reported at the head of a sentence (the briefing style):
"Asked if the minister would resign, the spokesman said ...", "Asked about the
strike, ...", "Put that the plan had failed, ..."."""
_IMPERSONAL_RE = re.compile(
    r"It[ \t]+(?:is|was|has[ \t]+been|had[ \t]+been)[ \t]+(?:also[ \t]+)?"
    r"(?P<cue>reported|understood|claimed|alleged|said|announced|confirmed|suggested)[ \t]+(?P<that>that[ \t]+)?"
)
"""Speech with no source: "It is reported that ...", "It was claimed that ...", "It is
understood the plans will ..." (without "that" the content must hold a finite verb)."""


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you", "there"})
"""A pronoun right after "X, says" opens the content ("X, of the agency, says they will..."),
unless it ends the sentence ("..., said he.")."""


def _with_unattributed(doc: Document, found: list[ReportedClause]) -> list[ReportedClause]:
    """Add reported speech whose source is not named: journalists' questions in a briefing
    ("Asked if X, the spokesman said"), and impersonal reports ("It is reported that X").

    A question's content runs from the question word (or the topic after "about") to the
    comma that closes the opening phrase; an impersonal report's from after "that" to the
    end of the sentence. Both have no speaker.
    """
    body = doc.body
    if "sked" not in body and "Put " not in body and "It " not in body:
        return found
    extra: list[ReportedClause] = []
    taken = [(c.start, c.end) for c in found]
    for sent in doc.sentences:
        m = _ASKED_RE.match(body, sent.start, sent.end)
        if m:
            start = m.start("topic") if m.group("topic") else m.start("clause")
            comma = body.find(", ", start, sent.end)
            if comma < 0:
                continue
            end = comma
            cue = m.group("cue").lower()
        else:
            m = _IMPERSONAL_RE.match(body, sent.start, sent.end)
            if not m:
                continue
            start, end = m.end(), sent.end
            if not m.group("that") and (body[start : start + 3] == "to " or not _is_clause(body[start:end])):
                continue  # "It is said to be ...": not a report of what was said
            cue = m.group("cue")
        start, end = _trim(body, start, end)
        if end <= start or any(s < end and start < e for s, e in taken):
            continue
        extra.append(ReportedClause(start, end, cue, m.start("cue"), m.end("cue"), "neutral", "", -1, -1,
                                    unattributed=True))
    return sorted(found + extra, key=lambda c: c.start) if extra else found


def _coordinated(doc: Document, lw: Sequence[str], i: int, first: int) -> bool:
    """True when the cue at word ``i`` starts a clause of its own after an earlier one:
    "and warned", "but also said", ", adding that"."""
    k = i - 1
    while k >= first and lw[k] in ("also", "then", "later", "further"):
        k -= 1
    if k < first:
        return False
    if lw[k] in ("and", "but"):
        return True
    gap = doc.body[doc.word_bounds[k][1] : doc.word_bounds[i][0]]
    return lw[i].endswith("ing") and ("," in gap or "\u2014" in gap)


_COORDINATION_RE = re.compile(r"(?:,\s*)?(?:\b(?:and|but)\b(?:\s+(?:also|then|later|further))?|,|\u2014)\s*$")


def _coordination_start(body: str, content_start: int, cue_start: int) -> int:
    """Where the first clause stops before a coordinated cue ("... late and warned ...")."""
    m = _COORDINATION_RE.search(body, content_start, cue_start)
    return m.start() if m else cue_start


def _clause_at(
    doc: Document,
    lw: Sequence[str],
    i: int,
    a: int,
    b: int,
    sent_index: int,
    lexicon: CueLexicon,
    quoted: Sequence[tuple[int, int]],
    starts: list[int],
    earlier: Sequence[ReportedClause],
    qmask: Sequence[bool],
) -> ReportedClause | None:
    body = doc.body
    bounds = doc.word_bounds
    sent = doc.sentences[sent_index]
    if lw[i] == "according":
        if i + 1 < b and lw[i + 1] == "to":
            return _according(doc, i, a, b, qmask, starts)
        return None
    if lw[i] in _PASSIVE_REPORT_CUES:
        clause = _passive_report(doc, lw, i, a, b, qmask, starts)
        if clause is not None or lw[i] not in lexicon.forms:
            return clause
    hit = _cue_at(lw, i, lexicon, b)
    if hit is None:
        return None
    size, form = hit
    _, cls, frame = lexicon.forms[form]
    if i > a and doc.word_texts[i][:1].isupper():
        return None  # "the United States", "the Washington Post": part of a name
    purpose = _purpose_cue(lw, i, a)
    if not purpose and _negated(lw, i, a):
        return None
    cue_start, cue_end = bounds[i][0], bounds[i + size - 1][1]
    j = i + size  # first word after the cue
    if j < b and lw[j] == "by" and lw[i] not in ("said", "says", "say"):
        return None  # "a condition characterised by", "praised by": a participle, the source follows
    # '"We are ready," she said, adding that ...': the participle opens a clause of its own
    participle = (
        lw[i].endswith("ing") and i > a and not qmask[i - 1]
        and body[bounds[i - 1][1] : cue_start].rstrip().endswith(",")
    )
    if not participle and _attributes_a_quote(qmask, i, j, a, b):
        # 'They call for "urgent implementation ..."': a quoted object is a fragment of reported speech
        if not (frame == "object" and lexicon.forms[form][0] != "ask" and j < b and qmask[j]):
            return None
    left = body[sent.start : cue_start]
    left_stripped = left.rstrip()

    # --- CONTENT, X said. / CONTENT, said X.
    tail_words = b - j
    if body[cue_end : sent.end].rstrip().endswith(":"):
        return None  # "X said:" introduces a quote or a block quote: direct speech
    pronoun_clause = j + 1 < b and lw[j] in _SUBJECT_PRONOUNS and left_stripped.endswith(",")
    if tail_words <= TAIL_MAX_WORDS and "that" not in lw[j:b] and frame != "called" and not pronoun_clause:
        clause = _tail_clause(doc, lw, i, j, a, b, form, cls, qmask, starts, left, left_stripped, sent.start)
        if clause is not None or (left_stripped.endswith(",") and not _apposition_before(left_stripped)):
            return clause

    # --- X said (that) CONTENT
    needs_clause = False  # a weaker reading: the content must hold a finite verb
    if purpose or _quoted_saying(lw, i, a):
        # "He went on to say ...", "The minister was quoted in the Mail saying ...": the sentence's subject
        opening = _sentence_subject(doc, lw, a, i, lexicon)
        if opening is None:
            return None
        subject, needs_clause = opening, True
    elif left_stripped.rstrip(_QUOTE_MARKS).endswith((",", "\u2014")) and lw[i].endswith("ing"):
        subject = ("", -1, -1)  # ", adding that ...": the subject of the sentence's earlier cue
        if earlier and earlier[-1].cue_start >= sent.start:
            prev = earlier[-1]
            subject = (prev.subject, prev.subject_start, prev.subject_end)
        elif participle and qmask[a]:
            subject = _quote_attribution_subject(doc, lw, i, a, qmask, lexicon) or subject
        else:  # "The regulator sued the firm, alleging that ...": the sentence's subject
            subject = _sentence_subject(doc, lw, a, i, lexicon) or subject
    elif lw[i].endswith("ing") and (i == a or lw[i - 1] not in PROGRESSIVE_AUXILIARIES):
        found = _absolute_subject(doc, lw, i, a)
        if found is None:
            return None  # a participle with no subject of its own ("... promising returns")
        subject = found  # "with Republicans accusing Democrats of ...": an absolute phrase
    else:
        from analysis.speech.quotes import _subject_left  # noqa: PLC0415 (quotes imports this module)

        found = _subject_left(left, sent.start, cue_start)
        if found is None:
            return None
        if _coordinated(doc, lw, i, a):
            if earlier and earlier[-1].cue_start >= sent.start:
                prev = earlier[-1]
                subject = (prev.subject, prev.subject_start, prev.subject_end)
            else:
                # "Zuckerberg tweeted to Mohamed and said ...": no earlier clause; the sentence's subject
                opening = _sentence_subject(doc, lw, a, i, lexicon)
                if opening is None:
                    return None
                subject, needs_clause = opening, True
        else:
            reading = _read_subject(found, left, sent.start)
            if reading is None:
                return None
            subject, needs_clause = reading
    if j >= b:
        return None
    if body[cue_end : bounds[j][0]].lstrip().startswith(";"):
        return None  # '"...", it added; and, later, "..."': the cue's clause ends there
    if body[bounds[j][0] - 1 : bounds[j][0]] in _QUOTE_MARKS or body[cue_end : bounds[j][0]].strip().startswith((":",)):
        # said: "..." / said "...": direct speech follows the cue
        if frame != "called" and frame != "object":
            return None
    skip = _skip_to_content(doc, lw, j, b, frame)
    if skip is None and frame == "that" and lw[i] in _THAT_OPTIONAL and subject[0][:1].isupper():
        # "The Guardian reports the Cabinet is split": a named source, then a clause without "that"
        k = _skip_adverbials(doc, lw, j, b)
        w = doc.word_texts[k] if k < b else ""
        verb_next = any(n < b and lw[n] in _CLAUSE_VERBS for n in (k + 1, k + 2))  # "ministers were warned"
        if k < b and lw[k - 1] != "that" and (
            lw[k] in CLAUSE_OPENERS or w[:1].isupper() or w[:1].isdigit() or verb_next
        ):
            skip, needs_clause = (k, False), True
    if skip is None:
        return None
    k, _ = skip
    if k >= b:
        return None
    start = bounds[k][0]
    # 'said that "she does not accept her wrong"', 'call for "urgent implementation"': the quote
    # is a fragment inside the reporter's sentence, so the clause is reported speech (mixed)
    that_quote = k > j and lw[k - 1] == "that"
    if body[start - 1 : start] in _QUOTE_MARKS and frame not in ("called", "object") and not that_quote:
        return None
    end = sent.end
    start, end = _trim(body, start, end)
    if start > 0 and body[start - 1] in _QUOTE_MARKS and _inside(start, quoted):
        start -= 1  # the content opens with a quoted fragment: keep its mark
    if not _content_ok(doc, lw, start, end, frame, qmask, starts, all_quoted=that_quote or frame == "object"):
        return None
    if (
        lexicon.forms[form][0] in OBJECT_RISK_LEMMAS
        and lw[k - 1] != "that"
        and not (lw[k] in SPEECH_OBJECTS or (k + 1 < b and lw[k] in DETERMINERS and lw[k + 1] in SPEECH_OBJECTS))
        and not _loose_clause(lw[bisect_left(starts, start) : bisect_left(starts, end)])
    ):
        return None  # "The team added a second goal", "She wrote the song", "The storm claimed lives"
    if needs_clause and not (lw[k - 1] == "that" or _is_clause(body[start:end])):
        # a weak reading of the subject: the content must be a clause, or the cue a verb that
        # is speech in every sense ("as President Bush urged Congress ...", not "as Edinburgh
        # welcomes visitors", "Police arrested and questioned the student")
        if frame in ("clause", "that") or lexicon.forms[form][0] not in SPEECH_ONLY_LEMMAS:
            return None
    return ReportedClause(start, end, form, cue_start, cue_end, cls, subject[0], subject[1], subject[2])


OBJECT_RISK_LEMMAS = frozenset({"add", "write", "claim"})
"""Cues whose object is usually not speech ("added a second goal", "wrote a book", "claimed
the lives of"): without "that" their content must be a clause (:func:`_loose_clause`) or
open with one of :data:`SPEECH_OBJECTS` ("claimed responsibility")."""

SPEECH_OBJECTS = frozenset({"responsibility", "credit", "victory", "innocence", "ownership"})
"""Objects that make "claim" a statement ("claimed responsibility for the attack")."""

_IRREGULAR_PAST = frozenset({
    "said", "took", "made", "went", "came", "gave", "saw", "knew", "found", "told", "left", "felt", "kept",
    "lost", "met", "paid", "put", "ran", "sent", "set", "spent", "stood", "won", "began", "fell", "rose",
    "grew", "became", "held", "led", "meant", "brought", "bought", "thought", "sold", "built", "broke",
    "chose", "drove", "got", "hit", "let", "stole", "struck", "taught", "threw", "understood", "wrote",
})


def _loose_clause(words: Sequence[str]) -> bool:
    """True when lower-case ``words`` likely hold a finite verb after their first word.

    An auxiliary or modal, a past form ending in "-ed", or a common irregular past form.
    """
    return any(
        w in _CLAUSE_VERBS or w in _IRREGULAR_PAST or (n > 0 and w.endswith("ed") and len(w) > 4)
        for n, w in enumerate(words)
    )


SPEECH_ONLY_LEMMAS = frozenset({
    "urge", "accuse", "call for", "call on", "criticise", "criticize", "condemn", "demand", "deny",
    "plead with", "appeal for", "complain about", "pledge", "promise", "vow", "warn", "confirm",
    "reiterate", "tell", "inform", "assure", "describe", "call",
})
"""Cue lemmas that are speech whatever follows them (unlike "welcome", "question", "raise",
"highlight", "reveal", "discuss"): an object after one is reported content even when the
subject was found by a weaker reading."""

_THAT_OPTIONAL = frozenset({
    "report", "reports", "reported", "claim", "claims", "allege", "alleges", "alleged", "note", "notes",
    "suggests", "suggested", "maintains", "maintained", "predicts", "predicted", "complained", "complains",
})
"""Cues of frame ``that`` (also nouns: "the report", "insurance claims") that take a clause
without "that" after a capitalised subject, when the clause has a finite verb of its own."""

_SUBORDINATE_HEADS = frozenset({
    "as", "while", "whilst", "when", "where", "because", "although", "though", "since", "whereas", "after",
})
"""Words that open a subordinate clause whose own subject may be a source ("as President Bush
urged ...", "where she said ..."); "if", "unless" and "whether" open hypothetical speech and
are not among them."""


def _read_subject(found: tuple[str, int, int], left: str, base: int) -> tuple[tuple[str, int, int], bool] | None:
    """The source named by the phrase before a cue, and whether the reading is a weak one.

    Returns ((text, start, end), needs_clause) or None. Beyond a plausible noun phrase:
    "it" (an organisation or a document named before: "It said the cuts were needed"),
    the subject of a subordinate clause ("as President Bush [urged]", "where she [said]")
    and the name before ", who" ("Mr Justice Bryan, who [described]"). These weaker
    readings need a finite verb in the content (or a "that" after the cue).
    """
    text, s, e = found
    words = text.split()
    low = [w.lower() for w in words]
    if _plausible_subject(text) and not any(w in _SUBORDINATE_HEADS for w in low[1:]):
        return found, False
    if low == ["it"]:
        return found, True
    if low[-1] == "who" and left[: e - base - 3].rstrip().endswith(","):
        head = left[: e - base - 3].rstrip()[:-1]
        before = _antecedent(head)
        if before is not None:
            return (before[0], base + before[1], base + before[2]), True
        return None
    for n in range(len(words) - 1, -1, -1):
        if low[n] in _SUBORDINATE_HEADS:  # "Crowds gathered as Edinburgh [welcomes]": the last one
            rest = words[n + 1 :]
            if not 0 < len(rest) <= 5:
                return None
            sub = " ".join(rest)
            k = text.rfind(sub)
            if k < 0 or not _plausible_subject(sub):
                return None
            return (sub, s + k, s + k + len(sub)), True
    return None


def _quote_attribution_subject(
    doc: Document, lw: Sequence[str], i: int, a: int, qmask: Sequence[bool], lexicon: CueLexicon
) -> tuple[str, int, int] | None:
    """The speaker named between a direct quote and a participle cue.

    '"We are ready," she said, adding that ...' gives "she"; '"...," said Jane Roe,
    adding ...' gives "Jane Roe". None when no quote precedes or no name is left.
    """
    k = i - 1
    while k >= a and not qmask[k]:
        k -= 1
    if k < a or i - k > 8:
        return None
    words = [n for n in range(k + 1, i) if lw[n] not in lexicon.forms and lw[n] not in ("has", "had", "have")]
    if not words or words != list(range(words[0], words[-1] + 1)):
        return None
    s, e = doc.word_bounds[words[0]][0], doc.word_bounds[words[-1]][1]
    text = doc.body[s:e]
    if "," in text or not (_plausible_subject(text) or text.lower() in ("he", "she", "they", "it")):
        return None
    return text, s, e


_ANTECEDENT_STOPS = PREPOSITIONS | {"and", "or", "but", "as", "than", "is", "was", "are", "were", "has", "had", "have"}


def _antecedent(head: str) -> tuple[str, int, int] | None:
    """The noun phrase ending ``head`` that a following ", who" refers to.

    "comments from Begum's father" gives "Begum's father"; "coverage of crown court
    judge Mr Justice Bryan" gives "crown court judge Mr Justice Bryan". At most six
    words back to a preposition, a conjunction or a verb; it must hold a capitalised word.
    """
    spans = [(m.start(), m.end()) for m in _WORD_RE.finditer(head)]
    if not spans:
        return None
    n = len(spans)
    k = n
    while k > 0 and n - k < 6 and head[spans[k - 1][0] : spans[k - 1][1]].lower() not in _ANTECEDENT_STOPS:
        k -= 1
    if k == n:
        return None
    s, e = spans[k][0], spans[-1][1]
    text = head[s:e]
    if not any(w[:1].isupper() for w in text.split()) or not _plausible_subject(text):
        return None
    return text, s, e


def _absolute_subject(doc: Document, lw: Sequence[str], i: int, a: int) -> tuple[str, int, int] | None:
    """The subject of "with SUBJECT CUE-ing" ("with Republicans accusing Democrats of ..."), or None."""
    for k in range(i - 1, max(a, i - 6) - 1, -1):
        if lw[k] == "with":
            if k + 1 >= i:
                return None
            s, e = doc.word_bounds[k + 1][0], doc.word_bounds[i - 1][1]
            text = doc.body[s:e]
            if _plausible_subject(text) and not any(ch in text for ch in ",;"):
                return text, s, e
            return None
    return None


_PURPOSE_VERBS = frozenset({"took", "takes", "taken", "wrote", "writes", "written", "used", "uses"})


def _purpose_cue(lw: Sequence[str], i: int, a: int) -> bool:
    """True for a cue after "to" that reports speech: "went on to say", "took to Twitter to
    say", "has written to police chiefs to say", "used the speech to warn".

    Other infinitives ("declined to say", "is expected to announce") are not speech.
    """
    if i - 1 < a or lw[i - 1] != "to" or lw[i].endswith("ing"):
        return False
    if i - 3 >= a and lw[i - 2] == "on" and lw[i - 3] in ("went", "goes", "go", "going", "gone"):
        return True
    return any(w in _PURPOSE_VERBS for w in lw[max(a, i - 7) : i - 1])


_QUOTED_VERBS = frozenset({"quoted", "heard", "filmed", "recorded", "pictured"})


def _quoted_saying(lw: Sequence[str], i: int, a: int) -> bool:
    """True for "X is quoted (in the Mail) saying ...", "X was heard saying ..."."""
    return lw[i].endswith("ing") and any(w in _QUOTED_VERBS for w in lw[max(a, i - 7) : i])


def _sentence_subject(
    doc: Document, lw: Sequence[str], a: int, i: int, lexicon: CueLexicon
) -> tuple[str, int, int] | None:
    """The noun phrase opening a sentence, up to its first verb ("The President [agreed ...]").

    For a coordinated cue with no earlier clause of its own ("... and said the boy was
    welcome"). The first verb is a cue, an auxiliary or a lower-case word ending in "-ed";
    the phrase must start with a capital letter and be at most six words.
    """
    k = a
    while k < i and k - a <= 6:
        w = lw[k]
        if k > a and (
            w in lexicon.first_words or w in _CLAUSE_VERBS or w in _IRREGULAR_PAST
            or (w.endswith("ed") and doc.word_texts[k].islower())
        ):
            break
        k += 1
    if k == a or k >= i or k - a > 6:
        return None
    s, e = doc.word_bounds[a][0], doc.word_bounds[k - 1][1]
    text = doc.body[s:e]
    if not text[:1].isupper() or not _plausible_subject(text) or any(ch in text for ch in ",;:"):
        return None
    return text, s, e


_PASSIVE_REPORT_CUES = frozenset({"understood", "reported", "said", "alleged", "claimed", "quoted"})
"""Cues of "X is understood to ...", "X is said to have ...": the reporter's source says it of X."""
_PASSIVE_REPORT_WRITTEN = frozenset(_PASSIVE_REPORT_CUES | {w.capitalize() for w in _PASSIVE_REPORT_CUES})


def _passive_report(
    doc: Document, lw: Sequence[str], i: int, a: int, b: int, qmask: Sequence[bool], starts: list[int]
) -> ReportedClause | None:
    """``X is understood to VERB ...``, ``X was reported to ...``: reported speech about X.

    The content runs from the word after "to" to the end of the sentence (a coordinated
    cue later in the sentence cuts it); the subject is the speaker as written (the gold
    convention for "Begum's father, who is reported to ..."). "It is said to be" (no
    subject) is left out.
    """
    k = i - 1
    while k > a and lw[k] in ("also", "widely", "now", "still", "reportedly", "generally"):
        k -= 1
    if k <= a or lw[k] not in ("is", "are", "was", "were") or i + 2 >= b or lw[i + 1] != "to":
        return None
    from analysis.speech.quotes import _subject_left  # noqa: PLC0415

    body = doc.body
    sent = doc.sentences[_sentence_of(doc, i)]
    aux_start = doc.word_bounds[k][0]
    found = _subject_left(body[sent.start : aux_start], sent.start, aux_start)
    if found is None or found[0].lower() in ("it", "there", "this", "that"):
        return None
    reading = _read_subject(found, body[sent.start : aux_start], sent.start)
    if reading is None:
        return None
    subject = reading[0]
    start, end = _trim(body, doc.word_bounds[i + 2][0], sent.end)
    if start > 0 and body[start - 1] in _QUOTE_MARKS:
        start -= 1
    if bisect_left(starts, end) - bisect_left(starts, start) < 2:
        return None
    return ReportedClause(start, end, " ".join(lw[k : i + 2]), doc.word_bounds[k][0], doc.word_bounds[i + 1][1],
                          "neutral", subject[0], subject[1], subject[2])


def _attributes_a_quote(qmask: Sequence[bool], i: int, j: int, a: int, b: int) -> bool:
    """True when the cue at words [i, j) only attributes a direct quote of its sentence.

    ``"We are ready," she said.`` (the sentence opens with the quote, and at most a
    few words stand between the quote and the cue) or ``she said: "..."`` (the
    rest of the sentence after the cue is quoted). A cheap test that spares the
    clause rules most of the cues of a quote-heavy article.
    """
    if a < i and qmask[a]:
        k = i - 1
        while k >= a and not qmask[k]:
            k -= 1
        if k >= a and i - k <= 5 and (b - j) <= TAIL_MAX_WORDS:
            return True
    if j < b and all(qmask[j:b]):
        return True
    return False


_AMOUNT_STARTS = frozenset("0123456789\u00a3$\u20ac\u00a5")


def _content_ok(
    doc: Document,
    lw: Sequence[str],
    start: int,
    end: int,
    frame: str,
    qmask: Sequence[bool],
    starts: list[int],
    all_quoted: bool = False,
) -> bool:
    """Enough content, some of it outside quotation marks (else it is direct speech).

    With ``all_quoted`` a content inside quotation marks is accepted: after "that" or
    as the object of "call for", "urge" the quote is a fragment of the reporter's sentence.
    """
    wa, wb = bisect_left(starts, start), bisect_left(starts, end)
    n = wb - wa
    if n == 0:
        return False
    if lw[wa] in PREPOSITIONS and frame != "tell" and not (
        lw[wa] in ("over", "under") and wb - wa > 1 and doc.word_texts[wa + 1][:1] in _AMOUNT_STARTS
    ):
        return False  # but "confirmed over £200m in funding": an amount
    if n == 1 and lw[wa] in VAGUE_CONTENT:
        return False
    if frame in ("clause", "that") and n < 2:
        return False
    has_quote = any(qmask[k] for k in range(wa, wb))
    outside = sum(1 for k in range(wa, wb) if not qmask[k])
    if outside == 0 and not all_quoted:
        return False
    if frame == "called" and not has_quote:
        return False
    return True


def _tail_clause(
    doc: Document,
    lw: Sequence[str],
    i: int,
    j: int,
    a: int,
    b: int,
    form: str,
    cls: str,
    qmask: Sequence[bool],
    starts: list[int],
    left: str,
    left_stripped: str,
    sent_start: int,
) -> ReportedClause | None:
    """``CONTENT, X said.`` or ``CONTENT, said X.``: the attribution closes the sentence."""
    from analysis.speech.quotes import _subject_right  # noqa: PLC0415

    body = doc.body
    bounds = doc.word_bounds
    cue_start, cue_end = bounds[i][0], bounds[i + (len(form.split())) - 1][1]
    if left_stripped.endswith(","):
        # said X / said X, the ministry's spokesman
        comma = sent_start + len(left_stripped) - 1
        found = _subject_right(body[cue_start : doc.sentences[_sentence_of(doc, i)].end], cue_start, cue_end)
        if found is None or not _plausible_subject(found[0]) or _is_clause(found[0]):
            return None  # "Jane Roe, a spokeswoman, said the road would reopen": not "said X"
        if found[0].lower() in VAGUE_CONTENT or found[0].lower() in ("nothing", "little", "much"):
            return None  # "Jane Roe, a lawyer, said nothing"
        subject = found
        content_end = comma
    else:
        # X said: the subject is the clause after the last comma before the cue
        cut = max(_last_comma(left), left.rfind("\u2014"), left.rfind(";"))
        if cut < 0:
            return None
        subj_text = left[cut + 1 :].strip()
        content_end = sent_start + cut
        # "CONTENT, Jane Roe, the company's lawyer, said": the apposition is skipped
        prior = left[:cut]
        if not subj_text:
            return None
        if not re.match(r"(?:he|she|they|it)\b", subj_text, re.IGNORECASE) and _last_comma(prior) >= 0:
            cut2 = _last_comma(prior)
            cand = prior[cut2 + 1 :].strip()
            if cand[:1].isupper() and len(cand.split()) <= 4 and subj_text[:1].islower():
                subj_text, content_end = cand, sent_start + cut2
        if not _plausible_subject(subj_text) and not (
            subj_text.lower() == "it" and _is_clause(body[sent_start:content_end])
        ):
            return None  # but "The company will cut 200 jobs, it said"
        s = body.index(subj_text, sent_start)
        subject = (subj_text, s, s + len(subj_text))
    start, end = _trim(body, sent_start, content_end)
    # the content must be more than a direct quote
    wa, wb = bisect_left(starts, start), bisect_left(starts, end)
    if wb - wa < 2:
        return None
    if lw[wa].endswith("ing") or lw[wa] in ("asked", "addressing", "responding"):
        return None  # "Speaking ahead of the event, X said": an adjunct, not the content
    if lw[wa] in PREPOSITIONS and not _is_clause(body[start:end]):
        return None  # "In a statement, X said", but "In reality, most have lost money, X said"
    outside = [k for k in range(wa, wb) if not qmask[k]]
    if not outside:
        return None
    if len(outside) < 2 and any(qmask[k] for k in range(wa, wb)):
        return None  # '"...," the union's leader said' with a stray word: direct speech
    if qmask[wa]:
        return None  # a sentence that opens with a quote and ends with its attribution: direct speech
    return ReportedClause(start, end, form, cue_start, cue_end, cls, subject[0], subject[1], subject[2])


_CLAUSE_VERBS = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "shall",
    "should", "may", "might", "must", "did", "does", "do", "isn't", "wasn't", "won't", "hasn't",
})
"""Finite auxiliaries and modals: a phrase holding one is a clause, not a noun phrase."""


def _is_clause(text: str) -> bool:
    """True when ``text`` holds a finite auxiliary or modal verb ("the road would reopen")."""
    return any(w.lower() in _CLAUSE_VERBS for w in _WORD_RE.findall(text))


_NUMBER_COMMA_RE = re.compile(r"(?<=\d),(?=\d)")


def _last_comma(text: str) -> int:
    """Position of the last comma of ``text`` that is not a thousands separator ("45,756"); -1 if none."""
    k = text.rfind(",")
    while k > 0 and k + 1 < len(text) and text[k - 1].isdigit() and text[k + 1].isdigit():
        k = text.rfind(",", 0, k)
    return k


def _apposition_before(left: str) -> bool:
    """True when the words before a cue end with a subject and an apposition between commas.

    "The Policing Minister, Nick Hurd, [said]", "Mr Smith, who chairs the committee, [said]":
    the comma before the cue closes an apposition, so the cue's subject stands before it
    and what follows the cue is the content. Needs a second comma, not a thousands separator.
    """
    inner = left[:-1] if left.endswith(",") else left
    k = _last_comma(inner)
    if k < 0:
        return False
    apposition = inner[k + 1 :].split()
    head = inner[:k].split()
    return 0 < len(apposition) <= SUBJECT_MAX_WORDS and 0 < len(head)


def _sentence_of(doc: Document, word: int) -> int:
    ends = [e for _, e in doc.sentence_words]
    return bisect_right(ends, word)


def _according(
    doc: Document, i: int, a: int, b: int, qmask: Sequence[bool], starts: list[int]
) -> ReportedClause | None:
    """``According to X, CONTENT`` or ``CONTENT, according to X``."""
    body = doc.body
    bounds = doc.word_bounds
    sent = doc.sentences[_sentence_of(doc, i)]
    cue_start, cue_end = bounds[i][0], bounds[i + 1][1]
    rest = body[cue_end : sent.end]
    stop = re.search(r"[,;:.!?]|\s[\u2014\u2013]\s", rest)
    phrase_end = cue_end + (stop.start() if stop else len(rest))
    ps, pe = _trim(body, cue_end, phrase_end)
    if pe <= ps:
        return None
    subject = body[ps:pe]
    if len(subject.split()) > SUBJECT_MAX_WORDS:
        return None
    before = body[sent.start : cue_start].strip()
    short_lead = before.endswith(",") and len(before.split()) <= 3 and stop is not None and rest[stop.start()] == ","
    # "..., and according to the filing, loaned ...", "Wikinews has learned that according to X, ..."
    joined = re.search(r"(?:^|[\s,])(?:and|but|that)$", before, re.IGNORECASE) is not None
    if not before or short_lead or joined:
        # "According to X, CONTENT" and "So far, according to X, CONTENT"
        if not stop or rest[stop.start()] != ",":
            return None
        start, end = _trim(body, phrase_end + 1, sent.end)
    elif before.endswith(","):
        start, end = _trim(body, sent.start, cue_start)
    else:
        return None
    wa, wb = bisect_left(starts, start), bisect_left(starts, end)
    if wb - wa < 2 or all(qmask[k] for k in range(wa, wb)):
        return None
    return ReportedClause(start, end, "according to", cue_start, cue_end, "none", subject, ps, pe, True)
