"""The error type for bad input, shared by every module and the command line, and a block that hides warnings.

A corpus file that cannot be used raises :class:`InputError`. Its message is one
line that names the file, says what is wrong and, where it can, how to fix it.
The command line turns it into exit status 2 without a traceback.
:func:`quiet_warnings` silences the package's per-article warnings for one block
and then restores what the caller had set.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path


@contextlib.contextmanager
def quiet_warnings() -> Iterator[None]:
    """Silence the package's warnings (logger ``analysis``) inside a block, then restore its level.

    For work whose warnings are already in its tables (NaN scores, the
    ``language`` column, a note in ``attrs``): a batch of a million articles, a
    rendered lesson page. The level is restored even when the block raises, so
    a later caller in the same process (the command line, a notebook) still
    sees its warnings. Usable as a decorator: ``@quiet_warnings()``.
    """
    log = logging.getLogger("analysis")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def unknown_option(what: str, value: object, valid: Iterable[str], plural: str | None = None) -> str:
    """The message for a value that is not one of the valid choices.

    Parameters
    ----------
    what : str
        What was given, as the message names it: ``"format"``, ``"match mode"``;
        ending in ``=`` for a keyword argument (``"by="``), which is then
        written next to the value.
    value : object
        The value given, shown with :func:`repr`.
    valid : iterable of str
        The valid choices, in the order to list them.
    plural : str, optional
        What the valid choices are called: by default the last word of ``what``
        with an ``s`` (``"match mode"`` -> ``"modes"``); ``""`` lists them after
        ``valid:`` alone.

    Returns
    -------
    str
        ``unknown <what> <value>; valid <plural>: <a, b, ...>``.

    Examples
    --------
    >>> unknown_option("format", "xml", ["csv", "json"])
    "unknown format 'xml'; valid formats: csv, json"
    >>> unknown_option("by=", "day", ["article", "outlet"], plural="options")
    "unknown by='day'; valid options: article, outlet"
    >>> unknown_option("match mode", "fuzzy", ["stem", "exact"], plural="")
    "unknown match mode 'fuzzy'; valid: stem, exact"
    """
    if plural is None:
        plural = what.split()[-1] + "s"
    named = f"{what}{value!r}" if what.endswith("=") else f"{what} {value!r}"
    return f"unknown {named}; valid{' ' + plural if plural else ''}: {', '.join(valid)}"


def display_path(path: str | Path) -> str:
    """Return ``path`` relative to the working directory when it lies below it."""
    p = Path(path)
    try:
        cwd = Path.cwd().resolve()
        # the folder is resolved, not the file: a symbolic link (even a looping one) is named as itself
        return str((p.absolute().parent.resolve() / p.name).relative_to(cwd))
    except (ValueError, OSError, RuntimeError):
        return str(p)


def relative_path(path: str | Path, root: str | Path) -> str:
    """``path`` relative to the folder ``root`` in POSIX form (``a.md``, ``sub/b.md``).

    A path outside ``root`` is shown by its name alone, never as an absolute path.
    """
    p, r = Path(path), Path(root)
    for base, target in ((r, p), (r.absolute(), p.absolute())):
        try:
            return target.relative_to(base).as_posix() or "."
        except ValueError:
            continue
    return p.name or str(p)


class InputError(ValueError):
    """A corpus file (or folder, or data file) that cannot be used as it is.

    Parameters
    ----------
    path : str or Path
        The file or folder at fault.
    message : str
        What is wrong and, ideally, how to fix it.
    line : int, optional
        1-based line number where the problem sits, when there is one.
    root : str or Path, optional
        A folder (the story folder) that the message names the file relative to,
        so that a report handed out as a file does not carry a local absolute
        path; by default the file is named relative to the working directory
        (see :func:`display_path`).
    """

    def __init__(
        self, path: str | Path, message: str, line: int | None = None, root: str | Path | None = None
    ) -> None:
        self.path = Path(path)
        self.message = message
        self.line = line
        self.root = None if root is None else Path(root)
        shown = display_path(self.path) if self.root is None else relative_path(self.path, self.root)
        where = shown + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}")

    def within(self, root: str | Path) -> InputError:
        """The same error, naming its file relative to ``root`` (e.g. ``a.md``, not ``/home/.../a.md``)."""
        return InputError(self.path, self.message, self.line, root=root)

    def one_line(self) -> str:
        """Return the message on a single line (newlines folded), for stderr."""
        return " ".join(str(self).split())
