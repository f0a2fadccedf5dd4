"""Downloads in standard shapes: CSV (UTF-8 with BOM, so that Excel reads it) and an Atom feed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from html import escape

from ..index import Archive
from .common import date_mark, marked_date, meeting_label, topics
from .data import plan_in_force
from .sources import source_file

BOM = "\ufeff"


def _text(text: str) -> str:
    """XML character data. (Not xml.sax.saxutils: it imports urllib.request, a fifth of start-up.)"""
    return escape(text, quote=False)


def _attribute(text: str) -> str:
    """An XML attribute value in double quotes."""
    return f'"{escape(text)}"'


def _csv(header: list[str], rows: Iterable[list]) -> bytes:
    """The file as UTF-8, encoded as the rows are written: statements.csv is 36 MB at 4,000
    meetings, and is held once, not also as text."""
    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    text.write(BOM)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else str(v).lower() if isinstance(v, bool) else v for v in row])
    text.flush()
    data = out.getvalue()
    text.detach()  # else closing the wrapper would close `out`
    return data


def _meeting_rows(archive: Archive, site_url: str):
    for m in archive.meetings:
        # A roster or a list of materials the text does not print is not known to be empty: blank,
        # not 0 (資料 なし is 0).
        attendees = len(m.attendees) or None
        materials = len(m.materials) if m.materials or m.no_materials else None
        in_force = plan_in_force(archive, m) or {}
        yield [m.id, m.number, m.number_source, m.date, m.date_source, m.weekday, m.start_time,
               m.end_time, m.venue, m.format, m.title, site_url + m.url, source_file(m), m.sha256,
               attendees, materials, m.statement_count, in_force.get("version"), in_force.get("before_first"),
               " ".join(in_force.get("possibly_later", [])), in_force.get("not_yet")]


def _attendance_rows(archive: Archive, site_url: str):
    for m in archive.meetings:
        for a in m.attendees:
            yield [m.id, m.date, a.role, a.person_id, a.name, a.affiliation, a.status, a.proxy, a.online, a.line]


def _material_rows(archive: Archive, site_url: str):
    for m in archive.meetings:
        for x in m.materials:
            yield [m.id, m.date, x.id, x.title, x.disclosure, x.document, x.version, x.draft, x.variant, x.line]


def _statement_rows(archive: Archive, site_url: str):
    for m in archive.meetings:
        for section in m.sections:
            for s in section.statements:
                yield [m.id, s.id, section.heading, s.text, s.lines[0], s.lines[1], f"{site_url}{m.url}#{s.id}"]


CSV_FILES = {  # path → (header, rows)
    "data/meetings.csv": (["id", "number", "number_source", "date", "date_source", "weekday", "start_time",
                           "end_time", "venue", "format", "title", "url", "source_file", "sha256", "attendees",
                           "materials", "statements", "plan_in_force", "plan_before_first", "plan_possibly_later",
                           "plan_not_yet"],
                          _meeting_rows),
    "data/attendance.csv": (["meeting", "date", "role", "person_id", "name", "affiliation", "status", "proxy",
                             "online", "line"], _attendance_rows),
    "data/materials.csv": (["meeting", "date", "id", "title", "disclosure", "document", "version", "draft",
                            "variant", "line"], _material_rows),
    "data/statements.csv": (["meeting", "anchor", "section", "text", "first_line", "last_line", "url"],
                            _statement_rows),
}


def render_csv(path: str, archive: Archive, site_url: str) -> bytes:
    header, rows = CSV_FILES[path]
    return _csv(header, rows(archive, site_url))


def _summary(meeting) -> str:
    text = f"議題：{topics(meeting)}" if topics(meeting) else meeting_label(meeting)
    return text + ("（開催日は補記による）" if date_mark(meeting) else "")


def render_feed(archive: Archive, site_url: str) -> str:
    """Atom: meetings with a date (from the text or a supplement), newest first."""
    dated = sorted((m for m in archive.meetings if m.date), key=lambda m: (m.date, m.id), reverse=True)
    stamps = [f"{m.date}T{m.start_time or '00:00'}:00+09:00" for m in dated]
    updated = max(stamps) if stamps else "1970-01-01T00:00:00+09:00"
    entries = []
    for m in dated:
        url = site_url + m.url
        start = m.start_time or "00:00"
        entries.append(
            "  <entry>\n"
            f"    <id>{_text(url)}</id>\n"
            # A date from a sidecar is marked as on the pages (the page's own title leaves it out)
            f"    <title>{_text(meeting_label(m) + ' 議事概要（' + marked_date(m) + '）')}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={_attribute(url)}/>\n"
            f"    <updated>{m.date}T{start}:00+09:00</updated>\n"
            f"    <summary>{_text(_summary(m))}</summary>\n"
            "  </entry>\n")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">\n'
        f"  <id>{_text(site_url)}</id>\n"
        "  <title>地方自治体のデジタルトランスフォーメーション推進に係る検討会 議事概要</title>\n"
        f"  <link rel=\"alternate\" type=\"text/html\" href={_attribute(site_url)}/>\n"
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={_attribute(site_url + 'feed.xml')}/>\n"
        f"  <updated>{updated}</updated>\n"
        "  <author><name>議事概要アーカイブ（出典：総務省）</name></author>\n"
        + "".join(entries) + "</feed>\n")
