"""Temporary files for atomic writes, created with the user's umask.

Every output (a table written with ``--out``, an article written by
``new-story`` or ``add``, an HTML report) is written to a temporary file in
its target's folder and then renamed into place, so an interrupted run never
leaves half a file. :func:`tempfile.mkstemp` creates its files with mode 0600
whatever the user's umask, and a rename keeps that mode: a table or an article
would then be readable by its owner alone while every other file the user
makes is shared as the umask says. :func:`new_temporary` creates the file the
way ``open()`` does (mode 0666 less the umask), without reading or changing
the process's umask, which is process-wide state.

References
----------
POSIX ``open()``: the mode of a created file is ``mode & ~umask``
(https://pubs.opengroup.org/onlinepubs/9699919799/functions/open.html).
"""

from __future__ import annotations

import os
import secrets
from importlib import resources
from pathlib import Path

from analysis.core.errors import InputError

__all__ = ["NEW_FILE_MODE", "new_temporary", "read_list"]

NEW_FILE_MODE: int = 0o666
"""Mode asked for when a file is created; the umask takes away what the user keeps private."""

_ATTEMPTS = 100


def new_temporary(folder: str | Path, name: str) -> tuple[int, Path]:
    """Create a new, empty, hidden temporary file in ``folder`` for the target file ``name``.

    Parameters
    ----------
    folder : str or Path
        The target's folder (a rename within one folder is atomic).
    name : str
        The target's file name, part of the temporary name
        (``.<name>.<random>.tmp``) so that a left-over file says what it was for.

    Returns
    -------
    (int, Path)
        An open file descriptor for writing and the temporary file's path.
        The file's mode is ``0666 & ~umask`` (0644 with the usual umask 022).

    Raises
    ------
    OSError
        When the file cannot be created (no such folder, no permission, disk full).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(_ATTEMPTS):
        path = Path(folder) / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(path, flags, NEW_FILE_MODE), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name for {name!r} in {folder} after {_ATTEMPTS} attempts")


def read_list(path: str | Path | None, packaged: str, what: str) -> tuple[str, str]:
    """Read a data list: the file at ``path``, or the package's own ``analysis/<packaged>``.

    Parameters
    ----------
    path : str or Path, optional
        A replacement list chosen by the user; None for the packaged one.
    packaged : str
        The packaged file, relative to the ``analysis`` package (e.g. ``data/speech_verbs.csv``).
    what : str
        What the list is, for the error message ("verb list").

    Returns
    -------
    (str, str)
        The text and the name to cite in errors about its lines.

    Raises
    ------
    InputError
        When ``path`` cannot be read: "cannot read <what>: <reason>", naming the file.
    """
    if path is None:
        ref = resources.files("analysis").joinpath(packaged)
        return ref.read_text(encoding="utf-8"), str(ref)
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8"), str(p)
    except OSError as exc:
        raise InputError(p, f"cannot read {what}: {exc.strerror}") from None
