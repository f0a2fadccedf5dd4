"""Versions of 自治体DX推進計画: which meetings carried their drafts, which statements name them."""

from __future__ import annotations

from collections.abc import Collection

from ..catalogue import PLAN_FAMILY, PLAN_VERSIONS_FILE
from ..index import Archive, VersionEntry
from ..markdown_text import md
from .common import (PLAN_INDEX, UNKNOWN, date_label, family_page, in_force_label, link, material_link, meeting_link,
                     render, version_anchor, version_page)
from .sources import published_link


INFERRED = "（議題から推定）"  # a meeting that put up a draft of the plan without naming the version


def _published(entry: VersionEntry) -> str:
    if entry.catalogue is None:
        return "不明（目録に未収録）"
    if entry.catalogue.published_by:
        return f"{UNKNOWN}（{entry.catalogue.published_by}までに公表）"
    return entry.catalogue.published or UNKNOWN


def render_plan_index(archive: Archive, published: Collection[str]) -> str:
    here = PLAN_INDEX
    versions = [{
        "version": f"[第{e.version}版]({link(here, version_page(e.version))})",
        "label": md(e.catalogue.label) if e.catalogue else "–",
        "published": _published(e),
        "meetings": "、".join([meeting_link(here, m) for m in e.meetings]
                             + [meeting_link(here, d.meeting) + INFERRED for d in e.agenda_drafts]) or "–",
        "mentions": len(e.mentions),
    } for e in archive.plan]
    in_force = [{
        "meeting": meeting_link(here, meeting),
        "date": date_label(meeting),
        "version": in_force_label(archive, meeting, here),
    } for meeting in archive.meetings]
    return render("plan_index.md.j2", versions=versions, in_force=in_force,
                  catalogue=published_link(here, PLAN_VERSIONS_FILE, published))


def render_version(archive: Archive, entry: VersionEntry) -> str:
    here = version_page(entry.version)
    materials = [{
        "meeting": meeting_link(here, c.meeting),
        "date": date_label(c.meeting),
        "material": material_link(here, c),
        "title": md(c.material.title),
    } for c in entry.materials]
    mentions = [{
        "where": meeting_link(here, m.meeting, m.statement.id, after=f"の発言{m.statement.id[1:]}"),
        "text": md(m.statement.text),
    } if m.statement else {
        "where": meeting_link(here, m.meeting, m.section.anchor, after="の見出し"),
        "text": md(m.section.heading),
    } for m in entry.mentions]
    agenda_drafts = [{"where": meeting_link(here, d.meeting, d.anchor), "date": date_label(d.meeting), "text": md(d.text)}
                     for d in entry.agenda_drafts]
    return render(
        "plan_version.md.j2", entry=entry, published=_published(entry), materials=materials,
        mentions=mentions, agenda_drafts=agenda_drafts,
        family=f"[自治体DX推進計画]({link(here, family_page(PLAN_FAMILY), version_anchor(entry.version) if entry.materials else None)})",
        in_force_at=[f"{meeting_link(here, m)}（{date_label(m)}）" for m in entry.in_force_at],
    )
