"""Put generated files into docs/: only what changed, and remove only what an earlier build made.

A manifest (docs/.generated.json) lists the files the generator owns; a file not in it is never
touched, so hand-written pages and assets in docs/ are safe.

A build changes docs/ all at once or not at all. docs/ mixes generated and hand-written files, so
it cannot be swapped for a freshly made folder; instead write_tree works in three steps:

1. stage: every changed file and the new manifest are written to docs/.staging/files/;
2. journal: docs/.staging/journal.json, the list of steps for 3, appears in one rename once the
   staged files are on disk (os.sync), so a journal always names complete files. A failure or
   Ctrl-C before this removes the staging folder; docs/ has not been touched;
3. commit: the staged files are renamed into place, the files this build no longer makes are
   removed, the manifest comes last; then the staging folder goes. Renames need no disk space, so
   this step is quick and cannot fail for want of it; Ctrl-C is held back until it ends.

If the process dies during step 3 all the same (killed, a power cut), the next write_tree rolls it
forward before anything else: a staged file still there has not been moved yet, so running the
journal again is safe. Staging without a journal is an unfinished step 1 and is thrown away.
Merely rewriting what differs at the next build would not do: a page moved in before the new
manifest, and gone from the next build, would be listed in no manifest and never removed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import threading
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .layout import MANIFEST, STAGING

STAGED = "files"  # the staged files' folder inside STAGING, apart from the journal
JOURNAL = "journal.json"
REPLACE, REMOVE = "replace", "remove"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _is_inside(path: object) -> bool:
    """A plain relative path inside docs/: a damaged manifest or journal must not reach outside."""
    return (isinstance(path, str) and not PurePosixPath(path).is_absolute()
            and ".." not in PurePosixPath(path).parts)


def _owned(docs: Path) -> list[str]:
    try:
        listed = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in listed if _is_inside(p)] if isinstance(listed, list) else []


def write_tree(docs: Path, files: Mapping[str, str | bytes], known: Collection[str] = ()) -> WriteResult:
    """Make docs/ hold `files` (path under docs/ → text or bytes), through the steps above.
    Files are taken one at a time, compared and staged at once: `files` may render each page
    only when asked for, so that a large site is never held in memory whole. `known`: paths of
    `files` that docs/ is known to hold as they are (cache.LastBuild.unchanged), neither asked for
    nor read. A write left unfinished, which is finished first, may replace any file: the caller
    knows none while one is (LastBuild.unchanged finds none while docs/.staging is there)."""
    _finish_interrupted_write(docs)
    result = WriteResult()
    staging = docs / STAGING
    try:
        for path in sorted(files):
            if path in known:
                result.unchanged += 1
                continue
            text = files[path]
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            if _holds(docs / path, data):
                result.unchanged += 1
            else:
                _write(staging / STAGED / path, data)
                result.written.append(path)
        steps = [(REPLACE, p) for p in result.written]
        steps += [(REMOVE, p) for p in sorted(set(_owned(docs)) - set(files))]
        manifest = (json.dumps(sorted(files), ensure_ascii=False, indent=0) + "\n").encode("utf-8")
        if not _holds(docs / MANIFEST, manifest):
            _write(staging / STAGED / MANIFEST, manifest)
            steps.append((REPLACE, MANIFEST))
        if not steps:
            return result
        # Step 2: the staged files reach the disk (one sync for all: an fsync per file cost 28 s
        # at 4,000 meetings), then the journal that names them.
        os.sync()
        _write_journal(staging, steps)
    except BaseException:
        _discard(staging)
        raise
    with _ctrl_c_held_back():
        result.removed = _commit(docs, steps)
    return result


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at `path` is `data`. It is read only when its size matches: a data file
    that a new meeting made longer (meetings.json is 55 MB at 4,000) is not read to find out."""
    try:
        found = path.stat()
        return stat.S_ISREG(found.st_mode) and found.st_size == len(data) and path.read_bytes() == data
    except OSError:  # not there, or not to be read: it is written
        return False


def _finish_interrupted_write(docs: Path) -> None:
    staging = docs / STAGING
    if not staging.exists():
        return
    steps = _journal_steps(staging)
    if steps is None:
        _discard(staging)  # the build stopped before its commit: docs/ is as it was
        return
    with _ctrl_c_held_back():
        _commit(docs, steps)


def _journal_steps(staging: Path) -> list[tuple[str, str]] | None:
    try:
        steps = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))["steps"]
        return [(kind, path) for kind, path in steps if _is_inside(path)]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_journal(staging: Path, steps: list[tuple[str, str]]) -> None:
    temporary = staging / f".{JOURNAL}.tmp"
    _write_durably(temporary, json.dumps({"steps": steps}, ensure_ascii=False).encode("utf-8"))
    os.replace(temporary, staging / JOURNAL)
    _fsync_folder(staging)


def _commit(docs: Path, steps: list[tuple[str, str]]) -> list[str]:
    """Carry out the journal's steps, then drop the staging folder; safe to run again after an
    interruption. Returns the files removed."""
    staged, removed = docs / STAGING / STAGED, []
    for kind, path in steps:
        target = docs / path
        if kind == REPLACE and (staged / path).is_file():  # gone: moved before an interruption
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged / path, target)
        elif kind == REMOVE and target.is_file():
            target.unlink()
            removed.append(path)
            _remove_empty_folders(docs, target.parent)
    os.sync()  # the renames reach the disk before the journal that could redo them goes
    _discard(docs / STAGING)
    return removed


def _discard(staging: Path) -> None:
    """The journal first: staging cut short by a second interruption must not look committable
    while its staged files are half deleted."""
    (staging / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def _remove_empty_folders(docs: Path, folder: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write_durably(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def _ctrl_c_held_back() -> Iterator[None]:
    """Hold back SIGINT (Ctrl-C) until the block is done, then deliver it to whatever handled it
    before (by default: KeyboardInterrupt). Only the main thread can set a signal handler; elsewhere
    an interrupted commit is rolled forward by the next build."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
        if received:
            signal.raise_signal(signal.SIGINT)
