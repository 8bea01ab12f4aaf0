"""Actors: who is named in an article, who speaks, and references to men and women.

Named actors are the people and organisations that
:func:`analysis.speech.people.find_name_mentions` finds (capitalised name runs, an
editable word list, and the names a story lists in its ``people.yml``), plus
quoted names in Title Case ("Man Up", from the quote extractor's ``name``
spans). Events ("Academy Awards"), places and lone capitalised words that match
no known name are not actors. An actor is **quoted** when it is the speaker of
at least one direct quote in the article, otherwise **only mentioned**; speakers
that are not named actors ("the letter") are listed as sources.

References to men and to women are counted from two sources, never from first
names:

- a term lexicon (``analysis/data/lexicons/gender.yml``: men, man, he, his,
  actor, women, woman, she, her, actress...), whole words; a term inside a
  named actor's name ("A Call to Men", "Voice Male Magazine") is not counted;
- the optional ``people.yml`` of the story folder, which states a person's
  gender where a text states it; each mention of that person then counts as a
  reference.

``people.yml`` format::

    people:
      - name: Ruth Keller        # as written in the articles
        gender: woman            # man, woman or nonbinary
        evidence: "... she said" # optional: where a text says so
    organisations:
      - name: Millbrook Town Council

What this misses (limits): a person named only by a one-word name that is not
in ``people.yml``; a person whose name contains an organisation word ("Jack
London"); organisations named by one common word ("Open"); people referred to
only by role ("the mayor", "a spokesman") count as references to men or women
only through gendered role words ("spokesman"); "they" and neutral nouns
("survivors", "people") are not counted at all; "actor" is counted as male
although it is used for women too; gendered words used figuratively ("man up")
are counted.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis import __version__
from analysis.core.errors import InputError
from analysis.framing.analysed import AnalysedArticle
from analysis.framing.keys import WordKeys
from analysis.framing.lexicons import Lexicon, packaged_lexicon
from analysis.framing.matcher import find_cues
from analysis.speech.people import NameCues, find_name_mentions, merge_ranges
from analysis.speech.quotes import SPEECH_KINDS, Quote
from analysis.framing.stance import is_scare_quote
from analysis.text.document import Document
from analysis.speech.voice import VOICES, VoiceLayout, voice_layout

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_KINDS",
    "GENDERS",
    "GENDER_COLUMNS",
    "ActorMention",
    "GenderReference",
    "StoryPeople",
    "actors_table",
    "find_actor_mentions",
    "find_gender_references",
    "gender_table",
    "load_people",
    "story_people",
]

_start = attrgetter("start")

ACTOR_KINDS: tuple[str, ...] = ("person", "organisation")
"""Kinds of named actors."""

GENDERS: dict[str, str] = {"man": "men", "woman": "women", "nonbinary": "nonbinary"}
"""Valid ``gender`` values of ``people.yml`` -> the reference group they count toward."""

ACTOR_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "actor", "kind", "gender", "n_mentions", "first_mention", "quoted",
    "n_quotes", "n_quoted_words", "package_version", "corpus_sha256",
)
"""Columns of :func:`actors_table`. Key: (article_id, actor)."""

GENDER_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "voice", "group", "n_terms", "n_named", "n_references",
    "references_per_1k_words", "package_version", "corpus_sha256",
)
"""Columns of :func:`gender_table`. Key: (article_id, voice, group)."""


@dataclass(frozen=True)
class StoryPeople:
    """Names a story lists in its ``people.yml``.

    Attributes
    ----------
    people : tuple of (name, gender or None)
    organisations : tuple of str
    path : str
    """

    people: tuple[tuple[str, str | None], ...] = ()
    organisations: tuple[str, ...] = ()
    path: str = ""

    def known(self) -> list[tuple[str, str]]:
        """(name, kind) pairs for :func:`analysis.speech.people.find_name_mentions`."""
        return [(n, "person") for n, _ in self.people] + [(n, "organisation") for n in self.organisations]

    def gender_of(self, name: str) -> str | None:
        """The stated gender of a person (matched on the full name or its last word)."""
        for n, g in self.people:
            if n == name:
                return g
        for n, g in self.people:
            if name.split() and n.split() and n.split()[-1] == name.split()[-1] and " " in n:
                return g
        return None


def load_people(path: str | Path) -> StoryPeople:
    """Read a ``people.yml`` file.

    Raises
    ------
    InputError
        Not a mapping, an entry without a name, an unknown gender (valid: man,
        woman, nonbinary).
    """
    p = Path(path)
    try:
        data: Any = yaml.safe_load(p.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(p, f"malformed YAML: {getattr(exc, 'problem', exc)}",
                         line=mark.line + 1 if mark else None) from None
    if data is None:
        return StoryPeople(path=str(p))
    if not isinstance(data, dict):
        raise InputError(p, "people.yml must be a mapping with 'people' and/or 'organisations' lists")
    people: list[tuple[str, str | None]] = []
    for k, item in enumerate(data.get("people") or [], start=1):
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            raise InputError(p, f"people entry {k}: needs a 'name'")
        gender = item.get("gender")
        if gender not in (None, "") and gender not in GENDERS:
            raise InputError(p, f"people entry {k} ({item['name']}): unknown gender {gender!r}; "
                                f"valid: {', '.join(GENDERS)} (leave it out when no text says)")
        people.append((str(item["name"]).strip(), gender or None))
    organisations: list[str] = []
    for k, item in enumerate(data.get("organisations") or [], start=1):
        name = item.get("name") if isinstance(item, dict) else item
        if not str(name or "").strip():
            raise InputError(p, f"organisations entry {k}: needs a 'name'")
        organisations.append(str(name).strip())
    return StoryPeople(tuple(people), tuple(organisations), str(p))


def story_people(root: str | Path) -> StoryPeople:
    """The story folder's ``people.yml``, or an empty list when there is none."""
    p = Path(root) / "people.yml"
    return load_people(p) if p.is_file() else StoryPeople()


@dataclass(frozen=True)
class ActorMention:
    """One mention of a named person or organisation.

    Attributes
    ----------
    start, end : int
    name : str
        As written.
    actor : str
        Canonical name (a person's fullest name in the article).
    kind : str
        ``person`` or ``organisation``.
    voice : str
        ``own`` or ``quoted`` (a name inside quoted speech).
    source : str
        ``rules`` (the name finder), ``people.yml`` or ``quoted name``.
    """

    start: int
    end: int
    name: str
    actor: str
    kind: str
    voice: str
    source: str


@dataclass(frozen=True)
class GenderReference:
    """One reference to men or to women.

    Attributes
    ----------
    start, end : int
    text : str
    group : str
        ``men``, ``women`` (or ``nonbinary`` from ``people.yml``).
    source : str
        ``term`` (the lexicon) or ``people.yml`` (a named person whose gender
        the story states).
    voice : str
    sentence : int
    """

    start: int
    end: int
    text: str
    group: str
    source: str
    voice: str
    sentence: int


def _voice_at(layout: VoiceLayout, starts: Sequence[int], offset: int) -> str:
    """Voice of the word starting at or before ``offset``.

    ``starts`` are the document's word starts, built once per article by the
    caller (rebuilding them for every mention made the search quadratic).
    """
    i = bisect_right(starts, offset) - 1
    return layout.word_voice(max(i, 0)) if starts else "own"


def find_actor_mentions(
    doc: Document,
    quotes: Sequence[Quote],
    people: StoryPeople | None = None,
    layout: VoiceLayout | None = None,
    cues: NameCues | None = None,
) -> tuple[ActorMention, ...]:
    """Every mention of a named person or organisation in one article.

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote
    people : StoryPeople, optional
        The story's ``people.yml`` names.
    layout : VoiceLayout, optional
    cues : NameCues, optional
        Name word lists (default: the packaged ``name_cues.yml``).

    Returns
    -------
    tuple of ActorMention
        In reading order.
    """
    layout = layout or voice_layout(doc, quotes)
    names = [q for q in quotes if q.kind == "name"]
    known = people.known() if people is not None else []
    listed = {n for n, _ in known}
    starts = [s for s, _ in doc.word_bounds]
    out: list[ActorMention] = []
    for m in find_name_mentions(doc, exclude=[(q.start, q.end) for q in names], cues=cues, known=known):
        if m.kind not in ACTOR_KINDS:
            continue
        source = "people.yml" if m.name in listed else "rules"
        out.append(ActorMention(m.start, m.end, m.name, m.canonical, m.kind, _voice_at(layout, starts, m.start), source))
    for q in names:
        if not is_scare_quote(q.text):
            out.append(ActorMention(q.start, q.end, q.text, q.text, "organisation", "own", "quoted name"))
    out.sort(key=lambda a: a.start)
    return tuple(out)


def _sentence_of(doc: Document, offset: int) -> int:
    """Index of the sentence holding character ``offset``; -1 if none does."""
    k = bisect_right(doc.sentences, offset, key=_start) - 1
    return k if k >= 0 and doc.sentences[k].start <= offset < doc.sentences[k].end else -1


def find_gender_references(
    doc: Document,
    quotes: Sequence[Quote],
    actors: Sequence[ActorMention] = (),
    people: StoryPeople | None = None,
    layout: VoiceLayout | None = None,
    lexicon: Lexicon | None = None,
    word_keys: WordKeys | None = None,
) -> tuple[GenderReference, ...]:
    """References to men and to women: lexicon terms and people of stated gender.

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote
    actors : sequence of ActorMention
        Terms inside these names are not counted; people among them whose
        gender ``people`` states add a ``people.yml`` reference.
    people : StoryPeople, optional
    layout : VoiceLayout, optional
    lexicon : Lexicon, optional
        Groups of gendered terms; the packaged ``gender`` lexicon by default.
    word_keys : WordKeys, optional
        The document's word keys by match mode, shared with other analyzers;
        computed here when omitted.

    Returns
    -------
    tuple of GenderReference
        In reading order.
    """
    layout = layout or voice_layout(doc, quotes)
    lexicon = lexicon or packaged_lexicon("gender")
    names = merge_ranges(
        [(a.start, a.end) for a in actors] + [(q.start, q.end) for q in quotes if q.kind == "name"]
    )
    name_starts = [s for s, _ in names]
    keys = (word_keys if word_keys is not None else WordKeys(doc))(lexicon.match)
    out: list[GenderReference] = []
    for group in lexicon.terms:
        for m in find_cues(doc, lexicon.phrases(group), layout, lexicon.match, keys):
            # the last name range starting before the term ends is the only one that can overlap it
            k = bisect_left(name_starts, m.end) - 1
            if k >= 0 and names[k][1] > m.start:
                continue
            out.append(GenderReference(m.start, m.end, m.text, group, "term", m.voice, m.sentence))
    if people is not None:
        for a in actors:
            gender = people.gender_of(a.actor) if a.kind == "person" else None
            if gender:
                sentence = _sentence_of(doc, a.start)
                out.append(GenderReference(a.start, a.end, a.name, GENDERS[gender], "people.yml", a.voice, sentence))
    out.sort(key=lambda r: r.start)
    return tuple(out)


def actors_table(analyses: Iterable[AnalysedArticle], people: StoryPeople | None = None, corpus_sha256: str = "") -> pd.DataFrame:
    """One row per article and actor: named or speaking, quoted or only mentioned.

    Parameters
    ----------
    analyses : iterable of AnalysedArticle
    people : StoryPeople, optional
        The story's ``people.yml`` (:func:`story_people`).
    corpus_sha256 : str

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ACTOR_COLUMNS`. ``kind`` is ``person``, ``organisation``
        or ``source`` (a speaker that is not a named actor, such as "the
        letter"); ``gender`` only where ``people.yml`` states it (empty
        otherwise, never guessed); ``first_mention`` is the body offset of the
        first mention (-1 for a source never named); ``quoted`` is True when
        the actor speaks in at least one direct quote; ``n_quotes`` counts its
        quote ids, ``n_quoted_words`` its quoted words. Rows in order of
        first appearance.
    """
    rows = []
    for a in analyses:
        doc, quotes = a.document, a.quotes
        mentions = find_actor_mentions(doc, quotes, people, a.layout)
        speech = [q for q in quotes if q.kind in SPEECH_KINDS]
        order: list[str] = []
        info: dict[str, dict[str, Any]] = {}
        for m in mentions:
            if m.actor not in info:
                order.append(m.actor)
                info[m.actor] = {"kind": m.kind, "n": 0, "first": m.start}
            info[m.actor]["n"] += 1
        for q in speech:
            if q.speaker and q.speaker not in info:
                order.append(q.speaker)
                info[q.speaker] = {"kind": "source", "n": 0, "first": -1}
        for actor in order:
            mine = [q for q in speech if q.speaker == actor]
            kind = info[actor]["kind"]
            gender = people.gender_of(actor) if (people is not None and kind == "person") else None
            rows.append({
                "article_id": a.article.article_id, "outlet": a.article.outlet, "actor": actor,
                "kind": kind, "gender": gender, "n_mentions": info[actor]["n"],
                "first_mention": info[actor]["first"], "quoted": bool(mine),
                "n_quotes": len({q.quote_id for q in mine}), "n_quoted_words": sum(q.n_words for q in mine),
                "package_version": __version__, "corpus_sha256": corpus_sha256,
            })
    return pd.DataFrame(rows, columns=list(ACTOR_COLUMNS))


def gender_table(analyses: Iterable[AnalysedArticle], people: StoryPeople | None = None, corpus_sha256: str = "") -> pd.DataFrame:
    """References to men and to women per article and voice.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`GENDER_COLUMNS`: ``n_terms`` (lexicon terms),
        ``n_named`` (mentions of people whose gender ``people.yml`` states),
        ``n_references`` (their sum) and ``references_per_1k_words`` (per
        1,000 words of the voice; NaN without words). One row per article,
        voice (all, own, quoted) and group (men, women).
    """
    rows = []
    for a in analyses:
        layout = a.layout
        actors = find_actor_mentions(a.document, a.quotes, people, layout)
        refs = find_gender_references(a.document, a.quotes, actors, people, layout, word_keys=a.word_keys)
        groups = ["men", "women"] + sorted({r.group for r in refs} - {"men", "women"})
        for voice in VOICES:
            n_words = layout.n_words[voice]
            for group in groups:
                mine = [r for r in refs if r.group == group and (voice == "all" or r.voice == voice)]
                n_terms = sum(r.source == "term" for r in mine)
                n_named = len(mine) - n_terms
                rows.append({
                    "article_id": a.article.article_id, "outlet": a.article.outlet, "voice": voice,
                    "group": group, "n_terms": n_terms, "n_named": n_named, "n_references": len(mine),
                    "references_per_1k_words": 1000 * len(mine) / n_words if n_words else float("nan"),
                    "package_version": __version__, "corpus_sha256": corpus_sha256,
                })
    return pd.DataFrame(rows, columns=list(GENDER_COLUMNS))
