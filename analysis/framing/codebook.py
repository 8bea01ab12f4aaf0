"""Codebooks as data: frames with their cue words, read from YAML files.

A **codebook** is a YAML file of frames; each frame has an id, a label, a
one-sentence definition, cue words and phrases, and an example from a corpus.
A teacher or student edits the file and the numbers change, without code.

Cues are literal words and phrases, never regular expressions
(:mod:`analysis.framing.matcher` finds them). With ``match: stem`` (the
default for codebooks) words are compared after NLTK's Snowball stemmer for
English (Porter 2001, :mod:`analysis.framing.keys`), so "responsibility" also
matches "responsibilities" and "responsible". The stemmer is blunt:
"accountable" also matches "account", "powerful" matches "power" and
"savings" matches "save"; a codebook that needs to tell such words apart uses
``match: exact`` and lists every form it wants. With ``match: exact`` words
are compared lower-cased, as written. One placeholder is allowed in phrases:
``<number>`` matches any word made of digits ("about <number>" matches "about
40,000"). Overlapping cues of one frame do not double count: at each word the
longest cue wins and the words it covers are used up. A cue may carry a
context rule (:mod:`analysis.framing.rules`). The format is documented in
``analysis/data/codebooks/README.md``.

This module also offers, under their old names, the word keys, context
rules, matcher and lexicons that now live in their own modules (``from
analysis import codebook`` keeps every name of :data:`__all__`).

References
----------
Porter, M. F. (2001). Snowball: A language for stemming algorithms.
https://snowballstem.org/ (NLTK's ``SnowballStemmer("english")``, which needs
no downloaded data).
Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: A
content analysis of press and television news. *Journal of Communication*
50(2), 93-109.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from analysis.core.errors import InputError, unknown_option
from analysis.framing.cue_files import cue_entry, read_yaml, skip_proper_names, text_field, word_classes
from analysis.framing.keys import MATCH_MODES, NUMBER_PLACEHOLDER, document_keys, phrase_keys, stem_word
from analysis.framing.lexicons import Lexicon, load_lexicon, packaged_lexicon
from analysis.framing.matcher import CueIndex, CueMatch, cue_index, find_cue_lists, find_cues
from analysis.framing.rules import BUILTIN_CLASSES, CuePattern, CueRule, capitalised_inside, rule_allows

__all__ = [
    "MATCH_MODES",
    "NUMBER_PLACEHOLDER",
    "PACKAGED_CODEBOOKS",
    "BUILTIN_CLASSES",
    "Codebook",
    "CueMatch",
    "CuePattern",
    "CueRule",
    "Frame",
    "Lexicon",
    "codebook_paths_for_story",
    "document_keys",
    "find_cue_lists",
    "find_cues",
    "generic_codebook",
    "load_codebook",
    "load_codebooks",
    "load_lexicon",
    "packaged_codebook",
    "packaged_lexicon",
    "capitalised_inside",
    "rule_allows",
    "stem_word",
]

PACKAGED_CODEBOOKS: tuple[str, ...] = ("generic", "policy")
"""Codebooks shipped in ``analysis/data/codebooks/``: the five generic news frames of Semetko &
Valkenburg (2000), and the policy frame dimensions of Boydstun et al. (2014). Either name may be
given where a codebook path is expected (``--codebook policy``)."""

FRAME_FIELDS: tuple[str, ...] = ("id", "label", "definition", "cues", "example")
"""Fields every frame must have."""

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Frame:
    """One frame of a codebook.

    Attributes
    ----------
    id : str
        Short id used in tables (lower case, digits and ``_``).
    label : str
        Human-readable name.
    definition : str
        One sentence saying when a text carries the frame.
    cues : tuple of str
        Literal cue words and phrases, as written in the file.
    example : str
        An example sentence from a corpus.
    patterns : tuple of CuePattern
        The cues to match: (cue, word keys), with the cue's context rule if it
        has one. Cues whose keys and rule are the same (``kid`` and ``kids``
        after stemming) are merged under the first one.
    """

    id: str
    label: str
    definition: str
    cues: tuple[str, ...]
    example: str
    patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Codebook:
    """A set of frames loaded from one YAML file.

    Attributes
    ----------
    name : str
        The codebook's id in tables (``codebook:`` in the file; default: the
        file stem, or the story folder's name for ``codebook.yml``).
    title : str
        Human-readable title.
    source : str
        Where the frames come from (a reference, or "read from the corpus").
    match : str
        ``stem`` or ``exact``.
    frames : tuple of Frame
    path : str
        The file it was read from.
    """

    name: str
    title: str
    source: str
    match: str
    frames: tuple[Frame, ...]
    path: str = ""

    def frame(self, frame_id: str) -> Frame:
        """The frame with this id.

        Raises
        ------
        ValueError
            For an unknown id, listing the valid ones.
        """
        for f in self.frames:
            if f.id == frame_id:
                return f
        raise ValueError(unknown_option("frame", frame_id, [f.id for f in self.frames]))

    @cached_property
    def cue_index(self) -> CueIndex:
        """The frames' cue patterns indexed for the matcher, one cue list per frame (built once)."""
        return cue_index([f.patterns for f in self.frames])



def _frame_lines(node: yaml.Node | None) -> list[int | None]:
    """1-based line of each item of the top-level ``frames`` list (for messages)."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "frames" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []



def load_codebook(path: str | Path, name: str | None = None) -> Codebook:
    """Read and check a codebook file.

    Parameters
    ----------
    path : str or Path
        A YAML file, or the name of a packaged codebook (:data:`PACKAGED_CODEBOOKS`) when
        no file of that name exists. The file is a mapping with ``frames`` (a list of mappings with
        ``id``, ``label``, ``definition``, ``cues``, ``example``) and optional
        ``codebook`` (its id), ``title``, ``source``, ``match``,
        ``word_classes``. A cue is a word or phrase, or a mapping with ``cue``
        and a context rule (``require``, ``forbid``, ``within``, ``side``).
    name : str, optional
        Id to use when the file has no ``codebook:`` field (default: the file
        stem).

    Returns
    -------
    Codebook

    Raises
    ------
    InputError
        Naming the file, the frame and the problem: not a mapping, no frames,
        a missing or empty field, an empty cue or one without any word, a
        duplicate frame id, an unknown match mode, a broken context rule. Cues that match the same
        words (``kid`` and ``kids`` after stemming) are not an error: they are
        merged under the first spelling.
    """
    p = Path(path)
    if str(path) in PACKAGED_CODEBOOKS and not p.exists():
        return packaged_codebook(str(path))
    data, node = read_yaml(p)
    if not isinstance(data, dict):
        raise InputError(p, "a codebook must be a YAML mapping with a 'frames' list (see analysis/data/codebooks/README.md)")
    frames_raw = data.get("frames")
    if not isinstance(frames_raw, list) or not frames_raw:
        raise InputError(p, "a codebook needs a non-empty 'frames' list")
    match = data.get("match", "stem")
    if match not in MATCH_MODES:
        raise InputError(p, unknown_option("match mode", match, MATCH_MODES, plural=""))
    cb_name = text_field(data.get("codebook")) or name or p.stem
    if not _ID_RE.match(cb_name.replace("-", "_")):
        raise InputError(p, f"codebook id {cb_name!r} must be lower-case letters, digits, '-' or '_'")
    lines = _frame_lines(node)
    classes = word_classes(data, p)
    skip_caps = skip_proper_names(data, p)
    frames: list[Frame] = []
    seen: set[str] = set()
    for k, raw in enumerate(frames_raw):
        line = lines[k] if k < len(lines) else None
        where = f"frame {k + 1}"
        if not isinstance(raw, dict):
            raise InputError(p, f"{where}: must be a mapping with {', '.join(FRAME_FIELDS)}", line=line)
        fid = text_field(raw.get("id"))
        if fid is not None:
            where = f"frame {fid!r}"
        for field in FRAME_FIELDS:
            if field not in raw or raw[field] is None:
                raise InputError(p, f"{where}: missing field '{field}' (every frame needs {', '.join(FRAME_FIELDS)})", line=line)
        if fid is None or not _ID_RE.match(fid):
            raise InputError(p, f"{where}: id must be lower-case letters, digits and '_', starting with a letter", line=line)
        if fid in seen:
            raise InputError(p, f"{where}: duplicate frame id (ids must be unique in a codebook)", line=line)
        seen.add(fid)
        texts = {}
        for field in ("label", "definition", "example"):
            value = text_field(raw[field])
            if value is None:
                raise InputError(p, f"{where}: field '{field}' is empty or not text", line=line)
            texts[field] = value
        cues_raw = raw["cues"]
        if not isinstance(cues_raw, list) or not cues_raw:
            raise InputError(p, f"{where}: 'cues' must be a non-empty list of words or phrases", line=line)
        cues: list[str] = []
        patterns: dict[tuple[tuple[str, ...], CueRule | None], str] = {}
        for j, cue in enumerate(cues_raw, start=1):
            text, rule = cue_entry(cue, classes, match, f"{where}: cue {j}", p, line, skip_caps)
            if text is None:
                raise InputError(p, f"{where}: cue {j} is empty or not text", line=line)
            ks = phrase_keys(text, match)
            if not ks or all(x == NUMBER_PLACEHOLDER for x in ks):
                raise InputError(p, f"{where}: cue {j} ({text!r}) has no word to match", line=line)
            cues.append(text)
            patterns.setdefault((ks, rule), text)  # same words after stemming: the first spelling names it
        frames.append(Frame(
            fid, texts["label"], texts["definition"], tuple(cues), texts["example"],
            tuple(CuePattern(cue, ks, rule) for (ks, rule), cue in patterns.items()),
        ))
    return Codebook(
        name=cb_name,
        title=text_field(data.get("title")) or cb_name,
        source=text_field(data.get("source")) or "",
        match=match,
        frames=tuple(frames),
        path=str(p),
    )


@lru_cache(maxsize=None)
def packaged_codebook(name: str) -> Codebook:
    """A codebook shipped with the package, by name.

    Parameters
    ----------
    name : {"generic", "policy"}
        ``generic``: the five generic news frames (Semetko & Valkenburg 2000);
        ``policy``: fourteen frame dimensions of the Policy Frames Codebook
        (Boydstun et al. 2014; its fifteenth, "Other", has no cue words).

    Returns
    -------
    Codebook

    Raises
    ------
    ValueError
        For a name not in :data:`PACKAGED_CODEBOOKS`.

    References
    ----------
    Boydstun, A. E., Card, D., Gross, J. H., Resnik, P. & Smith, N. A. (2014).
    Tracking the development of media frames within and across policy issues.
    APSA Annual Meeting paper.
    """
    if name not in PACKAGED_CODEBOOKS:
        raise ValueError(unknown_option("codebook", name, PACKAGED_CODEBOOKS, plural="codebooks"))
    ref = resources.files("analysis").joinpath(f"data/codebooks/{name}.yml")
    with resources.as_file(ref) as p:
        return load_codebook(p, name=name)


def generic_codebook() -> Codebook:
    """The packaged generic codebook (Semetko & Valkenburg's five news frames)."""
    return packaged_codebook("generic")


def codebook_paths_for_story(root: str | Path, meta: Mapping[str, Any] | None = None) -> list[Path]:
    """The story codebook of a story folder, if it has one.

    ``story.yml``'s ``codebook:`` (a path relative to the story folder) wins;
    otherwise ``codebook.yml`` in the folder, if it exists.

    Raises
    ------
    InputError
        When ``story.yml`` names a codebook file that does not exist.
    """
    root = Path(root)
    meta = meta or {}
    named = meta.get("codebook")
    if named not in (None, ""):
        if not isinstance(named, str):
            raise InputError(root / "story.yml", "'codebook' must be a path relative to the story folder")
        p = (root / named).resolve()
        if not p.is_file():
            raise InputError(root / "story.yml", f"codebook {named!r} not found (paths are relative to the story folder)")
        return [p]
    default = root / "codebook.yml"
    return [default] if default.is_file() else []


def load_codebooks(
    root: str | Path | None = None,
    meta: Mapping[str, Any] | None = None,
    extra: Iterable[str | Path] = (),
    include_generic: bool = True,
) -> list[Codebook]:
    """The codebooks to score a story with: generic, the story's, then ``extra``.

    Parameters
    ----------
    root : str or Path, optional
        The story folder (its codebook is found by :func:`codebook_paths_for_story`).
    meta : mapping, optional
        The story's ``story.yml`` contents.
    extra : iterable of paths
        More codebooks (``--codebook PATH``, repeatable).
    include_generic : bool, default True

    Returns
    -------
    list of Codebook

    Raises
    ------
    InputError
        For a broken codebook, or two codebooks with the same id.
    """
    books: list[Codebook] = [generic_codebook()] if include_generic else []
    paths: list[tuple[Path, str | None]] = []
    if root is not None:
        for p in codebook_paths_for_story(root, meta):
            paths.append((p, Path(root).resolve().name))
    paths.extend((Path(p), None) for p in extra)
    for p, default_name in paths:
        book = load_codebook(p, name=default_name)
        if any(b.name == book.name for b in books):
            if any(Path(b.path).resolve() == p.resolve() for b in books):
                continue  # the same file named twice
            raise InputError(p, f"codebook id {book.name!r} is already used by another codebook; set 'codebook:' to a new id")
        books.append(book)
    return books

