"""What kind of thing a name is: person, organisation, place, publication or other.

A source audit counts people, so a name that is not a person's ("NASA", "Main St",
"Space Launch System", "The Hollywood Reporter") must not be counted as one.
:func:`type_name` types a capitalised name from editable word lists
(``analysis/data/name_types/``, one entry a line) and from the words around it in
the article, in this order (the first rule that decides wins):

1. **Known names**: the name (with or without a leading "The", possessive "'s"
   removed) is on a list of places (countries, US states, large cities),
   publications, organisations or other names (programmes, missions, rockets).
   A trailing number or Roman numeral is ignored for the last list ("Artemis I",
   "Apollo 11", "Falcon 9").
2. **Head word**: English names are head-final ("Kennedy Space *Center*",
   "Orange *County*", "The Hollywood *Reporter*") except before "of"
   ("*University* of Oxford", "*Gulf* of Mexico"). A head on the publication,
   organisation, place or other word list decides, in that order; so does a first
   word such as "Mount", "Lake", "Hurricane" or "Operation".
3. **Acronyms** of two to seven capitals ("NASA", "FBI", "NHS"), alone or inside
   a longer name ("DLA Aviation"), make an organisation (a publication when the
   acronym is one: "BBC Breakfast"); post-nominals such as "MP" do not count.
   A name written all in capitals ("FORT KNOX") is read in title case first.
   A name with a connector inside ("Introduction to Policing") or a digit is
   ``other``; one opening with "The" ("The Green Papers") an organisation.
4. **Context**, voted over every occurrence: a title or role before the name or
   "who" after it marks a person; a lower-case "the" before it or a source noun
   after it ("NASA officials") an organisation; "in X" (one-word names) or
   "X-based" a place.
5. **Default**: the caller's prior when it gives one (the speakers table passes
   ``person`` for names :func:`analysis.speech.people.find_name_mentions` found as people);
   otherwise two or more capitalised words are a person, one word is ``other``.

:func:`source_key` folds "NASA officials" and "NASA spokesperson" into "NASA"
(one source, as docs/speech-annotation-guide.md says).

Direction: the rules favour precision of ``person``: a name is typed as a person
only when nothing marks it as something else.

Limits: a person whose surname is a head word ("Jack London", "Ann Post") is not a
person; a one-word organisation that is not on a list and never appears with a
context cue ("Promundo") is ``other``; a publication without a publication word
("Politico" is listed, "Semafor" is not) is missed. Add such names to the lists.

References
----------
Weischedel, R. et al. (2013). *OntoNotes Release 5.0* (named-entity guidelines:
PERSON, ORG, GPE, LOC, FAC, LAW, EVENT, PRODUCT). Linguistic Data Consortium.
Cunningham, H., Maynard, D., Bontcheva, K. & Tablan, V. (2002). GATE: A framework
and graphical development environment for robust NLP tools and applications.
*ACL 2002* (gazetteer lists and head-word rules of the ANNIE tagger).
United States Postal Service, *Publication 28: Postal Addressing Standards*,
Appendix C1 (street suffixes).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from analysis.core.errors import InputError

__all__ = [
    "NAME_TYPES",
    "NameContext",
    "NameIndex",
    "NameTypeLists",
    "load_name_types",
    "name_contexts",
    "source_key",
    "type_by_context",
    "type_by_form",
    "type_name",
]

NAME_TYPES: tuple[str, ...] = ("person", "organisation", "place", "publication", "other")
"""Types a name can have."""

LIST_FILES: tuple[str, ...] = (
    "organisation_words.txt", "place_words.txt", "publication_words.txt", "other_words.txt",
    "places.txt", "publications.txt", "organisations.txt", "others.txt", "person_cues.txt",
    "source_nouns.txt",
)
"""Files of a name-type folder (see ``analysis/data/name_types/README.md``)."""

ACRONYM = re.compile(r"(?:[A-Z]\.?){2,7}|[A-Z][A-Z&]{1,6}")
TRAILING_NUMBER = re.compile(r"\s+(?:\d+[A-Za-z]?|[IVX]{1,4})$")
POSSESSIVE = re.compile(r"['\u2019]s?$")
CONTEXT_WIDTH = 40
"""Characters of text kept on each side of a name occurrence."""


@dataclass(frozen=True)
class NameTypeLists:
    """Word and name lists for :func:`type_name` (one file each; see :data:`LIST_FILES`).

    Attributes
    ----------
    organisation_words, publication_words : frozenset of str
        Head words of organisation and publication names.
    place_words, place_prefixes, other_words, other_prefixes : frozenset of str
        Head words (and opening words, listed with a trailing ``+``).
    places, publications, organisations, others : frozenset of str
        Whole names.
    person_before : frozenset of str
        Lower-case words that, right before a name, mark a person ("mr", "spokeswoman").
    person_after : tuple of str
        Lower-case openings of the text right after a name that mark a person (", who").
    source_nouns : frozenset of str
        Lower-case nouns that after an organisation's name stand for it ("officials").
    source : str
        Where the lists were read from.
    """

    organisation_words: frozenset[str]
    place_words: frozenset[str]
    place_prefixes: frozenset[str]
    publication_words: frozenset[str]
    other_words: frozenset[str]
    other_prefixes: frozenset[str]
    places: frozenset[str]
    publications: frozenset[str]
    organisations: frozenset[str]
    others: frozenset[str]
    person_before: frozenset[str]
    person_after: tuple[str, ...]
    source_nouns: frozenset[str]
    source: str = ""


@dataclass(frozen=True)
class NameContext:
    """The text around one occurrence of a name.

    Attributes
    ----------
    before, after : str
        Up to :data:`CONTEXT_WIDTH` characters before and after the name.
    """

    before: str
    after: str


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _split_marked(entries: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Split head words from opening words (listed with a trailing "+")."""
    heads, prefixes = set(), set()
    for e in entries:
        (prefixes if e.endswith("+") else heads).add(e.rstrip("+"))
    return frozenset(heads), frozenset(prefixes)


def _parse(texts: dict[str, str], source: str) -> NameTypeLists:
    before: set[str] = set()
    after: list[str] = []
    for n, line in enumerate(texts["person_cues.txt"].splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        side, sep, word = line.partition(":")
        if not sep or side.strip() not in ("before", "after") or not word.strip():
            raise InputError(Path(source) / "person_cues.txt",
                             "expected 'before: WORD' or 'after: TEXT'", line=n)
        if side.strip() == "before":
            before.add(word.strip().lower())
        else:  # keep a leading comma, drop the space after the colon
            after.append(word[1:].lower() if word.startswith(" ") else word.lower())
    place_heads, place_prefixes = _split_marked(_lines(texts["place_words.txt"]))
    other_heads, other_prefixes = _split_marked(_lines(texts["other_words.txt"]))
    return NameTypeLists(
        organisation_words=frozenset(_lines(texts["organisation_words.txt"])),
        place_words=place_heads,
        place_prefixes=place_prefixes,
        publication_words=frozenset(_lines(texts["publication_words.txt"])),
        other_words=other_heads,
        other_prefixes=other_prefixes,
        places=frozenset(_lines(texts["places.txt"])),
        publications=frozenset(_lines(texts["publications.txt"])),
        organisations=frozenset(_lines(texts["organisations.txt"])),
        others=frozenset(_lines(texts["others.txt"])),
        person_before=frozenset(before),
        person_after=tuple(sorted(after, key=len, reverse=True)),
        source_nouns=frozenset(w.lower() for w in _lines(texts["source_nouns.txt"])),
        source=source,
    )


def load_name_types(folder: str | Path | None = None) -> NameTypeLists:
    """Load the name-type lists from ``folder`` or the packaged ``analysis/data/name_types/``.

    Parameters
    ----------
    folder : str or Path, optional
        A folder holding every file of :data:`LIST_FILES`.

    Raises
    ------
    InputError
        For a missing file or a malformed line of ``person_cues.txt``, naming the file.
    """
    if folder is None:
        return _default_lists()
    root = Path(folder)
    texts = {}
    for name in LIST_FILES:
        try:
            texts[name] = (root / name).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(root / name, f"cannot read name-type list: {exc.strerror or exc}") from None
    return _parse(texts, str(root))


@lru_cache(maxsize=1)
def _default_lists() -> NameTypeLists:
    ref = resources.files("analysis").joinpath("data/name_types")
    texts = {name: ref.joinpath(name).read_text(encoding="utf-8") for name in LIST_FILES}
    return _parse(texts, str(ref))


def _clean(name: str) -> str:
    """The name without surrounding space, a possessive ending or a leading "the"."""
    name = " ".join(name.split())
    name = POSSESSIVE.sub("", name) if re.search(r"\w['\u2019]s?$", name) else name
    return re.sub(r"^(?:the|The)\s+", "", name)


CONNECTORS = frozenset({"of", "for", "on", "in", "and", "the", "to", "&"})
NOT_ACRONYMS = frozenset({"MP", "MSP", "MEP", "QC", "KC", "OBE", "MBE", "CBE", "JR", "SR", "II", "III", "IV"})
"""All-capital words that go with a person's name (post-nominals, generational suffixes)."""


PREPOSITIONS = frozenset({"of", "for", "on", "in", "to"})


def _head(words: Sequence[str]) -> str:
    """The head word: the last word before the first preposition ("Joint *Council* for the
    Welfare of Immigrants", "*University* of Oxford"), else the last word ("Scottish Fire and
    Rescue *Service*")."""
    for k, w in enumerate(words[1:], start=1):
        if w in PREPOSITIONS:
            return words[k - 1]
    return words[-1]


def _is_acronym(word: str) -> bool:
    return bool(ACRONYM.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


def type_by_form(name: str, lists: NameTypeLists | None = None) -> str | None:
    """Type a name from its own words: known names, head words, acronyms (rules 1-3).

    Parameters
    ----------
    name : str
        The name as written ("the Hollywood Reporter's" is read as "Hollywood Reporter").
    lists : NameTypeLists, optional
        The packaged lists by default.

    Returns
    -------
    str or None
        A type from :data:`NAME_TYPES` other than ``person``, or None when the
        name's form says nothing.

    Examples
    --------
    >>> [type_by_form(n) for n in ("Main St", "NASA", "The Hollywood Reporter", "Artemis I", "Ann Lee")]
    ['place', 'organisation', 'publication', 'other', None]
    """
    lists = lists or _default_lists()
    raw = " ".join(name.split())
    if len(raw.split()) > 1 and raw.isupper():  # "FORT KNOX" in a dateline reads as "Fort Knox"
        raw = " ".join(w.capitalize() for w in raw.split())
    clean = _clean(raw)
    if not clean:
        return None
    for form in (raw, clean, "The " + clean):
        if form in lists.publications:
            return "publication"
    for form in (raw, clean):
        if form in lists.places:
            return "place"
        if form in lists.organisations:
            return "organisation"
        if form in lists.others:
            return "other"
    bare = TRAILING_NUMBER.sub("", clean)
    if bare != clean and bare in lists.others:
        return "other"
    words = [w.strip(",;:") for w in bare.split()]
    words = [w for w in words if w]
    if not words:
        return None
    head = _head(words)
    if head in lists.publication_words and len(words) > 1:
        return "publication"
    if head in lists.organisation_words:
        return "organisation"
    if head in lists.place_words and len(words) > 1:
        return "place"
    if head in lists.other_words:
        return "other"
    if len(words) > 1 and words[0] in lists.place_prefixes:
        return "place"
    if len(words) > 1 and words[0] in lists.other_prefixes:
        return "other"
    acronyms = [w for w in words if _is_acronym(w) and w not in NOT_ACRONYMS and w not in lists.places]
    if acronyms:  # "NASA", "DLA Aviation", "BBC Breakfast": an acronym is no part of a person's name
        return "publication" if any(a in lists.publications for a in acronyms) else "organisation"
    if any(w in CONNECTORS for w in words[1:-1]) or any(any(c.isdigit() for c in w) for w in words):
        return "other"  # "Introduction to Policing", "99 Ways to Find Your Park": no person's name
    if re.match(r"The\s", raw) and len(words) > 1:
        return "organisation"  # "The Green Papers": a person's name never opens with "The"
    return None


def _last_word(text: str) -> str:
    m = re.search(r"([A-Za-z]+)\.?\s*$", text)
    return m.group(1).lower() if m else ""


def type_by_context(
    contexts: Iterable[NameContext], lists: NameTypeLists | None = None, *, n_words: int = 1
) -> str | None:
    """Type a name from the words around its occurrences (rule 4), by majority vote.

    A title or role right before the name, or "who" right after it, votes
    ``person``; a lower-case "the" right before it or a source noun right after
    it ("officials") votes ``organisation``; "in" right before a one-word name
    or "-based" right after it votes ``place`` ("confidence in Crispin Blunt" is
    not a place). Ties and no votes give None; ``person`` wins a tie with another
    type.

    Parameters
    ----------
    contexts : iterable of NameContext
    lists : NameTypeLists, optional
    n_words : int, default 1
        Words in the name.
    """
    lists = lists or _default_lists()
    votes: Counter[str] = Counter()
    for c in contexts:
        after = c.after.lower()
        if _last_word(c.before) in lists.person_before or any(after.startswith(a) for a in lists.person_after):
            votes["person"] += 1
        elif re.search(r"(?:^|[^A-Za-z])the\s+$", c.before):
            votes["organisation"] += 1
        elif re.match(r"\s+([a-z]+)", after) and re.match(r"\s+([a-z]+)", after).group(1) in lists.source_nouns:
            votes["organisation"] += 1
        elif n_words == 1 and re.search(r"(?:^|[^A-Za-z])[Ii]n\s+$", c.before) and not re.match(r"['\u2019]", c.after):
            votes["place"] += 1
        elif after.startswith("-based"):
            votes["place"] += 1
    if not votes:
        return None
    ranked = votes.most_common()
    top = ranked[0][1]
    leaders = [t for t, n in ranked if n == top]
    if "person" in leaders:
        return "person"
    return leaders[0] if len(leaders) == 1 else None


def name_contexts(body: str, name: str, width: int = CONTEXT_WIDTH) -> list[NameContext]:
    """The text around every whole-word occurrence of ``name`` in ``body``.

    Parameters
    ----------
    body : str
    name : str
    width : int, default :data:`CONTEXT_WIDTH`
        Characters kept on each side.
    """
    if not name.strip():
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    return [
        NameContext(body[max(0, m.start() - width) : m.start()], body[m.end() : m.end() + width])
        for m in pattern.finditer(body)
    ]


WORD = re.compile(r"[^\W_]+")
MAX_CONTEXTS = 50
"""Occurrences of a name read by :meth:`NameIndex.contexts` (enough votes for any article)."""


class NameIndex:
    """Where every word of a body is, so a name's occurrences are found without a scan.

    :func:`name_contexts` scans the whole body for one name; the speakers table asks
    for every speaker and person of an article, so it builds this index once (time
    linear in the body) and looks each name up by its rarest word.

    Parameters
    ----------
    body : str
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self.positions: dict[str, list[int]] = {}
        for m in WORD.finditer(body):
            self.positions.setdefault(m.group(), []).append(m.start())

    def contexts(self, name: str, width: int = CONTEXT_WIDTH, limit: int = MAX_CONTEXTS) -> list[NameContext]:
        """The same contexts as :func:`name_contexts` (at most ``limit`` of them, in order)."""
        words = list(WORD.finditer(name))
        if not words or not name.strip():
            return []
        rarest = min(words, key=lambda m: len(self.positions.get(m.group(), ())))
        body, out = self.body, []
        for pos in self.positions.get(rarest.group(), ()):
            start, end = pos - rarest.start(), pos - rarest.start() + len(name)
            if start < 0 or not body.startswith(name, start):
                continue
            if (start and _is_word_char(body[start - 1])) or (end < len(body) and _is_word_char(body[end])):
                continue
            out.append(NameContext(body[max(0, start - width) : start], body[end : end + width]))
            if len(out) >= limit:
                break
        return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def type_name(
    name: str,
    contexts: Iterable[NameContext] = (),
    *,
    prior: str | None = None,
    lists: NameTypeLists | None = None,
) -> str:
    """Type a name as ``person``, ``organisation``, ``place``, ``publication`` or ``other``.

    Parameters
    ----------
    name : str
        A capitalised name as written.
    contexts : iterable of NameContext
        Its occurrences in the article (:func:`name_contexts`).
    prior : str, optional
        The type to give when neither the name's form nor its context decides
        (one of :data:`NAME_TYPES`).
    lists : NameTypeLists, optional
        The packaged lists by default.

    Returns
    -------
    str
        One of :data:`NAME_TYPES`; see the module docstring for the rules.

    Raises
    ------
    ValueError
        For a ``prior`` that is not a name type, listing the valid ones.

    Examples
    --------
    >>> type_name("Robert Buckland"), type_name("Kennedy Space Center"), type_name("Politico")
    ('person', 'organisation', 'publication')
    """
    if prior is not None and prior not in NAME_TYPES:
        raise ValueError(f"unknown prior {prior!r}; valid: {', '.join(NAME_TYPES)}")
    lists = lists or _default_lists()
    by_form = type_by_form(name, lists)
    if by_form is not None:
        return by_form
    by_context = type_by_context(contexts, lists, n_words=len(_clean(name).split()))
    if by_context is not None:
        return by_context
    if prior is not None:
        return prior
    words = _clean(name).split()
    capitalised = [w for w in words if w[:1].isupper()]
    return "person" if len(capitalised) >= 2 else "other"


def source_key(speaker: str, lists: NameTypeLists | None = None) -> str:
    """The source a speaker phrase stands for: "NASA officials" and "NASA" are one source.

    A phrase that ends in a source noun ("officials", "spokesperson", "team")
    after a name typed organisation or publication by its form is that name;
    any other phrase is returned unchanged (spaces normalised).

    Examples
    --------
    >>> source_key("NASA officials"), source_key("the NASA team"), source_key("police spokesman")
    ('NASA', 'NASA', 'police spokesman')
    """
    lists = lists or _default_lists()
    text = " ".join(speaker.split())
    words = text.split()
    if len(words) < 2 or words[-1].lower() not in lists.source_nouns:
        return text
    rest = " ".join(words[:-1])
    rest = re.sub(r"^(?:the|The|a|A|an|An)\s+", "", rest)
    if rest and rest[:1].isupper() and type_by_form(rest, lists) in ("organisation", "publication"):
        return rest
    return text
