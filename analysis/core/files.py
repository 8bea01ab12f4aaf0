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

:func:`write_temporary` writes a whole file under such a temporary name and
:func:`move_into_place` gives it its final name (replacing the target, or
refusing to when the caller must not overwrite); :func:`write_atomically` and
:func:`atomic_file` do both for one file. A failure removes the temporary file.

References
----------
POSIX ``open()``: the mode of a created file is ``mode & ~umask``
(https://pubs.opengroup.org/onlinepubs/9699919799/functions/open.html).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import IO

from analysis.core.errors import InputError

__all__ = [
    "NEW_FILE_MODE",
    "atomic_file",
    "move_into_place",
    "new_temporary",
    "read_list",
    "write_atomically",
    "write_temporary",
]

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


def write_temporary(folder: str | Path, name: str, data: bytes | str) -> Path:
    """Write ``data`` whole to a new temporary file in ``folder`` (see :func:`new_temporary`).

    Parameters
    ----------
    folder : str or Path
        The target's folder.
    name : str
        The target's file name, part of the temporary name.
    data : bytes or str
        The content; text is written as UTF-8 with its line endings unchanged.

    Returns
    -------
    Path
        The temporary file, complete and closed; the caller renames it
        (:func:`move_into_place`) or removes it.

    Raises
    ------
    OSError
        When the file cannot be created or written; no temporary file is left.
    """
    fd, path = new_temporary(folder, name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def move_into_place(temporary: str | Path, target: str | Path, *, overwrite: bool = True) -> None:
    """Give a written temporary file its final name in one atomic step.

    Parameters
    ----------
    temporary : str or Path
        A complete file in the target's folder.
    target : str or Path
        The final name.
    overwrite : bool
        True replaces an existing target (:func:`os.replace`). False never
        replaces one: the file is hard-linked to the target name, which fails
        when that name is taken, and the temporary name is then removed (on a
        file system without hard links the target is checked, then renamed to).

    Raises
    ------
    FileExistsError
        When ``overwrite`` is False and the target exists; the temporary file is kept.
    OSError
        When the system refuses the rename.
    """
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # atomic, and fails when the target exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            raise FileExistsError(f"{target} already exists") from None
        os.replace(temporary, target)
        return
    Path(temporary).unlink(missing_ok=True)


def write_atomically(path: str | Path, data: bytes | str, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file, so that ``path`` is never half written.

    Parameters
    ----------
    path : str or Path
        The file to write; its folder must exist.
    data : bytes or str
        The content; text is written as UTF-8 with its line endings unchanged.
    overwrite : bool
        False refuses to replace an existing file (see :func:`move_into_place`).

    Raises
    ------
    FileExistsError
        When ``overwrite`` is False and ``path`` exists.
    OSError
        When the file cannot be written; ``path`` is unchanged and no temporary file is left.

    Notes
    -----
    The new file's mode is ``0666 & ~umask``, as for any file the user makes.
    """
    target = Path(path)
    temporary = write_temporary(target.parent, target.name, data)
    try:
        move_into_place(temporary, target, overwrite=overwrite)
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def atomic_file(path: str | Path, *, binary: bool = False) -> Iterator[IO]:
    """Open a temporary file for ``path``; rename it to ``path`` when the block ends without error.

    Parameters
    ----------
    path : str or Path
        The file to write (replaced when it exists); its folder must exist.
    binary : bool
        True yields a binary stream; False a UTF-8 text stream that writes
        line endings unchanged (``newline=""``).

    Yields
    ------
    IO
        The open stream. When the block raises, the temporary file is removed,
        ``path`` is unchanged and the exception goes on.
    """
    target = Path(path)
    fd, temporary = new_temporary(target.parent, target.name)
    try:
        stream = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
    except BaseException:
        os.close(fd)
        temporary.unlink(missing_ok=True)
        raise
    try:
        with stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
