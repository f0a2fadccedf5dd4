"""Catalogues that are knowledge, not code: document families (source/documents.yml), the
versions of 自治体DX推進計画 with their publication dates (source/plan_versions.yml), and the
bodies named in affiliations (source/organizations.yml)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Optional

import yaml

from .diagnostic import ERROR, Diagnostic
from .model import INDEX_PAGE, version_key

DOCUMENTS_FILE = "documents.yml"
PLAN_VERSIONS_FILE = "plan_versions.yml"
ORGANIZATIONS_FILE = "organizations.yml"
PLAN_FAMILY = "dx-plan"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VERSION = re.compile(r"^\d+(?:\.\d+)?$")


@dataclass
class Family:
    id: str
    name: str
    short: str
    aliases: list[str]
    source: str
    part_of: Optional[str] = None


@dataclass
class PlanVersion:
    version: str
    label: str
    published: Optional[str]  # ISO date, or None when not known
    source: str
    note: Optional[str] = None
    # When the date is not known: a date by which the version had certainly been published (a
    # meeting then spoke of it as out), as the source says
    published_by: Optional[str] = None

    @property
    def out_by(self) -> Optional[str]:
        """The date from which the version is known to have been out: its publication, or else
        published_by."""
        return self.published or self.published_by


@dataclass
class Organization:
    id: str
    name: str
    classification: str


@dataclass
class Catalogues:
    families: list[Family] = field(default_factory=list)
    plan_versions: list[PlanVersion] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)


def _load(name: str, text: Optional[str], diagnostics: list[Diagnostic]) -> Any:
    if text is None:
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        diagnostics.append(Diagnostic(f"source/{name}", mark.line + 1 if mark else None, ERROR,
                                      f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return None


def _item_lines(text: str, key: str) -> list[int]:
    """Line of each `- <key>:` item, so that a problem can name its place."""
    return [i for i, line in enumerate(text.splitlines(), 1) if re.match(rf"^\s*-\s+{key}\s*:", line)]


def _error(name: str, line: Optional[int], message: str) -> Diagnostic:
    return Diagnostic(f"source/{name}", line, ERROR, message)


def _items(name: str, text: Optional[str], list_key: str, id_key: str,
           diagnostics: list[Diagnostic]) -> list[tuple[Any, Optional[int]]]:
    """The entries under `list_key`, each with the line it starts on (for diagnostics)."""
    data = _load(name, text, diagnostics)
    if data is None:
        return []
    items = data.get(list_key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        diagnostics.append(_error(name, 1, f"needs a list under '{list_key}'"))
        return []
    lines = _item_lines(text, id_key)
    return [(item, lines[i] if i < len(lines) else None) for i, item in enumerate(items)]


def load_catalogues(documents_text: Optional[str], versions_text: Optional[str],
                    organizations_text: Optional[str] = None) -> tuple[Catalogues, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    catalogues = Catalogues()
    ids: set[str] = set()
    for item, line in _items(DOCUMENTS_FILE, documents_text, "families", "id", diagnostics):
        family = _family(item, line, diagnostics)
        if family and family.id in ids:
            # Both would be published at documents/<id>.md: the first is kept.
            diagnostics.append(_error(DOCUMENTS_FILE, line, f"family id {family.id!r} is used twice: this one is left out"))
        elif family:
            catalogues.families.append(family)
            ids.add(family.id)
    for family in catalogues.families:
        if family.part_of and family.part_of not in ids:
            diagnostics.append(_error(DOCUMENTS_FILE, None, f"{family.id}: part_of names no family: {family.part_of!r}"))
    for item, line in _items(PLAN_VERSIONS_FILE, versions_text, "versions", "version", diagnostics):
        version = _plan_version(item, line, diagnostics)
        if version:
            catalogues.plan_versions.append(version)
    catalogues.plan_versions.sort(key=lambda v: version_key(v.version))
    for item, line in _items(ORGANIZATIONS_FILE, organizations_text, "organizations", "id", diagnostics):
        if not isinstance(item, dict) or not {"id", "name", "classification"} <= set(item) \
                or not _SLUG.match(str(item["id"])):
            diagnostics.append(_error(ORGANIZATIONS_FILE, line, "an organization needs a slug id, name and classification"))
            continue
        catalogues.organizations.append(Organization(item["id"], str(item["name"]), str(item["classification"])))
    return catalogues, diagnostics


def _family(item: Any, line: Optional[int], diagnostics: list[Diagnostic]) -> Optional[Family]:
    known = {"id", "name", "short", "aliases", "source", "part_of"}
    if not isinstance(item, dict) or not {"id", "name", "aliases", "source"} <= set(item):
        diagnostics.append(_error(DOCUMENTS_FILE, line, "a family needs id, name, aliases and source"))
        return None
    unknown = set(item) - known
    if unknown:
        diagnostics.append(_error(DOCUMENTS_FILE, line, f"unknown keys: {', '.join(sorted(unknown))}"))
    if not _SLUG.match(str(item["id"])):
        diagnostics.append(_error(DOCUMENTS_FILE, line, f"id must be lower-case ASCII with hyphens: {item['id']!r}"))
        return None
    if item["id"] == INDEX_PAGE:  # its page, documents/<id>.md, would replace the list
        diagnostics.append(_error(DOCUMENTS_FILE, line, f"id {item['id']!r} is taken by the page listing all documents"))
        return None
    aliases = item["aliases"]
    if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
        diagnostics.append(_error(DOCUMENTS_FILE, line, f"{item['id']}: aliases must be a list of names"))
        return None
    return Family(id=item["id"], name=str(item["name"]), short=str(item.get("short") or item["name"]),
                  aliases=aliases, source=str(item["source"]), part_of=item.get("part_of"))


def _plan_version(item: Any, line: Optional[int], diagnostics: list[Diagnostic]) -> Optional[PlanVersion]:
    if not isinstance(item, dict) or not {"version", "published", "source"} <= set(item):
        diagnostics.append(_error(PLAN_VERSIONS_FILE, line, "a version needs version, published and source"))
        return None
    unknown = set(item) - {"version", "label", "published", "published_by", "source", "note"}
    if unknown:
        diagnostics.append(_error(PLAN_VERSIONS_FILE, line, f"unknown keys: {', '.join(sorted(unknown))}"))
    version = str(item["version"])
    if not _VERSION.match(version):
        diagnostics.append(_error(PLAN_VERSIONS_FILE, line, f"version must look like 3.0, not {version!r}"))
        return None
    published = item["published"]
    if published is not None and not isinstance(published, dt.date):
        diagnostics.append(_error(PLAN_VERSIONS_FILE, line, f"published must be an ISO date or null, not {published!r}"))
        return None
    published_by = item.get("published_by")
    if published_by is not None and published is not None:
        diagnostics.append(_error(PLAN_VERSIONS_FILE, line, "published_by is only for a version whose published is null"))
        return None
    if published_by is not None and not isinstance(published_by, dt.date):
        diagnostics.append(_error(PLAN_VERSIONS_FILE, line, f"published_by must be an ISO date, not {published_by!r}"))
        return None
    return PlanVersion(version=version, label=str(item.get("label") or f"第{version}版"),
                       published=published.isoformat() if published else None,
                       source=str(item["source"]), note=item.get("note"),
                       published_by=published_by.isoformat() if published_by else None)
