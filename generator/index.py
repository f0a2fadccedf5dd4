"""All meetings → the archive: order, cross-meeting checks, people, documents and plan versions."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from .catalogue import DOCUMENTS_FILE, PLAN_FAMILY, PLAN_VERSIONS_FILE, Catalogues, Family, PlanVersion
from .documents import TitleMatcher, title_key
from .diagnostic import ERROR, WARNING, Diagnostic, place
from .model import Attendee, Material, Meeting, Section, Statement, sidecar_of, version_key
from .normalize import without_spaces
from .parse.mentions import plan_version_mentions


def meeting_order(meeting: Meeting) -> tuple:
    """By date; meetings with unknown dates last, then by number and id (never by file order)."""
    return (meeting.date is None, meeting.date or "", meeting.number is None, meeting.number or 0, meeting.id)


@dataclass
class Membership:
    meeting: Meeting
    attendee: Attendee


@dataclass
class Person:
    id: str
    name: str  # as printed in the latest meeting
    other_names: list[str]
    memberships: list[Membership]  # in meeting order

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys(m.attendee.role for m in self.memberships))

    def count(self, *statuses: str) -> int:
        return sum(1 for m in self.memberships if m.attendee.status in statuses)


@dataclass
class Carried:
    """A material as carried by one meeting."""

    meeting: Meeting
    material: Material
    index: int  # its place in the meeting's list of materials


@dataclass
class Mention:
    """A statement that names a version, or a section heading that does (then statement is None)."""

    meeting: Meeting
    statement: Optional[Statement]
    section: Optional[Section] = None


@dataclass
class AgendaDraft:
    """An agenda item or heading that puts a draft of the plan up for discussion without naming its
    version (自治体DX推進計画骨子について): the draft of this version, as the dates tell."""

    meeting: Meeting
    text: str
    anchor: str  # where the text stands on the meeting's page: the agenda, or the heading's


@dataclass
class VersionEntry:
    version: str
    catalogue: Optional[PlanVersion]  # None when only the sources name this version
    materials: list[Carried] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    agenda_drafts: list[AgendaDraft] = field(default_factory=list)  # inferred, not named
    in_force_at: list[Meeting] = field(default_factory=list)  # meetings held while it was certainly in force

    @property
    def meetings(self) -> list[Meeting]:
        return list({id(c.meeting): c.meeting for c in self.materials}.values())

    @cached_property  # asked for once the index has filled materials in (Archive.in_force)
    def last_draft(self) -> Optional[Meeting]:
        """The last dated meeting that discussed this version as a draft (案): not in force by then."""
        drafted = [c.meeting for c in self.materials if c.material.draft and c.meeting.date]
        return max(drafted, key=lambda m: m.date, default=None)


@dataclass
class Archive:
    meetings: list[Meeting]
    families: list[Family] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    documents: dict[str, list[Carried]] = field(default_factory=dict)  # family id → materials
    unmatched: list[Carried] = field(default_factory=list)  # その他
    plan: list[VersionEntry] = field(default_factory=list)
    organizations: list = field(default_factory=list)  # catalogue.Organization, for popolo.json
    _in_force: dict[int, "InForce"] = field(default_factory=dict, repr=False)  # by span between plan dates
    _plan_places: dict[str, int] = field(default_factory=dict, repr=False)  # version → place in plan
    _out_dates: list[str] = field(default_factory=list, repr=False)  # each version's out_by, in date order
    _latest_out: list[int] = field(default_factory=list, repr=False)  # the latest version out by each of them
    _next_published: list[int] = field(default_factory=list, repr=False)  # by place: the next one with a date

    @cached_property
    def family_by_id(self) -> dict[str, Family]:
        return {f.id: f for f in self.families}

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {m.id: place for place, m in enumerate(self.meetings)}

    @property
    def counts(self) -> dict[str, int]:
        return {
            "meetings": len(self.meetings),
            "people": len(self.people),
            "materials": sum(len(m.materials) for m in self.meetings),
            "statements": sum(m.statement_count for m in self.meetings),
        }

    def neighbours(self, meeting: Meeting) -> tuple[Optional[Meeting], Optional[Meeting]]:
        """The meetings before and after this one in the list of meetings (by date)."""
        place = self._positions[meeting.id]
        after = place + 1
        return (self.meetings[place - 1] if place else None,
                self.meetings[after] if after < len(self.meetings) else None)

    def set_plan(self, plan: list[VersionEntry]) -> None:
        """The plan's versions, and the dates in_force looks a meeting's date up between: each
        publication, and each date by which a version of unknown date had been published."""
        self.plan = plan
        self._in_force = {}
        self._plan_places = {entry.version: k for k, entry in enumerate(plan)}
        # For in_force: a search, not a walk over the plan (500 versions at 4,000 meetings in the
        # benchmark made that quadratic).
        dated = sorted((v.catalogue.out_by, k) for k, v in enumerate(plan) if v.catalogue and v.catalogue.out_by)
        self._out_dates = [date for date, _ in dated]
        self._latest_out = list(itertools.accumulate((k for _, k in dated), max))
        self._next_published = [len(plan)] * (len(plan) + 1)
        for k in reversed(range(len(plan))):
            published = plan[k].catalogue and plan[k].catalogue.published
            self._next_published[k] = k if published else self._next_published[k + 1]

    def plan_place(self, entry: VersionEntry) -> int:
        """The version's place in the plan (list.index compared whole entries, field by field)."""
        return self._plan_places[entry.version]

    def in_force(self, meeting: Meeting) -> "InForce":
        """Which plan version was in force on the meeting's date, as far as the catalogue and the
        meetings tell.

        What the catalogue's dates tell changes only on one of its dates, so it is worked out once
        for each span between two of them and looked up by date: linear in the number of meetings.
        A version whose draft this meeting or a later one discussed then narrows it for the meeting."""
        if not meeting.date:
            return InForce(None, [], False)
        known = bisect.bisect_right(self._out_dates, meeting.date)  # versions out by then
        if known not in self._in_force:
            self._in_force[known] = self._in_force_on(known)
        state = self._in_force[known]
        # A version whose draft (案) this meeting or a later one discussed was not in force yet, nor
        # any after it (versions are published in number order): the sources tell what dates cannot.
        for k, entry in enumerate(state.undetermined):
            if entry.last_draft is not None and entry.last_draft.date >= meeting.date:
                return InForce(state.version, state.undetermined[:k], state.version is None and k == 0, entry)
        return state

    def _in_force_on(self, known: int) -> "InForce":
        """In the span where `known` versions are known to be out (published, or published_by):
        versions are published in number order, so the latest of them is in force, unless one
        whose date is unknown, between it and the next one published later, is."""
        latest = self._latest_out[known - 1] if known else -1
        upper = self._next_published[latest + 1]
        undetermined = self.plan[latest + 1:upper]
        return InForce(self.plan[latest] if latest >= 0 else None, undetermined,
                       before_first=latest < 0 and not undetermined and upper < len(self.plan))


@dataclass
class InForce:
    version: Optional[VersionEntry]  # the latest version published by the date
    undetermined: list[VersionEntry]  # later versions whose publication date is unknown
    before_first: bool  # the date precedes every known publication: no plan yet
    not_yet: Optional[VersionEntry] = None  # a later version still a draft at this meeting (its last_draft)

    @property
    def certain(self) -> bool:
        return self.version is not None and not self.undetermined


def build_archive(meetings: list[Meeting], catalogues: Optional[Catalogues] = None) -> Archive:
    catalogues = catalogues or Catalogues()
    diagnostics: list[Diagnostic] = []
    kept = _unique(meetings, diagnostics)
    _same_day(kept, diagnostics)
    archive = Archive(kept, catalogues.families, diagnostics)
    archive.organizations = catalogues.organizations
    archive.people = _people(archive.meetings)
    _match_documents(archive, catalogues.families)
    archive.set_plan(_plan_versions(archive, catalogues.plan_versions))
    plan_family = archive.family_by_id.get(PLAN_FAMILY)
    for meeting in archive.meetings:
        state = archive.in_force(meeting)
        if state.certain:
            state.version.in_force_at.append(meeting)
        if plan_family and meeting.date:
            _draft_on_agenda(archive, meeting, state, plan_family)
    return archive


# What follows the plan's name in an agenda item that puts a draft of it up: 自治体DX推進計画骨子
# について, …推進計画改定案の修正案等について, …推進計画（案） (not …推進計画の重点取組事項（案）, a
# draft of something else, nor …計画の案件). Compared as titles are (documents.title_key).
_DRAFT_AFTER_NAME = re.compile(r"の?(?:骨子|素案|改定案|改定（案）|（改定案）|（案）|案(?!件))")


def _draft_on_agenda(archive: Archive, meeting: Meeting, state: "InForce", plan: Family) -> None:
    """A dated meeting whose agenda or a heading puts up a draft of the plan without its version
    discussed the next version published after it, when the catalogue tells which that is: none
    of unknown date could come first."""
    after = archive.plan_place(state.version) + 1 if state.version else 0
    if state.undetermined or after >= len(archive.plan):
        return
    version = archive.plan[after]
    if not (version.catalogue and version.catalogue.published) or any(
            c.meeting is meeting for c in version.materials):  # its draft is named in the materials
        return
    # A heading first: it leads to what was said of the draft
    places = [(s.heading, s.anchor) for s in meeting.sections if s.heading]
    places += [(item.text, "agenda") for top in meeting.agenda for item in (top, *top.items)]
    names = [title_key(alias) for alias in plan.aliases]
    named = next(((text, anchor) for text, anchor in places if _names_a_draft(title_key(text), names)), None)
    if named:
        version.agenda_drafts.append(AgendaDraft(meeting, *named))


def _names_a_draft(key: str, names: list[str]) -> bool:
    return any(_DRAFT_AFTER_NAME.match(key, at + len(name))
               for name in names for at in [key.find(name)] if at >= 0)


# Which of two sources claiming one meeting number is published: a number printed in the title
# beats one a maintainer supplied in a sidecar, which beats one inferred from the material list,
# which beats an id that is only a file name; file-name order decides only between equals.
# number_source → how the number is known, most trusted first.
_NUMBER_HOW = {"text": "a printed number", "supplement": "a number from a sidecar",
               "inferred": "a number inferred from the material list", None: "an id from a file name"}
_NUMBER_TRUST = {source: rank for rank, source in enumerate(_NUMBER_HOW)}


def _unique(meetings: list[Meeting], diagnostics: list[Diagnostic]) -> list[Meeting]:
    """Of the meetings claiming one id, one of the archive's own committee is kept before one of
    another (a 研究会's 第3回 dropped into source/ must not take over /meetings/003/), then the most
    trusted, then the first by file name without .txt, so that a copy saved beside a file under its
    name and more (038 (1).txt, 038のコピー.txt) never replaces it; the others are dropped with an error naming
    both places: the file and line each took its number from (the sidecar's, for a supplied number)."""
    own = _main_committee(meetings)

    def foreign(meeting: Meeting) -> bool:
        return own is not None and meeting.committee is not None and without_spaces(meeting.committee) != own

    def rank(meeting: Meeting) -> tuple:
        return foreign(meeting), _NUMBER_TRUST[meeting.number_source]

    by_id: dict[str, Meeting] = {}
    # By name without .txt: 038 before 038 (1) and 038のコピー, a copy never before its original.
    for meeting in sorted(meetings, key=lambda m: (*rank(m), m.source_file.removesuffix(".txt"))):
        other = by_id.get(meeting.id)
        if other is not None:
            why = ""
            if foreign(meeting) and not foreign(other):
                why = f", and this copy is of another committee ({meeting.committee})"
            elif other.number_source != meeting.number_source:
                why = f", and {_NUMBER_HOW[other.number_source]} wins over {_NUMBER_HOW[meeting.number_source]}"
            diagnostics.append(Diagnostic(
                *_number_place(meeting), ERROR,
                f"meeting {meeting.id} is also claimed by {place(*_number_place(other))}{why}; this copy is skipped",
            ))
            continue
        by_id[meeting.id] = meeting
    return sorted(by_id.values(), key=meeting_order)


def _same_day(meetings: list[Meeting], diagnostics: list[Diagnostic]) -> None:
    """A study group does not meet twice a day: two meetings with one date are most likely one
    meeting in two copies (one without its number, published as a meeting of its own)."""
    first: dict[str, Meeting] = {}
    for meeting in sorted((m for m in meetings if m.date), key=lambda m: m.source_file):
        other = first.setdefault(meeting.date, meeting)
        if other is not meeting:
            diagnostics.append(Diagnostic(
                f"source/{meeting.source_file}", None, WARNING,
                f"meeting {meeting.id} has the date of meeting {other.id} (source/{other.source_file}), "
                f"{meeting.date}: is one a copy of the other?"))


def _main_committee(meetings: list[Meeting]) -> Optional[str]:
    """The committee most meetings name (without spaces; the first by name on a tie), if any."""
    counts = Counter(without_spaces(m.committee) for m in meetings if m.committee)
    return min(counts, key=lambda name: (-counts[name], name)) if counts else None


def _number_place(meeting: Meeting) -> tuple[str, Optional[int]]:
    """Where a meeting's number (and so its id) comes from; the source file alone for an id made
    from the file's name."""
    if meeting.number_source == "supplement":
        return f"source/{sidecar_of(meeting.source_file)}", meeting.number_line
    return f"source/{meeting.source_file}", meeting.number_line


def _people(meetings: list[Meeting]) -> list[Person]:
    """One person per person_id: 庄司 昌彦 in 第3回 and 第27回 is one person; 田中 聖也 ≠ 田中 良斉."""
    memberships: dict[str, list[Membership]] = {}
    for meeting in meetings:
        for attendee in meeting.attendees:
            memberships.setdefault(attendee.person_id, []).append(Membership(meeting, attendee))
    people = []
    for person_id, items in sorted(memberships.items()):
        names = list(dict.fromkeys(m.attendee.name for m in reversed(items)))
        people.append(Person(person_id, names[0], names[1:], items))
    return people


def roster_ranks(meetings: list[Meeting]) -> dict[str, int]:
    """Each person's place (by person_id) in the order the rosters of `meetings` (in meeting order)
    give: those on the latest roster first, as it prints them (構成員 五十音順, 幹事 by post), then
    those whose last roster is older, as that one prints them. Never by name: code-point order of
    kanji names reads as no order at all, and a merge of rosters that never print two people
    together would have to guess."""
    last: dict[str, tuple[int, int]] = {}
    for k, meeting in enumerate(meetings):  # in meeting order: a later roster overrides
        for position, attendee in enumerate(meeting.attendees):
            last[attendee.person_id] = (-k, position)
    return {person: rank for rank, person in enumerate(sorted(last, key=last.__getitem__))}


def _match_documents(archive: Archive, families: list[Family]) -> None:
    archive.documents = {family.id: [] for family in families}
    matcher = TitleMatcher(families)
    for meeting in archive.meetings:
        for index, material in enumerate(meeting.materials):
            found = matcher.match(material.title)
            material.document, material.version = found.family, found.version
            material.draft, material.variant = found.draft, found.variant
            carried = Carried(meeting, material, index)
            if found.family:
                archive.documents[found.family].append(carried)
            else:
                archive.unmatched.append(carried)
                archive.diagnostics.append(Diagnostic(
                    f"source/{meeting.source_file}", material.line, WARNING,
                    f"material {material.id or '(unnumbered)'} matches no document family in "
                    f"source/{DOCUMENTS_FILE}: {material.title}"))


def _plan_versions(archive: Archive, catalogue: list[PlanVersion]) -> list[VersionEntry]:
    entries = {v.version: VersionEntry(v.version, v) for v in catalogue}
    for carried in archive.documents.get(PLAN_FAMILY, []):
        if carried.material.version:
            entries.setdefault(carried.material.version, VersionEntry(carried.material.version, None)) \
                .materials.append(carried)

    def mention(text: str, meeting: Meeting, statement: Optional[Statement], section: Optional[Section] = None):
        for version in dict.fromkeys(v for _, _, v in plan_version_mentions(text)):
            entries.setdefault(version, VersionEntry(version, None)).mentions.append(Mention(meeting, statement, section))

    for meeting in archive.meetings:
        for section in meeting.sections:
            # A heading names a version too (…推進計画【第5.0版】の公表について): the version page
            # said no one had mentioned it while the meeting's record listed it.
            mention(section.heading or "", meeting, None, section)
            for statement in section.statements:
                mention(statement.text, meeting, statement)
    for entry in entries.values():
        if entry.catalogue is None:
            archive.diagnostics.append(Diagnostic(
                f"source/{PLAN_VERSIONS_FILE}", None, WARNING,
                f"version {entry.version} of 自治体DX推進計画 is named in the sources but not in the catalogue"))
    return sorted(entries.values(), key=lambda e: version_key(e.version))
