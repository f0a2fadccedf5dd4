"""Nothing of a seed is lost: every piece of every line is on the page or in the record
(the check itself: tests/lossless.py)."""

import pytest

from generator.diagnostic import WARNING, Diagnostic
from generator.parse import parse_source
from generator.render import render_meeting

from .conftest import COLON_LABELS, LAYOUT_VARIANTS, SEEDS, SOURCE
from .lossless import compact, lost_pieces
from .pagetext import page_text

URL = "https://example.org/"


@pytest.mark.parametrize("name", SEEDS)
def test_every_source_piece_is_on_the_page_or_in_the_record(seeds, name):
    assert lost_pieces(seeds[name], (SOURCE / name).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("name", SEEDS)
def test_every_statement_is_on_the_page(seeds, archive, name):
    page = compact(page_text(render_meeting(seeds[name], archive, URL)))
    for section in seeds[name].sections:
        for statement in section.statements:
            assert compact(statement.text) in page


def test_the_check_catches_a_dropped_line(seeds):
    meeting = seeds[SEEDS[0]]
    dropped = meeting.sections[0].statements.pop()
    # A warning quoting the dropped line does not keep it: diagnostics are not the record.
    meeting.diagnostics.append(Diagnostic(f"source/{SEEDS[0]}", dropped.lines[0], WARNING, dropped.text))
    try:
        lost = lost_pieces(meeting, (SOURCE / SEEDS[0]).read_text(encoding="utf-8"))
    finally:
        meeting.sections[0].statements.append(dropped)
        meeting.diagnostics.pop()
    first, last = dropped.lines
    assert lost and all(first <= line <= last for line, _ in lost)


def test_the_check_reads_the_rest_of_a_label_line():
    # A legend with more words than the label: those words are text to find, not structure.
    name = "001_7a9c7822e9072531.txt"
    text = (SOURCE / name).read_text(encoding="utf-8").replace("(※)はオンライン参加", "(※)はオンライン参加。なお途中退席あり")
    meeting = parse_source(name, text.encode()).meeting
    assert lost_pieces(meeting, text) == []
    meeting.format_note = "(※)はオンライン参加"  # as if the generator kept only the label
    assert lost_pieces(meeting, text) == [(73, "はオンライン参加。なお途中退席あり")]


def test_the_check_reads_the_text_after_a_block_labels_colon():
    # 議事概要：事務局から… opens the discussion and is its first statement (other-format-colon-labels).
    source = COLON_LABELS
    meeting = parse_source(source.name, source.read_bytes()).meeting
    assert lost_pieces(meeting, source.read_text(encoding="utf-8")) == []
    meeting.sections[0].statements.pop(0)  # as if the generator dropped the text after the colon
    assert {line for line, _ in lost_pieces(meeting, source.read_text(encoding="utf-8"))} == {13}


def test_the_check_reads_material_ids_apart_only_in_the_list_of_materials():
    """（資料２） and 資料１： are cut into cells in the list of materials; in a statement they are text,
    and a generator that dropped their brackets or colon there lost something (the check missed it)."""
    text = LAYOUT_VARIANTS.read_text(encoding="utf-8").replace("テストです。", "詳細は（資料２）と資料１：論点のとおり。")
    meeting = parse_source("t.txt", text.encode()).meeting
    assert lost_pieces(meeting, text) == []
    statement = meeting.sections[0].statements[0]
    statement.text = statement.text.replace("（資料2）", "資料2").replace("資料1：", "資料1")
    assert [piece for _, piece in lost_pieces(meeting, text)] == ["詳細は（資料2）と資料1：論点のとおり。"]
