"""docs/ is written only where something changed, and only generated files are ever removed."""

import json
from pathlib import Path

import pytest

from generator.write import MANIFEST, write_tree


def mtimes(root):
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_unchanged_files_are_not_rewritten(tmp_path):
    files = {"index.md": "home\n", "meetings/001.md": "one\n"}
    first = write_tree(tmp_path, files)
    assert first.written == ["index.md", "meetings/001.md"]
    before = mtimes(tmp_path)
    again = write_tree(tmp_path, files)
    assert again.written == [] and again.unchanged == 2
    assert mtimes(tmp_path) == before


def test_only_changed_pages_are_rewritten(tmp_path):
    write_tree(tmp_path, {"a.md": "a\n", "b.md": "b\n"})
    result = write_tree(tmp_path, {"a.md": "a\n", "b.md": "B\n"})
    assert result.written == ["b.md"]
    assert (tmp_path / "b.md").read_text() == "B\n"


def test_removed_source_removes_its_pages_but_nothing_hand_written(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "archive.css").write_text("css")
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "notes.md").write_text("hand-written")
    write_tree(tmp_path, {"meetings/001.md": "1", "meetings/002.md": "2", "old/x.md": "x"})
    result = write_tree(tmp_path, {"meetings/001.md": "1"})
    assert result.removed == ["meetings/002.md", "old/x.md"]
    assert not (tmp_path / "old").exists()
    assert (tmp_path / "assets" / "archive.css").read_text() == "css"
    assert (tmp_path / "meetings" / "notes.md").read_text() == "hand-written"


def test_damaged_manifest_cannot_reach_outside(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    outside = tmp_path / "keep.txt"
    outside.write_text("keep")
    (docs / MANIFEST).write_text(json.dumps(["../keep.txt", str(outside)]))
    write_tree(docs, {})
    assert outside.read_text() == "keep"


def test_a_failure_while_writing_leaves_docs_as_it_was(tmp_path, monkeypatch):
    write_tree(tmp_path, {"a.md": "old a\n", "b.md": "old b\n"})
    before = {p: (tmp_path / p).read_text() for p in ("a.md", "b.md")}
    real_write = Path.write_bytes
    calls = []

    def failing_write(self, data):
        calls.append(self)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(OSError):
        write_tree(tmp_path, {"a.md": "new a\n", "b.md": "new b\n"})
    monkeypatch.undo()
    assert {p: (tmp_path / p).read_text() for p in ("a.md", "b.md")} == before
    assert not (tmp_path / ".staging").exists()
