"""Put generated files into docs/: only what changed, and remove only what an earlier build made.

A manifest (docs/.generated.json) lists the files the generator owns; a file not in it is never
touched, so hand-written pages and assets in docs/ are safe.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MANIFEST = ".generated.json"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _owned(docs: Path) -> list[str]:
    try:
        listed = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    # Only plain relative paths inside docs/: a damaged manifest must not reach outside.
    return [p for p in listed if isinstance(p, str) and not PurePosixPath(p).is_absolute()
            and ".." not in PurePosixPath(p).parts]


STAGING = ".staging"


def _replace(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def write_tree(docs: Path, files: dict[str, str | bytes]) -> WriteResult:
    """Write in two steps: every changed file into docs/.staging/ first, then each renamed into
    place. If writing fails (a full disk, Ctrl-C), the staging folder is removed and docs/ is as
    it was; the renames that follow are quick and cannot run out of space."""
    result = WriteResult()
    changed: dict[str, bytes] = {}
    for path, text in sorted(files.items()):
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        target = docs / path
        if target.is_file() and target.read_bytes() == data:
            result.unchanged += 1
        else:
            changed[path] = data
    staging = docs / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for path, data in changed.items():
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / path).write_bytes(data)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for path in changed:
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, docs / path)
        result.written.append(path)
    shutil.rmtree(staging, ignore_errors=True)
    for path in sorted(set(_owned(docs)) - set(files)):
        target = docs / path
        if target.is_file():
            target.unlink()
            result.removed.append(path)
        parent = target.parent
        while parent != docs and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    manifest = json.dumps(sorted(files), ensure_ascii=False, indent=0) + "\n"
    if not (docs / MANIFEST).is_file() or (docs / MANIFEST).read_text(encoding="utf-8") != manifest:
        _replace(docs / MANIFEST, manifest.encode("utf-8"))
    return result
