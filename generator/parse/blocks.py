"""Cut a source into labelled blocks: title, 開催日時, 開催場所, 開催方法, 出席者 roles, 事務局, 資料, 議事次第, 議事概要.

A block starts at a label line and takes every line up to the next label; text after a label's
colon (○議事概要：主な意見は…) is its first line. Labels are recognised whatever bullet extraction
left in front of them (○, 〇, a lost glyph as a space, or nothing).
Inside 議事概要 only 以上 is a label: 【…】 lines there are section headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple, Optional

from ..model import DISCLOSURE, DISCLOSURES, ROLES, Line
from ..normalize import CIRCLES, fold_width, without_spaces
from .marks import NOTE, is_mark, legend_at, spaced
from .materials import MATERIAL_ID

TITLE = "title"
DATE = "date"
VENUE = "venue"
METHOD = "method"  # 開催方法：オンライン併用, 開催形式：書面開催
ATTENDANCE = "attendance"
ROLE = "role"
UNKNOWN_ROLE = "unknown_role"
LEGEND = "legend"
SECRETARIAT = "secretariat"
MATERIALS = "materials"
AGENDA = "agenda"
DISCUSSION = "discussion"
END = "end"
AFTER_END = "after_end"


@dataclass
class Block:
    kind: str
    label: Optional[Line]  # the label line; None for the title block
    arg: Optional[str] = None  # role name, disclosure, the text after a field label, or the legend line without its bullet
    lines: list[Line] = field(default_factory=list)


# Bullets, or a section number in full-width style (１．日時：): an agenda item "2. 議事" is no label.
_LEAD = re.compile(rf"^[\s{CIRCLES}\uf09e●◆■]*(?:[0-9０-９]{{1,2}}\s*[．、]\s*)?")
_BRACKET = re.compile(r"^【\s*([^【】]+?)\s*】\s*(.*)$")
_MATERIALS = re.compile(rf"^(?:配布|参考)?資料\s*(?:[（(]\s*({DISCLOSURE}|公開)\s*[）)])?$")
_FIELD_KINDS = {"開催日時": DATE, "日時": DATE, "開催場所": VENUE, "場所": VENUE, "開催方法": METHOD, "開催形式": METHOD,
                "開催方式": METHOD, "出席者": ATTENDANCE}
# Letter-spaced as some layouts print them (○日　時：, ○出 席 者); no label word starts another,
# so the order of the alternatives does not matter.
# A label word goes on with a colon, a space or nothing, and 出席者 with a note too (出席者（敬称略）):
# ２．開催方法の見直し, ２．場所の確保について and a title's 開催形式（案） are no labels.
_FIELD = re.compile("^(" + "|".join(map(spaced, _FIELD_KINDS)) + ")"
                    r"(?=$|[\s：:※]|(?<=者)[（(【])\s*[：:]?\s*(.*)$")


# Labels that open a block of lines; its first line may follow the label's colon (○議事概要：…).
_BLOCK_LABELS = {"議事次第": AGENDA, "議題": AGENDA, "議事": AGENDA, "資料": MATERIALS, "配布資料": MATERIALS,
                 "議事概要": DISCUSSION}
_COLON = re.compile(r"[：:]")


class Label(NamedTuple):
    kind: str
    arg: Optional[str] = None
    first_line: str = ""  # the raw text after a block label's colon (○議事概要：主な意見は…)


def _label(text: str) -> Optional[Label]:
    """The label this line is, outside 議事概要; None if it is none."""
    body = _LEAD.sub("", text).strip()  # raw: values after a label are cleaned once, later
    label, *after = _COLON.split(body, 1)
    compact = without_spaces(fold_width(body))
    kind = _BLOCK_LABELS.get(without_spaces(fold_width(label)) if after else compact)  # most lines have no colon
    if kind:
        return Label(kind, None, after[0].strip() if after else "")
    if compact == "以上":
        return Label(END)
    if legend_at(compact):
        return Label(LEGEND, body)  # without the bullet: the notes in front of the legend start it
    match = _FIELD.match(body)  # labels are kanji: matching the raw text is safe
    if match:
        return Label(_FIELD_KINDS[without_spaces(match.group(1))], match.group(2))
    match = _BRACKET.match(body)
    if match and (not match.group(2) or NOTE.match(without_spaces(match.group(2)))):
        name = fold_width(without_spaces(match.group(1)))
        # A mark on a line of its own belongs to the person above, and a material's id (【資料１】)
        # or disclosure (【委員限り】, wrapped under its title) is the item's: none is a heading.
        if is_mark(name) or MATERIAL_ID.match(name) or name in DISCLOSURES:
            return None
        if name in ROLES:  # a note after it is the block's first line: kept, never taken for a person
            return Label(ROLE, name, match.group(2))
        if match.group(2):  # only a role heading takes a note
            return None
        if name == "事務局":
            return Label(SECRETARIAT)
        materials = _MATERIALS.match(name)
        if materials:
            disclosure = materials.group(1)
            return Label(MATERIALS, None if disclosure in (None, "公開") else disclosure)
        return Label(UNKNOWN_ROLE, name)
    return None


def split_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = [Block(TITLE, None)]
    for line in lines:
        current = blocks[-1]
        if current.kind in (DISCUSSION, AFTER_END):
            if current.kind == DISCUSSION and without_spaces(line.text) == "以上":
                blocks.append(Block(END, line))
                blocks.append(Block(AFTER_END, line))
            else:
                current.lines.append(line)
            continue
        label = _label(line.text)
        # 議事概要 in the title block is the document's title (first line, or after the committee's
        # name), not the start of the discussion — unless text follows its colon.
        title_suffix = (
            label is not None and label.kind == DISCUSSION and current.kind == TITLE and not label.first_line
            and (any(t.text.strip() for t in current.lines) or len(blocks) == 1 and not _LEAD.match(line.text).group().strip())
        )
        # Inside the agenda, ２．議事 or 議題：… is an item, not the agenda's label again.
        agenda_item = label is not None and label.kind == AGENDA and current.kind == AGENDA
        if label is None or title_suffix or agenda_item:
            current.lines.append(line)
        else:
            first = [Line(line.number, label.first_line)] if label.first_line else []
            blocks.append(Block(label.kind, line, label.arg, first))
            if label.kind == END:
                blocks.append(Block(AFTER_END, line))
    return blocks
