"""Archive → page texts (Markdown with front matter) and data files, as strings. Writes nothing."""

from __future__ import annotations

from pathlib import Path

from ..index import Archive
from .common import family_page, meeting_page, person_page, version_page
from .data import render_meetings_json, render_people_json
from .exports import render_csvs, render_feed
from .popolo import render_popolo

SCHEMAS = Path(__file__).parent.parent / "schemas"  # JSON Schemas of the data files, published beside them
from .documents import render_documents_index, render_family, render_materials
from .meetings import render_home, render_meeting, render_meetings_index
from .members import render_matrix, render_members_index, render_person
from .plan import render_plan_index, render_version
from .sources import render_source, source_file, source_page

__all__ = ["render_site", "render_meeting"]


def render_site(archive: Archive, sources: dict[str, bytes], site_url: str) -> dict[str, str | bytes]:
    """Every generated file under docs/, by path relative to docs/. `sources` holds the raw
    bytes of each published meeting's source file, by file name; `site_url` is the canonical
    address that citations and the feed use."""
    files = {
        "index.md": render_home(archive),
        "meetings/index.md": render_meetings_index(archive),
        "members/index.md": render_members_index(archive),
        "members/matrix.md": render_matrix(archive),
        "documents/index.md": render_documents_index(archive),
        "materials.md": render_materials(archive),
        "plan/index.md": render_plan_index(archive),
        "data/meetings.json": render_meetings_json(archive),
        "data/people.json": render_people_json(archive),
        "data/popolo.json": render_popolo(archive, site_url),
        **{f"data/{p.name}": p.read_text(encoding="utf-8") for p in sorted(SCHEMAS.glob("*.schema.json"))},
        "feed.xml": render_feed(archive, site_url),
        **render_csvs(archive, site_url),
    }
    for meeting in archive.meetings:
        files[meeting_page(meeting)] = render_meeting(meeting, archive, site_url)
        files[source_page(meeting)] = render_source(meeting, sources[meeting.source_file])
        files[source_file(meeting)] = sources[meeting.source_file]
    for person in archive.people:
        files[person_page(person.id)] = render_person(person)
    for family in archive.families:
        files[family_page(family.id)] = render_family(archive, family.id)
    for entry in archive.plan:
        files[version_page(entry.version)] = render_version(archive, entry)
    return files
