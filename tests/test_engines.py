"""Second build engine: `make site ENGINE=zensical` makes the same site as MkDocs from the same docs.

MkDocs' site is the session fixture built_site; Zensical's is the session fixture zensical_site
(tests/conftest.py), built once in its own copy of the project. What is equal by design: the set of pages (every meeting page among them), the content
of each page (the theme's <article>, with every statement anchor), the files copied from docs/, and
our phrase index (MkDocs writes it from a hook, Zensical's comes from its pages afterwards). What
differs is the theme's own assets and its search dialog, under which our worker runs for both
(tests/browser/test_search_zensical.py; see README, "Build engines").
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.search_index import INDEX_PATH, article, page_blocks

from .linkcheck import _Page as Links
from .linkcheck import broken_links, resolve


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_every_meeting_page_is_built_by_both_engines(built_site, zensical_project, zensical_site):
    meetings = {p.stem for p in (zensical_project / "docs" / "meetings").glob("*.md")} - {"index"}
    assert len(meetings) == 5
    for site in (built_site, zensical_site):
        assert {p.name for p in (site / "meetings").iterdir() if p.is_dir()} == meetings
        for meeting_id in meetings:
            assert (site / "meetings" / meeting_id / "index.html").is_file()


def test_both_engines_build_the_same_pages(built_site, zensical_site):
    assert html_pages(zensical_site) == html_pages(built_site)


def content(site: Path, page: str) -> tuple[set[str], list[str], str]:
    """What a page's <article> holds, as a reader sees it: anchors, link targets and text.

    Not its bytes: Zensical writes links otherwise (../../members/庄司昌彦/ for MkDocs'
    ../../members/%E5%BA%84…/, ../data/meetings.json for meetings.json) and adds an id="__skip".
    """
    html = article((site / page).read_text(encoding="utf-8"))
    assert html is not None, f"{site / page}: no <article>"
    parsed = Links()
    parsed.feed(html)
    targets = []
    for href in parsed.links:
        target, fragment = resolve(site, page, href)
        targets.append(f"{target}#{fragment}" if target else href)  # another host's: as written
    text = " ".join(block["x"] for block in page_blocks(html, "", ""))
    return parsed.ids - {"__skip"}, sorted(targets), text


def test_every_page_has_the_same_content(built_site, zensical_site):
    differing = [page for page in sorted(html_pages(built_site))
                 if content(built_site, page) != content(zensical_site, page)]
    assert differing == []


def test_statement_anchors_under_zensical(zensical_site):
    html = (zensical_site / "meetings" / "027" / "index.html").read_text(encoding="utf-8")
    assert 'id="s1-6"' in html and 'id="s2-2"' in html and 'id="s1"' in html


def test_files_from_docs_are_copied_unchanged(zensical_project, built_site, zensical_site):
    docs = zensical_project / "docs"
    copied = [p.relative_to(docs) for p in docs.rglob("*") if p.is_file() and p.suffix != ".md"
              and not any(part.startswith(".") for part in p.relative_to(docs).parts)]  # bookkeeping
    assert len(copied) > 10  # data files, feed, raw sources, our CSS and search worker
    for name in copied:
        assert (zensical_site / name).read_bytes() == (built_site / name).read_bytes(), name


def test_the_phrase_index_is_the_same(built_site, zensical_site):
    assert (zensical_site / INDEX_PATH).read_bytes() == (built_site / INDEX_PATH).read_bytes()


def test_no_broken_internal_link_or_anchor_under_zensical(zensical_site):
    assert broken_links(zensical_site) == []


def test_every_page_points_feed_readers_to_the_feed(built_site, zensical_site):
    for site in (built_site, zensical_site):
        for page, href in (("index.html", "feed.xml"), ("meetings/027/index.html", "../../feed.xml")):
            html = (site / page).read_text(encoding="utf-8")
            # Zensical writes ./feed.xml where MkDocs writes feed.xml: the same address.
            assert re.search(rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
                             rf'href="(?:\./)?{re.escape(href)}"', html), (site, page)
