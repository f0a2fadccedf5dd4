"""A problem found in a source, named by its place: `source/x.txt:57: warning: …`.

Apart from the model and on the standard library's lightest parts only (a named tuple, not a
dataclass), because a build with nothing to do reads the last build's diagnostics back to tell them
again: importing dataclasses and defining the model's classes cost that build a third of its time.
"""

from __future__ import annotations

from collections import namedtuple

ERROR = "error"
WARNING = "warning"
INFO = "info"


class Diagnostic(namedtuple("Diagnostic", ["file", "line", "severity", "message"])):
    """file: the path as the maintainer sees it (source/000_x.txt); line: 1-based, or None;
    severity: ERROR, WARNING or INFO."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{place(self.file, self.line)}: {self.severity}: {self.message}"


def place(file: str, line: int | None) -> str:
    """source/x.txt:57, or the file alone when no line is known."""
    return f"{file}:{line}" if line else file
