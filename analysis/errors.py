"""The error type for bad input, shared by every module and the command line.

A corpus file that cannot be used raises :class:`InputError`. Its message is one
line that names the file, says what is wrong and, where it can, how to fix it.
The command line turns it into exit status 2 without a traceback.
"""

from __future__ import annotations

from pathlib import Path


def display_path(path: str | Path) -> str:
    """Return ``path`` relative to the working directory when it lies below it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


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
    """

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.message = message
        self.line = line
        where = display_path(self.path) + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}")

    def one_line(self) -> str:
        """Return the message on a single line (newlines folded), for stderr."""
        return " ".join(str(self).split())
