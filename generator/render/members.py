"""People: the index of members, one page per person, and the attendance matrix."""

from __future__ import annotations

from ..index import Archive, Person
from ..markdown_text import md
from ..model import ROLES, Attendee
from .common import attendance_label, date_label, link, meeting_label, meeting_page, person_page, render

# One symbol per status in the matrix; the legend on the page says the same in words.
SYMBOLS = {"present": "○", "absent": "×", "proxy": "代", "late": "遅", "left_early": "退"}
ONLINE_MARK = "ᵒ"  # after the symbol: took part online


def _counts(person: Person) -> str:
    attended = person.count("present", "late", "left_early")
    return (f"{attended} / {len(person.memberships)}（欠席 {person.count('absent')}、"
            f"代理 {person.count('proxy')}）")


def render_members_index(archive: Archive) -> str:
    here = "members/index.md"
    rows = []
    for person in sorted(archive.people, key=_role_order):
        first, last = person.memberships[0].meeting, person.memberships[-1].meeting
        rows.append({
            "name": f"[{md(person.name)}]({link(here, person_page(person.id))})",
            "roles": "・".join(person.roles),
            "first": f"[{meeting_label(first)}]({link(here, meeting_page(first))})",
            "last": f"[{meeting_label(last)}]({link(here, meeting_page(last))})",
            "counts": _counts(person),
        })
    return render("members_index.md.j2", rows=rows)


def _role_order(person: Person) -> tuple:
    latest = person.memberships[-1].attendee.role
    return (ROLES.index(latest) if latest in ROLES else len(ROLES), person.id)


def render_person(person: Person) -> str:
    here = person_page(person.id)
    rows = [
        {
            "meeting": f"[{meeting_label(m.meeting)}]({link(here, meeting_page(m.meeting))})",
            "date": date_label(m.meeting), "role": md(m.attendee.role),
            "affiliation": md(m.attendee.affiliation), "status": attendance_label(m.attendee),
        }
        for m in person.memberships
    ]
    affiliations = list(dict.fromkeys(m.attendee.affiliation for m in person.memberships))
    return render("person.md.j2", person=person, rows=rows, counts=_counts(person),
                  affiliations=affiliations)


def symbol(attendee: Attendee) -> str:
    return SYMBOLS[attendee.status] + (ONLINE_MARK if attendee.online else "")


def render_matrix(archive: Archive) -> str:
    here = "members/matrix.md"
    meetings = [m for m in archive.meetings if m.attendees]
    columns = [f"[{meeting_label(m)}]({link(here, meeting_page(m))})"
               for m in meetings]
    groups = []
    for role in ROLES + tuple(sorted({p.memberships[-1].attendee.role for p in archive.people} - set(ROLES))):
        people = [p for p in sorted(archive.people, key=_role_order) if p.memberships[-1].attendee.role == role]
        if not people:
            continue
        rows = []
        for person in people:
            by_meeting = {id(m.meeting): m.attendee for m in person.memberships}
            cells = [symbol(by_meeting[id(m)]) if id(m) in by_meeting else "–" for m in meetings]
            rows.append({"name": f"[{md(person.name)}]({link(here, person_page(person.id))})", "cells": cells})
        groups.append({"role": role, "rows": rows})
    return render("matrix.md.j2", columns=columns, groups=groups, symbols=SYMBOLS, online=ONLINE_MARK,
                  meetings=[(meeting_label(m), date_label(m)) for m in meetings])
