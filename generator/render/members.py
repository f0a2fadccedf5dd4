"""People: the index of members, one page per person, and the attendance matrix."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Optional

from ..index import Archive, Person, roster_ranks
from ..markdown_text import md
from ..model import ROLES, Attendee, Meeting
from .common import (MEMBERS_INDEX, UNKNOWN_DATE, attendance_label, date_label, link, meeting_label, meeting_link,
                     person_link, person_page, render, short_key)

# One symbol per status in the matrix; the legend on the page says the same in words.
SYMBOLS = {"present": "○", "absent": "×", "proxy": "代", "late": "遅", "left_early": "退"}
ONLINE_MARK = "ᵒ"  # after the symbol: took part online


def _counts(person: Person) -> str:
    attended = person.count("present", "late", "left_early")
    return f"{attended}／{len(person.memberships)}（欠席{person.count('absent')}、代理{person.count('proxy')}）"


def render_members_index(archive: Archive) -> str:
    here = MEMBERS_INDEX
    rows = []
    ranks = roster_ranks(archive.meetings)
    for person in sorted(archive.people, key=lambda p: (_role_rank(p.memberships[-1].attendee.role), ranks[p.id])):
        first, last = person.memberships[0].meeting, person.memberships[-1].meeting
        rows.append({
            "name": person_link(here, person.id, person.name),
            "roles": "・".join(person.roles),
            "first": meeting_link(here, first),
            "last": meeting_link(here, last),
            "counts": _counts(person),
        })
    # Not counted anywhere here, and a reader who sees 最終 第27回 must know why: named, a few at most.
    unlisted = [m for m in archive.meetings if not m.attendees]
    unlisted_links = "、".join(meeting_link(here, m) for m in unlisted[:_NAMED]) + ("など" if len(unlisted) > _NAMED else "")
    return render("members_index.md.j2", rows=rows, unlisted=len(unlisted), unlisted_links=unlisted_links)


_NAMED = 5  # meetings without a list of attendees named on the index


def _role_rank(role: str) -> int:
    """Roles in ROLES' order (座長 first), any other after them."""
    return ROLES.index(role) if role in ROLES else len(ROLES)


@dataclass(frozen=True)
class PersonContext:
    """All that a person's page shows, as the text it shows: the page is made from this alone, so
    that a build can tell from it whether the page it made last time is still right (render.Pages'
    keys)."""

    name: str
    other_names: tuple[str, ...]
    roles: tuple[str, ...]
    affiliations: tuple[str, ...]
    counts: str
    rows: tuple[dict[str, str], ...]  # one a meeting the person is listed at


def person_context(person: Person, cells: Optional[dict[str, tuple[str, str]]] = None) -> PersonContext:
    """`cells`: each meeting's 回 and 開催日 cells by meeting id, kept from page to page: every person's
    page is in members/, so they are alike on all (made once a meeting, not once a row: 55,000 rows
    at 4,000 meetings)."""
    here = person_page(person.id)
    cells = {} if cells is None else cells
    rows = []
    for m in person.memberships:
        meeting, attendee = m.meeting, m.attendee
        if meeting.id not in cells:
            cells[meeting.id] = (meeting_link(here, meeting), date_label(meeting))
        link_cell, date_cell = cells[meeting.id]
        rows.append({"meeting": link_cell, "date": date_cell, "role": md(attendee.role),
                     "affiliation": md(attendee.affiliation), "status": attendance_label(attendee)})
    affiliations = tuple(dict.fromkeys(m.attendee.affiliation for m in person.memberships))
    return PersonContext(person.name, tuple(person.other_names), tuple(person.roles), affiliations,
                         _counts(person), tuple(rows))


def render_person(person: Person, cells: Optional[dict[str, tuple[str, str]]] = None) -> str:
    return render("person.md.j2", person=person_context(person, cells))


# The matrix's role headings get ids of their own, so that a link to one (#members) survives roles
# coming and going; a role not listed here gets one made from its name.
ROLE_ANCHORS = {"座長": "chair", "主査": "chief", "座長代理": "acting-chair", "副座長": "vice-chair",
                "副主査": "vice-chief", "構成員": "members", "委員": "committee-members", "幹事": "secretaries",
                "オブザーバー": "observers"}  # by name, not by ROLES' place: reordering ROLES moves no anchor


def role_anchor(role: str) -> str:
    return ROLE_ANCHORS.get(role) or "role-" + short_key(role)


def symbol(attendee: Attendee) -> str:
    return SYMBOLS[attendee.status] + (ONLINE_MARK if attendee.online else "")


# Above this many meetings with a list of attendees, the matrix is one page a fiscal year: it grows
# as people × meetings (at 4,000 meetings one page was 20 MB of Markdown, 128 MB of HTML and a
# minute of the site build), and no one reads a table that wide.
MATRIX_MEETINGS = 100
MATRIX_PAGE = "members/matrix.md"


def fiscal_year(date: Optional[str]) -> Optional[int]:
    """The Japanese fiscal year (年度, April to March) of an ISO date: 2024-03-11 → 2023."""
    if not date:
        return None
    year, month = int(date[:4]), int(date[5:7])
    return year if month >= 4 else year - 1


def matrix_year_page(year: Optional[int]) -> str:
    return f"members/matrix/{year if year is not None else 'unknown'}.md"


def matrix_pages(archive: Archive) -> dict[str, Callable[[], str]]:
    """The attendance matrix: one page, or past MATRIX_MEETINGS an index and one page a fiscal year."""
    meetings = [m for m in archive.meetings if m.attendees]
    if len(meetings) <= MATRIX_MEETINGS:
        listed = [(p, {id(m.meeting): m.attendee for m in p.memberships}) for p in archive.people]
        return {MATRIX_PAGE: lambda: render_matrix(meetings, listed, MATRIX_PAGE)}
    by_year: dict[Optional[int], list[Meeting]] = {}
    for meeting in meetings:  # in date order, unknown dates last: so are the years
        by_year.setdefault(fiscal_year(meeting.date), []).append(meeting)
    listed_by_year: dict[Optional[int], list[tuple[Person, dict[int, Attendee]]]] = {}
    for person in archive.people:  # each membership looked at once, not once a year
        in_years: dict[Optional[int], dict[int, Attendee]] = {}
        for membership in person.memberships:
            in_years.setdefault(fiscal_year(membership.meeting.date), {})[id(membership.meeting)] = membership.attendee
        for year, by_meeting in in_years.items():
            listed_by_year.setdefault(year, []).append((person, by_meeting))
    pages = {MATRIX_PAGE: lambda: render_matrix_years(by_year)}
    years = list(by_year)
    for k, year in enumerate(years):
        here = matrix_year_page(year)
        # The years before and after this one, to page through without going back to the index.
        neighbours = [("前", years[k - 1])] if k > 0 else []
        neighbours += [("次", years[k + 1])] if k + 1 < len(years) else []
        turns = [(word, _year_label(other), link(here, matrix_year_page(other))) for word, other in neighbours]
        pages[here] = lambda year=year, here=here, turns=turns: render_matrix(
            by_year[year], listed_by_year[year], here, _year_label(year), turns)
    return pages


def _year_label(year: Optional[int]) -> str:
    return f"{year}年度" if year is not None else UNKNOWN_DATE


def render_matrix_years(by_year: dict[Optional[int], list[Meeting]]) -> str:
    years = [{"label": _year_label(year), "href": link(MATRIX_PAGE, matrix_year_page(year)),
              "count": len(in_year), "first": md(meeting_label(in_year[0])), "last": md(meeting_label(in_year[-1]))}
             for year, in_year in by_year.items()]
    return render("matrix_years.md.j2", years=years, limit=MATRIX_MEETINGS, members=link(MATRIX_PAGE, MEMBERS_INDEX))


def render_matrix(meetings: list[Meeting], listed: list[tuple[Person, dict[int, Attendee]]], here: str,
                  period: Optional[str] = None, turns: Sequence[tuple[str, str, str]] = ()) -> str:
    """The matrix of `meetings`: a row for each person listed in them (with their attendance in those
    meetings by id(meeting), in meeting order), grouped by the role of the last meeting.
    `turns`: links to the periods before and after, as (前 or 次, label, href)."""
    columns = [meeting_link(here, m) for m in meetings]
    rows_by_role: dict[str, list[dict]] = {}
    # As the rosters of these meetings list them: adding a meeting reorders no other year's page.
    ranks = roster_ranks(meetings)
    for person, by_meeting in sorted(listed, key=lambda item: ranks[item[0].id]):
        role = next(reversed(by_meeting.values())).role
        cells = [symbol(by_meeting[id(m)]) if id(m) in by_meeting else "–" for m in meetings]
        row = {"name": person_link(here, person.id, person.name), "cells": cells}
        rows_by_role.setdefault(role, []).append(row)
    groups = [{"role": role, "anchor": role_anchor(role), "rows": rows_by_role[role]}
              for role in sorted(rows_by_role, key=lambda role: (_role_rank(role), role))]
    return render("matrix.md.j2", columns=columns, groups=groups, symbols=SYMBOLS, online=ONLINE_MARK,
                  meetings=[(meeting_label(m), date_label(m)) for m in meetings],
                  period=period,  # a label we make (2023年度), not source text; None: the whole archive
                  turns=turns,
                  back=link(here, MATRIX_PAGE), members=link(here, MEMBERS_INDEX))
