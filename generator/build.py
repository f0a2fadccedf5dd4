"""The pipeline: gather every source, parse and validate all of them, index, render.

Nothing is written here; the caller writes only once everything has been gathered and checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from .catalogue import DOCUMENTS_FILE, ORGANIZATIONS_FILE, PLAN_VERSIONS_FILE, load_catalogues
from .index import Archive, build_archive
from .model import ERROR, WARNING, Diagnostic
from .parse import parse_source
from .render import render_site

# YAML files in source/ that are catalogues, not sidecars of one source.
CATALOGUES = frozenset({DOCUMENTS_FILE, PLAN_VERSIONS_FILE, ORGANIZATIONS_FILE})


@dataclass
class Source:
    name: str  # file name inside source/
    data: bytes
    sidecar: Optional[str]  # sidecar YAML text, if source/<stem>.yml exists


@dataclass
class Generation:
    archive: Archive
    files: dict[str, str | bytes]  # path under docs/ → text (or bytes, for published sources)
    diagnostics: list[Diagnostic]
    skipped: list[str]  # sources not published because of errors

    def failed(self, strict: bool) -> bool:
        bad = (ERROR, WARNING) if strict else (ERROR,)
        return any(d.severity in bad for d in self.diagnostics)


def gather(source_dir: Path) -> tuple[list[Source], list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    sources = []
    texts = sorted(source_dir.glob("*.txt"))
    stems = {path.stem for path in texts}
    for path in texts:
        sidecar_path = path.with_suffix(".yml")
        sidecar = None
        if sidecar_path.is_file():
            try:
                sidecar = sidecar_path.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                diagnostics.append(Diagnostic(f"source/{sidecar_path.name}", None, ERROR,
                                              f"sidecar is not UTF-8 (byte {exc.start})"))
        sources.append(Source(path.name, path.read_bytes(), sidecar))
    for path in sorted(source_dir.glob("*.yml")):
        if path.stem not in stems and path.name not in CATALOGUES:
            diagnostics.append(Diagnostic(f"source/{path.name}", None, WARNING,
                                          f"sidecar has no source text source/{path.stem}.txt"))
    return sources, diagnostics


def _read_catalogue(source_dir: Path, name: str) -> Optional[str]:
    path = source_dir / name
    return path.read_text(encoding="utf-8-sig") if path.is_file() else None


def site_url_of(config: Path) -> str:
    """The site's canonical address from mkdocs.yml (`site_url`), ending in a slash."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    url = str(data.get("site_url") or "http://localhost:8000/")
    return url if url.endswith("/") else url + "/"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV or !!python tags; their values do not matter here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def generate(source_dir: Path, site_url: Optional[str] = None) -> Generation:
    site_url = site_url or site_url_of(source_dir.parent / "mkdocs.yml")
    sources, diagnostics = gather(source_dir)
    catalogues, problems = load_catalogues(_read_catalogue(source_dir, DOCUMENTS_FILE),
                                           _read_catalogue(source_dir, PLAN_VERSIONS_FILE),
                                           _read_catalogue(source_dir, ORGANIZATIONS_FILE))
    diagnostics += problems
    meetings, skipped = [], []
    for source in sources:
        result = parse_source(source.name, source.data, source.sidecar)
        diagnostics += result.diagnostics
        if result.ok:
            meetings.append(result.meeting)
        else:
            skipped.append(source.name)
    archive = build_archive(meetings, catalogues)
    archive.organizations = catalogues.organizations
    diagnostics += archive.diagnostics
    skipped += sorted(set(m.source_file for m in meetings) - set(m.source_file for m in archive.meetings))
    published = {s.name: s.data for s in sources if s.name in {m.source_file for m in archive.meetings}}
    return Generation(archive, render_site(archive, published, site_url), diagnostics, skipped)
