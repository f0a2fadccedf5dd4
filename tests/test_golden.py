"""Golden pairs: each seed → its expected record (JSON) and page (Markdown), and the seeds → the
tables of the open data (CSV), reviewed by a person.

A missing golden file is written and the test fails, so that it is read before it is committed.
UPDATE_GOLDEN=1 rewrites them all (review the diff before committing).
"""

import json
import os
import re
from pathlib import Path

import pytest

from generator.model import to_dict

from .conftest import SEEDS
from .pagetext import lone_meeting_page

GOLDEN = Path(__file__).parent / "golden"


def check(path: Path, actual: str | bytes) -> None:
    """`actual` against the golden file at `path`, byte for byte (a CSV's BOM and CRLF too)."""
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    name = path.relative_to(GOLDEN).as_posix()
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        pytest.fail(f"{name} written: review it line by line against the sources, then commit it")
    assert data == path.read_bytes(), f"{name} differs (UPDATE_GOLDEN=1 to rewrite)"


@pytest.mark.parametrize("name", SEEDS)
def test_golden_record(seeds, name):
    actual = json.dumps(to_dict(seeds[name]), ensure_ascii=False, indent=1) + "\n"
    check(GOLDEN / name.replace(".txt", ".json"), actual)


@pytest.mark.parametrize("name", SEEDS)
def test_golden_page(seeds, generation, name):
    check(GOLDEN / name.replace(".txt", ".md"), generation.files[f"meetings/{seeds[name].id}.md"])


# The open data a reuser loads into a spreadsheet, byte for byte (BOM, CRLF, blanks for unknowns):
# the tables of meetings, attendance and materials (statements.csv repeats the pages' text).
DATA_FILES = ["meetings.csv", "attendance.csv", "materials.csv"]


@pytest.mark.parametrize("name", DATA_FILES)
def test_golden_data(generation, name):
    check(GOLDEN / "data" / name, generation.files[f"data/{name}"])


def test_a_heading_with_nothing_under_it_says_so_last_or_not():
    """Not a heading whose sub-headings hold the statements (第3回's topic over its 事務局説明)."""
    from generator.model import Meeting, Section, Statement

    said = Statement(id="s1-1", text="発言", lines=(5, 5))
    sections = [Section("議題", "s1", 1, 4), Section("事務局説明", "s2", 2, 5), Section("意見交換", "s3", 1, 6, [said]),
                Section("その他", "s4", 1, 7)]
    meeting = Meeting(id="001", source_file="001.txt", sha256="0" * 64, number=1, sections=sections)
    page = lone_meeting_page(meeting)
    note = "（原文では、この見出しの下に記載がありません。）"
    headed = [re.findall(r"\{ #(s\d+) \}", part)[-1] for part in page.split(note)[:-1]]  # the heading above each
    assert headed == ["s2", "s4"]
