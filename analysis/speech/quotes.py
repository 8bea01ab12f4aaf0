"""Direct quotations: where they are, who speaks, and with which verb.

A direct quote is a span inside quotation marks. :func:`extract_quotes` finds
every such span in a :class:`~analysis.text.document.Document` and returns one
:class:`Quote` per contiguous span, with offsets into the body that exclude
the marks, its word count, its kind, speaker, attribution verb and verb class.
Spans that share one attribution (``"A," the letter read. "B"``) share a
``quote_id``.

Rules (docs/design.md, "Quotes"):

marks
    Straight, curly and mixed double marks (a quote may open with ``"`` and
    close with ``”``). An article with no double marks but paired single marks
    is read in single-quote style (‘...’ or '...'); otherwise single marks are
    only nested quotes and stay inside the outer span. Apostrophes (It’s, the
    ’90s, the Smiths’ house) never open or close a quote.
paragraphs
    A quote never runs past its paragraph. An unclosed quote ends at the end of
    its paragraph; when the next paragraph opens with a quotation mark, the two
    are one multi-paragraph quote (one row per paragraph, one ``quote_id``).
kind
    ``partial`` when the nearest non-space character before the opening mark is
    a letter or digit (a fragment inside the reporter's sentence); ``name`` for a
    short quoted name or term that is not speech (no speech verb in its sentence
    and no attribution, e.g. "Man Up" as an organisation's name, a scare-quoted
    "real"); otherwise ``full``. Name spans stay in the outlet's own voice. A
    quoted word after a speech verb and its object is speech, not a name
    ("called the analysis "false"", "shouting "order""); right after a naming
    verb it is a name ("a group called "Safe Streets Now"").
reported speech
    With ``reported=True``, rows of kind ``indirect`` and ``mixed`` for what a
    source said in the reporter's words (:mod:`analysis.speech.reported`).
speaker and verb
    Found in the attribution text before the quote (up to a comma, colon or
    "that") or after it (up to the end of the sentence), with a speech verb from
    ``analysis/data/speech_verbs.csv``. The subject next to the verb is the
    speaker: he/she resolves to the most salient person of its gender named
    before it outside quotation marks (:mod:`analysis.speech.antecedents`),
    it/they to the last non-person source or organisation, "the open letter"
    to "the letter", a person to the fullest form of their name. A subject
    that ends a relative clause is what it stands for ("the note ... which
    stated", "Mr Justice Bryan, who described", "where she said"); a verb
    after "and"/"but" shares the subject of the speech verb before it, and a
    participle after a comma (", saying:") the subject of its clause.
    "according to X" and "in the words of X" make X the speaker with no
    verb; "per X" credits a publication and names no speaker. With no speech
    verb, a name after a dash that ends the quote's paragraph ("" - Jane
    Roe") or a "Name, role:" line before it is the speaker. A quote
    paragraph without attribution continues the previous speaker with an
    empty verb and verb class ``none``.

References
----------
Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. *LREC 2016*.
Wikipedia, "Manual of Style/Words to watch" (section "said"); The Associated
Press Stylebook on "said" as the neutral attribution verb.
"""

from __future__ import annotations

import csv
import io
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import groupby
from pathlib import Path

from analysis.core.errors import InputError
from analysis.core.files import read_list
from analysis.speech.antecedents import last_subject, opens_clause, salient_person
from analysis.speech.marks import (
    DOUBLE_MARKS,
    SINGLE_MARKS,
    _find_spans,
    _is_headline,
    _primary_style,
    _Raw,
)
from analysis.speech.people import (
    NameCues,
    NameMention,
    canonical_lookup,
    find_name_mentions,
    load_first_names,
    load_name_cues,
    merge_ranges,
    name_gender,
)
from analysis.speech.reported import REPORTED_KINDS
from analysis.text.document import ABBREVIATIONS, Document, word_spans

__all__ = [
    "KINDS",
    "REPORTED_KINDS",
    "SPEECH_KINDS",
    "VERB_CLASSES",
    "Quote",
    "VerbLexicon",
    "extract_quotes",
    "load_verbs",
    "quoted_ranges",
]

KINDS: tuple[str, ...] = ("full", "partial", "name", "indirect", "mixed")
"""Quote kinds: direct (``full``, ``partial``), quoted names (``name``) and
reported speech (``indirect``, ``mixed``: :mod:`analysis.speech.reported`)."""

SPEECH_KINDS: frozenset[str] = frozenset({"full", "partial"})
"""Kinds that count as quoted speech (``name`` spans stay in the own voice)."""

VERB_CLASSES: tuple[str, ...] = ("neutral", "evaluative", "none")
"""Attribution verb classes."""

DASHES = "\u2014\u2013-"
NAMING_VERBS = frozenset({
    "call", "calls", "called", "calling", "brand", "brands", "branded", "branding", "dub", "dubs", "dubbed", "dubbing",
})
"""Verbs that name when the quote follows them directly ("a group called "X"") and are
speech when an object stands between ("called the analysis "false"")."""
NAME_MAX_WORDS = 5
"""Longest quoted span (in words) that can be a quoted name or scare quote."""

PRONOUNS_PERSON = frozenset({"he", "she"})
PRONOUNS_OTHER = frozenset({"it", "they"})
ADVERBS = frozenset({
    "also", "further", "then", "later", "again", "once", "previously", "now", "recently",
    "finally", "simply", "still", "even", "first", "earlier", "separately", "too",
})
AUXILIARIES = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "having", "do", "does",
    "did", "repeatedly", "publicly", "privately", "reportedly", "clearly", "strongly", "angrily",
})
"""Words between a subject and its verb that are not the subject ("protesters were shouting")."""
CONJUNCTIONS = frozenset({"and", "but", "or", "then", "so", "and then", "and also", "but also"})
"""A subject phrase that is only one of these means the verb shares an earlier subject."""
DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their",
    "our", "my", "your", "whose",
})


@dataclass(frozen=True)
class VerbLexicon:
    """Speech verbs by inflected form.

    Attributes
    ----------
    forms : dict
        Lower-case form ("said", "points out") -> (lemma, verb_class).
    source : str
        Where the list came from (file path).
    """

    forms: dict[str, tuple[str, str]]
    source: str = ""

    @cached_property
    def max_words(self) -> int:
        """Longest form in words ("point out" = 2)."""
        return max((len(f.split()) for f in self.forms), default=1)


def load_verbs(path: str | Path | None = None) -> VerbLexicon:
    """Load the speech-verb list (CSV: form, lemma, verb_class).

    Parameters
    ----------
    path : str or Path, optional
        A replacement list; the packaged ``analysis/data/speech_verbs.csv`` by default.

    Raises
    ------
    InputError
        For a missing column, an empty form or an unknown class, naming the line.
    """
    if path is None:
        return _default_verbs()
    return _parse_verbs(*read_list(path, "data/speech_verbs.csv", "verb list"))


@lru_cache(maxsize=1)
def _default_verbs() -> VerbLexicon:
    return _parse_verbs(*read_list(None, "data/speech_verbs.csv", "verb list"))


def _parse_verbs(text: str, source: str) -> VerbLexicon:
    forms: dict[str, tuple[str, str]] = {}
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"form", "lemma", "verb_class"} <= set(reader.fieldnames):
        raise InputError(source, "verb list needs the columns form, lemma, verb_class", line=1)
    for line_no, row in enumerate(reader, start=2):
        form = (row["form"] or "").strip().lower()
        cls = (row["verb_class"] or "").strip()
        if not form:
            raise InputError(source, "empty verb form", line=line_no)
        if cls not in ("neutral", "evaluative"):
            raise InputError(source, f"unknown verb_class {cls!r}; valid: neutral, evaluative", line=line_no)
        forms[form] = ((row["lemma"] or form).strip(), cls)
    return VerbLexicon(forms=forms, source=source)


@dataclass(frozen=True)
class Quote:
    """One contiguous quoted span of an article.

    Attributes
    ----------
    quote_id : int
        1-based; spans that share one attribution share it.
    start, end : int
        Offsets of the quoted text in the body, marks excluded.
    text : str
        ``body[start:end]``.
    n_words : int
        Words in the span (project word rule).
    kind : str
        ``full``, ``partial`` or ``name`` (direct); ``indirect`` or ``mixed``
        (reported speech: the span is the reported content, ``verb`` the cue).
    speaker : str
        Canonical speaker; empty for ``name`` spans and when nobody is known.
    verb : str
        Attribution verb as written, lower case; empty when there is none.
    verb_class : str
        ``neutral``, ``evaluative`` or ``none``.
    paragraph : int
        0-based index of the paragraph holding the span.
    closed : bool
        False when the span has no closing mark (it ends at its paragraph's end).
    speaker_start, speaker_end, verb_start, verb_end : int
        Where the speaker and the verb are written (-1 when not in the text).
    """

    quote_id: int
    start: int
    end: int
    text: str
    n_words: int
    kind: str
    speaker: str
    verb: str
    verb_class: str
    paragraph: int
    closed: bool = True
    open_mark: int = -1
    close_mark: int = -1
    speaker_start: int = -1
    speaker_end: int = -1
    verb_start: int = -1
    verb_end: int = -1


@dataclass(frozen=True)
class _Attribution:
    subject: str
    subject_start: int
    subject_end: int
    verb: str
    verb_start: int
    verb_end: int
    verb_class: str
    according_to: bool = False


@dataclass
class _State:
    speaker: str = ""
    last_other: str = ""
    last_other_at: int = -1


# ----------------------------------------------------------------------------
# attribution


_SENTENCE_END_RE = re.compile(r"[.!?](?=[\s\"'\u201d\u2019)]|$)")


def _words(text: str, base: int) -> list[tuple[int, int, str]]:
    return [(base + s.start, base + s.end, text[s.start : s.end]) for s in word_spans(text)]


def _verb_at(words: list[tuple[int, int, str]], i: int, verbs: VerbLexicon) -> tuple[int, str, str] | None:
    """Verb form starting at word ``i`` (longest match): (n_words, form, class)."""
    for size in range(min(verbs.max_words, len(words) - i), 0, -1):
        form = " ".join(w[2].lower() for w in words[i : i + size])
        if form in verbs.forms:
            if i > 0 and words[i - 1][2].lower() in DETERMINERS:
                return None  # "the state", "a post": a noun, not a verb
            return size, form, verbs.forms[form][1]
    return None


def _according_to(seg: str, base: int) -> _Attribution | None:
    m = re.search(r"\b(?:according to|in the words of)\s+", seg, re.IGNORECASE)
    if not m:
        return None
    rest = seg[m.end():]
    stop = re.search(r"[,.;:!?]|\s[\u2014\u2013]\s", rest)
    phrase = rest[: stop.start()] if stop else rest
    offset = m.end()
    if stop is not None and stop.group() == "," and not phrase[:1].isupper():
        # "in the words of the Crown prosecutor, Mark Tedeschi, QC,": the name in apposition
        named = re.match(r"\s*(" + _CREDIT_NAME + r")\s*(?:,|$)", rest[stop.end():])
        if named and named.group(1).split()[0] in load_first_names():
            offset += stop.end() + named.start(1)
            phrase = named.group(1)
    src = re.search(r"\b(?:from|by|of)\s+", phrase)
    if src and re.match(r"(?:an?|the)\s+\w+\s+(?:from|by|of)\b", phrase, re.IGNORECASE):
        offset += src.end()
        phrase = phrase[src.end():]
    phrase = phrase.strip()
    if not phrase:
        return None
    return _Attribution(phrase, base + offset, base + offset + len(phrase), "", -1, -1, "none", True)


def _clause_start(seg: str, pos: int) -> int:
    """Start of the clause ending at ``pos``: after the last , ; : — ( or sentence end.

    A point after an initial or a title abbreviation ("Steven E. Zipperstein",
    "Sen. Mary Jones") does not end a clause.
    """
    best = 0
    for m in re.finditer(r"[,;:(\u2014\u2013]|[.!?]\s|\s-\s", seg[:pos]):
        if m.group()[0] == "." and _abbreviation_before(seg, m.start()):
            continue
        best = m.end()
    return best


_TOKEN_BEFORE_RE = re.compile(r"([\w.]+)$")


def _abbreviation_before(text: str, dot: int) -> bool:
    """True when the point at ``dot`` closes an initial or an abbreviation ("E.", "Sen.")."""
    m = _TOKEN_BEFORE_RE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    token = m.group(1)
    return (len(token) == 1 and token.isupper()) or token.lower() in ABBREVIATIONS


def _last_word_start(text: str) -> int:
    """Start of the run of word characters (``\\w``) that ends ``text``; ``len(text)`` if none.

    A backwards scan: the regex ``(\\w+)$`` takes time quadratic in the length
    of a long word that does not end the text.
    """
    j = len(text)
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return j


def _subject_left(seg: str, base: int, verb_start: int) -> tuple[str, int, int] | None:
    """The noun phrase just before the verb (adverbs and an apposition skipped)."""
    local = verb_start - base
    left = seg[:local].rstrip()
    # skip adverbs and auxiliaries between subject and verb ("the letter also acknowledged",
    # "protesters were shouting", "she has repeatedly said")
    while True:
        cut = _last_word_start(left)
        if cut < len(left) and (left[cut:].lower() in ADVERBS or left[cut:].lower() in AUXILIARIES):
            left = left[:cut].rstrip()
            continue
        break
    if left.endswith(")"):  # "The World Health Organisation (WHO) recommends": drop the abbreviation
        opening = left.rfind("(")
        if opening > 0 and re.fullmatch(r"\([A-Z][A-Za-z0-9.&-]{0,9}\)", left[opening:]):
            left = left[:opening].rstrip()
    if left.endswith(","):  # "Jane Roe, a county spokeswoman, said"
        inner = left[:-1]
        comma = max(inner.rfind(","), inner.rfind("\u2014"), inner.rfind("\u2013"))
        if comma < 0 and len(inner.split()) <= SUBJECT_AFTER_COMMA_MAX:
            left = inner.rstrip()  # "Lydia Buchtmann for Food Standards Australia, says"
        if comma > 0:
            between = inner[comma + 1 :].split()
            if 0 < len(between) <= 4 and all(w[:1].isupper() for w in between) and between[0] in load_first_names():
                # "Education Secretary, Gillian Keegan, said": the apposition may be the name;
                # both parts stay in the subject and the name lookup picks the person
                left = inner.rstrip()
            else:
                left = inner[:comma].rstrip()
    start = _clause_start(left, len(left))
    phrase = left[start:].strip()
    phrase = re.sub(r"^(?:and|but|so|as|while|then)\s+", "", phrase, flags=re.IGNORECASE)
    lead = re.match(r"(?:(?:" + "|".join(sorted(ADVERBS)) + r")\s+)+", phrase, re.IGNORECASE)
    if lead and lead.end() < len(phrase):
        phrase = phrase[lead.end():]
    if not phrase or not re.search(r"\w", phrase):
        return None
    s = left.index(phrase, start)
    if _COORDINATED_RE.search(phrase):
        # a list of names before "X and Y" ("The Guardian, Express, Times and Metro report")
        while True:
            m = _LIST_ITEM_RE.search(left, 0, s)
            if m is None:
                break
            s = m.start(1)
        phrase = left[s:].strip()
    return phrase, base + s, base + s + len(phrase)


SUBJECT_AFTER_COMMA_MAX = 10
"""Longest sentence-opening subject that a comma may separate from its verb."""
_COORDINATED_RE = re.compile(r"^(?:the\s+)?[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3}\s+(?:and|&)\s+\S", re.IGNORECASE)
_LIST_ITEM_RE = re.compile(r"(?:^|(?<=[\s(]))((?:[Tt]he\s+)?[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3}),\s*$")


_RIGHT_STOP_RE = re.compile(
    r"[,;:.!?()\u2014\u2013\"\u201c\u201d]|\s-\s|\s(?:on|in|at|during|after|before|who|which|when|to)\s"
)


class _Shifted:
    """A match's positions relative to an offset (what searching ``rest[skip:]`` gave)."""

    def __init__(self, m: re.Match[str], offset: int) -> None:
        self._start, self._end = m.start() - offset, m.end() - offset

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _subject_right(seg: str, base: int, verb_end: int) -> tuple[str, int, int] | None:
    """The noun phrase after the verb ("said Jane Roe, a county spokeswoman")."""
    local = verb_end - base
    rest = seg[local:]
    m = re.match(r"\s+", rest)
    skip = m.end() if m else 0
    stop = None
    for cand in _RIGHT_STOP_RE.finditer(rest, skip):
        if cand.group()[0] == "." and _abbreviation_before(rest, cand.start()):
            continue  # "said Sen. Mary Jones"
        stop = cand
        break
    if stop is not None:
        stop = _Shifted(stop, skip)
    phrase = rest[skip : skip + stop.start()] if stop else rest[skip:]
    phrase = phrase.strip()
    if not phrase or not re.search(r"\w", phrase):
        return None
    s = local + skip
    if stop and rest[skip + stop.start()] == "," and not any(w[:1].isupper() for w in phrase.split()):
        # "said one of them, Ruth Okafor": a name in apposition names the speaker
        after = rest[skip + stop.end():]
        name = re.match(r"\s*((?:[A-Z][\w'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*)(?=\s*[,.;:!?]|\s*$)", after)
        if name:
            n0 = skip + stop.end() + name.start(1)
            return name.group(1), base + local + n0, base + local + n0 + len(name.group(1))
    return phrase, base + s, base + s + len(phrase)


def _parse_attribution(seg: str, base: int, verbs: VerbLexicon, after: bool) -> _Attribution | None:
    according = _according_to(seg, base)
    if according is not None:
        return according
    words = _words(seg, base)
    candidates: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(words):
        hit = _verb_at(words, i, verbs)
        if hit:
            size, form, cls = hit
            candidates.append((i, size, form, cls))
            i += size
        else:
            i += 1
    if candidates and not after and candidates[0][0] == 0 and candidates[0][2].endswith("ing"):
        # "Writing in a blog post, Matthew Ingram dubbed ...": the verbs of an opening
        # participle phrase are not the attribution; its subject is the main clause's
        comma = seg.find(",")
        candidates = [c for c in candidates if comma >= 0 and words[c[0]][0] - base > comma]
    if not candidates:
        return None
    pick = 0 if after else len(candidates) - 1
    i, size, form, cls = candidates[pick]
    v_start, v_end = words[i][0], words[i + size - 1][1]
    if form.endswith("ing") and not after:
        reduced = _REDUCED_RELATIVE_RE.search(seg, 0, v_start - base)
        if reduced:  # "a message stating", "with one poster writing": the noun before the participle
            s_start = base + reduced.start(1)
            return _Attribution(reduced.group(1), s_start, s_start + len(reduced.group(1)), form, v_start, v_end, cls)
    if _is_participle(seg, base, v_start, form) or (after and form.endswith("ing") and not seg[: v_start - base].strip(" ,\u00a0")):
        # ", saying", ", arguing Russia is ...": the participle has no subject of its own; the
        # resolver takes the subject of the clause it hangs from ("Begum regrets ..., saying:")
        return _Attribution("", -1, -1, form, v_start, v_end, cls)
    else:
        subject = _subject_left(seg, base, v_start)
        if subject is None or (after and subject[0].lower().startswith(("per ",))):
            subject = _subject_right(seg, base, v_end)
        if subject is None:
            return None
    if subject[0].strip().lower() in CONJUNCTIONS:
        # "X repeated that ..., but added "..."": the verb shares the subject of the speech
        # verb before it in the sentence; with none, the resolver finds the sentence's subject
        earlier = _earlier_subject(seg, base, words, candidates[:pick])
        if earlier is None:
            return _Attribution("", -1, -1, form, v_start, v_end, cls)
        subject = earlier
    text, s_start, s_end = subject
    return _Attribution(text, s_start, s_end, form, v_start, v_end, cls)


_REDUCED_RELATIVE_RE = re.compile(r"\b((?:a|an|one)\s+[a-z]+(?:\s+[a-z]+)?)\s+$")
"""An indefinite noun phrase right before a participle: "a message stating", "one poster writing"."""


def _is_participle(seg: str, base: int, verb_start: int, form: str) -> bool:
    """True for a speech verb in -ing right after a comma or a dash ("..., saying:")."""
    if not form.endswith("ing"):
        return False
    return seg[: verb_start - base].rstrip()[-1:] in (",", "\u2014", "\u2013")


def _earlier_subject(
    seg: str, base: int, words: list[tuple[int, int, str]], earlier: Sequence[tuple[int, int, str, str]]
) -> tuple[str, int, int] | None:
    """The subject of the last earlier speech verb of the segment that has one of its own."""
    for i, _, form, _ in reversed(earlier):
        v_start = words[i][0]
        if _is_participle(seg, base, v_start, form):
            return None
        subject = _subject_left(seg, base, v_start)
        if subject is not None and subject[0].strip().lower() not in CONJUNCTIONS:
            return subject
    return None


def _segment_after(doc: Document, raw: _Raw, limit: int) -> tuple[str, int] | None:
    """Reporter text after a closed quote that can hold its attribution."""
    if raw.close_mark < 0:
        return None
    start = raw.close_mark + 1
    seg = doc.body[start:limit]
    m = next((e for e in _SENTENCE_END_RE.finditer(seg) if not _abbreviation_before(seg, e.start())), None)
    if m:
        seg = seg[: m.start()]
    stripped = seg.lstrip(" \u00a0,")
    if not stripped.strip():
        return None
    last = doc.body[raw.start : raw.end].rstrip()[-1:]
    first = stripped[:1]
    lead = seg.lstrip(" \u00a0")[:1]
    if last in ".!?" and not (first.islower() or lead in ",\u2014\u2013-"):
        return None  # the quote ended a sentence and a new one begins
    return seg, start


def _colon_lead_in(doc: Document, paragraph: int) -> tuple[str, int] | None:
    """The last sentence of a paragraph that ends with a colon, outside any quote."""
    para = doc.paragraphs[paragraph]
    text = doc.body[para.start : para.end]
    if not text.endswith(":") or any(ch in DOUBLE_MARKS for ch in text[-1:]):
        return None
    ends = list(_SENTENCE_END_RE.finditer(text))
    cut = ends[-1].end() if ends else 0
    if any(ch in DOUBLE_MARKS for ch in text[cut:]):
        return None  # the colon closes a sentence that holds a quote of its own
    return text[cut:], para.start + cut


def _segment_before(doc: Document, raw: _Raw, limit: int) -> tuple[str, int] | None:
    """Reporter text before a quote, back to the start of its sentence."""
    seg = doc.body[limit : raw.open_mark]
    ends = [e for e in _SENTENCE_END_RE.finditer(seg) if not _abbreviation_before(seg, e.start())]
    cut = ends[-1].end() if ends else 0
    seg_text = seg[cut:]
    if not seg_text.strip():
        return None
    return seg_text, limit + cut


# ----------------------------------------------------------------------------
# speakers


def _is_document_phrase(phrase: str, cues: NameCues) -> str | None:
    words = re.findall(r"[\w’'-]+", phrase.lower())
    if not words or words[0] not in ("the", "a", "an", "this", "that", "its", "their", "his", "her"):
        return None
    for w in words[1:4]:
        if w in cues.document_nouns:
            return f"the {w}"
    return None


class _Lookups:
    """Names and document mentions of one document, indexed once.

    Resolving a speaker then costs a few bisections instead of a pass over
    every name (or over the text before the quote), which kept long articles
    with many quotes from taking quadratic time.
    """

    def __init__(
        self,
        doc: Document,
        people: Sequence[NameMention],
        cues: NameCues,
        quoted: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.body = doc.body
        self.cues = cues
        ordered = sorted(people, key=lambda p: p.start)  # stable: reading order kept on ties
        self.people = ordered
        self.starts = [p.start for p in ordered]
        self.persons = [p for p in ordered if p.kind == "person"]
        self.person_starts = [p.start for p in self.persons]
        self.orgs = [p for p in ordered if p.kind == "organisation"]
        self.org_starts = [p.start for p in self.orgs]
        self.full_names = [p.canonical for p in people if p.kind == "person"]
        self.full_set = frozenset(self.full_names)
        self.canonical = canonical_lookup(self.full_names)
        self.quoted = merge_ranges(quoted)
        self.sentence_starts = [s.start for s in doc.sentences]
        self.acronyms = acronyms(doc.body)
        # every document phrase of the body, and for each the last usable one so far
        self.matches = [(m.start(), m.end(), _document_noun(m, cues)) for m in _DOC_PHRASE_RE.finditer(doc.body)]
        self.match_ends = [e for _, e, _ in self.matches]
        self.last_usable: list[int] = []
        last = -1
        for k, (pos, _, noun) in enumerate(self.matches):
            if noun is not None and not self.in_quoted(pos):
                last = k
            self.last_usable.append(last)

    def in_quoted(self, pos: int) -> bool:
        """True when ``pos`` lies inside a quoted range."""
        i = bisect_right(self.quoted, (pos, math.inf)) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def last_document_mention(self, at: int) -> tuple[int, str]:
        """The last document phrase written before ``at`` outside quotes: (position, noun).

        The same answer as scanning ``body[:at]``: phrases that end by ``at``
        come from the whole-body scan, and one that runs past ``at`` is
        scanned again cut at ``at``.
        """
        k = bisect_right(self.match_ends, at)
        if k < len(self.matches) and self.matches[k][0] < at:
            tail = [
                (m.start(), _document_noun(m, self.cues))
                for m in _DOC_PHRASE_RE.finditer(self.body, self.matches[k][0], at)
            ]
            for pos, noun in reversed(tail):
                if noun is not None and not self.in_quoted(pos):
                    return pos, noun
        j = self.last_usable[k - 1] if k else -1
        if j < 0:
            return -1, ""
        return self.matches[j][0], self.matches[j][2] or ""


_ACRONYM_RE = re.compile(r"\((?P<acr>[A-Z][A-Za-z0-9]{1,7})\)")
_ACRONYM_WORD_RE = re.compile(r"[\w'\u2019&.-]+")


def acronyms(body: str) -> dict[str, str]:
    """Abbreviations the text defines in brackets after the full name.

    "the Prime Minister's Spokesman (PMS)" defines PMS, "Korean Central News
    Agency (KCNA)" defines KCNA: the bracketed capitals are the initials of the
    words right before them (all words, or the capitalised ones only:
    "Ministry of Justice (MOJ)"). An abbreviation is defined once, by its
    first definition.

    Parameters
    ----------
    body : str

    Returns
    -------
    dict
        Abbreviation -> full name as written.
    """
    out: dict[str, str] = {}
    if "(" not in body:
        return out
    for m in _ACRONYM_RE.finditer(body):
        acr = m.group("acr")
        if acr in out or sum(c.isupper() for c in acr) < 2:
            continue
        before = list(_ACRONYM_WORD_RE.finditer(body, max(0, m.start() - 120), m.start()))
        for k in range(1, min(len(before), len(acr) + 3) + 1):
            words = [w.group() for w in before[-k:]]
            if not words[0][:1].isupper():
                continue
            every = "".join(w[0] for w in words).lower()
            caps = "".join(w[0] for w in words if w[:1].isupper()).lower()
            if acr.lower() in (every, caps):
                out[acr] = body[before[-k].start() : before[-1].end()]
                break
    return out


def _resolve(
    attr: _Attribution,
    at: int,
    lookups: _Lookups,
    state: _State,
    cues: NameCues,
    sentence: str,
    sentence_start: int = 0,
) -> tuple[str, bool]:
    """Canonical speaker for an attribution; second value: is it a person.

    An abbreviation the text defined ("the PMS" after "the Prime Minister's
    Spokesman (PMS)") is given in full; a bracketed abbreviation after the
    subject is dropped from it.
    """
    if "(" in attr.subject:
        attr = replace(attr, subject=_ACRONYM_RE.sub("", attr.subject).rstrip())
    elif attr.subject.endswith(")"):  # the subject began inside the brackets: "(PMS) told"
        attr = replace(attr, subject=attr.subject[:-1])
    speaker, is_person = _resolve_subject(attr, at, lookups, state, cues, sentence, sentence_start)
    if not is_person:
        speaker = _group_of_organisation(speaker, lookups)
    if not lookups.acronyms:
        return speaker, is_person
    bare = re.sub(r"^(?:the|a|an)\s+", "", speaker, flags=re.IGNORECASE)
    full = lookups.acronyms.get(bare) or lookups.acronyms.get(bare.upper())
    if full:
        return lookups.canonical(full), is_person
    return speaker, is_person


GROUP_NOUNS = frozenset({"officials", "officers", "representatives", "sources", "authorities", "staff", "executives"})
"""Plural nouns for the people who speak for an organisation ("NASA officials" speak as NASA)."""
_DEMONYM_RE = re.compile(r"[A-Z][a-z]+(?:ian|ese|ish|an|i)")


def _group_of_organisation(speaker: str, lookups: _Lookups) -> str:
    """The organisation a group of its officials stands for: "NASA officials" -> "NASA",
    "U.N. senior officials" -> "U.N."; any other speaker unchanged.

    A spokesperson stays a source of its own ("Home Office spokesperson"), and a
    nationality ("Ukrainian officials") is not an organisation's name.
    """
    words = speaker.split()
    if len(words) < 2 or words[-1].lower() not in GROUP_NOUNS:
        return speaker
    rest = words[:-1]
    if rest[0].lower() in ("the", "a", "an"):
        rest = rest[1:]
    while rest and rest[-1].islower():
        rest = rest[:-1]  # "senior", "local"
    if not rest or not all(w[:1].isupper() for w in rest):
        return speaker
    name = " ".join(rest)
    if name in lookups.full_set or (len(rest) == 1 and _DEMONYM_RE.fullmatch(name)):
        return speaker
    return name


def _resolve_subject(
    attr: _Attribution,
    at: int,
    lookups: _Lookups,
    state: _State,
    cues: NameCues,
    sentence: str,
    sentence_start: int = 0,
) -> tuple[str, bool]:
    """Canonical speaker for an attribution's subject; second value: is it a person."""
    subject = attr.subject.strip()
    parts = _coordinated(subject)
    if parts:
        # "The Prime Minister and President", "The Guardian, Express and Metro": each part on its own
        names: list[str] = []
        people = True
        for part, offset in parts:
            sub = replace(attr, subject=part, subject_start=attr.subject_start + offset,
                          subject_end=attr.subject_start + offset + len(part))
            name, is_person = _resolve_subject(sub, at, lookups, state, cues, sentence, sentence_start)
            name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
            if not name or not name[:1].isupper():
                names = []
                break
            if name not in names:
                names.append(name)
            people = people and is_person
        if len(names) >= 2:
            return "; ".join(names), people
    relative = _relative_subject(attr, lookups, cues)
    if isinstance(relative, tuple):
        return relative
    if relative is not None:
        attr, subject = relative, relative.subject
    low = subject.lower()
    if not subject:  # shared subject: the sentence's last clause subject, else its last name before the quote
        until = attr.verb_start if 0 <= attr.verb_start < at else at
        who = _RELATIVE_WHO_RE.search(lookups.body[sentence_start:until]) if until > sentence_start else None
        if who is not None:  # "comments from Begum's father, who is reported ... and said"
            found = _antecedent(sentence_start + who.start(), lookups, cues)
            if found is not None:
                return found
        k = bisect_left(lookups.starts, until) - 1
        while k >= 0 and lookups.starts[k] >= sentence_start:
            p = lookups.people[k]
            if opens_clause(lookups.body, p.start, sentence_start):
                return p.canonical, p.kind == "person"
            k -= 1
        k = bisect_left(lookups.starts, at) - 1
        if k >= 0 and lookups.starts[k] >= sentence_start:
            p = lookups.people[k]
            return p.canonical, p.kind == "person"
        return state.speaker, False
    if low in PRONOUNS_PERSON:
        anchor = attr.subject_start if 0 <= attr.subject_start < at else at  # never a name after the pronoun
        return _pronoun_person(low, anchor, lookups) or subject, True
    if low == "they" or _PLURAL_PEOPLE_RE.fullmatch(low):
        group = _people_just_named(at, lookups, sentence_start)
        if group:
            return group, True
    if low in PRONOUNS_OTHER:
        pos, name = _last_other_mention(lookups, at, documents=(low == "it"))
        if state.last_other and state.last_other_at > pos:
            name = state.last_other
        return (name or subject), False
    doc_phrase = _is_document_phrase(subject, cues)
    if doc_phrase:
        return doc_phrase, False
    spokes = _spokesperson(subject)
    if spokes:
        if spokes.lower() in SPOKESPERSON_NOUNS:  # "the spokesperson": the one introduced before
            spokes = _earlier_spokesperson(lookups.body, attr.subject_start if attr.subject_start >= 0 else at, spokes)
        return spokes, False
    role = _role_person(subject, attr.subject_start if attr.subject_start >= 0 else at, lookups, cues)
    if not role and 0 <= attr.subject_start < lookups.body.find("\n"):
        # a headline's role noun ("Minister celebrates ...") names someone the article names later
        role = _role_person(subject, len(lookups.body), lookups, cues, lax=False)
    if not role and attr.subject_start >= 0 and _is_definite_role(subject, cues):
        # "The Labour frontbencher told the BBC" after a sentence about Yvette Cooper
        role = last_subject(attr.subject_start, lookups.persons, lookups.body, lookups.sentence_starts)
    if role:
        return role, True
    # a name written in the subject (title and description removed); of several, the
    # last person's ("South Swindon MP Robert Buckland": a place and a role come first)
    k = bisect_left(lookups.starts, attr.subject_start)
    first: NameMention | None = None
    last_person: NameMention | None = None
    while k < len(lookups.people) and lookups.starts[k] < attr.subject_end:
        p = lookups.people[k]
        if p.end <= attr.subject_end:
            first = first or p
            if p.kind == "person":
                last_person = p
        k += 1
    if last_person is not None:
        return last_person.canonical, True
    if first is not None:
        return first.canonical, False
    # a generic group ("this group of men") speaking through a document named in the sentence
    medium = _document_mentions(sentence, cues, medium_only=True)
    if medium and not subject[:1].isupper():
        return f"the {medium[0][1]}", False
    if attr.according_to:
        return re.sub(r"^(?:the|a|an)\s+", "the ", subject, flags=re.IGNORECASE), False
    unnamed = _unnamed_source(subject)
    if unnamed:
        return unnamed, False
    if subject[:1].isupper() and len(subject.split()) <= 4:
        name = lookups.canonical(subject)
        return name, name in lookups.full_set
    return low if low.startswith(("the ", "a ", "an ")) else subject, False


_RELATIVE_WHO_RE = re.compile(r",[ \t]+who\s(?!.*,[ \t]+who\s)", re.DOTALL)
_PRONOUN_END_RE = re.compile(r"\b(?:where|when|as|and|but|after|before|while|because)\s+(he|she|they|it)$", re.IGNORECASE)
_RELATIVE_END_RE = re.compile(r"(?:^|\s)(who|which)$", re.IGNORECASE)
_POSSESSED_RE = re.compile(r"([A-Z][\w'\u2019-]*['\u2019]s\s+[a-z]+)$")


def _relative_subject(
    attr: _Attribution, lookups: _Lookups, cues: NameCues
) -> _Attribution | tuple[str, bool] | None:
    """What a subject that ends a longer clause stands for.

    "... was interviewed on the Today Programme where she said": the subject is
    "she"; "... passed a note to the teller which stated": the note;
    "Mr Justice Bryan, who described": Mr Justice Bryan; "... his daughter's
    citizenship and said": the sentence's subject (an empty subject). Returns a
    new attribution, a resolved (speaker, is person), or None for any other subject.
    """
    subject = attr.subject.strip()
    if attr.subject_start < 0 or not subject:
        return None
    m = _PRONOUN_END_RE.search(subject)
    if m:
        start = attr.subject_start + attr.subject.index(subject) + m.start(1)
        return replace(attr, subject=m.group(1), subject_start=start, subject_end=start + len(m.group(1)))
    if re.search(r"\s(?:and|but)$", subject):
        return replace(attr, subject="", subject_start=-1, subject_end=-1)
    m = _RELATIVE_END_RE.search(subject)
    if m:
        return _antecedent(attr.subject_start + attr.subject.index(subject) + m.start(1), lookups, cues)
    return None


def _antecedent(at: int, lookups: _Lookups, cues: NameCues) -> tuple[str, bool] | None:
    """The noun phrase a relative pronoun at ``at`` refers to: a name ending right before it
    (", who"), a possessed noun ("Begum's father, who"), or a document ("a note ... which")."""
    before = lookups.body[max(0, at - 160) : at].rstrip().rstrip(",").rstrip()
    end = at - (at - max(0, at - 160) - len(before))
    k = bisect_left(lookups.starts, end) - 1
    if k >= 0 and lookups.people[k].end >= end - 2:
        p = lookups.people[k]
        return p.canonical, p.kind == "person"
    m = _POSSESSED_RE.search(before)
    if m:
        return m.group(1), False
    words = re.findall(r"[\w'\u2019-]+", before)[-6:]
    for w in reversed(words):
        if w.lower() in cues.document_nouns:
            return f"the {w.lower()}", False
    return None


UNNAMED_SOURCES = frozenset({
    "police", "officials", "authorities", "investigators", "prosecutors", "residents", "witnesses",
    "experts", "analysts", "critics", "scientists", "researchers", "doctors", "officers", "lawyers",
    "sources", "protesters", "campaigners", "activists", "organisers", "organizers", "neighbours",
    "neighbors", "parents", "teachers", "students", "economists", "firefighters", "paramedics",
    "regulators", "lawmakers", "legislators", "opponents", "supporters", "locals", "staff",
    "employees", "workers", "volunteers", "observers", "diplomats", "negotiators", "rescuers",
})
"""Plural nouns that name an unnamed group of sources ("Officials said" -> "officials")."""


def _unnamed_source(subject: str) -> str:
    """An unnamed source as the guide writes it: the phrase without its article, or "".

    "The ministry" -> "ministry", "a county spokeswoman" -> "county spokeswoman",
    "Officials" -> "officials". Phrases with a capitalised word after the article
    (names), a possessive ("the mayor's office") or a document noun are left to the
    other rules.
    """
    words = subject.split()
    if len(words) == 1 and words[0].lower() in UNNAMED_SOURCES:
        return words[0].lower()
    if len(words) < 2 or words[0].lower() not in ("the", "a", "an", "one") or len(words) > 5:
        return ""
    rest = words[1:]
    if any(not w.islower() or "'" in w or "\u2019" in w for w in rest):
        return ""
    return " ".join(rest)


SPOKESPERSON_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen", "spokeswomen"})
ROLE_EXTRA = frozenset({
    "frontbencher", "backbencher", "mp", "mep", "msp", "minister", "secretary", "leader", "chief", "head",
    "boss", "presenter", "host", "interviewer", "chancellor", "premier", "chairman", "chairwoman",
    "executive", "officer", "commander", "governor", "senator", "congressman", "congresswoman",
    "pm", "detective", "inspector", "superintendent", "prosecutor", "judge", "mayor",
})
"""Role nouns that can stand for a person named earlier ("the frontbencher", "the Crime Minister")."""


def _spokesperson(subject: str) -> str:
    """An unnamed spokesperson as the guide writes it ("A Home Office spokesperson" ->
    "Home Office spokesperson"), or "" when the subject is not one."""
    words = subject.split()
    if not words or len(words) > 8 or words[-1].lower() not in SPOKESPERSON_NOUNS:
        return ""
    if words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


_NAMED_SPOKESPERSON_RE = re.compile(
    r"\b(?P<org>[A-Z][\w'\u2019.&-]*(?:[ \t]+(?:(?:and|of|for|the)[ \t]+)?[A-Z][\w'\u2019.&-]*){0,6})[ \t]+"
    r"(?P<noun>spokesperson|spokesman|spokeswoman)\b"
)


def _earlier_spokesperson(body: str, at: int, noun: str) -> str:
    """A bare "the spokesperson" is the organisation's spokesperson introduced before ``at``
    ("A Scottish Fire and Rescue Service spokesperson said ... the spokesperson continued");
    ``noun`` itself when none was."""
    last = None
    for m in _NAMED_SPOKESPERSON_RE.finditer(body, max(0, at - 3000), at):
        if m.group("noun") == noun.lower():
            last = m
    if last is None:
        return noun
    org = re.sub(r"^(?:The|A|An)[ \t]+", "", last.group("org"))
    return f"{org} {last.group('noun')}" if org else noun


@lru_cache(maxsize=8)
def _lower_titles(titles: frozenset[str]) -> frozenset[str]:
    return frozenset(t.lower() for t in titles)


def _role_person(subject: str, at: int, lookups: _Lookups, cues: NameCues, lax: bool = True) -> str:
    """The person a role noun stands for, or "".

    "The Labour frontbencher", "the Cabinet Secretary", "Host": the head noun
    is a role (a title of ``name_cues.yml`` or :data:`ROLE_EXTRA`), and the
    person is the last one named before ``at`` with that role written just
    before the name ("Cabinet Secretary Humza Yousaf") or in an apposition
    after it ("Humza Yousaf, the Cabinet Secretary"), the whole role first
    ("Prime Minister Justin Trudeau" for "the Prime Minister"), then its head
    noun. A role followed by a comma with no article before it is someone
    addressed ("Prime Minister, Peter Costello said..."), not an apposition.
    With ``lax``, and no such person, the last person after whose name the
    role's head noun comes up within the next 80 characters ("... Eluned
    Morgan. The minister was speaking"). Abstains (returns "") otherwise.
    """
    words = subject.replace("\u2019s", "").replace("'s", "").split()
    if not words or len(words) > 5:
        return ""
    if words[0].lower() in ("the", "a", "an", "his", "her", "their"):
        words = words[1:]
    if not words:
        return ""
    head = words[-1].lower()
    if head not in _lower_titles(cues.titles) and head not in ROLE_EXTRA or head in SPOKESPERSON_NOUNS:
        return ""
    role = [w.lower() for w in words]
    # first the person named with the whole role ("Prime Minister Justin Trudeau" for "the Prime
    # Minister"), then with its head noun only ("Minister Duncan" for "the minister")
    for wanted in ([role, [head]] if len(role) > 1 else [[head]]):
        found = _person_with_role(wanted, at, lookups)
        if found:
            return found
    if not lax:
        return ""
    # else the last person right before whom the role noun comes up again within a line or two
    # ("... – Eluned Morgan. The minister was speaking ...")
    i = bisect_left(lookups.person_starts, at) - 1
    seen = 0
    while i >= 0 and seen < 40:
        p = lookups.persons[i]
        if head in lookups.body[p.end : min(p.end + 80, at)].lower().replace(",", " ").split()[:8]:
            return p.canonical
        i -= 1
        seen += 1
    return ""


_WORD_CHARS_RE = re.compile(r"[\w'\u2019-]+")


def _person_with_role(role: Sequence[str], at: int, lookups: _Lookups) -> str:
    """The last person named before ``at`` with ``role`` (lower-case words) written right before
    the name or in an apposition right after it ("Victoria Atkins, the Crime Minister,")."""
    n = len(role)
    i = bisect_left(lookups.person_starts, at) - 1
    seen = 0
    while i >= 0 and seen < 40:
        p = lookups.persons[i]
        # the role right before the name ("Prime Minister Justin Trudeau", "crime minister Victoria
        # Atkins"), or with a comma after "the" ("The Crime Minister, Victoria Atkins"); a role
        # with a comma and no article is someone addressed ("Prime Minister, Peter Costello said")
        lead = lookups.body[max(0, p.start - 80) : p.start].lower()
        before = (_role_lead_re(tuple(role)).search(lead) is not None)
        # an apposition: the words after the name's comma, up to the end of the clause; never the
        # subject itself, and never the next sentence
        tail = lookups.body[p.end : min(p.end + 80, at)]
        after: list[str] = []
        if tail[:1] in (",", "(") or tail[:2] == " (":
            clause = re.split(r"[.;:!?\n]|,\s+(?:said|says|told|and)\b", tail[1:], maxsplit=1)[0]
            after = [w.lower() for w in _WORD_CHARS_RE.findall(clause)][:8]
        if before or _contains(after, role):
            return p.canonical
        i -= 1
        seen += 1
    return ""


_PART_SPLIT_RE = re.compile(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")


def _coordinated(subject: str) -> list[tuple[str, int]]:
    """The parts of a subject that lists two to six sources ("The Prime Minister and President",
    "The Guardian, Express, Times and Metro"), with their offsets; [] for any other subject.

    Every part must be capitalised words after an optional article ("of" and "for" allowed
    inside), and hold at most four words, so "the minister and her deputy" and "Fire and
    Rescue Service spokesperson" are not lists.
    """
    if " and " not in subject and " & " not in subject:
        return []
    out: list[tuple[str, int]] = []
    pos = 0
    for m in [*_PART_SPLIT_RE.finditer(subject), None]:
        end = m.start() if m else len(subject)
        part = subject[pos:end].strip()
        bare = re.sub(r"^(?:the|a|an)\s+", "", part, flags=re.IGNORECASE)
        if not bare or len(part.split()) > 4 or not all(w[:1].isupper() or w in ("of", "for") for w in bare.split()):
            return []  # "Scottish Fire and Rescue Service spokesperson" is one phrase, not a list
        out.append((part, subject.index(part, pos)))
        pos = m.end() if m else len(subject)
    return out if 2 <= len(out) <= 6 else []


@lru_cache(maxsize=256)
def _role_lead_re(role: tuple[str, ...]) -> re.Pattern[str]:
    """The role written just before a name: "... prime minister ", "cabinet secretary for justice "
    or "the prime minister, "."""
    words = r"[\s\u00a0]+".join(re.escape(w) for w in role)
    of = r"(?:[\s\u00a0]+(?:for|of|to)[\s\u00a0]+(?:the[\s\u00a0]+)?[\w-]+(?:[\s\u00a0]+[\w-]+)?)?"
    # a portfolio listed after "for" and closed by a comma: "Minister for Culture, Tourism and Sport, "
    portfolio = r"[\s\u00a0]+for[\s\u00a0]+[\w-]+(?:(?:,|[\s\u00a0]+and)[\s\u00a0]+[\w-]+){1,4},"
    return re.compile(
        rf"(?:\b{words}(?:['\u2019]s)?(?:{of}|{portfolio})[\s\u00a0]+"
        rf"|\bthe[\s\u00a0]+(?:[\w-]+[\s\u00a0]+){{0,2}}?{words},[\s\u00a0]+)$"
    )


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    """True when ``part`` occurs in ``words`` as consecutive words."""
    n = len(part)
    return any(list(words[k : k + n]) == list(part) for k in range(len(words) - n + 1))


_PLURAL_PEOPLE_RE = re.compile(
    r"(?:the\s+)?(?:two\s+|both\s+)?(?:leaders|ministers|men|women|pair|couple|officials|presidents|both)"
)
"""Plural subjects that refer back to the people just named ("the two leaders", "The Ministers")."""


def _people_just_named(at: int, lookups: _Lookups, sentence_start: int) -> str:
    """"A; B" when the sentence before ``at`` (or the one holding it) names two or more people.

    "they" or "the two leaders" after "Prime Minister Justin Trudeau met President Donald
    Trump" is both of them, in order of first mention; "" when fewer than two people were
    named there (the caller then resolves "they" as before).
    """
    k = bisect_left(lookups.sentence_starts, sentence_start + 1) - 1
    lo = lookups.sentence_starts[k - 1] if k >= 1 else 0
    i = bisect_left(lookups.person_starts, at) - 1
    names: list[str] = []
    while i >= 0 and lookups.person_starts[i] >= lo:
        name = lookups.persons[i].canonical
        if name not in names:
            names.append(name)
        i -= 1
    if len(names) < 2 or len(names) > 4:
        return ""
    return "; ".join(reversed(names))


PRONOUN_GENDER = {"he": "male", "she": "female"}
PRONOUN_LOOKBACK = 8
"""People named before a pronoun that are tried, newest first, for gender agreement."""


def _pronoun_person(pronoun: str, at: int, lookups: _Lookups) -> str:
    """The person "he" or "she" refers to, or "" when there is none to agree with.

    The last person named before ``at`` whose gender (by first name, from the
    packaged list) agrees with the pronoun, or whose gender is unknown; a
    person of the other gender is skipped. Names written after the quote are
    never candidates.
    """
    want = PRONOUN_GENDER[pronoun]
    first_names = load_first_names()
    salient = salient_person(want, at, lookups.persons, lookups.body, lookups.sentence_starts, first_names)
    if salient:
        return salient
    i = bisect_left(lookups.person_starts, at) - 1
    tried = 0
    while i >= 0 and tried < PRONOUN_LOOKBACK:
        p = lookups.persons[i]
        gender = name_gender(p.canonical, first_names)
        if gender in ("", want):
            return p.canonical
        i -= 1
        tried += 1
    return ""


def _last_other_mention(lookups: _Lookups, at: int, documents: bool = True) -> tuple[int, str]:
    """The last organisation (or, with ``documents``, document) named before ``at``."""
    best_pos, best = -1, ""
    i = bisect_left(lookups.org_starts, at) - 1
    if i >= 0:
        while i > 0 and lookups.org_starts[i - 1] == lookups.org_starts[i]:
            i -= 1  # the first of several names at one place
        best_pos, best = lookups.org_starts[i], lookups.orgs[i].canonical
    if documents:
        pos, noun = lookups.last_document_mention(at)
        if pos > best_pos:
            best_pos, best = pos, f"the {noun}"
    return best_pos, best


_PHRASE = r"(?:the|a|an|its|their|this)\s+((?:[\w\u2019'-]+\s+){0,2}[\w\u2019'-]+)"
_DOC_PHRASE_RE = re.compile(r"\b" + _PHRASE, re.IGNORECASE)
_MEDIUM_PHRASE_RE = re.compile(r"\b(?:in|through|via)\s+" + _PHRASE, re.IGNORECASE)


def _document_noun(m: re.Match[str], cues: NameCues) -> str | None:
    """The first document noun ("letter") among a phrase's words, lower case."""
    for w in m.group(1).split():
        if w.lower() in cues.document_nouns:
            return w.lower()
    return None


def _document_mentions(text: str, cues: NameCues, medium_only: bool = False) -> list[tuple[int, str]]:
    """Positions of noun phrases headed by a document noun ("an open letter").

    With ``medium_only``, only phrases introduced by in/through/via ("In an
    open letter to Hollywood, ...").
    """
    pattern = _MEDIUM_PHRASE_RE if medium_only else _DOC_PHRASE_RE
    out = []
    for m in pattern.finditer(text):
        noun = _document_noun(m, cues)
        if noun is not None:
            out.append((m.start(), noun))
    return out


# ----------------------------------------------------------------------------
# kinds


def _is_partial(doc: Document, raw: _Raw) -> bool:
    """True when the nearest non-space character before the opening mark is a letter or digit."""
    if raw.continued:
        return False
    j = raw.open_mark - 1
    while j >= 0 and doc.body[j].isspace():
        j -= 1
    if j >= 1 and doc.body[j] in "'\u2019" and doc.body[j - 1] in "sS":
        return True  # after a plural possessive: described him as the Democrats’ “own Donald Trump”
    return j >= 0 and doc.body[j].isalnum()


def _is_name(doc: Document, raw: _Raw) -> bool:
    """A quoted name or scare quote rather than speech.

    Short (at most :data:`NAME_MAX_WORDS` words, no sentence punctuation at the
    end) and either without any attribution, or a Title Case run of two or more
    words ("Safe Streets Now", a study's title) with no attribution after it.
    """
    if raw.close_mark < 0 or raw.continued or raw.continues:
        return False
    if doc.body[raw.open_mark - 1 : raw.open_mark] == "(" and doc.body[raw.close_mark + 1 : raw.close_mark + 2] == ")":
        return True  # a short form defined in brackets: Blessings in No Time (“BINT”)
    if doc.body[raw.open_mark] in "'\u2018":
        para = doc.paragraphs[raw.paragraph]
        if _is_headline(doc.body[para.start : para.end]) and _primary_style(doc.body) == "double":
            return False  # a headline's single marks in a double-mark article: a quote (see _find_spans)
    text = doc.body[raw.start : raw.end]
    words = [text[w.start : w.end] for w in word_spans(text)]
    if not words or len(words) > NAME_MAX_WORDS or re.search(r"[.!?;:]$", text):
        return False
    if raw.attribution is None:
        return True
    attr = raw.attribution
    if (
        not raw.attr_after
        and attr.verb.split()[:1] != [] and attr.verb.split()[0] in NAMING_VERBS
        and not re.search(r"\w", doc.body[attr.verb_end : raw.open_mark])
    ):
        return True  # a group called "Safe Streets Now": the verb names, nobody speaks
    small = {"a", "an", "the", "of", "for", "to", "and", "in", "on", "at", "by", "or"}
    title_case = len(words) >= 2 and all(w[:1].isupper() or w in small for w in words)
    return title_case and not raw.attr_after


def _sentence_bounds(doc: Document, pos: int, starts: Sequence[int] | None = None) -> tuple[int, int]:
    if starts is None:
        starts = [s.start for s in doc.sentences]
    i = bisect_left(starts, pos + 1) - 1
    if i < 0:
        return (0, len(doc.body))
    s = doc.sentences[i]
    return s.start, max(s.end, pos + 1)


# ----------------------------------------------------------------------------
# main entry


def quoted_ranges(quotes: Sequence[Quote], kinds: frozenset[str] = SPEECH_KINDS) -> list[tuple[int, int]]:
    """(start, end) of every quote of the given kinds, in order."""
    return [(q.start, q.end) for q in quotes if q.kind in kinds]


def extract_quotes(
    doc: Document,
    verbs: VerbLexicon | None = None,
    cues: NameCues | None = None,
    reported: bool = False,
) -> tuple[Quote, ...]:
    """Find every direct quote in a document, with speaker and attribution verb.

    Parameters
    ----------
    doc : Document
        A segmented article (:func:`analysis.text.document.make_document`).
    verbs : VerbLexicon, optional
        Speech verbs; the packaged list by default.
    cues : NameCues, optional
        Name word lists; the packaged lists by default.
    reported : bool, default False
        Also return reported speech (:mod:`analysis.speech.reported`): rows of kind
        ``indirect`` and ``mixed`` whose span is the reported content, with
        the cue in ``verb``. They come after the direct quotes' ids and are
        merged into reading order. The per-article pipeline
        (:func:`analysis.pipeline.analyse_article`) asks for them.

    Returns
    -------
    tuple of Quote
        In reading order. Offsets exclude the quotation marks.

    Notes
    -----
    The work runs in phases, each a function that takes and returns plain
    values: quotation-mark spans (:func:`_find_spans`), the names outside
    them (:func:`_index_names`), ``partial`` or ``full``
    (:func:`_classify_kinds`), the attribution next to each span
    (:func:`_attach_attributions`), quoted names (:func:`_mark_names`),
    spans that share an attribution (:func:`_group_spans`, :func:`_quote_ids`),
    speakers with pronouns and continuations resolved
    (:func:`_resolve_speakers`), speech without marks
    (:func:`_add_unmarked_speech`) and reported speech (:func:`_with_reported`).

    Examples
    --------
    >>> from analysis.text.document import make_document
    >>> q = extract_quotes(make_document('"We won," said Jane Roe. "Again."'))
    >>> [(x.text, x.speaker, x.verb, x.quote_id) for x in q]
    [('We won,', 'Jane Roe', 'said', 1), ('Again.', 'Jane Roe', 'said', 1)]
    """
    verbs = verbs or load_verbs()
    cues = cues or load_name_cues()
    raws = _find_spans(doc)
    if not raws and not reported and ":" not in doc.body and "Q " not in doc.body:
        return ()  # no marks, and no colon for a block quote or a transcript label
    lookups = _index_names(doc, raws, cues)
    raws = _classify_kinds(doc, raws)
    raws = _attach_attributions(doc, raws, verbs)
    raws = _mark_names(doc, raws)
    ids, next_id = _quote_ids(raws, _group_spans(doc, raws))
    direct = _resolve_speakers(doc, raws, ids, lookups, cues)
    direct, next_id = _add_unmarked_speech(doc, direct, lookups, cues, verbs, next_id)
    if not reported:
        return direct
    return _with_reported(doc, direct, lookups, cues, next_id)


# ----------------------------------------------------------------------------
# phases of extract_quotes, in the order it runs them


def _index_names(doc: Document, raws: Sequence[_Raw], cues: NameCues) -> _Lookups:
    """Phase 2: the names written outside quotation marks, indexed for speaker lookups.

    Parameters
    ----------
    doc : Document
        The segmented article.
    raws : sequence of _Raw
        The quotation-mark spans (:func:`_find_spans`); names inside them are not sources.
    cues : NameCues
        Name word lists.

    Returns
    -------
    _Lookups
        Names, organisations, document phrases and sentence starts of the article.
    """
    marked = [(r.open_mark, (r.close_mark + 1) if r.close_mark >= 0 else r.end) for r in raws]
    people = find_name_mentions(doc, exclude=marked, cues=cues)
    return _Lookups(doc, people, cues, marked)


def _classify_kinds(doc: Document, raws: Sequence[_Raw]) -> list[_Raw]:
    """Phase 3: ``partial`` for a span inside the reporter's sentence, else ``full``.

    Parameters
    ----------
    doc : Document
        The segmented article.
    raws : sequence of _Raw
        Spans from :func:`_find_spans`.

    Returns
    -------
    list of _Raw
        The same spans with their kind (:func:`_is_partial`).
    """
    out = []
    for r in raws:
        kind = "partial" if _is_partial(doc, r) else "full"
        out.append(r if r.kind == kind else r._replace(kind=kind))
    return out


def _attach_attributions(doc: Document, raws: Sequence[_Raw], verbs: VerbLexicon) -> list[_Raw]:
    """Phase 4: the attribution (speech cue and subject) written next to each span.

    Each span looks in the reporter's text between its neighbours in the same
    paragraph (:func:`_find_attribution`); an unclosed span's text is never
    attribution for the span after it.

    Parameters
    ----------
    doc : Document
        The segmented article.
    raws : sequence of _Raw
        Spans with their kind (:func:`_classify_kinds`), in reading order.
    verbs : VerbLexicon
        Speech verbs.

    Returns
    -------
    list of _Raw
        The same spans, in the same order; ``attribution``, ``attr_range`` and
        ``attr_after`` set where an attribution was found.
    """
    out: list[_Raw] = []
    for k, group in groupby(raws, key=lambda r: r.paragraph):
        items = list(group)
        para = doc.paragraphs[k]
        for idx, r in enumerate(items):
            nxt = items[idx + 1].open_mark if idx + 1 < len(items) else para.end
            if idx == 0:
                prv = para.start
            else:  # an unclosed quote runs up to this one: its text is not attribution
                prev_raw = items[idx - 1]
                prv = prev_raw.close_mark + 1 if prev_raw.close_mark >= 0 else prev_raw.end
            found = _find_attribution(doc, r, prv, nxt, verbs)
            if found is None:
                out.append(r)
            else:
                attr, attr_range, attr_after = found
                out.append(r._replace(attribution=attr, attr_range=attr_range, attr_after=attr_after))
    return out


def _find_attribution(
    doc: Document, raw: _Raw, prv: int, nxt: int, verbs: VerbLexicon
) -> tuple[_Attribution, tuple[int, int], bool] | None:
    """The attribution of one span: after it, before it, or in a colon lead-in paragraph.

    Parameters
    ----------
    doc : Document
        The segmented article.
    raw : _Raw
        The span, with its kind.
    prv, nxt : int
        Where the reporter's text around the span begins (end of the previous
        span or paragraph start) and ends (next opening mark or paragraph end).
    verbs : VerbLexicon
        Speech verbs.

    Returns
    -------
    tuple or None
        (attribution, (start, end) of the text it was read from, True when it
        follows the span); None when the span has no attribution of its own.
    """
    if raw.kind == "partial":
        # a verb right before the fragment ("added that “we want ...” for which the Commission
        # has a mandate") is its attribution, whatever follows the closing mark
        before = _segment_before(doc, raw, prv)
        attr = _parse_attribution(before[0], before[1], verbs, after=False) if before else None
        if attr is not None and attr.verb_end >= 0 and re.fullmatch(
            r"[\s,:]*(?:that[\s,]*)?", doc.body[attr.verb_end : raw.open_mark]
        ):
            return attr, (before[1], before[1] + len(before[0])), False
    after = _segment_after(doc, raw, nxt)
    if after is not None:
        attr = _parse_attribution(after[0], after[1], verbs, after=True)
        if attr is not None and attr.subject == "" and raw.kind == "partial":
            # called it "a disgrace" and said ...: the verb before has the subject
            before = _segment_before(doc, raw, prv)
            prior = _parse_attribution(before[0], before[1], verbs, after=False) if before else None
            if prior is not None and prior.subject:
                return prior, (before[1], before[1] + len(before[0])), False
        if attr is not None:
            return attr, (after[1], after[1] + len(after[0])), True
    before = _segment_before(doc, raw, prv)
    if before is not None and (
        raw.kind == "partial" or re.search(r"[,:\u2014\u2013]\s*$|\bthat\s*$", before[0])
    ):
        attr = _parse_attribution(before[0], before[1], verbs, after=False)
        if attr is not None:
            return attr, (before[1], before[1] + len(before[0])), False
    if not raw.continued and raw.paragraph > 0 and raw.open_mark == doc.paragraphs[raw.paragraph].start:
        # a quote paragraph introduced by the previous one ("The letter reads:"); a span
        # that opens its paragraph is the paragraph's first
        lead_in = _colon_lead_in(doc, raw.paragraph - 1)
        if lead_in is not None:
            attr = _parse_attribution(lead_in[0], lead_in[1], verbs, after=False)
            if attr is None:
                attr = _name_label(lead_in[0], lead_in[1])
            if attr is not None:
                return attr, (lead_in[1], lead_in[1] + len(lead_in[0])), False
    if before is not None:
        attr = _name_label(before[0], before[1])
        if attr is not None:
            return attr, (before[1], before[1] + len(before[0])), False
    if after is not None:
        attr = _dash_credit(after[0], after[1])
        if attr is not None:
            return attr, (after[1], after[1] + len(after[0])), True
    if raw.paragraph == 0:
        para = doc.paragraphs[0]
        if _is_headline(doc.body[para.start : para.end]):
            attr = _headline_subject(doc.body[para.start : raw.open_mark], para.start)
            if attr is not None:
                return attr, (para.start, raw.open_mark), False
    return None


_HEADLINE_LABEL_RE = re.compile(r"\s*(?P<name>[A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){0,3})[ \t]*:")
_HEADLINE_SUBJECT_RE = re.compile(r"\s*(?P<name>[A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){0,3})[ \t]+[a-z]")


def _headline_subject(text: str, base: int) -> _Attribution | None:
    """The source a headline gives its quote without a speech verb: a label before a colon
    ("Reports: 'streamlined' asylum process"), else the capitalised words that open it
    ("North Korea puts military in 'quasi-state of war'", "Minister celebrates 'special
    connection'"). ``text`` runs from the headline's start to the quote's opening mark."""
    m = _HEADLINE_LABEL_RE.match(text) or _HEADLINE_SUBJECT_RE.match(text)
    if m is None:
        return None
    start = base + m.start("name")
    return _Attribution(m.group("name"), start, start + len(m.group("name")), "", -1, -1, "none")


_CREDIT_NAME = r"[A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+(?:de|van|von|da|del|la|le|bin|al)?[ \t\u00a0]*[A-Z][\w.'\u2019-]*){0,4}"
_DASH_CREDIT_RE = re.compile(r"[ \t\u00a0]*[-\u2013\u2014]+[ \t\u00a0]*(?P<name>" + _CREDIT_NAME + r")[ \t\u00a0]*(?:,[^\n]*)?\s*")
_NAME_LABEL_LINE_RE = re.compile(
    r"\s*(?P<name>" + _CREDIT_NAME + r")[ \t\u00a0]*(?:,[^:\n]{1,80})?:\s*"
)


def _dash_credit(seg: str, base: int) -> _Attribution | None:
    """A name after a dash that follows a quote, up to the end of its paragraph:
    "“The World can follow Wales’ example” – Eluned Morgan" (a headline's or a caption's credit)."""
    m = _DASH_CREDIT_RE.fullmatch(seg)
    if m is None:
        return None
    name = m.group("name").rstrip(".")
    start = base + m.start("name")
    return _Attribution(name, start, start + len(name), "", -1, -1, "none")


def _name_label(seg: str, base: int) -> _Attribution | None:
    """A person's name, with or without a role after a comma, alone before a colon that
    introduces a quote: "Charlie Bolden, NASA Administrator:" (a transcript's or a
    broadcast script's speaker line). The name must open with a known first name."""
    m = _NAME_LABEL_LINE_RE.fullmatch(seg)
    if m is None or m.group("name").split()[0] not in load_first_names() or len(m.group("name").split()) < 2:
        return None
    start = base + m.start("name")
    return _Attribution(m.group("name"), start, start + len(m.group("name")), "", -1, -1, "none")


def _mark_names(doc: Document, raws: Sequence[_Raw]) -> list[_Raw]:
    """Phase 5: quoted names and scare quotes become kind ``name``, with no attribution.

    Parameters
    ----------
    doc : Document
        The segmented article.
    raws : sequence of _Raw
        Spans with their attributions (:func:`_attach_attributions`).

    Returns
    -------
    list of _Raw
        The same spans; those :func:`_is_name` accepts are names.
    """
    out: list[_Raw] = []
    prev: _Raw | None = None  # the last speech span
    attributed = False  # it, or the list it ends, has an attribution
    for r in raws:
        listed = prev is not None and (attributed or r.attribution is not None) and _listed_after(doc, prev, r)
        if _is_name(doc, r) and not listed:
            out.append(r._replace(kind="name", attribution=None, attr_range=None))
            continue
        out.append(r)
        attributed = r.attribution is not None or listed
        prev = r
    return out


_LIST_GAP_RE = re.compile(r"[\s,;]*(?:(?:and|or)\s+)?")


def _listed_after(doc: Document, prev: _Raw, raw: _Raw) -> bool:
    """True when ``raw`` is the next item of a list of quoted words that ``prev`` opened.

    "attacks Trump as “a clown,” “a joke,” “dangerous,” and “in the same category
    as Hitler.”": only commas and "and" or "or" stand between the two spans, in one
    paragraph, and the first has an attribution, so every item is that source's word.
    """
    if prev.paragraph != raw.paragraph or prev.close_mark < 0 or prev.kind not in SPEECH_KINDS:
        return False
    return _LIST_GAP_RE.fullmatch(doc.body, prev.close_mark + 1, raw.open_mark) is not None


def _group_spans(doc: Document, raws: Sequence[_Raw]) -> list[int]:
    """Phase 6: number the speech spans so that spans of one attribution share a group.

    Parameters
    ----------
    doc : Document
        The segmented article.
    raws : sequence of _Raw
        Spans after :func:`_mark_names`, in reading order.

    Returns
    -------
    list of int
        The group of each span: speech spans numbered from 1
        (:func:`_joins_previous` decides when a span continues the group
        before it), names 0.
    """
    groups: list[int] = []
    group = 0
    prev: _Raw | None = None
    for r in raws:
        if r.kind == "name":
            groups.append(0)
            continue
        if prev is None or not _joins_previous(doc, prev, r):
            group += 1
        groups.append(group)
        prev = r
    return groups


def _joins_previous(doc: Document, prev: _Raw, raw: _Raw) -> bool:
    """True when a speech span shares the attribution of the speech span before it.

    It does when it continues a multi-paragraph quote; when it has no
    attribution and only the previous span's attribution (and no other word)
    stands between them (``"A," she said. "B."``); or when the previous span
    had none and nothing but punctuation separates them (``"A." "B," she said.``).

    Parameters
    ----------
    doc : Document
        The segmented article.
    prev, raw : _Raw
        Consecutive speech spans (names skipped).

    Returns
    -------
    bool
    """
    if raw.continued:
        return True
    if prev.paragraph != raw.paragraph:
        return False
    if raw.attribution is None and prev.attribution is not None and _listed_after(doc, prev, raw):
        return True  # “a clown,” “a joke,” and “dangerous”: one list, one attribution
    if raw.attribution is None:
        gap = doc.body[(prev.close_mark + 1) if prev.close_mark >= 0 else prev.end : raw.open_mark]
        if prev.attr_range is not None:
            a, b = prev.attr_range
            gap = doc.body[max(prev.close_mark + 1, 0) : a] + doc.body[b : raw.open_mark]
        if not re.search(r"\w", gap) and prev.attribution is not None:
            return True
    return (
        prev.attribution is None
        and raw.attribution is not None
        and not re.search(r"\w", doc.body[prev.close_mark + 1 : raw.open_mark] if prev.close_mark >= 0 else "x")
    )


def _quote_ids(raws: Sequence[_Raw], groups: Sequence[int]) -> tuple[list[int], int]:
    """Phase 7: the ``quote_id`` of every span, 1-based, in order of first appearance.

    Parameters
    ----------
    raws : sequence of _Raw
        Spans with their kinds.
    groups : sequence of int
        Their groups (:func:`_group_spans`).

    Returns
    -------
    ids : list of int
        One id per span: spans of one group share it, every name has its own.
    next_id : int
        The first id not used (for rows added later).
    """
    by_key: dict[tuple[str, int], int] = {}
    ids: list[int] = []
    for i, (r, group) in enumerate(zip(raws, groups)):
        key = ("n", i) if r.kind == "name" else ("g", group)
        if key not in by_key:
            by_key[key] = len(by_key) + 1
        ids.append(by_key[key])
    return ids, len(by_key) + 1


def _resolve_speakers(
    doc: Document, raws: Sequence[_Raw], ids: Sequence[int], lookups: _Lookups, cues: NameCues
) -> tuple[Quote, ...]:
    """Phase 8: one :class:`Quote` per span, with the speaker of its group.

    A group takes the attribution of its first span that has one; its subject
    resolves to a speaker (:func:`_resolve`: pronouns, roles, documents and
    fuller names), reading the article in order so that "it"/"they" see the
    sources named before. A group with no attribution continues the previous
    group's speaker, with no verb and verb class ``none``. Names have no speaker.

    Parameters
    ----------
    doc : Document
        The segmented article.
    raws : sequence of _Raw
        Spans with their attributions, in reading order.
    ids : sequence of int
        Their quote ids (:func:`_quote_ids`): one per group of speech spans.
    lookups : _Lookups
        The article's names (:func:`_index_names`).
    cues : NameCues
        Name word lists.

    Returns
    -------
    tuple of Quote
        In the order of ``raws``.
    """
    group_attr: dict[int, _Attribution] = {}  # by quote id
    for r, qid in zip(raws, ids):
        if r.kind != "name" and r.attribution is not None and qid not in group_attr:
            group_attr[qid] = r.attribution
    state = _State()
    resolved: dict[int, tuple[str, _Attribution | None]] = {}  # by quote id
    out: list[Quote] = []
    for r, qid in zip(raws, ids):
        text = doc.body[r.start : r.end]
        n_words = len(word_spans(text))
        if r.kind == "name":
            out.append(Quote(qid, r.start, r.end, text, n_words, "name", "", "", "none", r.paragraph,
                             r.close_mark >= 0, r.open_mark, r.close_mark))
            continue
        if qid not in resolved:
            attr = group_attr.get(qid)
            if attr is None:
                lead = _reported_lead(doc, r, raws, lookups, state, cues)
                resolved[qid] = (lead or state.speaker, None)
            else:
                s, e = _sentence_bounds(
                    doc, attr.verb_start if attr.verb_start >= 0 else attr.subject_start, lookups.sentence_starts
                )
                speaker, is_person = _resolve(attr, r.open_mark, lookups, state, cues, doc.body[s:e], s)
                if not is_person:
                    state.last_other, state.last_other_at = speaker, attr.subject_start
                resolved[qid] = (speaker, attr)
            state.speaker = resolved[qid][0]
        speaker, attr = resolved[qid]
        if attr is None:
            out.append(Quote(qid, r.start, r.end, text, n_words, r.kind, speaker, "", "none", r.paragraph,
                             r.close_mark >= 0, r.open_mark, r.close_mark))
        else:
            out.append(Quote(
                qid, r.start, r.end, text, n_words, r.kind, speaker, attr.verb, attr.verb_class,
                r.paragraph, r.close_mark >= 0, r.open_mark, r.close_mark,
                attr.subject_start, attr.subject_end, attr.verb_start, attr.verb_end,
            ))
    return tuple(out)


def _reported_lead(
    doc: Document, raw: _Raw, raws: Sequence[_Raw], lookups: _Lookups, state: _State, cues: NameCues
) -> str:
    """The speaker of a paragraph of reported speech right before an unattributed quote paragraph.

    "U.N. envoy Staffan de Mistura says the United Nations was not consulted." followed by a
    paragraph that is only a quote: the quote is the envoy's, as the reported sentence
    introduces it, not the last quoted speaker's. The previous paragraph must hold no
    quote of its own and open with the attribution ("X says ..."); "" otherwise.
    """
    if raw.continued:
        return ""
    body = doc.body
    line = body.rfind("\n", 0, raw.open_mark) + 1
    if line == 0 or body[line : raw.open_mark].strip():
        return ""  # the quote must open its line (a paragraph, or a line of a newscast script)
    prev_end = line - 1
    while prev_end > 0 and not body[prev_end - 1 : prev_end].strip():
        prev_end -= 1
    prev_start = body.rfind("\n", 0, prev_end) + 1
    if any(prev_start <= r.open_mark < prev_end and r.kind in SPEECH_KINDS for r in raws):
        return ""
    text = body[prev_start:prev_end]
    end = next((m for m in _SENTENCE_END_RE.finditer(text) if not _abbreviation_before(text, m.start())), None)
    first = text[: end.start()] if end else text
    attr = _parse_attribution(first, prev_start, load_verbs(), after=True)
    if attr is None or not attr.subject or attr.according_to or attr.subject_start - prev_start > 80:
        return ""
    if not re.fullmatch(r"\s*", body[attr.subject_end : attr.verb_start]):
        return ""  # the verb must follow its subject: "X says ...", not an inverted or distant cue
    speaker, is_person = _resolve(attr, attr.verb_start, lookups, state, cues, first, prev_start)
    return speaker if is_person else ""


def _add_unmarked_speech(
    doc: Document,
    direct: tuple[Quote, ...],
    lookups: _Lookups,
    cues: NameCues,
    verbs: VerbLexicon,
    next_id: int,
) -> tuple[tuple[Quote, ...], int]:
    """Phase 9: add transcript turns and block quotes (speech without marks).

    Rows of :func:`_unmarked_speech` replace the marked rows that lie inside
    them, and take ids from ``next_id`` on.

    Parameters
    ----------
    doc : Document
        The segmented article.
    direct : tuple of Quote
        The rows of the quotation-mark spans (:func:`_resolve_speakers`).
    lookups : _Lookups
        The article's names.
    cues : NameCues
        Name word lists.
    verbs : VerbLexicon
        Speech verbs.
    next_id : int
        The first free quote id.

    Returns
    -------
    quotes : tuple of Quote
        Sorted by (start, end) when rows were added; ``direct`` unchanged otherwise.
    next_id : int
        The first id still free.
    """
    extra = _unmarked_speech(doc, direct, lookups, cues, verbs, next_id)
    if not extra:
        return direct, next_id
    inside = merge_ranges((q.start, q.end) for q in extra)
    kept = [q for q in direct if not _within(q.start, q.end, inside)]
    merged = tuple(sorted(kept + extra, key=lambda q: (q.start, q.end)))
    return merged, next_id + len({q.quote_id for q in extra})


def _within(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    i = bisect_right(ranges, (start, math.inf)) - 1
    return i >= 0 and ranges[i][0] <= start and end <= ranges[i][1]


_LABEL_RE = re.compile(
    r"^[ \t]*(?P<label>(?:(?:MR|MS|MRS|DR|SEN|REP|GEN)\.?[ \t]+)?[A-Z][A-Z'\u2019.\-]*(?:[ \t]+[A-Z][A-Z'\u2019.\-]*){0,3})"
    r"(?:[ \t]*\((?P<role>[A-Z][A-Za-z'\u2019.\- ]{1,30})\))?"
    r"(?::[ \t]*|(?<=^Q)[ \t]{2,}|(?<=[ \t]Q)[ \t]{2,})",
    re.MULTILINE,
)
"""A speaker label opening a line of a transcript: "NEIL MITCHELL:", "MR. EARNEST:", "Q    ",
"SYMONE BARKLEY (HOST):" (a role in brackets names the role the label's person holds)."""
_NAME_LABEL_RE = re.compile(
    r"^[ \t]*(?P<label>[A-Z][a-z'\u2019\-]+(?:[ \t]+[A-Z][A-Za-z'\u2019.\-]+){1,3})[ \t]*:[ \t]*$", re.MULTILINE
)
"""A person's name in ordinary capitals alone on a line before a colon ("Rachel Corbett:"): a
label too, in a transcript that already has capitalised labels, when the first word is a first name."""
_STAGE_RE = re.compile(r"\[[^\]\n]*\]|\([^)\n]*\)")
"""A stage direction between brackets ("[Laughter]", "(inaudible)"): not speech when it is a whole turn line."""
QUESTIONER_LABELS = frozenset({"Q", "QUESTION", "JOURNALIST", "REPORTER", "AUDIENCE MEMBER", "QUESTIONER"})
"""Labels of unnamed questioners (speaker "")."""
_FIRST_PERSON_RE = re.compile(r"\b(?:I|I['\u2019](?:m|ve|ll|d)|we|we['\u2019](?:re|ve|ll|d)|our|us|my|me)\b", re.IGNORECASE)


def _unmarked_speech(
    doc: Document, quotes: Sequence[Quote], lookups: _Lookups, cues: NameCues, verbs: VerbLexicon, next_id: int
) -> list[Quote]:
    """Speech without quotation marks: transcript turns and block quotes (``full`` rows).

    transcripts
        An article with at least two lines opening with a speaker label
        ("NEIL MITCHELL:", "MR. EARNEST:", "Q" and spaces) is a transcript: the
        text after each label, and every following paragraph up to the next
        label, is that speaker's turn (one row per paragraph). The label gives
        the speaker: a person named in full elsewhere in the text by the
        label's last word ("MR. EARNEST" -> "Josh Earnest"), else the label in
        title case; questioners ("Q", "QUESTION") are "".
    block quotes
        A paragraph whose last sentence ends with a colon after a speech verb
        ("Education Secretary Gillian Keegan said:") and is followed by a
        paragraph with no quotation marks: that paragraph, and the next ones
        while they speak in the first person, are the speaker's words.
    """
    body = doc.body
    out: list[Quote] = []
    labels = [m for m in _LABEL_RE.finditer(body) if _is_label(m.group("label"))]
    if len(labels) >= 2:
        first_names = load_first_names()
        named = [m for m in _NAME_LABEL_RE.finditer(body, labels[0].start())
                 if m.group("label").split()[0] in first_names]
        if named:
            labels = sorted(labels + named, key=lambda m: m.start())
        out.extend(_transcript_turns(doc, labels, lookups, cues, next_id))
        return out
    marked = merge_ranges((q.open_mark, q.close_mark + 1) for q in quotes if q.kind in SPEECH_KINDS and q.close_mark >= 0)
    state = _State()
    k = 1
    while k < len(doc.paragraphs):
        para = doc.paragraphs[k]
        text = body[para.start : para.end]
        lead = _colon_lead_in(doc, k - 1)
        if lead is None or text[:1] in DOUBLE_MARKS + SINGLE_MARKS or any(c in text for c in DOUBLE_MARKS):
            k += 1
            continue
        attr = _parse_attribution(lead[0], lead[1], verbs, after=False)
        if attr is None or attr.according_to:
            k += 1
            continue
        s, e = _sentence_bounds(doc, attr.verb_start, lookups.sentence_starts)
        speaker, _ = _resolve(attr, lead[1] + len(lead[0]), lookups, state, cues, body[s:e], s)
        j = k
        while j < len(doc.paragraphs):
            p = doc.paragraphs[j]
            ptext = body[p.start : p.end]
            if j > k and (not _continues_block(doc, k, j) or ptext.rstrip().endswith(":")
                          or any(c in ptext for c in DOUBLE_MARKS)):
                break
            if _within(p.start, p.end, marked):
                break
            out.append(Quote(next_id, p.start, p.end, ptext, len(word_spans(ptext)), "full", speaker,
                             attr.verb, attr.verb_class, j, True, -1, -1,
                             attr.subject_start, attr.subject_end, attr.verb_start, attr.verb_end))
            j += 1
        next_id += 1
        k = j + 1
    return out


def _continues_block(doc: Document, first: int, j: int) -> bool:
    """True when paragraph ``j`` goes on with the block quote that paragraph ``first`` opened.

    It does when it speaks in the first person, when it is indented as the
    first one is (a set-off block), or when a heading follows it (a statement
    closes its section of a press release or a media summary). The article's
    last paragraph is not taken on that ground alone: a reporter's closing
    line ("The money arrives in May.") is as common there.
    """
    body = doc.body
    p = doc.paragraphs[j]
    text = body[p.start : p.end]
    if _FIRST_PERSON_RE.search(text):
        return True
    indent = _indent(doc, first)
    if indent and _indent(doc, j) == indent:
        return True
    if j + 1 == len(doc.paragraphs):
        return False
    nxt = doc.paragraphs[j + 1]
    return _is_headline(body[nxt.start : nxt.end]) and not body[nxt.start : nxt.end].rstrip().endswith(":")


def _indent(doc: Document, k: int) -> str:
    """The spaces and tabs that open paragraph ``k``'s line."""
    start = doc.paragraphs[k].start
    line = doc.body.rfind("\n", 0, start) + 1
    return doc.body[line:start] if not doc.body[line:start].strip() else ""


def _is_label(label: str) -> bool:
    words = label.replace(".", " ").split()
    return bool(words) and (label.strip() in QUESTIONER_LABELS or len(label.strip()) >= 4) and len(words) <= 4


def _transcript_turns(
    doc: Document, labels: Sequence[re.Match[str]], lookups: _Lookups, cues: NameCues, next_id: int
) -> list[Quote]:
    body = doc.body
    out: list[Quote] = []
    bounds = [m.start() for m in labels] + [len(body)]
    roles = _label_roles(labels, lookups, cues)
    host = _header_person(lookups, labels[0].start())
    called = ""  # the questioner the podium gave the floor to by name
    for n, m in enumerate(labels):
        speaker = _label_speaker(m.group("label"), lookups, cues, m.start(), roles, host)
        seg_start, seg_end = m.end(), bounds[n + 1]
        if " ".join(m.group("label").replace(".", " ").split()) in QUESTIONER_LABELS:
            speaker = called
        else:
            called = _floor_given(body[seg_start:seg_end], called)
        # one row per paragraph (blank line) or line block of the turn
        for piece in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*", body[seg_start:seg_end]):
            a, b = seg_start + piece.start(), seg_start + piece.end()
            while a < b and body[a].isspace():
                a += 1
            while b > a and body[b - 1].isspace():
                b -= 1
            if b <= a or _STAGE_RE.fullmatch(body, a, b):
                continue
            text = body[a:b]
            para = doc.paragraph_index(a)
            out.append(Quote(next_id, a, b, text, len(word_spans(text)), "full", speaker, "", "none",
                             para if para is not None else 0, True, -1, -1))
        next_id += 1
    return out


_VOCATIVE_RE = re.compile(
    r"(?:(?:With that|Okay|OK|Yes|Yeah|Sure|Please|Go ahead|All right|Alright|Right|Let['\u2019]s go to)[,.]?[ \t]+)*"
    r"(?P<name>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+)?)[.?!]?"
)
_FLOOR_RE = re.compile(
    r"(?:(?:Okay|OK|Yes|Please|All right|Alright|Sure)[,.]?[ \t]+)*(?:Go ahead|Next question|In the back|Over here)[.?!]?",
    re.IGNORECASE,
)


def _floor_given(turn: str, called: str) -> str:
    """Who asks the next questions after a briefer's turn.

    Press briefings give the floor by name at the end of a turn ("With that,
    Matt.", "Yes, Said?"): that journalist asks the questions labelled
    "QUESTION" until the floor is given again, by name or with a bare "Go
    ahead" (then nobody named). The name must open with a known first name.

    Parameters
    ----------
    turn : str
        The text of the briefer's turn.
    called : str
        Who had the floor before it ("" for nobody named).

    Returns
    -------
    str
        The questioner from now on.
    """
    lines = [ln.strip() for ln in turn.strip().splitlines() if ln.strip()]
    if not lines:
        return called
    last = re.split(r"(?<=[.?!])\s+", lines[-1])[-1]
    m = _VOCATIVE_RE.fullmatch(last)
    if m and m.group("name").split()[0] in load_first_names():
        return m.group("name")
    if _FLOOR_RE.fullmatch(last):
        return ""
    return called


def _label_name(label: str) -> str:
    """A label in reading capitals without its courtesy title ("MR. EARNEST" -> "Earnest")."""
    words = " ".join(label.replace(".", " ").split()).split()
    if words and words[0] in ("MR", "MS", "MRS", "DR", "SEN", "REP", "GEN"):
        words = words[1:]
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def _label_roles(labels: Sequence[re.Match[str]], lookups: _Lookups, cues: NameCues) -> dict[str, str]:
    """Roles that labels give in brackets: "SYMONE BARKLEY (HOST):" -> {"HOST": "Symone Barkley"}."""
    roles: dict[str, str] = {}
    for m in labels:
        role = m.groupdict().get("role")
        if role:
            name = _label_name(m.group("label"))
            if name:
                roles.setdefault(" ".join(role.upper().split()), lookups.canonical(name))
    return roles


def _header_person(lookups: _Lookups, first_label: int) -> str:
    """The one person named before a transcript's first turn (its header), or "".

    Only names whose first word is a known first name count, so that header
    fields ("Release Date") are not taken for people; with two or more people
    there, the header does not say who holds a role, and "" is returned.
    """
    first_names = load_first_names()
    found = {p.canonical for p in lookups.persons if p.start < first_label and p.canonical.split()[0] in first_names}
    return next(iter(found)) if len(found) == 1 else ""


def _label_speaker(
    label: str, lookups: _Lookups, cues: NameCues, at: int, roles: dict[str, str] | None = None, host: str = ""
) -> str:
    """The speaker a transcript label names ("" for a questioner).

    A role label ("PRIME MINISTER", "HOST") is the person a label gave that role
    in brackets ("SYMONE BARKLEY (HOST):"), else the person named earlier with
    that role (:func:`_role_person`), else the one person the transcript's header
    names (``host``: a transcript's record names whose words it is), else the
    role in title case.
    """
    clean = " ".join(label.replace(".", " ").split())
    if clean in QUESTIONER_LABELS:
        return ""
    if roles and clean.upper() in roles:
        return roles[clean.upper()]
    name = _label_name(label)
    if not name:
        return ""
    role = _role_person(name, at, lookups, cues, lax=False)
    if role:
        return role
    if host and _is_role_noun(name, cues):
        return host
    return lookups.canonical(name)


def _is_definite_role(phrase: str, cues: NameCues) -> bool:
    """True for "the" and one to three words ending in a role noun ("The Labour frontbencher",
    "the detective", "The PM"), not a spokesperson (an organisation's voice, not a person)."""
    words = phrase.split()
    if len(words) < 2 or len(words) > 4 or words[0].lower() != "the":
        return False
    head = words[-1].lower()
    return head not in SPOKESPERSON_NOUNS and (head in ROLE_EXTRA or head in _lower_titles(cues.titles))


def _is_role_noun(phrase: str, cues: NameCues) -> bool:
    """True when the phrase's last word is a role ("Prime Minister", "Host"), not a name."""
    words = phrase.split()
    return bool(words) and (words[-1].lower() in _lower_titles(cues.titles) or words[-1].lower() in ROLE_EXTRA)

def _with_reported(
    doc: Document, direct: tuple[Quote, ...], lookups: _Lookups, cues: NameCues, next_id: int
) -> tuple[Quote, ...]:
    """Phase 10: add the reported-speech rows (:mod:`analysis.speech.reported`) to the direct quotes.

    Parameters
    ----------
    doc : Document
        The segmented article.
    direct : tuple of Quote
        Every direct quote (marked and unmarked speech, names).
    lookups : _Lookups
        The article's names.
    cues : NameCues
        Name word lists.
    next_id : int
        The first free quote id; each reported clause takes its own.

    Returns
    -------
    tuple of Quote
        ``direct`` and rows of kind ``indirect`` or ``mixed``, in reading order
        (at one start, the direct quote first).
    """
    from analysis.speech.reported import find_reported  # noqa: PLC0415 (reported imports this module)

    clauses = find_reported(doc, direct)
    if not clauses:
        return direct
    speech = sorted((q.start, q.end) for q in direct if q.kind in SPEECH_KINDS)
    speech_starts = [s for s, _ in speech]
    word_starts = [s for s, _ in doc.word_bounds]
    state = _State()
    rows: list[Quote] = []
    for c in clauses:
        attr = _Attribution(c.subject, c.subject_start, c.subject_end, c.cue, c.cue_start, c.cue_end,
                            c.verb_class if c.verb_class != "none" else "neutral", c.according_to)
        anchor = c.start if c.subject_start < 0 else min(c.start, c.subject_start)
        s, e = _sentence_bounds(doc, c.cue_start, lookups.sentence_starts)
        speaker = "" if c.unattributed else _resolve(attr, anchor, lookups, state, cues, doc.body[s:e], s)[0]
        k = bisect_left(speech_starts, c.start)
        mixed = k < len(speech) and speech[k][0] < c.end
        text = doc.body[c.start : c.end]
        n_words = bisect_left(word_starts, c.end) - bisect_left(word_starts, c.start)
        rows.append(Quote(
            next_id, c.start, c.end, text, n_words, "mixed" if mixed else "indirect",
            speaker, c.cue, attr.verb_class, doc.paragraph_index(c.start) or 0, True, -1, -1,
            c.subject_start, c.subject_end, c.cue_start, c.cue_end,
        ))
        next_id += 1
    return tuple(sorted(direct + tuple(rows), key=lambda q: (q.start, q.kind in ("indirect", "mixed"))))
