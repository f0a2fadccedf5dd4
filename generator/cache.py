"""What a rebuild may skip, kept in .build-cache/ (never committed; deleting it is always safe).

- A build whose inputs are those of the last build (the generator's own code, mkdocs.yml (for its
  site_url), every .txt and .yml file in source/) and whose generated files are still as that build left them
  (same size and mtime) has nothing to do: it is not run again and its diagnostics are told again.
- A source text whose bytes and sidecar are unchanged is not parsed again: its parse result is
  kept under a key made of the code, the file name and the bytes, so that adding one meeting
  to a large archive parses one meeting. The results are rows of one SQLite file (parsed.sqlite):
  a file per source cost more to create and open (4,000 of them, 4 s) than parsing did, and one
  pickled dict held them all in memory (90 MB more at 4,000 meetings).
Everything else (index, render, the comparison of each page with docs/) runs on every real build,
so a page can never be stale: whatever changed, the output equals that of a build from scratch.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
import sys
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Callable, Optional

from .model import Diagnostic
from .write import MANIFEST, STAGING

PACKAGE = Path(__file__).parent
STATE = "state.json"
PARSED = "parsed.sqlite"
BATCH = 200  # results a transaction: an interrupted build keeps what it parsed, and locks are short


# Libraries that shape the output, known by the file that states their version: found, not
# imported, so that a build with nothing to do does not spend most of its time importing them.
LIBRARIES = ("jinja2", "yaml")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The generator as it runs now: its files, the Python and the libraries that shape output."""
    digest = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        digest.update(Path(find_spec(library).origin).read_bytes())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def read_folder(source_dir: Path) -> dict[str, bytes]:
    """The texts and YAML files of source/, name → bytes, read once: for the build's fingerprint and
    for the build (a PDF or other file left beside them is no input)."""
    return {path.name: path.read_bytes() for path in sorted(source_dir.iterdir())
            if path.suffix in (".txt", ".yml") and path.is_file()}


def inputs_fingerprint(folder: dict[str, bytes], config: bytes) -> str:
    """The code, mkdocs.yml (for its site_url) and the files of source/ (name → bytes)."""
    digest = hashlib.sha256(f"{code_fingerprint()}|".encode() + config)
    for name, data in sorted(folder.items()):
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


@dataclass
class Outcome:
    """What a build reports; a build with nothing to do tells the last one's again."""

    diagnostics: list[Diagnostic]
    skipped: list[str]  # sources not published
    summary: str  # "40 meetings, 1234 statements"


class BuildCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()  # keys of the parse results this build used
        self._db: Optional[sqlite3.Connection] = None
        self._pending = 0  # results stored since the last commit
        self._off = False  # the results file cannot be used in this build

    # ------------------------------------------------------------ the last build

    def last_build(self, inputs: str, docs: Path) -> Optional[Outcome]:
        """The last build's outcome if it had these inputs and docs/ is as it left it, else None."""
        try:
            state = json.loads((self.folder / STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or state.get("inputs") != inputs:
            return None
        if (docs / STAGING).exists():  # an interrupted write: the next write_tree must finish it
            return None
        for path, stamp in state.get("files", {}).items():
            try:
                stat = (docs / path).stat()
            except OSError:
                return None
            if [stat.st_size, stat.st_mtime_ns] != stamp:
                return None
        try:
            diagnostics = [Diagnostic(**item) for item in state["diagnostics"]]
            return Outcome(diagnostics, list(state["skipped"]), str(state["summary"]))
        except (KeyError, TypeError):  # a damaged state file: build again
            return None

    def record_build(self, inputs: str, docs: Path, files: list[str], outcome: Outcome) -> None:
        """Remember this build: its inputs, the stamp of every file it owns, and its outcome
        (diagnostics, skipped sources, summary line) to tell again when nothing has changed."""
        stamps = {}
        for path in [*files, MANIFEST]:  # the manifest too: without it, no file is owned
            stat = (docs / path).stat()
            stamps[path] = [stat.st_size, stat.st_mtime_ns]
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{STATE}.tmp"
        temporary.write_text(json.dumps({"inputs": inputs, "files": stamps, **asdict(outcome)}, ensure_ascii=False),
                             encoding="utf-8")
        temporary.replace(self.folder / STATE)

    # ------------------------------------------------------------ parse results

    def parsed(self, name: str, data: bytes, sidecar: Optional[str], parse: Callable):
        """parse(name, data, sidecar), or its result from an earlier build of the same input."""
        key = hashlib.sha256(b"\0".join([code_fingerprint().encode(), name.encode(), data,
                                         (sidecar or "").encode(), b"1" if sidecar is not None else b"0"])).hexdigest()
        self.used.add(key)
        for (blob,) in self._sql("SELECT result FROM parsed WHERE key = ?", (key,)):
            try:
                return pickle.loads(blob)
            except Exception:  # a damaged record (the key holds the code, so never an old layout)
                pass
        result = parse(name, data, sidecar)
        # Stored as parsed: the index later fills in the records it is given (person ids, document
        # matches), and a cached result must not carry what one build's catalogue said.
        if not self._pending:
            self._sql("BEGIN")
        self._sql("INSERT OR REPLACE INTO parsed VALUES (?, ?)",
                  (key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)))
        if self._db is not None:  # stored: a statement that fails closes the file
            self._pending += 1
        if self._pending >= BATCH:
            self._commit()
        return result

    def save_parsed(self) -> None:
        """Keep the results this build used, and only those (removed or changed sources drop out)."""
        self._commit()
        stale = [(key,) for (key,) in self._sql("SELECT key FROM parsed") if key not in self.used]
        if stale:  # one transaction: after a change of code every result is stale
            self._sql("BEGIN")
            self._sql("DELETE FROM parsed WHERE key = ?", stale)
            self._sql("COMMIT")
        self._close()

    def _commit(self) -> None:
        if self._pending:
            self._sql("COMMIT")
            self._pending = 0

    def _sql(self, statement: str, parameters: tuple | list = ()) -> list:
        """Run one statement on the results file (a list of parameter tuples: once for each).
        The cache only saves time: whatever goes wrong with it, the build goes on and parses."""
        if self._off:
            return []
        try:
            if self._db is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                # Autocommit, with BEGIN/COMMIT above; a build that finds the file locked by another
                # one does not wait long for it.
                self._db = sqlite3.connect(self.folder / PARSED, timeout=1.0, isolation_level=None)
                self._db.execute("CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, result BLOB NOT NULL)")
            if isinstance(parameters, list):
                self._db.executemany(statement, parameters)
                return []
            return self._db.execute(statement, parameters).fetchall()
        except (sqlite3.OperationalError, OSError):  # locked by another build, read-only, disk full
            self._close()
            self._off = True
        except sqlite3.DatabaseError:  # not a database, or damaged: start again with a new file
            self._close()
            try:
                (self.folder / PARSED).unlink(missing_ok=True)
            except OSError:
                self._off = True
        return []

    def _close(self) -> None:
        if self._db is not None:
            self._db.close()  # what was not committed is rolled back: only whole batches are kept
        self._db, self._pending = None, 0

