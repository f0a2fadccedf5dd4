"""出席者: one person a line under a role heading, with marks for absence, proxies and online.

A name is padded with spaces to a fixed width in the PDF (原  秀樹, 庄司 昌彦) or written without
any (小牧兼太郎); the affiliation follows. Marks may stand at the end of the line or on a line of
their own below the person they belong to (【代理：谷口補佐】).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..model import Attendee, Line, UnparsedLine
from ..normalize import clean, is_blank, join_parts
from .report import Report

_MARK = re.compile(r"【\s*([^【】]*?)\s*】|[（(]\s*※\s*[）)]")
_PROXY = re.compile(r"^代理\s*[：:]\s*(.+)$")
_KANJI_KANA = r"[\u3005\u3041-\u30ff\u4e00-\u9fff\uf900-\ufaff]"
_NAME_PART = re.compile(rf"^{_KANJI_KANA}{{1,4}}$")  # family or given name
_WHOLE_NAME = re.compile(rf"^{_KANJI_KANA}{{2,6}}$")  # a name written without a space
STATUS_MARKS = {"欠席": "absent", "代理出席": "proxy", "冒頭欠席": "late", "途中退席": "left_early"}


@dataclass
class Marks:
    status: Optional[str] = None
    absent: bool = False
    proxy: Optional[str] = None
    online: bool = False
    unknown: list[str] = field(default_factory=list)


def person_id(name: str) -> str:
    """Stable across meetings: the name without spaces (庄司 昌彦 and 庄司昌彦 are one person)."""
    return re.sub(r"\s+", "", name)


def _take_marks(text: str, marks: Marks) -> str:
    """Read the marks in text into `marks`; return the text without the known ones."""

    def replace(match: re.Match) -> str:
        if match.group(1) is None:  # (※)
            marks.online = True
            return " "
        word = re.sub(r"\s+", "", match.group(1))
        proxy = _PROXY.match(word)
        if proxy and not marks.proxy:
            marks.proxy = proxy.group(1)
        elif word in STATUS_MARKS:
            if word == "欠席":
                marks.absent = True
            else:
                marks.status = STATUS_MARKS[word]
        else:  # unknown, or a second 代理 on one line: kept in the text, and reported
            marks.unknown.append(match.group(0))
            return match.group(0)
        return " "

    return _MARK.sub(replace, text)


def _apply(attendee: Attendee, marks: Marks) -> None:
    if marks.proxy:
        attendee.status, attendee.proxy = "proxy", marks.proxy
    elif marks.status:
        attendee.status = marks.status
    elif marks.absent and attendee.status != "proxy":
        attendee.status = "absent"
    if marks.online:
        attendee.online = True


def _split_name(text: str) -> tuple[Optional[str], str]:
    """(name, affiliation) from a line without marks; name None when no name can be told apart."""
    tokens = text.split()
    if not tokens:
        return None, ""
    first = tokens[0]
    if len(tokens) >= 3 and len(first) <= 4 and _NAME_PART.match(first) and _NAME_PART.match(tokens[1]):
        name, rest = f"{first} {tokens[1]}", tokens[2:]
    elif _WHOLE_NAME.match(first):
        name, rest = first, tokens[1:]
    else:
        return None, text
    return name, " ".join(rest)


def _is_continuation(text: str) -> bool:
    """An affiliation carried over to the next line, e.g. (新型コロナウイルス感染症対策・地域振興担当)."""
    return text.startswith(("(", "（")) or (len(text.split()) == 1 and text.endswith((")", "）")))


def parse_role_block(role: str, label: Line, lines: list[Line],
                     report: Report) -> tuple[list[Attendee], list[UnparsedLine]]:
    """The people under one role heading (`online` left None unless marked (※)), and the lines
    that could not be given to anyone, kept so that nothing is lost."""
    people: list[Attendee] = []
    leftover: list[UnparsedLine] = []
    pending_affiliation: dict[int, list[str]] = {}
    for line in lines:
        if is_blank(line.text):
            continue
        marks = Marks()
        text = _take_marks(line.text, marks).strip()  # raw: cleaned once, after splitting
        for mark in marks.unknown:
            report.warning(line.number, f"unknown mark {clean(mark)} in attendee line")
        if not text:  # a line of marks only: they belong to the person above
            if people and not (marks.proxy and people[-1].proxy):
                _apply(people[-1], marks)
            else:
                report.warning(line.number, f"mark with no person to take it under 【{role}】: {clean(line.text)}")
                leftover.append(UnparsedLine(line.number, clean(line.text)))
            continue
        if people and _is_continuation(text):
            pending_affiliation.setdefault(len(people) - 1, []).append(text)
            _apply(people[-1], marks)
            continue
        name, affiliation = _split_name(text)
        if name is None:
            report.warning(line.number, f"attendee line cannot be split into name and affiliation: {clean(text)}")
            name, affiliation = clean(text), ""
        elif not affiliation:
            report.warning(line.number, f"attendee {name} has no affiliation")
        attendee = Attendee(role=role, name=clean(name), person_id=person_id(clean(name)),
                            affiliation=affiliation, line=line.number)
        _apply(attendee, marks)
        people.append(attendee)
    for index, extra in pending_affiliation.items():
        people[index].affiliation = join_parts([people[index].affiliation] + extra)
    for attendee in people:
        attendee.affiliation = clean(attendee.affiliation)
    if not people:
        report.warning(label.number, f"role heading 【{role}】 has no people")
    return people, leftover


def parse_secretariat(lines: list[Line]) -> list[str]:
    return [clean(line.text) for line in lines if not is_blank(line.text)]
