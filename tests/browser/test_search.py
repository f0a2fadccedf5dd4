"""The header search finds exactly the pages whose text contains the query.

Expected meetings are computed from the source texts (NFKC, lower case, no white space), with the
query rules written again here in Python, independently of the worker: a space between Japanese
and Latin text joins (生成 AI = 生成AI); one between two Japanese or two Latin words ANDs.
Every meeting whose source contains the query must be found (recall 1.0), and every page found
must contain it in its own text (no page that lacks the phrase).
"""

from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

import pytest

from .phrases import fold, query_terms

QUERIES = [
    # kanji / kana+kanji
    "標準化", "外部人材", "共同利用", "計画期間", "業務量の削減", "脱人減らし", "人材確保",
    # katakana (+ kanji)
    "テレワーク", "ハルシネーション", "アナログ規制", "フロントヤード改革", "マイナンバーカード",
    "ガバメントクラウド",
    # Latin + kanji, with and without the spaces PDF extraction inserts, full-width
    "生成AI", "生成 AI", "DX推進計画", "自治体 DX 推進計画", "ＤＸ推進計画", "ＬＧＷＡＮ", "LGWAN",
    "RPA", "BPR", "Gov-Cloud", "eL-QR", "Q&A", "2040年問題",
    # version numbers
    "第3.0版", "第 4.0 版", "第４．０版",
    # names
    "庄司 昌彦", "原田 智", "原田智", "小牧兼太郎", "石井夏生利", "Japan Digital Design",
    # several words (AND), punctuation, material numbers, nothing
    "外部人材 活用", "LGWAN RPA", "（案）", "資料1-1", "存在しない語句",
]


class _Article(HTMLParser):
    """The text of a page's article: what the reader sees, without the navigation."""

    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in ("br", "img", "hr", "input", "meta", "link", "wbr")
        elif tag == "article":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def article_text(path) -> str:
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return fold("".join(parser.parts))


def header_search(watched, site_url, query) -> list[str]:
    page = watched.page
    page.goto(f"{site_url}?q={quote(query)}")
    page.wait_for_function(
        "() => /件|見つかりません/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=10000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    return sorted({unquote(urlsplit(h).path).removeprefix(urlsplit(site_url).path) for h in hrefs})


@pytest.mark.parametrize("query", QUERIES)
def test_header_search(watched, site_url, built_site, meeting_sources, query):
    terms = query_terms(query)
    found = header_search(watched, site_url, query)
    expected = {url for url, text in meeting_sources.items() if all(t in text for t in terms)}
    assert expected <= set(found), f"missed {sorted(expected - set(found))}"
    for url in found:
        text = article_text(built_site / url / "index.html")
        assert all(t in text for t in terms), f"{url} does not contain {query}"
    assert watched.errors == [] and watched.hosts <= {"127.0.0.1"}


def test_the_query_table_is_of_every_shape_and_finds_things(meeting_sources):
    assert len(QUERIES) >= 30
    found = [q for q in QUERIES if any(all(t in s for t in query_terms(q)) for s in meeting_sources.values())]
    assert len(found) >= 35  # all but the deliberately absent phrase and AND queries that miss


def test_results_link_to_the_statement_with_the_hit_highlighted(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}?q={quote('アナログ規制')}")
    link = page.locator(".md-search-result__item a[href*='#s1-1']").first
    link.wait_for()
    assert "meetings/027/" in link.get_attribute("href")
    assert page.locator(".md-search-result__item mark").first.inner_text() == "アナログ規制"
    # The page opened from the result marks the hit, and its address is the one to cite: the
    # statement's anchor, without the ?h= that carried the query (Material has read it by then).
    link.click()
    page.locator("article mark").first.wait_for()
    assert page.locator("article mark").first.inner_text() == "アナログ規制"
    assert urlsplit(page.url)[2:] == ("/meetings/027/", "", "s1-1")


def test_query_rules():
    assert query_terms("生成 AI") == ["生成ai"]
    assert query_terms("第 3.0 版") == ["第3.0版"]
    assert query_terms("外部人材 活用") == ["外部人材", "活用"]
    assert query_terms("ＬＧＷＡＮ RPA") == ["lgwan", "rpa"]
