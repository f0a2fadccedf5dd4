"""Lines that are not the summary's text: a printed page's furniture (page numbers and running
heads), and notes on the document itself (文責, 速報)."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Line
from ..normalize import BULLET_CHARS, fold_width, without_spaces
from .header import committee_of

# A printed page's furniture, which extraction leaves between the lines of text: its number
# (２, - 1 -, －１－, 1/5) and a running head (…検討会（第38回）議事概要) repeated on every page.
_PAGE_NUMBER = re.compile(r"^[-－‐―]?([0-9０-９]{1,3})[-－‐―]?(?:[/／][0-9０-９]{1,3})?$")
_RUNNING_HEAD = re.compile(r"^\S{0,60}第[0-9０-９]{1,3}回\S{0,10}議事概要$")
_HEAD_LINES = 5  # the document's own title is among its first lines: never a running head


def page_furniture(lines: list[Line]) -> list[Line]:
    """The lines that are a page's number or running head, not text. A running head must be one:
    no bullet or 資料 in front (資料２ 第２回検討会議事概要 is a material), and either printed on
    more than one page or naming the committee of the document's first line."""
    furniture, heads, seen, title = [], [], 0, ""
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        seen += 1
        title = title or fold_width(text)
        if len(text) > 12 and not text.endswith("議事概要"):  # most lines: neither shape can match
            continue
        compact = without_spaces(text)
        if _PAGE_NUMBER.match(compact):
            furniture.append(line)
        elif (seen > _HEAD_LINES and _RUNNING_HEAD.match(compact) and compact[0] not in BULLET_CHARS
              and not compact.startswith(("資料", "参考資料"))):
            heads.append((line, fold_width(compact)))
    committee = without_spaces(committee_of(title))
    printed = Counter(head for _, head in heads)
    furniture += [line for line, head in heads if printed[head] > 1 or (len(committee) >= 6 and committee in head)]
    return sorted(furniture, key=lambda line: line.number)


# A note on the summary as a whole, on a line of its own: who answers for it (（文責：事務局）), or that
# it is preliminary (※速報のため事後修正の可能性あり). Read on the line without spaces; 速報 alone
# (速報値として…, a statement's wrapped line) is text.
# 速報値のため… is a statement's own note on its figures, not one on the summary.
_PRELIMINARY = r"速報(?:版)?(?:のため|につき|であり|であるため|です|版)[^（()）【】]*(?:修正|変更|確定)[^（()）【】]*"
_DOCUMENT_NOTE = re.compile(rf"^(?:[（(【]文責[：:]?.+[）)】]|文責[：:].+"
                            rf"|[※*＊]{_PRELIMINARY}|[※*＊]?[（(【][※*＊]?{_PRELIMINARY}[）)】])$")


def document_notes(lines: list[Line]) -> list[Line]:
    return [line for line in lines if "文責" in line.text or "速報" in line.text
            if _DOCUMENT_NOTE.match(without_spaces(fold_width(line.text)))]
