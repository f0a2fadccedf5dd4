"""Archive → page texts (Markdown with front matter) and data files, as text or bytes. Writes nothing."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Optional

from ..index import Archive
from .common import (DOCUMENTS_INDEX, HOME_PAGE, MATERIALS_PAGE, MEETINGS_INDEX, MEMBERS_INDEX, PLAN_INDEX, family_page,
                     keep_compiled_templates, meeting_page, person_page, version_page)
from .data import render_meetings_json, render_people_json
from .documents import render_documents_index, render_family, render_materials
from .exports import CSV_FILES, render_csv, render_feed
from .meetings import meeting_context, render_home, render_meeting, render_meetings_index
from .members import matrix_pages, person_context, render_members_index, render_person
from .plan import render_plan_index, render_version
from .popolo import render_popolo
from .sources import published_path, render_source, source_page

SCHEMAS = Path(__file__).parent.parent / "schemas"  # JSON Schemas of the data files, published beside them

__all__ = ["Pages", "render_site", "render_meeting", "keep_compiled_templates"]


class Pages(Mapping[str, "str | bytes"]):
    """Every generated file by its path under docs/, each rendered only when asked for: the writer
    takes one at a time, so the site (400 MB at 4,000 meetings) is never in memory whole.
    `keys`: for the files made from a few inputs alone (a meeting's page and source page, a person's
    page, a published file of source/), a digest of all of them and of the code, by path: a file
    whose key is the one it had when docs/ last received it need not be made or read again.
    `seconds` adds up the time spent rendering and `made` counts the files asked for (rendered, or
    a file of source/ published as it is), for the stage timings."""

    def __init__(self) -> None:
        self._makers: dict[str, Callable[[], "str | bytes"]] = {}
        self.keys: dict[str, str] = {}
        self.seconds = 0.0
        self.made = 0

    def add(self, path: str, make: Callable[[], "str | bytes"]) -> None:
        if path in self._makers:  # one page would silently replace another: a fault of the generator
            raise ValueError(f"two generated files at docs/{path}")
        self._makers[path] = make

    def __getitem__(self, path: str) -> "str | bytes":
        started = time.perf_counter()
        try:
            return self._makers[path]()
        finally:
            self.seconds += time.perf_counter() - started
            self.made += 1

    def __contains__(self, path: object) -> bool:  # Mapping's would render the page to find out
        return path in self._makers

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def render_site(archive: Archive, sources: dict[str, bytes], site_url: str, code: Optional[str] = None) -> Pages:
    """Every generated file under docs/, by path relative to docs/. `sources` holds the raw
    bytes of each file of source/ the site publishes, by file name: each published meeting's text,
    and YAML files (sidecars, catalogues) published as they are; `site_url` is the canonical
    address that citations and the feed use. Pages are rendered when read from the result.
    `code`: the generator's fingerprint, given to key the pages that can be (Pages.keys)."""
    pages = Pages()
    pages.add(HOME_PAGE, lambda: render_home(archive))
    pages.add(MEETINGS_INDEX, lambda: render_meetings_index(archive))
    pages.add(MEMBERS_INDEX, lambda: render_members_index(archive))
    for path, make in matrix_pages(archive).items():
        pages.add(path, make)
    published = sources.keys()
    pages.add(DOCUMENTS_INDEX, lambda: render_documents_index(archive, published))
    pages.add(MATERIALS_PAGE, lambda: render_materials(archive))
    pages.add(PLAN_INDEX, lambda: render_plan_index(archive, published))
    pages.add("data/meetings.json", lambda: render_meetings_json(archive))
    pages.add("data/people.json", lambda: render_people_json(archive))
    pages.add("data/popolo.json", lambda: render_popolo(archive, site_url))
    for schema in sorted(SCHEMAS.glob("*.schema.json")):
        pages.add(f"data/{schema.name}", lambda schema=schema: schema.read_text(encoding="utf-8"))
    pages.add("feed.xml", lambda: render_feed(archive, site_url))
    for path in CSV_FILES:
        pages.add(path, lambda path=path: render_csv(path, archive, site_url))
    for meeting in archive.meetings:
        data = sources[meeting.source_file]
        pages.add(meeting_page(meeting), lambda m=meeting: render_meeting(m, archive, site_url))
        pages.add(source_page(meeting), lambda m=meeting, data=data: render_source(m, data))
    for name, data in sources.items():
        pages.add(published_path(name), lambda data=data: data)
    cells: dict[str, tuple[str, str]] = {}  # a meeting's cells on person pages, made once
    for person in archive.people:
        pages.add(person_page(person.id), lambda p=person: render_person(p, cells))
    for family in archive.families:
        pages.add(family_page(family.id), lambda f=family: render_family(archive, f))
    for entry in archive.plan:
        pages.add(version_page(entry.version), lambda e=entry: render_version(archive, e))
    if code is not None:
        pages.keys = page_keys(archive, sources, site_url, code, cells)
    return pages


def page_keys(archive: Archive, sources: dict[str, bytes], site_url: str, code: str,
              cells: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The keys of the files made from a few inputs alone (Pages.keys), by path: what each one's
    maker reads, and the code. A context is made here and again to render the page, if it must
    be, rather than held (a person's holds a row for each meeting they are listed at: 55,000 rows
    at 4,000 meetings). `cells`: person_context's, shared with the person pages' makers."""
    keys = {}
    for meeting in archive.meetings:
        record = _canonical(meeting)  # the source's digest is in it
        keys[meeting_page(meeting)] = _key(code, site_url, "meeting", record,
                                           _canonical(meeting_context(meeting, archive)))
        keys[source_page(meeting)] = _key(code, "source", record)
    for name, data in sources.items():  # as they are: keyed by their bytes, which need not be read again
        keys[published_path(name)] = _key(code, "published", data)
    for person in archive.people:
        keys[person_page(person.id)] = _key(code, "person", _canonical(person_context(person, cells)))
    return keys


def _canonical(value: object) -> str:
    """value written out whole: dataclasses, lists, tuples, dicts and strings by their repr, which
    names every field and each value in full. Not pickle, whose bytes depend on which strings a
    record shares (a record parsed now and one loaded from the parse cache differ), and which
    leaves a UTF-8 copy on every Japanese string it writes (46 MB more at 4,000 meetings).
    tests/test_incremental.py checks that no dataclass leaves a field out of its repr."""
    return repr(value)


def _key(*parts: "str | bytes") -> str:
    digest = hashlib.sha256()
    for part in parts:  # each part's length first: ("ab", "c") and ("a", "bc") differ
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()
