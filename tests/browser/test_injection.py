"""Source text is data: HTML, Markdown and template syntax in a source render literally on the page
and in search results, tables stay intact, and no injected script ever runs."""

import functools
import http.server
import shutil
import threading
from urllib.parse import quote

import pytest

from generator.normalize import clean

from ..conftest import SOURCE
from ..sitebuild import build_site

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    "[罠](javascript:window.__pwned=3) | 列 | を壊す |",
    "{{ config.site_name }} {% raw %} **太字** `code`",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    source = work / "hostile_source"
    shutil.copytree(SOURCE, source)
    seed = source / "000_1e74b449c9ce0912.txt"
    text = seed.read_text(encoding="utf-8")
    # Each hostile string becomes a statement of its own, a material title and an affiliation.
    statements = "".join(f"\n ○悪意のある発言 {h}。\n" for h in HOSTILE)
    text = text.replace("以上 \n", statements + "\n以上 \n")
    text = text.replace("主なご指摘事項と対応方針", "主なご指摘事項と対応方針" + HOSTILE[1])
    text = text.replace("武蔵大学社会学部メディア社会学科教授", "武蔵大学" + HOSTILE[0])
    seed.write_text(text, encoding="utf-8")
    site = build_site(work, source=source)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_injected_text_shows_literally_and_never_runs(watched, hostile_site):
    page = watched.page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_site + "meetings/027/")
    text = page.locator("article").inner_text()
    for hostile in HOSTILE:  # literally, as the text standard sets it (stray spaces by Latin text go)
        assert clean(f"悪意のある発言 {hostile}") in text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("article script, article img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    # The 出席者 and 資料 tables keep their columns.
    assert page.locator("table").nth(1).locator("tr").first.locator("th").count() == 4
    assert all(row.locator("td").count() == 4 for row in page.locator("table").nth(3).locator("tbody tr").all())
    assert dialogs == []


def test_injected_text_in_search_results_never_runs(watched, hostile_site):
    page = watched.page
    page.goto(f"{hostile_site}?q={quote('悪意のある発言')}")
    page.wait_for_function("() => /件/.test(document.querySelector('.md-search-result__meta').textContent)")
    results = page.locator(".md-search-result").inner_text()
    assert "<script>window.__pwned = 1</script>" in results
    assert page.locator(".md-search-result script, .md-search-result img").count() == 0
    assert page.evaluate("() => window.__pwned") is None
