"""Open data: meetings.json (every record) and people.json (persons and their memberships)."""

from __future__ import annotations

import json

from ..index import Archive
from ..model import to_dict


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def render_meetings_json(archive: Archive) -> str:
    return _dump({"meetings": [to_dict(m) for m in archive.meetings]})


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
    return _dump({"persons": persons})
