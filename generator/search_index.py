"""The site's search index: every built page cut into blocks at its anchors, as plain text.

Run as an MkDocs hook (mkdocs.yml `hooks:`), so the index holds exactly what each page shows:
a meeting page gives one block per section heading, statement (#s1-3) and material row (#m1-1),
so that a search result links to the statement itself. Matching happens in the browser
(docs/assets/search/phrase-worker.js): exact phrases over NFKC-folded text without white space.

Zensical runs no MkDocs hooks, so after `zensical build` the same index is written from the built
pages by `python -m generator search-index` (write_site_index): each page of docs/ is read back
from its built HTML, with the title and search exclusion MkDocs would have given it.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import yaml

INDEX_PATH = "search/phrase_index.json"
_ANCHORED = {"h1", "h2", "h3", "h4", "h5", "h6"}
# What a page adds to the text rather than says from it (the plan version in force, the citation).
NOT_SEARCHED = "not-searched"
_SKIP_CLASSES = {"headerlink", "statement-id", "source-lines", "meeting-nav", NOT_SEARCHED}  # link labels, not content
_MATERIAL_ANCHOR = re.compile(r"[mr]-?\d+(?:-\d+)*")  # m1-1, r2, m-3: see render.common.material_anchor
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "col", "area", "base", "source", "track"}


class _Blocks(HTMLParser):
    """Cut a page's HTML into (anchor, heading, text) blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list] = [["", "", []]]  # anchor, heading, text parts
        self.heading = ""
        self.h1: str | None = None  # the page title when nothing else names it, as in MkDocs
        self.in_heading: list[str] | None = None
        self.skip_depth = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        self.stack.append(tag)
        if self.skip_depth or classes & _SKIP_CLASSES:
            self.skip_depth += 1
            return
        anchor = attrs.get("id")
        statement = tag == "p" and "statement" in classes
        material = tag == "span" and bool(anchor) and _MATERIAL_ANCHOR.fullmatch(anchor) is not None
        if anchor and (tag in _ANCHORED or statement or material):
            self.blocks.append([anchor, self.heading, []])
            if tag in _ANCHORED:
                self.in_heading = []

    def handle_endtag(self, tag):
        if tag in _VOID or not self.stack:
            return
        self.stack.pop()
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in _ANCHORED and self.in_heading is not None:
            self.heading = " ".join("".join(self.in_heading).split())
            self.blocks[-1][1] = self.heading
            self.in_heading = None
            if tag == "h1" and self.h1 is None:
                self.h1 = self.heading

    def handle_data(self, data):
        if self.skip_depth:
            return
        self.blocks[-1][2].append(data)
        if self.in_heading is not None:
            self.in_heading.append(data)


def page_blocks(html: str, url: str, title: str | None) -> list[dict]:
    """A page's blocks; a title of None means the text of its first <h1 id=…>."""
    parser = _Blocks()
    parser.feed(html)
    if title is None:
        title = parser.h1 or ""
    docs = []
    for anchor, heading, parts in parser.blocks:
        text = " ".join("".join(parts).split())
        if text:
            docs.append({"l": url + (f"#{anchor}" if anchor else ""), "t": title, "s": heading, "x": text})
    return docs


def excluded(meta: dict) -> bool:
    """Front matter `search: {exclude: true}` keeps a page out of the index (the raw source pages)."""
    search = meta.get("search") or {}
    return isinstance(search, dict) and bool(search.get("exclude"))


def write_index(site_dir: Path, docs: list[dict]) -> Path:
    path = site_dir / INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    docs = sorted(docs, key=lambda d: d["l"])  # deterministic, whatever order pages were built in
    path.write_text(json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


# ---------------------------------------------------------------- MkDocs hook events

_docs: list[dict] = []


def on_pre_build(config, **kwargs):
    _docs.clear()


def on_page_content(html, page, config, files, **kwargs):
    if not excluded(page.meta):
        _docs.extend(page_blocks(html, page.url, page.title or ""))
    return html


def on_post_build(config, **kwargs):
    write_index(Path(config["site_dir"]), _docs)


# ---------------------------------------------------------------- from a built site (Zensical)

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)(?:---|\.\.\.)\s*\n", re.S)
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*)</article>', re.S)


def article(page_html: str) -> str | None:
    """The inside of the theme's <article>: the content the hook sees (the theme adds nothing to
    it for our pages: they all have an <h1> and there is no repo_url for edit buttons)."""
    found = _ARTICLE.search(page_html)
    return found.group(1) if found else None


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV or !!python/name tags; none of them matter for the keys read here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_config(config_file: Path) -> dict:
    """mkdocs.yml as plain data (tags read as null); ValueError if it is not. Here, not in the package, because MkDocs loads
    this module as a hook from its path; generator.build reads site_url with it too."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), _ConfigLoader)
    except yaml.YAMLError as error:  # one kind of error for the callers: not valid settings
        raise ValueError(f"{config_file}: {error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"{config_file}: not a mapping of settings")
    return data


def _nav_titles(nav) -> dict[str, str]:
    """mkdocs.yml nav: Markdown file → the title the nav gives it (which MkDocs prefers)."""
    titles: dict[str, str] = {}
    for item in nav if isinstance(nav, list) else []:
        for title, value in (item.items() if isinstance(item, dict) else []):
            if isinstance(value, str):
                titles[value] = title
            else:
                titles.update(_nav_titles(value))
    return titles


def _destination(page: str) -> str:
    """docs-relative Markdown path → built HTML path, with MkDocs' directory URLs."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def write_site_index(config_file: Path) -> Path:
    """Write the index from the pages another engine built from config_file; return its path."""
    config = read_mkdocs_config(config_file)
    root = config_file.parent
    docs_dir, site_dir = root / config.get("docs_dir", "docs"), root / config.get("site_dir", "site")
    nav_titles = _nav_titles(config.get("nav"))
    docs = []
    for source in sorted(docs_dir.rglob("*.md")):
        page = source.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in page.split("/")):  # docs/.staging/: not built
            continue
        front = _FRONT_MATTER.match(source.read_text(encoding="utf-8"))
        meta = (yaml.safe_load(front.group(1)) if front else None) or {}
        if excluded(meta):
            continue
        built = site_dir / _destination(page)
        content = article(built.read_text(encoding="utf-8"))
        if content is None:
            raise ValueError(f"{built}: no <article class=\"md-content__inner\"> (not a Material page)")
        url = quote(_destination(page).removesuffix("index.html"))
        docs.extend(page_blocks(content, url, nav_titles.get(page) or meta.get("title")))
    return write_index(site_dir, docs)
