"""Names in running text: people and organisations mentioned outside quotations.

Quote attribution needs to know who "he" or "it" is, and the speakers table
lists people who are named but never quoted. This module finds capitalised
name runs in the reporter's text with a small, editable word list
(``analysis/data/name_cues.yml``) instead of a statistical tagger, so every
decision can be read and changed:

- a run of two or more capitalised words (joined by spaces only, with name
  particles such as "de" or "van" allowed inside) is a person's name, unless one
  of its words marks an organisation, place, event or date (``non_person_words``:
  "Office", "Street", "Awards", "Sunday"...), in which case it is an
  organisation;
- a single capitalised word is a person when a title stands before it
  ("Mayor Ruiz") or when it repeats a word of a full name seen earlier
  ("Krasinski" after "John Krasinski");
- leading function words and titles are not part of the name
  ("Mayor Ruiz" gives "Ruiz");
- names in credit lines ("Follow Daniel Nussbaum on Twitter", "By Jane Roe",
  "Reporting by Ann Lee"; :mod:`analysis.speech.credits`) are not mentions:
  they name the outlet's staff, not people in the news.

- a run holding an event word ("Awards", "Oscars", "Festival") is an event,
  not an actor; the last organisation or place word of a run decides between
  the two ("Millbrook Town Council" is an organisation);
- a run joined by "of", "for" or another connector is an organisation
  ("Bank of England"), unless it opens with a first name and two or more
  words come before the connector: then those words are a person ("Justin
  Trudeau of Canada" is Justin Trudeau);
- a capitalised "A", "An" or "The" inside a sentence that opens an
  organisation's name belongs to it ("groups A Call to Men");
- a single capitalised word is an organisation when it is on the list of
  one-word organisations (``organisation_names``: "Deadline", "Reuters"), or
  when it follows "from" right after a person's name ("Gary Barker from
  Promundo-US");
- a line holding only a name written surname first, as record headers write
  it ("Howard, John Winston"), is that person, given in reading order ("John
  Winston Howard"), when the given name is on the first-name list;
- names given by the caller (a story's ``people.yml``) are found wherever they
  are written, with the kind given.

Gender is never inferred from names.

Limits: a one-word name never seen in full ("Madonna") is not found; a person
whose name contains an organisation word ("Jack London") is taken for an
organisation; a one-word organisation that is not on the list ("Promundo-US"
outside the "from" pattern) is missed. Add such names to a story's
``people.yml`` when that matters.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from analysis.core.errors import InputError
from analysis.speech.credits import credit_ranges
from analysis.text.document import Document

__all__ = [
    "GENDERS",
    "NameCues",
    "NameMention",
    "canonical_lookup",
    "canonical_person",
    "find_name_mentions",
    "load_first_names",
    "load_name_cues",
    "merge_ranges",
    "name_gender",
]

PARTICLES: frozenset[str] = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "del", "dos"})
ORG_CONNECTORS: frozenset[str] = frozenset({"of", "for", "to", "the", "&"})
NAME_GAP: frozenset[str] = frozenset({" ", "\u00a0"})


@dataclass(frozen=True)
class NameCues:
    """Word lists for telling names apart (see ``analysis/data/name_cues.yml``)."""

    titles: frozenset[str]
    function_words: frozenset[str]
    non_person_words: frozenset[str]
    place_words: frozenset[str]
    time_words: frozenset[str]
    document_nouns: frozenset[str]
    event_words: frozenset[str] = frozenset()
    organisation_names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NameMention:
    """A name found in the reporter's text.

    Attributes
    ----------
    start, end : int
        Offsets of the name (title excluded) in the body.
    name : str
        The name as written (possessive 's removed); a name written surname
        first on a line of its own ("Howard, John") is given in reading order
        ("John Howard").
    kind : str
        ``person``, ``organisation``, ``place`` or ``event``.
    canonical : str
        For people, the fullest form of the name in the article.
    """

    start: int
    end: int
    name: str
    kind: str
    canonical: str


def load_name_cues(path: str | Path | None = None) -> NameCues:
    """Load the name word lists, from ``path`` or the packaged default.

    Raises
    ------
    InputError
        When the file is not a mapping with the four lists.
    """
    if path is None:
        return _default_cues()
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(p, f"cannot read name cues: {exc}") from None
    return _cues_from(data, p)


@lru_cache(maxsize=1)
def _default_cues() -> NameCues:
    ref = resources.files("analysis").joinpath("data/name_cues.yml")
    return _cues_from(yaml.safe_load(ref.read_text(encoding="utf-8")), Path(str(ref)))


def _cues_from(data: object, path: Path) -> NameCues:
    keys = ("titles", "function_words", "non_person_words", "place_words", "time_words", "document_nouns")
    optional = ("event_words", "organisation_names")
    if not isinstance(data, dict) or any(not isinstance(data.get(k), list) for k in keys):
        raise InputError(path, f"name cues must be a mapping with the lists: {', '.join(keys)}")
    for k in optional:
        if data.get(k) is not None and not isinstance(data[k], list):
            raise InputError(path, f"name cues: '{k}' must be a list")
    return NameCues(
        titles=frozenset(str(w) for w in data["titles"]),
        function_words=frozenset(str(w) for w in data["function_words"]),
        non_person_words=frozenset(str(w) for w in data["non_person_words"]),
        place_words=frozenset(str(w) for w in data["place_words"]),
        time_words=frozenset(str(w) for w in data["time_words"]),
        document_nouns=frozenset(str(w).lower() for w in data["document_nouns"]),
        event_words=frozenset(str(w) for w in data.get("event_words") or ()),
        organisation_names=frozenset(str(w) for w in data.get("organisation_names") or ()),
    )


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "\u2019s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _is_cap(word: str) -> bool:
    return word[:1].isupper() and any(c.islower() for c in word)


def _is_initial(word: str, gap: str) -> bool:
    """A single capital letter followed by a point and one space ("E. "): a middle initial."""
    return len(word) == 1 and word.isupper() and gap in (". ", ".\u00a0")


GENDERS: tuple[str, ...] = ("female", "male")
"""Genders of the first-name list."""


@lru_cache(maxsize=1)
def load_first_names() -> dict[str, str]:
    """The packaged first-name list (``analysis/data/first_names.csv``): name -> gender.

    Used only to agree a pronoun ("she said") with a person named earlier,
    never to report anyone's gender; names given to both genders are not on it
    (see ``analysis/data/README.md`` for its sources).
    """
    ref = resources.files("analysis").joinpath("data/first_names.csv")
    out: dict[str, str] = {}
    for line_no, line in enumerate(ref.read_text(encoding="utf-8").splitlines()[1:], start=2):
        if not line.strip():
            continue
        name, _, gender = line.partition(",")
        if gender not in GENDERS:
            raise InputError(Path(str(ref)), f"unknown gender {gender!r}; valid: female, male", line=line_no)
        out[name] = gender
    return out


def name_gender(name: str, first_names: dict[str, str] | None = None) -> str:
    """``female``, ``male`` or "" (unknown) for a person's name, by its first word."""
    words = name.split()
    if not words:
        return ""
    return (first_names if first_names is not None else load_first_names()).get(words[0], "")


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort character ranges and join those that overlap or touch.

    The result covers the same characters with disjoint ranges, so "is this
    offset (or span) inside any range" takes one bisection.

    Parameters
    ----------
    ranges : iterable of (start, end)
        Half-open ranges; empty ones are dropped.

    Returns
    -------
    list of (start, end)
        Sorted, disjoint and not touching.
    """
    merged: list[tuple[int, int]] = []
    for s, e in sorted(r for r in ranges if r[1] > r[0]):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when ``pos`` lies in one of ``spans`` (sorted, merged: see :func:`merge_ranges`)."""
    i = bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def find_name_mentions(
    doc: Document,
    exclude: Iterable[tuple[int, int]] = (),
    cues: NameCues | None = None,
    known: Sequence[tuple[str, str]] = (),
) -> list[NameMention]:
    """Find people's and organisations' names outside the ``exclude`` ranges.

    Parameters
    ----------
    doc : Document
        The segmented article.
    exclude : iterable of (start, end)
        Character ranges to ignore (quoted speech: names inside a quote are
        the speaker's words, not the reporter's). Credit lines (by-lines,
        "Follow X on Twitter", press contacts: :func:`analysis.speech.credits.find_credits`)
        are always ignored: the outlet's staff are not people in the news.
    cues : NameCues, optional
        Word lists; the packaged default when omitted.
    known : sequence of (name, kind)
        Names the caller knows (a story's ``people.yml``): each is found
        wherever it is written as whole words, with the kind given, and wins
        over the rules where the two overlap.

    Returns
    -------
    list of NameMention
        In reading order; people carry their canonical (fullest) name.
    """
    cues = cues or _default_cues()
    skip = merge_ranges([*exclude, *credit_ranges(doc)])
    body = doc.body
    runs: list[tuple[list[int], bool]] = []  # word indices of a run, had_title
    bounds, word_texts = doc.word_bounds, doc.word_texts
    n = len(bounds)
    free = 0  # first word not taken by the previous run
    # only a word starting with a capital can start a run
    for i in [k for k, t in enumerate(word_texts) if t[:1].isupper()]:
        if i < free or not _is_cap(word_texts[i]) or skip and _inside(bounds[i][0], skip):
            continue
        run = [i]
        j = i + 1
        while j < n:
            gap = body[bounds[j - 1][1] : bounds[j][0]]
            if _is_initial(word_texts[j - 1], gap) and _is_cap(word_texts[j]):
                run.append(j)  # "Steven E. Zipperstein": an initial and its point stay in the name
                j += 1
                continue
            if not gap or any(c not in NAME_GAP for c in gap) or skip and _inside(bounds[j][0], skip):
                break
            text = word_texts[j]
            if _is_cap(text) or (
                len(text) == 1 and text.isupper() and j + 1 < n
                and _is_initial(text, body[bounds[j][1] : bounds[j + 1][0]]) and _is_cap(word_texts[j + 1])
            ):
                run.append(j)
                j += 1
                continue
            # a lower-case particle or connector followed by another capitalised word
            if (text in PARTICLES or text in ORG_CONNECTORS) and j + 1 < n:
                gap2 = body[bounds[j][1] : bounds[j + 1][0]]
                if gap2 and all(c in NAME_GAP for c in gap2) and _is_cap(word_texts[j + 1]):
                    run.extend([j, j + 1])
                    j += 2
                    continue
            break
        runs.append(_trim_run(run, doc, cues))
        free = j
    sentence_starts = {doc.sentence_words[k][0] for k in range(len(doc.sentences))}
    mentions: list[tuple[int, int, str, str, bool]] = []
    for run, had_title in runs:
        if not run:
            continue
        texts = [_strip_possessive(doc.word_texts[k]) for k in run]
        start, end = bounds[run[0]][0], bounds[run[-1]][0] + len(texts[-1])
        name = body[start:end]
        if any(t in cues.time_words for t in texts):
            continue  # a date or a day ("Sunday", "March 3")
        if any(t in cues.event_words for t in texts):
            mentions.append((start, end, name, "event", had_title))
        elif len(run) == 1 and not had_title:
            kind = "single"
            if texts[0] in cues.organisation_names or _after_person_from(doc, run[0], mentions):
                kind = "organisation"
            mentions.append((start, end, name, kind, had_title))
        elif (cut := _person_before_connector(texts, cues)) > 0:
            # "Justin Trudeau of Canada", "Lydia Buchtmann for Food Standards Australia": a person's
            # name before the connector, an organisation or place after it
            end = bounds[run[cut - 1]][0] + len(texts[cut - 1])
            mentions.append((start, end, body[start:end], "person", had_title))
        elif any(t in cues.place_words or t in cues.non_person_words for t in texts):
            last = [t for t in texts if t in cues.place_words or t in cues.non_person_words][-1]
            kind = "place" if last in cues.place_words else "organisation"
            if kind == "organisation":
                start, name = _with_leading_article(doc, run[0], sentence_starts, start, end)
            mentions.append((start, end, name, kind, had_title))
        elif any(t in ORG_CONNECTORS for t in texts):
            start, name = _with_leading_article(doc, run[0], sentence_starts, start, end)
            mentions.append((start, end, name, "organisation", had_title))
        elif len(run) >= 2 or had_title:
            mentions.append((start, end, name, "person", had_title))
        else:
            mentions.append((start, end, name, "single", had_title))
    mentions = _merge_inverted(mentions, _inverted_names(body, skip))
    mentions = _merge_known(doc, mentions, known, skip)
    full_names = [m[2] for m in mentions if m[3] == "person" and " " in m[2]]
    canonical_of = canonical_lookup(full_names)
    out: list[NameMention] = []
    for start, end, name, kind, _ in mentions:
        if kind == "single":
            canonical = canonical_of(name)
            if canonical == name:
                continue  # a lone capitalised word that matches no known person
            kind = "person"
        elif kind == "person":
            canonical = canonical_of(name)
        else:
            canonical = name
        out.append(NameMention(start, end, name, kind, canonical))
    return out


_ARTICLES = frozenset({"A", "An", "The"})


def _person_before_connector(texts: Sequence[str], cues: NameCues) -> int:
    """Number of words of a person's name opening a run joined by a connector, or 0.

    "Justin Trudeau of Canada" gives 2: two or more words before the first
    connector ("of", "for"...), the first a known first name, none of them an
    organisation or place word. "Bank of England" and "Virginia Department of
    Health" give 0.
    """
    cut = next((k for k, t in enumerate(texts) if t in ORG_CONNECTORS), -1)
    if cut < 2 or texts[0] not in load_first_names():
        return 0
    if any(t in cues.place_words or t in cues.non_person_words or t in cues.titles for t in texts[:cut]):
        return 0
    return cut


def _with_leading_article(
    doc: Document, first: int, sentence_starts: set[int], start: int, end: int
) -> tuple[int, str]:
    """Extend an organisation's name back over a capitalised article inside a sentence."""
    k = first - 1
    if k < 0 or k in sentence_starts or doc.word_texts[k] not in _ARTICLES:
        return start, doc.body[start:end]
    gap = doc.body[doc.words[k].end : doc.words[first].start]
    if not gap or any(c not in NAME_GAP for c in gap):
        return start, doc.body[start:end]
    return doc.words[k].start, doc.body[doc.words[k].start : end]


def _after_person_from(doc: Document, index: int, mentions: Sequence[tuple[int, int, str, str, bool]]) -> bool:
    """True when word ``index`` follows "from" right after a person's name ("Ann Lee from Acme")."""
    if index < 2 or doc.word_texts[index - 1] != "from" or not mentions:
        return False
    prev = mentions[-1]
    if prev[3] != "person":
        return False
    gap = doc.body[prev[1] : doc.words[index - 1].start]
    return gap.strip() == ""


_INVERTED_RE = re.compile(
    r"^[ \t]*(?:[\u2022*\-][ \t]*)?(?P<last>[A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?)"
    r",[ \t]+(?P<given>[A-Z][a-z'\u2019\-]+(?:[ \t]+(?:[A-Z][a-z'\u2019\-]+|[A-Z]\.))*)[ \t]*$",
    re.MULTILINE,
)
"""A line holding only a name written surname first ("Howard, John Winston"), as record headers
and catalogues write it; a bullet may open the line."""


def _inverted_names(body: str, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int, str, str, bool]]:
    """People named surname first on a line of their own, given in reading order.

    "Howard, John Winston" on a line by itself is the person John Winston
    Howard. Only lines whose given name is on the first-name list are taken
    ("London, England" and "Smith, Jones" are not names of one person).
    """
    if ", " not in body:
        return []
    first_names = load_first_names()
    out: list[tuple[int, int, str, str, bool]] = []
    for m in _INVERTED_RE.finditer(body):
        given = m.group("given")
        if given.split()[0] not in first_names or (skip and _inside(m.start("last"), skip)):
            continue
        out.append((m.start("last"), m.end("given"), f"{given} {m.group('last')}", "person", False))
    return out


def _merge_inverted(
    mentions: list[tuple[int, int, str, str, bool]], inverted: list[tuple[int, int, str, str, bool]]
) -> list[tuple[int, int, str, str, bool]]:
    """Replace the rule-found names inside each inverted name's line by the inverted name."""
    if not inverted:
        return mentions
    kept = [m for m in mentions if not any(s <= m[0] < e for s, e, *_ in inverted)]
    return sorted(kept + inverted, key=lambda m: m[0])


def _merge_known(
    doc: Document,
    mentions: list[tuple[int, int, str, str, bool]],
    known: Sequence[tuple[str, str]],
    skip: Sequence[tuple[int, int]],
) -> list[tuple[int, int, str, str, bool]]:
    """Add every whole-word occurrence of the caller's known names; they win overlaps."""
    if not known:
        return mentions
    found: list[tuple[int, int, str, str, bool]] = []
    starts = {s for s, _ in doc.word_bounds}
    ends = {e for _, e in doc.word_bounds}
    taken = bytearray(len(doc.body) + 1)  # characters covered by a known name found so far
    for name, kind in sorted(known, key=lambda k: -len(k[0])):
        if not name:
            continue
        pos = doc.body.find(name)
        while pos >= 0:
            end = pos + len(name)
            clear = not any(taken[pos:end])
            if pos in starts and end in ends and clear and not _inside(pos, skip):
                found.append((pos, end, name, kind, False))
                taken[pos:end] = b"\x01" * (end - pos)
            pos = doc.body.find(name, pos + 1)
    kept = [m for m in mentions if not any(taken[m[0] : m[1]])]
    return sorted(kept + found, key=lambda m: m[0])


PEERAGE_TITLES: frozenset[str] = frozenset({"Lord", "Lady", "Baroness", "Baron", "Viscount", "Viscountess"})
"""Titles that are part of a name written with a surname only ("Lord Elis-Thomas")."""
JUDGE_COURTESY: frozenset[str] = frozenset({"Mr", "Mrs", "Ms", "Lord", "Lady"})
"""Words before "Justice" in a judge's style ("Mr Justice Bryan", "Lady Justice Hallett")."""


def _trim_run(run: list[int], doc: Document, cues: NameCues) -> tuple[list[int], bool]:
    """Drop leading function words and titles (and trailing connectors) from a run.

    A peer or a judge named by surname only keeps the title, which is then the
    only form of the name ("Lord Elis-Thomas", "Mr Justice Bryan"); with a given
    name the title is dropped as any other ("Lord James Timpson" is James Timpson).
    """
    trimmed, had_title = _trim_titles(run, doc, cues)
    if len(trimmed) != 1 or trimmed[0] not in run:
        return trimmed, had_title
    k = run.index(trimmed[0])
    texts = [_strip_possessive(doc.word_texts[i]) for i in run[:k]]
    if len(texts) >= 2 and texts[-1] == "Justice" and texts[-2] in JUDGE_COURTESY:
        return run[k - 2 : k + 1], True  # a judge's style takes a surname, even "Bryan"
    if texts and texts[-1] in PEERAGE_TITLES and doc.word_texts[trimmed[0]] not in load_first_names():
        return run[k - 1 : k + 1], True  # "Lady Diana" is a given name with a courtesy title
    return trimmed, had_title


def _trim_titles(run: list[int], doc: Document, cues: NameCues) -> tuple[list[int], bool]:
    """Drop leading function words and titles (and trailing connectors) from a run."""
    had_title = False
    k = 0
    while k < len(run):
        text = _strip_possessive(doc.word_texts[run[k]])
        if text in cues.titles:
            had_title = True
            k += 1
        elif text in cues.function_words:
            k += 1
        else:
            break
    trimmed = run[k:]
    while trimmed and doc.word_texts[trimmed[-1]] in ORG_CONNECTORS | PARTICLES:
        trimmed.pop()
    # a role written alone ("the Prime Minister", "London Mayor", "Cabinet Secretary") is not a
    # name, unless it follows a known first name ("John Major")
    if trimmed and _strip_possessive(doc.word_texts[trimmed[-1]]) in cues.titles:
        if doc.word_texts[trimmed[0]] not in load_first_names():
            return [], had_title
    # words before a known first name ("Honourable Kirsty Duncan", "Syria envoy Anna Roe")
    if len(trimmed) >= 3:
        first_names = load_first_names()
        texts = [doc.word_texts[i] for i in trimmed]
        for t in range(1, len(texts) - 1):
            if texts[t] in first_names:
                if not any(w in first_names for w in texts[:t]) and not any(
                    w in cues.non_person_words or w in cues.place_words for w in texts[t:]
                ):
                    return trimmed[t:], True
                break
    # a role inside the run: "Education Secretary Justine Greening", "Olympic National Park
    # Superintendent Sarah Creachbaum": the person's name is what follows the last title
    texts = [doc.word_texts[i] for i in trimmed] if len(trimmed) >= 2 else []
    for t in range(len(texts) - 2, -1, -1):
        if texts[t] in cues.titles:
            rest = texts[t + 1 :]
            if all(w not in cues.non_person_words and w not in cues.place_words and w not in ORG_CONNECTORS
                   and w not in cues.titles for w in rest) and not texts[t].endswith(("'s", "\u2019s")):
                return trimmed[t + 1 :], True
            break
    return trimmed, had_title


def canonical_lookup(full_names: Sequence[str]) -> Callable[[str], str]:
    """Return a function equivalent to ``lambda name: canonical_person(name, full_names)``.

    The names are indexed once by first and last word, so looking up every
    mention of a long article takes time linear in the number of mentions
    instead of mentions x names.
    """
    by_last: dict[str, dict[int, tuple[int, int, str]]] = {}
    by_first: dict[str, dict[int, tuple[int, int, str]]] = {}
    for idx, full in enumerate(full_names):
        fw = full.split()
        if not fw:
            continue
        for table, key in ((by_last, fw[-1]), (by_first, fw[0])):
            slot = table.setdefault(key, {})
            best = slot.get(len(fw))
            # longest name wins; among equally long ones, the first listed
            if best is None or len(full) > best[0]:
                slot[len(fw)] = (len(full), idx, full)

    def lookup(name: str) -> str:
        words = name.split()
        if not words:
            return name
        found: tuple[int, int, str] | None = None
        tables = [by_last.get(words[-1], {})]
        if len(words) == 1:
            tables.append(by_first.get(words[0], {}))
        for table in tables:
            for n_words, cand in table.items():
                if n_words > len(words) and (found is None or (cand[0], -cand[1]) > (found[0], -found[1])):
                    found = cand
        return found[2] if found is not None and found[0] > len(name) else name

    return lookup


def canonical_person(name: str, full_names: Sequence[str]) -> str:
    """Return the fullest name in ``full_names`` that ``name`` refers to.

    A name refers to a fuller one when its last word equals the fuller name's
    last word ("Krasinski", "John Krasinski"), or, for a single word, its first
    word ("Helen" and "Helen Marsh"). The longest match wins; with none,
    ``name`` itself is returned.
    """
    words = name.split()
    if not words:
        return name
    best = name
    for full in full_names:
        fw = full.split()
        if len(fw) <= len(words) and full != name:
            continue
        if fw[-1] == words[-1] or (len(words) == 1 and fw[0] == words[0]):
            if len(full) > len(best):
                best = full
    return best
