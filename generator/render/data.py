"""Open data: meetings.json (every record) and people.json (persons and their memberships)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Optional

from ..index import Archive
from ..model import Meeting, to_dict


def dump_records(data: dict[str, Iterable]) -> bytes:
    """A JSON object of lists, one record a line: still plain JSON, it diffs record by record, and
    json's C encoder writes it (any `indent` falls back to the pure-Python one, ten times slower).
    Records may come from a generator, so that only one at a time is held as a dict; each line is
    encoded as it is made, so that the file (55 MB at 4,000 meetings) is held once, as UTF-8, not
    also as text and its copies."""
    out = io.BytesIO()
    out.write(b"{\n")
    for number, (key, records) in enumerate(data.items()):
        out.write(b",\n" if number else b"")
        out.write(f"{json.dumps(key)}: [\n".encode())
        for line, record in enumerate(records):
            out.write(b",\n" if line else b"")
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        out.write(b"\n]")
    out.write(b"\n}\n")
    return out.getvalue()


def plan_in_force(archive: Archive, meeting: Meeting) -> Optional[dict]:
    """The plan version in force at the meeting, as its page's その時点の計画の版 gives it: the latest
    version published by its date (with its date, or one it was out by when its own is not known),
    later versions whose publication date the catalogue lacks (one of them may be in force
    already), and a later one still a draft then. None without a date."""
    if not meeting.date:
        return None
    state = archive.in_force(meeting)
    return {
        "version": state.version.version if state.version else None,
        "published": state.version.catalogue.published if state.version else None,
        "published_by": state.version.catalogue.published_by if state.version else None,
        "before_first": state.before_first,
        "possibly_later": [entry.version for entry in state.undetermined],
        "not_yet": state.not_yet.version if state.not_yet else None,
    }


def render_meetings_json(archive: Archive) -> bytes:
    # The record as parsed, and what the archive as a whole tells of it
    return dump_records({"meetings": ({**to_dict(m), "plan_in_force": plan_in_force(archive, m)}
                                      for m in archive.meetings)})


def render_people_json(archive: Archive) -> bytes:
    persons = []
    for person in archive.people:
        persons.append({
            "id": person.id,
            "url": f"members/{person.id}/",
            "name": person.name,
            "other_names": person.other_names,
            "memberships": [{
                "meeting": m.meeting.id, "number": m.meeting.number, "date": m.meeting.date,
                "role": m.attendee.role, "affiliation": m.attendee.affiliation,
                "status": m.attendee.status, "proxy": m.attendee.proxy, "online": m.attendee.online,
                "line": m.attendee.line,
            } for m in person.memberships],
        })
    return dump_records({"persons": persons})
