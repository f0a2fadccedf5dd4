"""The meeting page, the list of meetings, and the home page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..index import Archive
from ..markdown_text import md, md_linked
from ..model import Meeting, Statement, sidecar_of
from ..parse.header import to_wareki
from ..parse.mentions import plan_version_mentions
from ..parse.sidecar import FIELDS as SUPPLEMENT_LABELS
from .common import (HOME_PAGE, MEETINGS_INDEX, NOT_SEARCHED, SUPPLIED_MARK, UNKNOWN, UNKNOWN_DATE, attendance_label, date_label, date_mark,
                     document_link, format_label, in_force_label, link, marked_date, material_anchor, material_label,
                     meeting_label, meeting_link, meeting_page, person_link, render, topics, version_page)
from .sources import file_link, line_ranges, lines_anchor, lines_label, source_page

_MATERIAL_REF = re.compile(r"(?:参考)?資料\d+(?:-\d+)?")


def _supplied(meeting: Meeting, field: str) -> str:
    return SUPPLIED_MARK if any(s.field == field for s in meeting.supplements) else ""


@dataclass(frozen=True)
class MeetingContext:
    """All that a meeting's page shows of the rest of the archive, as the text it shows: the page
    is made from the meeting, this and the site's address alone, so that a build can tell from
    these whether the page it made last time is still right (render.Pages' keys)."""

    in_force: Optional[str]  # その時点の計画の版 (None without a date)
    neighbours: str  # 前の回｜会議一覧｜次の回
    documents: tuple[str, ...]  # each material's document family link


def meeting_context(meeting: Meeting, archive: Archive) -> MeetingContext:
    here = meeting_page(meeting)
    return MeetingContext(
        in_force=in_force_label(archive, meeting, here) if meeting.date else None,
        neighbours=_neighbours(meeting, archive, here),
        documents=tuple(document_link(here, x, archive.family_by_id) for x in meeting.materials))


def _facts(m: Meeting, context: MeetingContext, here: str, source_href: str) -> list[tuple[str, str]]:
    number = UNKNOWN
    if m.number is not None:
        number = f"第{m.number}回" + {"inferred": "（本文の資料一覧から推定）", "supplement": SUPPLIED_MARK}.get(
            m.number_source or "", "")
    date = UNKNOWN
    if m.date:
        date = f"{to_wareki(m.date)}（{m.weekday}）／{marked_date(m, on_page=True)}"
    time = f"{m.start_time}～{m.end_time}" if m.start_time and m.end_time else UNKNOWN
    form = format_label(m) + (f"、原文「{md(m.format_note)}」" if m.format_note else "")  # not （（※）…）
    facts = [
        ("回", number),
        ("日付", date),
        ("時間", time + _supplied(m, "start_time")),
        ("場所", (md(m.venue) if m.venue else UNKNOWN) + _supplied(m, "venue")),
        *([("開催方法（原文）", md(m.method))] if m.method else []),
        ("形式", form + _supplied(m, "format")),
    ]
    if context.in_force is not None:
        # The archive's reckoning, not the text's: kept out of search (a search for 第3.0版 found
        # this row, 「…公表日が目録にないため特定できない」, ahead of the materials and statements),
        # as the plan's name is kept out of its label.
        facts.append(("その時点の計画の版", f'<span class="{NOT_SEARCHED}">{context.in_force}</span>'))
    if m.title:
        facts.append(("原文の表題", md(m.title)))
    if m.date_text:
        facts.append(("原文の開催日時", md(m.date_text)))
    if m.document_notes:
        facts.append(("文書の注記（原文）", "、".join(f"{md(note.text)}（{_source_link(source_href, note.line)}）"
                                                 for note in m.document_notes)))
    facts.append(("原文", f"[行番号つきで見る]({source_href})／"
                          f"{file_link(here, m.source_file)}"))
    facts.append(("SHA-256", f"`{m.sha256}`"))
    return facts


def _gaps(m: Meeting, source_href: str) -> list[str]:
    """What a reader should know before trusting the page whole: text the copy may have lost."""
    notes = []
    if m.missing_start:
        line = _source_link(source_href, m.missing_start)
        notes.append(f"原文は表題を欠き、途中から始まっている（{line}）。PDFの冒頭が抽出されていないおそれがある。")
    if m.missing_end:
        line = _source_link(source_href, m.missing_end)
        notes.append(f"原文は「以上」で終わっていない（最後の行：{line}）。PDFの末尾が抽出されていないおそれがある。")
    return notes


def _neighbours(meeting: Meeting, archive: Archive, here: str) -> str:
    """前の回, the list, 次の回: a reader who finishes a meeting goes on to the next. Only between
    dated meetings: where a meeting without a date stands in time is not known."""
    before, after = archive.neighbours(meeting) if meeting.date else (None, None)

    def labelled(m: Meeting) -> str:
        return f"{meeting_link(here, m)}（{marked_date(m, on_page=True)}）"

    parts = [f"前の回：{labelled(before)}"] if before else []  # before a dated meeting: dated too
    parts.append(f"[会議一覧]({link(here, MEETINGS_INDEX)})")
    parts += [f"次の回：{labelled(after)}"] if after and after.date else []
    return "｜".join(parts)


def _source_link(source_href: str, first: int, last: Optional[int] = None,
                 ranges: Optional[dict[int, int]] = None) -> str:
    """A link to lines first–last (None: the one line) on the source page (source_href: that page,
    from here); to the range that holds them all where the page has one (`ranges`: line_ranges)."""
    last = last or first
    return f"[{lines_label(first, last)}]({source_href}#{lines_anchor(first, last, ranges or {})}){{ .source-lines }}"


def _statement_text(meeting: Meeting, statement: Statement, anchors: dict[str, str]) -> str:
    """The statement with links: 第3.0版 to its plan page, 資料1 to its row in this page's list."""
    here = meeting_page(meeting)
    links = [(start, end, link(here, version_page(version)))
             for start, end, version in plan_version_mentions(statement.text)]
    links += [(m.start(), m.end(), f"#{anchors[m.group()]}")
              for m in _MATERIAL_REF.finditer(statement.text) if m.group() in anchors]
    return md_linked(statement.text, links)


def citation(meeting: Meeting, site_url: str) -> str:
    committee = meeting.committee or "地方自治体のデジタルトランスフォーメーション推進に係る検討会"
    date = f"{to_wareki(meeting.date)}（{meeting.date}）開催" if meeting.date else UNKNOWN_DATE
    if date_mark(meeting):  # a copied citation must not pass a sidecar's date off as the text's
        date += "。開催日は原文になく補記による"
    return (f"総務省「{committee}」{meeting_label(meeting)} 議事概要（{date}）。"
            f"議事概要アーカイブ、{site_url}{meeting.url}")


def render_meeting(meeting: Meeting, archive: Archive, site_url: str) -> str:
    return render_meeting_page(meeting, meeting_context(meeting, archive), site_url)


def render_meeting_page(meeting: Meeting, context: MeetingContext, site_url: str) -> str:
    """The meeting's page; it reads nothing of the archive but `context`."""
    here = meeting_page(meeting)
    sidecar = sidecar_of(meeting.source_file)
    heading = f"{meeting_label(meeting)} 議事概要" if meeting.number is not None else "議事概要（回不明）"
    # Plain text, for search engines and link previews: which facts a sidecar supplied, said once.
    description = (f"{meeting.committee or '検討会'} {meeting_label(meeting)}"
                   f"（{meeting.date or UNKNOWN_DATE}）の議事概要")
    supplied = [SUPPLEMENT_LABELS[field] for field in ("committee", "number", "date") if _supplied(meeting, field)]
    if supplied:
        description += f"（{'・'.join(supplied)}は原文になく補記による）"
    if topics(meeting):
        description += f"。議題：{topics(meeting)}"
    materials = [(x, material_anchor(x, i), md(material_label(x)), document)
                 for i, (x, document) in enumerate(zip(meeting.materials, context.documents))]
    anchors = {x.id: anchor for x, anchor, _, _ in materials if x.id}
    source_href = link(here, source_page(meeting))
    ranges = line_ranges(meeting)

    return render(
        "meeting.md.j2",
        # The page title is what a browser tab and a citation show: only dates the text gives.
        m=meeting, heading=heading, committee_mark=_supplied(meeting, "committee"),
        page_title=heading + (f"（{meeting.date}）" if meeting.date_source == "text" else ""),
        description=description, facts=_facts(meeting, context, here, source_href),
        gaps=_gaps(meeting, source_href),
        # Cells of attendees and statements made here rather than by calls from the template: a
        # call from Jinja costs more than making the cell, and a meeting has dozens of each.
        attendees=[(a, person_link(here, a.person_id, a.name), attendance_label(a)) for a in meeting.attendees],
        statements={s.id: (_statement_text(meeting, s, anchors), _source_link(source_href, *s.lines, ranges))
                    for section in meeting.sections for s in section.statements},
        no_materials=meeting.no_materials and (
            f"{md(meeting.no_materials.text)} {_source_link(source_href, meeting.no_materials.line)}"),
        materials=materials,
        citation=citation(meeting, site_url),
        neighbours=context.neighbours,
        supplement_label=lambda field: SUPPLEMENT_LABELS.get(field, field),
        # Supplements come only from a sidecar, and the site publishes the sidecar of every meeting.
        sidecar=file_link(here, sidecar) if meeting.supplements else None,
        empty_headings=_empty_headings(meeting),
    )


def _empty_headings(meeting: Meeting) -> set[str]:
    """The anchors of headings with nothing under them in the text: no statement, and no deeper
    heading next (第3回's 事務局説明 under a topic holds nothing; the topic itself holds it)."""
    sections = meeting.sections
    return {s.anchor for s, after in zip(sections, [*sections[1:], None])
            if s.heading and not s.statements and (after is None or after.level <= s.level)}


def _rows(meetings: list[Meeting], from_page: str) -> list[dict]:
    return [
        {
            "link": meeting_link(from_page, m), "date": date_label(m),
            "topics": topics(m), "statements": m.statement_count, "format": format_label(m),
        }
        for m in meetings
    ]


def _supplied_dates(meetings: list[Meeting]) -> bool:
    """Does a list of these meetings show a date marked 〔補記〕 (which its page then explains)?"""
    return any(date_mark(m) for m in meetings)


def render_meetings_index(archive: Archive) -> str:
    return render("meetings_index.md.j2", rows=_rows(archive.meetings, MEETINGS_INDEX),
                  supplied=_supplied_dates(archive.meetings))


def render_home(archive: Archive) -> str:
    latest = [m for m in archive.meetings if m.date][-5:][::-1]
    return render("home.md.j2", counts=archive.counts, latest=_rows(latest, HOME_PAGE),
                  supplied=_supplied_dates(latest))
