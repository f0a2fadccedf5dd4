"""python -m generator build|check: diagnostics with places, all problems, isolation of bad sources."""

from pathlib import Path

import pytest

from generator.cache import read_folder

from .conftest import SOURCE, generate_folder, source_folder
from .sitebuild import copy_config
from .sitebuild import run_generator as run

GOOD = "000_1e74b449c9ce0912.txt"


def project(tmp_path, extra: dict[str, str]):
    source_folder(tmp_path, {GOOD: (SOURCE / GOOD).read_bytes(), **{name: text.encode() for name, text in extra.items()}})
    return tmp_path


BAD_DATE = (SOURCE / GOOD).read_text(encoding="utf-8").replace("第 27 回", "第 99 回").replace(
    "令和６年３月 11 日（月）", "令和６年２月 30 日（金）")


def test_check_reports_every_problem_with_its_place_and_fails(tmp_path):
    root = project(tmp_path, {"bad.txt": BAD_DATE, "empty.txt": ""})
    result = run("check", cwd=root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "source/bad.txt:6: error: 開催日時 is not a date: 令和6年2月30日（金）" in lines
    assert "source/empty.txt: error: file is empty" in lines
    assert "check: 1 meetings" in result.stdout


def test_one_bad_source_does_not_stop_the_others(tmp_path):
    """Nor the site: `make site` runs MkDocs only when the build exits 0. `check` and `--strict` fail."""
    root = project(tmp_path, {"bad.txt": BAD_DATE})
    result = run("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "docs" / "meetings" / "027.md").is_file()
    assert not (root / "docs" / "meetings" / "099.md").exists()
    assert "source/bad.txt: skipped" in result.stderr
    assert "; 1 source(s) skipped for errors (above)" in result.stdout
    assert run("build", cwd=root).returncode == 0  # and so does the build with nothing to do
    assert run("check", cwd=root).returncode == 1
    assert run("build", "--strict", cwd=root).returncode == 1


def test_a_placeholder_site_url_is_pointed_out(tmp_path):
    """Citations and data carry site_url: mkdocs.yml's example.org would send readers nowhere."""
    root = project(tmp_path, {})
    note = "note: site_url http://localhost:8000/ (mkdocs.yml) is a placeholder"
    assert note in run("build", cwd=root).stderr
    again = run("build", cwd=root)  # nothing changed: told again, from the last build's record
    assert "nothing changed since the last build" in again.stdout and note in again.stderr
    copy_config(root)  # the tests' site_url (example.org, the same placeholder mkdocs.yml ships)
    shipped = "note: site_url https://example.org/dx-kentokai/ (mkdocs.yml) is a placeholder"
    assert shipped in run("build", cwd=root).stderr
    (root / "mkdocs.yml").write_text("site_url: https://archive.example.jp/dx/\n", encoding="utf-8")
    assert "note: site_url" not in run("build", cwd=root).stderr


def test_strict_turns_warnings_into_errors_and_writes_nothing(tmp_path):
    warned = (SOURCE / GOOD).read_text(encoding="utf-8").replace("（月）15:00", "（火）15:00")
    root = project(tmp_path, {"warned.txt": warned.replace("第 27 回", "第 28 回")})
    assert run("check", cwd=root).returncode == 0
    strict = run("build", "--strict", cwd=root)
    assert strict.returncode == 1
    assert "source/warned.txt:6: warning: 開催日時 says （火） but 2024-03-11 is a 月曜日" in strict.stderr
    assert not (root / "docs").exists()


def test_what_looks_like_a_source_but_is_not_read_is_named(tmp_path):
    """第99回.TXT is not left out silently; hidden files (.draft.txt, ._x.txt) are no input."""
    text = (SOURCE / GOOD).read_text(encoding="utf-8")
    root = project(tmp_path, {"第99回.TXT": text.replace("第 27 回", "第 99 回"), "notes.pdf": "%PDF",
                              ".draft.txt": text.replace("第 27 回", "第 98 回"), "x.yaml": "a: 1\n",
                              "a\\b.txt": text.replace("第 27 回", "第 97 回")})
    (root / "source" / "folder.txt").mkdir()
    (root / "source" / "link.txt").symlink_to("gone.txt")
    result = run("build", cwd=root)
    assert result.returncode == 0, result.stderr  # warnings: the other sources are built
    not_read = [line for line in result.stderr.splitlines() if ": not read: " in line]
    assert not_read == [
        "source/a\\b.txt: warning: not read: a backslash in the name breaks the site: rename it",
        "source/folder.txt: warning: not read: a folder",
        "source/link.txt: warning: not read: a broken link",
        "source/x.yaml: warning: not read: texts are read from .txt files, sidecars and catalogues from .yml: rename it",
        "source/第99回.TXT: warning: not read: texts are read from .txt files, sidecars and catalogues from .yml: rename it"]
    assert ".draft" not in result.stderr
    assert sorted(p.name for p in (root / "docs" / "meetings").iterdir()) == ["027.md", "index.md"]
    again = run("build", cwd=root)  # nothing changed: told again
    assert "nothing changed" in again.stdout and not_read[-1] in again.stderr
    (root / "source" / "y.txt").mkdir()  # only a name passed over is new: the build is not skipped
    added = run("build", cwd=root)
    assert "nothing changed" not in added.stdout and "source/y.txt: warning: not read: a folder" in added.stderr
    (root / "source" / "第99回.TXT").rename(root / "source" / "第99回.txt")
    renamed = run("build", cwd=root)
    assert not_read[-1] not in renamed.stderr and (root / "docs" / "meetings" / "099.md").is_file()


@pytest.mark.parametrize("locked", [("x.txt",), ("x.yml",), ("x.txt", "x.yml")])
def test_a_text_or_sidecar_that_cannot_be_read_keeps_its_meeting_off_the_site(tmp_path, monkeypatch, locked):
    """Like a sidecar that is not UTF-8: published without its sidecar's facts, a page would be wrong."""
    from generator.build import generate
    text = (SOURCE / GOOD).read_text(encoding="utf-8").replace("第 27 回", "第 99 回")
    project(tmp_path, {"x.txt": text, "x.yml": "note:\n  value: 注記\n  source: 事務局\n", "y.yml": "a: 1\n"})
    read_bytes = Path.read_bytes

    def refuse(path):  # chmod would not stop root: reading fails instead
        if path.name in (*locked, "y.yml"):  # y.yml: a sidecar without its text
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert not set(locked) & set(read_folder(tmp_path / "source").files)
    generation = generate(tmp_path / "source")
    assert sorted(str(d) for d in generation.diagnostics if "x." in d.file) == [
        f"source/{name}: error: cannot be read (Permission denied)" for name in locked]  # and no other
    assert generation.skipped == ["x.txt"] and [m.number for m in generation.archive.meetings] == [27]
    assert [str(d) for d in generation.diagnostics if "y." in d.file] == [
        "source/y.yml: error: cannot be read (Permission denied)",
        "source/y.yml: warning: sidecar has no source text source/y.txt"]


def test_two_sources_claiming_one_meeting(tmp_path):
    root = project(tmp_path, {"copy.txt": (SOURCE / GOOD).read_text(encoding="utf-8")})
    result = run("check", cwd=root)
    assert result.returncode == 1
    # Both places: the line each source reads 第27回 from.
    assert ("source/copy.txt:2: error: meeting 027 is also claimed by source/000_1e74b449c9ce0912.txt:2; "
            "this copy is skipped") in result.stderr


def test_a_copy_saved_beside_a_source_does_not_replace_it(tmp_path):
    """038 (1).txt sorts before 038.txt (a space before a dot): the copy was published and the
    original removed from the site."""
    copy = (SOURCE / GOOD).read_text(encoding="utf-8")
    root = project(tmp_path, {"000_1e74b449c9ce0912 (1).txt": copy, "000_1e74b449c9ce0912 (2).txt": copy})
    generation = generate_folder(root / "source")
    assert [m.source_file for m in generation.archive.meetings] == [GOOD]
    assert generation.skipped == ["000_1e74b449c9ce0912 (1).txt", "000_1e74b449c9ce0912 (2).txt"]
    # Each copy is named against the original, not against the other copy (itself skipped).
    errors = [str(d) for d in generation.diagnostics if d.severity == "error"]
    assert len(errors) == 2 and all(f"claimed by source/{GOOD}:2" in error for error in errors), errors


def test_two_meetings_on_one_day_are_pointed_out(tmp_path):
    """A copy without its number (回不明) was published beside the meeting, with no word."""
    text = (SOURCE / GOOD).read_text(encoding="utf-8")
    headless = text[text.index("○開催日時"):]  # no title: no number
    root = project(tmp_path, {"zz.txt": headless})
    generation = generate_folder(root / "source")
    assert sorted(m.id for m in generation.archive.meetings) == ["027", "zz"]
    assert ("source/zz.txt: warning: meeting zz has the date of meeting 027 (source/000_1e74b449c9ce0912.txt), "
            "2024-03-11: is one a copy of the other?") in [str(d) for d in generation.diagnostics]


def test_another_committees_meeting_never_takes_over_an_id(tmp_path):
    """A 研究会's 第27回 dropped in under a name that sorts first: file-name order gave it
    /meetings/027/ and dropped the study group's own 第27回 from every page and data file."""
    text = (SOURCE / GOOD).read_text(encoding="utf-8")
    other = text.replace("地方自治体のデジタルトランスフォーメーション推進に係る検討会", "自治体システム標準化に関する研究会", 1)
    assert other != text
    # The archive's committee is the one most of its meetings name: two here, against one.
    root = project(tmp_path, {"000_0_other.txt": other,
                              "004.txt": (SOURCE / "004_780bb8195d2e3bbd.txt").read_text(encoding="utf-8")})
    generation = generate_folder(root / "source")
    kept = generation.archive.meetings
    assert [(m.id, m.source_file) for m in kept] == [("014", "004.txt"), ("027", GOOD)]
    assert generation.skipped == ["000_0_other.txt"]
    assert ("source/000_0_other.txt:2: error: meeting 027 is also claimed by source/000_1e74b449c9ce0912.txt:2, "
            "and this copy is of another committee (自治体システム標準化に関する研究会); this copy is skipped") in [
        str(d) for d in generation.diagnostics]


def test_ctrl_c_while_a_class_is_made_is_an_interruption_other_errors_are_not(monkeypatch, capsys):
    from generator import cli

    def interrupted_while_importing(argv):
        raise RuntimeError("Error calling __set_name__") from KeyboardInterrupt()  # as Python 3.11 wraps it

    monkeypatch.setattr(cli, "_run", interrupted_while_importing)
    assert cli.main(["build"]) == 130
    assert capsys.readouterr().err.startswith("interrupted: docs/ was left as it was")

    def broken(argv):
        raise RuntimeError("a fault of the generator")

    monkeypatch.setattr(cli, "_run", broken)
    with pytest.raises(RuntimeError, match="a fault"):
        cli.main(["build"])


def test_a_docs_that_is_not_a_folder_is_said_not_a_traceback(tmp_path):
    root = project(tmp_path, {})
    (root / "docs").write_text("x")
    result = run("build", cwd=root)
    assert result.returncode == 2 and "error: docs is not a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_docs_that_cannot_be_written_is_an_error_the_next_build_mends(tmp_path):
    root = project(tmp_path, {})
    (root / "docs").mkdir()
    (root / "docs" / "meetings").write_text("in the way")  # a file where a folder of pages goes
    result = run("build", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: cannot write into docs: " in result.stderr and "the next build finishes that" in result.stderr
    (root / "docs" / "meetings").unlink()
    again = run("build", cwd=root)
    assert again.returncode == 0 and (root / "docs" / "meetings" / "027.md").is_file(), again.stderr
