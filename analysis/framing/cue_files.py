"""Reading cue lists from YAML files: the parts codebooks and lexicons share.

A codebook's cues and a lexicon's terms are written the same way: a plain
word or phrase, or a mapping with ``cue`` (or ``term``) and a context rule
(:mod:`analysis.framing.rules`); both files may define ``word_classes`` and
set ``skip_proper_names``. Every problem is an
:class:`~analysis.core.errors.InputError` naming the file, the entry and, when
known, the line. The format is documented in
``analysis/data/codebooks/README.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from analysis.core.errors import InputError, unknown_option
from analysis.framing.keys import fold_word, phrase_keys
from analysis.framing.rules import BUILTIN_CLASSES, DEFAULT_WITHIN, RULE_SIDES, CueRule
from analysis.text.document import word_spans

__all__ = ["cue_entry", "read_yaml", "skip_proper_names", "text_field", "word_classes"]


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """The data of a UTF-8 YAML file and its node tree (for line numbers).

    Parameters
    ----------
    path : Path

    Returns
    -------
    (object, yaml.Node or None)

    Raises
    ------
    InputError
        When the file cannot be read, is not UTF-8 or is not valid YAML.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (byte 0x{raw[exc.start:exc.start + 1].hex()} at offset {exc.start})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"malformed YAML: {problem}", line=mark.line + 1 if mark else None) from None
    return data, node


def text_field(value: Any) -> str | None:
    """A scalar field as stripped text, or None when empty or not a scalar.

    Parameters
    ----------
    value : object

    Returns
    -------
    str or None
    """
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _rule_names(value: Any, where: str, path: Path, line: int | None) -> tuple[str, ...]:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or not value:
        raise InputError(path, f"{where}: 'require'/'forbid' must be a word, a class name or a non-empty list of them", line=line)
    out = []
    for item in value:
        text = text_field(item)
        if text is None:
            raise InputError(path, f"{where}: an empty word in 'require'/'forbid'", line=line)
        out.append(text)
    return tuple(out)


def _compile_rule(
    raw: Mapping[str, Any], classes: Mapping[str, tuple[str, ...]], mode: str, where: str, path: Path, line: int | None,
    skip_capitalised: bool = False,
) -> CueRule | None:
    unknown = sorted(set(raw) - {"cue", "term", "require", "forbid", "within", "side", "forms", "note"})
    if unknown:
        raise InputError(path, f"{where}: unknown key {unknown[0]!r} (valid: cue, require, forbid, within, side, forms, note)", line=line)
    forms: set[tuple[str, ...]] = set()
    if "forms" in raw:
        for form in _rule_names(raw["forms"], where, path, line):
            forms.add(tuple(fold_word(form[s.start : s.end]) for s in word_spans(form)))
    if "require" not in raw and "forbid" not in raw:
        return CueRule(forms=frozenset(forms), skip_capitalised=skip_capitalised) if forms or skip_capitalised else None
    within = raw.get("within", DEFAULT_WITHIN)
    if isinstance(within, bool) or not isinstance(within, int) or within < 1:
        raise InputError(path, f"{where}: 'within' must be a whole number of words, 1 or more", line=line)
    side = raw.get("side", "either")
    if side not in RULE_SIDES:
        raise InputError(path, f"{where}: {unknown_option('side', side, RULE_SIDES, plural='')}", line=line)

    def expand(names: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
        keys: set[str] = set()
        builtin: list[str] = []
        for name in names:
            if name in BUILTIN_CLASSES:
                builtin.append(name)
                continue
            for word in classes.get(name, (name,)):
                ks = phrase_keys(word, mode)
                if len(ks) != 1:
                    raise InputError(path, f"{where}: context word {word!r} must be one word", line=line)
                keys.add(ks[0])
        return frozenset(keys), tuple(builtin)

    require = _rule_names(raw["require"], where, path, line) if "require" in raw else ()
    forbid = _rule_names(raw["forbid"], where, path, line) if "forbid" in raw else ()
    rk, rb = expand(require)
    fk, fb = expand(forbid)
    return CueRule(require, forbid, within, side, rk, fk, rb, fb, frozenset(forms), skip_capitalised)


def word_classes(data: Mapping[str, Any], path: Path) -> dict[str, tuple[str, ...]]:
    """The file's ``word_classes``: class name -> its words (for ``require`` and ``forbid``).

    Raises
    ------
    InputError
        For a mapping that is not one, a built-in class name, or an empty class.
    """
    raw = data.get("word_classes", {}) or {}
    if not isinstance(raw, dict):
        raise InputError(path, "'word_classes' must be a mapping of class name -> list of words")
    out: dict[str, tuple[str, ...]] = {}
    for name, words in raw.items():
        if str(name) in BUILTIN_CLASSES:
            raise InputError(path, f"word class {name!r} is built in; choose another name")
        if not isinstance(words, list) or not words or any(text_field(w) is None for w in words):
            raise InputError(path, f"word class {name!r}: must be a non-empty list of words")
        out[str(name)] = tuple(text_field(w) for w in words)  # type: ignore[misc]
    return out


def cue_entry(
    item: Any, classes: Mapping[str, tuple[str, ...]], mode: str, where: str, path: Path, line: int | None,
    skip_capitalised: bool = False,
) -> tuple[str | None, CueRule | None]:
    """(cue text, rule) of a list entry: a plain word/phrase, or a mapping with ``cue`` and a rule.

    Returns
    -------
    (str or None, CueRule or None)
        The text is None for an empty entry; the rule is None for a cue
        without one.

    Raises
    ------
    InputError
        For a broken rule.
    """
    if isinstance(item, dict):
        text = text_field(item.get("cue", item.get("term")))
        if text is None:
            return None, None
        return text, _compile_rule(item, classes, mode, f"{where} ({text!r})", path, line, skip_capitalised)
    return text_field(item), (CueRule(skip_capitalised=True) if skip_capitalised else None)


def skip_proper_names(data: Mapping[str, Any], path: Path) -> bool:
    """The file's ``skip_proper_names`` flag (default False).

    Raises
    ------
    InputError
        When it is not true or false.
    """
    value = data.get("skip_proper_names", False)
    if not isinstance(value, bool):
        raise InputError(path, "'skip_proper_names' must be true or false")
    return value

