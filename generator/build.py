"""The pipeline: gather every source, parse and validate all of them, index, and set up the pages.

Nothing is written into docs/ here (only parse results and compiled templates into a cache folder,
when given one); the caller writes once everything has been gathered and checked.
Pages are rendered as the writer takes them (render.Pages), so a large site is never held whole.
"""

from __future__ import annotations

import codecs
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .cache import Outcome, SourceFolder, code_fingerprint, read_folder
from .catalogue import DOCUMENTS_FILE, ORGANIZATIONS_FILE, PLAN_VERSIONS_FILE, load_catalogues
from .index import Archive, build_archive
from .layout import config_of
from .diagnostic import ERROR, WARNING, Diagnostic
from .model import sidecar_of
from .normalize import line_at
from .parse import parse_source
from .parse_cache import ParseCache
from .render import Pages, keep_compiled_templates, render_site
from .search_index import read_mkdocs_config

TEMPLATES = "templates"  # the compiled templates' folder in the cache folder
# YAML files in source/ that are catalogues, not sidecars of one source (in load_catalogues' order).
CATALOGUES = (DOCUMENTS_FILE, PLAN_VERSIONS_FILE, ORGANIZATIONS_FILE)


@dataclass
class Source:
    name: str  # file name inside source/
    data: bytes
    sidecar: Optional[str]  # sidecar YAML text, if source/<stem>.yml exists
    unreadable: list[Diagnostic] = field(default_factory=list)  # the text or its sidecar cannot be read


@dataclass
class Generation:
    archive: Archive
    files: Pages  # path under docs/ → text (or bytes, for published sources), rendered when read
    diagnostics: list[Diagnostic]
    skipped: list[str]  # sources not published because of errors
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each stage, for `make bench`
    site_url: str = ""  # the canonical address the pages, feed and data carry

    def outcome(self) -> Outcome:
        """What the build reports (and a later build with nothing to do tells again)."""
        counts = self.archive.counts
        summary = f"{counts['meetings']} meetings, {counts['statements']} statements"
        return Outcome(self.diagnostics, self.skipped, summary, self.site_url)


def gather(folder: SourceFolder) -> tuple[list[Source], list[Diagnostic]]:
    diagnostics = list(folder.passed_over)
    sources = []
    sidecars = set()
    names = sorted([*folder.files, *folder.unreadable])
    for name in (name for name in names if name.endswith(".txt")):
        sidecar_name = sidecar_of(name)
        sidecars.add(sidecar_name)
        sidecar, sidecar_unreadable = _yaml_text(folder, sidecar_name, "sidecar")
        unreadable = [d for d in (folder.unreadable.get(name), sidecar_unreadable) if d]
        sources.append(Source(name, folder.files.get(name, b""), sidecar, unreadable))
    for name in names:
        if name.endswith(".yml") and name not in sidecars and name not in CATALOGUES:
            diagnostics += [folder.unreadable[name]] if name in folder.unreadable else []
            diagnostics.append(Diagnostic(f"source/{name}", None, WARNING,
                                          f"sidecar has no source text source/{name.removesuffix('.yml')}.txt"))
    return sources, diagnostics


def _yaml_text(folder: SourceFolder, name: str, what: str) -> tuple[Optional[str], Optional[Diagnostic]]:
    """A YAML file of source/ as text (UTF-8, a BOM allowed), or why it cannot be read; (None, None)
    when there is no such file."""
    if name in folder.unreadable:
        return None, folder.unreadable[name]
    if name not in folder.files:
        return None, None
    data = folder.files[name]
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8"), None
    except UnicodeDecodeError as exc:
        offset = bom + exc.start  # in the file, as an editor counts: the BOM too
        return None, Diagnostic(f"source/{name}", line_at(data, offset, "utf-8"), ERROR,
                                f"{what} is not UTF-8 (byte {offset}): save it as UTF-8")


def site_url_of(config: Path) -> str:
    """The site's canonical address from mkdocs.yml (`site_url`), ending in a slash."""
    try:
        data = read_mkdocs_config(config)
    except (OSError, ValueError):
        data = {}
    url = str(data.get("site_url") or "http://localhost:8000/")
    return url if url.endswith("/") else url + "/"


@contextmanager
def _timed(seconds: dict[str, float], stage: str):
    started = time.perf_counter()
    yield
    seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started


def generate(source_dir: Path, site_url: Optional[str] = None, cache_dir: Optional[Path] = None,
             folder: Optional[SourceFolder] = None) -> Generation:
    """Every source parsed (or taken from the cache when its bytes and sidecar are unchanged) and
    indexed, and the pages set up (rendered as the writer takes them).
    `cache_dir`: where parse results and compiled templates are kept from build to build, if anywhere;
    `folder`: source_dir's files as read_folder read them, when the caller already has them."""
    site_url = site_url or site_url_of(config_of(source_dir))
    seconds: dict[str, float] = {}
    cache = ParseCache(cache_dir, code_fingerprint()) if cache_dir else None
    keep_compiled_templates(cache_dir / TEMPLATES if cache_dir else None, cache.code[:16] if cache else "")
    with _timed(seconds, "read"):
        folder = read_folder(source_dir) if folder is None else folder
        sources, diagnostics = gather(folder)
        catalogue_texts = []
        for name in CATALOGUES:
            text, unreadable = _yaml_text(folder, name, "catalogue")  # unreadable: built without it
            catalogue_texts.append(text)
            if unreadable:
                diagnostics.append(unreadable)
    with _timed(seconds, "parse"):
        catalogues, problems = load_catalogues(*catalogue_texts)
        diagnostics += problems
        meetings, skipped = [], []
        for source in sources:
            if source.unreadable:  # the text or its sidecar cannot be read: skip it, as any broken sidecar
                diagnostics += source.unreadable
                skipped.append(source.name)
                continue
            result = (cache.parsed(source.name, source.data, source.sidecar, parse_source) if cache
                      else parse_source(source.name, source.data, source.sidecar))
            diagnostics += result.diagnostics
            if result.ok:
                meetings.append(result.meeting)
            else:
                skipped.append(source.name)
        if cache:
            cache.save_parsed()
    with _timed(seconds, "index"):
        archive = build_archive(meetings, catalogues)
        diagnostics += archive.diagnostics
        kept = {m.source_file for m in archive.meetings}
        skipped += sorted({m.source_file for m in meetings} - kept)
    with _timed(seconds, "render"):
        # Each published text, and the YAML behind the pages as it was read: the text's sidecar (its
        # 補記 and their sources) and each catalogue the index and plan pages refer to.
        published = {}
        for source in (s for s in sources if s.name in kept):
            published[source.name] = source.data
            if source.sidecar is not None:
                sidecar = sidecar_of(source.name)
                published[sidecar] = folder.files[sidecar]
        published |= {name: folder.files[name] for name, text in zip(CATALOGUES, catalogue_texts) if text is not None}
        files = render_site(archive, published, site_url, cache.code if cache else None)
    return Generation(archive, files, diagnostics, skipped, seconds, site_url)
