"""議事次第 / 議題: a nested list (1. 開会 / 2. 議事 / ① … / （１）…), items re-joined across lines."""

from __future__ import annotations

import re
from typing import Optional

from ..model import AgendaItem, Line
from ..normalize import clean_joined, fold_width, is_blank, without_spaces

_DIGITS = r"[0-9０-９]{1,2}"
_TOP = re.compile(rf"^({_DIGITS})\s*([.．、)）]?)\s+(.*)$|^({_DIGITS})([.．])(.*)$")
_CIRCLED = "\u2460-\u2473\u3251-\u325f"  # ① … ⑳ ㉑ … ㉟
_ROMAN = "\u2160-\u217f"  # Ⅰ Ⅱ … ⅰ ⅱ …
# ①, ⅰ or Ⅰ, （１）, ア. or ア followed by a space (ア 重点取組事項の進捗).
_SUB = re.compile(rf"^([{_CIRCLED}{_ROMAN}]|[（(]\s*{_DIGITS}\s*[）)]|[ア-ン][.．)）]|[ア-ン](?=\s))\s*(.*)$")
BARE_LABEL = re.compile(rf"^[ア-ン{_ROMAN}]$")  # a label printed with nothing after it: a space parts its text


def _top(text: str) -> Optional[tuple[str, str]]:
    match = _TOP.match(text)
    if not match:
        return None
    if match.group(1):
        return fold_width(match.group(1)) + match.group(2).replace("．", "."), match.group(3)
    return fold_width(match.group(4)) + ".", match.group(6)


def parse_agenda(lines: list[Line]) -> list[AgendaItem]:
    """Unmarked lines continue the item above, except right under a top item (2. 議事), where
    they are its sub-items."""
    items: list[AgendaItem] = []
    parts: dict[int, list[str]] = {}  # id(item) → raw pieces, joined at the end
    last: Optional[AgendaItem] = None
    last_is_top = False
    top_item: Optional[AgendaItem] = None  # sub-items nest under it; with no top item they are the list
    for line in lines:
        if is_blank(line.text):
            continue
        text = line.text.strip()  # raw: cleaned once when the item is finished
        top = _top(text)
        sub = None if top else _SUB.match(text)
        if top:
            item = AgendaItem(label=top[0], text="", line=line.number)
            items.append(item)
            parts[id(item)] = [top[1]]
            top_item = item
        elif sub or last is None or last_is_top:
            label = fold_width(without_spaces(sub.group(1))) if sub else None
            item = AgendaItem(label=label, text="", line=line.number)
            _parent_list(top_item.items if top_item else items, label).append(item)
            parts[id(item)] = [sub.group(2) if sub else text]
        else:
            parts[id(last)].append(line.text)
            continue
        last, last_is_top = item, bool(top)
    _finish(items, parts)
    return items


def _parent_list(items: list[AgendaItem], label: Optional[str]) -> list[AgendaItem]:
    """Where an item labelled `label` goes in `items`: beside them if it has the style of the first
    (（１）（２）), or else, as deep as it takes, under the last of them (（１） then ア then イ, then
    （２） beside （１） again)."""
    while items and _style(label) != _style(items[0].label):
        items = items[-1].items
    return items


def _style(label: Optional[str]) -> Optional[str]:
    """（1） and (2) alike, ① and ②, ⅰ and ⅱ, ア. and イ.; None for an unmarked item."""
    if label is None:
        return None
    if label[0] in "（(":
        return "（"
    if re.match(f"[{_ROMAN}]", label):
        return "ⅰ"
    return "①" if re.match(f"[{_CIRCLED}]", label) else "ア"


def _finish(items: list[AgendaItem], parts: dict[int, list[str]]) -> None:
    for item in items:
        item.text = clean_joined(parts[id(item)])
        _finish(item.items, parts)

