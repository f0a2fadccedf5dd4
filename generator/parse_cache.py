"""Parse results kept from one build to the next, in .build-cache/parsed.sqlite.

A source text whose bytes and sidecar are unchanged is not parsed again: its result is kept under a
key made of the code, the file name, the bytes and the sidecar, so that adding one meeting to a
large archive parses one meeting. The results are rows of one SQLite file: a file per source cost more to create
and open (4,000 of them, 4 s) than parsing did, and one pickled dict held them all in memory (90 MB
more at 4,000 meetings). Deleting the file is always safe.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path
from typing import Callable, Optional

PARSED = "parsed.sqlite"
BATCH = 200  # results a transaction: an interrupted build keeps what it parsed, and locks are short


class ParseCache:
    """One build's use of the results file in `folder`: results are looked up and stored as sources
    are parsed; save_parsed keeps only those this build used."""

    def __init__(self, folder: Path, code: str):
        self.folder = folder
        self.code = code  # the generator's fingerprint: a result is kept for the code that made it
        self.used: set[str] = set()  # keys of the parse results this build used
        self._db: Optional[sqlite3.Connection] = None
        self._pending = 0  # results stored since the last commit
        self._off = False  # the results file cannot be used in this build

    def parsed(self, name: str, data: bytes, sidecar: Optional[str], parse: Callable):
        """parse(name, data, sidecar), or its result from an earlier build of the same input."""
        key = hashlib.sha256(b"\0".join([self.code.encode(), name.encode(), data,
                                         (sidecar or "").encode(), b"1" if sidecar is not None else b"0"])).hexdigest()
        self.used.add(key)
        for (blob,) in self._sql("SELECT result FROM parsed WHERE key = ?", (key,)):
            try:
                return pickle.loads(blob)
            except Exception:  # a damaged record (the key holds the code, so never an old layout)
                pass
        result = parse(name, data, sidecar)
        # Stored as parsed: the index later fills in the records it is given (each material's
        # document, version, draft and variant), and a cached result must not carry what one
        # build's catalogue said.
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
            self._sql("DELETE FROM parsed WHERE key = ?", stale, many=True)
            self._sql("COMMIT")
        self._close()

    def _commit(self) -> None:
        if self._pending:
            self._sql("COMMIT")
            self._pending = 0

    def _sql(self, statement: str, parameters: tuple | list = (), many: bool = False) -> list:
        """Run one statement on the results file (many: once for each tuple of a list of parameters).
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
            if many:
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
