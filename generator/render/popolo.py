"""popolo.json: Popolo persons, organizations and memberships, and meetings as Open Civic Data
events (name, start/end with +09:00, location, participants with attendance, agenda, documents)."""

from __future__ import annotations

import re
from typing import Optional

from ..index import Archive, Person
from ..model import Meeting
from .common import meeting_label, short_key, topics
from .data import dump_records
from .sources import source_url

COMMITTEE_ID = "organization/committee"
_LEGAL_FORM = re.compile(r"^(?:公益財団法人|一般財団法人|公益社団法人|一般社団法人|独立行政法人)")


def _org_of(affiliation: str, organizations) -> Optional[str]:
    body = _LEGAL_FORM.sub("", affiliation)
    return next((f"organization/{o.id}" for o in organizations if body.startswith(o.name)), None)


def _committee_memberships(person: Person) -> list[dict]:
    """One membership per role held, dated by the first and last meeting listing the person in it."""
    out = []
    for role in person.roles:
        dates = [m.meeting.date for m in person.memberships if m.attendee.role == role and m.meeting.date]
        out.append({"id": f"membership/{person.id}/{role}", "person_id": f"person/{person.id}",
                    "organization_id": COMMITTEE_ID, "role": role,
                    "start_date": min(dates) if dates else None, "end_date": max(dates) if dates else None})
    return out


def _affiliation_memberships(person: Person, org_of: dict[str, Optional[str]]) -> list[dict]:
    spans: dict[tuple[str, str], list[str]] = {}
    for m in person.memberships:
        org = org_of[m.attendee.affiliation]
        if org and m.meeting.date:
            spans.setdefault((org, m.attendee.affiliation), []).append(m.meeting.date)
    return [{"id": f"membership/{person.id}/{org.split('/')[1]}/{short_key(label)}", "person_id": f"person/{person.id}",
             "organization_id": org, "label": label, "start_date": min(dates), "end_date": max(dates)}
            for (org, label), dates in sorted(spans.items())]


def _event(meeting: Meeting, site_url: str) -> dict:
    def time(clock: Optional[str]) -> Optional[str]:
        return f"{meeting.date}T{clock}:00+09:00" if meeting.date and clock else meeting.date
    return {
        "id": f"event/{meeting.id}",
        "name": f"{meeting.committee or '検討会'} {meeting_label(meeting)}",
        "description": topics(meeting) or None,
        "classification": "committee-meeting",
        "start_time": time(meeting.start_time), "end_time": time(meeting.end_time) if meeting.end_time else None,
        "timezone": "Asia/Tokyo",
        "all_day": meeting.start_time is None,
        "status": "passed",
        "location": {"name": meeting.venue} if meeting.venue else None,
        "participants": [{"name": a.name, "entity_type": "person", "person_id": f"person/{a.person_id}",
                          "note": a.role, "attendance": a.status, "proxy": a.proxy, "online": a.online}
                         for a in meeting.attendees]
                        + [{"name": s, "entity_type": "organization", "note": "事務局"} for s in meeting.secretariat],
        "agenda": [{"description": (f"{item.label} " if item.label else "") + item.text, "order": str(i + 1),
                    "subjects": [sub.text for sub in item.items]} for i, item in enumerate(meeting.agenda)],
        "documents": [{"note": x.title, "identifier": x.id, "classification": x.disclosure,
                       "document": x.document, "version": x.version} for x in meeting.materials],
        "sources": [{"url": site_url + meeting.url, "note": "議事概要アーカイブのページ"},
                    {"url": source_url(meeting, site_url), "note": f"原文（SHA-256 {meeting.sha256}）"}],
    }


def render_popolo(archive: Archive, site_url: str) -> bytes:
    committee = next((m.committee for m in archive.meetings if m.committee),
                     "地方自治体のデジタルトランスフォーメーション推進に係る検討会")
    # Each affiliation looked up once: a few hundred, printed tens of thousands of times
    affiliations = {m.attendee.affiliation for p in archive.people for m in p.memberships}
    org_of = {affiliation: _org_of(affiliation, archive.organizations) for affiliation in affiliations}
    used = set(org_of.values())
    organizations = [{"id": COMMITTEE_ID, "name": committee, "classification": "committee",
                      "parent_id": "organization/soumu"}]
    organizations += [{"id": f"organization/{o.id}", "name": o.name, "classification": o.classification}
                      for o in archive.organizations if f"organization/{o.id}" in used or o.id == "soumu"]
    secretariats = sorted({s for m in archive.meetings for s in m.secretariat})
    # Ids from names, not list positions, which a new meeting gave to another body or post.
    organizations += [{"id": f"organization/secretariat/{short_key(name)}", "name": name, "classification": "secretariat",
                       "parent_id": _org_of(name, archive.organizations)} for name in secretariats]
    data = {
        "persons": [{"id": f"person/{p.id}", "name": p.name,
                     "other_names": [{"name": n} for n in p.other_names]} for p in archive.people],
        "organizations": organizations,
        "memberships": [m for p in archive.people for m in
                        _committee_memberships(p) + _affiliation_memberships(p, org_of)],
        "events": (_event(m, site_url) for m in archive.meetings),
    }
    return dump_records(data)
