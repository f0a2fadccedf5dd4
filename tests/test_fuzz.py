"""Property: whatever the maintainer drops into source/, the generator ends with a page or with
diagnostics, never an uncaught exception, and every page it produces loses nothing of its source.
Mutations of the seeds: deleted, duplicated and swapped lines, truncation at any byte, random
insertions (text, and structure: bullets, brackets, labels), and width and spacing changes."""

import json
import re
from pathlib import Path

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
# Other study groups' format (tests/inputs): 氏名（所属） attendees, numbered labels.
OTHER_TEXTS = {path.name: path.read_text(encoding="utf-8")
               for path in sorted((Path(__file__).parent / "inputs").glob("*.txt"))}
TEXT_NOISE = ["（", "第 ３ 回", "令和", " ", "\u3000", "<b>", "|", "{{ x }}", "資料１－１", "\r", "【欠席】",
              "【代理：田中補佐】"]
STRUCTURAL_NOISE = ["○", "\uf09e", "【", "】", "以上", "議事概要", "- ・ "]
NOISE = TEXT_NOISE + STRUCTURAL_NOISE
ATTENDEE_NOISE = ["、", ",", "（", "）", "※", "※代理出席", "【主査】", "（オンライン）"]

# What the page shows as structure, in shapes `pieces` does not know: a label is structure wherever
# the generator reads one (○\uf09e議題, ６．議 事 概 要, 【資料（非公表）】): such a line holds nothing but
# the label, except the value after 開催日時, 開催場所 and 出席者, which is text and checked; a role
# heading is checked whole. An attendance mark may be spaced out (【代　理：X】).
HONORIFIC = re.compile(r"[（(]\s*敬称略\s*[）)]")
NUMBER_LABEL = re.compile(r"^(\s*[0-9０-９]{1,2})\s*．")  # an agenda item's label: ５．資料 → 5. 資料
BRACKETED = re.compile(r"【[^【】]*】")
MARK_WORDS = re.compile(r"^【(?:代理.*|欠席|代理出席|冒頭欠席|途中退席)】$")
# The 出席者 part is shown as table cells (name, affiliation, role, 出欠): there brackets, ※ and
# separators are structure too, and an online mark shows as オンライン in the 出欠 column.
ATTENDEE_BLOCKS = (blocks.ATTENDANCE, blocks.ROLE, blocks.UNKNOWN_ROLE)
ATTENDEE_STRUCTURE = re.compile(r"[、，,（）()※]|(?=【)|(?<=】)")
ONLINE_MARK = re.compile(r"オンライン(?:参加|出席)")


def _unspaced_mark(match: re.Match) -> str:
    unspaced = re.sub(r"\s+", "", match.group())
    return unspaced if MARK_WORDS.match(unspaced) else match.group()


def _readings(lines) -> dict[int, list[str]]:
    """Each line's text to look for (label lines: what follows the label); a line of the 出席者 part
    cut apart at its structure, read with its online marks as printed or as オンライン."""
    texts = {line.number: BRACKETED.sub(_unspaced_mark, line.text) for line in lines}
    readings = {}
    for block in blocks.split_blocks(lines):
        if block.kind == blocks.AGENDA:
            for line in block.lines:
                texts[line.number] = NUMBER_LABEL.sub(r"\1.", texts[line.number])
        if block.label is not None and block.kind not in (blocks.ROLE, blocks.UNKNOWN_ROLE):
            argument = block.arg if block.kind in (blocks.DATE, blocks.VENUE, blocks.ATTENDANCE) else ""
            texts[block.label.number] = HONORIFIC.sub(" ", argument or "").strip(" ：:")
        if block.kind in ATTENDEE_BLOCKS:
            for line in [block.label, *block.lines]:
                cut = ATTENDEE_STRUCTURE.sub(" ", texts[line.number])
                readings[line.number] = [cut, ONLINE_MARK.sub("オンライン", cut)]
    return {number: readings.get(number, [text]) for number, text in texts.items()}


def lost_pieces(meeting, text: str) -> list[tuple[int, str]]:
    """(line, piece) of the source text on neither the meeting's page nor in its record: for each
    line, those of the reading that keeps the most."""
    page = compact(page_text(render_meeting(meeting, build_archive([meeting]), "https://example.org/")))
    record = compact(json.dumps(to_dict(meeting), ensure_ascii=False))
    lost = []
    for number, readings in _readings(split_lines(text)).items():
        missing = [[piece for piece in pieces(reading) if piece not in page and piece not in record]
                   for reading in readings]
        lost += [(number, piece) for piece in min(missing, key=len)]
    return lost


@st.composite
def mutated(draw, noise=NOISE, texts=TEXTS):
    name = draw(st.sampled_from(sorted(texts)))
    lines = texts[name].split("\n")
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
@given(st.one_of(mutated(), mutated(noise=NOISE + ATTENDEE_NOISE, texts=OTHER_TEXTS)))
def test_pages_or_diagnostics_never_a_crash(case):
    name, data = case
    result = parse_source(name, data)
    assert result.meeting is not None or result.diagnostics
    if result.meeting is not None:
        render_meeting(result.meeting, build_archive([result.meeting]), "https://example.org/")


def loses_nothing(case):
    name, data = case
    result = parse_source(name, data)
    if result.ok:
        assert lost_pieces(result.meeting, data.decode("utf-8", errors="ignore")) == []


@SETTINGS
@given(mutated())
def test_every_page_produced_loses_nothing(case):
    loses_nothing(case)


@SETTINGS
@given(mutated(noise=NOISE + ATTENDEE_NOISE, texts=OTHER_TEXTS))
def test_every_page_of_another_format_loses_nothing(case):
    loses_nothing(case)
