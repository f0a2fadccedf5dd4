"""資料: numbered (資料１－１ → 資料1-1, 参考資料２ → 参考資料2) or bulleted items, titles re-joined."""

from __future__ import annotations

import re
from typing import Optional

from ..model import DISCLOSURE, Line, Material, NoMaterials
from ..normalize import BULLET_CHARS, clean, clean_joined, fold_width, indent, is_blank, without_spaces
from .marks import CLOSERS, OPENERS, cut_outside_brackets, depth
from .report import Report

# The hyphen in any of the dashes it is printed as (資料１−１ with a minus sign, 資料１ー１).
_NUMBER = r"[0-9０-９]+(?:\s*[-‐‑－−―ー]\s*[0-9０-９]+)*"
_NUMBERED = rf"(?:参考)?資料\s*{_NUMBER}"
MATERIAL_ID = re.compile(rf"^{_NUMBERED}$")
# A colon may part the id from the title (資料１：論点).
_ID = re.compile(rf"^((?:参考)?資料)\s*({_NUMBER})\s*[：:]?\s*(.*)$")
# An id in brackets (【資料１】論点, （資料１）論点) is read as the id alone.
_IN_BRACKETS = r"【\s*{0}\s*】|[（(]\s*{0}\s*[）)]"
_BRACKETED_ID = re.compile(rf"^(?:{_IN_BRACKETS.format(f'({_NUMBERED})')})")
# Items printed side by side on one line (資料１ 論点 資料２ 名簿, 【資料１】論点 ・【資料２】名簿, 資料１ 論点、
# 資料２ 名簿): a space or a comma that lists them, and perhaps a bullet, then an id that a space, a
# colon or its own bracket ends, then a title. Inside a title 「資料２を参照」, 「資料１ の修正版」 and a
# closing 「（資料２）」 are no items; nor is anything inside brackets (_items_beside).
_ID_HEAD = rf"(?:{_IN_BRACKETS.format(_NUMBERED)}|{_NUMBERED}(?=[\s：:]))"
_NEXT_ITEM = re.compile(rf"(?:\s+|\s*[、，,]\s*)[{BULLET_CHARS}]?\s*(?={_ID_HEAD}\s*[：:]?\s*[^\sのをにはがとへで])")
_STARTS_ITEM = re.compile(rf"^(?:\s|[{BULLET_CHARS}])")
# 配布資料：なし. Narrow on purpose: anything more (該当なし, なし（口頭説明のみ）) is kept as printed,
# as a material, rather than read as nothing.
_NONE = re.compile(r"^[（(]?(?:特に)?(?:なし|無し)[）)]?[。．]?$")


def stated_none(lines: list[Line]) -> Optional[NoMaterials]:
    """A materials block that says only that there were none (なし), if it is one."""
    written = [line for line in lines if not is_blank(line.text)]
    if len(written) == 1:
        text = clean(written[0].text.strip().lstrip(BULLET_CHARS).strip())
        if _NONE.match(without_spaces(text)):
            return NoMaterials(written[0].number, text)
    return None


_OWN_DISCLOSURE = re.compile(rf"\s*[【（(]({DISCLOSURE})[】）)]$")


def _unbracketed(body: str) -> str:
    return _BRACKETED_ID.sub(lambda match: (match.group(1) or match.group(2)) + " ", body, count=1)


def _untitled(parts: list[str]) -> bool:
    numbered = len(parts) == 1 and _ID.match(parts[0])
    return bool(numbered) and not numbered.group(3)


def _items_beside(body: str) -> list[str]:
    """A line of items cut where the next one starts, outside brackets and quotes: （資料２、資料３
    別添） and 「論点、資料２ 名簿」 are a title's, not two items."""
    return cut_outside_brackets(body, (match.span() for match in _NEXT_ITEM.finditer(body)),
                                OPENERS + "「『", CLOSERS + "」』")


def parse_materials(disclosure: Optional[str], lines: list[Line], report: Report) -> list[Material]:
    items: list[tuple[Line, list[str]]] = []
    item_indent = 0  # of the open item's first line
    for line in lines:
        if is_blank(line.text):
            continue
        body = _unbracketed(line.text.strip().lstrip(BULLET_CHARS).strip())
        numbered = _ID.match(body)
        line_indent = indent(line.text)
        # A line indented deeper than its item, with no number or bullet of its own, carries on a
        # title left visibly unfinished (【第５．０ / 版】: pdftotext -layout sets it under the title);
        # under a finished one (資料２ 構成員提出資料 / 山田構成員提出資料) it is an item of its own.
        # So does any line under an id printed alone (【資料１】 / 論点整理).
        untitled = bool(items) and _untitled(items[-1][1])
        carried_on = items and not numbered and (
            untitled or line_indent > item_indent + 1 and body == line.text.strip() and depth("".join(items[-1][1])) > 0)
        if not carried_on and (_STARTS_ITEM.match(line.text) or numbered or not items):
            first, *beside = _items_beside(body) if numbered else [body]
            items += [(line, [first])] + [(line, [_unbracketed(item)]) for item in beside]
            item_indent = line_indent
        else:
            items[-1][1].append(body if untitled else line.text)
    materials = []
    for first, parts in items:
        match = _ID.match(parts[0])
        if match:
            material_id = match.group(1) + fold_width(without_spaces(match.group(2))).replace("ー", "-")
            parts = [match.group(3)] + parts[1:]
        else:
            material_id = None
        title = clean_joined(parts)
        # 資料３ 構成員提出資料【非公開】: the item's own disclosure, as the block's label gives it to all
        own = _OWN_DISCLOSURE.search(title)
        if own and title[:own.start()]:
            title = title[:own.start()]
        if not title:
            report.warning(first.number, f"material {material_id} has no title")
        materials.append(Material(id=material_id, title=title, disclosure=own.group(1) if own else disclosure,
                                  line=first.number))
    return materials
