"""Rebuilds: nothing changed → nothing done and nothing written; something changed → the same
docs/ as a build from scratch, parsing only what changed (generator/cache.py, parse_cache.py)."""

import dataclasses
import fcntl
import inspect
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

from jinja2.bccache import bc_magic

from generator.parse_cache import BATCH, PARSED, ParseCache
from generator.parse import parse_source

from .conftest import ROOT, SOURCE
from .sitebuild import copy_config, file_tree, mtimes, run_generator, run_python

SEED = "000_1e74b449c9ce0912.txt"


def build(root, *args):
    return run_generator("build", *args, cwd=root)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def project(tmp_path, name="project"):
    root = tmp_path / name
    shutil.copytree(SOURCE, root / "source")
    copy_config(root)
    return root


def test_a_rebuild_with_nothing_changed_writes_nothing_and_says_the_same(tmp_path):
    root = project(tmp_path)
    first = build(root)
    before = mtimes(root / "docs")
    again = build(root)
    assert "nothing changed since the last build, 0 files written" in again.stdout
    assert mtimes(root / "docs") == before
    assert (again.stderr, again.returncode) == (first.stderr, first.returncode)
    strict = build(root, "--strict")  # the seeds have warnings: told again, so --strict still fails
    assert strict.returncode == 1 and "FAILED" in strict.stdout


def test_a_rebuild_with_nothing_changed_does_not_load_the_pipeline(tmp_path):
    # Its cost is mostly imports: parsers, renderers, Jinja and YAML are loaded only to build.
    root = project(tmp_path)
    build(root)
    heavy = ("generator.build", "generator.parse", "generator.render", "generator.index", "generator.write",
             "jinja2", "yaml", "sqlite3")
    code = ("import sys; from generator.cli import main; main(['build']); "
            f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))")
    result = run_python("-c", code, cwd=root)
    assert "nothing changed since the last build" in result.stdout
    assert result.stdout.splitlines()[-1] == "[]"


def test_a_new_site_url_is_a_change(tmp_path):
    root = project(tmp_path)
    build(root)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*$", "site_url: https://example.org/archive/",
                             config.read_text(encoding="utf-8")), encoding="utf-8")
    assert "nothing changed" not in build(root).stdout
    assert "https://example.org/archive/meetings/027/" in (root / "docs" / "feed.xml").read_text(encoding="utf-8")
    # A meeting page's citation too, though its record and context are unchanged: the address is in its key
    assert "議事概要アーカイブ、https://example.org/archive/meetings/027/" in (
        root / "docs" / "meetings" / "027.md").read_text(encoding="utf-8")


def test_a_generated_file_edited_or_deleted_by_hand_is_rebuilt(tmp_path):
    root = project(tmp_path)
    build(root)
    page = root / "docs" / "meetings" / "027.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "edited\n", encoding="utf-8")
    assert re.search(r"\b1 files written", build(root).stdout)
    assert page.read_text(encoding="utf-8") == text
    page.unlink()
    assert re.search(r"\b1 files written", build(root).stdout)
    assert page.read_text(encoding="utf-8") == text


def test_an_incremental_build_equals_a_build_from_scratch(tmp_path):
    warm = project(tmp_path, "warm")
    build(warm)
    # Change a source, remove one, add one, and change the catalogues: every kind of input.
    for root in (warm, cold := project(tmp_path, "cold")):
        (root / "source" / SEED).write_text((SOURCE / SEED).read_text(encoding="utf-8").replace(
            "第 27 回", "第 28 回"), encoding="utf-8")
        (root / "source" / "004_780bb8195d2e3bbd.txt").unlink()
        shutil.copy(SOURCE / "004_780bb8195d2e3bbd.txt", root / "source" / "014_copy.txt")
        edit(root / "source" / "plan_versions.yml", 'version: "3.0"\n    label: 改定\n    published: null',
             'version: "3.0"\n    label: 改定\n    published: 2024-03-01')
        # Pages whose records do not change: a family's short name, linked from meeting pages, and
        # a date that puts 第3回 (2020-12-18) under 第1.0版
        edit(root / "source" / "documents.yml", "short: 自治体DX全体手順書", "short: DX全体手順書")
        edit(root / "source" / "plan_versions.yml", "published: 2020-12-25", "published: 2020-12-01")
    warm_result = build(warm)
    cold_result = build(cold, "--no-cache")
    assert "nothing changed" not in warm_result.stdout and warm_result.stderr == cold_result.stderr
    assert file_tree(warm / "docs") == file_tree(cold / "docs")
    page = (warm / "docs" / "meetings" / "028.md").read_text(encoding="utf-8")
    assert "第3.0版](../plan/3.0.md)（2024-03-01公表）" in page and "[DX全体手順書]" in page
    assert "[第1.0版](../plan/1.0.md)（2020-12-01公表）" in (warm / "docs" / "meetings" / "003.md").read_text(encoding="utf-8")


def test_templates_are_compiled_once_and_a_damaged_compiled_template_is_compiled_again(tmp_path):
    root = project(tmp_path)
    # A real build (not skipped as unchanged) that says how many templates Jinja compiled.
    code = ("import jinja2; compiled = []; compile = jinja2.Environment.compile\n"
            "jinja2.Environment.compile = lambda self, *a, **k: compiled.append(1) or compile(self, *a, **k)\n"
            "from generator.cli import main; main(['build']); print('compiled', len(compiled))")

    def compiled_in_a_build() -> int:
        (root / ".build-cache" / "state.json").unlink(missing_ok=True)
        done = run_python("-c", code, cwd=root)
        assert "files written" in done.stdout, done.stderr
        return int(done.stdout.split()[-1])

    assert compiled_in_a_build() > 5
    first = file_tree(root / "docs")
    assert compiled_in_a_build() == 0
    [version] = (root / ".build-cache" / "templates").iterdir()  # one folder: this version of the code
    kept = sorted(version.iterdir())
    assert len(kept) > 5
    header = len(bc_magic)  # Jinja's own check: versions; then the template's checksum and the code
    for k, path in enumerate(kept):  # damaged in three ways, cut short as a full disk would leave them
        data = path.read_bytes()
        path.write_bytes([data[:len(data) // 2], data[:header + 3], data[:header] + b"\x80\x05garbage"][k % 3])
    assert compiled_in_a_build() == len(kept)
    assert file_tree(root / "docs") == first


def test_a_compiled_template_that_cannot_be_kept_is_no_error(tmp_path, monkeypatch):
    from generator.render import common

    monkeypatch.setattr(common.env, "bytecode_cache", None)  # the shared environment: restored after the test
    monkeypatch.setattr(common.env, "cache", None)  # no templates held in memory: each is loaded
    common.keep_compiled_templates(tmp_path / "templates", "v1")
    (tmp_path / "templates" / "v1").rmdir()  # gone, as on a disk that fails: nothing can be written there
    common.env.get_template("meeting.md.j2")  # compiled without an error, and not kept
    (tmp_path / "elsewhere").write_text("a file where the folder should be")
    common.keep_compiled_templates(tmp_path / "elsewhere", "v2")
    assert common.env.bytecode_cache is None  # not kept at all, not even in v1's folder
    common.keep_compiled_templates(tmp_path / "templates", "v3")
    assert common.env.bytecode_cache is not None
    common.keep_compiled_templates(None, "v3")  # a build without a cache folder does not use an earlier one's
    assert common.env.bytecode_cache is None


def test_compiled_templates_are_kept_for_one_version_of_the_code(tmp_path):
    # Jinja checks a kept template against its text only: a change of the code around it (here an
    # option of the environment) must not reuse what the old code compiled.
    code = tmp_path / "code"
    shutil.copytree(ROOT / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    warm, cold = project(tmp_path, "warm"), project(tmp_path, "cold")

    def build_with_code(root, *args):
        done = run_python("-m", "generator", "build", *args, cwd=root, path=code)
        assert "files written" in done.stdout, done.stderr

    build_with_code(warm)
    (warm / ".build-cache" / "templates" / "__jinja2_old.cache").write_bytes(b"left by an older layout")
    edit(code / "generator" / "render" / "common.py", "trim_blocks=True", "trim_blocks=False")
    build_with_code(warm)
    build_with_code(cold, "--no-cache")
    assert file_tree(warm / "docs") == file_tree(cold / "docs")
    assert len(list((warm / ".build-cache" / "templates").iterdir())) == 1  # the old version's and stray files removed


def _parse_in_a_build(folder, data, sidecar, parse, code="this code"):
    """One build's use of the parse cache: parse (or take) the seed, then keep what was used."""
    cache = ParseCache(folder, code)
    result = cache.parsed(SEED, data, sidecar, parse)
    cache.save_parsed()
    return result


def test_an_unchanged_source_is_not_parsed_again_until_the_code_changes(tmp_path):
    calls = []

    def counting_parse(name, data, sidecar):
        calls.append(name)
        return parse_source(name, data, sidecar)

    data = (SOURCE / SEED).read_bytes()
    first = _parse_in_a_build(tmp_path, data, None, counting_parse)
    second = _parse_in_a_build(tmp_path, data, None, counting_parse)
    assert calls == [SEED] and second.meeting == first.meeting
    _parse_in_a_build(tmp_path, data + b"\n", None, counting_parse)
    _parse_in_a_build(tmp_path, data, "note:\n  value: x\n  source: y\n", counting_parse)
    assert len(calls) == 3
    _parse_in_a_build(tmp_path, data, None, counting_parse)  # the last build did not use it: gone
    _parse_in_a_build(tmp_path, data, None, counting_parse)
    assert len(calls) == 4
    _parse_in_a_build(tmp_path, data, None, counting_parse, code="another version of the generator")
    assert len(calls) == 5


def test_a_build_keeps_parse_results_for_its_own_code(tmp_path, monkeypatch):
    import generator.build as build_module
    from generator.render import common

    monkeypatch.setattr(common.env, "bytecode_cache", None)  # the shared environment: restored after the test
    parsed = []
    monkeypatch.setattr(build_module, "parse_source", lambda *args: parsed.append(args[0]) or parse_source(*args))
    build_module.generate(SOURCE, cache_dir=tmp_path)
    assert len(parsed) == 5
    build_module.generate(SOURCE, cache_dir=tmp_path)
    assert len(parsed) == 5
    monkeypatch.setattr(build_module, "code_fingerprint", lambda: "another version of the generator")
    build_module.generate(SOURCE, cache_dir=tmp_path)
    assert len(parsed) == 10
    with sqlite3.connect(tmp_path / PARSED) as db:  # the other code's results dropped
        assert db.execute("SELECT count(*) FROM parsed").fetchone() == (5,)
    db.close()


def test_the_cache_keeps_a_record_as_parsed_not_as_the_index_filled_it(tmp_path):
    data = (SOURCE / SEED).read_bytes()
    cache = ParseCache(tmp_path, "this code")
    meeting = cache.parsed(SEED, data, None, parse_source).meeting
    meeting.attendees[0].person_id = "filled in by this build's index"
    meeting.materials[0].document = "matched by this build's catalogue"
    cache.save_parsed()
    assert _parse_in_a_build(tmp_path, data, None, parse_source).meeting == parse_source(SEED, data).meeting


def test_a_damaged_cache_is_parsed_again(tmp_path):
    data = (SOURCE / SEED).read_bytes()
    _parse_in_a_build(tmp_path, data, None, parse_source)
    with sqlite3.connect(tmp_path / PARSED) as db:  # a record that no longer loads
        db.execute("UPDATE parsed SET result = ?", (b"not a pickle",))
    db.close()
    assert _parse_in_a_build(tmp_path, data, None, parse_source).meeting.number == 27
    (tmp_path / PARSED).write_bytes(b"not a database" * 100)
    assert _parse_in_a_build(tmp_path, data, None, parse_source).meeting.number == 27


def test_damage_found_mid_build_starts_a_new_cache(tmp_path):
    """The header is whole, the pages holding the results are not: SQLite finds out at the SELECT."""
    data = (SOURCE / SEED).read_bytes()
    _parse_in_a_build(tmp_path, data, None, parse_source)
    damaged = bytearray((tmp_path / PARSED).read_bytes())
    damaged[3 * 4096:] = b"\xff" * (len(damaged) - 3 * 4096)  # past the schema, table and key pages
    (tmp_path / PARSED).write_bytes(bytes(damaged))
    calls = []
    _parse_in_a_build(tmp_path, data, None, lambda *args: calls.append(1) or parse_source(*args))
    _parse_in_a_build(tmp_path, data, None, lambda *args: calls.append(1) or parse_source(*args))
    assert calls == [1]  # parsed again once, and kept in the new file


def test_a_cache_locked_by_another_build_is_left_alone(tmp_path):
    data = (SOURCE / SEED).read_bytes()
    _parse_in_a_build(tmp_path, data, None, parse_source)
    inode = (tmp_path / PARSED).stat().st_ino
    other = sqlite3.connect(tmp_path / PARSED, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another build in the middle of writing
    try:
        calls = []
        result = _parse_in_a_build(tmp_path, data, None, lambda *args: calls.append(1) or parse_source(*args))
        assert result.meeting.number == 27 and calls == [1]  # parsed, without the cache, no error
    finally:
        other.execute("COMMIT")
        other.close()
    assert (tmp_path / PARSED).stat().st_ino == inode  # not taken for damaged and replaced
    assert _parse_in_a_build(tmp_path, data, None, lambda *args: 1 / 0).meeting.number == 27  # still there


def test_an_interrupted_build_keeps_the_batches_it_committed(tmp_path):
    data = (SOURCE / SEED).read_bytes()
    cache = ParseCache(tmp_path, "this code")
    for k in range(BATCH + 1):  # one whole batch, and one more result
        cache.parsed(f"{k}.txt", data, None, lambda name, data, sidecar: parse_source(SEED, data))
    cache._close()  # killed before save_parsed
    with sqlite3.connect(tmp_path / PARSED) as db:
        assert db.execute("SELECT count(*) FROM parsed").fetchone() == (BATCH,)
    db.close()


def test_check_keeps_no_cache(tmp_path):
    root = project(tmp_path)
    result = run_generator("check", cwd=root)
    assert result.returncode == 0 and "check: 5 meetings" in result.stdout, result.stderr
    assert not (root / ".build-cache").exists() and not (root / "docs").exists()


def test_an_interrupted_write_or_a_lost_manifest_is_never_skipped(tmp_path):
    root = project(tmp_path)
    build(root)
    (root / "docs" / ".staging").mkdir()  # left by a build that was killed: must be finished or dropped
    assert "nothing changed" not in build(root).stdout
    assert not (root / "docs" / ".staging").exists()
    (root / "docs" / ".generated.json").unlink()
    assert "nothing changed" not in build(root).stdout
    assert (root / "docs" / ".generated.json").is_file()


def test_a_damaged_state_file_means_a_build(tmp_path):
    root = project(tmp_path)
    build(root)
    path = root / ".build-cache" / "state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    damaged = ["not json", "[]", '"text"', json.dumps({"inputs": state["inputs"]})]
    damaged += [json.dumps({**state, key: value}) for key, value in
                [("files", []), ("files", {"index.md": "x"}), ("diagnostics", [1]), ("skipped", None)]]
    for text in damaged:
        path.write_text(text, encoding="utf-8")
        result = build(root)
        assert "nothing changed" not in result.stdout and "0 files written" in result.stdout, (text, result.stderr)


def test_a_cache_folder_that_cannot_be_used_is_no_error(tmp_path):
    """The cache only saves time: the build still writes docs/ and says so, and builds again next time."""
    root = project(tmp_path)
    (root / "not-a-folder").write_text("x")
    for _ in range(2):
        result = build(root, "--cache", "not-a-folder/cache")
        assert result.returncode == 0 and "nothing changed" not in result.stdout, result.stderr
        assert re.search(r"build: 5 meetings, \d+ statements; \d+ files written", result.stdout)
    assert (root / "docs" / "meetings" / "027.md").is_file()


def test_a_source_renamed_with_the_same_bytes_is_a_change(tmp_path):
    root = project(tmp_path)
    build(root)
    new_name = "000a.txt"  # sorts where SEED did: the files' order alone does not tell the change
    (root / "source" / SEED).rename(root / "source" / new_name)
    renamed = build(root)
    assert "nothing changed" not in renamed.stdout
    assert (root / "docs" / "source" / new_name).is_file() and not (root / "docs" / "source" / SEED).exists()


# A build in a process of its own that says which keyed pages it made (rendered), by their inputs.
MADE = ("import json, generator.render as render\n"
        "made = []\n"
        "for name in ('render_meeting', 'render_source', 'render_person'):\n"
        "    def counted(*args, _make=getattr(render, name), _name=name):\n"
        "        made.append([_name, getattr(args[0], 'source_file', None) or args[0].id])\n"
        "        return _make(*args)\n"
        "    setattr(render, name, counted)\n"
        "from generator.cli import main\n"
        "main(['build'])\n"
        "print(json.dumps(sorted(made), ensure_ascii=False))")


def made_in_a_build(root) -> tuple[list[list[str]], str]:
    done = run_python("-c", MADE, cwd=root)
    assert done.returncode == 0, done.stderr
    *output, made = done.stdout.splitlines()
    return json.loads(made), "\n".join(output)


def test_a_rebuild_makes_again_only_the_pages_whose_inputs_changed(tmp_path):
    root = project(tmp_path)
    build(root)  # every source parsed afresh: the next build's records come from the parse cache
    text = root / "source" / "003_93df5cc9a7216084.txt"
    edit(text, "計画期間を廃止", "計画期間を撤廃")  # a statement: the meeting's two pages, nothing else
    made, _ = made_in_a_build(root)
    assert made == [["render_meeting", text.name], ["render_source", text.name]]
    edit(root / "source" / SEED, "宇部市総務部デジタル推進課長", "宇部市総務部デジタル推進課課長")
    made, _ = made_in_a_build(root)  # an affiliation: the person's page too
    assert made == [["render_meeting", SEED], ["render_person", "吉岡徹"], ["render_source", SEED]]
    os.utime(root / "docs" / "meetings" / "027.md")  # touched (or edited by hand): made and compared again
    made, output = made_in_a_build(root)
    assert made == [["render_meeting", SEED]] and "nothing changed" not in output and " 0 files written" in output


def test_a_page_key_sees_every_field_of_its_inputs():
    """Keys are made from the repr of a page's inputs (render._canonical): a field a repr left out
    would leave a page stale when only that field changed."""
    from generator import model
    from generator.render.meetings import MeetingContext
    from generator.render.members import PersonContext

    classes = [c for _, c in inspect.getmembers(model, inspect.isclass) if dataclasses.is_dataclass(c)]
    assert model.Meeting in classes and model.Statement in classes
    for cls in [*classes, MeetingContext, PersonContext]:
        assert cls.__dataclass_params__.repr and all(f.repr for f in dataclasses.fields(cls)), cls
    for module in {inspect.getmodule(cls) for cls in [*classes, MeetingContext, PersonContext]}:
        assert "def __repr__" not in inspect.getsource(module)  # each repr the one dataclass writes


def test_damaged_page_keys_mean_pages_made_again(tmp_path):
    root = project(tmp_path)
    build(root)
    path = root / ".build-cache" / "state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    pages = state["keys"]
    damaged = [{"keys": keys} for keys in ([], "x", {page: None for page in pages}, {page: [1] for page in pages})]
    damaged += [{"files": files} for files in ([], {page: "x" for page in state["files"]})]  # whole keys, bad stamps
    for fields in damaged:
        path.write_text(json.dumps({**state, **fields}), encoding="utf-8")
        edit(root / "source" / SEED, "宇部市", "宇部市 ")  # a change, so that there is a build
        made, output = made_in_a_build(root)
        assert [kind for kind, _ in made].count("render_meeting") == 5, (fields, output)


def test_a_second_build_waits_for_the_first(tmp_path):
    """Two at once could pair one build's page keys with the other's files: the second waits until
    the first has recorded its state, and says so (here a build that would take a tenth of a second,
    nothing having changed; with --no-cache too, which writes docs/ all the same, and clean)."""
    root = project(tmp_path)
    build(root)
    for args, done in ((["build"], "build: 5 meetings"), (["build", "--no-cache"], "build: 5 meetings"),
                       (["clean"], "clean: 100 generated files removed")):
        with open(root / ".build-cache" / "lock", "ab") as held:
            fcntl.flock(held, fcntl.LOCK_EX)  # as a build in progress holds it
            second = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=root,
                                      env={"PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True)
            try:
                time.sleep(2)
                assert second.poll() is None  # still waiting
            except BaseException:
                second.kill()
                raise
        try:
            stdout, stderr = second.communicate(timeout=60)
        finally:
            second.kill()
        assert second.returncode == 0 and done in stdout, (args, stdout, stderr)
        assert "waiting for another build of this project to end (.build-cache/lock)" in stderr


def test_clean_removes_what_was_generated_and_the_cache_but_not_the_lock(tmp_path):
    """The lock stays: a build waiting on it when it was removed would run beside one that made a new one."""
    root = project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "notes.md").write_text("手書き\n", encoding="utf-8")
    build(root)
    assert (root / "docs" / "meetings" / "027.md").is_file()
    result = run_generator("clean", cwd=root)
    assert result.returncode == 0 and re.search(r"clean: \d+ generated files removed", result.stdout), result.stderr
    assert sorted(p.name for p in (root / ".build-cache").iterdir()) == ["lock"]
    assert file_tree(root / "docs") == {"notes.md": "手書き\n".encode(), ".generated.json": b"[]\n"}
    again = build(root)
    assert "nothing changed" not in again.stdout and (root / "docs" / "meetings" / "027.md").is_file()


def test_a_lock_that_cannot_be_had_is_said(tmp_path):
    root = project(tmp_path)
    (root / ".build-cache" / "lock").mkdir(parents=True)  # cannot be opened as a file, even by root
    result = build(root)
    assert result.returncode == 0 and "build: 5 meetings" in result.stdout
    assert ("note: .build-cache/lock cannot be locked (Is a directory: .build-cache/lock): a second build"
            in result.stderr)
    assert run_generator("clean", cwd=root).returncode == 0  # unheld, clean removes the cache whole
    assert list((root / ".build-cache").iterdir()) == []
    assert "cannot be locked" not in build(root).stderr


def test_clean_mends_a_cache_folder_that_is_a_file(tmp_path):
    root = project(tmp_path)
    (root / ".build-cache").write_text("x")
    result = build(root)
    assert "note: .build-cache/lock cannot be locked (File exists: .build-cache)" in result.stderr
    assert run_generator("clean", cwd=root).returncode == 0
    assert "cannot be locked" not in build(root).stderr and (root / ".build-cache" / "lock").is_file()


def test_clean_where_nothing_was_made_makes_nothing(tmp_path):
    result = run_generator("clean", cwd=tmp_path)
    assert result.returncode == 0 and "nothing to clean" in result.stdout
    assert list(tmp_path.iterdir()) == []
