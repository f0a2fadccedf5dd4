"""All meetings → the archive: order, cross-meeting checks, and the people index."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ERROR, Attendee, Diagnostic, Meeting


def meeting_order(meeting: Meeting) -> tuple:
    """By date; meetings with unknown dates last, then by number and id (never by file order)."""
    return (meeting.date is None, meeting.date or "", meeting.number is None, meeting.number or 0, meeting.id)


@dataclass
class Archive:
    meetings: list[Meeting]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    people: dict[str, list[tuple[Meeting, Attendee]]] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "meetings": len(self.meetings),
            "people": len(self.people),
            "materials": sum(len(m.materials) for m in self.meetings),
            "statements": sum(m.statement_count for m in self.meetings),
        }


def build_archive(meetings: list[Meeting]) -> Archive:
    """Meetings whose id another source already claims are dropped with an error naming both."""
    diagnostics: list[Diagnostic] = []
    by_id: dict[str, Meeting] = {}
    for meeting in sorted(meetings, key=lambda m: m.source_file):
        other = by_id.get(meeting.id)
        if other is not None:
            diagnostics.append(Diagnostic(
                f"source/{meeting.source_file}", None, ERROR,
                f"meeting {meeting.id} is also claimed by source/{other.source_file}; this copy is skipped",
            ))
            continue
        by_id[meeting.id] = meeting
    kept = sorted(by_id.values(), key=meeting_order)
    people: dict[str, list[tuple[Meeting, Attendee]]] = {}
    for meeting in kept:
        for attendee in meeting.attendees:
            people.setdefault(attendee.person_id, []).append((meeting, attendee))
    return Archive(kept, diagnostics, dict(sorted(people.items())))
