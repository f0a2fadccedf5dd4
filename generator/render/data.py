"""Open data: meetings.json (every record) and people.json (persons and their memberships)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..index import Archive
from ..model import to_dict


def dump_records(data: dict[str, Iterable]) -> str:
    """A JSON object of lists, one record a line: still plain JSON, it diffs record by record, and
    json's C encoder writes it (any `indent` falls back to the pure-Python one, ten times slower).
    Records may come from a generator, so that only one at a time is held as a dict."""
    lists = []
    for key, records in data.items():
        rows = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
        lists.append(f"{json.dumps(key)}: [\n{rows}\n]")
    return "{\n" + ",\n".join(lists) + "\n}\n"


def render_meetings_json(archive: Archive) -> str:
    return dump_records({"meetings": (to_dict(m) for m in archive.meetings)})


def render_people_json(archive: Archive) -> str:
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
