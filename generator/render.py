"""Archive → page texts (Markdown with front matter) and data files, as strings. Writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from .index import Archive
from .markdown_text import md
from .model import FORMAT_LABELS, STATUS_LABELS, Attendee, Meeting, to_dict
from .parse.header import to_wareki
from .parse.sidecar import FIELDS as SUPPLEMENT_LABELS

UNKNOWN = "不明"
SUPPLIED = "〔補記〕"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=False,  # the output is Markdown; every source string goes through the md filter
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
)
_env.filters["md"] = md
# A JSON string is a valid YAML double-quoted scalar: safe front matter whatever the text holds.
_env.filters["yaml_str"] = lambda text: json.dumps(str(text), ensure_ascii=False)


def meeting_label(meeting: Meeting) -> str:
    return f"第{meeting.number}回" if meeting.number is not None else f"回不明（{meeting.id}）"


def date_label(meeting: Meeting) -> str:
    if not meeting.date:
        return UNKNOWN
    return f"{meeting.date}（{meeting.weekday}）" + (SUPPLIED if meeting.date_source == "supplement" else "")


def _supplied(meeting: Meeting, field: str) -> str:
    return SUPPLIED if any(s.field == field for s in meeting.supplements) else ""


def _facts(m: Meeting) -> list[tuple[str, str]]:
    number = UNKNOWN
    if m.number is not None:
        number = f"第{m.number}回" + {"inferred": "（本文の資料一覧から推定）", "supplement": SUPPLIED}.get(
            m.number_source or "", "")
    date = UNKNOWN
    if m.date:
        date = f"{to_wareki(m.date)}（{m.weekday}）／ {m.date}{_supplied(m, 'date')}"
    time = f"{m.start_time}～{m.end_time}" if m.start_time and m.end_time else UNKNOWN
    form = UNKNOWN
    if m.format:
        form = FORMAT_LABELS[m.format] + (f"（{md(m.format_note)}）" if m.format_note else "")
    facts = [
        ("回", number),
        ("日付", date),
        ("時間", time + _supplied(m, "start_time")),
        ("場所", (md(m.venue) if m.venue else UNKNOWN) + _supplied(m, "venue")),
        ("形式", form + _supplied(m, "format")),
    ]
    if m.title:
        facts.append(("原文の表題", md(m.title)))
    if m.date_text:
        facts.append(("原文の開催日時", md(m.date_text)))
    facts.append(("原文ファイル", f"`{m.source_file}`"))
    facts.append(("SHA-256", f"`{m.sha256}`"))
    return facts


def _attendance(attendee: Attendee) -> str:
    text = STATUS_LABELS[attendee.status]
    if attendee.proxy:
        text += f"（{md(attendee.proxy)}）"
    if attendee.online:
        text += "・オンライン"
    return text


def render_meeting(meeting: Meeting) -> str:
    heading = f"{meeting_label(meeting)} 議事概要" if meeting.number is not None else "議事概要（回不明）"
    page_title = heading + (f"（{meeting.date}）" if meeting.date else "")
    topics = _topics(meeting)
    description = f"{meeting.committee or '検討会'} {meeting_label(meeting)}（{date_label(meeting)}）の議事概要"
    if topics:
        description += f"。議題：{topics}"
    return _env.get_template("meeting.md.j2").render(
        m=meeting, heading=heading, page_title=page_title, description=description,
        facts=_facts(meeting), attendance=_attendance,
        supplement_label=lambda field: SUPPLEMENT_LABELS.get(field, field),
    )


def _topics(meeting: Meeting) -> str:
    """What was discussed: the items under 議事 in the agenda, or else the section headings."""
    items = [sub.text for item in meeting.agenda for sub in item.items]
    if not items:
        items = [s.heading for s in meeting.sections if s.heading and s.level == 1]
    return "／".join(items)


def _rows(archive: Archive, prefix: str) -> list[dict]:
    return [
        {
            "label": meeting_label(m), "href": f"{prefix}{m.id}.md", "date": date_label(m),
            "topics": _topics(m), "statements": m.statement_count,
            "format": FORMAT_LABELS[m.format] if m.format else UNKNOWN,
        }
        for m in archive.meetings
    ]


def render_meetings_index(archive: Archive) -> str:
    return _env.get_template("meetings_index.md.j2").render(rows=_rows(archive, ""))


def render_home(archive: Archive) -> str:
    dated = [row for row, m in zip(_rows(archive, "meetings/"), archive.meetings) if m.date]
    latest = list(reversed(dated))[:5]
    return _env.get_template("home.md.j2").render(counts=archive.counts, latest=latest)


def render_meetings_json(archive: Archive) -> str:
    data = {"meetings": [to_dict(m) for m in archive.meetings]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def render_site(archive: Archive) -> dict[str, str]:
    """Every generated file under docs/, by path relative to docs/."""
    files = {
        "index.md": render_home(archive),
        "meetings/index.md": render_meetings_index(archive),
        "data/meetings.json": render_meetings_json(archive),
    }
    for meeting in archive.meetings:
        files[f"meetings/{meeting.id}.md"] = render_meeting(meeting)
    return files
