"""The lossless check: every piece of every source line is on the meeting's page or in its record.

Each source line is cut at white space (the only thing joining lines may change); each piece,
width-folded, must appear in the page's text or in the record's strings. What the page shows as
structure instead of text is listed here: bullets, section labels, and attendance marks, which
the page shows in the 出欠 column; the 【】 of a heading and the （） of a topic heading.
"""

import copy
import json
import re

from generator.model import DISCLOSURE, to_dict
from generator.normalize import fold_width, split_lines
from generator.parse import blocks

from .pagetext import lone_meeting_page, page_text

LABELS = re.compile(
    r"^[○〇]?(開催日時|開催場所|出席者（敬称略）|出席者|議事次第|議題|議事概要)：?"
    rf"|【資料（(?:{DISCLOSURE})）】|【資料】|^以上$"
)
BULLETS = re.compile(r"^(?:-\s+)?[○〇\uf09e・■]")
MARKS = {"(※)": "", "【欠席】": "欠席", "【代理出席】": "代理出席", "【冒頭欠席】": "冒頭欠席", "【途中退席】": "途中退席"}
# 【代理：X】, and （代理：X） as the 出席者 part's reading has it, its brackets cut off: X is checked.
OWN_DISCLOSURE = re.compile(rf"[【（(]({DISCLOSURE})[】）)](?=\s|$)")  # also before an item beside it
MATERIAL_COLON = re.compile(r"((?:参考)?資料[0-9]+(?:-[0-9]+)*)[：:]")
MATERIAL_IN_BRACKETS = re.compile(r"[（(]((?:参考)?資料[0-9]+(?:-[0-9]+)*)[）)]")  # （資料1）論点: the id cell
PROXY = re.compile(r"【代理：([^】]+)】|(?<!\S)代理：(\S+)")


def compact(text: str) -> str:
    """Without spaces and 【】; half-width brackets as full-width ones (the page sets those around
    Japanese full-width)."""
    return re.sub(r"[\s【】]", "", text).replace("(", "（").replace(")", "）")


def pieces(line: str):
    text = BULLETS.sub("", fold_width(line).strip())
    text = LABELS.sub(" ", text)
    text = re.sub(r"^（(.*)）$", r"\1", text)  # a topic heading: （意見交換）
    text = re.sub(r"^[＜<〈《](.*)[＞>〉》]$", r"\1", text)  # a heading: ＜…について＞
    for mark, word in MARKS.items():
        text = text.replace(mark, f" {word} ")
    text = PROXY.sub(lambda m: f" {m.group(1) or m.group(2)} ", text)
    return [compact(p) for p in text.split() if compact(p)]


# What the page shows as structure, in shapes `pieces` does not know: a label is structure wherever
# the generator reads one (○\uf09e議題, ６．議 事 概 要, 【資料（非公表）】), but only the label: the value
# after 開催日時, 開催場所 and 出席者, and the text after a block label's colon, are checked; any other
# label line that is more than a label by the shapes below is checked whole; a role heading is
# checked whole. An attendance mark may be spaced out (【代　理：X】).
COLON = re.compile(r"[：:]")
LABEL_ONLY = re.compile(  # on the line without spaces, width-folded
    r"^[○〇\uf09e●◆■]*(?:\d{1,2}[．、.])?(?:議事次第|議題|議事|議事概要|配布資料|資料|以上|【事務局】"
    rf"|【(?:配布|参考)?資料(?:[（(](?:{DISCLOSURE}|公開)[）)])?】)[：:]?$")
HONORIFIC = re.compile(r"[（(]\s*敬称略\s*[）)]")
# A roster table's header row (氏名 所属 備考): the page's columns. Told here by its own pattern, not
# the parser's, so that a line the parser wrongly takes for one is still checked.
TABLE_HEADER = re.compile(r"^(?=.*氏名)(?:氏名|所属|役職|備考|役割|区分|出欠|及び|[・／/])+$")
# Materials listed on one line with commas (資料１ 概要、資料２ 名簿): the comma parts rows of the list,
# where no bracket is open (in （資料２、資料３ 別添） it is the title's, and checked).
LISTING_COMMA = re.compile(r"[、，,](?=\s*[【（(]?\s*(?:参考)?資料\s*[0-9０-９])")


def _material_cells(text: str) -> str:
    """A line of the list of materials cut where the page's table parts it: 資料1：論点 and （資料1）論点
    (the id and the title are two cells), 提出資料【非公開】 (the title and its 公開区分 cell), and
    commas between items side by side. Only there: elsewhere such brackets and colons are text."""
    text = fold_width(text)
    text = MATERIAL_COLON.sub(r"\1 ", text)
    text = MATERIAL_IN_BRACKETS.sub(r" \1 ", text)
    text = OWN_DISCLOSURE.sub(r" \1", text)
    level, out = 0, []
    for position, char in enumerate(text):
        level += (char in "（(【「") - (char in "）)】」")
        out.append(" " if level == 0 and LISTING_COMMA.match(text, position) else char)
    return "".join(out)


NUMBER_LABEL = re.compile(r"^(\s*[0-9０-９]{1,2})\s*．")  # an agenda item's label: ５．資料 → 5. 資料
BRACKETED = re.compile(r"【[^【】]*】")
MARK_WORDS = re.compile(r"^【(?:代理.*|欠席|代理出席|冒頭欠席|途中退席)】$")
# The 出席者 part is shown as table cells (name, affiliation, role, 出欠): there brackets, ※ and
# separators are structure too, and an online mark shows as オンライン in the 出欠 column.
ATTENDEE_BLOCKS = (blocks.ATTENDANCE, blocks.ROLE, blocks.UNKNOWN_ROLE, blocks.LEGEND)
ATTENDEE_STRUCTURE = re.compile(r"[、，,（）()※]|(?=【)|(?<=】)")
# Notes on the list joined by ・ (（敬称略・五十音順）): the page lists the words apart. Only there is
# ・ structure; in an affiliation (戦略・組織グループ) it is text, and checked.
NOTE_GROUP = re.compile(r"[（(]((?:敬称略|五十音順)(?:[・、](?:敬称略|五十音順))+)[）)]")
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
        if block.label is not None and block.kind not in (blocks.ROLE, blocks.UNKNOWN_ROLE):
            argument = block.arg if block.kind in (blocks.DATE, blocks.VENUE, blocks.METHOD, blocks.ATTENDANCE) else ""
            if block.kind in (blocks.AGENDA, blocks.MATERIALS, blocks.DISCUSSION):  # ○議事概要：its first line
                argument = "".join(COLON.split(block.label.text, 1)[1:])
            elif block.kind in (blocks.LEGEND, blocks.SECRETARIAT, blocks.END, blocks.AFTER_END):
                whole = texts[block.label.number]
                argument = "" if LABEL_ONLY.match(re.sub(r"\s", "", fold_width(whole))) else whole
            texts[block.label.number] = HONORIFIC.sub(" ", argument or "").strip(" ：:")
        if block.kind == blocks.AGENDA:
            for line in block.lines:
                texts[line.number] = NUMBER_LABEL.sub(r"\1.", texts[line.number])
        if block.kind == blocks.MATERIALS:
            for line in [block.label, *block.lines]:
                texts[line.number] = _material_cells(texts[line.number])
        if block.kind in ATTENDEE_BLOCKS:
            for line in block.lines:  # a table's header row (氏名 所属 備考): the page's columns
                if TABLE_HEADER.match(re.sub(r"\s", "", line.text)):
                    texts[line.number] = ""
            for line in [block.label, *block.lines]:
                notes_apart = NOTE_GROUP.sub(lambda m: " " + m.group(1).replace("・", " ") + " ", texts[line.number])
                cut = ATTENDEE_STRUCTURE.sub(" ", notes_apart)
                readings[line.number] = [cut, ONLINE_MARK.sub("オンライン", cut)]
    return {number: readings.get(number, [text]) for number, text in texts.items()}


def lost_pieces(meeting, text: str) -> list[tuple[int, str]]:
    """(line, piece) of the source text on neither the meeting's page nor in its record: for each
    line, those of the reading that keeps the most."""
    meeting = copy.deepcopy(meeting)  # build_archive fills in the records it is given: not the caller's
    page = compact(page_text(lone_meeting_page(meeting)))
    # Not the diagnostics: a warning quotes the line it is about, which would count a dropped line kept.
    fields = {key: value for key, value in to_dict(meeting).items() if key != "diagnostics"}
    record = compact(json.dumps(fields, ensure_ascii=False))
    lost = []
    for number, readings in _readings(split_lines(text)).items():
        missing = [[piece for piece in pieces(reading) if piece not in page and piece not in record]
                   for reading in readings]
        lost += [(number, piece) for piece in min(missing, key=len)]
    return lost
