"""Check every internal link and anchor of a built static site."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])


def read_page(path: Path) -> _Page:
    """A built page's ids (anchors) and links."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def read_site(site: Path) -> dict[str, _Page]:
    return {path.relative_to(site).as_posix(): read_page(path) for path in site.rglob("*.html")}


def resolve(site: Path, page: str, href: str) -> tuple[str | None, str]:
    """(target file relative to site, fragment); None for links that leave the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if href.split("#")[0].endswith("/") or (site / target).is_dir():
        target = posixpath.join(target, "index.html")
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    pages = read_site(site)
    problems = []
    for name, page in sorted(pages.items()):
        if name == "404.html":  # MkDocs writes it with absolute links for any depth
            continue
        for href in page.links:
            target, fragment = resolve(site, name, href)
            if target is None:
                continue
            if not (site / target).is_file():
                problems.append(f"{name}: {href} → missing {target}")
            elif fragment and target in pages and fragment not in pages[target].ids:
                problems.append(f"{name}: {href} → no #{fragment} in {target}")
    return problems


def reachable(site: Path, start: str = "index.html") -> set[str]:
    pages = read_site(site)
    seen, todo = {start}, [start]
    while todo:
        name = todo.pop()
        for href in pages[name].links:
            target, _ = resolve(site, name, href)
            if target in pages and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
