"""The head of a 議事概要: title, committee, meeting number, 開催日時, 開催場所, and what the venue
or 開催方法 says of the format (online or hybrid words; held in writing, WRITTEN)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from ..model import WEEKDAYS, Line
from ..normalize import clean, clean_joined
from .report import Report

# First year of each era minus one: 令和1年 = 2019.
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
# The day each era began; a date before it does not exist in that era.
ERA_START = {
    "令和": dt.date(2019, 5, 1), "平成": dt.date(1989, 1, 8), "昭和": dt.date(1926, 12, 25),
    "大正": dt.date(1912, 7, 30), "明治": dt.date(1868, 1, 25),
}

_NUMBER = re.compile(r"第\s*(\d+)\s*回")
_SUFFIX = re.compile(r"\s*議\s*事\s*概\s*要\s*$")


@dataclass
class Title:
    title: Optional[str]
    committee: Optional[str]
    number: Optional[int]
    number_line: Optional[int] = None


def committee_of(title: str) -> str:
    """The committee a title names: without 議事概要 and its meeting number (（第3回）)."""
    return re.sub(r"[（(]?\s*第\s*\d+\s*回\s*[）)]?", "", _SUFFIX.sub("", title)).strip()


def parse_title(lines: list[Line], report: Report) -> Title:
    parts = [line.text for line in lines if line.text.strip()]
    if not parts:
        return Title(None, None, None)
    first = next(line.number for line in lines if line.text.strip())
    # 議事概要 on a line of its own is set apart from the committee name by a space.
    head = [p for p in parts if not _SUFFIX.fullmatch(p.strip()) or not p.strip()]
    has_suffix_line = len(head) < len(parts)
    text = clean_joined(head)
    if has_suffix_line:
        text = f"{text} 議事概要"
    number_match = _NUMBER.search(text)
    number = int(number_match.group(1)) if number_match else None
    number_line = None
    if number is not None:  # the line 第N回 stands on; the title's first line if the PDF broke 第N回
        number_line = next((line.number for line in lines if _NUMBER.search(clean(line.text))), first)
    committee = committee_of(text)
    if number is None:
        report.warning(first, "title gives no meeting number (第N回)")
    return Title(re.sub(r"\s*議事概要$", " 議事概要", text), committee or None, number, number_line)


_DATE = re.compile(
    r"(?:(?P<era>令和|平成|昭和|大正|明治)\s*(?P<eyear>元|\d+)\s*年"
    r"(?:\s*[（(]\s*(?P<gyear2>\d{4})\s*年?\s*[）)])?"
    r"|(?P<gyear>\d{4})\s*年(?:\s*[（(][^）)]*[）)])?)"
    r"\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"(?:\s*[（(]\s*(?P<weekday>[月火水木金土日])\s*(?:曜日?)?\s*[）)])?"
)
_NO_YEAR = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_UNKNOWN_ERA = re.compile(r"([一-龥]{2})\s*(元|\d+)\s*年")
_CLOCK = re.compile(
    r"(?P<h1>\d{1,2})\s*[:：]\s*(?P<m1>\d{2})\s*(?:[～〜~\-－ー―]|から)\s*"
    r"(?P<h2>\d{1,2})\s*[:：]\s*(?P<m2>\d{2})"
)
_KANJI_TIME = re.compile(
    r"(?P<h1>\d{1,2})\s*時\s*(?:(?P<m1>\d{1,2})\s*分|(?P<half1>半))?\s*(?:から|[～〜~\-－])\s*"
    r"(?P<h2>\d{1,2})\s*時\s*(?:(?P<m2>\d{1,2})\s*分|(?P<half2>半))?"
)


@dataclass
class When:
    text: str
    date: Optional[str] = None
    weekday: Optional[str] = None
    start_time: Optional[str] = None
    end_time: Optional[str] = None


def parse_when(label: Line, rest: str, more: list[Line], report: Report) -> When:
    text = clean_joined([rest] + [line.text for line in more])
    when = When(text)
    line = label.number
    match = _DATE.search(text)
    if match is None:
        era = _UNKNOWN_ERA.search(text)
        if era and era.group(1) not in ERAS:
            report.error(line, f"開催日時 has an unknown era {era.group(1)}: {text}")
        elif _NO_YEAR.search(text):
            report.error(line, f"開催日時 has no year: {text}")
        else:
            report.error(line, f"開催日時 has no date: {text}")
    else:
        when.date, when.weekday = _read_date(match, line, report)
    _read_times(text, when, line, report)
    return when


def _read_date(match: re.Match, line: int, report: Report) -> tuple[Optional[str], Optional[str]]:
    if match.group("era"):
        era = match.group("era")
        era_year = 1 if match.group("eyear") == "元" else int(match.group("eyear"))
        year = ERAS[era] + era_year
        if match.group("gyear2") and int(match.group("gyear2")) != year:
            report.warning(line, f"{era}{era_year}年 is {year}, not {match.group('gyear2')}")
    else:
        era = None
        year = int(match.group("gyear"))
    month, day = int(match.group("month")), int(match.group("day"))
    try:
        date = dt.date(year, month, day)
    except ValueError:
        report.error(line, f"開催日時 is not a date: {match.group(0)}")
        return None, None
    if era and date < ERA_START[era]:
        report.error(line, f"開催日時 {match.group(0)} is before {era} began")
        return None, None
    weekday = WEEKDAYS[date.weekday()]
    printed = match.group("weekday")
    if printed and printed != weekday:
        report.warning(line, f"開催日時 says （{printed}） but {date.isoformat()} is a {weekday}曜日")
    return date.isoformat(), weekday


def _read_times(text: str, when: When, line: int, report: Report) -> None:
    match = _CLOCK.search(text)
    if match:
        minutes = (match.group("m1"), match.group("m2"))
    else:
        match = _KANJI_TIME.search(text)
        if match is None:
            report.warning(line, f"開催日時 gives no start and end time: {text}")
            return
        minutes = tuple(
            "30" if match.group(f"half{i}") else (match.group(f"m{i}") or "0") for i in (1, 2)
        )
    start = (int(match.group("h1")), int(minutes[0]))
    end = (int(match.group("h2")), int(minutes[1]))
    for hour, minute in (start, end):
        if hour > 24 or minute > 59:
            report.error(line, f"開催日時 has an impossible time {hour}:{minute:02d}")
            return
    when.start_time = f"{start[0]:02d}:{start[1]:02d}"
    when.end_time = f"{end[0]:02d}:{end[1]:02d}"
    if end <= start:
        report.warning(line, f"開催日時 ends ({when.end_time}) before it starts ({when.start_time})")


# Web開催, リモート開催, Teams会議, Zoomによる… say it too.
ONLINE_WORDS = ("オンライン", "Web", "WEB", "web", "ウェブ", "テレビ会議", "リモート", "Zoom", "Teams", "Webex")
HYBRID_WORDS = ("併用", "ハイブリッド")
# A meeting held in writing (書面開催, 書面により開催, 書面形式にて開催, 書面決議, 持回り開催), in its
# title, 開催日時, 開催場所 or 開催方法.
WRITTEN = re.compile(r"(?:書面|持ち?回り)\s*(?:形式\s*)?(?:に\s*よる|に\s*より|に\s*て|で\s*の|で)?\s*(?:開催|審議|決議)")
# What a venue that is online only may say besides its online words: オンライン開催, Web会議による
# 開催, オンライン会議（Zoom）. Anything more (a room, 総務省及び…, 対面（一部…）) makes it hybrid.
_ONLINE_ONLY = re.compile("|".join(sorted(ONLINE_WORDS, key=len, reverse=True)) + r"|[（(][\x20-\x7e]*[）)]|開催|形式|方式|会議|システム|による|にて|での|で|\s")


@dataclass
class Venue:
    text: Optional[str]
    online_only: bool
    hybrid: bool = False  # the venue says so (…（オンライン併用）, 会議室及びWeb会議)


def parse_venue(rest: str, more: list[Line]) -> Venue:
    text = clean_joined([rest] + [line.text for line in more]) or None
    if not text:
        return Venue(text, False)
    online = any(word in text for word in ONLINE_WORDS)
    hybrid = any(word in text for word in HYBRID_WORDS) or (online and bool(_ONLINE_ONLY.sub("", text)))
    return Venue(text, online and not hybrid, hybrid)


def to_wareki(iso: str) -> str:
    """2024-03-11 → 令和6年3月11日 (元年 for the first year of an era)."""
    date = dt.date.fromisoformat(iso)
    for era, start in ERA_START.items():
        if date >= start:
            year = date.year - ERAS[era]
            return f"{era}{'元' if year == 1 else year}年{date.month}月{date.day}日"
    return f"{date.year}年{date.month}月{date.day}日"
