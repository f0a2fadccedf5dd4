"""Documents: the families with their versions, and the list of every material."""

from __future__ import annotations

from collections.abc import Collection

from ..catalogue import DOCUMENTS_FILE, PLAN_FAMILY, Family
from ..index import Archive, Carried
from ..markdown_text import md
from ..model import Material, version_key
from .common import (DOCUMENTS_INDEX, MATERIALS_PAGE, date_label, document_link, family_page, link, material_link,
                     meeting_link, render, version_anchor, version_page)
from .sources import published_link


def _kind(material: Material) -> str:
    parts = [p for p in (material.variant, "案" if material.draft else None) if p]
    return "・".join(parts) or "–"


def _by_version(items: list[Carried]) -> list[tuple[str | None, list[Carried]]]:
    by_version: dict[str, list[Carried]] = {}
    unversioned = []
    for carried in items:  # one pass: an archive of 4,000 meetings carries 500 versions of the plan
        if carried.material.version:
            by_version.setdefault(carried.material.version, []).append(carried)
        else:
            unversioned.append(carried)
    groups = [(v, by_version[v]) for v in sorted(by_version, key=version_key)]
    return groups + ([(None, unversioned)] if unversioned else [])


def render_documents_index(archive: Archive, published: Collection[str]) -> str:
    here = DOCUMENTS_INDEX
    families = []
    for family in archive.families:
        items = archive.documents[family.id]
        versions = [v for v, _ in _by_version(items) if v]
        families.append({
            "name": f"[{md(family.name)}]({link(here, family_page(family.id))})",
            "versions": "、".join(f"第{v}版" for v in versions) or "–",
            "materials": len(items),
            "meetings": len({id(c.meeting) for c in items}),
        })
    other = [{"meeting": meeting_link(here, c.meeting),
              "material": material_link(here, c), "title": md(c.material.title)} for c in archive.unmatched]
    return render("documents_index.md.j2", families=families, other=other,
                  catalogue=published_link(here, DOCUMENTS_FILE, published))


def render_family(archive: Archive, family: Family) -> str:
    here = family_page(family.id)
    parent = archive.family_by_id.get(family.part_of)
    sections = []
    for version, items in _by_version(archive.documents[family.id]):
        rows = [{"meeting": meeting_link(here, c.meeting),
                 "date": date_label(c.meeting), "material": material_link(here, c),
                 "title": md(c.material.title), "kind": _kind(c.material)} for c in items]
        plan_link = (f"[計画の版のページ]({link(here, version_page(version))})"
                     if version and family.id == PLAN_FAMILY else None)
        sections.append({"title": f"第{version}版" if version else "版の記載なし",
                         "anchor": version_anchor(version), "rows": rows, "plan_link": plan_link})
    return render("family.md.j2", family=family, sections=sections,
                  parent=f"[{md(parent.name)}]({link(here, family_page(parent.id))})" if parent else None)


def render_materials(archive: Archive) -> str:
    here = MATERIALS_PAGE
    rows = []
    for meeting in archive.meetings:
        for index, material in enumerate(meeting.materials):
            rows.append({"meeting": meeting_link(here, meeting),
                         "date": date_label(meeting), "material": material_link(here, Carried(meeting, material, index)),
                         "title": md(material.title), "document": document_link(here, material, archive.family_by_id),
                         "disclosure": md(material.disclosure or "記載なし")})
    return render("materials.md.j2", rows=rows)
