"""Attendance marks after a person or on a line of their own below (【代理：谷口補佐】): 【欠席】,
【代理：X】, 【代理出席】 or ※代理出席, 【冒頭欠席】, 【途中退席】, and for online (※),
※オンライン参加, 【オンライン】 or （オンライン）; how deep in brackets a piece of text stands,
which tells a mark of its own from one quoted inside another bracket; and what a roster says of
itself: its notes (（敬称略・五十音順）), the online legend (※はオンライン参加), 全員オンライン."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from ..model import Attendee
from ..normalize import clean, fold_width, without_spaces

STATUS_MARKS = {"欠席": "absent", "代理出席": "proxy", "冒頭欠席": "late", "途中退席": "left_early"}
ONLINE_MARKS = ("※", "オンライン", "オンライン参加", "オンライン出席")
STATUS = "|".join(STATUS_MARKS)  # no word is the start of another: their order does not matter
ONLINE = "オンライン(?:参加|出席)?"  # the online marks' words (ONLINE_MARKS but ※), as a pattern
# （欠席） and （代理：X） in round brackets too: a 代理 so printed was taken for part of the affiliation.
MARK = re.compile(rf"【\s*([^【】]*?)\s*】|[（(]\s*(※|{STATUS}|代理\s*[：:][^（()）【】]+?)\s*[）)]"
                  rf"|(※\s*(?:{STATUS}|{ONLINE}|(?=\s*$)))")  # ※ alone: at the end
PROXY = re.compile(r"^代理\s*[：:]\s*(.+)$")
# Printed by other study groups, not read here: reported as unknown marks, never taken for headings.
UNREAD_MARKS = ("途中出席", "遅参", "遅刻")
OPENERS, CLOSERS = "（(【", "）)】"
# A note in round brackets (（五十音順）): after a role heading, a line of its own, or in 出席者's text.
_BRACKETED = r"[（(]([^（()）]*)[）)]"
NOTE = re.compile(rf"^{_BRACKETED}$")  # wholly a note, once spaces are out
NOTE_IN_TEXT = re.compile(_BRACKETED)
# The notes a roster is printed with; several may share brackets (（五十音順、敬称略）).
NOTE_WORDS = ("五十音順", "順不同", "敬称略")
_NOTE_SEPARATORS = "[、・，,]"


def spaced(word: str) -> str:
    """A pattern for word as some layouts print it, letter-spaced (オ ン ラ イ ン, 出 席 者)."""
    return r"\s*".join(map(re.escape, word))


_TOOK_PART = rf"\s*{spaced('オンライン')}\s*(?:{spaced('参加')}|{spaced('出席')})"
# The legend of the online mark: (※)はオンライン参加, ※はオンライン出席 (raw or cleaned text).
ONLINE_LEGEND = re.compile(r"(?:[（(]\s*※\s*[）)]|※)\s*は" + _TOOK_PART)
# The note after 出席者 that everyone took part online (※全員オンライン参加).
ALL_ONLINE = re.compile(rf"※?\s*{spaced('全員')}" + _TOOK_PART)


def note_words(text: str) -> list[str] | None:
    """The words of a bracketed note made only of NOTE_WORDS (（五十音順、敬称略） → both), else None."""
    note = NOTE.match(without_spaces(text))
    return words_of_note(note.group(1)) if note else None


def words_of_note(inside: str) -> list[str] | None:
    """What is inside a note's brackets (no spaces) as NOTE_WORDS, or None if it is anything else."""
    words = re.split(_NOTE_SEPARATORS, inside)
    return words if all(word in NOTE_WORDS for word in words) else None


def legend_at(text: str) -> Optional[re.Match]:
    """The online legend, if the text starts with it or with the roster's notes before it
    (（敬称略）※はオンライン参加)."""
    found = ONLINE_LEGEND.search(text)
    if found and (found.start() == 0 or note_words(text[:found.start()])):
        return found
    return None


TRAILING_MARKS = re.compile(rf"(?:\s*(?:{MARK.pattern}))+\s*$")


@dataclass
class Marks:
    status: Optional[str] = None
    absent: bool = False
    proxy: Optional[str] = None
    online: Optional[str] = None  # the online mark as printed
    role: Optional[str] = None  # 【主査】 after a name in the 氏名（所属） layout
    read: list[tuple[str, str]] = field(default_factory=list)  # (status, mark as printed)
    unknown: list[str] = field(default_factory=list)
    nested: list[str] = field(default_factory=list)  # marks inside other brackets: not read

    @property
    def found(self) -> bool:
        """Were any attendance marks read (status or online)?"""
        return bool(self.read or self.online)

    def disagree(self) -> Optional[str]:
        """The status marks, as printed, when they say different things (【代理：X】【冒頭欠席】);
        【欠席】 with 【代理：X】 agree: the member was absent and X attended instead."""
        statuses = {status for status, _ in self.read}
        if "proxy" in statuses:
            statuses.discard("absent")
        return " ".join(printed for _, printed in self.read) if len(statuses) > 1 else None


def read_mark(word: str, printed: str, marks: Marks) -> bool:
    """Take one attendance mark (`word`: its words without spaces, e.g. 代理：中野補佐) into marks;
    False when unknown, or when it is a second 代理 (the first one stands)."""
    proxy = PROXY.match(word)
    if proxy:
        if marks.proxy:
            return False
        marks.proxy = fold_width(proxy.group(1))
        marks.read.append(("proxy", printed))
    elif word in STATUS_MARKS:
        if word == "欠席":
            marks.absent = True
        else:
            marks.status = STATUS_MARKS[word]
        marks.read.append((STATUS_MARKS[word], printed))
    elif word in ONLINE_MARKS:
        marks.online = marks.online or printed
    else:
        return False
    return True


def is_mark(word: str) -> bool:
    """Is `word` (a bracket's words without spaces: 欠席, 代理：X, オンライン) an attendance mark?"""
    return word in STATUS_MARKS or word in ONLINE_MARKS or word in UNREAD_MARKS or word.startswith("代理")


def take_marks(text: str, marks: Marks) -> str:
    """Read the marks in text into `marks`; return the text without the ones read."""

    def replace(match: re.Match) -> str:
        bracketed, asterisk, after_asterisk = match.groups()
        if bracketed is not None or asterisk:
            word = without_spaces(bracketed if bracketed is not None else asterisk)
        else:  # ※代理出席, or a ※ alone at the end of the line: the online mark of （※）はオンライン参加
            word = without_spaces(after_asterisk[1:]) or "※"
        if depth(text[:match.start()]):  # 【代理：谷口【代理：田中補佐】補佐】: not a mark of its own
            marks.nested.append(match.group(0))
        elif not read_mark(word, clean(match.group(0)), marks):
            marks.unknown.append(match.group(0))  # unknown, or a second 代理: kept in the text, and reported
        else:
            return " "
        return match.group(0)

    return MARK.sub(replace, text)


def marks_inside(text: str, whole: Marks) -> bool:
    """Does a mark stand inside the line rather than at its end (総務省【欠席】地域力創造審議官)?
    `whole`: the marks take_marks read from the whole line; with none, no line is read twice."""
    if not whole.found:
        return False
    inside = Marks()
    take_marks(TRAILING_MARKS.sub("", text), inside)
    return inside.found


def apply_marks(attendee: Attendee, marks: Marks) -> None:
    if marks.proxy:
        attendee.status, attendee.proxy = "proxy", marks.proxy
    elif marks.status:
        attendee.status = marks.status
    elif marks.absent and attendee.status != "proxy":
        attendee.status = "absent"
    if marks.online:
        attendee.online = True


def depths(text: str, openers: str = OPENERS, closers: str = CLOSERS) -> Iterator[int]:
    """How many brackets are open after each character of text (a stray closer closes none)."""
    level = 0
    for char in text:
        level = max(0, level + (char in openers) - (char in closers))
        yield level


def cut_outside_brackets(text: str, spans: Iterable[tuple[int, int]], openers: str = OPENERS,
                         closers: str = CLOSERS) -> list[str]:
    """text cut at each (start, end) span that stands outside brackets, the spans left out."""
    open_before = [0, *depths(text, openers, closers)]  # brackets open before each character
    parts, start = [], 0
    for cut_start, cut_end in spans:
        if open_before[cut_start] == 0:
            parts.append(text[start:cut_start])
            start = cut_end
    return parts + [text[start:]]


def depth(text: str) -> int:
    """How many brackets are left open at the end of text."""
    level = 0
    for level in depths(text):
        pass
    return level
