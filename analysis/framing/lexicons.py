"""Lexicons: word lists for one stance or reference category, as data.

A **lexicon** is a YAML file of terms for one stance or reference category
(hedges, boosters, evaluative words, terms for men and women): a teacher or
student edits the file and the numbers change, without code. Terms are
matched as codebook cues are (:mod:`analysis.framing.matcher`), by default
``exact`` (lower-cased, as written); a term may carry a context rule
(:mod:`analysis.framing.rules`). The packaged lexicons live in
``analysis/data/lexicons/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from analysis.core.errors import InputError, unknown_option
from analysis.framing.cue_files import cue_entry, read_yaml, skip_proper_names, text_field, word_classes
from analysis.framing.keys import MATCH_MODES, phrase_keys
from analysis.framing.matcher import CueIndex, cue_index
from analysis.framing.rules import CuePattern, CueRule

__all__ = ["Lexicon", "load_lexicon", "packaged_lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """A list of terms for one category (hedges, boosters, evaluative words...).

    Attributes
    ----------
    name : str
        Category id (``hedges``, ``boosters``...).
    source : str
        Provenance note from the file.
    match : str
        ``stem`` or ``exact``.
    terms : dict
        Group label -> tuple of terms; a plain list in the file is one group
        named after the lexicon.
    path : str
    rules : dict
        Term -> :class:`~analysis.framing.rules.CueRule`, for terms written with a context rule.
    """

    name: str
    source: str
    match: str
    terms: Mapping[str, tuple[str, ...]]
    path: str = ""
    rules: Mapping[str, CueRule] = field(default_factory=dict)

    def phrases(self, group: str | None = None) -> list[CuePattern]:
        """(term, keys) patterns of one group, or of every group, with their rules."""
        groups = [group] if group is not None else list(self.terms)
        out = []
        for g in groups:
            for term in self.terms[g]:
                out.append(CuePattern(term, phrase_keys(term, self.match), self.rules.get(term)))
        return out

    @cached_property
    def cue_index(self) -> CueIndex:
        """The groups' terms indexed for the matcher, one cue list per group in :attr:`terms` order (built once)."""
        return cue_index([self.phrases(g) for g in self.terms])


def load_lexicon(path: str | Path, name: str | None = None) -> Lexicon:
    """Read a lexicon file.

    Parameters
    ----------
    path : str or Path
        YAML mapping with ``terms`` (a list, or a mapping of group -> list) and
        optional ``name``, ``source``, ``match`` (default ``exact``) and
        ``word_classes``; a term may be a mapping with ``term`` and a context
        rule, as a codebook cue may.
    name : str, optional
        Default name (the file stem).

    Raises
    ------
    InputError
        Not a mapping, no terms, an empty term, an unknown match mode, a
        broken context rule.
    """
    p = Path(path)
    data, _ = read_yaml(p)
    if not isinstance(data, dict):
        raise InputError(p, "a lexicon must be a YAML mapping with a 'terms' list")
    match = data.get("match", "exact")
    if match not in MATCH_MODES:
        raise InputError(p, unknown_option("match mode", match, MATCH_MODES, plural=""))
    lex_name = text_field(data.get("name")) or name or p.stem
    raw = data.get("terms")
    groups: dict[str, list[Any]]
    if isinstance(raw, list):
        groups = {lex_name: raw}
    elif isinstance(raw, dict):
        groups = {str(k): v for k, v in raw.items()}
    else:
        raise InputError(p, "'terms' must be a list of words or phrases, or a mapping of group -> list")
    classes = word_classes(data, p)
    skip_caps = skip_proper_names(data, p)
    terms: dict[str, tuple[str, ...]] = {}
    rules: dict[str, CueRule] = {}
    for group, items in groups.items():
        if not isinstance(items, list) or not items:
            raise InputError(p, f"group {group!r}: must be a non-empty list of words or phrases")
        out: list[str] = []
        for j, item in enumerate(items, start=1):
            text, rule = cue_entry(item, classes, match, f"group {group!r}: term {j}", p, None, skip_caps)
            if text is None or not phrase_keys(text, match):
                raise InputError(p, f"group {group!r}: term {j} is empty or has no word")
            out.append(text)
            if rule is not None:
                rules[text] = rule
        terms[group] = tuple(out)
    return Lexicon(lex_name, text_field(data.get("source")) or "", match, terms, str(p), rules)


@lru_cache(maxsize=8)
def packaged_lexicon(name: str) -> Lexicon:
    """A lexicon shipped in ``analysis/data/lexicons/<name>.yml``.

    Raises
    ------
    ValueError
        For an unknown name, listing the packaged ones.
    """
    folder = resources.files("analysis").joinpath("data/lexicons")
    available = sorted(f.name[:-4] for f in folder.iterdir() if f.name.endswith(".yml"))
    if name not in available:
        raise ValueError(f"unknown lexicon {name!r}; packaged lexicons: {', '.join(available)}")
    with resources.as_file(folder.joinpath(f"{name}.yml")) as p:
        return load_lexicon(p, name=name)
