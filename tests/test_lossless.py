"""Nothing of a seed is lost: every piece of every line is on the page or in the record
(the check itself: tests/lossless.py)."""

import json

import pytest

from generator.model import to_dict
from generator.render import render_meeting

from .conftest import SEEDS, SOURCE
from .lossless import compact, pieces
from .pagetext import page_text

URL = "https://example.org/"

@pytest.mark.parametrize("name", SEEDS)
def test_every_source_piece_is_on_the_page_or_in_the_record(seeds, archive, name):
    meeting = seeds[name]
    page = compact(page_text(render_meeting(meeting, archive, URL)))
    record = compact(json.dumps(to_dict(meeting), ensure_ascii=False))
    lines = (SOURCE / name).read_text(encoding="utf-8").splitlines()
    missing = [(number, piece) for number, line in enumerate(lines, 1) for piece in pieces(line)
               if piece not in page and piece not in record]
    assert missing == []


@pytest.mark.parametrize("name", SEEDS)
def test_every_statement_is_on_the_page(seeds, archive, name):
    page = compact(page_text(render_meeting(seeds[name], archive, URL)))
    for section in seeds[name].sections:
        for statement in section.statements:
            assert compact(statement.text) in page


def test_the_check_catches_a_dropped_line(seeds, archive):
    meeting = seeds[SEEDS[0]]
    kept = meeting.sections[0].statements.pop()
    try:
        page = compact(page_text(render_meeting(meeting, archive, URL)))
        assert compact(kept.text) not in page
    finally:
        meeting.sections[0].statements.append(kept)
