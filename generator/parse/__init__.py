"""Source bytes (+ optional sidecar) → one validated Meeting record and its diagnostics."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Optional

from ..diagnostic import ERROR, Diagnostic
from ..model import DocumentNote, Line, Meeting, UnparsedLine, page_name, sidecar_of
from ..normalize import clean, decode, is_blank, split_lines
from . import blocks as b
from .agenda import parse_agenda
from .attendees import Attendance, parse_attendance, parse_role_block, parse_secretariat
from .discussion import parse_discussion
from .furniture import document_notes, page_furniture
from .header import WRITTEN, parse_title, parse_venue, parse_when
from .marks import legend_at, note_words
from .materials import parse_materials, stated_none
from .mentions import plan_versions
from .report import Report
from .sidecar import read_sidecar
from .supplement import apply_supplements


@dataclass
class ParseResult:
    meeting: Optional[Meeting]  # None when the source cannot be read at all
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.meeting is not None and not any(d.severity == ERROR for d in self.diagnostics)


def parse_source(file_name: str, data: bytes, sidecar_text: Optional[str] = None) -> ParseResult:
    report = Report(f"source/{file_name}")
    decoded = decode(data)
    if decoded.text is None:
        report.error(None, f"cannot be read as text: {decoded.error}")
        return ParseResult(None, report.diagnostics)
    lines = split_lines(decoded.text)
    if decoded.warning:
        report.warning(len(lines) or None, decoded.warning)
    if not any(line.text.strip() for line in lines):
        report.error(None, "file is empty")
        return ParseResult(None, report.diagnostics)
    if "\ufffd" in decoded.text:
        line = next(l.number for l in lines if "\ufffd" in l.text)
        report.warning(line, "text has U+FFFD replacement characters: the PDF extraction lost characters here")

    meeting = Meeting(id="", source_file=file_name, sha256=hashlib.sha256(data).hexdigest())
    # A note on the summary itself (（文責：事務局）) is a fact of the record, not a heading or a statement
    # (nor, printed first, the title that running heads are told by).
    notes = document_notes(lines)
    meeting.document_notes = [DocumentNote(line.number, clean(line.text)) for line in notes]
    lines = _blanked(lines, {line.number for line in notes})
    # A page's number or running head is read as the blank of a page break (a sentence broken by it
    # is joined), and kept apart: it was read as a person, or as part of a statement or a title.
    furniture = page_furniture(lines)
    for line in furniture:
        report.info(line.number, f"page number or running head, left out of the text: {clean(line.text)}")
        meeting.unparsed.append(UnparsedLine(line.number, clean(line.text)))
    _fill(meeting, b.split_blocks(_blanked(lines, {line.number for line in furniture})), report)
    meeting.unparsed.sort(key=lambda unparsed: unparsed.line)
    meeting.plan_versions = plan_versions(meeting)
    named = _infer_number(meeting, report)

    sidecar_diagnostics = []
    if sidecar_text is not None:
        sidecar_report = Report(f"source/{sidecar_of(file_name)}")
        supplements = read_sidecar(sidecar_text, sidecar_report)
        apply_supplements(meeting, supplements, sidecar_report)
        sidecar_diagnostics = sidecar_report.diagnostics
    if meeting.number is None and len(named) > 1:  # reported only now: a sidecar may supply the number
        report.warning(None, f"materials name several meetings ({', '.join(map(str, named))}): number left unknown")
    elif meeting.number is None:
        report.warning(None, "meeting number unknown: the text does not give it")
    if meeting.date_text is None and meeting.date is None and meeting.missing_start is None:
        # Said once: a text that starts mid-document was warned of above. A sidecar's date silences it.
        report.warning(None, f"no 開催日時 in the text: the date is unknown (a sidecar "
                             f"source/{sidecar_of(file_name)} can give it)")
    meeting.id = f"{meeting.number:03d}" if meeting.number is not None else _file_id(file_name, report)
    diagnostics = report.diagnostics + sidecar_diagnostics

    meeting.diagnostics = list(diagnostics)
    return ParseResult(meeting, diagnostics)


def _fill(meeting: Meeting, blocks: list[b.Block], report: Report) -> None:
    kinds = {block.kind for block in blocks}
    everyone_online: Optional[str] = None
    hybrid_venue: Optional[str] = None  # the venue's words when they say the meeting was hybrid
    legend: Optional[Line] = None  # ※はオンライン参加, as printed, and where
    online_mark: Optional[str] = None  # (※) or ※オンライン参加 after a person, as printed
    seen: set[str] = set()
    attendance_label: Optional[int] = None  # the line of the first 出席者
    for block in blocks:
        attendance: Optional[Attendance] = None
        if block.kind in _ONCE and block.kind in seen:  # the first one is read: this one is kept
            lines = [block.label, *block.lines]
            _keep_unparsed(meeting, lines, report, f"second {_ONCE[block.kind]}, kept as printed")
            continue
        seen.add(block.kind)
        if block.kind == b.TITLE:
            if any(not is_blank(line.text) for line in block.lines):
                title = parse_title(block.lines, report)
                meeting.title, meeting.committee, meeting.number = title.title, title.committee, title.number
                meeting.number_line = title.number_line
                if meeting.number is not None:
                    meeting.number_source = "text"
            elif block is blocks[0] and len(blocks) > 1 and blocks[1].label is not None:
                first = blocks[1].label
                missing = "title" if b.DATE in kinds else "title or 開催日時"
                report.warning(first.number, f"source has no {missing}: it starts mid-document at {clean(first.text)}")
                meeting.missing_start = first.number
        elif block.kind == b.DATE:
            when = parse_when(block.label, block.arg or "", block.lines, report)
            meeting.date_text, meeting.date, meeting.weekday = when.text, when.date, when.weekday
            meeting.start_time, meeting.end_time = when.start_time, when.end_time
            meeting.date_source = "text" if when.date else None
        elif block.kind in (b.VENUE, b.METHOD):  # 開催方法's words are read as the venue's, for the format
            venue = parse_venue(block.arg or "", block.lines)
            if block.kind == b.VENUE:
                meeting.venue = venue.text
            else:
                meeting.method = venue.text
            if venue.online_only and not everyone_online:  # an explicit 全員オンライン note wins
                everyone_online = venue.text
            hybrid_venue = venue.text if venue.hybrid else hybrid_venue
        elif block.kind == b.ATTENDANCE:
            attendance_label = attendance_label or block.label.number
            attendance = parse_attendance(block.label, block.arg or "", block.lines, report)
            everyone_online = attendance.everyone_online or everyone_online
            legend = legend or (attendance.legend and Line(block.label.number, attendance.legend))
        elif block.kind in (b.ROLE, b.UNKNOWN_ROLE):
            if block.kind == b.UNKNOWN_ROLE:
                report.warning(block.label.number, f"unknown role heading 【{block.arg}】")
            attendance = parse_role_block(block.arg, block.label, block.lines, report)
        elif block.kind == b.LEGEND:  # the notes in front of it (（敬称略）※は…) are the roster's
            text = clean(block.arg)
            found = legend_at(text)
            legend = Line(block.label.number, text[found.start():])  # with any words after it
            meeting.roster_notes += note_words(text[:found.start()]) or []
            _keep_unparsed(meeting, block.lines, report, "unexpected text after (※)")
        elif block.kind == b.SECRETARIAT:
            secretariat = parse_secretariat(block.lines)
            if not secretariat:
                report.warning(block.label.number, "heading 【事務局】 has no organisations")
            meeting.secretariat += secretariat
        elif block.kind == b.MATERIALS:
            none = stated_none(block.lines)
            if none and meeting.no_materials:  # the record holds one なし: a second is kept as printed
                _keep_unparsed(meeting, block.lines, report, "second 資料：なし, kept as unparsed")
            elif none:
                meeting.no_materials = none
            else:
                meeting.materials += parse_materials(block.arg, block.lines, report)
        elif block.kind == b.AGENDA:
            meeting.agenda += parse_agenda(block.lines)
        elif block.kind == b.DISCUSSION:
            meeting.sections += parse_discussion(block.lines, report)
        elif block.kind == b.AFTER_END:
            _keep_unparsed(meeting, block.lines, report, "unexpected text after 以上")
        if attendance is not None:
            meeting.attendees += attendance.people
            meeting.unparsed += attendance.leftover
            meeting.roster_notes += attendance.notes
            online_mark = online_mark or attendance.online_mark
    meeting.roster_notes = list(dict.fromkeys(meeting.roster_notes))
    if attendance_label is not None and not meeting.attendees:
        report.warning(attendance_label, "出席者 lists nobody")
    if b.DISCUSSION not in kinds:
        report.warning(None, "no 議事概要 (discussion) found")
    if b.END not in kinds:  # a 議事概要 ends with 以上: without it, the copy may have been cut short
        last_text = max((line.number for block in blocks for line in (block.label, *block.lines)
                         if line and not is_blank(line.text)), default=None)
        report.warning(last_text, "text does not end with 以上: it may be truncated")
        meeting.missing_end = last_text
    _set_format(meeting, everyone_online, legend.text if legend else online_mark, hybrid_venue)
    if legend and meeting.format_note != legend.text:  # nobody marked, or the format told otherwise
        report.info(legend.number, f"online legend not needed for the format, kept as printed: {legend.text}")
        meeting.unparsed.append(UnparsedLine(legend.number, legend.text))


def _blanked(lines: list[Line], numbers: set[int]) -> list[Line]:
    return [Line(line.number, "") if line.number in numbers else line for line in lines] if numbers else lines


_ONCE = {b.DATE: "開催日時", b.VENUE: "開催場所", b.METHOD: "開催方法"}  # a meeting has one of each


def _keep_unparsed(meeting: Meeting, lines: list, report: Report, message: str) -> None:
    for line in lines:
        if not is_blank(line.text):
            report.warning(line.number, f"{message}: {clean(line.text)}")
            meeting.unparsed.append(UnparsedLine(line.number, clean(line.text)))


def _set_format(meeting: Meeting, everyone_online: Optional[str], legend: Optional[str],
                hybrid_venue: Optional[str]) -> None:
    method = meeting.method
    marked_online = any(a.online for a in meeting.attendees)
    texts = (method, meeting.venue, meeting.date_text, meeting.title)  # 開催方法 first: its words are kept whole
    written = next(((place, found) for place, text in enumerate(texts) if text and (found := WRITTEN.search(text))), None)
    if written:  # nobody attended: online or not does not apply (below)
        place, found = written
        meeting.format = "written"
        meeting.format_note = method if place == 0 else found.group()
    elif everyone_online:
        meeting.format, meeting.format_note = "online", everyone_online
    elif marked_online:
        meeting.format, meeting.format_note = "hybrid", legend or "（※）"
    elif hybrid_venue:  # hybrid, but who took part online is not marked: unknown, not false
        meeting.format, meeting.format_note = "hybrid", hybrid_venue
    elif meeting.venue or method and "対面" in method:
        meeting.format = "in_person"
    for attendee in meeting.attendees:
        if attendee.status == "absent" or meeting.format == "written":
            attendee.online = None
        elif meeting.format == "online":
            attendee.online = True
        elif meeting.format == "in_person" or marked_online:
            attendee.online = bool(attendee.online)


_OWN_MATERIAL = re.compile(r"検討会\s*[（(]\s*第\s*(\d+)\s*回\s*[）)]")


def _infer_number(meeting: Meeting, report: Report) -> list[int]:
    """A headerless text may still name its own meeting, in its list of 資料 (第37回 事務局資料).
    The meeting numbers its materials name, in order."""
    if meeting.number is not None:
        return []
    found = {}
    for material in meeting.materials:
        match = _OWN_MATERIAL.search(material.title)
        if match:
            found.setdefault(int(match.group(1)), material.line)
    if len(found) == 1:
        (number, line), = found.items()
        meeting.number, meeting.number_source, meeting.number_line = number, "inferred", line
        report.info(line, f"meeting number 第{number}回 inferred from the material list")
    return sorted(found)


def _file_id(file_name: str, report: Report) -> str:
    """A meeting without a number takes its file's name as id, and so as the address of its pages."""
    stem = PurePath(file_name).stem
    id_ = page_name(stem)
    if id_ != stem:
        report.warning(None, f"file name cannot be a page address as it is: the meeting's id is {id_} "
                             "(rename the file, or give the number in a sidecar)")
    return id_
