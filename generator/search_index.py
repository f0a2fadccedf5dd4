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
from html import unescape
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


# The HTML of a page's content, as Python-Markdown writes it, read as a flat run of tokens: a start
# or end tag (quoted attribute values may hold ">"), a comment or declaration (skipped), or text.
# On such HTML html.parser reads the same events at a third of the speed (5.8 s against 1.8 s
# for the pages of 400 meetings; it was a tenth of their MkDocs build); tests/test_search_index.py
# holds both to the same pages. (Raw <script> or <style>, which html.parser reads as text, never occur.)
# Possessive (*+): a tag that never ends ("<a<a<a…") is given up at once, not tried again at every
# shorter length (which took 50 s for a thousand of them).
_TOKEN = re.compile(r"""<(/?)([A-Za-z][^\s/>]*+)((?:[^>"']|"[^"]*"|'[^']*')*+)>|<!--.*?-->|<[!?][^>]*>|([^<]+|<)""", re.S)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _attributes(text: str) -> dict[str, str]:
    """A start tag's attributes (the last of a repeated name wins, as in dict(html.parser's list);
    one with no value reads as "", where html.parser gives None: only class and id are read)."""
    return {name.lower(): unescape(double or single or bare)
            for name, double, single, bare in _ATTRIBUTE.findall(text)}


def _ends_itself(rest: str) -> bool:
    """Whether a start tag is written as ending itself (<span/>): it ends in a "/" that is not the
    end of an unquoted value (<h2 id=h/> opens an h2 whose id is "h/")."""
    rest = rest.rstrip()
    if not rest.endswith("/"):
        return False
    last = None
    for last in _ATTRIBUTE.finditer(rest):
        pass
    return last is None or last.end() < len(rest) or not last.group(4)


def page_blocks(html: str, url: str, title: str | None) -> list[dict]:
    """A page's blocks, each (anchor, heading, text); a title of None means the text of its first
    <h1 id=…>, as MkDocs names a page that nothing else names."""
    blocks: list[list] = [["", "", []]]  # anchor, heading, text parts
    heading, h1 = "", None
    in_heading: list[str] | None = None  # the text of the heading being read
    skip_depth = 0  # inside an element whose text is not content (a permalink's ¶, a citation)
    open_tags = 0
    for closing, tag, rest, text in _TOKEN.findall(html):
        if text:
            if not skip_depth:
                text = unescape(text) if "&" in text else text
                blocks[-1][2].append(text)
                if in_heading is not None:
                    in_heading.append(text)
            continue
        tag = tag.lower()
        if not tag or tag in _VOID:  # a comment, a declaration, or an element with no end
            continue
        if not closing:
            attributes = _attributes(rest) if rest else {}
            classes = set((attributes.get("class") or "").split())
            open_tags += 1
            if skip_depth or classes & _SKIP_CLASSES:
                skip_depth += 1
            else:
                anchor = attributes.get("id")
                statement = tag == "p" and "statement" in classes
                material = tag == "span" and bool(anchor) and _MATERIAL_ANCHOR.fullmatch(anchor) is not None
                if anchor and (tag in _ANCHORED or statement or material):
                    blocks.append([anchor, heading, []])
                    if tag in _ANCHORED:
                        in_heading = []
            if not _ends_itself(rest):
                continue
        if not open_tags:
            continue
        open_tags -= 1
        if skip_depth:
            skip_depth -= 1
        elif tag in _ANCHORED and in_heading is not None:
            heading = " ".join("".join(in_heading).split())
            blocks[-1][1] = heading
            in_heading = None
            if tag == "h1" and h1 is None:
                h1 = heading
    return index_entries(blocks, url, h1 or "" if title is None else title)


def index_entries(blocks: list[list], url: str, title: str) -> list[dict]:
    """The index's entries for a page's (anchor, heading, text parts) blocks: those with text."""
    docs = []
    for anchor, heading, parts in blocks:
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
    # Then the page is kept out of Material's own (lunr) index, which nothing searches: Material's
    # bundle fetches search/search_index.json on every page load and hands it to our worker, which
    # drops it (1.2 MB at 40 meetings, downloaded by every reader). Its plugin, which reads each
    # page's HTML once more for it, was 15 % of an MkDocs build at 4,000 meetings.
    search = page.meta.get("search")
    page.meta["search"] = {**search, "exclude": True} if isinstance(search, dict) else {"exclude": True}
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
