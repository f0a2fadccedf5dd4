"""Collects the diagnostics of one source file, each with its place."""

from __future__ import annotations

from typing import Optional

from ..diagnostic import ERROR, INFO, WARNING, Diagnostic


class Report:
    def __init__(self, file: str):
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def error(self, line: Optional[int], message: str) -> None:
        self.diagnostics.append(Diagnostic(self.file, line, ERROR, message))

    def warning(self, line: Optional[int], message: str) -> None:
        self.diagnostics.append(Diagnostic(self.file, line, WARNING, message))

    def info(self, line: Optional[int], message: str) -> None:
        self.diagnostics.append(Diagnostic(self.file, line, INFO, message))
