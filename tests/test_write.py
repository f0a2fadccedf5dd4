"""docs/ is written only where something changed, only generated files are ever removed, and a
build that fails or is stopped leaves docs/ entirely old or entirely new, never a mix."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import write as write_module
from generator.write import MANIFEST, write_tree

from .conftest import ROOT, SOURCE
from .sitebuild import differing_paths, file_tree, mtimes


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


def test_a_file_of_another_size_is_replaced_without_being_read(tmp_path, monkeypatch):
    write_tree(tmp_path, {"a.md": "a\n", "data.json": "[1]\n"})
    read = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or real_read_bytes(path))
    result = write_tree(tmp_path, {"a.md": "A\n", "data.json": "[1, 2]\n"})
    assert result.written == ["a.md", "data.json"]
    assert "data.json" not in read and "a.md" in read  # a.md, of the same size, had to be compared
    assert (tmp_path / "data.json").read_text() == "[1, 2]\n"


def test_something_not_a_file_in_the_way_is_replaced_unread(tmp_path):
    os.mkfifo(tmp_path / "empty.txt")  # size 0, as the new file: reading it would wait forever
    result = write_tree(tmp_path, {"empty.txt": ""})
    assert result.written == ["empty.txt"] and (tmp_path / "empty.txt").is_file()


class Unmakeable(dict):
    """Files, of which those named in `known` must not be asked for."""

    def __init__(self, files, known):
        super().__init__(files)
        self.known = known

    def __getitem__(self, path):
        assert path not in self.known, f"{path} was made"
        return super().__getitem__(path)


def test_files_known_to_be_unchanged_are_neither_made_nor_read(tmp_path):
    write_tree(tmp_path, {"a.md": "a\n", "b.md": "b\n"})
    (tmp_path / "b.md").unlink()  # not read either: a known file is the caller's word (cache.LastBuild.unchanged)
    result = write_tree(tmp_path, Unmakeable({"a.md": "A\n", "b.md": "b\n"}, {"b.md"}), known={"b.md"})
    assert result.written == ["a.md"] and result.unchanged == 1
    assert json.loads((tmp_path / MANIFEST).read_text()) == ["a.md", "b.md"]  # still owned


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


def test_a_manifest_that_is_not_a_list_owns_nothing(tmp_path):
    (tmp_path / "x").write_text("hand-written")
    (tmp_path / MANIFEST).write_text(json.dumps("x"))  # not a list of paths: its letters are no paths
    write_tree(tmp_path, {})
    assert (tmp_path / "x").read_text() == "hand-written"


# ---------------------------------------------------------------- all old or all new

OLD = {"index.md": "old home\n", "meetings/001.md": "1\n", "meetings/002.md": "2\n", "data/a.json": "{}\n"}
NEW = {"index.md": "new home\n", "meetings/001.md": "1\n", "meetings/003.md": "3\n",
       "members/a.md": "a\n", "data/a.json": "[]\n"}  # changed, kept, removed and added pages
HAND_WRITTEN = {"assets/archive.css": "css\n", "meetings/notes.md": "hand-written\n"}


def docs_after(docs: Path, *builds: dict[str, str]) -> Path:
    """docs/ with the hand-written files, after write_tree of each build in turn."""
    for path, text in HAND_WRITTEN.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text)
    for files in builds:
        write_tree(docs, files)
    return docs


@pytest.fixture
def expected(tmp_path):
    """The tree of docs/ after uninterrupted builds: expected(OLD, NEW)."""
    return lambda *builds: file_tree(docs_after(tmp_path / f"expected{len(builds)}", *builds))


def on_call(monkeypatch, name: str, call: int, action) -> list:
    """Run `action` at the call-th call of os.<name> (replace, fsync), before the call does
    anything; returns the calls."""
    real, calls = getattr(os, name), []

    def wrapper(*args):
        calls.append(args)
        if len(calls) == call:
            action()
        return real(*args)

    monkeypatch.setattr(os, name, wrapper)
    return calls


def calls_of(name: str, tmp_path, monkeypatch) -> int:
    """How many calls of os.<name> writing NEW over OLD makes."""
    docs = docs_after(tmp_path / f"count-{name}", OLD)
    calls = on_call(monkeypatch, name, 0, None)
    write_tree(docs, NEW)
    monkeypatch.undo()
    return len(calls)


def crash(*args):
    raise OSError(5, "Input/output error")  # stands for a kill or a power cut: nothing after runs


def crashed_docs(tmp_path, monkeypatch, call: int) -> Path:
    docs = docs_after(tmp_path / f"crash{call}", OLD)
    on_call(monkeypatch, "replace", call, crash)
    with pytest.raises(OSError):
        write_tree(docs, NEW)
    monkeypatch.undo()
    return docs


def test_a_crash_before_the_journal_is_in_place_leaves_docs_as_it_was(tmp_path, monkeypatch, expected):
    docs = crashed_docs(tmp_path, monkeypatch, call=1)  # the first os.replace puts the journal in place
    assert differing_paths(file_tree(docs), expected(OLD)) == []


def test_a_crash_during_the_commit_is_finished_by_the_next_build(tmp_path, monkeypatch, expected):
    calls = calls_of("replace", tmp_path, monkeypatch)
    assert calls == 1 + 5  # the journal, then 4 changed or new pages and the manifest
    for call in range(2, calls + 1):
        docs = crashed_docs(tmp_path, monkeypatch, call)
        result = write_tree(docs, NEW)
        assert (result.written, result.removed) == ([], []), f"crash at os.replace #{call}"
        assert differing_paths(file_tree(docs), expected(OLD, NEW)) == [], f"crash at os.replace #{call}"


def test_after_a_crash_during_the_commit_every_generated_file_can_still_be_removed(tmp_path, monkeypatch,
                                                                                   expected):
    """make clean (write_tree of nothing) right after the crash: pages the crashed build had moved
    in before its manifest must not be left behind as if hand-written."""
    for call in range(2, calls_of("replace", tmp_path, monkeypatch) + 1):
        docs = crashed_docs(tmp_path, monkeypatch, call)
        write_tree(docs, {})
        assert differing_paths(file_tree(docs), expected(OLD, NEW, {})) == [], f"crash at os.replace #{call}"
        assert set(file_tree(docs)) == {MANIFEST, *HAND_WRITTEN}


def test_staging_without_a_complete_journal_is_thrown_away(tmp_path, expected):
    docs = docs_after(tmp_path / "docs", OLD)
    (docs / ".staging" / "files").mkdir(parents=True)
    (docs / ".staging" / "files" / "index.md").write_text("half of a new ho")
    (docs / ".staging" / ".journal.json.tmp").write_text('{"steps": [["replace", "index.md"]')
    result = write_tree(docs, OLD)
    assert result.written == []
    assert differing_paths(file_tree(docs), expected(OLD)) == []


def test_a_damaged_journal_cannot_reach_outside(tmp_path):
    docs = docs_after(tmp_path / "docs", OLD)
    outside = tmp_path / "keep.txt"
    outside.write_text("keep")
    (docs / ".staging").mkdir()
    steps = [["remove", "../keep.txt"], ["remove", str(outside)], ["replace", "../keep.txt"]]
    (docs / ".staging" / "journal.json").write_text(json.dumps({"steps": steps}))
    write_tree(docs, OLD)
    assert outside.read_text() == "keep"


@pytest.fixture(autouse=True)
def ctrl_c_raises():
    """KeyboardInterrupt on SIGINT, as in a terminal, also where the tests run with it ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def sigint(*args):
    signal.raise_signal(signal.SIGINT)  # as Ctrl-C does; the default handler raises KeyboardInterrupt


def full_disk(*args):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("failure, raised", [(full_disk, OSError), (sigint, KeyboardInterrupt)])
def test_a_failure_while_staging_leaves_docs_as_it_was(tmp_path, monkeypatch, expected, failure, raised):
    docs = docs_after(tmp_path / "docs", OLD)
    real_write, staged = write_module._write, []

    def write_then_fail(path, data):
        staged.append(path)
        if len(staged) == 2:  # the second staged file
            failure()
        real_write(path, data)

    monkeypatch.setattr(write_module, "_write", write_then_fail)
    with pytest.raises(raised):
        write_tree(docs, NEW)
    monkeypatch.undo()
    assert len(staged) == 2 and all(write_module.STAGING in path.parts for path in staged)
    assert differing_paths(file_tree(docs), expected(OLD)) == []  # staging gone too: hidden files count


def test_staging_abandoned_with_its_journal_in_place_is_never_rolled_forward(tmp_path, monkeypatch,
                                                                             expected):
    """The last fsync, of the staging folder, fails after the journal is in place; then the clean-up
    is itself cut short (a second Ctrl-C) after it has deleted the journal, before it removes the
    staged files: what is left must never be rolled forward."""
    docs = docs_after(tmp_path / "docs", OLD)
    on_call(monkeypatch, "fsync", calls_of("fsync", tmp_path, monkeypatch), full_disk)
    monkeypatch.setattr(shutil, "rmtree", lambda *args, **kwargs: sigint())
    with pytest.raises(KeyboardInterrupt):
        write_tree(docs, NEW)
    monkeypatch.undo()
    result = write_tree(docs, OLD)
    assert result.written == []
    assert differing_paths(file_tree(docs), expected(OLD)) == []


def test_ctrl_c_during_the_commit_waits_until_docs_is_all_new(tmp_path, monkeypatch, expected):
    handler = signal.getsignal(signal.SIGINT)
    for call in range(2, calls_of("replace", tmp_path, monkeypatch) + 1):
        docs = docs_after(tmp_path / f"ctrl-c{call}", OLD)
        on_call(monkeypatch, "replace", call, sigint)
        with pytest.raises(KeyboardInterrupt):
            write_tree(docs, NEW)
        monkeypatch.undo()
        assert differing_paths(file_tree(docs), expected(OLD, NEW)) == [], f"Ctrl-C at os.replace #{call}"
        assert signal.getsignal(signal.SIGINT) is handler


def test_a_held_back_ctrl_c_reaches_the_earlier_handler_once_the_commit_is_done(tmp_path, monkeypatch,
                                                                                 expected):
    docs = docs_after(tmp_path / "docs", OLD)
    seen = []

    def handler(signum, frame):
        seen.append(file_tree(docs))

    previous = signal.signal(signal.SIGINT, handler)
    try:
        on_call(monkeypatch, "replace", 3, sigint)
        write_tree(docs, NEW)
        monkeypatch.undo()
        assert signal.getsignal(signal.SIGINT) is handler
    finally:
        signal.signal(signal.SIGINT, previous)
    assert len(seen) == 1
    assert differing_paths(seen[0], expected(OLD, NEW)) == []


# ---------------------------------------------------------------- through the CLI, in a real process

REMOVED = "004_780bb8195d2e3bbd.txt"  # 第14回
REMOVED_PAGES = {"meetings/014.md", "source/004_780bb8195d2e3bbd.md", "source/004_780bb8195d2e3bbd.txt"}
INTERRUPTED = "interrupted: docs/ was left as it was or completely written, never half"


def start_build(root: Path, *python: str) -> subprocess.Popen:
    """`python -m generator build` in root, or the given python arguments instead of -m generator.
    Ctrl-C works in it as in a terminal even where the tests run with SIGINT ignored (started in the
    background with &): Python then sets no handler of its own, and the signal would be lost."""
    return subprocess.Popen([sys.executable, *(python or ("-m", "generator")), "build"], cwd=root,
                            env={"PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def build(root: Path) -> dict[str, bytes]:
    process = start_build(root)
    assert process.wait() == 0, process.stderr.read()
    return file_tree(root / "docs")


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory):
    """A project with a hand-written asset and page in docs/, built from every seed (the old
    docs/), then with one seed removed (the new docs/ and the sources left)."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(SOURCE, root / "source")
    for path, text in HAND_WRITTEN.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text)
    old = build(root)
    (root / "source" / REMOVED).unlink()
    return root, old, build(root)


def test_removing_a_source_removes_its_pages_and_nothing_hand_written(old_and_new):
    root, old, new = old_and_new
    assert REMOVED_PAGES <= set(old) and len(old) > 90
    gone = set(old) - set(new)
    assert REMOVED_PAGES <= gone and all(p.startswith("members/") for p in gone - REMOVED_PAGES)
    assert set(new) - set(json.loads(new[MANIFEST])) == {MANIFEST, *HAND_WRITTEN}
    assert all(new[path] == text.encode() for path, text in HAND_WRITTEN.items())


def restore(docs: Path, tree: dict[str, bytes]) -> None:
    shutil.rmtree(docs)
    for path, data in tree.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(data)


def test_ctrl_c_at_a_real_build_leaves_docs_all_old_or_all_new(old_and_new):
    """SIGINT at moments spread over a real build, and once while it writes into docs/. Whether the
    signal lands before the build is over depends on the machine's load: the exit code may be 0, the
    docs/ tree must be all old or all new (test_ctrl_c_during_the_commit… pins the moments)."""
    root, old, new = old_and_new
    # Timed from when the CLI is loaded, not from the start of the interpreter, whose own start-up
    # on a busy machine would take the whole delay.
    ready = "import sys; from generator.cli import main; print('ready', flush=True); sys.exit(main(sys.argv[1:]))"

    def start() -> subprocess.Popen:
        restore(root / "docs", old)
        process = start_build(root, "-c", ready)
        assert process.stdout.readline() == "ready\n"
        return process

    process = start()  # one whole build from "ready", to spread the signals over
    started = time.perf_counter()
    assert process.wait() == 0
    whole = time.perf_counter() - started
    interrupted = 0  # runs the signal reached while the build was still running and that ended in 130
    for delay in (*(whole * share for share in (0.1, 0.3, 0.5, 0.7, 0.9)), "writing"):
        process = start()
        if delay == "writing":  # staging, syncing or committing
            while not (root / "docs" / ".staging").exists() and process.poll() is None:
                time.sleep(0.001)
        else:
            time.sleep(delay)
        running = process.poll() is None
        process.send_signal(signal.SIGINT)
        code, stderr = process.wait(), process.stderr.read()
        tree = file_tree(root / "docs")
        assert tree == old or tree == new, (delay, differing_paths(tree, new))
        # 0: the build was over; -SIGINT: Python had not set up its handler yet, or was shutting down.
        assert code in (0, 130, -signal.SIGINT), (delay, code, stderr)
        if delay == "writing" and running:  # reached while staging: held back until clean, then 130
            assert code == 130, (code, stderr)
        if code == 130:
            assert stderr.splitlines()[-1] == INTERRUPTED and "Traceback" not in stderr
            interrupted += running
    # Else every signal came too late and the test checked nothing (a Ctrl-C that crashes the build
    # or is not held back would pass unseen).
    assert interrupted >= 1


@pytest.mark.parametrize("when", ["first", "middle", "last"])
def test_ctrl_c_during_the_commit_of_a_real_build_ends_it_cleanly(old_and_new, when):
    """SIGINT sent to the build process by itself at its first, middle or last rename into docs/."""
    root, old, new = old_and_new
    renames = len(set(differing_paths(old, new)) & set(new))
    call = 1 + {"first": 1, "middle": renames // 2, "last": renames}[when]  # call 1: the journal
    restore(root / "docs", old)
    driver = (
        "import os, signal, sys\n"
        "real, calls = os.replace, []\n"
        "def replace(source, target):\n"
        "    calls.append(target)\n"
        f"    if len(calls) == {call}: os.kill(os.getpid(), signal.SIGINT)\n"
        "    real(source, target)\n"
        "os.replace = replace\n"
        "from generator.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n")
    process = start_build(root, "-c", driver)
    code, stderr = process.wait(), process.stderr.read()
    assert (code, stderr.splitlines()[-1]) == (130, INTERRUPTED), stderr
    assert differing_paths(file_tree(root / "docs"), new) == []
