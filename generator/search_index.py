"""The site's search index: every built page cut into blocks at its anchors, as plain text.

Run as an MkDocs hook (mkdocs.yml `hooks:`), so the index holds exactly what each page shows:
a meeting page gives one block per section heading, statement (#s1-3) and material row (#m1-1),
so that a search result links to the statement itself. Matching happens in the browser
(docs/assets/search/phrase-worker.js): exact phrases over NFKC-folded text without white space.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

INDEX_PATH = "search/phrase_index.json"
_ANCHORED = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_CLASSES = {"headerlink", "statement-id", "source-lines"}  # link labels, not content
_MATERIAL_ANCHOR = re.compile(r"[mr]-?\d+(?:-\d+)*")  # m1-1, r2, m-3: see render.common.material_anchor
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "col", "area", "base", "source", "track"}


class _Blocks(HTMLParser):
    """Cut a page's HTML into (anchor, heading, text) blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list] = [["", "", []]]  # anchor, heading, text parts
        self.heading = ""
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

    def handle_data(self, data):
        if self.skip_depth:
            return
        self.blocks[-1][2].append(data)
        if self.in_heading is not None:
            self.in_heading.append(data)


def page_blocks(html: str, url: str, title: str) -> list[dict]:
    parser = _Blocks()
    parser.feed(html)
    docs = []
    for anchor, heading, parts in parser.blocks:
        text = " ".join("".join(parts).split())
        if text:
            docs.append({"l": url + (f"#{anchor}" if anchor else ""), "t": title, "s": heading, "x": text})
    return docs


# ---------------------------------------------------------------- MkDocs hook events

_docs: list[dict] = []


def on_pre_build(config, **kwargs):
    _docs.clear()


def on_page_content(html, page, config, files, **kwargs):
    search = page.meta.get("search") or {}
    if not (isinstance(search, dict) and search.get("exclude")):
        _docs.extend(page_blocks(html, page.url, page.title or ""))
    return html


def on_post_build(config, **kwargs):
    path = Path(config["site_dir"]) / INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    docs = sorted(_docs, key=lambda d: d["l"])  # deterministic, whatever order pages were built in
    path.write_text(json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
