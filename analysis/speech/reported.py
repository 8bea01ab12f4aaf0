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
    announce), or after a determiner (the report, a claim: a noun).
patterns
    ``SUBJECT CUE (that) CONTENT`` (the subject is the noun phrase before the
    cue, with an apposition skipped); ``CONTENT, SUBJECT CUE`` and ``CONTENT,
    CUE SUBJECT`` (a short attribution closing the sentence);
    ``According to X, CONTENT`` and ``CONTENT, according to X``. A second
    cue joined by "and" or ", adding/saying" starts a clause of its own with
    the same speaker. A clause whose content is all inside quotation marks is
    direct speech only and gets no reported row.
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
"""Quote kinds of reported speech."""

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
AFTER_CUE_MAX = 8
"""Words between a cue and its "that" that may be skipped as adverbials ("said on Monday that")."""

_WORD_RE = re.compile(r"[\w\u2019'-]+")
_QUOTE_MARKS = "\"\u201c\u201d\u201e'\u2018\u2019"


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
    """A subject that can name a source: not a function word, a verb or a long fragment."""
    words = _WORD_RE.findall(text)
    if not words or len(words) > SUBJECT_MAX_WORDS:
        return False
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in NON_SPEAKERS and not (len(words[0]) > 1 and words[0].isupper()):
        return False
    if (low[0] in SUBORDINATORS or low[0] in ("which", "who", "whom", "that", "what", "whose")) and not (
        len(words[0]) > 1 and words[0].isupper()
    ):
        return False  # but "WHO say": an abbreviation
    if low[-1] in DETERMINERS or low[-1] in NON_SPEAKERS - {"it"}:
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
    # "said on Monday that ...", "told reporters on Friday that ..."
    for k in range(j, min(stop, j + AFTER_CUE_MAX)):
        if lw[k] == "that" and (k == j or frame in ("tell", "both", "clause", "that")):
            between = doc.body[doc.word_bounds[j][0] : doc.word_bounds[k][0]] if k > j else ""
            if k == j or ("," not in between and '"' not in between and "\u201c" not in between):
                if k == j or frame == "tell" or _adverbial(lw[j:k]):
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
        return (k, False) if k < stop else None
    return j, frame == "object"


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
    variants = lexicon.written_first_words
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
    return [c for c in out if c.end > c.start]


_ASKED_RE = re.compile(
    r"(?:When[ \t]+|Also[ \t]+)?(?P<cue>[Aa]sked|Put)(?:[ \t]+(?:by|to)[ \t]+[^,.]{1,40}?)?[ \t]+"
    r"(?:(?:about|for|on|over)[ \t]+(?P<topic>\S)|(?P<clause>(?:if|whether|how|when|why|what|who|which|that)\b))"
)
"""A journalist's question reported at the head of a sentence (the briefing style):
"Asked if the minister would resign, the spokesman said ...", "Asked about the
strike, ...", "Put that the plan had failed, ..."."""
_IMPERSONAL_RE = re.compile(
    r"It[ \t]+(?:is|was|has[ \t]+been|had[ \t]+been)[ \t]+(?:also[ \t]+)?"
    r"(?P<cue>reported|understood|claimed|alleged|said|announced|confirmed|suggested)[ \t]+that[ \t]+"
)
"""Speech with no source: "It is reported that ...", "It was claimed that ..."."""


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
    hit = _cue_at(lw, i, lexicon, b)
    if hit is None:
        return None
    size, form = hit
    _, cls, frame = lexicon.forms[form]
    if i > a and doc.word_texts[i][:1].isupper():
        return None  # "the United States", "the Washington Post": part of a name
    if _negated(lw, i, a):
        return None
    cue_start, cue_end = bounds[i][0], bounds[i + size - 1][1]
    j = i + size  # first word after the cue
    if _attributes_a_quote(qmask, i, j, a, b):
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
        if clause is not None or left_stripped.endswith(","):
            return clause

    # --- X said (that) CONTENT
    if left_stripped.endswith((",", "\u2014")) and lw[i].endswith("ing"):
        subject = ("", -1, -1)  # ", adding that ...": the subject of the sentence's earlier cue
        if earlier and earlier[-1].cue_start >= sent.start:
            prev = earlier[-1]
            subject = (prev.subject, prev.subject_start, prev.subject_end)
    elif lw[i].endswith("ing") and (i == a or lw[i - 1] not in PROGRESSIVE_AUXILIARIES):
        return None  # a participle with no subject of its own ("... promising returns")
    else:
        from analysis.speech.quotes import _subject_left  # noqa: PLC0415 (quotes imports this module)

        found = _subject_left(left, sent.start, cue_start)
        if found is None:
            return None
        text = found[0]
        low = text.lower().strip()
        if _coordinated(doc, lw, i, a):
            if not earlier or earlier[-1].cue_start < sent.start:
                return None
            prev = earlier[-1]
            subject = (prev.subject, prev.subject_start, prev.subject_end)
        else:
            if not _plausible_subject(text):
                return None
            subject = found
    if j >= b:
        return None
    if body[bounds[j][0] - 1 : bounds[j][0]] in _QUOTE_MARKS or body[cue_end : bounds[j][0]].strip().startswith((":",)):
        # said: "..." / said "...": direct speech follows the cue
        if frame != "called" and frame != "object":
            return None
    skip = _skip_to_content(doc, lw, j, b, frame)
    if skip is None:
        return None
    k, _ = skip
    if k >= b:
        return None
    start = bounds[k][0]
    if body[start - 1 : start] in _QUOTE_MARKS and frame not in ("called", "object"):
        return None
    end = sent.end
    start, end = _trim(body, start, end)
    if start > 0 and body[start - 1] in _QUOTE_MARKS and _inside(start, quoted):
        start -= 1  # the content opens with a quoted fragment: keep its mark
    if not _content_ok(doc, lw, start, end, frame, qmask, starts):
        return None
    return ReportedClause(start, end, form, cue_start, cue_end, cls, subject[0], subject[1], subject[2])


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


def _content_ok(
    doc: Document,
    lw: Sequence[str],
    start: int,
    end: int,
    frame: str,
    qmask: Sequence[bool],
    starts: list[int],
) -> bool:
    """Enough content, some of it outside quotation marks (else it is direct speech)."""
    wa, wb = bisect_left(starts, start), bisect_left(starts, end)
    n = wb - wa
    if n == 0:
        return False
    if lw[wa] in PREPOSITIONS and frame != "tell":
        return False
    if n == 1 and lw[wa] in VAGUE_CONTENT:
        return False
    if frame in ("clause", "that") and n < 2:
        return False
    has_quote = any(qmask[k] for k in range(wa, wb))
    outside = sum(1 for k in range(wa, wb) if not qmask[k])
    if outside == 0:
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
        if found is None or not _plausible_subject(found[0]):
            return None
        subject = found
        content_end = comma
    else:
        # X said: the subject is the clause after the last comma before the cue
        cut = max(left.rfind(","), left.rfind("\u2014"), left.rfind(";"))
        if cut < 0:
            return None
        subj_text = left[cut + 1 :].strip()
        content_end = sent_start + cut
        # "CONTENT, Jane Roe, the company's lawyer, said": the apposition is skipped
        prior = left[:cut]
        if not subj_text:
            return None
        if not re.match(r"(?:he|she|they|it)\b", subj_text, re.IGNORECASE) and "," in prior:
            cut2 = prior.rfind(",")
            cand = prior[cut2 + 1 :].strip()
            if cand[:1].isupper() and len(cand.split()) <= 4 and subj_text[:1].islower():
                subj_text, content_end = cand, sent_start + cut2
        if not _plausible_subject(subj_text):
            return None
        s = body.index(subj_text, sent_start)
        subject = (subj_text, s, s + len(subj_text))
    start, end = _trim(body, sent_start, content_end)
    # the content must be more than a direct quote
    wa, wb = bisect_left(starts, start), bisect_left(starts, end)
    if wb - wa < 2:
        return None
    if lw[wa].endswith("ing") or lw[wa] in ("asked", "addressing", "responding") or lw[wa] in PREPOSITIONS:
        return None  # "Speaking ahead of the event, X said": an adjunct, not the content
    outside = [k for k in range(wa, wb) if not qmask[k]]
    if not outside:
        return None
    if len(outside) < 2 and any(qmask[k] for k in range(wa, wb)):
        return None  # '"...," the union's leader said' with a stray word: direct speech
    if qmask[wa]:
        return None  # a sentence that opens with a quote and ends with its attribution: direct speech
    return ReportedClause(start, end, form, cue_start, cue_end, cls, subject[0], subject[1], subject[2])


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
    if not before or short_lead:
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
