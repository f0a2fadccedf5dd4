"""The bad-input corpus: what the archive does with each kind of broken source, exactly.

Each tests/bad_inputs/<case>/ holds `source/`, the files as a maintainer would drop them into
source/ (byte for byte: .gitattributes keeps git from converting them), and `expected.txt`:

    # what the case shows: the item of the issue it covers
    meetings: 014
    source/014.txt:7: error: 開催日時 is not a date: 令和6年2月30日（金）

`meetings:` lists the ids of the meetings that get published (sorted; nothing after it for none);
then every diagnostic as str(Diagnostic) prints it, in the order generate() returns them. Both
are compared whole. A missing expected.txt is written from the actual result and the test fails,
as with tests/golden: read it against the source before committing it (a wrong diagnostic there
is a bug to fix, not to record). UPDATE_GOLDEN=1 rewrites the results and keeps the comments.
"""

from __future__ import annotations

import codecs
import functools
import os
from pathlib import Path

import pytest

from generator.build import Generation, generate
from generator.model import to_dict
from generator.normalize import decode

from .lossless import lost_pieces

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "__")))
SITE_URL = "https://example.org/"  # explicit: generate() would read it from source/../mkdocs.yml
TODO = "# TODO: say what this case shows and which item of the issue it covers"


@functools.cache
def generated(name: str) -> Generation:
    return generate(CASES_DIR / name / "source", SITE_URL)


def result_lines(generation: Generation) -> list[str]:
    meetings = sorted(m.id for m in generation.archive.meetings)
    return [" ".join(["meetings:", *meetings])] + [str(d) for d in generation.diagnostics]


def read_expected(path: Path) -> tuple[list[str], list[str]]:
    """(comment lines, result lines); blank lines are layout only."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [l for l in lines if l.startswith("#")], [l for l in lines if not l.startswith("#")]


def test_there_are_cases():
    assert len(CASES) >= 30, CASES  # guards against the glob silently finding nothing
    assert [name for name in CASES if not (CASES_DIR / name / "source").is_dir()] == []  # none skipped


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name):
    actual = result_lines(generated(name))  # never an exception: every problem is a diagnostic
    path = CASES_DIR / name / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        comments = read_expected(path)[0] if path.exists() else [TODO]
        path.write_text("\n".join(comments + actual) + "\n", encoding="utf-8")
        pytest.fail(f"{name}/expected.txt written: check every line against the source, then commit it")
    comments, expected = read_expected(path)
    assert comments and TODO not in comments, f"{name}/expected.txt must say what the case shows"
    assert actual == expected


@pytest.mark.parametrize("name", CASES)
def test_a_published_meeting_of_bad_input_loses_nothing(name):
    """What the corpus's comments say is kept (people under an unknown heading, an unsplittable line
    as the name, …) is on the page or in the record: the lossless check over every published meeting."""
    generation = generated(name)
    for meeting in generation.archive.meetings:
        text = decode((CASES_DIR / name / "source" / meeting.source_file).read_bytes()).text
        assert lost_pieces(meeting, text) == [], meeting.source_file


# ---------------------------------------------------------------- encodings give one record

BASELINE = "encoding-utf8"  # a copy of seed 004 (第14回), UTF-8 with LF
# How each case's one source is made from the baseline text: checked, so that each file really is
# the encoding its case is named for.
SAME_RECORD = {
    "encoding-utf8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "encoding-cp932": lambda text: text.encode("cp932"),
    "encoding-utf16le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "encoding-utf16be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "encoding-utf16le-no-bom": lambda text: text.encode("utf-16-le"),
    "encoding-utf16be-no-bom": lambda text: text.encode("utf-16-be"),
    "encoding-crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "encoding-cr": lambda text: text.replace("\n", "\r").encode("utf-8"),
}


def only_source(name: str) -> bytes:
    path, = (CASES_DIR / name / "source").glob("*.txt")
    return path.read_bytes()


def record(name: str) -> dict:
    """The published record, but for the source's file name and hash."""
    meeting, = generated(name).archive.meetings
    data = to_dict(meeting)
    del data["source"]
    return data


@pytest.mark.parametrize("name", SAME_RECORD)
def test_encoding_gives_the_same_record_as_utf8(name):
    text = only_source(BASELINE).decode("utf-8")
    assert only_source(name) == SAME_RECORD[name](text), f"{name} is not the baseline in its encoding"
    baseline = record(BASELINE)
    assert baseline["attendees"] and baseline["sections"]  # a record worth comparing
    assert record(name) == baseline
