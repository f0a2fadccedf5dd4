"""Under Zensical (`make site ENGINE=zensical`) the header search is its own dialog, in the page's
shadow DOM, and underneath it still runs our worker over our phrase index: the same pages found as
under Material, shown as the Zensical sections that hold the hits.

Expected pages are computed here from site/search/phrase_index.json with the query rules of
test_search (every phrase within one block of the page), and the meetings from the source texts.
"""

import json
import re
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from generator.search_index import INDEX_PATH

from ..linkcheck import read_page
from .chromium import serve
from .phrases import fold, query_terms

QUERIES = ["生成 AI", "ＬＧＷＡＮ", "外部人材 活用", "Q&A", "第 4.0 版"]
ABSENT = "存在しない語句"


@pytest.fixture(scope="module")
def zensical(zensical_site):
    """Zensical's site (tests/conftest.py: built once for the session) and where it is served."""
    with serve(zensical_site) as url:
        yield zensical_site, url


def indexed_pages(site, query) -> set[str]:
    """The pages having each phrase of the query within one of their blocks, by our index."""
    blocks: dict[str, list[str]] = {}
    for doc in json.loads((site / INDEX_PATH).read_text(encoding="utf-8"))["docs"]:
        blocks.setdefault(unquote(doc["l"]).split("#")[0], []).append(fold(doc["x"]))
    return {page for page, texts in blocks.items() if all(any(t in x for x in texts) for t in query_terms(query))}


def open_search(page, url):
    """A page of Zensical's site with its search dialog open: the box to type into."""
    page.goto(url + "meetings/027/")
    page.locator(".md-search__button").click()
    return page.get_by_role("combobox")


def results(page, status: str, mark: str = "") -> tuple[list[str], list[str]]:
    """Once the status line matches (and the first result's mark, for a query after another: the
    status of the one before matches too): the result links and their marked text. Zensical says
    "No results" while the worker still loads the index, so a status of none means after some."""
    expect(page.locator("dialog [role=status]")).to_have_text(re.compile(status), timeout=10000)
    if mark:
        expect(page.locator("dialog a[role=option] mark").first).to_have_text(re.compile(mark), timeout=10000)
    count = re.match(r"\d+", page.locator("dialog [role=status]").inner_text())
    options = page.locator("dialog a[role=option]")
    expect(options).to_have_count(int(count.group()) if count else 0)  # the list renders after the status
    return options.evaluate_all("els => els.map(e => e.href)"), options.locator("mark").all_inner_texts()


SOME = r"^\d+ results?$"


def target(url, href) -> tuple[str, str]:
    """A result's page (site-relative, as the index writes it, decoded) and its anchor."""
    parts = urlsplit(href)
    return unquote(parts.path).removeprefix(urlsplit(url).path), parts.fragment


@pytest.mark.parametrize("query", QUERIES)
def test_zensical_search_finds_exactly_the_pages_with_the_phrase(watched, zensical, meeting_sources, query):
    site, url = zensical
    open_search(watched.page, url).fill(query)
    links, marks = results(watched.page, SOME)
    found = {target(url, href)[0] for href in links}
    assert found == indexed_pages(site, query)
    meetings = {page for page, text in meeting_sources.items() if all(t in text for t in query_terms(query))}
    assert meetings and meetings <= found  # a page may say more than its source (the plan in force)
    # Every mark is a hit: one of the phrases, or several (AND) that the UI joined into one mark
    assert marks and all(any(t in fold(m) for t in query_terms(query)) for m in marks)
    assert watched.errors == [] and watched.hosts <= {"127.0.0.1"}


def test_each_result_links_to_a_section_of_a_built_page(watched, zensical):
    site, url = zensical
    open_search(watched.page, url).fill("生成 AI")
    links, _ = results(watched.page, SOME)
    for href in links:
        page, anchor = target(url, href)
        assert anchor and anchor in read_page(site / page / "index.html").ids, href


def test_a_phrase_present_nowhere_finds_nothing(watched, zensical):
    site, url = zensical
    assert indexed_pages(site, ABSENT) == set()
    box = open_search(watched.page, url)
    for query in ("ＬＧＷＡＮ", ABSENT):  # the first has the index loaded: then "No results" is an answer
        box.fill(query)
        links, _ = results(watched.page, SOME if query != ABSENT else "^No results$")
    assert links == []


def test_our_index_is_fetched_at_the_first_query_only(watched, zensical):
    _, url = zensical
    box = open_search(watched.page, url)
    expect(watched.page.locator("dialog")).to_be_visible()
    assert not any(INDEX_PATH in u for u in watched.urls)
    for query, mark in (("ＬＧＷＡＮ", "LGWAN|ＬＧＷＡＮ"), ("生成 AI", "AI|ＡＩ")):
        box.fill(query)
        results(watched.page, SOME, mark)
    assert sum(INDEX_PATH in u for u in watched.urls) == 1


def test_a_result_opens_its_section_at_an_address_to_cite(watched, zensical):
    """As under Material (test_search): the page opened from a result has no ?h= in its address,
    which a reader copying it to cite the meeting would carry along."""
    _, url = zensical
    open_search(watched.page, url).fill("アナログ規制")
    links, _ = results(watched.page, SOME)
    assert any("meetings/027/" in link for link in links)
    watched.page.locator('dialog a[role=option][href*="meetings/027/"]').first.click()
    watched.page.wait_for_url(re.compile(r"meetings/027/.*#"))  # the result's page, at its section
    watched.page.wait_for_load_state("load")
    parts = urlsplit(watched.page.url)
    assert parts.path.endswith("/meetings/027/") and "h=" not in parts.query and parts.fragment
