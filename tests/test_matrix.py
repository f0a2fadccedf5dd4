"""The attendance matrix: one page for a small archive, one page a fiscal year for a large one
(it grows as people × meetings: at 4,000 meetings one page was 128 MB of HTML)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from generator.index import build_archive
from generator.model import ROLES, Attendee, Meeting
from generator.render import render_site
from generator.render.members import MATRIX_MEETINGS, MATRIX_PAGE, ROLE_ANCHORS, SYMBOLS, fiscal_year

from .sitebuild import build_site

_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def _meeting(k: int, date: str | None, people: list[tuple[str, str, str]]) -> Meeting:
    """Meeting k with attendees (person id, role, status)."""
    return Meeting(
        id=f"{k:03d}", source_file=f"{k:03d}.txt", sha256="0" * 64, number=k, date=date,
        attendees=[Attendee(role=role, name=pid, person_id=pid, affiliation="", status=status, line=k)
                   for pid, role, status in people],
    )


def _large_archive() -> list[Meeting]:
    """MATRIX_MEETINGS + 30 meetings, ten days apart from 2023-01-05, and one without a date. A keeps
    coming (構成員, then 座長 from 2024-04); B comes only in fiscal 2022; C only to the undated one."""
    start = dt.date(2023, 1, 5)
    meetings = []
    for k in range(MATRIX_MEETINGS + 30):
        day = start + dt.timedelta(days=10 * k)
        people = [("A", "座長" if day >= dt.date(2024, 4, 1) else "構成員", "absent" if k % 7 == 0 else "present")]
        if day < dt.date(2023, 4, 1):
            people.append(("B", "構成員", "present"))
        meetings.append(_meeting(k + 1, day.isoformat(), people))
    meetings.append(_meeting(999, None, [("C", "構成員", "present")]))
    return meetings


def _pages(archive):
    """The site's files (sources empty: the matrix does not read them)."""
    return render_site(archive, {m.source_file: b"" for m in archive.meetings}, "https://example.org/")


def _tables(page: str) -> list[list[list[str]]]:
    """The page's tables after the legend: each a list of rows, each a list of cells."""
    tables, current = [], None
    for line in page.splitlines():
        if line.startswith("| 氏名 |"):
            current = [line.strip("|").split(" | ")]
            tables.append(current)
        elif line.startswith("| ") and current is not None:
            current.append(line.strip("|").strip().split(" | "))
        elif not line.startswith("|"):
            current = None
    return [[[cell.strip() for cell in row] for row in table if not set(row[0].strip()) <= {"-", " "}]
            for table in tables]


def test_fiscal_year_runs_april_to_march():
    assert fiscal_year("2024-03-31") == 2023
    assert fiscal_year("2024-04-01") == 2024
    assert fiscal_year(None) is None


def test_small_archive_has_one_matrix_of_every_meeting_and_person(archive):
    pages = _pages(archive)
    assert not [p for p in pages if p.startswith("members/matrix/")]
    tables = _tables(pages[MATRIX_PAGE])
    with_attendees = [m for m in archive.meetings if m.attendees]
    assert all(len(table[0]) == 1 + len(with_attendees) for table in tables)
    listed_rows = [(_LINK.search(row[0]).group(2), row[1:]) for table in tables for row in table[1:]]
    rows = dict(listed_rows)
    assert len(rows) == len(listed_rows), "a person has more than one row"
    assert sorted(rows) == sorted(f"{p.id}.md" for p in archive.people)
    for person in archive.people:
        cells = rows[f"{person.id}.md"]
        # A status's symbol, then ᵒ for an online attendance (written out: not symbol() under test).
        listed = {with_attendees.index(m.meeting): SYMBOLS[m.attendee.status] + ("ᵒ" if m.attendee.online else "")
                  for m in person.memberships}
        for column, cell in enumerate(cells):
            assert cell == listed.get(column, "–"), person.id
    assert any("ᵒ" in cell for cells in rows.values() for cell in cells)  # the seeds have online attendance


def test_small_archive_groups_people_by_their_last_role_in_role_order(archive):
    pages = _pages(archive)
    page = pages[MATRIX_PAGE]
    headings = re.findall(r"^## (.+) \{ #[a-z0-9-]+ \}$", page, re.M)
    assert headings == sorted(headings, key=lambda role: ROLES.index(role) if role in ROLES else len(ROLES))
    listed = {}
    for role, table in zip(headings, _tables(page), strict=True):
        ids = [_LINK.search(row[0]).group(2).removesuffix(".md") for row in table[1:]]
        listed[role] = ids
        for person_id in ids:
            person = next(p for p in archive.people if p.id == person_id)
            assert person.memberships[-1].attendee.role == role
    # In the rosters' order: those on the latest roster (第27回) as it prints them (五十音順), then
    # those last listed at 第14回, as it prints them, then at 第3回 (not by code point: 千葉 first).
    assert listed["構成員"] == ["原秀樹", "原田智", "正木祐輔", "藪内伸彦", "山口功作", "吉岡徹", "吉本明平",
                                "石井夏生利", "岩崎勝", "千葉大右", "森浩三", "楠正憲", "弘中秀治"]


def test_a_person_is_listed_under_the_last_role_of_the_page_not_the_first():
    meetings = [_meeting(1, "2023-05-01", [("D", "オブザーバー", "present")]),
                _meeting(2, "2023-09-01", [("D", "構成員", "present")])]
    pages = _pages(build_archive(meetings))
    assert re.findall(r"^## (.+) \{ #[a-z0-9-]+ \}$", pages[MATRIX_PAGE], re.M) == ["構成員"]  # not オブザーバー too
    assert "## 構成員 { #members }" in pages[MATRIX_PAGE]


def test_every_role_the_parser_knows_has_an_anchor_of_its_own():
    assert set(ROLE_ANCHORS) == set(ROLES) and len(set(ROLE_ANCHORS.values())) == len(ROLES)


def test_role_headings_have_ids_that_do_not_depend_on_which_roles_are_there():
    """A link to one role's table (#members) must not move when another role comes or goes (the
    headings' own ids were numbered: #_2, #_3 …)."""
    alone = _pages(build_archive([_meeting(1, "2023-05-01", [("D", "構成員", "present")])]))[MATRIX_PAGE]
    both = _pages(build_archive([_meeting(1, "2023-05-01", [("E", "座長", "present"), ("D", "構成員", "present")])]))
    assert "## 構成員 { #members }" in alone and "## 構成員 { #members }" in both[MATRIX_PAGE]
    assert "## 座長 { #chair }" in both[MATRIX_PAGE]
    unknown = _pages(build_archive([_meeting(1, "2023-05-01", [("F", "臨時委員", "present")])]))[MATRIX_PAGE]
    anchors = re.findall(r"^## 臨時委員 \{ #(role-[0-9a-f]{8}) \}$", unknown, re.M)
    again = _pages(build_archive([_meeting(2, "2024-05-01", [("G", "座長", "present"), ("F", "臨時委員", "present")])]))
    assert len(anchors) == 1 and f"## 臨時委員 {{ #{anchors[0]} }}" in again[MATRIX_PAGE]


def test_a_year_page_lists_people_as_that_years_rosters_do_and_a_later_meeting_leaves_it_alone():
    """Rows follow the period's own rosters (latest first, as printed): a meeting added in a later
    year reorders its people in the archive's order, but must not rewrite the earlier years' pages."""
    meetings = _large_archive()
    for meeting in meetings:  # fiscal 2022 prints B before A
        if meeting.date and meeting.date < "2023-04-01":
            meeting.attendees.reverse()
    def names(page):
        return [_LINK.search(row[0]).group(1) for table in _tables(page) for row in table[1:]]

    before = _pages(build_archive(meetings))
    assert names(before["members/matrix/2022.md"]) == ["B", "A"]  # the archive's latest roster has A first
    # The newest roster of all, B before A: the archive's order turns, the 2022 page's must not.
    later = _meeting(500, "2026-09-01", [("B", "構成員", "present"), ("A", "構成員", "present")])
    assert later.date > max(m.date for m in meetings if m.date)
    after = _pages(build_archive([*meetings, later]))
    assert after["members/matrix/2022.md"] == before["members/matrix/2022.md"]
    assert names(after["members/matrix/2026.md"]) == ["B", "A"]


@pytest.mark.parametrize("count, split", [(MATRIX_MEETINGS, False), (MATRIX_MEETINGS + 1, True)])
def test_the_matrix_splits_past_the_limit(count, split):
    meetings = [_meeting(k + 1, f"2023-{1 + k % 12:02d}-01", [("A", "構成員", "present")]) for k in range(count)]
    meetings.append(_meeting(count + 1, "2023-05-01", []))  # no list of attendees: not counted
    pages = _pages(build_archive(meetings))
    assert any(p.startswith("members/matrix/") for p in pages) is split


def test_meeting_labels_are_text_on_the_year_index():
    meetings = _large_archive()
    meetings[0].number, meetings[0].id = None, "a|b_[c]"  # labelled with its file's name
    pages = _pages(build_archive(meetings))
    row = next(line for line in pages[MATRIX_PAGE].splitlines() if "2022年度" in line)
    assert row.count(" | ") == 3 and r"a\|b\_\[c\]" in row


def test_large_archive_has_a_matrix_page_per_fiscal_year():
    archive = build_archive(_large_archive())
    pages = _pages(archive)
    years = sorted(p for p in pages if p.startswith("members/matrix/"))
    expected_years = sorted({fiscal_year(m.date) for m in archive.meetings if m.date})
    assert years == [f"members/matrix/{y}.md" for y in expected_years] + ["members/matrix/unknown.md"]

    # The index links every year page and counts its meetings.
    index = pages[MATRIX_PAGE]
    linked = [href for _, href in _LINK.findall(index) if href.startswith("matrix/")]
    assert linked == [p.removeprefix("members/") for p in years]  # in date order, unknown last
    assert "| [2022年度](matrix/2022.md) | 9 |" in index  # 2023-01-05 … 2023-03-26, ten days apart

    # Every meeting is a column of exactly one page, the page of its fiscal year.
    columns: dict[str, str] = {}
    for path in years:
        header = _tables(pages[path])[0][0]  # 氏名, then a link to each meeting
        for _, href in _LINK.findall(" ".join(header[1:])):
            assert href not in columns, f"{href} is a column of {columns.get(href)} and {path}"
            columns[href] = path
    for meeting in archive.meetings:
        year = fiscal_year(meeting.date)
        assert columns[f"../../meetings/{meeting.id}.md"] == f"members/matrix/{year if year else 'unknown'}.md"

    # A person has a row only in the years they were listed, under the role they last had there.
    def rows(path):
        return {_LINK.search(row[0]).group(1): (table[0][0], row[1:])
                for table in _tables(pages[path]) for row in table[1:]}
    assert set(rows("members/matrix/2022.md")) == {"A", "B"}
    assert set(rows("members/matrix/2023.md")) == {"A"}
    assert set(rows("members/matrix/unknown.md")) == {"C"}
    roles = {path: re.findall(r"^## (.+) \{ #[a-z0-9-]+ \}$", pages[path], re.M) for path in years}
    assert roles["members/matrix/2023.md"] == ["構成員"] and roles["members/matrix/2024.md"] == ["座長"]
    a_2022 = rows("members/matrix/2022.md")["A"][1]
    assert a_2022[0] == SYMBOLS["absent"] and a_2022[1] == SYMBOLS["present"]  # k = 0 absent, k = 1 present

    # Year pages link back to the index and the member list, one folder down.
    assert "[出欠表の一覧](../matrix.md)" in pages["members/matrix/2023.md"]
    assert "[構成員等一覧へ戻る](../index.md)" in pages["members/matrix/2023.md"]
    # and to the years before and after: the first has none before, the undated page none after.
    def turns(path):
        return re.search(r"ほかの年度は.*$", pages[path], re.M).group()
    assert turns("members/matrix/2022.md") == "ほかの年度は[出欠表の一覧](../matrix.md)から（次：[2023年度](2023.md)）。"
    assert "から（前：[2022年度](2022.md)、次：[2024年度](2024.md)）。" in turns("members/matrix/2023.md")
    last_year = years[-2].removeprefix("members/matrix/").removesuffix(".md")
    assert turns("members/matrix/unknown.md").endswith(f"から（前：[{last_year}年度]({last_year}.md)）。")


def test_split_matrix_pages_build_with_no_broken_link(tmp_path):
    """The year pages through MkDocs --strict (a broken link fails the build). Three seeds in five
    list attendees: 2 × MATRIX_MEETINGS synthetic meetings are enough to split the matrix."""
    from .bench.synthetic import write_archive
    from .linkcheck import broken_links

    source, project = tmp_path / "synthetic", tmp_path / "project"
    write_archive(source, 2 * MATRIX_MEETINGS)
    project.mkdir()
    site = build_site(project, source)
    years = sorted(p.parent.name for p in (site / "members" / "matrix").glob("*/index.html"))
    assert years[:2] == ["2019", "2020"] and len(years) >= 4, years
    assert broken_links(site) == []
    # Left out of search, as the one-page matrix is (_not_searched.yml.j2).
    index = json.loads((site / "search" / "phrase_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and not [d["l"] for d in index["docs"] if d["l"].startswith("members/matrix")]
