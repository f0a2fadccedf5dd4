"""出席者: who attended, in which role, and how.

Three layouts are read:
- one person a line under a role heading (【構成員】): the name padded with spaces to a fixed width
  in the PDF (原  秀樹, 庄司 昌彦) or written without any (小牧兼太郎), the affiliation after it;
- a table (氏名 所属 備考 as its header row), under a role heading or straight after 出席者：, a
  役割 cell before the name or a 備考 cell after it giving the role (座長) or a mark (欠席, オンライン);
- 氏名（所属） entries, one a line or several on a line separated by 、，or , (other study groups'
  format), under a role heading or straight after 出席者： with no heading at all; the role, if
  printed, is a mark after the name (山田太郎（○○大学教授）【主査】).
Attendance marks (marks.py) stand after the person or on a line of their own below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from unicodedata import east_asian_width
from typing import Iterable, Iterator, NamedTuple, Optional

from ..model import ROLES, STATUS_LABELS, Attendee, Line, UnparsedLine, page_name
from ..normalize import clean, fold_width, indent, is_blank, join_parts, without_spaces
from .marks import (ALL_ONLINE, CLOSERS, MARK, NOTE, NOTE_IN_TEXT, ONLINE, ONLINE_LEGEND, OPENERS, PROXY, STATUS,
                    TRAILING_MARKS, Marks, apply_marks, cut_outside_brackets, depth, marks_inside, words_of_note,
                    read_mark, take_marks)
from .report import Report

# Where no role is printed (氏名（所属） straight after 出席者：), the ordinary member's role.
DEFAULT_ROLE = "構成員"

_KANJI_KANA = r"[\u3005\u3041-\u30ff\u4e00-\u9fff\uf900-\ufaff]"
_PART = rf"{_KANJI_KANA}{{1,4}}"  # family or given name
_WHOLE = rf"{_KANJI_KANA}{{2,6}}"  # a name written without a space
_NAME_PART = re.compile(rf"^{_PART}$")
_LONE_CHAR = re.compile(rf"^{_KANJI_KANA}$")
_WHOLE_NAME = re.compile(rf"^{_WHOLE}$")
_NAME = re.compile(rf"^(?:{_PART}\s+{_PART}|{_WHOLE})$")
# 氏名（所属）: a name right before a bracket, perhaps after marks (【主査】山田太郎（…）).
_LISTED = re.compile(rf"^\s*(?:【[^【】]*】\s*)*(?:{_PART}\s+{_PART}|{_WHOLE})\s*[（(]")
_SEPARATORS = "、，,"
# A roster printed as a table: its header row (氏名 所属 備考, letter-spaced or not) is structure. Where
# it has a 役割 or 区分 column before the name, a row's first cell is the role; where it has a 備考
# or 出欠 column after, a row's last cell is the role (座長) or a mark (欠席). A cell stands apart by a
# wide gap (two spaces or a full-width one): 「デジタル委員会 委員」 is an affiliation.
_HEADER = re.compile(r"^(?=.*氏名)(?:氏名|所属|役職|備考|役割|区分|出欠|及び|[・／/])+$")
_GAP, _ROLE = r"(?:\s{2,}|\u3000)", "|".join(ROLES)
_ROLE_CELL = re.compile(rf"^\s*({_ROLE}){_GAP}")
_REMARK = re.compile(rf"{_GAP}({_ROLE}|{STATUS}|{ONLINE})\s*$")


class Columns(NamedTuple):
    role_first: bool  # a 役割 or 区分 cell before the name
    remarks: bool  # a 備考 or 出欠 cell after the affiliation
    # Where the 所属 (or 役職) column starts on the header row, as printed (width): a row that
    # starts there has an empty name cell, and a word before it is the name's.
    affiliation_at: Optional[int] = None


_AFFILIATION_HEAD = re.compile(r"名\s*([所役])")


def table_header(text: str) -> Optional[Columns]:
    """The columns a table's header row names; None when the line is no table header."""
    compact = without_spaces(text)
    if not _HEADER.match(compact):
        return None
    affiliation = _AFFILIATION_HEAD.search(text)
    return Columns(compact.startswith(("役割", "区分")), "備考" in compact or "出欠" in compact,
                   _width(text[:affiliation.start(1)]) if affiliation else None)


def _width(text: str) -> int:
    """How wide text is set in a fixed-width layout: a Japanese (wide) character takes two columns.
    Counted in characters, a row with more Japanese before a column would reach it sooner."""
    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)


def _in_affiliation_column(row: str, at: int, columns: Columns) -> bool:
    """Whether row[at] stands in the 所属 column (or one short of it: a layout rounds)."""
    return columns.affiliation_at is not None and _width(row[:at]) >= columns.affiliation_at - 1


def _note(text: str, people: list[Attendee]) -> list[str] | None:
    """The words of a line wholly in brackets that is a note on the list (（五十音順）): one of the
    usual notes anywhere, any note before anyone is listed; after a person, other brackets carry
    their affiliation on."""
    note = NOTE.match(without_spaces(text))
    if note is None:
        return None
    return words_of_note(note.group(1)) or (None if people else [note.group(1)])


@dataclass
class Attendance:
    """What a block of attendee lines yields."""

    people: list[Attendee] = field(default_factory=list)
    leftover: list[UnparsedLine] = field(default_factory=list)  # lines no one could take: kept
    online_mark: Optional[str] = None  # the first online mark as printed, e.g. ※オンライン参加
    everyone_online: Optional[str] = None  # ※全員オンライン参加 after 出席者, as printed
    legend: Optional[str] = None  # ※はオンライン参加 after 出席者, as printed
    notes: list[str] = field(default_factory=list)  # printed with the list, unbracketed: 敬称略, 五十音順


def person_id(name: str) -> str:
    """Stable across meetings: the name without spaces (庄司 昌彦 and 庄司昌彦 are one person), as a
    page address (a line that could not be split keeps its whole text as the name)."""
    return page_name(without_spaces(name))


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


def _wrapped_cell(row: str, text: str, columns: Columns) -> bool:
    """A 所属 cell wrapped onto a row of its own (教授 under 武蔵大学社会学部): one word, starting in
    the 所属 column. A row of more words there is a person, indented (a table set off to the right)."""
    return len(text.split()) == 1 and _in_affiliation_column(row, indent(row), columns)


_SHORT_PART = re.compile(rf"^{_KANJI_KANA}{{1,3}}$")


def _split_table_row(row: str, text: str, columns: Columns) -> Optional[tuple[str, str]]:
    """A table row of two short words, the second before the 所属 column: a name whose 所属 cell is
    empty (庄司　昌彦 with 欠席 in its 備考 cell), not 庄司 of 昌彦. A header centred over its
    columns starts 所属 late, so a word of four (山田太郎　総務省) is a whole name, not a part of one.
    None otherwise."""
    tokens = text.split()
    if len(tokens) != 2 or not all(_SHORT_PART.match(token) for token in tokens):
        return None
    second = row.find(tokens[1], row.find(tokens[0]) + len(tokens[0]))
    if columns.affiliation_at is None or _in_affiliation_column(row, second, columns):
        return None
    return f"{tokens[0]} {tokens[1]}", ""


def _is_continuation(text: str) -> bool:
    """An affiliation carried over to the next line, e.g. (新型コロナウイルス感染症対策・地域振興担当),
    or the end of a word broken by the line (…担当部 / 長（※）): one kanji or kana alone, too short
    for a name (a longer line without spaces may be a name and affiliation run together)."""
    return (text.startswith(("(", "（")) or (len(text.split()) == 1 and text.endswith((")", "）")))
            or _LONE_CHAR.match(text) is not None)


# ---------------------------------------------------------------- 氏名（所属） entries


def _split_entries(text: str) -> list[str]:
    """A line of 氏名（所属） entries cut at 、，or , outside brackets (（東京都、大阪府） is one)."""
    separators = ((i, i + 1) for i, char in enumerate(text) if char in _SEPARATORS)
    return [entry for entry in cut_outside_brackets(text, separators) if entry.strip()]


def _groups(entry: str) -> Optional[list[tuple[str, str]]]:
    """An entry as (kind, text) pieces: plain text ("text") and top-level brackets with their
    brackets ("（" or "【"), nested ones (（デジタル庁（自治体DX担当））) kept inside. None when the
    brackets do not balance."""
    groups, level, start = [], 0, 0
    for i, char in enumerate(entry):
        if char in OPENERS:
            if level == 0:
                groups.append(("text", entry[start:i]))
                start = i
            level += 1
        elif char in CLOSERS:
            if level == 0:
                return None
            level -= 1
            if level == 0:
                groups.append(("【" if entry[start] == "【" else "（", entry[start:i + 1]))
                start = i + 1
    if level:
        return None
    groups.append(("text", entry[start:]))
    return groups


def _read_entry(entry: str) -> Optional[tuple[str, str, Marks]]:
    """(name, affiliation, marks) of one 氏名（所属） entry, raw; None when it is not one.

    The first bracket after the name that is no mark is the affiliation; a 【…】 that is no
    attendance mark is the role. Anything else (text after the affiliation, a second role, no
    affiliation at all) leaves the entry unread."""
    groups = _groups(entry)
    if groups is None:
        return None
    marks, name, affiliation = Marks(), None, None
    for kind, text in groups:
        if kind == "text":
            if MARK.search(TRAILING_MARKS.sub("", text)):  # 高橋三※代理出席郎: a mark goes after the name
                return None
            text = take_marks(text, marks).strip()  # ※代理出席, ※オンライン参加
            if text and (name is not None or affiliation is not None):
                return None
            name = name or text or None
            continue
        word = fold_width(without_spaces(text[1:-1]))
        if read_mark(word, clean(text), marks):
            continue
        if kind == "（" and name is not None and affiliation is None:
            affiliation = text[1:-1]
        elif kind == "【" and marks.role is None and not PROXY.match(word):
            marks.role = word
        else:
            return None
    if name is None or affiliation is None or not _NAME.match(name):
        return None
    return name, affiliation, marks


def _logical_lines(lines: list[Line]) -> Iterator[Line]:
    """The non-blank lines; a 氏名（所属） line broken inside its brackets is joined with the lines
    that close them (but never with the next person's line)."""
    rest = [line for line in lines if not is_blank(line.text)]
    i = 0
    while i < len(rest):
        first, parts = rest[i], [rest[i].text]
        i += 1
        while (_LISTED.match(first.text) and depth("".join(parts)) and i < len(rest)
               and not _LISTED.match(rest[i].text)):
            parts.append(rest[i].text)
            i += 1
        yield first if len(parts) == 1 else Line(first.number, join_parts(parts))


# ---------------------------------------------------------------- blocks


class _Reader:
    """Collects the people of one block of attendee lines and what could not be read.
    Affiliations stay raw until `finish`, which joins the lines they were carried over to and
    cleans them once."""

    def __init__(self, role: Optional[str], where: str, report: Report):
        self.role = role  # the role heading's; None straight after 出席者：
        self.where = where  # for messages: 【幹事】 or 出席者
        self.report = report
        self.result = Attendance()
        self.carried_over: dict[int, list[str]] = {}  # person's index → affiliation lines below
        self.no_role: list[Attendee] = []  # given DEFAULT_ROLE: no role printed, no heading

    def note(self, words: list[str]) -> None:
        """Notes on the list (五十音順, 敬称略), however they were printed."""
        self.result.notes += [clean(word) for word in words]

    def keep(self, number: int, text: str, message: str) -> None:
        self.report.warning(number, f"{message}: {text}")
        self.result.leftover.append(UnparsedLine(number, text))

    def add(self, role: Optional[str], name: str, affiliation: str, marks: Marks, number: int) -> None:
        name = clean(name)
        attendee = Attendee(role=role or DEFAULT_ROLE, name=name, person_id=person_id(name), affiliation=affiliation, line=number)
        self.take(attendee, marks, number)
        self.result.people.append(attendee)
        if role is None:
            self.no_role.append(attendee)

    def take(self, attendee: Attendee, marks: Marks, number: int) -> None:
        apply_marks(attendee, marks)
        self.result.online_mark = self.result.online_mark or marks.online
        disagreeing = marks.disagree()
        if disagreeing:  # one status is kept: the marks as printed stay in the record
            self.report.warning(number, f"attendance marks disagree ({disagreeing}): "
                                        f"{attendee.name} read as {STATUS_LABELS[attendee.status]}")

    def marks_only(self, line: Line, marks: Marks) -> None:
        """A line of marks only: they belong to the person above."""
        people = self.result.people
        if people and not (marks.proxy and people[-1].proxy):
            self.take(people[-1], marks, line.number)
        else:
            self.keep(line.number, clean(line.text), f"mark with no person to take it under {self.where}")

    def carry_over(self, text: str, marks: Marks, number: int) -> None:
        self.carried_over.setdefault(len(self.result.people) - 1, []).append(text)
        self.take(self.result.people[-1], marks, number)

    def listed(self, number: int, text: str, whole: str, unreadable: str) -> None:
        """One line of 氏名（所属） entries. When none can be read, `whole` is kept with the
        warning `unreadable`; otherwise each entry that cannot be read is kept by itself."""
        entries = [(entry, _read_entry(entry)) for entry in _split_entries(text)]
        if not any(read for _, read in entries):
            self.keep(number, clean(whole), unreadable)
            return
        for entry, read in entries:
            if read is None:
                self.keep(number, clean(entry), "attendee entry cannot be read")
                continue
            name, affiliation, marks = read
            if marks.role and marks.role not in ROLES:
                self.report.warning(number, f"unknown role 【{marks.role}】 after {clean(name)}: kept as printed")
            if not affiliation.strip():
                self.report.warning(number, f"attendee {clean(name)} has no affiliation")
            self.add(marks.role or self.role, name, affiliation, marks, number)

    def finish(self) -> Attendance:
        if self.no_role:  # one note for the block: the other study groups' format prints no roles
            names = "、".join(a.name for a in self.no_role)
            self.report.info(self.no_role[0].line, f"no role printed for {names}: listed as {DEFAULT_ROLE}")
        people = self.result.people
        for index, extra in self.carried_over.items():
            people[index].affiliation = join_parts([people[index].affiliation] + extra)
        for attendee in people:
            attendee.affiliation = clean(attendee.affiliation)
        return self.result


def parse_role_block(role: str, label: Line, lines: list[Line], report: Report) -> Attendance:
    """The people under one role heading (`online` left None unless marked), and the lines that
    could not be given to anyone, kept so that nothing is lost."""
    reader = _Reader(role, f"【{role}】", report)
    _read_rows(reader, _logical_lines(lines))
    if not reader.result.people:  # the heading is all there is: kept, as lines no one could take are
        report.warning(label.number, f"role heading 【{role}】 has no people")
        reader.result.leftover.append(UnparsedLine(label.number, clean(label.text)))
    return reader.finish()


def _read_rows(reader: _Reader, lines: Iterable[Line]) -> None:
    """One person a line (庄司 昌彦 武蔵大学教授), or 氏名（所属） entries; a table's header row and
    the cells it names. Without a role heading (reader.role None) a row's role is its cell's or DEFAULT_ROLE."""
    report = reader.report
    columns = Columns(False, False)  # until a table's header row says otherwise
    for line in lines:
        if _LISTED.match(line.text):
            reader.listed(line.number, line.text, line.text, "attendee line cannot be read")
            continue
        header = table_header(line.text)
        if header is not None:
            columns = header
            report.info(line.number, f"table header, read as the columns of the roster: {clean(line.text)}")
            continue
        text, role, marks = line.text, reader.role, Marks()
        role_cell = _ROLE_CELL.match(text) if columns.role_first else None
        if role_cell:
            text, role = text[role_cell.end():], role_cell.group(1)
        remark = _REMARK.search(text) if columns.remarks else None
        if remark:
            text = text[:remark.start()]
            if remark.group(1) in ROLES:
                role = remark.group(1)
            else:  # a mark in the 備考 cell, read as one printed in brackets
                read_mark(remark.group(1), remark.group(1), marks)
        text = take_marks(text, marks).strip()  # raw: cleaned once, after splitting
        for mark in marks.unknown:
            report.warning(line.number, f"unknown mark {clean(mark)} in attendee line")
        for mark in marks.nested:
            report.warning(line.number, f"mark {clean(mark)} inside brackets, not read: {clean(line.text)}")
        if marks_inside(line.text, marks):  # read, but the reader should look: a mark belongs at the end
            report.warning(line.number, f"attendance mark inside the line, not at its end: {clean(line.text)}")
        if not text:
            reader.marks_only(line, marks)
        elif note := _note(text, reader.result.people):  # （五十音順）: the list's note, no person
            reader.note(note)
        elif reader.result.people and (_is_continuation(text) or _wrapped_cell(line.text, text, columns)):
            reader.carry_over(text, marks, line.number)
        else:
            name, affiliation = _split_table_row(line.text, text, columns) or _split_name(text)
            if name is None:
                report.warning(line.number, f"attendee line cannot be split into name and affiliation: {clean(text)}")
                name, affiliation = text, ""
            elif not affiliation:
                report.warning(line.number, f"attendee {clean(name)} has no affiliation")
            reader.add(role, name, affiliation, marks, line.number)


def parse_attendance(label: Line, arg: str, lines: list[Line], report: Report) -> Attendance:
    """出席者： and the lines after it before any role heading: 氏名（所属） entries with no role
    heading, on the label's line or below it. Whatever else is there is kept and reported."""
    reader = _Reader(None, "出席者", report)
    # Notes, no person: read here, for the caller (the meeting's format), and out of the text.
    reader.result.everyone_online, rest = _take(ALL_ONLINE, arg)  # ※全員オンライン参加
    reader.result.legend, rest = _take(ONLINE_LEGEND, rest)  # ※はオンライン参加
    rest = NOTE_IN_TEXT.sub(lambda m: _take_note(m, reader), rest)  # （敬称略）, （五十音順、敬称略）
    rest = rest.strip(" \t\u3000：:")
    if rest:  # when nothing of it can be read, all of the label's text is kept: it may be a mangled label
        reader.listed(label.number, rest, arg, "unexpected text after 出席者")
    logical = list(_logical_lines(lines))
    for index, line in enumerate(logical):
        if table_header(line.text) is not None:  # a table from here on: one person a row
            _read_rows(reader, logical[index:])
            break
        marks = Marks()
        note = _note(line.text, reader.result.people)
        if note:
            reader.note(note)
        elif take_marks(line.text, marks).strip():
            reader.listed(line.number, line.text, line.text, "unexpected text after 出席者")
        else:
            reader.marks_only(line, marks)
    return reader.finish()


def _take(pattern: re.Pattern, text: str) -> tuple[Optional[str], str]:
    """What `pattern` finds first in text (cleaned), and the text without it."""
    found = pattern.search(text)
    if found is None:
        return None, text
    return clean(found.group(0)), text[:found.start()] + " " + text[found.end():]


def _take_note(match: re.Match, reader: _Reader) -> str:
    """A bracketed note in the 出席者 line's text goes to the reader's notes (and out of the text)."""
    words = words_of_note(without_spaces(match.group(1)))
    if words is None:
        return match.group()
    reader.note(words)
    return " "


def parse_secretariat(lines: list[Line]) -> list[str]:
    return [clean(line.text) for line in lines if not is_blank(line.text)]
