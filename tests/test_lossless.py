"""Nothing of a source is lost: every piece of every line is on the page or in the record.

Each source line is cut at white space (the only thing joining lines may change); each piece,
width-folded, must appear in the page's text or in the record's strings. What the page shows as
structure instead of text is listed here: bullets, section labels, and attendance marks, which
the page shows in the 出欠 column; the 【】 of a heading and the （） of a topic heading.
"""

import json
import re

import pytest

from generator.model import to_dict
from generator.normalize import fold_width
from generator.render import render_meeting

from .conftest import SEEDS, SOURCE
from .pagetext import page_text

URL = "https://example.org/"

LABELS = re.compile(
    r"^[○〇]?(開催日時|開催場所|出席者（敬称略）|出席者|議事次第|議題|議事概要)：?"
    r"|【資料（非公開）】|【資料（非公表）】|【資料】|^以上$"
)
BULLETS = re.compile(r"^(?:-\s+)?[○〇\uf09e・]")
MARKS = {"(※)": "", "【欠席】": "欠席", "【代理出席】": "代理出席", "【冒頭欠席】": "冒頭欠席", "【途中退席】": "途中退席"}
PROXY = re.compile(r"【代理：([^】]+)】")


def compact(text: str) -> str:
    return re.sub(r"[\s【】]", "", text)


def pieces(line: str):
    text = BULLETS.sub("", fold_width(line).strip())
    text = LABELS.sub(" ", text)
    text = re.sub(r"^（(.*)）$", r"\1", text)  # a topic heading: （意見交換）
    for mark, word in MARKS.items():
        text = text.replace(mark, f" {word} ")
    text = PROXY.sub(r" \1 ", text)
    return [compact(p) for p in text.split() if compact(p)]


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
