"""Property: whatever the maintainer drops into source/, the generator ends with a page or with
diagnostics, never an uncaught exception, and every page it produces loses nothing of its source.
Mutations of the seeds: deleted, duplicated and swapped lines, truncation at any byte, random
insertions (text, and structure: bullets, brackets, labels), and width and spacing changes."""

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.index import build_archive
from generator.model import to_dict
from generator.normalize import fold_width, split_lines
from generator.parse import blocks, parse_source
from generator.render import render_meeting

from .conftest import SEEDS, SOURCE
from .pagetext import page_text
from .test_lossless import compact, pieces

TEXTS = {name: (SOURCE / name).read_text(encoding="utf-8") for name in SEEDS}
TEXT_NOISE = ["（", "第 ３ 回", "令和", " ", "\u3000", "<b>", "|", "{{ x }}", "資料１－１", "\r", "【欠席】",
              "【代理：田中補佐】"]
STRUCTURAL_NOISE = ["○", "\uf09e", "【", "】", "以上", "議事概要", "- ・ "]
NOISE = TEXT_NOISE + STRUCTURAL_NOISE

# Structure `pieces` does not know in every shape: a run of bullets (○\uf09e議題) is one bullet; a
# label's colon may stand apart (開催日時　：); an attendance mark may be spaced out (【代　理：X】).
BULLET_RUN = re.compile(r"^\s*(?:(?:-\s+)?[○〇\uf09e・]\s*)+")
LABEL_COLON = re.compile(r"^(\S*?(?:開催日時|開催場所|出席者（敬称略）|出席者))\s+(?=[：:])")
# Other study groups number their labels (１．日時：, ５．資料): number and label are structure too.
NUMBERED_LABEL = re.compile(r"^\s*[0-9０-９]{1,2}\s*[．.]\s*(?:開催日時|開催場所|日時|場所|出席者|議事概要|議事次第|議事|議題"
                            r"|配布資料|資料)\s*[：:]?")
SPACED_MARK = re.compile(r"【[^【】]*】")
MARK_WORDS = re.compile(r"^【(?:代理.*|欠席|代理出席|冒頭欠席|途中退席)】$")


def _unspaced_mark(match: re.Match) -> str:
    unspaced = re.sub(r"\s+", "", match.group())
    return unspaced if MARK_WORDS.match(unspaced) else match.group()


def _structure_joined(line: str) -> str:
    line = NUMBERED_LABEL.sub("", LABEL_COLON.sub(r"\1", BULLET_RUN.sub("", line)))
    return SPACED_MARK.sub(_unspaced_mark, line)


# The 出席者 part is shown as table cells (name, affiliation, role, 出欠): there brackets, ※ and
# separators are structure, so a piece may also be found cut at them.
ATTENDEE_STRUCTURE = re.compile(r"[、，,（）()【】※]")
ONLINE_MARK = re.compile(r"オンライン(?:参加|出席)")  # shown as オンライン in the 出欠 column
ATTENDEE_BLOCKS = (blocks.ATTENDANCE, blocks.ROLE, blocks.UNKNOWN_ROLE)


def lost_pieces(meeting, text: str) -> list[tuple[int, str]]:
    """(line, piece) of the source text on neither the meeting's page nor in its record."""
    page = compact(page_text(render_meeting(meeting, build_archive([meeting]), "https://example.org/")))
    record = compact(json.dumps(to_dict(meeting), ensure_ascii=False))

    def kept(piece: str) -> bool:
        return piece in page or piece in record

    lines = split_lines(text)
    attendee_lines = {line.number for block in blocks.split_blocks(lines) if block.kind in ATTENDEE_BLOCKS
                      for line in [block.label, *block.lines]}
    missing = []
    for line in lines:
        for piece in pieces(_structure_joined(line.text)):
            parts = [piece]
            if not kept(piece) and line.number in attendee_lines:
                parts = [part for part in ATTENDEE_STRUCTURE.split(ONLINE_MARK.sub("オンライン", piece)) if part]
            missing += [(line.number, part) for part in parts if not kept(part)]
    return missing


@st.composite
def mutated(draw, noise=NOISE):
    name = draw(st.sampled_from(SEEDS))
    lines = TEXTS[name].split("\n")
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "width", "spaces"]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if not lines:
            break
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(noise)) + lines[i][at:]
        elif op == "width":
            lines[i] = fold_width(lines[i]) if draw(st.booleans()) else lines[i].translate(
                {c: c + 0xFEE0 for c in range(0x30, 0x3A)})
        else:
            lines[i] = lines[i].replace(" ", draw(st.sampled_from(["", "  ", "\u3000"])))
    data = "\n".join(lines).encode("utf-8")
    if draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]  # truncated at any byte, even mid-character
    return name, data


SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(mutated(noise=NOISE))
def test_pages_or_diagnostics_never_a_crash(case):
    name, data = case
    result = parse_source(name, data)
    assert result.meeting is not None or result.diagnostics
    if result.meeting is not None:
        render_meeting(result.meeting, build_archive([result.meeting]), "https://example.org/")


@SETTINGS
@given(mutated(noise=NOISE))
def test_every_page_produced_loses_nothing(case):
    name, data = case
    result = parse_source(name, data)
    if result.ok:
        assert lost_pieces(result.meeting, data.decode("utf-8", errors="ignore")) == []
