"""What a rebuild may skip, kept in .build-cache/ (never committed; deleting it is safe while no
build runs, and `python -m generator clean` empties it while one may).

A build whose inputs are those of the last build (the generator's own code, mkdocs.yml (for its
site_url), every .txt and .yml file in source/, and the names passed over) and whose generated
files are still as that build left them (same size and mtime) has nothing to do: it is not run
again and its diagnostics are told again.
Such a build loads no more of the generator than this module, diagnostic.py and layout.py: no
model, parser, renderer, Jinja or YAML, nor dataclasses or typing (a third of its time was imports).
Otherwise a build skips parsing unchanged sources (parse_cache.py), compiling the templates again
(render/common.py), and making the files whose inputs are unchanged: a meeting's page and source
page and a person's page are made from a few inputs alone (the record and a context of text drawn
from the rest of the archive), and a published file of source/ from its bytes; each is keyed by a
digest of these and of the code (render.Pages.keys). A file whose key is the last build's, with the
last build's stamp, is as this build would make it. Everything else (index, the other pages, the
comparison of each page made with docs/) runs, so that whatever changed, the output equals that of
a build from scratch. One build at a time holds the project (LastBuild.held).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib.machinery import PathFinder
from pathlib import Path

from .layout import MANIFEST, STAGING
from .diagnostic import ERROR, WARNING, Diagnostic

PACKAGE = Path(__file__).parent
STATE = "state.json"
LOCK = "lock"  # held by the build running in this project (LastBuild.held)


# Libraries that shape the output, known by the file that states their version: found, not
# imported, so that a build with nothing to do does not spend most of its time importing them.
LIBRARIES = ("jinja2", "yaml")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The generator as it runs now: its files, the Python and the libraries that shape output."""
    digest = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        digest.update(Path(PathFinder.find_spec(library).origin).read_bytes())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class SourceFolder:
    """source/ read once, for the build's fingerprint and for the build."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}  # the texts and YAML files, name → bytes
        self.unreadable: dict[str, Diagnostic] = {}  # texts and YAML files that could not be read, and why
        self.passed_over: list[Diagnostic] = []  # names that look meant as input but cannot be one, and why


def read_folder(source_dir: Path) -> SourceFolder:
    """The .txt and .yml files of source/. A PDF or other file left beside them is no input, nor is
    a hidden file (.x.txt: editors' and systems' debris, which the site would leave out). A name
    that looks meant as input but cannot be one is passed over, and the build says why: silently
    leaving out 第38回.TXT would not do."""
    folder = SourceFolder()
    for path in sorted(source_dir.iterdir()):
        if path.suffix.lower() not in (".txt", ".yml", ".yaml") or path.name.startswith("."):
            continue
        why = None
        if not path.is_file():
            why = "a folder" if path.is_dir() else "a broken link" if path.is_symlink() else "not a regular file"
        elif path.suffix not in (".txt", ".yml"):
            why = "texts are read from .txt files, sidecars and catalogues from .yml: rename it"
        elif "\\" in path.name:  # Zensical builds an empty site with such a page, and says nothing
            why = "a backslash in the name breaks the site: rename it"
        else:
            try:
                folder.files[path.name] = path.read_bytes()
            except OSError as error:
                folder.unreadable[path.name] = Diagnostic(f"source/{path.name}", None, ERROR,
                                                          f"cannot be read ({error.strerror})")
        if why:
            folder.passed_over.append(Diagnostic(f"source/{path.name}", None, WARNING, f"not read: {why}"))
    return folder


def inputs_fingerprint(folder: SourceFolder, config: bytes) -> str:
    """The code, mkdocs.yml (for its site_url) and source/: each file's name and bytes, and what
    could not be read or was passed over (a build tells it)."""
    digest = hashlib.sha256(f"{code_fingerprint()}|".encode() + config + b"\0")
    for name, data in sorted(folder.files.items()):
        digest.update(name.encode() + b"\0" + data + b"\0")
    for diagnostic in [*folder.unreadable.values(), *folder.passed_over]:
        digest.update(b"\1" + str(diagnostic).encode() + b"\0")
    return digest.hexdigest()


class Outcome:
    """What a build reports; a build with nothing to do tells the last one's again."""

    def __init__(self, diagnostics: list[Diagnostic], skipped: list[str], summary: str, site_url: str):
        self.diagnostics = diagnostics
        self.skipped = skipped  # sources not published
        self.summary = summary  # "40 meetings, 1234 statements"
        self.site_url = site_url  # mkdocs.yml's, as the build used it

    def as_state(self) -> dict:
        return {"diagnostics": [d._asdict() for d in self.diagnostics], "skipped": self.skipped,
                "summary": self.summary, "site_url": self.site_url}


class LastBuild:
    """The state of the last build in `folder` (.build-cache/)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._state: dict | None = None

    @contextmanager
    def held(self, waiting: Callable[[], None], unheld: Callable[[OSError], None]) -> Iterator[bool]:
        """The project held by this build, from reading the last build's state to recording its own
        (with --no-cache too: it writes docs/ all the same); a second build waits for it, and calls
        `waiting` first. Two at once could pair one build's page keys with the stamps of the other's
        files, and would share docs/.staging. Where no lock can be had (a folder that cannot be made,
        a lock file that cannot be opened, a file system without locks) the build goes on unheld,
        after calling `unheld` with the reason. Yields whether the lock is held."""
        handle = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = open(self.folder / LOCK, "ab")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waiting()
                fcntl.flock(handle, fcntl.LOCK_EX)  # let go when the file is closed, or the process ends
        except OSError as error:
            if handle is not None:
                handle.close()
            handle = None
            unheld(error)
        if handle is None:  # (not yielded inside the except: the build's own errors are no sequel to it)
            yield False
            return
        with handle:
            yield True

    def forget(self, locked: bool) -> None:
        """Remove what the cache keeps. Held (`locked`), the lock file stays: a build waiting for
        it has it open, and a new one would let that build in beside the next. Unheld, no build
        can be waiting on it, and a cache that could not be locked (a file where the folder should
        be, a folder named lock) is removed whole."""
        if not locked and not self.folder.is_dir():
            self.folder.unlink(missing_ok=True)
        for entry in self.folder.iterdir() if self.folder.is_dir() else ():
            if locked and entry.name == LOCK:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        self._state = None

    def _read(self) -> dict:
        """state.json as the last build wrote it, read once; {} when there is none or it is damaged."""
        if self._state is None:
            try:
                self._state = json.loads((self.folder / STATE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._state = {}
            if not isinstance(self._state, dict):
                self._state = {}
        return self._state

    def outcome(self, inputs: str, docs: Path) -> Outcome | None:
        """The last build's outcome if it had these inputs and docs/ is as it left it, else None."""
        try:
            state = self._read()
            if state.get("inputs") != inputs:
                return None
            if (docs / STAGING).exists():  # an interrupted write: the next write_tree must finish it
                return None
            for path, stamp in state["files"].items():
                if _stamp(docs / path) != stamp:
                    return None
            diagnostics = [Diagnostic(**item) for item in state["diagnostics"]]
            return Outcome(diagnostics, list(state["skipped"]), str(state["summary"]), str(state["site_url"]))
        # No state, a file of docs/ gone, or a state file damaged in any way: build again.
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def unchanged(self, keys: dict[str, str], docs: Path) -> set[str]:
        """The pages of `keys` (path → key, render.Pages.keys) that docs/ holds as this build would
        make them: the last build gave each the same key, and the file is as that build left it
        (same size and mtime). An empty set while a write is unfinished (it may replace any file),
        and when the state is damaged."""
        state = self._read()
        last_keys, stamps = state.get("keys", {}), state.get("files", {})
        if (docs / STAGING).exists() or not isinstance(last_keys, dict) or not isinstance(stamps, dict):
            return set()
        same = set()
        for path, key in keys.items():
            if last_keys.get(path) == key and path in stamps:
                try:
                    if _stamp(docs / path) == stamps[path]:
                        same.add(path)
                except OSError:  # gone: made again
                    pass
        return same

    def record(self, inputs: str, docs: Path, files: list[str], outcome: Outcome,
               keys: dict[str, str] | None = None) -> None:
        """Remember this build, once docs/ holds its files: its inputs, the stamp of every file it
        owns, the keys of its pages (render.Pages.keys), and its outcome (diagnostics, skipped
        sources, summary line) to tell again when nothing has changed."""
        stamps = {}
        for path in [*files, MANIFEST]:  # the manifest too: without it, no file is owned
            stamps[path] = _stamp(docs / path)
        temporary = self.folder / f".{STATE}.{os.getpid()}.tmp"  # two builds at once: each its own
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # One file, replaced whole: a key is only ever read beside the stamp of the file it made.
            temporary.write_text(json.dumps({"inputs": inputs, "files": stamps, "keys": keys or {},
                                             **outcome.as_state()}, ensure_ascii=False), encoding="utf-8")
            temporary.replace(self.folder / STATE)
        except OSError:  # a cache folder that cannot be written only costs the next build its shortcut
            pass  # a state left from before names other inputs or other stamps: it is never taken


def _stamp(path: Path) -> list[int]:
    """What tells a file as a build left it (as JSON keeps it): its size and mtime."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]
