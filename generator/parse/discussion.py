"""議事概要: section headings and statements, one per bullet.

Bullets come as ○, U+F09E, "- ・", a lost glyph left as a leading space, or nothing at all.
A line without a bullet continues the statement above, across PDF line breaks and page-break
blanks. Headings are 【…】 (which may wrap over lines), ＜…＞, ■… where other bullets mark the
statements, and topics: （…について）, or １．…, ２．… where none ends a sentence; a heading under a
topic (【事務局説明】) is a second-level section.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import Line, Section, Statement
from ..normalize import BULLET_CHARS, CIRCLES, clean_joined, fold_width, is_blank, is_halfwidth_alnum
from .report import Report

_BULLET = re.compile(rf"^\s*(?:[-－‐]\s+)?[{BULLET_CHARS}]?\s*")
_HAS_BULLET = re.compile(rf"^(?:\s|[-－‐]\s|[{BULLET_CHARS}])")
_TOPIC = re.compile(r"^（[^（）]*(?:（[^（）]*）[^（）]*)*）$")
_SENTENCE_END = ("。", "！", "？", "。」", "。）")
# ＜…について＞ on a line of its own, holding Japanese (<https://…> is an address, not a heading)
_ANGLE = re.compile(r"^[＜<〈《]([^＜<〈《＞>〉》]*[^\x00-\x7f][^＜<〈《＞>〉》]*)[＞>〉》]$")
_SQUARE = "■"
_OTHER_BULLETS = CIRCLES + "・●\uf09e"  # the bullets that mark statements where ■ marks headings


class _Builder:
    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.topics_seen = False
        self.parts: list[str] = []  # raw pieces of the open statement
        self.first = self.last = 0

    def heading(self, text: str, line: int, topic: bool) -> None:
        self.close()
        level = 1 if topic or not self.topics_seen else 2
        self.topics_seen = self.topics_seen or topic
        anchor = f"s{len(self.sections) + 1}"
        self.sections.append(Section(heading=text, anchor=anchor, level=level, line=line))

    def start(self, piece: str, line: int) -> None:
        self.close()
        self.parts, self.first, self.last = [piece], line, line

    def add(self, piece: str, line: int) -> None:
        self.parts.append(piece)
        self.last = line

    @property
    def open_text(self) -> str:
        return "".join(p.strip() for p in self.parts)

    def close(self) -> None:
        if not self.parts:
            return
        text = clean_joined(self.parts)
        self.parts = []
        if not text:
            return
        if not self.sections:
            self.sections.append(Section(heading=None, anchor="s1", level=1, line=self.first))
        section = self.sections[-1]
        statement_id = f"{section.anchor}-{len(section.statements) + 1}"
        section.statements.append(Statement(statement_id, text, (self.first, self.last)))


def _is_bullet_line(raw: str, open_text: str) -> bool:
    if not _HAS_BULLET.match(raw):
        return False
    first = raw.lstrip()[:1]
    # A leading space before Latin text in mid-sentence is a wrapped word, not a lost bullet.
    return not (raw[:1].isspace() and is_halfwidth_alnum(fold_width(first))
                and open_text and not open_text.endswith(_SENTENCE_END))


def parse_discussion(lines: list[Line], report: Report) -> list[Section]:
    content = [line for line in lines if not is_blank(line.text)]
    bulletless = not any(
        _HAS_BULLET.match(line.text) for line in content if not line.text.strip().startswith("【")
    )
    square_heads = _square_headings(content)
    numbered_heads = _numbered_headings(content)
    builder = _Builder()
    heading: Optional[tuple[int, list[str]]] = None  # a 【 heading still waiting for its 】
    for line in content:
        raw = line.text
        stripped = raw.strip()
        if heading is not None:
            heading[1].append(stripped)
            if "】" in stripped:
                builder.heading(_heading_text(heading[1]), heading[0], topic=False)
                heading = None
            continue
        if stripped.startswith("【"):
            if stripped.endswith("】"):
                builder.heading(_heading_text([stripped]), line.number, topic=False)
            elif "】" not in stripped:
                builder.close()
                heading = (line.number, [stripped])
            else:
                builder.start(stripped, line.number)
            continue
        if _TOPIC.match(fold_width(stripped)):
            builder.heading(clean_joined([stripped[1:-1]]), line.number, topic=True)
            continue
        if line.number in numbered_heads:  # １．…について: a topic, its number as printed kept in front
            builder.heading(clean_joined([stripped]), line.number, topic=True)
            continue
        angle = _ANGLE.match(stripped)
        if angle or line.number in square_heads:
            builder.heading(clean_joined([angle.group(1) if angle else stripped[1:]]), line.number, topic=False)
            continue
        if _is_bullet_line(raw, builder.open_text):
            builder.start(_BULLET.sub("", raw), line.number)
        elif not builder.parts or (bulletless and builder.open_text.endswith(_SENTENCE_END)):
            builder.start(stripped, line.number)
        else:
            builder.add(stripped, line.number)
    if heading is not None:
        report.warning(heading[0], "section heading 【 is never closed by 】")
        builder.heading(_heading_text(heading[1]), heading[0], topic=False)
    builder.close()
    return builder.sections


def _square_headings(content: list[Line]) -> set[int]:
    """The lines where ■ heads a section: only where other bullets (○ ・) mark the statements, no ■
    line ends a sentence, and the line is not carried on (the next line has a mark of its own).
    Elsewhere ■ is a bullet like any other."""
    squares = [k for k, line in enumerate(content) if line.text.strip().startswith(_SQUARE)]
    if not squares or any(content[k].text.strip().endswith(_SENTENCE_END) for k in squares):
        return set()
    if not any(line.text.strip()[:1] in _OTHER_BULLETS for line in content):
        return set()
    return {content[k].number for k in squares
            if k + 1 == len(content) or content[k + 1].text.strip()[:1] in _OTHER_BULLETS + _SQUARE + "【（＜<"}


_NUMBERED = re.compile(r"^[0-9０-９]{1,2}[．.]\s*\S")


def _numbered_headings(content: list[Line]) -> set[int]:
    """The lines where １．… heads a section: two or more numbered lines, none of which ends a
    sentence or is long (a numbered list of statements ends its items with 。)."""
    numbered = [line for line in content if _NUMBERED.match(line.text.strip())]
    if len(numbered) < 2 or any(line.text.strip().endswith(_SENTENCE_END) or len(line.text.strip()) > 60
                                for line in numbered):
        return set()
    return {line.number for line in numbered}


def _heading_text(parts: list[str]) -> str:
    text = clean_joined(parts)
    if text.startswith("【") and text.endswith("】"):
        text = text[1:-1].strip()
    return text
