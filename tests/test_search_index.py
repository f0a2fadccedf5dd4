"""The phrase index's page reader (search_index.page_blocks, a regex tokenizer for speed) gives what
a reader on html.parser gives: on markup chosen to trip a tokenizer, and on every built page."""

from html.parser import HTMLParser

import pytest

from generator.search_index import (_ANCHORED, _MATERIAL_ANCHOR, _SKIP_CLASSES, _VOID, article, index_entries,
                                     page_blocks)


class _Reference(HTMLParser):
    """The index's rules on html.parser's events: a block at each anchored heading, statement and
    material row; no text from a skipped element; the first <h1>'s text as a title of last resort."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list] = [["", "", []]]
        self.heading, self.h1 = "", None
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


def reference_blocks(html: str, url: str, title: str | None) -> list[dict]:
    parser = _Reference()
    parser.feed(html)
    return index_entries(parser.blocks, url, parser.h1 or "" if title is None else title)


TRICKY = {
    "entities": '<h1 id="t">A &amp; B &lt;C&gt; &#x41;&#66;</h1><p>x&nbsp;y &copy; 1 &lt; 2</p>',
    "a > inside a quoted attribute": '<p class="statement" id="s1-1" title="a > b">発言 1</p><p>次</p>',
    "single quotes, no quotes, upper case": "<H2 ID='h' CLASS=x>見出し</H2><P class=statement id=s2-1>本文</P>",
    "an entity in an id": '<h2 id="a&amp;b">見出し</h2><p>本文</p>',
    "a repeated attribute": '<p class="statement" class="other" id="s1" id="s2">どちら</p>',
    "a skipped element inside a heading": '<h2 id="h">見出し<a class="headerlink" href="#h">¶</a></h2><p>本文</p>',
    "a skipped element with nested tags": '<div class="meeting-nav"><a href="x"><span>次</span></a></div><p>残る</p>',
    "void and self-closing tags": '<p>改<br>行<br/>と<img src="x" alt="画像"><span/>空</p><span id="m1"/>資料',
    "a comment and a declaration": "<!DOCTYPE html><p>前<!-- <h2 id='x'>コメント</h2> -->後</p>",
    "a lone less-than sign": "<p>1 < 2 と a<b ではない <3</p>",
    "an end tag with no start": "</div></p><p>本文</p></span>",
    "a material row": '<table><tr><td><span id="m1-1">資料1-1</span></td><td>名称</td></tr>'
                      '<tr><td><span id="r2">参考資料2</span></td></tr><tr><td><span id="x1">他</span></td></tr></table>',
    "no heading at all": "<p>ただの本文</p>",
    "white space in tags": '<p\n class="statement"\n id="s3-2" >本文</p >',
    "a skipped element that ends itself": '<p><a class="headerlink"/>本文</p><p>次</p>',
    "a slash that ends an unquoted value": '<h2 id=h/>見出し</h2><p>本文</p>',
    "an end tag that closes nothing open": '<h2 id="h">A</p></h2><p>x</p>',
    "unfinished tags": "<p>x</p>" + "<a<b " * 300 + "<p>y</p>",
}


@pytest.mark.parametrize("html", TRICKY.values(), ids=TRICKY.keys())
@pytest.mark.parametrize("title", [None, "題"])
def test_the_reader_reads_markup_as_html_parser_does(html, title):
    assert page_blocks(html, "page/", title) == reference_blocks(html, "page/", title)


def test_what_the_reader_makes_of_some_cases():
    """Not only alike: right (a reader that read nothing would pass the test above)."""
    def read(case):
        return [(block["l"], block["s"], block["x"]) for block in page_blocks(TRICKY[case], "", None)]
    assert read("entities") == [("#t", "A & B <C> AB", "A & B <C> ABx y © 1 < 2")]
    assert read("a > inside a quoted attribute") == [("#s1-1", "", "発言 1次")]
    assert read("single quotes, no quotes, upper case") == [("#h", "見出し", "見出し"), ("#s2-1", "見出し", "本文")]
    assert read("a skipped element inside a heading") == [("#h", "見出し", "見出し本文")]
    assert read("void and self-closing tags") == [("", "", "改行と空"), ("#m1", "", "資料")]
    assert read("a comment and a declaration") == [("", "", "前後")]
    assert read("a material row") == [("#m1-1", "", "資料1-1名称"), ("#r2", "", "参考資料2他")]
    assert read("a skipped element that ends itself") == [("", "", "本文次")]
    assert read("a slash that ends an unquoted value") == [("#h/", "見出し", "見出し本文")]
    assert read("an end tag that closes nothing open") == [("#h", "", "Ax")]
    assert page_blocks("<h1 id='t'>題</h1><p>本文</p>", "p/", None)[0]["t"] == "題"


@pytest.mark.parametrize("site_fixture", ["built_site", "zensical_site"])  # MkDocs' pages, Zensical's
def test_every_built_page_is_read_as_html_parser_reads_it(site_fixture, request):
    site = request.getfixturevalue(site_fixture)
    pages = 0
    for path in sorted(site.rglob("*.html")):
        content = article(path.read_text(encoding="utf-8"))
        if content is None:
            continue
        pages += 1
        assert page_blocks(content, "u/", None) == reference_blocks(content, "u/", None), path
    assert pages > 20
